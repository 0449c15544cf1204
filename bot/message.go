package bot

import (
	"context"
	"fmt"
	"strings"

	"rongcuo/conversation"
)

// session is an update's loaded state; OK is false when the store could not
// be reached and the bot answers without memory.
type session = conversation.State

func (b *Bot) begin(ctx context.Context, u Update, chatID, userID int64, count bool) session {
	var once int64
	if u.Queued {
		once = u.ID
	}
	return b.svc.Load(ctx, conversation.Begin{ChatID: chatID, UserID: userID, UpdateID: dedupeID(u), Once: once, Count: count, Now: u.Received})
}

// dedupeID is the id the store de-duplicates an update by: none for one
// the durable queue let in.
func dedupeID(u Update) int64 {
	if u.Queued {
		return 0
	}
	return u.ID
}

// onMessage routes a message: silence where users expect it, a short reply to
// what the bot cannot read, commands, and questions.
func (b *Bot) onMessage(ctx context.Context, u Update) {
	m := u.Message
	if m.From.IsBot || m.Kind == KindService || m.Chat.Type == ChatChannel {
		return
	}
	text := strings.TrimSpace(m.Text)
	cmd, args, isCmd := parseCommand(text, b.cfg.Username)
	if isCmd && cmd == "" {
		return // a command for another bot
	}
	if m.Chat.Type != ChatPrivate {
		if !(m.Mentioned || m.ReplyToBot || isCmd) {
			return
		}
		if !b.cfg.Groups {
			first, err := b.cfg.Store.Once(ctx, m.Chat.ID, "groups-off")
			if err == nil && first {
				b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtGroupsOff, b.cfg.Username))
			}
			return
		}
		if m.Edited {
			return
		}
	}
	question := !isCmd && m.Kind == KindText && !m.Edited && !m.Forwarded
	s := b.begin(ctx, u, m.Chat.ID, m.From.ID, question)
	if s.Duplicate {
		return
	}
	if m.Kind == KindDocument && m.Document != nil && !m.Edited {
		// Staff forward the files they import, so a forwarded file is taken.
		b.onUpload(ctx, u, s)
		return
	}
	switch {
	case m.Edited:
		b.sendPlain(ctx, m.Chat.ID, txtEdited)
		return
	case m.Forwarded:
		b.sendPlain(ctx, m.Chat.ID, txtForwarded)
		return
	}
	switch m.Kind {
	case KindText:
	case KindSticker:
		b.sendPlain(ctx, m.Chat.ID, txtSticker)
		return
	case KindLocation, KindContact:
		b.sendPlain(ctx, m.Chat.ID, txtLocation)
		return
	default:
		b.sendPlain(ctx, m.Chat.ID, txtNotText)
		return
	}
	if isCmd {
		b.onCommand(ctx, u, s, cmd, args)
		return
	}
	b.onText(ctx, u, s, stripMention(text, b.cfg.Username))
}

// parseCommand reads "/cmd@bot args". isCmd is true for any command; cmd is
// empty when it is addressed to another bot.
func parseCommand(text, username string) (cmd, args string, isCmd bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text, " ")
	if i := strings.IndexByte(head, '\n'); i >= 0 {
		rest = head[i+1:] + " " + rest
		head = head[:i]
	}
	name, at, addressed := strings.Cut(head[1:], "@")
	if addressed && !strings.EqualFold(at, username) {
		return "", "", true
	}
	return strings.ToLower(name), strings.TrimSpace(rest), true
}

func stripMention(text, username string) string {
	if username == "" {
		return text
	}
	at := "@" + username
	for {
		i := strings.Index(strings.ToLower(text), strings.ToLower(at))
		if i < 0 {
			return strings.TrimSpace(text)
		}
		text = text[:i] + text[i+len(at):]
	}
}
