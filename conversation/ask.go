package conversation

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rongcuo/advisor"
	"rongcuo/assess"
)

// Output is how a channel shows what the service says during one request.
// Notice may come before an answer (an acknowledgement) or instead of one (a
// refusal); Start comes when the advisor starts writing and returns what
// receives the text so far; Answer comes once, with the final answer, before
// the turn is saved.
type Output interface {
	Notice(text string)
	Start() (onText func(sofar string))
	Answer(a Answer)
}

// Deliverer is an Output that can tell what the user received of an
// answer. When the Output is one, the service calls Deliver instead of
// Answer and keeps the outcome in the usage record; an answer not received
// in full leaves the case as it was, since its follow-up questions were
// never seen.
type Deliverer interface {
	Deliver(a Answer) Delivery
}

// Delivery is what the user received of an answer.
type Delivery struct {
	Pieces    int   // messages the answer was cut into
	Delivered int   // of them, received, from the first
	Err       error // why the others were not
}

// Full reports whether the whole answer was received.
func (d Delivery) Full() bool { return d.Err == nil && d.Delivered >= d.Pieces }

// outcome is the usage record's Delivery.
func (d Delivery) outcome() string {
	switch {
	case d.Full():
		return DeliveryFull
	case d.Delivered == 0:
		return DeliveryNone
	}
	return fmt.Sprintf("partial %d/%d", d.Delivered, d.Pieces)
}

// give hands the answer to the channel and returns what the user received.
func give(out Output, a Answer) Delivery {
	if d, ok := out.(Deliverer); ok {
		return d.Deliver(a)
	}
	out.Answer(a)
	return Delivery{Pieces: 1, Delivered: 1}
}

// Answer is what the user is shown for a question.
type Answer struct {
	ID     string         // the answer id, for ratings and follow-up buttons
	Advice advisor.Advice // zero when Failed
	Text   string         // Markdown subset: a note, the answer, the open follow-up questions
	Body   string         // Text without the follow-up questions, for a channel that shows them with their buttons
	Failed bool           // the advisor failed; Text says so
	Case   string         // the case the answer belongs to
}

// Question is a question typed by the user.
type Question struct {
	Person   Person
	Chat     Chat
	Received time.Time
	Text     string
	State    State
}

// Ask handles a question typed by the user, or the reason after a 👎: the
// access policy, the limits, a bare 是 / 否 / 不清楚 that answers the first
// open follow-up question, then the advisor.
func (s *Service) Ask(ctx context.Context, q Question, out Output) {
	st := q.State
	if ok, msg := s.Admit(ctx, q.Person, st); !ok {
		out.Notice(msg)
		return
	}
	text := q.Text
	if text == "" {
		out.Notice(TextEmpty)
		return
	}
	if ans, ok := parsePending(st.Pending, q.Person.ID, q.Received); ok && st.OK {
		out.Notice(s.saveReason(ctx, q, ans))
		return
	}
	if n := utf8.RuneCountInString(text); n > s.cfg.MaxText {
		out.Notice(fmt.Sprintf(TextTooLong, n, s.cfg.MaxText))
		return
	}
	if msg, limited := s.Limited(st); limited {
		notice(out, msg)
		return
	}
	facts := st.Case.Facts
	shown := text
	// A bare 是 / 否 / 不清楚 typed instead of pressed answers the first open
	// follow-up question, as the buttons would.
	r, bare := advisor.ParseReply(text)
	if bare && !st.OK {
		// Without the case the reply answers nothing; asked as a question
		// it would get an answer about something else.
		out.Notice(TextStoreDown)
		return
	}
	if bare && len(st.Case.FollowUps) > 0 {
		f := st.Case.FollowUps[0]
		facts = s.cfg.Apply(facts, f.Key, r, f.Question)
		shown = "追问：" + f.Question + " → " + ReplyLabel[r]
	}
	s.ask(ctx, askRequest{Question: q, shown: shown, source: "message", facts: facts}, out)
}

// FollowUp is a 是 / 否 / 不清楚 given to a follow-up question of an answer.
type FollowUp struct {
	Person   Person
	Chat     Chat
	Received time.Time
	State    State
	AnswerID string // the answer the question was under
	Key      string // the criterion asked about
	Reply    assess.Reply
}

// Follow records a follow-up answer and re-assesses the case with it. An
// answer to a question that is no longer open is refused as stale.
func (s *Service) Follow(ctx context.Context, f FollowUp, out Output) {
	st := f.State
	if !st.OK {
		out.Notice(TextStoreDown)
		return
	}
	if ok, msg := s.Admit(ctx, f.Person, st); !ok {
		out.Notice(msg)
		return
	}
	if msg, limited := s.Limited(st); limited {
		notice(out, msg)
		return
	}
	if st.Case.AnswerID != f.AnswerID {
		out.Notice(TextStale)
		return
	}
	var question string
	for _, fu := range st.Case.FollowUps {
		if fu.Key == f.Key {
			question = fu.Question
		}
	}
	label, known := ReplyLabel[f.Reply]
	if question == "" || !known {
		out.Notice(TextStale)
		return
	}
	out.Notice("已记录：" + label)
	facts := s.cfg.Apply(st.Case.Facts, f.Key, f.Reply, question)
	s.ask(ctx, askRequest{
		Question: Question{Person: f.Person, Chat: f.Chat, Received: f.Received, Text: label, State: st},
		shown:    "追问：" + question + " → " + label, source: "followup", facts: facts,
	}, out)
}

type askRequest struct {
	Question        // Text is what the advisor is asked
	shown    string // the question as the usage record keeps it
	source   string // "message" or "followup"
	facts    assess.Facts
}

// ask puts a question to the advisor with the case so far, hands the answer
// to the channel and saves the turn, the case and the usage record in one
// round trip.
func (s *Service) ask(ctx context.Context, r askRequest, out Output) {
	st := r.State
	c := st.Case
	if c.ID == "" {
		c = Case{ID: NewID(), Text: r.Text, Started: r.Received}
	}
	onText := out.Start()
	adv, err := s.cfg.Advisor.Advise(ctx, advisor.Question{Text: r.Text, History: st.Turns, Facts: r.facts, OnText: onText})

	ansID := NewID()
	rec := &UsageRecord{
		Kind: KindAnswer, AnswerID: ansID, User: s.Pseudonym(r.Person.ID),
		ChatType: r.Chat.Type, Source: r.source, Question: r.shown,
	}
	if !st.OK {
		rec.Error = "store unavailable: answered without history"
	}
	if err != nil {
		msg := TextAdvisorFailed
		if errors.Is(err, advisor.ErrEmptyQuestion) {
			msg = TextEmpty
		} else {
			s.log.Error("advisor failed", "chat", r.Chat.ID, "err", err)
			rec.Error = joinErr(rec.Error, "advisor: "+err.Error())
		}
		d := give(out, Answer{Text: msg, Failed: true, Case: c.ID})
		rec.At, rec.Latency = time.Now(), time.Since(r.Received)
		s.delivered(rec, d)
		s.observe(r.Chat, rec)
		s.save(ctx, Change{ChatID: r.Chat.ID, UserID: r.Person.ID, Usage: rec, Once: st.Once})
		return
	}

	// adv.Note (a question cut short, the model unavailable) is already at
	// the top of adv.Answer.
	body := adv.Answer
	if !st.OK {
		body = TextHistoryDown + "\n\n" + body
	}
	md := body
	if len(adv.FollowUps) > 0 {
		md += "\n\n" + followUpSection(adv.FollowUps)
	}
	d := give(out, Answer{ID: ansID, Advice: adv, Text: md, Body: body, Case: c.ID})
	rec.At, rec.Latency = time.Now(), time.Since(r.Received)
	fillUsage(rec, adv)
	s.delivered(rec, d)
	s.observe(r.Chat, rec)

	// An answer not received in full leaves the case as it was: its
	// follow-up questions (and buttons) were not seen, and a rating of it
	// cannot come.
	if adv.Intent == advisor.IntentAssessment && d.Full() {
		c.Facts, c.FollowUps, c.AnswerID = adv.Facts, adv.FollowUps, ansID
	}
	now := time.Now()
	change := Change{ChatID: r.Chat.ID, UserID: r.Person.ID, Usage: rec, Seen: now, Once: st.Once}
	if d.Full() {
		change.Answer = &AnswerMark{ID: ansID, Known: true}
	}
	if st.OK && d.Delivered > 0 {
		// Without the loaded case a save would overwrite it with this one turn.
		change.Case = &c
		change.Turns = []advisor.Turn{{Role: "user", Text: r.Text, At: r.Received}, {Role: "assistant", Text: adv.Answer, At: now}}
	}
	s.save(ctx, change)
}

// delivered notes in the record what the user received.
func (s *Service) delivered(rec *UsageRecord, d Delivery) {
	rec.Delivery = d.outcome()
	if d.Err != nil {
		rec.Error = joinErr(rec.Error, "delivery: "+d.Err.Error())
	}
}

// notice says msg unless it is empty: a refusal already said in this
// window is not said again.
func notice(out Output, msg string) {
	if msg != "" {
		out.Notice(msg)
	}
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func fillUsage(rec *UsageRecord, adv advisor.Advice) {
	rec.Intent, rec.Verdict, rec.Mode, rec.Answer = string(adv.Intent), string(adv.Verdict), adv.Mode, adv.Answer
	for _, c := range adv.Citations {
		rec.Citations = append(rec.Citations, c.ID)
	}
	for _, c := range adv.Cases {
		rec.Cases = append(rec.Cases, c.ID)
	}
	u := adv.Usage
	rec.Model, rec.PromptVersion, rec.Passages, rec.Check, rec.Fallback = u.Model, u.PromptVersion, u.Passages, u.Check, u.Fallback
}

// followUpSection lists the open questions, numbered like their buttons.
func followUpSection(fs []assess.FollowUp) string {
	lines := []string{"**还需要确认**（点下方按钮回答，也可以直接回复“是 / 否 / 不清楚”回答第 1 个问题）："}
	for i, f := range fs {
		lines = append(lines, strconv.Itoa(i+1)+". "+f.Question)
	}
	return strings.Join(lines, "\n")
}
