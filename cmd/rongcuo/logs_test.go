package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rongcuo/bot/telegramtest"
	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

var adminUser = telegramtest.From{ID: 1, Name: "管理员", Username: "admin"}

// logsCLI runs `rongcuo logs ARGS…` against the Redis and key prefix of a
// test, as the operator "ops".
func logsCLI(t *testing.T, prefix string, args ...string) (string, string, error) {
	t.Helper()
	vars := map[string]string{"REDIS_URL": redistest.URL(), "RONGCUO_REDIS_PREFIX": prefix, "USER": "ops"}
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"logs"}, args...), func(k string) string { return vars[k] }, nil, &out, &errb)
	return out.String(), errb.String(), err
}

// say sends a text from a user and waits for a reply containing want.
func (r *running) say(t *testing.T, from telegramtest.From, text, want string) telegramtest.Call {
	t.Helper()
	n := r.count(from.ID)
	r.api.Push(telegramtest.Text(from.ID, "private", from, text))
	return r.waitMessage(t, from.ID, n, want)
}

func TestServeAdminReviewsUsage(t *testing.T) {
	r := startServe(t, map[string]string{"RONGCUO_ACCESS": "approval"}, serveDeps{})
	ctx := context.Background()

	// The admin's menu holds the admin commands, in their chat only.
	cs := r.api.Wait(t, waitFor, "the admin's menu", func(cs []telegramtest.Call) bool {
		for _, c := range cs {
			if c.Method == "setMyCommands" && strings.Contains(c.Params["scope"], `"chat_id":1`) {
				return strings.Contains(c.Params["commands"], `"stats"`)
			}
		}
		return false
	})
	for _, c := range cs {
		if c.Method == "setMyCommands" && c.Params["scope"] == "" && strings.Contains(c.Params["commands"], `"stats"`) {
			t.Error("admin commands in everyone's menu")
		}
	}

	// A new user waits for approval; the admin approves from /users.
	r.say(t, cadre, "能容错吗？", "管理员审批后即可使用")
	users := r.say(t, adminUser, "/users", "王 @wang（ID 4242）")
	n := r.count(cadre.ID)
	r.api.Push(telegramtest.Press(adminUser.ID, adminUser, users.MessageID, button(t, users, "✅").CallbackData))
	r.waitMessage(t, cadre.ID, n, "您的使用申请已通过")

	// Two real questions and a 👎 with its reason.
	first := r.say(t, cadre, caseText, "初步判断")
	r.say(t, cadre, "什么是三个区分开来？", "三个区分开来")
	n = r.count(cadre.ID)
	r.api.Push(telegramtest.Press(cadre.ID, cadre, first.MessageID, button(t, first, "👎").CallbackData))
	r.waitMessage(t, cadre.ID, n, "哪里不满意")
	r.say(t, cadre, "没有说清楚申请程序", "已记录您的意见")
	eventually(t, "four usage records", func() bool { return len(r.usage(t)) == 4 })

	stats := r.say(t, adminUser, "/stats", "使用统计")
	for _, want := range []string{"提问：2 次", "用户：1 人", "能否容错 1", "概念解释 1", "👍 0 / 👎 1", "离线 2"} {
		if !strings.Contains(stats.Text, want) {
			t.Errorf("/stats lacks %q:\n%s", want, stats.Text)
		}
	}
	var cited string
	for _, rec := range r.usage(t) {
		if rec.Source == "message" && rec.Intent == "assessment" {
			cited = rec.Citations[0]
		}
	}
	logs := r.say(t, adminUser, "/logs 5", "最近 2 条回答")
	for _, want := range []string{"问：" + caseText[:30], "能否容错", "引用：" + cited, "评价：👎 没有说清楚申请程序", "问：什么是三个区分开来？"} {
		if !strings.Contains(logs.Text, want) {
			t.Errorf("/logs lacks %q:\n%s", want, logs.Text)
		}
	}

	r.api.Push(telegramtest.Text(adminUser.ID, "private", adminUser, "/export"))
	sent := r.api.Wait(t, waitFor, "sendDocument", func(cs []telegramtest.Call) bool { return has(cs, "sendDocument") })
	var file *telegramtest.File
	for _, c := range sent {
		if c.Method == "sendDocument" && c.ChatID == adminUser.ID {
			file = c.File
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(file.Data), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 5 || !strings.HasSuffix(file.Name, ".csv") {
		t.Fatalf("exported %s: %d rows, %v", file.Name, len(rows), err)
	}
	if !strings.Contains(string(file.Data), caseText) || !strings.Contains(string(file.Data), "没有说清楚申请程序") {
		t.Errorf("export lacks the texts:\n%s", file.Data)
	}

	// Staff role granted and revoked; the user's menu follows.
	r.say(t, adminUser, "/grant 4242", "已授予用户 4242")
	if u, _ := r.store.User(ctx, cadre.ID); u.Role != conversation.RoleStaff {
		t.Errorf("after /grant: %+v", u)
	}
	r.say(t, cadre, "/kbstatus", "知识库第 1 版")
	r.say(t, adminUser, "/revoke 4242", "已撤销")
	r.say(t, cadre, "/kbstatus", "只有工作人员")

	// Every read above is in the audit, and the command line reads it too.
	out, _, err := logsCLI(t, r.prefix, "audit")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"tg:1（telegram）查看统计", "tg:1（telegram）查看记录：last 5, filter: all，2 条", "tg:1（telegram）导出记录"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit lacks %q:\n%s", want, out)
		}
	}
	out, _, err = logsCLI(t, r.prefix, "stats")
	if err != nil || !strings.Contains(out, "提问：2 次") {
		t.Errorf("logs stats: %v\n%s", err, out)
	}
	audit := r.say(t, adminUser, "/audit 3", "管理员查阅记录")
	if !strings.Contains(audit.Text, "ops（cli）查看统计") || !strings.Contains(audit.Text, "ops（cli）查看审计") {
		t.Errorf("/audit:\n%s", audit.Text)
	}
}

func TestServeRetentionJob(t *testing.T) {
	r := startServe(t, map[string]string{"RONGCUO_RETENTION": "1ms", "RONGCUO_RETENTION_EVERY": "20ms"}, serveDeps{})
	r.say(t, cadre, caseText, "初步判断")
	eventually(t, "the record's texts dropped by the retention job", func() bool {
		recs := r.usage(t)
		return len(recs) == 1 && recs[0].Redacted
	})
	rec := r.usage(t)[0]
	if rec.Question != "" || rec.Answer != "" || rec.Intent != "assessment" || rec.Verdict == "" || len(rec.Citations) == 0 {
		t.Errorf("retention must drop the texts and keep the counts: %+v", rec)
	}
}

func addRecords(t *testing.T, prefix string, recs ...conversation.UsageRecord) *redisstore.Store {
	t.Helper()
	rdb, err := redisstore.Connect(redistest.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	for _, r := range recs {
		if err := s.AddUsage(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestLogsExportRetainAndAuditCommands(t *testing.T) {
	_, prefix := redistest.Client(t)
	user := conversation.Pseudonym([]byte(testSecret), 5)
	now := time.Now()
	s := addRecords(t, prefix,
		conversation.UsageRecord{Kind: conversation.KindAnswer, At: now, AnswerID: "a1", User: user, ChatType: "private", Intent: "definition",
			Mode: "offline", Latency: 80 * time.Millisecond, Question: "什么是容错", Answer: "容错是……"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: now, AnswerID: "a1", User: user, ChatType: "private", Rating: "up"})

	out, stderr, err := logsCLI(t, prefix, "export")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first map[string]any
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || first["question"] != "什么是容错" || first["latency_ms"] != 80.0 {
		t.Errorf("jsonl export:\n%s", out)
	}
	if !strings.Contains(stderr, "exported 2 records") {
		t.Errorf("stderr: %q", stderr)
	}

	file := filepath.Join(t.TempDir(), "usage.csv")
	day := now.In(chinatime.Zone).Format("2006-01-02")
	if _, _, err := logsCLI(t, prefix, "export", "--since", day, "--until", day, "--format", "csv", "--out", file); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF"))).ReadAll(); err != nil || len(rows) != 3 {
		t.Errorf("csv export: %d rows %v", len(rows), err)
	}

	// An empty range is an empty file and success, with a note on stderr.
	empty := filepath.Join(t.TempDir(), "none.jsonl")
	_, note, err := logsCLI(t, prefix, "export", "--since", "2020-01-01", "--until", "2020-01-07", "--out", empty)
	if err != nil || !strings.Contains(note, "no usage records from 2020-01-01 to 2020-01-07") {
		t.Errorf("empty range: %v, stderr %q", err, note)
	}
	if data, err := os.ReadFile(empty); err != nil || len(data) != 0 {
		t.Errorf("an empty range must leave an empty file: %q %v", data, err)
	}
	if out, _, err := logsCLI(t, prefix, "export", "--since", "2020-01-01", "--until", "2020-01-07"); err != nil || out != "" {
		t.Errorf("empty range on stdout: %q %v", out, err)
	}
	for _, args := range [][]string{
		{"export", "--since", "2020/01/01"}, {"export", "--format", "xml"}, {"export", "--since", "2026-02-01", "--until", "2026-01-01"},
		{"retain", "--retention", "0s"}, {"audit", "--limit", "0"}, {"stats", "extra"}, {"nothing"},
	} {
		_, _, err := logsCLI(t, prefix, args...)
		if _, ok := err.(usageError); !ok {
			t.Errorf("logs %v: %v, want a usage error", args, err)
		}
	}

	// Nothing has aged past 180 days; with a short period everything has.
	out, _, err = logsCLI(t, prefix, "retain")
	if err != nil || !strings.Contains(out, "dropped the texts of 0 records") {
		t.Errorf("retain: %v %q", err, out)
	}
	time.Sleep(5 * time.Millisecond) // the cutoff must fall after the records' stream ids
	out, _, err = logsCLI(t, prefix, "retain", "--retention", "1ms")
	if err != nil || !strings.Contains(out, "dropped the texts of 1 records") {
		t.Errorf("retain 1ms: %v %q", err, out)
	}
	recs, _ := s.Usage(context.Background(), "-", "+", 10)
	for _, r := range recs {
		if r.Question != "" || r.Answer != "" {
			t.Errorf("text left after retain: %+v", r)
		}
	}

	if _, _, err := logsCLI(t, prefix, "stats"); err != nil {
		t.Fatal(err)
	}
	out, _, err = logsCLI(t, prefix, "audit", "--limit", "6")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "ops（cli）导出记录") != 4 {
		t.Errorf("the four exports (two empty) are not all audited:\n%s", out)
	}
	// The audit is read in Chinese: no English phrase inside its lines.
	if !strings.Contains(out, "今天及最近 7 天") || regexp.MustCompile(`[A-Za-z]{4,} [a-z]+`).MatchString(strings.ReplaceAll(out, "ops", "")) {
		t.Errorf("an audit line in two languages:\n%s", out)
	}
}
