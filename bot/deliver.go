package bot

import (
	"context"
	"errors"

	"rongcuo/conversation"
	"sync"
	"time"
)

// deliver sends Markdown as one or more HTML messages, cut between
// paragraphs below Telegram's length limit, with the buttons under the last
// one. A piece Telegram rejects as malformed is sent again as plain text; a
// piece that fails otherwise (the Bot API unreachable, a 5xx) is tried again
// with backoff, within a bound, and the pieces after one that still fails
// are not sent. When a draft was streamed, the first piece replaces it. It
// reports what reached the chat.
func (b *Bot) deliver(ctx context.Context, chatID int64, draft int, md string, buttons [][]Button) conversation.Delivery {
	pieces := Split(md, MaxMessage)
	d := conversation.Delivery{Pieces: len(pieces)}
	for i, piece := range pieces {
		out := Out{ChatID: chatID, Text: HTML(piece), HTML: true}
		if i == len(pieces)-1 {
			out.Buttons = buttons
		}
		if i == 0 && draft != 0 {
			err := b.cfg.Sender.Edit(ctx, draft, out)
			if errors.Is(err, ErrRejected) {
				out.Text, out.HTML = Plain(piece), false
				err = b.cfg.Sender.Edit(ctx, draft, out)
			}
			if err == nil {
				d.Delivered++
				continue
			}
			b.log.Warn("edit of the draft failed; sending anew", "chat", chatID, "err", err)
			out.Text, out.HTML = HTML(piece), true
		}
		err := b.retry(ctx, func() error {
			_, err := b.cfg.Sender.Send(ctx, out)
			if errors.Is(err, ErrRejected) && out.HTML {
				b.log.Warn("HTML rejected; sending plain text", "chat", chatID, "err", err)
				out.Text, out.HTML = Plain(piece), false
				_, err = b.cfg.Sender.Send(ctx, out)
			}
			return err
		})
		if err != nil {
			b.log.Warn("answer not delivered", "chat", chatID, "piece", i+1, "pieces", len(pieces), "err", err)
			d.Err = err
			return d
		}
		d.Delivered++
	}
	return d
}

// retry runs send until it works, fails for good (refused by Telegram,
// which would refuse it again), or the retries run out, waiting
// SendBackoff, then twice as long, between tries. Flood control (429) is
// the Pacer's, which waits and sends again on its own.
func (b *Bot) retry(ctx context.Context, send func() error) error {
	wait := b.cfg.SendBackoff
	for attempt := 0; ; attempt++ {
		err := send()
		var ra *RetryAfterError
		if err == nil || attempt >= b.cfg.SendRetries || errors.Is(err, ErrRejected) || errors.Is(err, ErrForbidden) || errors.Is(err, errLeaseLost) ||
			errors.As(err, &ra) || ctx.Err() != nil {
			return err
		}
		if serr := sleep(ctx, wait); serr != nil {
			return err
		}
		wait *= 2
	}
}

// typing shows the typing indicator while an answer takes longer than
// TypingAfter, renewing it before Telegram's five seconds run out. An
// instant answer costs no request.
func (b *Bot) typing(ctx context.Context, chatID int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTimer(b.cfg.TypingAfter)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if err := b.cfg.Sender.Typing(ctx, chatID); err != nil {
					b.log.Debug("typing failed", "chat", chatID, "err", err)
				}
				t.Reset(4 * time.Second)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// stream shows a model's answer while it is written: a plain draft message,
// edited as text arrives. Edits go through the pacer, so at most one a second
// reaches Telegram and intermediate texts are skipped, not queued.
type stream struct {
	b      *Bot
	ctx    context.Context
	chatID int64

	mu      sync.Mutex
	latest  string
	started bool
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	draft   int
}

func (b *Bot) newStream(ctx context.Context, chatID int64) *stream {
	return &stream{b: b, ctx: ctx, chatID: chatID, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// update is advisor.Question.OnText.
func (s *stream) update(sofar string) {
	s.mu.Lock()
	s.latest = sofar
	if !s.started {
		s.started = true
		go s.run()
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *stream) run() {
	defer close(s.done)
	shown := ""
	for {
		select {
		case <-s.stop:
			return
		case <-s.wake:
		}
		s.mu.Lock()
		text := s.latest
		s.mu.Unlock()
		if text == shown || text == "" {
			continue
		}
		shown = text
		out := Out{ChatID: s.chatID, Text: Plain(fitDraft(text)) + " …"}
		if s.draft == 0 {
			id, err := s.b.cfg.Sender.Send(s.ctx, out)
			if err == nil {
				s.draft = id
			}
			continue
		}
		if err := s.b.cfg.Sender.Edit(s.ctx, s.draft, out); err != nil {
			s.b.log.Debug("draft edit failed", "chat", s.chatID, "err", err)
		}
	}
}

// finish stops the streaming and returns the draft message id, 0 if none.
func (s *stream) finish() int {
	s.mu.Lock()
	started := s.started
	s.mu.Unlock()
	if !started {
		return 0
	}
	close(s.stop)
	<-s.done
	return s.draft
}

// fitDraft keeps a draft within one message (UTF-16 units, as Telegram counts).
func fitDraft(s string) string {
	if UTF16Len(s) <= MaxMessage-8 {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && UTF16Len(string(r)) > MaxMessage-8 {
		r = r[:len(r)*9/10]
	}
	return string(r)
}
