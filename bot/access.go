package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"rongcuo/conversation"
)

// refusal is what a user refused a staff or admin action is told: msg, or,
// when the store is down and a role granted there cannot be seen, that
// their role cannot be checked just now.
func refusal(s session, msg string) string {
	if !s.OK {
		return txtCantVerify
	}
	return msg
}

// askAdmins tells every admin of a user's first access request, with the
// buttons to decide it.
func (b *Bot) askAdmins(ctx context.Context, from conversation.Person) {
	text := fmt.Sprintf(txtAccessRequest, userLabel(from.Name, from.Username), from.ID)
	admins := b.svc.Admins()
	if len(admins) == 0 {
		b.log.Warn("access request with no admin to approve it: set RONGCUO_ADMINS", "user", from.ID)
	}
	for _, id := range admins {
		b.sendChoice(ctx, id, text, approveButtons(from.ID))
	}
}

// approveButtons are an access request's 批准 / 拒绝.
func approveButtons(user int64) [][]Button {
	return [][]Button{{{Text: "✅ 批准", Data: approveData(user, true)}, {Text: "❌ 拒绝", Data: approveData(user, false)}}}
}

func userLabel(name, username string) string {
	name = strings.TrimSpace(name)
	if username != "" {
		if name != "" {
			return name + " @" + username
		}
		return "@" + username
	}
	if name == "" {
		return "（无名称）"
	}
	return name
}

// onApprove handles an admin's approve / deny button.
func (b *Bot) onApprove(ctx context.Context, cb *Callback, d callbackData) {
	target, err := b.svc.Decide(ctx, cb.From.ID, d.user, d.yes)
	switch {
	case errors.Is(err, conversation.ErrNotAdmin):
		b.answerCallback(ctx, cb, txtAdminOnly)
		return
	case err != nil:
		b.answerCallback(ctx, cb, txtCantVerify)
		return
	}
	verb := "已拒绝"
	if d.yes {
		verb = "已批准"
	}
	b.answerCallback(ctx, cb, verb)
	if cb.MessageID != 0 {
		text := fmt.Sprintf(txtDecided, verb, userLabel(target.Name, target.Username), d.user, cb.From.ID)
		if err := b.cfg.Sender.Edit(ctx, cb.MessageID, Out{ChatID: cb.Chat.ID, Text: text}); err != nil {
			b.log.Warn("edit failed", "chat", cb.Chat.ID, "err", err)
		}
	}
	if d.yes {
		b.sendPlain(ctx, d.user, txtApproved)
	} else {
		b.sendPlain(ctx, d.user, txtDenied)
	}
}
