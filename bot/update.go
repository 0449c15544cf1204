package bot

import "time"

// The core handler sees Telegram through these plain types; the adapter in
// telegram.go converts the library's models to them. Keeping the library out
// of the core lets the conversation logic be tested without any HTTP.

// Chat types, as Telegram names them.
const (
	ChatPrivate    = "private"
	ChatGroup      = "group"
	ChatSupergroup = "supergroup"
	ChatChannel    = "channel"
)

// Kind is what a message carries.
type Kind int

const (
	KindText     Kind = iota
	KindPhoto         // photo or image file
	KindSticker       // sticker, animation, dice
	KindVoice         // voice, audio, video note
	KindVideo         // video
	KindDocument      // any other file
	KindLocation      // location, venue
	KindContact       // contact card
	KindService       // members joined or left, title changed, pinned…: never answered
	KindOther         // polls, games and anything newer
)

// Update is one incoming event. Exactly one of Message and Callback is set.
type Update struct {
	ID       int64
	Received time.Time
	Message  *Message
	Callback *Callback
	// Queued is set for an update that came through the durable queue,
	// which let it in once per update_id: the handler need not
	// de-duplicate it again (and must not, when another replica that died
	// halfway through it left it to this one).
	Queued bool
	entry  string // the queue entry, acknowledged once handled
	claim  *claim // its lease and the messages sent for it (claim.go)
}

// Chat is where a message was sent.
type Chat struct {
	ID   int64
	Type string
}

// User is who sent it.
type User struct {
	ID       int64
	Name     string // first and last name
	Username string
	IsBot    bool
}

// Message is a message to the bot.
type Message struct {
	ID         int
	Chat       Chat
	From       User
	Text       string // text or caption
	Kind       Kind
	Edited     bool // an edit of an earlier message
	Forwarded  bool
	Mentioned  bool      // the bot is @mentioned
	ReplyToBot bool      // a reply to one of the bot's messages
	Document   *Document // the file of a KindDocument message
}

// Callback is a press on one of the bot's inline buttons.
type Callback struct {
	ID        string
	From      User
	Chat      Chat
	MessageID int // the message carrying the button; 0 when Telegram no longer has it
	Data      string
}

// Out is one message to send.
type Out struct {
	ChatID  int64
	Text    string
	HTML    bool // Text is Telegram HTML; otherwise plain text
	Buttons [][]Button
	ReplyTo int
}

// Button is one inline button.
type Button struct {
	Text string
	Data string
}
