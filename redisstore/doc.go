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
//	{c:CHATID}:state      hash: case (JSON Case), pending ("ANSWERID|USERID|UNIXSECONDS" of a 👎 awaiting its reason), TTL
//	{c:CHATID}:upd:ID     update-id de-duplication marker, 24 h
//	{c:CHATID}:once:NAME  one-time notices (e.g. "groups are off"), no TTL
//	{u:USERID}            hash: role, status, name, username, created, seen, decided_by, decided_at
//	{u:USERID}:rl:MINUTE  requests in one clock minute (unix minutes), 2 min TTL
//	{u:USERID}:q:DAY      requests in one day (YYYYMMDD, China Standard Time), 48 h TTL
//	users                 set of every user id seen
//	usage                 the usage record stream (below)
//
// # Usage records
//
// The stream "usage" holds one entry per answered question and one per
// feedback, appended with XADD (approximate MAXLEN trimming). Every field is a
// string; absent fields are empty. Consumers (the admin side) read it with
// XRANGE / XREAD, or with [Store.Usage], which parses entries into
// [UsageRecord].
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
//	redacted       "1" when the user asked to forget: question, answer and reason
//	               are removed; the entry is re-added with its original "at"
//
// An answer and its feedback are joined by answer_id.
package redisstore
