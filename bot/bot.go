// Package bot is the Telegram front end: it turns updates into questions for
// the advisor and answers into messages with buttons, keeps conversations in
// the store, and paces what it sends. The core (this file and its siblings)
// works on the plain types of update.go and never sees the Telegram library;
// telegram.go adapts github.com/go-telegram/bot to it.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"rongcuo/conversation"
	"runtime/debug"
	"time"
)

// Config is everything the bot needs. Service, Library, Store and Sender
// are required.
type Config struct {
	// Service is the conversation service the web console shares: asking,
	// follow-ups, feedback, access, limits and usage records.
	Service *conversation.Service
	Library Library
	Store   Store
	Sender  Sender

	Username string // the bot's @username, without "@"
	Groups   bool   // answer in groups when mentioned or replied to
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

	// SendRetries is how often a piece of an answer that failed to send
	// (the Bot API unreachable, a 5xx) is tried again, SendBackoff apart at
	// first and twice as long each time; 0 means 3 and 500 ms (3.5 s in
	// all). A negative SendRetries means none.
	SendRetries int
	SendBackoff time.Duration
	// WebLinks issues /web login links for the web console; nil says the
	// console is not offered.
	WebLinks WebLinks
}

// WebLinks issues one-time links that sign a Telegram user in on the web
// console as the same user; web.Links implements it.
type WebLinks interface {
	LoginLink(ctx context.Context, userID int64) (string, error)
}

// Bot is the core handler. It is safe for concurrent use; the Queue gives it
// one update per chat at a time.
type Bot struct {
	cfg Config
	svc *conversation.Service
	log *slog.Logger
}

// New returns the core handler.
func New(cfg Config) (*Bot, error) {
	if cfg.Service == nil || cfg.Library == nil || cfg.Store == nil || cfg.Sender == nil {
		return nil, fmt.Errorf("bot: service, library, store and sender are required")
	}
	if cfg.TypingAfter <= 0 {
		cfg.TypingAfter = 300 * time.Millisecond
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	switch {
	case cfg.SendRetries == 0:
		cfg.SendRetries = 3
	case cfg.SendRetries < 0:
		cfg.SendRetries = 0
	}
	if cfg.SendBackoff <= 0 {
		cfg.SendBackoff = 500 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	// Messages for an update from the durable queue go through its claim.
	cfg.Sender = guardSender{Sender: cfg.Sender, log: cfg.Log}
	b := &Bot{cfg: cfg, svc: cfg.Service, log: cfg.Log}
	b.svc.OnAccessRequest(b.askAdmins)
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
