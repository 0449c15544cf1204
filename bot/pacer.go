package bot

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Pacer keeps the bot inside Telegram's flood limits: at most one message or
// edit per chat per PerChat, at most one request per Global across the bot,
// and after a 429 nothing at all until its retry_after has passed. A request
// is never dropped: it waits for its slot, and one refused with 429 is sent
// again after the pause. Callback answers skip the per-chat spacing (the
// user is waiting on a spinner) but respect the pause.
type Pacer struct {
	next    Sender
	perChat time.Duration
	global  time.Duration

	mu         sync.Mutex
	chats      map[int64]time.Time // next free slot per chat
	nextGlobal time.Time
	pausedTill time.Time
	retries    int
}

// NewPacer paces next. perChat and global of 0 switch that limit off.
func NewPacer(next Sender, perChat, global time.Duration) *Pacer {
	return &Pacer{next: next, perChat: perChat, global: global, chats: map[int64]time.Time{}, retries: 8}
}

var _ Sender = (*Pacer)(nil)

// reserve books the next slot for a request and returns how long to wait.
func (p *Pacer) reserve(chatID int64, perChat bool) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	t := now
	if p.pausedTill.After(t) {
		t = p.pausedTill
	}
	if p.global > 0 {
		if p.nextGlobal.After(t) {
			t = p.nextGlobal
		}
		p.nextGlobal = t.Add(p.global)
	}
	if perChat && p.perChat > 0 {
		if c := p.chats[chatID]; c.After(t) {
			t = c
		}
		p.chats[chatID] = t.Add(p.perChat)
		if len(p.chats) > 10000 {
			for id, c := range p.chats {
				if c.Before(now) {
					delete(p.chats, id)
				}
			}
		}
	}
	return t.Sub(now)
}

func (p *Pacer) pause(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := time.Now().Add(d); t.After(p.pausedTill) {
		p.pausedTill = t
	}
}

func (p *Pacer) paused() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Until(p.pausedTill)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// do runs one request in its slot, again after any 429.
func (p *Pacer) do(ctx context.Context, chatID int64, perChat bool, req func() error) error {
	for attempt := 0; ; attempt++ {
		if err := sleep(ctx, p.reserve(chatID, perChat)); err != nil {
			return err
		}
		// A 429 seen by another request while this one waited.
		for d := p.paused(); d > 0; d = p.paused() {
			if err := sleep(ctx, d); err != nil {
				return err
			}
		}
		err := req()
		var ra *RetryAfterError
		if !errors.As(err, &ra) || attempt >= p.retries {
			return err
		}
		p.pause(ra.After)
	}
}

func (p *Pacer) Send(ctx context.Context, m Out) (int, error) {
	var id int
	err := p.do(ctx, m.ChatID, true, func() error {
		var err error
		id, err = p.next.Send(ctx, m)
		return err
	})
	return id, err
}

func (p *Pacer) Edit(ctx context.Context, messageID int, m Out) error {
	return p.do(ctx, m.ChatID, true, func() error { return p.next.Edit(ctx, messageID, m) })
}

func (p *Pacer) AnswerCallback(ctx context.Context, id, text string) error {
	return p.do(ctx, 0, false, func() error { return p.next.AnswerCallback(ctx, id, text) })
}

func (p *Pacer) Typing(ctx context.Context, chatID int64) error {
	return p.do(ctx, chatID, false, func() error { return p.next.Typing(ctx, chatID) })
}
