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

// Command is one bot command as a menu shows it (setMyCommands).
type Command struct {
	Name        string
	Description string
}

// The bot's commands are one table, commandTable: dispatch runs its rows,
// the menus and /help are made from them, and a row says who may use the
// command.

// access is what dispatch checks before a command runs.
type access int

const (
	// anyone: before the access policy, so a newcomer can read what the bot
	// is and who they are (/start, /help, /whoami).
	anyone access = iota
	// admitted: users the access policy lets in.
	admitted
	// staffOnly: admitted staff and admins, in a private chat, with
	// knowledge-base maintenance on (staffReady).
	staffOnly
	// adminOnly: admitted admins, in a private chat, with usage review on
	// (adminReady).
	adminOnly
)

// botCommand is one row of the command table.
type botCommand struct {
	name string
	// role is whose menu and /help show the command: "" everyone,
	// staff (staff and admins), admin.
	role string
	// menu is the menu's description; "" keeps the command out of menus.
	menu   string
	access access
	// help are its lines in /help (HTML), under its role's heading.
	help []string
	run  func(b *Bot, ctx context.Context, c call)
}

// call is one command as sent.
type call struct {
	u    Update
	m    *Message
	s    session
	args string
}

// commandTable is every command, in menu and /help order within a role.
func commandTable() []botCommand {
	staff, admin := conversation.RoleStaff, conversation.RoleAdmin
	return []botCommand{
		{name: "start", menu: "开始使用：功能介绍和注意事项", access: anyone, run: (*Bot).start},
		{name: "help", menu: "使用帮助", access: anyone, help: []string{"/help 显示本帮助"},
			run: func(b *Bot, ctx context.Context, c call) {
				b.sendHTML(ctx, c.m.Chat.ID, helpText(b.svc.Role(c.m.From.ID, c.s.User)), nil)
			}},
		{name: "new", menu: "开始新的案例", access: admitted, help: []string{"/new 开始新的案例（之前的对话仍保留在记录中）"}, run: (*Bot).newCase},
		{name: "cases", menu: "查找类似案例：/cases 关键词", access: admitted, help: []string{"/cases 关键词 — 查找类似案例"},
			run: func(b *Bot, ctx context.Context, c call) { b.cases(ctx, c.m.Chat.ID, c.args, c.s) }},
		{name: "policy", menu: "查找相关规定：/policy 关键词", access: admitted, help: []string{"/policy 关键词 — 查找相关规定条文"},
			run: func(b *Bot, ctx context.Context, c call) { b.policy(ctx, c.m.Chat.ID, c.args) }},
		{name: "forget", menu: "删除我的对话和使用记录内容", access: admitted, help: []string{"/forget 删除我的对话记录和使用记录中的内容"}, run: (*Bot).forget},
		{name: "whoami", menu: "查看我的角色和状态", access: anyone, help: []string{"/whoami 查看我的角色和状态"},
			run: func(b *Bot, ctx context.Context, c call) { b.whoami(ctx, c.m, c.s) }},
		{name: "web", menu: "获取网页版的一次性登录链接", access: admitted, help: []string{"/web 获取网页版登录链接"},
			run: func(b *Bot, ctx context.Context, c call) { b.webLink(ctx, c.m) }},
		// The reply to the question after a 👎 is optional; /skip passes.
		{name: "skip", access: admitted, run: (*Bot).skipReason},

		{name: "kb", role: staff, menu: "知识库：/kb search 关键词 | show ID | retire ID", access: staffOnly,
			help: []string{"/kb search 关键词 — 检索条文和案例", "/kb show ID — 查看文件、条文或案例", "/kb retire ID — 停用文件或案例"},
			run:  func(b *Bot, ctx context.Context, c call) { b.kbCommand(ctx, c.m, c.args) }},
		{name: "addcase", role: staff, menu: "逐项录入一个案例", access: staffOnly, help: []string{"/addcase — 逐项录入案例（/cancel 取消）"},
			run: func(b *Bot, ctx context.Context, c call) { b.startDraft(ctx, c.m) }},
		{name: "kbstatus", role: staff, menu: "知识库版本、数量和最近修改", access: staffOnly, help: []string{"/kbstatus — 知识库状态"},
			run: func(b *Bot, ctx context.Context, c call) { b.kbStatus(ctx, c.m.Chat.ID) }},
		// Ending one's own draft is always allowed, whatever the role is now.
		{name: "cancel", role: staff, menu: "取消正在进行的案例录入", access: admitted,
			run: func(b *Bot, ctx context.Context, c call) { b.cancelDraft(ctx, c.m, c.s) }},

		{name: "stats", role: admin, menu: "今天和近 7 天的使用统计", access: adminOnly, help: []string{"/stats — 今天和近 7 天的使用统计"},
			run: func(b *Bot, ctx context.Context, c call) { b.stats(ctx, c.m) }},
		{name: "logs", role: admin, menu: "最近的回答：/logs 条数 筛选词", access: adminOnly, help: []string{"/logs [条数] [筛选词] — 最近的回答，例如 /logs 20 down"},
			run: func(b *Bot, ctx context.Context, c call) { b.logs(ctx, c.m, c.args) }},
		{name: "export", role: admin, menu: "导出记录：/export 开始日期 结束日期 csv|jsonl", access: adminOnly,
			help: []string{"/export [开始日期] [结束日期] [csv|jsonl] — 导出使用记录"},
			run:  func(b *Bot, ctx context.Context, c call) { b.export(ctx, c.m, c.args) }},
		{name: "users", role: admin, menu: "待审批的用户", access: adminOnly, help: []string{"/users — 待审批的用户"},
			run: func(b *Bot, ctx context.Context, c call) { b.pendingUsers(ctx, c.m) }},
		{name: "grant", role: admin, menu: "授予工作人员角色：/grant 用户ID", access: adminOnly, help: []string{"/grant 用户ID — 授予工作人员角色"},
			run: func(b *Bot, ctx context.Context, c call) { b.grant(ctx, c.m, c.args, true) }},
		{name: "revoke", role: admin, menu: "撤销工作人员角色：/revoke 用户ID", access: adminOnly, help: []string{"/revoke 用户ID — 撤销工作人员角色"},
			run: func(b *Bot, ctx context.Context, c call) { b.grant(ctx, c.m, c.args, false) }},
		{name: "audit", role: admin, menu: "管理员查阅记录的审计", access: adminOnly, help: []string{"/audit [条数] — 管理员查阅记录的审计"},
			run: func(b *Bot, ctx context.Context, c call) { b.audit(ctx, c.m, c.args) }},
	}
}

// lookupCommand returns the row of a command name, or nil.
func lookupCommand(name string) *botCommand {
	for _, c := range commandTable() {
		if c.name == name {
			return &c
		}
	}
	return nil
}

// onCommand runs a command after the checks its row asks for. An unknown
// command is answered as one after the access policy, like any message.
func (b *Bot) onCommand(ctx context.Context, u Update, s session, name, args string) {
	m := u.Message
	cmd := lookupCommand(name)
	if cmd == nil || cmd.access != anyone {
		if ok, msg := b.svc.Admit(ctx, person(m.From), s); !ok {
			b.sendPlain(ctx, m.Chat.ID, msg)
			return
		}
	}
	switch {
	case cmd == nil:
		b.sendPlain(ctx, m.Chat.ID, txtUnknownCommand)
		return
	case cmd.access == staffOnly && !b.staffReady(ctx, m, s):
		return
	case cmd.access == adminOnly && !b.adminReady(ctx, m, s):
		return
	}
	cmd.run(b, ctx, call{u: u, m: m, s: s, args: args})
}

// inRole reports whether a command of role cmdRole is for a user of role.
func inRole(cmdRole, role string) bool {
	switch cmdRole {
	case "":
		return true
	case conversation.RoleStaff:
		return isStaff(role)
	}
	return role == cmdRole
}

// MenuFor is the menu of a role: the commands of the table its users may
// use, in table order. MenuFor("") is everyone's menu.
func MenuFor(role string) []Command {
	var out []Command
	for _, c := range commandTable() {
		if c.menu != "" && inRole(c.role, role) {
			out = append(out, Command{Name: c.name, Description: c.menu})
		}
	}
	return out
}

// helpText is /help for a role: how to use the bot and the commands of the
// table, a section per role the user has.
func helpText(role string) string {
	sections := []struct{ role, head, intro, outro string }{
		{"", txtHelpIntro + "\n\n<b>命令</b>", "", "\n\n" + txtHelpOutro},
		{conversation.RoleStaff, "\n\n<b>工作人员命令</b>", txtStaffUpload, ""},
		{conversation.RoleAdmin, "\n\n<b>管理员命令</b>", "", ""},
	}
	var sb strings.Builder
	for _, sec := range sections {
		if !inRole(sec.role, role) {
			continue
		}
		sb.WriteString(sec.head)
		if sec.intro != "" {
			sb.WriteString("\n" + sec.intro)
		}
		for _, c := range commandTable() {
			if c.role != sec.role {
				continue
			}
			for _, h := range c.help {
				sb.WriteString("\n" + h)
			}
		}
		sb.WriteString(sec.outro)
	}
	return sb.String()
}

func (b *Bot) start(ctx context.Context, c call) {
	b.sendHTML(ctx, c.m.Chat.ID, txtStart, nil)
	if ok, msg := b.svc.Admit(ctx, person(c.m.From), c.s); !ok {
		b.sendPlain(ctx, c.m.Chat.ID, msg)
	}
}

func (b *Bot) newCase(ctx context.Context, c call) {
	chatID := c.m.Chat.ID
	switch err := b.svc.NewCase(ctx, person(c.m.From), convChat(c.m.Chat), c.s, c.u.Received); {
	case errors.Is(err, conversation.ErrStoreDown):
		b.sendPlain(ctx, chatID, txtStoreDown)
	case err != nil:
		b.sendPlain(ctx, chatID, txtSorry)
	default:
		b.sendPlain(ctx, chatID, txtNewCase)
	}
}

func (b *Bot) skipReason(ctx context.Context, c call) {
	chatID := c.m.Chat.ID
	if err := b.svc.SetPending(ctx, chatID, ""); err != nil {
		b.log.Warn("not saved", "chat", chatID, "err", err)
	}
	b.sendPlain(ctx, chatID, txtReasonSkipped)
}

func (b *Bot) forget(ctx context.Context, c call) {
	chatID := c.m.Chat.ID
	if c.m.Chat.Type != ChatPrivate {
		b.sendPlain(ctx, chatID, txtForgetPrivate)
		return
	}
	b.sendChoice(ctx, chatID, txtForgetConfirm, [][]Button{{
		{Text: "确认删除", Data: forgetData(true)}, {Text: "取消", Data: forgetData(false)},
	}})
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
