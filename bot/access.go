package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"rongcuo/conversation"
)

// role is the higher of the role the environment gives and the one granted
// in the store.
func (b *Bot) role(id int64, stored conversation.User) string {
	switch {
	case b.admins[id] || stored.Role == conversation.RoleAdmin:
		return conversation.RoleAdmin
	case b.staff[id] || stored.Role == conversation.RoleStaff:
		return conversation.RoleStaff
	}
	return conversation.RoleCadre
}

// admit applies the access policy to a user about to ask something. When the
// user may not, it returns what to tell them. storeOK is false when the user
// record could not be loaded.
func (b *Bot) admit(ctx context.Context, from User, stored conversation.User, storeOK bool) (bool, string) {
	if r := b.role(from.ID, stored); r == conversation.RoleAdmin || r == conversation.RoleStaff {
		return true, ""
	}
	if stored.Status == conversation.StatusDenied {
		return false, txtDenied
	}
	if b.cfg.Access == AccessOpen {
		return true, ""
	}
	if !storeOK {
		if b.recentlyVerified(from.ID) {
			return true, ""
		}
		return false, txtCantVerify
	}
	if stored.Status == conversation.StatusActive {
		b.markVerified(from.ID)
		return true, ""
	}
	if b.cfg.Access == AccessAllowlist {
		return false, fmt.Sprintf(txtNotAllowed, from.ID)
	}
	if stored.Status == "" {
		first, err := b.cfg.Store.RequestAccess(ctx, conversation.User{ID: from.ID, Name: from.Name, Username: from.Username}, time.Now())
		if err != nil {
			b.log.Warn("access request not stored", "user", from.ID, "err", err)
			return false, txtCantVerify
		}
		if first {
			b.askAdmins(ctx, from)
		}
	}
	return false, txtPending
}

// refusal is what a user refused a staff or admin action is told: msg, or,
// when the store is down and a role granted there cannot be seen, that
// their role cannot be checked just now.
func refusal(s session, msg string) string {
	if !s.ok {
		return txtCantVerify
	}
	return msg
}

func (b *Bot) askAdmins(ctx context.Context, from User) {
	text := fmt.Sprintf(txtAccessRequest, userLabel(from.Name, from.Username), from.ID)
	if len(b.admins) == 0 {
		b.log.Warn("access request with no admin to approve it: set RONGCUO_ADMINS", "user", from.ID)
	}
	for id := range b.admins {
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
	stored, err := b.cfg.Store.User(ctx, cb.From.ID)
	if err != nil {
		b.answerCallback(ctx, cb, txtCantVerify)
		return
	}
	if b.role(cb.From.ID, stored) != conversation.RoleAdmin {
		b.answerCallback(ctx, cb, txtAdminOnly)
		return
	}
	target, err := b.cfg.Store.User(ctx, d.user)
	if err != nil {
		b.answerCallback(ctx, cb, txtCantVerify)
		return
	}
	status, verb := conversation.StatusDenied, "已拒绝"
	if d.yes {
		status, verb = conversation.StatusActive, "已批准"
	}
	if err := b.cfg.Store.SetStatus(ctx, d.user, status, cb.From.ID, time.Now()); err != nil {
		b.log.Warn("access decision not stored", "user", d.user, "err", err)
		b.answerCallback(ctx, cb, txtCantVerify)
		return
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

const verifiedFor = 10 * time.Minute

func (b *Bot) markVerified(id int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.verified[id] = now
	if len(b.verified) > 10000 {
		for k, t := range b.verified {
			if now.Sub(t) > verifiedFor {
				delete(b.verified, k)
			}
		}
	}
}

func (b *Bot) recentlyVerified(id int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	t, ok := b.verified[id]
	return ok && time.Since(t) < verifiedFor
}
