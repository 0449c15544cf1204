package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"rongcuo/conversation"
)

func TestCommandTableRows(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range commandTable() {
		if seen[c.name] || c.name != strings.ToLower(c.name) || c.run == nil {
			t.Errorf("/%s: repeated, not lower case, or nothing to run", c.name)
		}
		seen[c.name] = true
		// A gate that checks a role belongs to a row of that role, and a
		// command of staff or admins is gated by its role; /cancel alone
		// is not, since it only ends the caller's own draft.
		switch {
		case c.access == staffOnly && c.role != conversation.RoleStaff,
			c.access == adminOnly && c.role != conversation.RoleAdmin,
			c.role == conversation.RoleAdmin && c.access != adminOnly,
			c.role == conversation.RoleStaff && c.access != staffOnly && c.name != "cancel":
			t.Errorf("/%s: role %q with access %d", c.name, c.role, c.access)
		}
	}
}

// Every command of the table dispatches for a user of its role, is in that
// role's menu and /help (and in no lower role's), and is refused to a lower
// role when it is gated.
func TestEveryCommandDispatchesAndIsInItsRolesMenu(t *testing.T) {
	h := newLiveHarness(t, nil)
	h.bot.RegisterMenus(context.Background())
	users := map[string]User{"": alice, conversation.RoleStaff: worker, conversation.RoleAdmin: admin}
	refusals := []string{txtUnknownCommand, txtStaffOnly, txtAdminCommandOnly, txtPrivateOnly, txtKBOff, txtReviewOff}
	menuOf := func(role string) []string {
		if role == "" {
			// Cadres get no menu of their own: everyone's is the default
			// one registered at start.
			var names []string
			for _, c := range MenuFor("") {
				names = append(names, c.Name)
			}
			return names
		}
		return h.menus.of(users[role].ID)
	}
	helpOf := map[string]string{}
	for role, u := range users {
		h.text(private(u.ID), u, "/help")
		helpOf[role] = h.lastSend().Text
	}

	for _, c := range commandTable() {
		for _, role := range []string{"", conversation.RoleStaff, conversation.RoleAdmin} {
			u, mine := users[role], inRole(c.role, role)
			inMenu := slices.Contains(menuOf(role), c.name)
			if inMenu != (mine && c.menu != "") {
				t.Errorf("/%s in the menu of %q: %v, want %v", c.name, role, inMenu, mine && c.menu != "")
			}
			for _, line := range c.help {
				if strings.Contains(helpOf[role], line) != mine {
					t.Errorf("/%s's help line %q: in the /help of %q %v, want %v", c.name, line, role, !mine, mine)
				}
			}
			before := len(h.out.all())
			h.text(private(u.ID), u, "/"+c.name)
			out := h.out.all()[before:]
			if len(out) == 0 {
				t.Errorf("/%s by %q: nothing happened", c.name, role)
				continue
			}
			reply := ""
			if sends := h.out.of("send"); len(sends) > 0 && out[len(out)-1].Method == "send" {
				reply = sends[len(sends)-1].Out.Text
			}
			refused := slices.Contains(refusals, reply)
			switch {
			case mine && refused:
				t.Errorf("/%s by %q was refused: %q", c.name, role, reply)
			case !mine && c.access >= staffOnly && !refused:
				t.Errorf("/%s by %q was not refused: %q", c.name, role, reply)
			}
		}
		h.text(private(worker.ID), worker, "/cancel") // an /addcase draft ends
	}

	h.text(private(admin.ID), admin, "/nosuchcommand")
	if h.lastSend().Text != txtUnknownCommand {
		t.Errorf("an unknown command: %q", h.lastSend().Text)
	}
}

func TestHelpText(t *testing.T) {
	cadre, staff, admin := helpText(""), helpText(conversation.RoleStaff), helpText(conversation.RoleAdmin)
	for _, want := range []string{txtHelpIntro, "<b>命令</b>\n/help", "/cases 关键词 — 查找类似案例", "/web 获取网页版登录链接\n\n" + txtHelpOutro} {
		if !strings.Contains(cadre, want) {
			t.Errorf("/help lacks %q:\n%s", want, cadre)
		}
	}
	if strings.Contains(cadre, "工作人员命令") || strings.Contains(cadre, "/kb") {
		t.Errorf("a cadre's /help shows staff commands:\n%s", cadre)
	}
	if !strings.HasPrefix(staff, cadre) || !strings.Contains(staff, "<b>工作人员命令</b>\n"+txtStaffUpload+"\n/kb search") || strings.Contains(staff, "管理员命令") {
		t.Errorf("staff /help:\n%s", staff)
	}
	if !strings.HasPrefix(admin, staff) || !strings.HasSuffix(admin, "<b>管理员命令</b>\n/stats — 今天和近 7 天的使用统计\n/logs [条数] [筛选词] — 最近的回答，例如 /logs 20 down\n/export [开始日期] [结束日期] [csv|jsonl] — 导出使用记录\n/users — 待审批的用户\n/grant 用户ID — 授予工作人员角色\n/revoke 用户ID — 撤销工作人员角色\n/audit [条数] — 管理员查阅记录的审计") {
		t.Errorf("admin /help:\n%s", admin)
	}
}
