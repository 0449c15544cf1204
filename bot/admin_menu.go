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

func (b *Bot) setMenu(ctx context.Context, userID int64, storedRole string) {
	if b.cfg.Menus == nil {
		return
	}
	role := b.svc.Role(userID, conversation.User{Role: storedRole})
	if err := b.cfg.Menus.SetCommands(ctx, userID, MenuFor(role)); err != nil {
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
