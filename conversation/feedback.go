package conversation

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rating is a 👍 or 👎 on an answer.
type Rating struct {
	Person   Person
	Chat     Chat
	AnswerID string
	Up       bool
	Reason   string // why, with a 👎 (the web asks in the same form)
	// AwaitReason takes the chat's next message as the reason of a 👎
	// without one (the bot asks for it after the press).
	AwaitReason bool
	// UpdateID, when set, de-duplicates a rating delivered twice (a
	// Telegram update id); Received is when it arrived (now when zero).
	UpdateID int64
	Received time.Time
}

// Refusal is an error that says what to tell the user: the access policy,
// a limit, or a request that names what the chat does not have.
type Refusal struct{ Text string }

func (r *Refusal) Error() string { return "conversation: refused: " + r.Text }

// ErrDuplicate is returned for a request delivered before; nothing was done.
var ErrDuplicate = errors.New("conversation: delivered before")

// Rate records a rating. The rating is a request like a question: it passes
// the access policy and the rate limit, and it must name an answer the chat
// was given; an answer counts once, as last rated, so pressing the same
// button again records nothing. It returns nil when recorded (or unchanged),
// ErrDuplicate for a redelivery, a *Refusal with what to tell the user, or
// ErrStoreDown.
func (s *Service) Rate(ctx context.Context, r Rating) error {
	now := r.Received
	if now.IsZero() {
		now = time.Now()
	}
	st := s.Load(ctx, Begin{ChatID: r.Chat.ID, UserID: r.Person.ID, UpdateID: r.UpdateID, Count: true, Now: now, Answer: r.AnswerID})
	switch {
	case !st.OK:
		return ErrStoreDown
	case st.Duplicate:
		return ErrDuplicate
	}
	if ok, msg := s.Admit(ctx, r.Person, st); !ok {
		return &Refusal{Text: msg}
	}
	if msg, limited := s.Limited(st); limited {
		return &Refusal{Text: msg}
	}
	if !IsAnswerID(r.AnswerID) || !st.Answer.Known {
		s.log.Info("rating of an answer the chat was not given", "chat", r.Chat.ID)
		return &Refusal{Text: TextUnknownAnswer}
	}
	rating := "down"
	if r.Up {
		rating = "up"
	}
	reason := ""
	if !r.Up {
		reason = strings.TrimSpace(r.Reason)
	}
	if st.Answer.Rating == rating && reason == "" {
		// Counted already; a 👎 pressed again may still be followed by its
		// reason.
		if !r.Up && r.AwaitReason {
			p := pendingValue(r.AnswerID, r.Person.ID, time.Now())
			s.save(ctx, Change{ChatID: r.Chat.ID, Pending: &p})
		}
		return nil
	}
	rec := &UsageRecord{
		Kind: KindFeedback, At: time.Now(), AnswerID: r.AnswerID,
		User: s.Pseudonym(r.Person.ID), ChatType: r.Chat.Type, Rating: rating, Reason: reason,
	}
	change := Change{ChatID: r.Chat.ID, Usage: rec, Answer: &AnswerMark{ID: r.AnswerID, Known: true, Rating: rating}}
	if !r.Up && reason == "" && r.AwaitReason {
		p := pendingValue(r.AnswerID, r.Person.ID, time.Now())
		change.Pending = &p
	}
	// Should the store fail now, the record waits in the usage buffer.
	s.save(ctx, change)
	return nil
}

// saveReason records the reason given after a 👎 and returns what to say.
func (s *Service) saveReason(ctx context.Context, q Question, answer string) string {
	clear := ""
	kept := s.save(ctx, Change{ChatID: q.Chat.ID, Pending: &clear, Usage: &UsageRecord{
		Kind: KindFeedback, At: time.Now(), AnswerID: answer, User: s.Pseudonym(q.Person.ID),
		ChatType: q.Chat.Type, Rating: "down", Reason: q.Text,
	}})
	if !kept {
		return TextSorry
	}
	return TextReasonThanks
}

// pending is the 👎 awaiting a reason: the answer, who rated it and when.
// A reason is taken only from the same user and only for a while, so a new
// question days later is not mistaken for one.
const reasonWindow = 10 * time.Minute

func pendingValue(answer string, user int64, at time.Time) string {
	return fmt.Sprintf("%s|%d|%d", answer, user, at.Unix())
}

func parsePending(v string, user int64, now time.Time) (string, bool) {
	ans, rest, _ := strings.Cut(v, "|")
	uidText, atText, ok := strings.Cut(rest, "|")
	uid, uidErr := strconv.ParseInt(uidText, 10, 64)
	at, atErr := strconv.ParseInt(atText, 10, 64)
	if !ok || uidErr != nil || atErr != nil || uid != user || now.Sub(time.Unix(at, 0)) > reasonWindow || !IsAnswerID(ans) {
		return "", false
	}
	return ans, true
}

// SetPending sets what the chat's next message answers ("" clears it): the
// channels' guided flows keep their step there.
func (s *Service) SetPending(ctx context.Context, chatID int64, v string) error {
	return s.cfg.Store.Save(ctx, Change{ChatID: chatID, Pending: &v})
}

// NewCase starts a new case in the chat; earlier turns stay in the history.
func (s *Service) NewCase(ctx context.Context, p Person, chat Chat, st State, now time.Time) error {
	if !st.OK {
		return ErrStoreDown
	}
	c := Case{ID: NewID(), Started: now}
	clear := ""
	if err := s.cfg.Store.Save(ctx, Change{ChatID: chat.ID, UserID: p.ID, Case: &c, Pending: &clear}); err != nil {
		s.log.Warn("new case not saved", "chat", chat.ID, "err", err)
		return err
	}
	return nil
}

// Forget erases the person's conversations and the texts of their usage
// records, and reports how many records it redacted. The chat must be the
// person's own (a Telegram private chat or the web).
func (s *Service) Forget(ctx context.Context, p Person) (int, error) {
	n, err := s.cfg.Store.Forget(ctx, p.ID, s.Pseudonym(p.ID))
	if err != nil {
		s.log.Warn("forget failed", "chat", p.ID, "err", err)
		return n, err
	}
	s.log.Info("user data forgotten", "chat", p.ID, "records", n)
	return n, nil
}

// Conversation is one case of a chat's kept history.
type Conversation struct {
	CaseID string
	Turns  []CaseTurn
}

// History returns the conversations kept for the person's own chat, newest
// first; a conversation with no case id holds turns kept without one.
func (s *Service) History(ctx context.Context, p Person) ([]Conversation, error) {
	turns, err := s.cfg.Store.History(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	var out []Conversation
	at := map[string]int{}
	for _, t := range turns {
		i, ok := at[t.CaseID]
		if !ok {
			i = len(out)
			at[t.CaseID] = i
			out = append(out, Conversation{CaseID: t.CaseID})
		}
		out[i].Turns = append(out[i].Turns, t)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}
