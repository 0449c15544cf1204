package conversation

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
)

// Roles. A user's role is the higher of the one stored (granted by an admin,
// or given to a web account) and the one the settings give (RONGCUO_ADMINS,
// RONGCUO_STAFF).
const (
	RoleAdmin = "admin"
	RoleStaff = "staff"
	RoleCadre = "cadre"
)

// Statuses of a user under the access policy.
const (
	StatusActive  = "active"
	StatusPending = "pending"
	StatusDenied  = "denied"
)

// User is a person, whichever channel they come through. Telegram users keep
// their Telegram id; a web account made on the command line gets an id of its
// own (see WebUserID). A Telegram user who signs in on the web through /web
// is the same User: one role, one history. The zero value (Status "") is a
// user never seen under a policy that records them.
type User struct {
	ID        int64
	Role      string
	Status    string
	Name      string // display name at the time of the access request, for admins
	Username  string
	Created   time.Time
	Seen      time.Time
	DecidedBy int64 // admin who approved or denied, or granted the role
	DecidedAt time.Time
}

// WebUserBase is the first id given to web accounts that are not Telegram
// users: Telegram user ids have at most 52 significant bits and group ids are
// negative, so ids from here on never meet either.
const WebUserBase int64 = 1 << 53

// IsWebOnly reports whether id belongs to a web account with no Telegram user.
func IsWebOnly(id int64) bool { return id >= WebUserBase }

// Kinds of usage records.
const (
	KindAnswer   = "answer"
	KindFeedback = "feedback"
)

// UsageRecord is one entry of the usage records admins review: an answer
// given or a rating of one. redisstore's package comment lists its fields as
// stored.
type UsageRecord struct {
	ID            string // storage id; set when read
	Kind          string
	At            time.Time
	AnswerID      string
	User          string // pseudonym, see Pseudonym
	ChatType      string // private, group, supergroup, or web
	Source        string
	Intent        string
	Verdict       string
	Citations     []string
	Cases         []string
	Mode          string
	Latency       time.Duration
	Error         string
	Question      string
	Answer        string
	Model         string
	PromptVersion string
	Passages      []string
	Check         string
	Fallback      string
	Rating        string // "up" or "down"
	Reason        string
	Redacted      bool
	// Delivery is what the user received of an answer: DeliveryFull,
	// DeliveryNone, or "partial N/M" (N of the M messages it was cut into).
	// Empty in records from before it was kept, and for feedback.
	Delivery string
}

// Delivery outcomes of an answer, as UsageRecord.Delivery keeps them.
const (
	DeliveryFull = "delivered"
	DeliveryNone = "failed"
)

// Pseudonym is the user id as the usage records keep it: stable for one
// secret, not reversible without it.
func Pseudonym(secret []byte, userID int64) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(userID, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// Case is the case a chat is working on: the text that opened it, the facts
// gathered so far and the last answer, whose follow-up questions are the live
// ones.
type Case struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	Facts    assess.Facts `json:"facts,omitempty"`
	AnswerID string       `json:"answer_id,omitempty"`
	// FollowUps are the questions under the last answer, still open.
	FollowUps []assess.FollowUp `json:"follow_ups,omitempty"`
	Started   time.Time         `json:"started"`
}

// Begin says what a request needs loaded.
type Begin struct {
	ChatID   int64
	UserID   int64
	UpdateID int64 // 0: no de-duplication
	Count    bool  // the request counts against the rate limit and quota
	Now      time.Time
	// Answer, when set, is an answer id whose mark in this chat is loaded
	// (Session.Answer): a rating must name an answer the chat was given.
	Answer string
	// Once, when set, is the update being handled when the channel's own
	// queue let it in once already (so UpdateID is 0): should the request be
	// handled again (a replica died halfway), the usage record of its
	// answer is still written once (Change.Once).
	Once int64
	// Transcript loads the text of the assistant's turns too, for a page
	// that shows the conversation. Without it an assistant turn comes with
	// its role and time only: answering reads the user's words, and the
	// answers' text is most of what a chat keeps.
	Transcript bool
}

// Session is what Begin loads, in one round trip.
type Session struct {
	Duplicate bool // the update was seen before
	User      User // zero User (but for its ID) when unknown
	Case      Case // zero Case when none
	// Turns are the turns of the current case, oldest first; an assistant
	// turn's Text is empty unless Begin.Transcript.
	Turns   []advisor.Turn
	Pending string     // what the chat's next message answers (a 👎's reason, a staff draft)
	Minute  int64      // requests this minute, this one included (when counted)
	Today   int64      // requests today, this one included (when counted)
	Answer  AnswerMark // the answer Begin.Answer names, as this chat knows it
}

// AnswerMark is an answer a chat was given and its rating there. Known is
// false for an id the chat was never given (forged, another chat's, or
// expired with the history).
type AnswerMark struct {
	ID     string
	Known  bool
	Rating string // "up", "down" or "" (not rated)
}

// Change is what a request leaves behind; nil and empty fields change nothing.
type Change struct {
	ChatID  int64
	UserID  int64
	Turns   []advisor.Turn // appended to the chat, under Case.ID
	Case    *Case          // the chat's case afterwards
	Pending *string        // what the next message answers; "" clears it
	Usage   *UsageRecord   // appended to the usage records
	Seen    time.Time      // when the user was last seen; zero leaves it
	// Answer records an answer given in the chat (Rating "") or its rating.
	Answer *AnswerMark
	// Once, when set, writes Usage only if no usage record was written
	// with the same Once before (within a day).
	Once int64
}

// CaseTurn is a stored turn with the case it belongs to, for the list of past
// conversations.
type CaseTurn struct {
	CaseID string
	advisor.Turn
}
