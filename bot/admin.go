package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/redisstore"
)

// Review is what admins read and change; *redisstore.Store satisfies it.
// Every read of usage records names its reader and is audited by the store.
type Review interface {
	ReviewStats(ctx context.Context, by redisstore.Reader, now time.Time) (redisstore.UsageStats, error)
	ReviewLogs(ctx context.Context, by redisstore.Reader, n int, f redisstore.LogFilter) ([]redisstore.LoggedAnswer, error)
	ReviewExport(ctx context.Context, by redisstore.Reader, w io.Writer, from, to time.Time, format string) (int, error)
	ReviewAudit(ctx context.Context, by redisstore.Reader, n int) ([]redisstore.AuditEntry, error)
	Users(ctx context.Context, match func(conversation.User) bool) ([]conversation.User, error)
}

var _ Review = (*redisstore.Store)(nil)

// Limits of the admin commands.
const (
	maxLogs      = 30       // /logs N
	maxExport    = 45 << 20 // bytes: below the Bot API's 50 MB upload limit
	usersShown   = 10       // pending users listed by /users
	defaultAudit = 20
)

func reader(id int64) redisstore.Reader {
	return redisstore.Reader{Who: staffName(id), Via: "telegram"}
}

// adminReady tells whoever may not use an admin command why, and reports
// whether they may.
func (b *Bot) adminReady(ctx context.Context, m *Message, s session) bool {
	switch {
	case b.svc.Role(m.From.ID, s.User) != conversation.RoleAdmin:
		b.sendPlain(ctx, m.Chat.ID, refusal(s, txtAdminCommandOnly))
	case m.Chat.Type != ChatPrivate:
		b.sendPlain(ctx, m.Chat.ID, txtPrivateOnly)
	case b.cfg.Review == nil:
		b.sendPlain(ctx, m.Chat.ID, txtReviewOff)
	default:
		return true
	}
	return false
}

func (b *Bot) reviewFailed(ctx context.Context, chatID int64, what string, err error) {
	b.log.Warn("admin read failed", "what", what, "err", err)
	b.sendPlain(ctx, chatID, txtReviewFailed)
}

func (b *Bot) stats(ctx context.Context, m *Message) {
	st, err := b.cfg.Review.ReviewStats(ctx, reader(m.From.ID), time.Now())
	if err != nil {
		b.reviewFailed(ctx, m.Chat.ID, "stats", err)
		return
	}
	b.sendPlain(ctx, m.Chat.ID, StatsText(st))
}

// parseLogsArgs reads "/logs [n] [filter…]".
func parseLogsArgs(args string) (int, redisstore.LogFilter) {
	n := 10
	first, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	if v, err := strconv.Atoi(first); err == nil {
		n, args = min(max(v, 1), maxLogs), rest
	}
	return n, redisstore.ParseLogFilter(args)
}

func (b *Bot) logs(ctx context.Context, m *Message, args string) {
	n, f := parseLogsArgs(args)
	got, err := b.cfg.Review.ReviewLogs(ctx, reader(m.From.ID), n, f)
	if err != nil {
		b.reviewFailed(ctx, m.Chat.ID, "logs", err)
		return
	}
	if len(got) == 0 {
		b.sendPlain(ctx, m.Chat.ID, txtNoLogs)
		return
	}
	b.deliverHTML(ctx, m.Chat.ID, LogsHTML(got, f), nil)
}

// parseExportArgs reads "/export [since] [until] [csv|jsonl]".
func parseExportArgs(args string, now time.Time) (from, to time.Time, format string, err error) {
	format = redisstore.FormatCSV // what an admin opens in a spreadsheet
	var days []string
	for _, w := range strings.Fields(args) {
		switch lw := strings.ToLower(w); lw {
		case redisstore.FormatCSV, redisstore.FormatJSONL:
			format = lw
		default:
			days = append(days, w)
		}
	}
	if len(days) > 2 {
		return from, to, format, errors.New(txtExportDays)
	}
	days = append(days, "", "")
	since, until := days[0], days[1]
	if since != "" && until == "" {
		until = since // one day
	}
	from, to, err = redisstore.ParseDayRange(since, until, now)
	return from, to, format, err
}

func (b *Bot) export(ctx context.Context, m *Message, args string) {
	from, to, format, err := parseExportArgs(args, time.Now())
	if err != nil {
		b.sendPlain(ctx, m.Chat.ID, err.Error()+"\n"+txtExportUsage)
		return
	}
	if b.cfg.Files == nil {
		b.sendPlain(ctx, m.Chat.ID, txtReviewOff)
		return
	}
	var buf bytes.Buffer
	n, err := b.cfg.Review.ReviewExport(ctx, reader(m.From.ID), &buf, from, to, format)
	if err != nil {
		b.reviewFailed(ctx, m.Chat.ID, "export", err)
		return
	}
	span := redisstore.RangeText(from, to)
	switch {
	case n == 0:
		b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtExportEmpty, span))
		return
	case buf.Len() > maxExport:
		b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtExportTooBig, span, sizeText(int64(buf.Len()))))
		return
	}
	name := fmt.Sprintf("usage_%s_%s.%s", from.In(chinatime.Zone).Format("20060102"), to.In(chinatime.Zone).AddDate(0, 0, -1).Format("20060102"), format)
	caption := fmt.Sprintf(txtExportCaption, span, n)
	if err := b.cfg.Files.SendDocument(ctx, m.Chat.ID, name, buf.Bytes(), caption); err != nil {
		b.log.Warn("export not sent", "chat", m.Chat.ID, "err", err)
		b.sendPlain(ctx, m.Chat.ID, txtExportNotSent)
	}
}

// pendingUsers lists the access requests waiting, one message each so the
// decision replaces just that request.
func (b *Bot) pendingUsers(ctx context.Context, m *Message) {
	users, err := b.cfg.Review.Users(ctx, func(u conversation.User) bool { return u.Status == conversation.StatusPending })
	if err != nil {
		b.reviewFailed(ctx, m.Chat.ID, "users", err)
		return
	}
	if len(users) == 0 {
		b.sendPlain(ctx, m.Chat.ID, txtNoPending)
		return
	}
	b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtPendingHead, len(users)))
	for i, u := range users {
		if i == usersShown {
			b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtPendingMore, len(users)-usersShown))
			break
		}
		text := fmt.Sprintf(txtAccessRequest, userLabel(u.Name, u.Username), u.ID)
		if !u.Created.IsZero() {
			text += "，申请时间 " + chinatime.Minute(u.Created)
		}
		b.sendChoice(ctx, m.Chat.ID, text, approveButtons(u.ID))
	}
}

// grant gives (or with yes false takes back) the staff role stored in
// Redis. Roles from the environment are changed there, not here.
func (b *Bot) grant(ctx context.Context, m *Message, args string, yes bool) {
	chatID := m.Chat.ID
	id, err := strconv.ParseInt(strings.TrimSpace(args), 10, 64)
	if err != nil || id <= 0 {
		b.sendPlain(ctx, chatID, txtGrantUsage)
		return
	}
	newRole, err := b.svc.Grant(ctx, m.From.ID, id, yes)
	var msg string
	switch {
	case errors.Is(err, conversation.ErrStoreDown):
		msg = txtCantVerify
	case errors.Is(err, conversation.ErrNotAdmin):
		msg = txtAdminCommandOnly
	case errors.Is(err, conversation.ErrIsAdmin):
		msg = fmt.Sprintf(txtGrantAdmin, id)
	case errors.Is(err, conversation.ErrAlreadyStaff):
		msg = fmt.Sprintf(txtGrantAlready, id)
	case errors.Is(err, conversation.ErrRoleFromSettings):
		msg = fmt.Sprintf(txtRevokeEnv, id)
	case errors.Is(err, conversation.ErrNotStaff):
		msg = fmt.Sprintf(txtRevokeNone, id)
	case err != nil:
		msg = txtSorry
	}
	if msg != "" {
		b.sendPlain(ctx, chatID, msg)
		return
	}
	done := txtGranted
	if !yes {
		done = txtRevoked
	}
	b.setMenu(ctx, id, newRole)
	b.sendPlain(ctx, chatID, fmt.Sprintf(done, id))
}

func (b *Bot) audit(ctx context.Context, m *Message, args string) {
	n := defaultAudit
	if v, err := strconv.Atoi(strings.TrimSpace(args)); err == nil {
		n = min(max(v, 1), 100)
	}
	entries, err := b.cfg.Review.ReviewAudit(ctx, reader(m.From.ID), n)
	if err != nil {
		b.reviewFailed(ctx, m.Chat.ID, "audit", err)
		return
	}
	if len(entries) == 0 {
		b.sendPlain(ctx, m.Chat.ID, txtNoAudit)
		return
	}
	b.deliverHTML(ctx, m.Chat.ID, escapeHTML(AuditText(entries)), nil)
}
