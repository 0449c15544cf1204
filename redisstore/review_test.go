package redisstore_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

func reviewStore(t *testing.T) *redisstore.Store {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	return redisstore.New(rdb, redisstore.Options{Prefix: prefix})
}

func add(t *testing.T, s *redisstore.Store, recs ...conversation.UsageRecord) {
	t.Helper()
	for _, r := range recs {
		if err := s.AddUsage(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStatsOfTodayAndTheWeek(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	now := time.Now()
	a, b := conversation.Pseudonym(secret, 1), conversation.Pseudonym(secret, 2)
	today := now.Add(-time.Second)
	threeDaysAgo := chinatime.DayStart(now).AddDate(0, 0, -3).Add(time.Hour)
	tenDaysAgo := now.AddDate(0, 0, -10)

	rec := func(user, id string, at time.Time, edit func(*conversation.UsageRecord)) conversation.UsageRecord {
		r := answer(user, id, "问题", at)
		if edit != nil {
			edit(&r)
		}
		return r
	}
	add(t, s,
		rec(a, "t1", today, func(r *conversation.UsageRecord) { r.Latency = 100 * time.Millisecond }),
		rec(a, "t2", today, func(r *conversation.UsageRecord) {
			r.Source, r.Verdict, r.Latency = "followup", "likely_tolerable", 300*time.Millisecond
		}),
		rec(b, "t3", today, func(r *conversation.UsageRecord) {
			r.Intent, r.Verdict, r.Mode, r.Latency, r.Fallback = "definition", "", "llm", 2*time.Second, ""
		}),
		rec(b, "w1", threeDaysAgo, func(r *conversation.UsageRecord) {
			r.Error, r.Latency, r.Mode, r.Fallback = "advisor: timeout", 5*time.Second, "offline", "model timed out"
		}),
		rec(a, "old", tenDaysAgo, nil),
		// 👎 then its reason: one rating. b first liked t1, then disliked it.
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: today, AnswerID: "t3", User: b, Rating: "down"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: today.Add(time.Millisecond), AnswerID: "t3", User: b, Rating: "down", Reason: "不对"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: today, AnswerID: "t1", User: a, Rating: "up"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: threeDaysAgo, AnswerID: "w1", User: b, Rating: "up"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: threeDaysAgo.Add(time.Minute), AnswerID: "w1", User: b, Rating: "down"},
	)
	st, err := s.ReviewStats(ctx, admin, now)
	if err != nil {
		t.Fatal(err)
	}
	d, w := st.Today, st.Week
	if d.Questions != 3 || d.FollowUps != 1 || d.Users != 2 || d.Up != 1 || d.Down != 1 || d.Errors != 0 ||
		d.Modes["offline"] != 2 || d.Modes["llm"] != 1 || d.Intents["assessment"] != 2 || d.Intents["definition"] != 1 ||
		d.Verdicts["needs_more_facts"] != 1 || d.Verdicts["likely_tolerable"] != 1 {
		t.Errorf("today: %+v", d)
	}
	if d.P50 != 300*time.Millisecond || d.P95 != 2*time.Second {
		t.Errorf("today latency p50 %v p95 %v; want 300ms and 2s", d.P50, d.P95)
	}
	if w.Questions != 4 || w.Users != 2 || w.Errors != 1 || w.Fallbacks != 1 || w.Up != 1 || w.Down != 2 || w.P95 != 5*time.Second {
		t.Errorf("week: %+v", w)
	}
	if !w.Since.Equal(chinatime.DayStart(now).AddDate(0, 0, -6)) {
		t.Errorf("week starts %v", w.Since)
	}
}

func TestStatsCountAnAnswerOnceAndItsDelivery(t *testing.T) {
	s := reviewStore(t)
	now := time.Now()
	a, b := conversation.Pseudonym(secret, 1), conversation.Pseudonym(secret, 2)
	at := now.Add(-time.Second)
	delivered, failed, partial := answer(a, "d1", "问", at), answer(a, "d2", "问", at), answer(a, "d3", "问", at)
	delivered.Delivery, failed.Delivery, partial.Delivery = conversation.DeliveryFull, conversation.DeliveryNone, "partial 1/2"
	add(t, s, delivered, failed, partial, answer(a, "d4", "问", at)) // d4: from before deliveries were kept
	// Two members of a group rate one answer: it counts once, as last rated.
	add(t, s,
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: at, AnswerID: "d1", User: a, Rating: "up"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: at.Add(time.Millisecond), AnswerID: "d1", User: b, Rating: "up"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: at.Add(2 * time.Millisecond), AnswerID: "d1", User: a, Rating: "down"},
	)
	st, err := s.ReviewStats(context.Background(), admin, now)
	if err != nil {
		t.Fatal(err)
	}
	if d := st.Today; d.Up != 0 || d.Down != 1 || d.Undelivered != 2 {
		t.Errorf("today: 👍 %d 👎 %d undelivered %d; want 0, 1 and 2", d.Up, d.Down, d.Undelivered)
	}
}

func TestLogsNewestFirstWithFeedbackAndFilters(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	a, b := conversation.Pseudonym(secret, 1), conversation.Pseudonym(secret, 2)
	now := time.Now()
	q1 := answer(a, "q1", "招商引资先办手续", now)
	q2 := answer(b, "q2", "什么是三个区分开来", now)
	q2.Intent, q2.Verdict, q2.Citations = "definition", "", []string{"sgqf#1"}
	q3 := answer(a, "q3", "违反八项规定能容错吗", now)
	q3.Verdict, q3.Error = "not_tolerable", "store unavailable"
	add(t, s, q1, q2, q3,
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: now, AnswerID: "q1", User: a, Rating: "down"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: now, AnswerID: "q1", User: a, Rating: "down", Reason: "没说程序"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: now, AnswerID: "q2", User: b, Rating: "up"},
	)
	ids := func(ls []redisstore.LoggedAnswer) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.AnswerID)
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		n      int
		filter string
		want   string
	}{
		{10, "", "q3,q2,q1"},
		{2, "", "q3,q2"},
		{10, "down", "q1"},
		{10, "👍", "q2"},
		{10, "definition", "q2"},
		{10, "not_tolerable", "q3"},
		{10, "error", "q3"},
		{10, "招商", "q1"},
		{10, "SGQF#1", "q2"},
		{10, "user:" + a[:8], "q3,q1"},
		{10, "招商 八项规定", ""},
	}
	for _, c := range cases {
		got, err := s.ReviewLogs(ctx, admin, c.n, redisstore.ParseLogFilter(c.filter))
		if err != nil {
			t.Fatal(err)
		}
		if ids(got) != c.want {
			t.Errorf("logs %d %q = %q, want %q", c.n, c.filter, ids(got), c.want)
		}
	}
	got, _ := s.ReviewLogs(ctx, admin, 10, redisstore.LogFilter{})
	if l := got[2]; l.Rating != "down" || l.Reason != "没说程序" || l.Question != "招商引资先办手续" {
		t.Errorf("q1 as logged: rating %q reason %q question %q", l.Rating, l.Reason, l.Question)
	}
	// A forgotten answer has nothing to show.
	if _, err := s.Forget(ctx, 1, a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ReviewLogs(ctx, admin, 10, redisstore.LogFilter{}); ids(got) != "q2" {
		t.Errorf("after forget: %q", ids(got))
	}
}

func TestExportJSONLAndCSV(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	now := time.Now()
	u := conversation.Pseudonym(secret, 1)
	formula := answer(u, "x1", "=HYPERLINK(\"http://x\") 是公式吗", now.Add(-time.Minute))
	add(t, s, formula, conversation.UsageRecord{Kind: conversation.KindFeedback, At: now, AnswerID: "x1", User: u, Rating: "up"},
		answer(u, "x0", "十天前", now.AddDate(0, 0, -10)))
	from, to, err := redisstore.ParseDayRange("", "", now)
	if err != nil {
		t.Fatal(err)
	}

	var jl bytes.Buffer
	n, err := s.ReviewExport(ctx, admin, &jl, from, to, redisstore.FormatJSONL)
	if err != nil || n != 2 {
		t.Fatalf("jsonl export: %d %v", n, err)
	}
	lines := strings.Split(strings.TrimSpace(jl.String()), "\n")
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["answer_id"] != "x1" || first["question"] != formula.Question || first["latency_ms"] != 40.0 ||
		!reflect.DeepEqual(first["citations"], []any{"wzcl-2019#17"}) || !strings.HasSuffix(first["at"].(string), "+08:00") {
		t.Errorf("first JSON line: %s", lines[0])
	}

	var cb bytes.Buffer
	if n, err := s.ReviewExport(ctx, admin, &cb, from, to, redisstore.FormatCSV); err != nil || n != 2 {
		t.Fatalf("csv export: %d %v", n, err)
	}
	if !strings.HasPrefix(cb.String(), "\uFEFF") {
		t.Error("CSV without the byte order mark Excel needs for Chinese")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(cb.String(), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("CSV: %d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if q := rows[1][col["question"]]; q != "'"+formula.Question {
		t.Errorf("a formula cell is not defused: %q", q)
	}
	if rows[2][col["rating"]] != "up" || rows[2][col["latency_ms"]] != "" || rows[1][col["latency_ms"]] != "40" {
		t.Errorf("CSV rows: %q", rows[1:])
	}

	// A range with no records writes nothing.
	emptyFrom, emptyTo, _ := redisstore.ParseDayRange("2020-01-01", "2020-01-31", now)
	var none bytes.Buffer
	if n, err := s.ReviewExport(ctx, admin, &none, emptyFrom, emptyTo, redisstore.FormatCSV); err != nil || n != 0 || none.Len() != 0 {
		t.Errorf("empty range: %d %v %q", n, err, none.String())
	}
	if _, err := s.ReviewExport(ctx, admin, &none, from, to, "xml"); err == nil {
		t.Error("an unknown format must be refused")
	}
}

func TestEveryAdminReadIsAudited(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	add(t, s, answer(conversation.Pseudonym(secret, 1), "a1", "问题", time.Now()))
	cli := redisstore.Reader{Who: "alice", Via: "cli"}
	if _, err := s.ReviewStats(ctx, admin, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviewLogs(ctx, admin, 5, redisstore.ParseLogFilter("down 招商")); err != nil {
		t.Fatal(err)
	}
	from, to, _ := redisstore.ParseDayRange("", "", time.Now())
	if _, err := s.ReviewExport(ctx, cli, &bytes.Buffer{}, from, to, redisstore.FormatCSV); err != nil {
		t.Fatal(err)
	}
	entries, err := s.ReviewAudit(ctx, cli, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Who+" "+e.Via+" "+e.Action)
		if e.At.IsZero() || time.Since(e.At) > time.Minute {
			t.Errorf("audit entry time %v", e.At)
		}
	}
	want := []string{"alice cli export", "tg:1 telegram logs", "tg:1 telegram stats"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("audit = %q, want newest first %q", got, want)
	}
	if e := entries[1]; !strings.Contains(e.What, "rating=down") || !strings.Contains(e.What, "text=招商") || e.Records != 0 {
		t.Errorf("logs entry: %+v", e)
	}
	if e := entries[0]; e.Records != 1 || !strings.Contains(e.What, "csv") {
		t.Errorf("export entry: %+v", e)
	}
	// Reading the audit is itself recorded.
	again, _ := s.ReviewAudit(ctx, cli, 1)
	if len(again) != 1 || again[0].Action != "audit" || again[0].Who != "alice" || again[0].Records != 3 {
		t.Errorf("reading the audit was not recorded: %+v", again)
	}
	// A read that does not say who reads is refused, not served unrecorded.
	if _, err := s.ReviewStats(ctx, redisstore.Reader{}, time.Now()); err == nil {
		t.Error("an anonymous read must fail")
	}
}

func TestUsersLists(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	now := time.Now()
	s.RequestAccess(ctx, conversation.User{ID: 5, Name: "张三"}, now)
	s.RequestAccess(ctx, conversation.User{ID: 6, Name: "李四"}, now)
	s.SetStatus(ctx, 6, conversation.StatusActive, 1, now)
	s.SetRole(ctx, 9, conversation.RoleStaff, 1, now)
	pending, err := s.Users(ctx, func(u conversation.User) bool { return u.Status == conversation.StatusPending })
	if err != nil || len(pending) != 1 || pending[0].ID != 5 || pending[0].Name != "张三" {
		t.Errorf("pending: %+v %v", pending, err)
	}
	staff, _ := s.Users(ctx, func(u conversation.User) bool { return u.Role == conversation.RoleStaff })
	if len(staff) != 1 || staff[0].ID != 9 {
		t.Errorf("staff: %+v", staff)
	}
}

func TestParseDayRange(t *testing.T) {
	now := time.Date(2026, 5, 7, 20, 0, 0, 0, time.UTC) // 2026-05-08 04:00 in China
	cases := []struct {
		since, until string
		want         string // RangeText, or the error's start
	}{
		{"", "", "2026-05-02 至 2026-05-08"},
		{"2026-05-01", "2026-05-03", "2026-05-01 至 2026-05-03"},
		{"2026-05-03", "2026-05-03", "2026-05-03"},
		{"", "2026-04-30", "2026-04-24 至 2026-04-30"},
		{"2026-05-04", "2026-05-03", "开始日期 2026-05-04 晚于结束日期"},
		{"2026/05/01", "", "日期“2026/05/01”无效"},
		{"2026-02-30", "", "日期“2026-02-30”无效"},
		{"0001-01-01", "", "日期“0001-01-01”无效"},
		{"2000-01-01", "2026-01-01", "时间范围不能超过十年"},
	}
	// Every bad range also says what is wrong in English, for the command line.
	for _, c := range [][3]string{
		{"2026-05-04", "2026-05-03", "the first day 2026-05-04 is after the last day 2026-05-03"},
		{"2026/05/01", "", `"2026/05/01" is not a day: write YYYY-MM-DD, e.g. 2026-05-01`},
		{"2000-01-01", "2026-01-01", "the range is longer than ten years"},
	} {
		_, _, err := redisstore.ParseDayRange(c[0], c[1], now)
		var bad *redisstore.RangeError
		if !errors.As(err, &bad) || bad.English() != c[2] {
			t.Errorf("%q..%q: %v, want a RangeError saying %q", c[0], c[1], err, c[2])
		}
	}
	for _, c := range cases {
		from, to, err := redisstore.ParseDayRange(c.since, c.until, now)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = redisstore.RangeText(from, to)
			if to.Sub(from)%(24*time.Hour) != 0 || from.Hour() != 0 {
				t.Errorf("%q..%q: [%v, %v) is not whole days", c.since, c.until, from, to)
			}
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%q..%q = %q, want %q", c.since, c.until, got, c.want)
		}
	}
}

func TestParseLogFilter(t *testing.T) {
	cases := map[string]string{
		"":                                 "all",
		"down":                             "rating=down",
		"👍 llm":                            "mode=llm rating=up",
		"NOT_TOLERABLE 招商  引资":             "verdict=not_tolerable text=招商 引资",
		"error assessment":                 "intent=assessment errors",
		"user:ABCDEF12":                    "user=abcdef12",
		"user:xyz":                         "text=user:xyz",
		strings.Repeat("长", 300):           "text=" + strings.Repeat("长", 100),
		"out_of_scope 差评 likely_tolerable": "intent=out_of_scope verdict=likely_tolerable rating=down",
	}
	for in, want := range cases {
		if got := redisstore.ParseLogFilter(in).String(); got != want {
			t.Errorf("ParseLogFilter(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseLogFilter(f *testing.F) {
	for _, s := range []string{"", "down 招商", "user:abc error", "👎 llm assessment"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		flt := redisstore.ParseLogFilter(s)
		if len([]rune(flt.Text)) > 100 {
			t.Errorf("filter text of %d characters", len([]rune(flt.Text)))
		}
		if flt.User != "" && strings.Trim(flt.User, "0123456789abcdef") != "" {
			t.Errorf("user filter %q is not a hex prefix", flt.User)
		}
		if flt.String() == "" {
			t.Error("a filter must show in the audit")
		}
	})
}

func FuzzParseDayRange(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"2026-05-01", "2026-05-07"}, {"2026-13-01", ""}, {"9999-12-31", "0000-01-01"}} {
		f.Add(s[0], s[1])
	}
	now := time.Date(2026, 5, 7, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, since, until string) {
		from, to, err := redisstore.ParseDayRange(since, until, now)
		if err != nil {
			return
		}
		if !from.Before(to) || to.Sub(from) > 3661*24*time.Hour {
			t.Errorf("%q..%q gave [%v, %v)", since, until, from, to)
		}
	})
}
