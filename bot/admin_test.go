package bot

import (
	"context"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"

	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/redisstore"
)

// askAndRate has alice ask two questions and dislike the first with a reason.
func askAndRate(h *liveHarness) {
	h.text(private(alice.ID), alice, "我先办了手续后补材料，能容错吗？")
	first := h.lastSend()
	h.text(private(alice.ID), alice, "补充：经过集体研究")
	down, _ := findButton(first.Buttons, "👎")
	h.press(private(alice.ID), alice, down.Data)
	h.text(private(alice.ID), alice, "没有讲申请程序")
}

func TestAdminCommandsRefuseOthers(t *testing.T) {
	h := newLiveHarness(t, nil)
	for _, who := range []User{alice, worker} {
		for _, cmd := range []string{"/stats", "/logs", "/export", "/users", "/grant 5", "/revoke 5", "/audit"} {
			h.text(private(who.ID), who, cmd)
			if h.lastSend().Text != txtAdminCommandOnly {
				t.Errorf("%s by %d: %q", cmd, who.ID, h.lastSend().Text)
			}
		}
	}
	entries, _ := h.rs.ReviewAudit(context.Background(), redisstore.Reader{Who: "test", Via: "cli"}, 10)
	if len(entries) != 0 {
		t.Errorf("refused commands left audit entries: %+v", entries)
	}
}

func TestStatsLogsAndAudit(t *testing.T) {
	h := newLiveHarness(t, nil)
	askAndRate(h)
	me := private(admin.ID)

	h.text(me, admin, "/stats")
	st := h.lastSend().Text
	for _, want := range []string{"【今天", "提问：2 次", "用户：1 人", "能否容错 2", "需补充事实 2", "👍 0 / 👎 1（好评率 0%）", "离线 2", "出错：0 次"} {
		if !strings.Contains(st, want) {
			t.Errorf("/stats lacks %q:\n%s", want, st)
		}
	}

	h.text(me, admin, "/logs 5 down")
	logs := h.lastSend()
	if !logs.HTML || !strings.Contains(logs.Text, "最近 1 条回答") || !strings.Contains(logs.Text, "问：我先办了手续后补材料") ||
		!strings.Contains(logs.Text, "引用：wzcl-2019#17") || !strings.Contains(logs.Text, "评价：👎 没有讲申请程序") || strings.Contains(logs.Text, "补充：经过集体研究") {
		t.Errorf("/logs 5 down:\n%s", logs.Text)
	}
	h.text(me, admin, "/logs")
	if got := h.lastSend().Text; !strings.Contains(got, "最近 2 条回答") {
		t.Errorf("/logs:\n%s", got)
	}
	h.text(me, admin, "/logs 3 没有的词")
	if h.lastSend().Text != txtNoLogs {
		t.Errorf("/logs nothing: %q", h.lastSend().Text)
	}

	h.text(me, admin, "/audit")
	audit := h.lastSend().Text
	for _, want := range []string{"tg:1（telegram）查看统计", "查看记录：last 5, filter: rating=down，1 条", "查看记录：last 3, filter: text=没有的词，0 条"} {
		if !strings.Contains(audit, want) {
			t.Errorf("/audit lacks %q:\n%s", want, audit)
		}
	}
}

func TestExportSendsAFile(t *testing.T) {
	h := newLiveHarness(t, nil)
	askAndRate(h)
	me := private(admin.ID)
	h.text(me, admin, "/export")
	if len(h.files.sent) != 1 {
		t.Fatalf("no file sent: %q", h.lastSend().Text)
	}
	f := h.files.sent[0]
	today := time.Now().In(chinatime.Zone)
	if f.chatID != admin.ID || f.name != "usage_"+today.AddDate(0, 0, -6).Format("20060102")+"_"+today.Format("20060102")+".csv" ||
		!strings.Contains(f.caption, "共 4 条") {
		t.Errorf("sent %q to %d: %q", f.name, f.chatID, f.caption)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(f.data), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 5 || rows[0][0] != "id" {
		t.Fatalf("CSV: %d rows %v", len(rows), err)
	}

	h.text(me, admin, "/export "+today.Format("2006-01-02")+" jsonl")
	if len(h.files.sent) != 2 || !strings.HasSuffix(h.files.sent[1].name, ".jsonl") || strings.Count(string(h.files.sent[1].data), "\n") != 4 {
		t.Errorf("one-day JSONL export: %+v", h.files.sent[1:])
	}
	h.text(me, admin, "/export 2020-01-01 2020-01-31")
	if got := h.lastSend().Text; got != "2020-01-01 至 2020-01-31 没有使用记录，没有生成文件。" {
		t.Errorf("empty range: %q", got)
	}
	h.text(me, admin, "/export 2020-13-01")
	if got := h.lastSend().Text; !strings.Contains(got, "日期“2020-13-01”无效") || !strings.Contains(got, "用法：/export") {
		t.Errorf("bad date: %q", got)
	}
	h.text(me, admin, "/export 2026-01-01 2026-01-02 2026-01-03")
	if got := h.lastSend().Text; !strings.Contains(got, txtExportDays) || strings.Count(got, "用法：/export") != 1 {
		t.Errorf("three dates: %q", got)
	}
	if len(h.files.sent) != 2 {
		t.Error("a refused export sent a file")
	}
}

func TestUsersApprovalGrantAndRevoke(t *testing.T) {
	h := newLiveHarness(t, func(c *settings) { c.Conversation.Access = conversation.AccessApproval })
	ctx := context.Background()
	me := private(admin.ID)
	newcomer := User{ID: 55, Name: "赵六", Username: "zhao"}
	h.text(private(newcomer.ID), newcomer, "能容错吗")

	h.text(me, admin, "/users")
	req := h.lastSend()
	if !strings.Contains(req.Text, "赵六 @zhao（ID 55）") {
		t.Fatalf("/users: %+v", req)
	}
	approve, _ := findButton(req.Buttons, "✅")
	h.press(me, admin, approve.Data)
	if u, _ := h.rs.User(ctx, 55); u.Status != conversation.StatusActive || u.DecidedBy != admin.ID {
		t.Errorf("after approval: %+v", u)
	}
	h.text(me, admin, "/users")
	if h.lastSend().Text != txtNoPending {
		t.Errorf("/users after approval: %q", h.lastSend().Text)
	}

	h.text(me, admin, "/grant 55")
	if u, _ := h.rs.User(ctx, 55); u.Role != conversation.RoleStaff || !strings.Contains(h.lastSend().Text, "已授予用户 55") {
		t.Errorf("/grant: %+v %q", u, h.lastSend().Text)
	}
	if menu := h.menus.of(55); !strings.Contains(strings.Join(menu, ","), "kbstatus") || strings.Contains(strings.Join(menu, ","), "stats") {
		t.Errorf("staff menu: %v", menu)
	}
	h.text(private(55), newcomer, "/kbstatus")
	if !strings.Contains(h.lastSend().Text, "知识库第 1 版") {
		t.Errorf("a granted staff member's /kbstatus: %q", h.lastSend().Text)
	}
	h.text(me, admin, "/grant 55")
	if !strings.Contains(h.lastSend().Text, "已经是工作人员") {
		t.Errorf("granting twice: %q", h.lastSend().Text)
	}

	h.text(me, admin, "/revoke 55")
	if u, _ := h.rs.User(ctx, 55); u.Role != "" || !strings.Contains(h.lastSend().Text, "已撤销") {
		t.Errorf("/revoke: %+v %q", u, h.lastSend().Text)
	}
	if menu := h.menus.of(55); strings.Contains(strings.Join(menu, ","), "kb") {
		t.Errorf("menu after revoke: %v", menu)
	}
	h.text(private(55), newcomer, "/kbstatus")
	if h.lastSend().Text != txtStaffOnly {
		t.Errorf("revoked staff: %q", h.lastSend().Text)
	}

	for cmd, want := range map[string]string{
		"/revoke 7":   "来自 RONGCUO_STAFF",
		"/revoke 55":  "不是工作人员",
		"/grant 1":    "是管理员",
		"/grant abc":  "用法：/grant",
		"/revoke -3":  "用法：/grant",
		"/grant 1e99": "用法：/grant",
	} {
		h.text(me, admin, cmd)
		if !strings.Contains(h.lastSend().Text, want) {
			t.Errorf("%s: %q, want %q", cmd, h.lastSend().Text, want)
		}
	}
}

func TestMenusAndHelpByRole(t *testing.T) {
	h := newLiveHarness(t, nil)
	h.rs.SetRole(context.Background(), 9, conversation.RoleStaff, admin.ID, time.Now())
	h.bot.RegisterMenus(context.Background())
	names := func(cmds []Command) []string {
		var out []string
		for _, c := range cmds {
			out = append(out, c.Name)
		}
		return out
	}
	wantStaff := names(MenuFor(conversation.RoleStaff))
	wantAdmin := names(MenuFor(conversation.RoleAdmin))
	if !reflect.DeepEqual(h.menus.of(worker.ID), wantStaff) || !reflect.DeepEqual(h.menus.of(9), wantStaff) || !reflect.DeepEqual(h.menus.of(admin.ID), wantAdmin) {
		t.Errorf("menus: staff %v, granted %v, admin %v", h.menus.of(worker.ID), h.menus.of(9), h.menus.of(admin.ID))
	}
	if len(h.menus.of(alice.ID)) != 0 {
		t.Error("a cadre got a menu of their own")
	}
	for _, c := range []struct {
		who        User
		staff, adm bool
	}{{alice, false, false}, {worker, true, false}, {admin, true, true}} {
		h.text(private(c.who.ID), c.who, "/help")
		got := h.lastSend().Text
		if strings.Contains(got, "工作人员命令") != c.staff || strings.Contains(got, "管理员命令") != c.adm {
			t.Errorf("/help for %d:\n%s", c.who.ID, got)
		}
	}
}

func TestLogsAndExportArguments(t *testing.T) {
	cases := []struct {
		args   string
		n      int
		filter string
	}{
		{"", 10, "all"},
		{"20 down", 20, "rating=down"},
		{"999", maxLogs, "all"},
		{"0 llm", 1, "mode=llm"},
		{"招商 5", 10, "text=招商 5"},
	}
	for _, c := range cases {
		n, f := parseLogsArgs(c.args)
		if n != c.n || f.String() != c.filter {
			t.Errorf("parseLogsArgs(%q) = %d %q, want %d %q", c.args, n, f, c.n, c.filter)
		}
	}
	now := time.Date(2026, 5, 7, 12, 0, 0, 0, chinatime.Zone)
	for args, want := range map[string]string{
		"":                            "2026-05-01 至 2026-05-07 csv",
		"jsonl":                       "2026-05-01 至 2026-05-07 jsonl",
		"2026-05-03":                  "2026-05-03 csv",
		"2026-04-01 2026-04-30 JSONL": "2026-04-01 至 2026-04-30 jsonl",
	} {
		from, to, format, err := parseExportArgs(args, now)
		if got := redisstore.RangeText(from, to) + " " + format; err != nil || got != want {
			t.Errorf("parseExportArgs(%q) = %q %v, want %q", args, got, err, want)
		}
	}
	for _, args := range []string{"2026-01-01 2026-01-02 2026-01-03", "昨天", "2026-05-09 2026-05-01"} {
		if _, _, _, err := parseExportArgs(args, now); err == nil {
			t.Errorf("parseExportArgs(%q) accepted", args)
		}
	}
}

func FuzzAdminArguments(f *testing.F) {
	for _, s := range []string{"", "20 down 招商", "2026-05-01 csv", "-1", "user:abc"} {
		f.Add(s)
	}
	now := time.Date(2026, 5, 7, 12, 0, 0, 0, chinatime.Zone)
	f.Fuzz(func(t *testing.T, args string) {
		if n, _ := parseLogsArgs(args); n < 1 || n > maxLogs {
			t.Errorf("parseLogsArgs(%q) gave n = %d", args, n)
		}
		from, to, format, err := parseExportArgs(args, now)
		if err == nil && (!from.Before(to) || (format != "csv" && format != "jsonl")) {
			t.Errorf("parseExportArgs(%q) = %v %v %q", args, from, to, format)
		}
	})
}
