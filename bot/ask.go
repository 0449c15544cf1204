package bot

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
	"rongcuo/conversation"
)

// onText handles a question typed by the user, or the reason after a 👎.
func (b *Bot) onText(ctx context.Context, u Update, s session, text string) {
	m := u.Message
	if ok, msg := b.admit(ctx, m.From, s.User, s.ok); !ok {
		b.sendPlain(ctx, m.Chat.ID, msg)
		return
	}
	if text == "" {
		b.sendPlain(ctx, m.Chat.ID, txtEmptyQuestion)
		return
	}
	if b.onDraft(ctx, u, s, text) {
		return
	}
	if ans, ok := parsePending(s.Pending, m.From.ID, u.Received); ok && s.ok {
		b.saveReason(ctx, u, ans, text)
		return
	}
	if n := utf8.RuneCountInString(text); n > b.cfg.MaxText {
		b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtTooLong, n, b.cfg.MaxText))
		return
	}
	if msg, limited := b.limited(s); limited {
		b.sendPlain(ctx, m.Chat.ID, msg)
		return
	}
	facts := s.Case.Facts
	shown := text
	// A bare 是 / 否 / 不清楚 typed instead of pressed answers the first open
	// follow-up question, as the buttons would.
	if r, bare := advisor.ParseReply(text); bare && len(s.Case.FollowUps) > 0 {
		f := s.Case.FollowUps[0]
		facts = b.cfg.Apply(facts, f.Key, r, f.Question)
		shown = "追问：" + f.Question + " → " + replyLabelText[r]
	}
	b.ask(ctx, askRequest{chat: m.Chat, from: m.From, received: u.Received, text: text, shown: shown, source: "message", facts: facts, s: s})
}

func (b *Bot) limited(s session) (string, bool) {
	if !s.ok {
		return "", false
	}
	if b.cfg.PerDay > 0 && s.Today > int64(b.cfg.PerDay) {
		return fmt.Sprintf(txtQuotaExceeded, b.cfg.PerDay), true
	}
	if b.cfg.PerMinute > 0 && s.Minute > int64(b.cfg.PerMinute) {
		return txtRateLimited, true
	}
	return "", false
}

type askRequest struct {
	chat     Chat
	from     User
	received time.Time
	text     string // what the advisor is asked
	shown    string // the question as the usage record keeps it
	source   string // "message" or "followup"
	facts    assess.Facts
	s        session
}

// ask puts a question to the advisor with the case so far, sends the answer
// with its buttons and saves the turn, the case and the usage record in one
// round trip.
func (b *Bot) ask(ctx context.Context, r askRequest) {
	chatID := r.chat.ID
	c := r.s.Case
	if c.ID == "" {
		c = conversation.Case{ID: newCaseID(), Text: r.text, Started: r.received}
	}
	st := b.newStream(ctx, chatID)
	stopTyping := b.typing(ctx, chatID)
	adv, err := b.cfg.Advisor.Advise(ctx, advisor.Question{Text: r.text, History: r.s.Turns, Facts: r.facts, OnText: st.update})
	stopTyping()
	draft := st.finish()

	ansID := newAnswerID()
	rec := &conversation.UsageRecord{
		Kind: conversation.KindAnswer, AnswerID: ansID, User: conversation.Pseudonym(b.cfg.UserSecret, r.from.ID),
		ChatType: r.chat.Type, Source: r.source, Question: r.shown,
	}
	if !r.s.ok {
		rec.Error = "store unavailable: answered without history"
	}
	if err != nil {
		msg := txtAdvisorFailed
		if errors.Is(err, advisor.ErrEmptyQuestion) {
			msg = txtEmptyQuestion
		} else {
			b.log.Error("advisor failed", "chat", chatID, "err", err)
			rec.Error = joinErr(rec.Error, "advisor: "+err.Error())
		}
		b.deliver(ctx, chatID, draft, msg, nil)
		rec.At, rec.Latency = time.Now(), time.Since(r.received)
		b.save(ctx, conversation.Change{ChatID: chatID, UserID: r.from.ID, Usage: rec})
		return
	}

	md := adv.Answer
	if len(adv.FollowUps) > 0 {
		md += "\n\n" + followUpSection(adv.FollowUps)
	}
	if adv.Note != "" {
		md = adv.Note + "\n\n" + md
	}
	if !r.s.ok {
		md = txtHistoryDown + "\n\n" + md
	}
	rec.At, rec.Latency = time.Now(), time.Since(r.received)
	b.deliver(ctx, chatID, draft, md, answerButtons(ansID, adv))
	fillUsage(rec, adv)

	if adv.Intent == advisor.IntentAssessment {
		c.Facts, c.FollowUps, c.AnswerID = adv.Facts, adv.FollowUps, ansID
	}
	now := time.Now()
	change := conversation.Change{ChatID: chatID, UserID: r.from.ID, Usage: rec, Seen: now}
	if r.s.ok {
		// Without the loaded case a save would overwrite it with this one turn.
		change.Case = &c
		change.Turns = []advisor.Turn{{Role: "user", Text: r.text, At: r.received}, {Role: "assistant", Text: adv.Answer, At: now}}
	}
	b.save(ctx, change)
}

func (b *Bot) save(ctx context.Context, c conversation.Change) {
	if err := b.cfg.Store.Save(ctx, c); err != nil {
		b.log.Warn("not saved", "chat", c.ChatID, "err", err)
	}
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func fillUsage(rec *conversation.UsageRecord, adv advisor.Advice) {
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

// saveReason records the reason given after a 👎.
func (b *Bot) saveReason(ctx context.Context, u Update, answer, text string) {
	m := u.Message
	clear := ""
	err := b.cfg.Store.Save(ctx, conversation.Change{ChatID: m.Chat.ID, Pending: &clear, Usage: &conversation.UsageRecord{
		Kind: conversation.KindFeedback, At: time.Now(), AnswerID: answer, User: conversation.Pseudonym(b.cfg.UserSecret, m.From.ID),
		ChatType: m.Chat.Type, Rating: "down", Reason: text,
	}})
	if err != nil {
		b.log.Warn("feedback reason not saved", "chat", m.Chat.ID, "err", err)
		b.sendPlain(ctx, m.Chat.ID, txtSorry)
		return
	}
	b.sendPlain(ctx, m.Chat.ID, txtReasonThanks)
}
