package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rongcuo/kblive"
	"rongcuo/knowledge"
)

// /addcase asks for a case field by field, in the chat, and stages it
// like an upload: preview, then 确认 / 取消. The draft lives in the chat's
// pending state (see redisstore's package comment) so that any replica
// can take the next answer; it lapses after an hour without one.

const (
	draftPrefix = "addcase:"
	draftIdle   = time.Hour
)

// Steps of the flow, in order.
const (
	stepTitle = iota
	stepRegion
	stepField
	stepFacts
	stepOutcome
	stepReasons
	stepSource
	stepDone
)

type draftStep struct {
	prompt string
	max    int // characters
}

var draftSteps = [stepDone]draftStep{
	stepTitle:   {"第 1/7 步：请发送案例标题（例如：某县容缺审批推进项目开工案）。", 100},
	stepRegion:  {"第 2/7 步：请发送案例所在地区（例如：江苏淮安）。", 50},
	stepField:   {"第 3/7 步：请选择案例所属领域。", 0},
	stepFacts:   {"第 4/7 步：请发送案例事实：做了什么、为什么、经过什么程序、造成什么后果。请勿包含真实姓名等敏感信息。", 3000},
	stepOutcome: {"第 5/7 步：请选择处理结果。", 0},
	stepReasons: {"第 6/7 步：请发送处理理由（为什么容错或不予容错）。", 3000},
	stepSource:  {"第 7/7 步：请发送案例来源（网址或文件名称）。", 500},
}

// draft is a case being entered.
type draft struct {
	Step int              `json:"step"`
	By   int64            `json:"by"` // the staff member entering it
	At   int64            `json:"at"` // unix seconds of the last answer
	In   kblive.CaseInput `json:"in"`
}

func parseDraft(pending string) (draft, bool) {
	raw, ok := strings.CutPrefix(pending, draftPrefix)
	if !ok {
		return draft{}, false
	}
	var d draft
	if err := json.Unmarshal([]byte(raw), &d); err != nil || d.Step < 0 || d.Step >= stepDone || d.By == 0 {
		return draft{}, false
	}
	return d, true
}

func (d draft) value() string {
	b, _ := json.Marshal(d)
	return draftPrefix + string(b)
}

func (b *Bot) saveDraft(ctx context.Context, chatID int64, d *draft) error {
	v := ""
	if d != nil {
		d.At = time.Now().Unix()
		v = d.value()
	}
	return b.svc.SetPending(ctx, chatID, v)
}

func (b *Bot) startDraft(ctx context.Context, m *Message) {
	d := draft{Step: stepTitle, By: m.From.ID}
	if err := b.saveDraft(ctx, m.Chat.ID, &d); err != nil {
		b.log.Warn("case draft not saved", "chat", m.Chat.ID, "err", err)
		b.sendPlain(ctx, m.Chat.ID, txtSorry)
		return
	}
	b.sendPlain(ctx, m.Chat.ID, txtCaseStart)
	b.prompt(ctx, m.Chat.ID, d.Step)
}

// prompt asks for a step's answer, with the choices as buttons where
// there are choices, and a way out on every step.
func (b *Bot) prompt(ctx context.Context, chatID int64, step int) {
	var rows [][]Button
	var choices []string
	var code string
	switch step {
	case stepField:
		choices, code = knowledge.Fields, "f"
	case stepOutcome:
		choices, code = knowledge.Outcomes, "o"
	}
	var row []Button
	for i, c := range choices {
		row = append(row, Button{Text: c, Data: "c|" + code + "|" + strconv.Itoa(i)})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []Button{{Text: "✖ 取消录入", Data: "c|x"}})
	b.sendChoice(ctx, chatID, draftSteps[step].prompt, rows)
}

// onDraft takes a message as the next answer of a case being entered, and
// reports whether it did.
func (b *Bot) onDraft(ctx context.Context, u Update, s session, text string) bool {
	m := u.Message
	d, ok := parseDraft(s.Pending)
	if !ok || !s.OK || d.By != m.From.ID || m.Chat.Type != ChatPrivate {
		return false
	}
	if time.Since(time.Unix(d.At, 0)) > draftIdle {
		b.saveDraft(ctx, m.Chat.ID, nil)
		b.sendPlain(ctx, m.Chat.ID, txtCaseLapsed)
		return false // the message is what it looks like: a question
	}
	if d.Step == stepField || d.Step == stepOutcome {
		choices := knowledge.Fields
		if d.Step == stepOutcome {
			choices = knowledge.Outcomes
		}
		for i, c := range choices {
			if c == text {
				b.advance(ctx, m.Chat.ID, d, i)
				return true
			}
		}
		b.sendPlain(ctx, m.Chat.ID, txtCaseChoose)
		b.prompt(ctx, m.Chat.ID, d.Step)
		return true
	}
	if n := utf8.RuneCountInString(text); n > draftSteps[d.Step].max {
		b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtCaseTooLong, n, draftSteps[d.Step].max))
		return true
	}
	switch d.Step {
	case stepTitle:
		d.In.Title = text
	case stepRegion:
		d.In.Region = text
	case stepFacts:
		d.In.Facts = text
	case stepReasons:
		d.In.Reasons = text
	case stepSource:
		d.In.Source = text
	}
	b.advance(ctx, m.Chat.ID, d, -1)
	return true
}

// advance records a choice (index >= 0 at the field and outcome steps) and
// asks the next question, or stages the case after the last.
func (b *Bot) advance(ctx context.Context, chatID int64, d draft, choice int) {
	switch d.Step {
	case stepField:
		d.In.Field = knowledge.Fields[choice]
	case stepOutcome:
		d.In.Outcome = knowledge.Outcomes[choice]
	}
	d.Step++
	if d.Step < stepDone {
		if err := b.saveDraft(ctx, chatID, &d); err != nil {
			b.log.Warn("case draft not saved", "chat", chatID, "err", err)
			b.sendPlain(ctx, chatID, txtSorry)
			return
		}
		b.prompt(ctx, chatID, d.Step)
		return
	}
	// The draft ends here whatever happens: a refused case is entered
	// again from the start rather than left half-valid.
	if err := b.saveDraft(ctx, chatID, nil); err != nil {
		b.log.Warn("case draft not cleared", "chat", chatID, "err", err)
	}
	if b.cfg.KB == nil {
		b.sendPlain(ctx, chatID, txtKBOff)
		return
	}
	p, err := b.cfg.KB.PreviewCase(ctx, d.In, staffName(d.By))
	if err != nil {
		b.sendPlain(ctx, chatID, kblive.Message(err))
		return
	}
	b.sendPreview(ctx, chatID, p, "确认保存案例")
}

// cancelDraft is /cancel.
func (b *Bot) cancelDraft(ctx context.Context, m *Message, s session) {
	if _, ok := parseDraft(s.Pending); !ok {
		b.sendPlain(ctx, m.Chat.ID, txtNothingToCancel)
		return
	}
	if err := b.saveDraft(ctx, m.Chat.ID, nil); err != nil {
		b.sendPlain(ctx, m.Chat.ID, txtSorry)
		return
	}
	b.sendPlain(ctx, m.Chat.ID, txtCaseCancelled)
}

// onCaseButton is a field or outcome chosen, or 取消录入, under a prompt.
func (b *Bot) onCaseButton(ctx context.Context, u Update, s session, cd callbackData) {
	cb := u.Callback
	if !s.OK {
		b.answerCallback(ctx, cb, txtStoreDown)
		return
	}
	d, ok := parseDraft(s.Pending)
	if !ok || d.By != cb.From.ID {
		b.answerCallback(ctx, cb, txtCaseStale)
		return
	}
	if !isStaff(b.svc.Role(cb.From.ID, s.User)) {
		b.answerCallback(ctx, cb, txtStaffOnly)
		return
	}
	if cd.step == 'x' {
		if err := b.saveDraft(ctx, cb.Chat.ID, nil); err != nil {
			b.answerCallback(ctx, cb, txtSorry)
			return
		}
		b.answerCallback(ctx, cb, "已取消")
		b.editOrSend(ctx, cb, txtCaseCancelled)
		return
	}
	want, choices := stepField, knowledge.Fields
	if cd.step == 'o' {
		want, choices = stepOutcome, knowledge.Outcomes
	}
	if d.Step != want || cd.index >= len(choices) {
		b.answerCallback(ctx, cb, txtCaseStale)
		return
	}
	b.answerCallback(ctx, cb, "已选择："+choices[cd.index])
	b.editOrSend(ctx, cb, draftSteps[d.Step].prompt+"\n已选择："+choices[cd.index])
	b.advance(ctx, cb.Chat.ID, d, cd.index)
}
