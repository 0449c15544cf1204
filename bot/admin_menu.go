package bot

import (
	"context"
	"time"

	"rongcuo/conversation"
)

// Menus sets the command menu one private chat sees (setMyCommands with a
// chat scope): staff and admins see their commands there, cadres never do.
type Menus interface {
	SetCommands(ctx context.Context, chatID int64, cmds []Command) error
}

// StaffCommands are the commands of staff (and admins).
var StaffCommands = []Command{
	{"kb", "知识库：/kb search 关键词 | show ID | retire ID"},
	{"addcase", "逐项录入一个案例"},
	{"kbstatus", "知识库版本、数量和最近修改"},
	{"cancel", "取消正在进行的案例录入"},
}

// AdminCommands are the commands of admins.
var AdminCommands = []Command{
	{"stats", "今天和近 7 天的使用统计"},
	{"logs", "最近的回答：/logs 条数 筛选词"},
	{"export", "导出记录：/export 开始日期 结束日期 csv|jsonl"},
	{"users", "待审批的用户"},
	{"grant", "授予工作人员角色：/grant 用户ID"},
	{"revoke", "撤销工作人员角色：/revoke 用户ID"},
	{"audit", "管理员查阅记录的审计"},
}

// commandsFor is the menu of a role.
func commandsFor(role string) []Command {
	cmds := append([]Command(nil), Commands...)
	if isStaff(role) {
		cmds = append(cmds, StaffCommands...)
	}
	if role == conversation.RoleAdmin {
		cmds = append(cmds, AdminCommands...)
	}
	return cmds
}

// roleHelp is what /help adds for staff and admins.
func roleHelp(role string) string {
	switch role {
	case conversation.RoleAdmin:
		return "\n\n" + txtStaffHelp + "\n\n" + txtAdminHelp
	case conversation.RoleStaff:
		return "\n\n" + txtStaffHelp
	}
	return ""
}

func (b *Bot) setMenu(ctx context.Context, userID int64, storedRole string) {
	if b.cfg.Menus == nil {
		return
	}
	role := b.svc.Role(userID, conversation.User{Role: storedRole})
	if err := b.cfg.Menus.SetCommands(ctx, userID, commandsFor(role)); err != nil {
		b.log.Warn("command menu not set", "user", userID, "err", err)
	}
}

// RegisterMenus gives every admin and staff member, from the environment
// and from grants in the store, the menu of their role. Run calls it at
// start; a failure leaves the default menu and /help lists the commands.
func (b *Bot) RegisterMenus(ctx context.Context) {
	if b.cfg.Menus == nil {
		return
	}
	roles := map[int64]string{}
	for _, id := range b.svc.Staff() {
		roles[id] = conversation.RoleStaff
	}
	if b.cfg.Review != nil {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		granted, err := b.cfg.Review.Users(ctx, func(u conversation.User) bool { return isStaff(u.Role) })
		cancel()
		if err != nil {
			b.log.Warn("granted roles not read; their menus stay the default", "err", err)
		}
		for _, u := range granted {
			roles[u.ID] = u.Role
		}
	}
	for _, id := range b.svc.Admins() {
		roles[id] = conversation.RoleAdmin
	}
	for id, role := range roles {
		b.setMenu(ctx, id, role)
	}
}
