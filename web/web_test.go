package web

import (
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/internal/clip"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLoginLandsOnChatAndRolesAreCheckedOnTheServer(t *testing.T) {
	h := newHarness(t)
	cadre, staffC, adminC := h.signedIn("cadre"), h.signedIn("staff"), h.signedIn("admin")
	for _, c := range []struct {
		who    *client
		path   string
		status int
	}{
		{cadre, "/kb", 403}, {cadre, "/kb/upload", 403}, {cadre, "/kb/search?q=容错", 403}, {cadre, "/admin", 403}, {cadre, "/admin/logs", 403},
		{cadre, "/admin/users", 403}, {cadre, "/admin/export", 403}, {cadre, "/admin/audit", 403},
		{staffC, "/kb", 200}, {staffC, "/kb/search?q=容错", 200}, {staffC, "/admin", 403}, {staffC, "/admin/logs", 403},
		{adminC, "/admin/logs", 200}, {adminC, "/kb", 200},
	} {
		p := c.who.get(c.path)
		if p.status != c.status {
			t.Errorf("%s: %d, want %d", c.path, p.status, c.status)
		}
		if c.status == 403 && !strings.Contains(p.body, "没有权限") {
			t.Errorf("%s: the refusal does not say so in Chinese", c.path)
		}
	}
	if p := cadre.post("/admin/users/role", url.Values{"id": {"42"}, "grant": {"1"}}); p.status != http.StatusForbidden {
		t.Errorf("a cadre granting a role: %d", p.status)
	}
}

func TestEveryPageRendersForItsRole(t *testing.T) {
	h := newHarness(t)
	adminC := h.signedIn("admin")
	adminC.post("/ask", url.Values{"question": {"我先办了施工手续，能容错吗"}})
	for _, path := range []string{
		"/", "/history", "/forget", "/provision?id=" + url.QueryEscape("wzcl-2019#17"), "/case?id=" + url.QueryEscape(firstCaseID(h)),
		"/kb", "/kb?level=党内法规&status=现行&verification=verified&region=全国", "/kb/doc?id=wzcl-2019", "/kb/provision?id=" + url.QueryEscape("wzcl-2019#17"),
		"/kb/diff?id=wzcl-2019&from=1&to=1", "/kb/upload", "/kb/retire?id=wzcl-2019", "/kb/case", "/kb/search?q=先行先试出了问题能容错吗", "/kb/feedback",
		"/admin", "/admin?days=3", "/admin/logs", "/admin/logs?intent=assessment&rating=down&errors=1&text=施工", "/admin/users", "/admin/audit",
		"/admin/logs/conversation?user=" + h.svc.Pseudonym(h.accountID("admin")),
	} {
		p := adminC.get(path)
		if p.status != 200 {
			t.Errorf("GET %s: %d %s", path, p.status, clip.Line(p.body, 300))
			continue
		}
		if !strings.Contains(p.body, "</html>") || strings.Contains(p.body, "internal error") {
			t.Errorf("GET %s: page incomplete", path)
		}
	}
	for _, path := range []string{"/nope", "/provision?id=none", "/case?id=none", "/kb/doc?id=none", "/kb/provision?id=none", "/history/none"} {
		if p := adminC.get(path); p.status != 404 || !strings.Contains(p.body, "没有找到") {
			t.Errorf("GET %s: %d, want 404 with a Chinese message", path, p.status)
		}
	}
}

func firstCaseID(h *harness) string { return h.replica.Index().KB().Cases[0].ID }

func (h *harness) accountID(name string) int64 {
	a, ok, err := h.store.Account(t0(), name)
	if err != nil || !ok {
		h.t.Fatalf("account %s: %v", name, err)
	}
	return a.UserID
}

func TestSignedOutAndExpiredSessions(t *testing.T) {
	h := newHarness(t)
	anon := h.client()
	if p := anon.get("/kb"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/login?next=%2Fkb") {
		t.Errorf("signed out GET /kb: %d %s", p.status, p.location)
	}
	if p := anon.post("/ask", url.Values{"question": {"问"}}); p.status != http.StatusUnauthorized {
		t.Errorf("signed out POST /ask: %d", p.status)
	}
	c := h.signedIn("cadre")
	h.advance(29 * time.Minute)
	if p := c.get("/"); p.status != 200 {
		t.Fatalf("within the idle timeout: %d", p.status)
	}
	h.advance(31 * time.Minute)
	p := c.get("/")
	if p.status != http.StatusSeeOther || !strings.Contains(p.location, "expired=1") {
		t.Fatalf("after the idle timeout: %d %s", p.status, p.location)
	}
	if p := c.get(p.location); !strings.Contains(p.body, "登录已超时") {
		t.Error("the login page does not say the session expired")
	}
	// The absolute timeout holds however active the session is.
	c = h.signedIn("cadre")
	for range 13 {
		h.advance(time.Hour - time.Minute)
		c.get("/history")
		h.advance(time.Minute)
	}
	if p := c.get("/"); p.status != http.StatusSeeOther {
		t.Errorf("after the absolute timeout: %d", p.status)
	}
	if p := c.post("/new", nil); p.status != http.StatusUnauthorized {
		t.Errorf("a POST with an expired session: %d", p.status)
	}
}

func TestCSRFIsRequiredOnEveryChange(t *testing.T) {
	h := newHarness(t)
	c := h.signedIn("admin")
	for _, path := range []string{"/ask", "/followup", "/feedback", "/new", "/forget", "/logout", "/logout/all", "/kb/confirm", "/kb/cancel",
		"/kb/retire", "/kb/case", "/admin/users/decide", "/admin/users/role"} {
		if p := c.post(path, url.Values{"csrf": {"forged"}, "question": {"问"}}); p.status != http.StatusForbidden || !strings.Contains(p.body, "请刷新页面") {
			t.Errorf("POST %s with a forged token: %d", path, p.status)
		}
		if p := c.post(path, url.Values{"csrf": {""}}); p.status != http.StatusForbidden {
			t.Errorf("POST %s without a token: %d", path, p.status)
		}
	}
	if p := c.post("/new", nil, "Origin", "https://evil.example"); p.status != http.StatusForbidden {
		t.Errorf("a POST from another origin: %d", p.status)
	}
	if p := c.post("/new", nil); p.status != http.StatusSeeOther {
		t.Errorf("the same POST with the token: %d", p.status)
	}
	fresh := h.client()
	if p := fresh.post("/login", url.Values{"username": {"admin"}, "password": {testPassword}, "csrf": {"x"}}); p.status != http.StatusForbidden {
		t.Errorf("a login without the form's token: %d", p.status)
	}
}

func TestLoginThrottlingLocksTheAccount(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for i := range maxAccountFailures {
		p := c.login("cadre", "wrong password!")
		want := http.StatusUnauthorized
		if i == maxAccountFailures-1 {
			want = http.StatusTooManyRequests
		}
		if p.status != want {
			t.Fatalf("failure %d: %d", i+1, p.status)
		}
	}
	p := c.login("cadre", testPassword)
	if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "账号已暂时锁定") {
		t.Fatalf("the right password on a locked account: %d", p.status)
	}
	// Another account from the same address is not locked by it.
	if p := c.login("staff", testPassword); p.status != http.StatusSeeOther {
		t.Errorf("another account: %d", p.status)
	}
	if p := h.client().login("nobody", "whatever123"); p.status != http.StatusUnauthorized || !strings.Contains(p.body, "用户名或密码错误") {
		t.Errorf("an unknown account: %d", p.status)
	}
	// The address limit covers guesses spread over many accounts.
	d := h.client()
	for i := range maxAddressFailures {
		d.login("guess"+strconv.Itoa(i), "wrong password!")
	}
	if p := d.login("admin", testPassword); p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "过于频繁") {
		t.Errorf("after %d failures from one address: %d", maxAddressFailures, p.status)
	}
}

func TestAskStreamsAnAnswerWithCitationsAndFollowUps(t *testing.T) {
	h := newHarness(t)
	c := h.signedIn("cadre")
	p := c.post("/ask", url.Values{"question": {"我是副镇长，先办了施工手续<script>"}}, "X-Stream", "1")
	if p.status != 200 || !strings.HasPrefix(p.header.Get("Content-Type"), "application/x-ndjson") {
		t.Fatalf("stream: %d %s", p.status, p.header.Get("Content-Type"))
	}
	evs := events(t, p.body)
	last := evs[len(evs)-1]
	if evs[0].Type != "partial" || last.Type != "answer" || last.ID == "" {
		t.Fatalf("events: %+v", evs)
	}
	for _, want := range []string{`href="/provision?id=wzcl-2019%2317"`, "第十七条", "当时有文件明确禁止这种做法吗？", `name="reply" value="no"`, "&lt;script&gt;", "&lt;有利&gt;", "某镇容缺审批案"} {
		if !strings.Contains(last.HTML, want) {
			t.Errorf("answer HTML lacks %q", want)
		}
	}
	if n := strings.Count(last.HTML, "当时有文件明确禁止这种做法吗"); n != 1 {
		t.Errorf("the follow-up question shows %d times, want once with its buttons", n)
	}
	if strings.Contains(last.HTML, "<script>") || strings.Contains(last.HTML, "<有利>") {
		t.Error("the answer is not escaped")
	}
	f := c.post("/followup", url.Values{"answer": {last.ID}, "key": {assess.ExplicitBan}, "reply": {"no"}}, "X-Stream", "1")
	fe := events(t, f.body)
	if fe[0].Type != "notice" || fe[0].Text != "已记录：否" || !strings.Contains(fe[len(fe)-1].HTML, "可能容错") {
		t.Errorf("follow-up: %+v", fe)
	}
	if again := events(t, c.post("/followup", url.Values{"answer": {last.ID}, "key": {assess.ExplicitBan}, "reply": {"yes"}}, "X-Stream", "1").body); again[0].Text != conversation.TextStale {
		t.Errorf("a stale follow-up: %+v", again)
	}
	r := c.post("/feedback", url.Values{"answer": {last.ID}, "rating": {"down"}, "reason": {"没说程序"}}, "X-Stream", "1")
	if !strings.Contains(r.body, "已记录您的意见") {
		t.Errorf("feedback: %d %s", r.status, r.body)
	}
	recs, _ := h.store.Usage(t0(), "-", "+", 100)
	var fb conversation.UsageRecord
	for _, rec := range recs {
		if rec.Kind == conversation.KindFeedback {
			fb = rec
		}
	}
	if fb.Rating != "down" || fb.Reason != "没说程序" || fb.ChatType != conversation.ChatWeb || fb.User != h.svc.Pseudonym(h.accountID("cadre")) {
		t.Errorf("feedback record: %+v", fb)
	}
	// The chat page shows the conversation so far, the answers' text with it.
	if home := c.get("/"); !strings.Contains(home.body, "初步判断：可能容错") || !strings.Contains(home.body, "先办了施工手续") {
		t.Errorf("the chat page lacks the earlier answer or question: %d", home.status)
	}
	// Without the script the same form gives a page with the answer.
	page := c.post("/ask", url.Values{"question": {"什么是三个区分开来"}})
	if page.status != 200 || !strings.Contains(page.body, "什么是三个区分开来") || !strings.Contains(page.body, "/provision?id=wzcl-2019%2317") {
		t.Errorf("the page answer: %d", page.status)
	}
	if p := c.post("/followup", url.Values{"answer": {last.ID}, "key": {"x"}, "reply": {"maybe"}}); p.status != http.StatusBadRequest {
		t.Errorf("a follow-up with a bad reply: %d", p.status)
	}
	if p := c.post("/feedback", url.Values{"answer": {"../x"}, "rating": {"up"}}); p.status != http.StatusBadRequest {
		t.Errorf("feedback on a bad id: %d", p.status)
	}
}

func TestACadreCannotOpenAnotherUsersConversation(t *testing.T) {
	h := newHarness(t)
	a, b := h.signedIn("cadre"), h.signedIn("cadre2")
	a.post("/ask", url.Values{"question": {"甲的私密案情"}})
	list := a.get("/history")
	m := regexp.MustCompile(`href="/history/([a-z2-7]{8})"`).FindStringSubmatch(list.body)
	if m == nil {
		t.Fatalf("no conversation listed: %s", clip.Line(list.body, 500))
	}
	if p := a.get("/history/" + m[1]); p.status != 200 || !strings.Contains(p.body, "甲的私密案情") {
		t.Errorf("the owner: %d", p.status)
	}
	p := b.get("/history/" + m[1])
	if p.status != http.StatusNotFound || strings.Contains(p.body, "甲的私密案情") {
		t.Errorf("another cadre opening it: %d", p.status)
	}
	if p := b.get("/history"); strings.Contains(p.body, m[1]) {
		t.Error("another cadre's list shows it")
	}
	if p := b.get("/admin/logs/conversation?user=" + h.svc.Pseudonym(h.accountID("cadre"))); p.status != http.StatusForbidden {
		t.Errorf("a cadre reading the admin conversation view: %d", p.status)
	}
}

func TestForgetNewCaseAndLogoutEverywhere(t *testing.T) {
	h := newHarness(t)
	c := h.signedIn("cadre")
	c.post("/ask", url.Values{"question": {"要删除的问题"}})
	if p := c.post("/new", nil); p.status != http.StatusSeeOther {
		t.Fatalf("new case: %d", p.status)
	}
	if p := c.get("/"); strings.Contains(p.body, "要删除的问题") {
		t.Error("the new case still shows the old turns")
	}
	c.get("/forget")
	if p := c.post("/forget", nil); !strings.Contains(p.body, "已删除") {
		t.Errorf("forget: %d", p.status)
	}
	if p := c.get("/history"); strings.Contains(p.body, "要删除的问题") {
		t.Error("history kept after forget")
	}
	other := h.signedIn("cadre")
	c.get("/")
	if p := c.post("/logout/all", nil); p.status != http.StatusSeeOther {
		t.Fatalf("logout everywhere: %d", p.status)
	}
	if p := other.get("/"); p.status != http.StatusSeeOther {
		t.Errorf("the other browser is still signed in: %d", p.status)
	}
}

func TestAdminSeesTheQuestionInTheLogsAndEveryReadIsAudited(t *testing.T) {
	h := newHarness(t)
	h.signedIn("cadre").post("/ask", url.Values{"question": {"审计测试的问题"}})
	a := h.signedIn("admin")
	p := a.get("/admin/logs")
	if !strings.Contains(p.body, "审计测试的问题") {
		t.Fatal("the question is not in the admin logs")
	}
	user := h.svc.Pseudonym(h.accountID("cadre"))
	if p := a.get("/admin/logs?user=" + user[:10]); !strings.Contains(p.body, "审计测试的问题") {
		t.Error("the user filter lost it")
	}
	if p := a.get("/admin/logs?intent=definition"); strings.Contains(p.body, "审计测试的问题") {
		t.Error("the intent filter kept it")
	}
	if p := a.get("/admin/logs/conversation?user=" + user); !strings.Contains(p.body, "审计测试的问题") {
		t.Error("the conversation view lacks it")
	}
	exp := a.get("/admin/export?format=csv")
	if exp.status != 200 || !strings.Contains(exp.body, "审计测试的问题") || !strings.Contains(exp.header.Get("Content-Disposition"), ".csv") {
		t.Errorf("export: %d %s", exp.status, exp.header.Get("Content-Disposition"))
	}
	if d := a.get("/admin"); !strings.Contains(d.body, `<div class="figure">1</div>提问`) {
		t.Error("the dashboard does not count the question")
	}
	entries, err := h.store.ReviewAudit(t0(), redisstore.Reader{Who: "test", Via: "cli"}, 20)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range entries {
		if e.Who == "web:admin" && e.Via == "web" {
			seen[e.Action]++
		}
	}
	if seen["logs"] < 4 || seen["export"] != 1 || seen["stats"] != 1 {
		t.Errorf("audited reads: %v", seen)
	}
	if p := a.get("/admin/export?since=yesterday"); p.status != http.StatusBadRequest {
		t.Errorf("a bad export date: %d", p.status)
	}
}

func TestUsersApprovalQueueAndRoles(t *testing.T) {
	h := newHarness(t)
	ctx := t0()
	h.store.RequestAccess(ctx, conversation.User{ID: 77, Name: "待审批的人"}, time.Now())
	a := h.signedIn("admin")
	if p := a.get("/admin/users"); !strings.Contains(p.body, "待审批的人") {
		t.Fatal("the approval queue lacks the request")
	}
	if p := a.post("/admin/users/decide", url.Values{"id": {"77"}, "yes": {"1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("approve: %d", p.status)
	}
	if u, _ := h.store.User(ctx, 77); u.Status != conversation.StatusActive {
		t.Errorf("status after approval: %q", u.Status)
	}
	a.get("/admin/users")
	if p := a.post("/admin/users/role", url.Values{"id": {"77"}, "grant": {"1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("grant: %d", p.status)
	}
	if u, _ := h.store.User(ctx, 77); u.Role != conversation.RoleStaff {
		t.Errorf("role after grant: %q", u.Role)
	}
	a.get("/admin/users")
	if p := a.post("/admin/users/role", url.Values{"id": {strconv.FormatInt(h.accountID("admin"), 10)}, "grant": {"1"}}); p.status != http.StatusConflict || !strings.Contains(p.body, "是管理员") {
		t.Errorf("granting staff to an admin: %d", p.status)
	}
	// The staff member granted here is staff on the web at once.
	s := h.signedIn("cadre2")
	h.svc.Grant(ctx, h.accountID("admin"), h.accountID("cadre2"), true)
	if p := s.get("/kb"); p.status != 200 {
		t.Errorf("a cadre granted staff: %d", p.status)
	}
}

func TestTelegramLoginLinkWorksOnceForTheSameUser(t *testing.T) {
	h := newHarness(t)
	ctx := t0()
	h.svc.Grant(ctx, 0, 4242, true) // refused: 0 is no admin
	links := Links{Accounts: h.store, BaseURL: h.srv.URL}
	link, err := links.LoginLink(ctx, 4242)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	c := h.client()
	show := c.get(u.RequestURI())
	if show.status != 200 || !strings.Contains(show.body, "通过 Telegram 链接登录") {
		t.Fatalf("link page: %d", show.status)
	}
	tok := u.Query().Get("t")
	if p := c.post("/login/link", url.Values{"t": {tok}}); p.status != http.StatusSeeOther || p.location != "/" {
		t.Fatalf("link login: %d %s", p.status, p.location)
	}
	c.get("/")
	c.post("/ask", url.Values{"question": {"来自网页的问题"}})
	// The same person in Telegram sees that case: one user, one history.
	st := h.svc.Load(ctx, conversation.Begin{ChatID: 4242, UserID: 4242})
	if len(st.Turns) != 2 || st.Turns[0].Text != "来自网页的问题" {
		t.Errorf("the Telegram chat of the same user: %+v", st.Turns)
	}
	d := h.client()
	d.get(u.RequestURI())
	if p := d.post("/login/link", url.Values{"t": {tok}}); p.status != http.StatusUnauthorized || !strings.Contains(p.body, "链接无效或已过期") {
		t.Errorf("the link used twice: %d", p.status)
	}
}

func TestSecurityHeadersAndCookies(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	p := c.get("/login")
	for k, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'", "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "same-origin", "Cache-Control": "no-store",
	} {
		if !strings.Contains(p.header.Get(k), want) {
			t.Errorf("%s = %q", k, p.header.Get(k))
		}
	}
	if strings.Contains(p.header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("the CSP allows inline script")
	}
	if strings.Contains(p.body, "<script>") || strings.Contains(p.body, " style=") || strings.Contains(p.body, "onclick") {
		t.Error("a page has inline script or style")
	}
	resp := c.post("/login", url.Values{"username": {"cadre"}, "password": {testPassword}})
	var cookie string
	for _, v := range resp.header.Values("Set-Cookie") {
		if strings.HasPrefix(v, sessionCookie+"=") {
			cookie = v
		}
	}
	for _, want := range []string{"HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Error("a plain-http cookie is marked Secure (the browser would drop it)")
	}
	hs := httptest.NewTLSServer(h.web)
	defer hs.Close()
	tc := &client{h: h, http: hs.Client()}
	tc.http.Jar, _ = cookiejar.New(nil)
	tc.http.CheckRedirect = c.http.CheckRedirect
	req, _ := http.NewRequest("GET", hs.URL+"/login", nil)
	lp := tc.do(req)
	if !strings.Contains(lp.header.Get("Strict-Transport-Security"), "max-age") {
		t.Error("no HSTS over https")
	}
	for _, v := range lp.header.Values("Set-Cookie") {
		if !strings.Contains(v, "Secure") {
			t.Errorf("an https cookie without Secure: %s", v)
		}
	}
}

func TestStaffUploadPreviewConfirmAndCaseEditor(t *testing.T) {
	h := newHarness(t)
	s := h.signedIn("staff")
	s.get("/kb/upload")
	body := "# 某市容错纠错实施办法（试行）\n\n第一条 为了鼓励干部担当作为，制定本办法。\n\n第二条 本办法适用于全市党员干部。\n"
	p := s.upload(map[string]string{"level": "规范性文件", "region": "某市", "verification": "unverified"}, "banfa.md", []byte(body))
	if p.status != 200 || !strings.Contains(p.body, "某市容错纠错实施办法") || !strings.Contains(p.body, `id="confirm"`) {
		t.Fatalf("preview: %d %s", p.status, clip.Line(p.body, 800))
	}
	if meta := regexp.MustCompile(`(?s)<table id="meta">.*?</table>`).FindString(p.body); !strings.Contains(meta, "规范性文件") || !strings.Contains(meta, "某市") {
		t.Errorf("the preview does not show the metadata read: %s", meta)
	}
	tok := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(p.body)
	before, _ := h.store.KBVersion(t0())
	if c := s.post("/kb/confirm", url.Values{"token": {tok[1]}}); !strings.Contains(c.body, "已保存") {
		t.Fatalf("confirm: %d %s", c.status, clip.Line(c.body, 400))
	}
	if after, _ := h.store.KBVersion(t0()); after != before+1 {
		t.Errorf("version %d after confirming, want %d", after, before+1)
	}
	if c := s.post("/kb/confirm", url.Values{"token": {tok[1]}}); c.status != http.StatusConflict {
		t.Errorf("a confirmation used twice: %d", c.status)
	}
	if bad := s.upload(map[string]string{"level": "不存在的层级"}, "x.md", []byte(body)); bad.status != http.StatusBadRequest || !strings.Contains(bad.body, "无效") {
		t.Errorf("a bad level: %d", bad.status)
	}
	if none := s.upload(nil, "", nil); none.status != http.StatusBadRequest || !strings.Contains(none.body, "请选择要上传的文件") {
		t.Errorf("no file: %d", none.status)
	}
	s.get("/kb/case")
	missing := s.post("/kb/case", url.Values{"title": {"某县先行先试案"}})
	if missing.status != http.StatusUnprocessableEntity || !strings.Contains(missing.body, "缺少") || !strings.Contains(missing.body, "某县先行先试案") {
		t.Errorf("a case missing fields: %d %s", missing.status, clip.Line(missing.body, 300))
	}
	full := url.Values{"title": {"某县先行先试案"}, "region": {"某省某县"}, "field": {knowledge.Fields[0]}, "outcome": {knowledge.Outcomes[0]},
		"facts": {"事实"}, "reasons": {"理由"}, "source": {"某报道"}, "illustrative": {"1"}}
	if p := s.post("/kb/case", full); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "示例") {
		t.Errorf("an illustrative case without 示例 in its title: %d %s", p.status, clip.Line(p.body, 300))
	}
	full.Set("title", knowledge.IllustrativeTitleMark+"某县先行先试案")
	full.Set("region", "某县"+knowledge.IllustrativeRegionMark)
	full.Set("source", knowledge.IllustrativeSource)
	if p := s.post("/kb/case", full); p.status != 200 || !strings.Contains(p.body, `id="confirm"`) {
		t.Errorf("a valid case: %d %s", p.status, regexp.MustCompile(`class="error"[^>]*>[^<]*`).FindAllString(p.body, -1))
	}
	if p := s.post("/kb/retire", url.Values{"id": {"wzcl-2019"}}); p.status != 200 || !strings.Contains(p.body, `id="confirm"`) {
		t.Errorf("retire preview: %d", p.status)
	}
	search := s.get("/kb/search?q=" + url.QueryEscape("先行先试出了问题能容错吗"))
	if !strings.Contains(search.body, "得分") || !strings.Contains(search.body, "命中") {
		t.Error("the retrieval test shows no scores or matches")
	}
}

// The upload page does what kb import's flags do: a file that does not
// look like a policy is refused unless 仍然导入 is ticked, the id is set
// for one file, the effective date given, and the one staged document's id
// and guessed fields are corrected in place.
func TestUploadForceIDAndCorrection(t *testing.T) {
	h := newHarness(t)
	s := h.signedIn("staff")
	s.get("/kb/upload")
	lunch := []byte("今天中午吃什么\n\n楼下新开了一家面馆，牛肉面二十块，味道还行。\n")
	p := s.upload(nil, "lunch.txt", lunch)
	if !strings.Contains(p.body, "看起来不是政策文件") || !strings.Contains(p.body, `id="force-hint"`) || strings.Contains(p.body, `id="confirm"`) {
		t.Fatalf("lunch note: %d %s", p.status, clip.Line(p.body, 800))
	}
	p = s.upload(map[string]string{"force": "1"}, "lunch.txt", lunch)
	if !strings.Contains(p.body, "按工作人员的要求仍然导入") || !strings.Contains(p.body, `id="confirm"`) {
		t.Fatalf("forced: %d %s", p.status, clip.Line(p.body, 800))
	}

	county := []byte("某县数字乡村建设容错免责办法\n\n第一条 为了鼓励干部担当作为，制定本办法。\n\n第二条 干部在数字乡村建设中先行先试出现失误的，可以容错免责。\n")
	if two := s.uploadFiles(map[string]string{"id": "x"}, [][2]string{{"a.txt", string(county)}, {"b.txt", string(lunch)}}); two.status != http.StatusBadRequest || !strings.Contains(two.body, "只能上传一个文件") {
		t.Errorf("an id for two files: %d", two.status)
	}
	if bad := s.upload(map[string]string{"id": "a b"}, "gbk.txt", county); bad.status != http.StatusBadRequest || !strings.Contains(bad.body, "无效") {
		t.Errorf("a bad id: %d", bad.status)
	}
	p = s.upload(map[string]string{"effective": "2023-07"}, "gbk.txt", county)
	meta := regexp.MustCompile(`(?s)<table id="meta">.*?</table>`).FindString(p.body)
	if !strings.Contains(meta, "按层级、地区、年份和标题生成") || !strings.Contains(meta, "❓推断") || !strings.Contains(meta, "2023-07") || !strings.Contains(p.body, `id="correct"`) {
		t.Fatalf("preview of a file without metadata: %s", clip.Line(p.body, 1500))
	}
	form := url.Values{}
	for _, m := range regexp.MustCompile(`name="(token|was_\w+)" value="([^"]*)"`).FindAllStringSubmatch(regexp.MustCompile(`(?s)<form method="post" action="/kb/correct".*?</form>`).FindString(p.body), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
		if k, ok := strings.CutPrefix(m[1], "was_"); ok {
			form.Set(k, html.UnescapeString(m[2]))
		}
	}
	if form.Get("token") == "" || !strings.HasPrefix(form.Get("was_id"), "norm-") {
		t.Fatalf("correction form: %v", form)
	}
	form.Set("id", "county-web-2023")
	form.Set("region", "湖北省某县")
	c := s.post("/kb/correct", form)
	if c.status != 200 || !strings.Contains(c.body, "county-web-2023") || !strings.Contains(c.body, "湖北省某县") || !strings.Contains(c.body, `id="confirm"`) {
		t.Fatalf("corrected: %d %s", c.status, clip.Line(c.body, 1500))
	}
	tok := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(c.body)
	if tok[1] == form.Get("token") {
		t.Error("the corrected preview kept the old token")
	}
	if bad := s.post("/kb/correct", url.Values{"token": {tok[1]}, "status": {"不存在"}, "was_status": {"现行"}}); bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "无效") {
		t.Errorf("a bad status: %d", bad.status)
	}
	if done := s.post("/kb/confirm", url.Values{"token": {tok[1]}}); !strings.Contains(done.body, "已保存") {
		t.Fatalf("confirm: %d %s", done.status, clip.Line(done.body, 400))
	}
	_, texts, err := h.store.KBCurrent(t0(), []string{"county-web-2023", form.Get("was_id")})
	if err != nil || !strings.Contains(texts["county-web-2023"], "region: 湖北省某县") || !strings.Contains(texts["county-web-2023"], "effective: 2023-07") || texts[form.Get("was_id")] != "" {
		t.Errorf("stored: %v %q", err, texts)
	}
}
