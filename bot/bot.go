// Package bot is the Telegram front end: it turns updates into questions for
// the advisor and answers into messages with buttons, keeps conversations in
// the store, and paces what it sends. The core (this file and its siblings)
// works on the plain types of update.go and never sees the Telegram library;
// telegram.go adapts github.com/go-telegram/bot to it.
package bot

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"rongcuo/assess"
)

// Access policies.
const (
	AccessOpen      = "open"      // anyone may use the bot
	AccessAllowlist = "allowlist" // only users an admin made active (and admins and staff)
	AccessApproval  = "approval"  // new users are pending until an admin approves
)

// Config is everything the bot needs. Advisor, Library, Store and Sender are
// required.
type Config struct {
	Advisor Advisor
	Library Library
	Store   Store
	Sender  Sender
	// Apply records a follow-up answer in the case facts (assess.Apply).
	Apply func(f assess.Facts, key string, r assess.Reply, question string) assess.Facts

	Username   string  // the bot's @username, without "@"
	Admins     []int64 // RONGCUO_ADMINS
	Staff      []int64 // RONGCUO_STAFF
	Access     string  // AccessOpen (default), AccessAllowlist or AccessApproval
	Groups     bool    // answer in groups when mentioned or replied to
	PerMinute  int     // questions per user per minute; 0 means no limit
	PerDay     int     // questions per user per day; 0 means no limit
	MaxText    int     // longest question in characters; 0 means 2,000
	UserSecret []byte  // key of the pseudonymous user ids in usage records
	// TypingAfter is how long an answer may take before the typing indicator
	// shows; 0 means 300 ms.
	TypingAfter time.Duration
	Log         *slog.Logger

	// The staff and admin side; each part left nil switches its commands
	// off (they say so).
	KB     KB     // the live knowledge base (*kblive.Service)
	Review Review // usage review, users and roles (*redisstore.Store)
	Files  Files  // file download and upload; Run fills it in
	Menus  Menus  // per-chat command menus; Run fills it in
	// WaitKB, when set, waits until this process answers from a knowledge
	// base version, so staff are told when a change is in effect.
	WaitKB    func(ctx context.Context, version int64) bool
	MaxUpload int64 // largest file staff may upload, in bytes; 0 means 20 MB
}

// Bot is the core handler. It is safe for concurrent use; the Queue gives it
// one update per chat at a time.
type Bot struct {
	cfg    Config
	admins map[int64]bool
	staff  map[int64]bool
	log    *slog.Logger

	// verified remembers users recently seen active, so restricted access
	// policies keep serving them while the store is down.
	mu       sync.Mutex
	verified map[int64]time.Time
}

// New returns the core handler.
func New(cfg Config) (*Bot, error) {
	if cfg.Advisor == nil || cfg.Library == nil || cfg.Store == nil || cfg.Sender == nil || cfg.Apply == nil {
		return nil, fmt.Errorf("bot: advisor, library, store, sender and apply are required")
	}
	switch cfg.Access {
	case "":
		cfg.Access = AccessOpen
	case AccessOpen, AccessAllowlist, AccessApproval:
	default:
		return nil, fmt.Errorf("bot: access policy %q: want open, allowlist or approval", cfg.Access)
	}
	if len(cfg.UserSecret) < 16 {
		return nil, fmt.Errorf("bot: the user id secret must be at least 16 bytes")
	}
	if cfg.MaxText <= 0 {
		cfg.MaxText = 2000
	}
	if cfg.TypingAfter <= 0 {
		cfg.TypingAfter = 300 * time.Millisecond
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	b := &Bot{cfg: cfg, log: cfg.Log, admins: map[int64]bool{}, staff: map[int64]bool{}, verified: map[int64]time.Time{}}
	for _, id := range cfg.Admins {
		b.admins[id] = true
	}
	for _, id := range cfg.Staff {
		b.staff[id] = true
	}
	return b, nil
}

// Handle handles one update. A panic is recovered, logged with its stack,
// and the user gets an apology.
func (b *Bot) Handle(ctx context.Context, u Update) {
	if u.Received.IsZero() {
		u.Received = time.Now()
	}
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panic", "update", u.ID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			b.apologise(ctx, u)
		}
	}()
	switch {
	case u.Callback != nil:
		b.onCallback(ctx, u)
	case u.Message != nil:
		b.onMessage(ctx, u)
	}
}

func (b *Bot) apologise(ctx context.Context, u Update) {
	defer func() { recover() }() // never let the apology take the process down
	switch {
	case u.Callback != nil:
		b.cfg.Sender.AnswerCallback(ctx, u.Callback.ID, txtSorry)
	case u.Message != nil:
		b.sendPlain(ctx, u.Message.Chat.ID, txtSorry)
	}
}

// answerIDLen is the length of answer ids: 8 base32 characters, 40 random bits.
const answerIDLen = 8

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func newAnswerID() string {
	var b [5]byte
	rand.Read(b[:])
	return strings.ToLower(idEncoding.EncodeToString(b[:]))
}

func newCaseID() string { return newAnswerID() }

func (b *Bot) sendPlain(ctx context.Context, chatID int64, text string) {
	b.sendChoice(ctx, chatID, text, nil)
}

// sendChoice sends plain text with buttons under it.
func (b *Bot) sendChoice(ctx context.Context, chatID int64, text string, buttons [][]Button) {
	if _, err := b.cfg.Sender.Send(ctx, Out{ChatID: chatID, Text: text, Buttons: buttons}); err != nil {
		b.log.Warn("send failed", "chat", chatID, "err", err)
	}
}

func (b *Bot) sendHTML(ctx context.Context, chatID int64, html string, buttons [][]Button) int {
	id, err := b.cfg.Sender.Send(ctx, Out{ChatID: chatID, Text: html, HTML: true, Buttons: buttons})
	if err != nil {
		b.log.Warn("send failed", "chat", chatID, "err", err)
	}
	return id
}
