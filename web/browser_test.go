package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rongcuo/internal/clip"
	"rongcuo/internal/docxtest"
)

// The browser tests drive Debian's chromium (apt-get install -y chromium;
// .ci/run installs it when missing) through chromedp against the console on
// a real Redis. Each saves screenshots to one temporary directory, kept after
// the run, and logs their paths.

var (
	shotsOnce sync.Once
	shotsDir  string
	shotsErr  error
)

// screenshotDir is RONGCUO_SCREENSHOTS when set, else a new temporary
// directory for the whole run.
func screenshotDir(t *testing.T) string {
	shotsOnce.Do(func() {
		if d := os.Getenv("RONGCUO_SCREENSHOTS"); d != "" {
			shotsDir, shotsErr = d, os.MkdirAll(d, 0o755)
			return
		}
		shotsDir, shotsErr = os.MkdirTemp("", "rongcuo-screenshots-")
	})
	if shotsErr != nil {
		t.Fatal(shotsErr)
	}
	return shotsDir
}

func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is not installed: apt-get install -y chromium (the browser tests need it)")
	return ""
}

// browser starts a headless chromium with a fresh profile; it stops when
// the test ends.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first call starts the browser and binds its life to ctx, which
	// has no deadline; each later step has its own (see limit).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// stepTimeout bounds one browser step, so a page that never shows what a
// test waits for fails the test with a screenshot instead of hanging it.
const stepTimeout = 30 * time.Second

func limit(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, stepTimeout)
}

// shot saves a full-page screenshot as NAME.png and logs its path.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	sctx, cancel := limit(ctx)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(screenshotDir(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s: %s", name, p)
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := limit(ctx)
	defer cancel()
	if err := chromedp.Do(sctx, steps...); err != nil {
		shot(t, ctx, "failed-"+strings.ReplaceAll(t.Name(), "/", "-"))
		t.Fatalf("%s: %v", what, err)
	}
}

// waitJS waits until a JavaScript expression is true.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	sctx, cancel := limit(ctx)
	defer cancel()
	if _, err := chromedp.Run(sctx, chromedp.Poll[bool](expr)); err != nil {
		shot(t, ctx, "failed-"+strings.ReplaceAll(t.Name(), "/", "-"))
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	sctx, cancel := limit(ctx)
	defer cancel()
	s, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

// signIn logs in through the form and waits for the chat page.
func (h *harness) signIn(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	do(t, ctx, "sign in as "+name,
		chromedp.Navigate(h.srv.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`textarea[name=question]`)),
	)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != h.srv.URL+"/" {
		t.Errorf("%s landed on %s, want /", name, loc)
	}
}

func TestBrowserLoginAsEachRole(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ name, page, want, shotName string }{
		{"cadre", "/", "提问", "cadre-chat"},
		{"staff", "/kb", "知识库", "staff-kb"},
		{"admin", "/admin", "概览", "admin-dashboard"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := browser(t)
			if c.name == "cadre" {
				do(t, ctx, "login page", chromedp.Navigate(h.srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=password]`)))
				shot(t, ctx, "login")
			}
			h.signIn(t, ctx, c.name)
			do(t, ctx, "open "+c.page, chromedp.Navigate(h.srv.URL+c.page), chromedp.WaitVisible(chromedp.CSS("main h1, main textarea")))
			if got := text(t, ctx, "header nav"); !strings.Contains(got, c.want) {
				t.Errorf("%s's menu %q lacks %q", c.name, got, c.want)
			}
			shot(t, ctx, c.shotName)
			if c.name == "cadre" {
				do(t, ctx, "a staff page", chromedp.Navigate(h.srv.URL+"/kb"), chromedp.WaitVisible(chromedp.CSS(".error")))
				if got := text(t, ctx, ".error"); !strings.Contains(got, "没有访问这个页面的权限") {
					t.Errorf("a cadre on /kb sees %q", got)
				}
				shot(t, ctx, "forbidden")
			}
		})
	}
}

func TestBrowserAskFollowUpAndCitation(t *testing.T) {
	h := newHarness(t)
	ctx := browser(t)
	h.signIn(t, ctx, "cadre")
	do(t, ctx, "ask",
		chromedp.SendKeys(chromedp.CSS(`textarea[name=question]`), "我是副镇长，为了让招商项目尽快开工，经集体研究先办了施工手续，能容错吗？"),
		chromedp.Click(chromedp.CSS(`#ask button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#answer .answer a.cite`)),
	)
	if got := text(t, ctx, "#answer .answer"); !strings.Contains(got, "第十七条") || !strings.Contains(got, "当时有文件明确禁止这种做法吗") {
		t.Errorf("the answer reads %q", got)
	}
	shot(t, ctx, "cadre-answer")
	do(t, ctx, "press 否", chromedp.Click(chromedp.CSS(`#answer form.followup button[value=no]`)))
	waitJS(t, ctx, "the new answer", `!!document.querySelector("#answer .answer") && document.querySelector("#answer .answer").innerText.includes("可能容错")`)
	if got := text(t, ctx, "#notices"); !strings.Contains(got, "已记录：否") {
		t.Errorf("the follow-up was not acknowledged: %q", got)
	}
	shot(t, ctx, "cadre-followup")
	do(t, ctx, "rate 👎 with a reason",
		chromedp.SendKeys(chromedp.CSS(`#answer form.down input[name=reason]`), "没有说明申请程序"),
		chromedp.Click(chromedp.CSS(`#answer form.down button`)),
	)
	waitJS(t, ctx, "the rating's thanks", `!!document.querySelector("#answer .rate") && document.querySelector("#answer .rate").innerText.includes("已记录您的意见")`)
	do(t, ctx, "open the citation",
		chromedp.Click(chromedp.CSS(`#answer a.cite`)),
		chromedp.WaitVisible(chromedp.CSS(`.provision`)),
	)
	if got := text(t, ctx, "main h1"); !strings.Contains(got, "第十七条") {
		t.Errorf("the provision page's title is %q", got)
	}
	shot(t, ctx, "provision")
	do(t, ctx, "history", chromedp.Navigate(h.srv.URL+"/history"), chromedp.WaitVisible(chromedp.CSS(`.list a`)))
	shot(t, ctx, "history")
	do(t, ctx, "conversation", chromedp.Click(chromedp.CSS(`.list a`)), chromedp.WaitVisible(chromedp.CSS(`.turns .turn`)))
	shot(t, ctx, "conversation")
	do(t, ctx, "forget page", chromedp.Navigate(h.srv.URL+"/forget"), chromedp.WaitVisible(chromedp.CSS(`button.danger`)))
	shot(t, ctx, "forget")
}

func TestBrowserUploadDocxAndConfirm(t *testing.T) {
	h := newHarness(t)
	ctx := browser(t)
	h.signIn(t, ctx, "staff")
	file := filepath.Join(t.TempDir(), "某县容错办法.docx")
	os.WriteFile(file, docxtest.Build(
		"某县干部干事创业容错纠错办法",
		"第一条 为了鼓励干部担当作为，制定本办法。",
		"第二条 干部在改革中先行先试，经集体研究决策、未谋取私利的，可以免予问责。",
		"第三条 本办法自印发之日起施行。",
	), 0o644)
	before, _ := h.store.KBVersion(t0())
	do(t, ctx, "upload",
		chromedp.Navigate(h.srv.URL+"/kb/upload"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=files]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name=files]`), []string{file}),
		chromedp.SetValue(chromedp.CSS(`select[name=level]`), "规范性文件"),
		chromedp.SendKeys(chromedp.CSS(`input[name=region]`), "某省某县"),
		chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#confirm`)),
	)
	if got := text(t, ctx, "main"); !strings.Contains(got, "某县干部干事创业容错纠错办法") {
		t.Errorf("the preview lacks the title: %q", clip.Line(got, 300))
	}
	shot(t, ctx, "staff-upload-preview")
	do(t, ctx, "confirm", chromedp.Click(chromedp.CSS(`#confirm`)), chromedp.WaitVisible(chromedp.CSS(`.notice`)))
	if got := text(t, ctx, ".notice"); !strings.Contains(got, "已保存") {
		t.Errorf("after 确认: %q", got)
	}
	if after, _ := h.store.KBVersion(t0()); after != before+1 {
		t.Errorf("knowledge-base version %d, want %d", after, before+1)
	}
	shot(t, ctx, "staff-upload-confirmed")
	for _, p := range []struct{ path, wait, name string }{
		{"/kb/doc?id=wzcl-2019", ".list", "staff-document"},
		{"/kb/provision?id=" + url.QueryEscape("wzcl-2019#17"), ".provision", "staff-provision"},
		{"/kb/diff?id=wzcl-2019&from=1&to=1", "main h1", "staff-diff"},
		{"/kb/search?q=" + url.QueryEscape("先行先试出了问题能容错吗"), "ol li", "staff-retrieval-test"},
		{"/kb/case", "#caseform", "staff-case-editor"},
		{"/kb/retire?id=wzcl-2019", "main form", "staff-retire"},
		{"/kb/feedback", "main h1", "staff-feedback-queue"},
	} {
		do(t, ctx, p.path, chromedp.Navigate(h.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		shot(t, ctx, p.name)
	}
}

func TestBrowserAdminSeesTheQuestionInTheLogs(t *testing.T) {
	h := newHarness(t)
	q := fmt.Sprintf("管理员应能看到的问题 %d", time.Now().UnixNano()%1000)
	h.signedIn("cadre").post("/ask", url.Values{"question": {q}})
	ctx := browser(t)
	h.signIn(t, ctx, "admin")
	do(t, ctx, "logs", chromedp.Navigate(h.srv.URL+"/admin/logs"), chromedp.WaitVisible(chromedp.CSS(`#logs tbody tr`)))
	if got := text(t, ctx, "#logs"); !strings.Contains(got, q) {
		t.Errorf("the admin logs lack the question: %q", clip.Line(got, 300))
	}
	shot(t, ctx, "admin-logs")
	do(t, ctx, "the conversation view", chromedp.Click(chromedp.CSS(`#logs tbody tr a`)), chromedp.WaitVisible(chromedp.CSS(`.turns`)))
	shot(t, ctx, "admin-conversation")
	do(t, ctx, "the dashboard", chromedp.Navigate(h.srv.URL+"/admin"), chromedp.WaitVisible(chromedp.CSS("svg")))
	if got := text(t, ctx, "main .grid"); !strings.HasPrefix(strings.TrimSpace(got), "1") {
		t.Errorf("the dashboard does not count the question: %q", clip.Line(got, 100))
	}
	shot(t, ctx, "admin-dashboard-with-data")
	for _, p := range []struct{ path, wait, name string }{
		{"/admin/users", "main h1", "admin-users"},
		{"/admin/audit", "table", "admin-audit"},
	} {
		do(t, ctx, p.path, chromedp.Navigate(h.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		shot(t, ctx, p.name)
	}
	if got := text(t, ctx, "table"); !strings.Contains(got, "web:admin") {
		t.Errorf("the audit does not show the admin's reads: %q", clip.Line(got, 300))
	}
}

func TestBrowserCadrePageFitsAPhone(t *testing.T) {
	h := newHarness(t)
	ctx := browser(t)
	do(t, ctx, "phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	h.signIn(t, ctx, "cadre")
	do(t, ctx, "ask on the phone",
		chromedp.SendKeys(chromedp.CSS(`textarea[name=question]`), "乡镇干部为了赶工期先开工后补手续，没有收好处，后来补齐了，能容错吗？这是一个比较长的问题，用来检查页面在手机上不会横向滚动。"),
		chromedp.Click(chromedp.CSS(`#ask button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#answer .answer a.cite`)),
	)
	for _, path := range []string{"", "/history", "/provision?id=" + url.QueryEscape("wzcl-2019#17")} {
		if path != "" {
			do(t, ctx, path, chromedp.Navigate(h.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("main")))
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		width, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
		if overflow || width != 390 {
			t.Errorf("%s at 390×844: horizontal scroll %v, width %d", "/"+strings.TrimPrefix(path, "/"), overflow, width)
		}
		if path == "" {
			shot(t, ctx, "cadre-phone-390x844")
		}
	}
}
