package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"rongcuo/conversation"
	"rongcuo/internal/clip"
)

// Command is one bot command as registered with setMyCommands.
type Command struct {
	Name        string
	Description string
}

// Commands lists the commands shown in Telegram's menu.
var Commands = []Command{
	{"start", "开始使用：功能介绍和注意事项"},
	{"help", "使用帮助"},
	{"new", "开始新的案例"},
	{"cases", "查找类似案例：/cases 关键词"},
	{"policy", "查找相关规定：/policy 关键词"},
	{"forget", "删除我的对话和使用记录内容"},
	{"whoami", "查看我的角色和状态"},
	{"web", "获取网页版的一次性登录链接"},
}

func (b *Bot) onCommand(ctx context.Context, u Update, s session, cmd, args string) {
	m := u.Message
	chatID := m.Chat.ID
	switch cmd {
	case "start":
		b.sendHTML(ctx, chatID, txtStart, nil)
		if ok, msg := b.svc.Admit(ctx, person(m.From), s); !ok {
			b.sendPlain(ctx, chatID, msg)
		}
		return
	case "help":
		b.sendHTML(ctx, chatID, txtHelp+roleHelp(b.svc.Role(m.From.ID, s.User)), nil)
		return
	case "whoami":
		b.whoami(ctx, m, s)
		return
	}
	if ok, msg := b.svc.Admit(ctx, person(m.From), s); !ok {
		b.sendPlain(ctx, chatID, msg)
		return
	}
	switch cmd {
	case "new":
		switch err := b.svc.NewCase(ctx, person(m.From), convChat(m.Chat), s, u.Received); {
		case errors.Is(err, conversation.ErrStoreDown):
			b.sendPlain(ctx, chatID, txtStoreDown)
		case err != nil:
			b.sendPlain(ctx, chatID, txtSorry)
		default:
			b.sendPlain(ctx, chatID, txtNewCase)
		}
	case "skip":
		if err := b.svc.SetPending(ctx, chatID, ""); err != nil {
			b.log.Warn("not saved", "chat", chatID, "err", err)
		}
		b.sendPlain(ctx, chatID, txtReasonSkipped)
	case "forget":
		if m.Chat.Type != ChatPrivate {
			b.sendPlain(ctx, chatID, txtForgetPrivate)
			return
		}
		b.sendChoice(ctx, chatID, txtForgetConfirm, [][]Button{{
			{Text: "确认删除", Data: forgetData(true)}, {Text: "取消", Data: forgetData(false)},
		}})
	case "web":
		b.webLink(ctx, m)
	case "cases":
		b.cases(ctx, chatID, args, s)
	case "policy":
		b.policy(ctx, chatID, args)
	default:
		if !b.staffCommand(ctx, u, s, cmd, args) && !b.adminCommand(ctx, u, s, cmd, args) {
			b.sendPlain(ctx, chatID, txtUnknownCommand)
		}
	}
}

func (b *Bot) whoami(ctx context.Context, m *Message, s session) {
	role := b.svc.Role(m.From.ID, s.User)
	status := s.User.Status
	if status == "" && b.svc.Access() != conversation.AccessOpen && role == conversation.RoleCadre {
		status = "未申请"
	}
	label, ok := statusLabel[status]
	if !ok {
		label = status
	}
	text := fmt.Sprintf("您的用户 ID：%d\n角色：%s\n状态：%s", m.From.ID, roleLabel[role], label)
	if !s.OK {
		text += "\n" + txtHistoryDown
	}
	b.sendPlain(ctx, m.Chat.ID, text)
}

const listed = 5

func (b *Bot) cases(ctx context.Context, chatID int64, query string, s session) {
	if query == "" {
		query = s.Case.Text
	}
	if query == "" {
		b.sendPlain(ctx, chatID, txtCasesUsage)
		return
	}
	found := b.cfg.Library.SearchCases(query, listed)
	if len(found) == 0 {
		b.sendPlain(ctx, chatID, fmt.Sprintf(txtNothingFound, clip.Line(query, 30)))
		return
	}
	lines := []string{"<b>类似案例</b>（检索：" + escapeHTML(clip.Line(query, 30)) + "）"}
	for i, c := range found {
		where := strings.TrimSpace(c.Region + " " + c.Year)
		line := fmt.Sprintf("\n%d. <b>%s</b>", i+1, escapeHTML(c.Title))
		if where != "" {
			line += "（" + escapeHTML(where) + "）"
		}
		line += "\n结果：" + escapeHTML(c.Outcome)
		if c.Illustrative {
			line += "（示例，非真实案例）"
		}
		if c.Facts != "" {
			line += "\n" + escapeHTML(clip.Line(c.Facts, 80))
		}
		lines = append(lines, line)
	}
	lines = append(lines, "\n案例仅供参考，每个案件的认定取决于具体事实。")
	b.deliverHTML(ctx, chatID, strings.Join(lines, "\n"), nil)
}

func (b *Bot) policy(ctx context.Context, chatID int64, query string) {
	if query == "" {
		b.sendPlain(ctx, chatID, txtPolicyUsage)
		return
	}
	found := b.cfg.Library.SearchProvisions(query, listed)
	if len(found) == 0 {
		b.sendPlain(ctx, chatID, fmt.Sprintf(txtNothingFound, clip.Line(query, 30)))
		return
	}
	lines := []string{"<b>相关规定</b>（检索：" + escapeHTML(clip.Line(query, 30)) + "）"}
	var buttons [][]Button
	for i, p := range found {
		lines = append(lines, fmt.Sprintf("\n%d. <b>《%s》%s</b>\n%s", i+1, escapeHTML(p.Document), escapeHTML(p.Article), escapeHTML(clip.Line(p.Text, 80))))
		buttons = append(buttons, []Button{{Text: fmt.Sprintf("%d. 查看原文", i+1), Data: provisionData(p.ID)}})
	}
	b.deliverHTML(ctx, chatID, strings.Join(lines, "\n"), buttons)
}

func fmtForgetDone(n int) string { return fmt.Sprintf(txtForgetDone, n) }

// splitHTMLLines cuts HTML whose tags never span lines into pieces of at most
// max UTF-16 units, between lines, and inside a line only outside tags and
// entities.
func splitHTMLLines(html string, max int) []string {
	if UTF16Len(html) <= max {
		return []string{html}
	}
	var out []string
	cur := ""
	for _, line := range strings.Split(html, "\n") {
		for UTF16Len(line) > max {
			cut := safeCut(line, max)
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			out = append(out, line[:cut])
			line = line[cut:]
		}
		next := line
		if cur != "" {
			next = cur + "\n" + line
		}
		if UTF16Len(next) > max {
			out = append(out, cur)
			next = line
		}
		cur = next
	}
	if strings.TrimSpace(cur) != "" {
		out = append(out, cur)
	}
	return out
}

// safeCut returns a byte offset within max UTF-16 units that is not inside a
// tag or an entity.
func safeCut(s string, max int) int {
	n, units, inTag, inEnt := 0, 0, false, false
	for i, r := range s {
		if units+UTF16Len(string(r)) > max {
			break
		}
		if !inTag && !inEnt {
			n = i
		}
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case r == '&':
			inEnt = true
		case r == ';':
			inEnt = false
		}
		units += UTF16Len(string(r))
	}
	if n == 0 {
		_, n = utf8.DecodeRuneInString(s)
	}
	return n
}

// webLink sends a one-time link that signs the user in on the web console.
// Only in the private chat: a link posted in a group would let anyone there
// sign in as the user.
func (b *Bot) webLink(ctx context.Context, m *Message) {
	switch {
	case b.cfg.WebLinks == nil:
		b.sendPlain(ctx, m.Chat.ID, txtWebOff)
		return
	case m.Chat.Type != ChatPrivate:
		b.sendPlain(ctx, m.Chat.ID, txtWebPrivate)
		return
	}
	link, err := b.cfg.WebLinks.LoginLink(ctx, m.From.ID)
	if err != nil {
		b.log.Warn("web login link not issued", "user", m.From.ID, "err", err)
		b.sendPlain(ctx, m.Chat.ID, txtSorry)
		return
	}
	b.sendPlain(ctx, m.Chat.ID, fmt.Sprintf(txtWebLink, link))
}
