// Package redisstore keeps the bot's state in Redis through go-redis's
// UniversalClient, so one node, Sentinel and Cluster all work: conversations
// and the current case of each chat, update de-duplication, per-user rate
// limits and daily quotas, users with their role and status, and the usage
// record stream that admins review.
//
// # Keys
//
// Every key starts with the configured prefix (default "rongcuo:"). The keys
// of one chat share the hash tag {c:CHATID} and the keys of one user the hash
// tag {u:USERID}, so a Cluster keeps each group on one slot.
//
//	{c:CHATID}:turns      list of turns "CASEID|ROLE|UNIXNANO|TEXT", last N kept, TTL
//	{c:CHATID}:outline    the same turns with only the user's text ("CASEID|assistant|UNIXNANO|"
//	                      for an answer), what answering reads; kept, trimmed and expired with the turns
//	{c:CHATID}:state      hash: case (JSON Case), pending (see Pending below), TTL
//	{c:CHATID}:upd:ID     update-id de-duplication marker, 24 h
//	{c:CHATID}:answers    hash: answer id → "-" and its rating (up, down or
//	                      nothing), the answers the chat was given, TTL as the turns
//	{c:CHATID}:once:NAME  one-time notices (e.g. "groups are off"), no TTL
//	{u:USERID}            hash: role, status, name, username, created, seen, decided_by, decided_at
//	{u:USERID}:rl:MINUTE  requests in one clock minute (unix minutes), 2 min TTL
//	{u:USERID}:q:DAY      requests in one day (YYYYMMDD, China Standard Time), 48 h TTL
//	{u:USERID}:chats      set of the groups the user spoke in, for /forget, TTL as the turns
//	users                 set of every user id seen
//	usage                 the usage record stream (below)
//	{PREFIXusage}:u:PSEUDONYM   sorted set of the ids of the user's records that
//	                      still hold text (score: at, unix ms), for /forget; on
//	                      the stream's Cluster slot (see forget.go), TTL the
//	                      retention period
//	{PREFIXusage}:indexed-since  id of the first record written with that index;
//	                      0-0 once IndexUsage has indexed the older ones
//	{PREFIXusage}:once:UPDATEID  marker of an update whose answer's usage record
//	                      was written (Change.Once), 24 h: a replica taking over
//	                      a dead one's updates skips those answered already
//	usage:retained        the last stream id the retention job handled
//	audit                 the admin-read audit stream (see audit.go)
//	{PREFIXupdates}       the durable update queue and its keys (see updates.go)
//
// # Usage records
//
// The stream "usage" holds one entry per answered question and one per
// feedback, appended with XADD (approximate MAXLEN trimming). Every field is a
// string; absent fields are empty. Consumers (the admin side) read it with
// XRANGE / XREAD, or with [Store.Usage], which parses entries into
// [conversation.UsageRecord].
//
//	kind           "answer" or "feedback"
//	at             RFC 3339 time with nanoseconds, UTC, when the answer was sent
//	               (for redacted copies: the original time, so order by at)
//	answer_id      id shared by an answer and the feedback on it
//	user           pseudonymous user id: hex HMAC-SHA256 of the decimal Telegram
//	               user id under a secret from the environment
//	chat_type      private, group or supergroup
//	source         what asked: "message" (a text), "followup" (a 是/否/不清楚 button)
//	intent         advisor intent (assessment, definition, procedure, out_of_scope, refused)
//	verdict        likely_tolerable, not_tolerable, needs_more_facts or empty
//	citations      cited provision ids, comma-separated, in order
//	cases          case ids shown, comma-separated
//	mode           offline or llm
//	delivery       answers: what the user received: "delivered", "failed",
//	               or "partial N/M" (N of the M messages the answer was cut into)
//	latency_ms     from the update's arrival to the reply's request, whole milliseconds
//	error          what went wrong, if anything (e.g. "history unavailable")
//	question       the question text as the user sent it (or the follow-up asked)
//	answer         the answer text as sent (Markdown subset of advisor.Advice)
//	model, prompt_version, passages, check, fallback
//	               from advisor.Usage: which model and prompt produced the answer,
//	               the passages given to it (comma-separated), the grounding
//	               check and why a model answer was not used
//	rating         feedback only: "up" or "down"
//	reason         feedback only: the optional reason given after 👎
//	redacted       "1" when the user asked to forget or the retention period
//	               (Options.Retention, default 180 days) passed: question,
//	               answer and reason are removed; the entry is re-added with
//	               its original "at", so read time ranges by "at", not by id
//
// An answer and its feedback are joined by answer_id.
//
// # Pending
//
// The chat state's "pending" says what the chat's next message answers: a
// 👎 awaiting its reason ("ANSWERID|USERID|UNIXSECONDS") or a step of a
// staff member's guided flow ("addcase:" and the draft as JSON).
package redisstore
