package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// harness is the console on a real Redis under the test's own prefix, the
// live knowledge base seeded from the embedded corpus, a fake advisor and a
// clock the test moves.
type harness struct {
	t       testing.TB
	srv     *httptest.Server
	web     *Server
	store   *redisstore.Store
	svc     *conversation.Service
	kb      *kblive.Service
	replica *kblive.Replica
	adv     *fakeAdvisor

	mu   sync.Mutex
	skew time.Duration
}

// clock is the real time moved forward by what the test advanced.
func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return time.Now().Add(h.skew)
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	h.skew += d
	h.mu.Unlock()
}

// Passwords of the accounts every harness has.
const testPassword = "correct horse 9"

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newHarness(t testing.TB) *harness {
	t.Helper()
	return newHarnessWith(t, nil)
}

// newHarnessWith is newHarness with an advisor of the test's own (nil: the
// fake) and no rate limits when one is given.
func newHarnessWith(t testing.TB, adv conversation.Advisor) *harness {
	t.Helper()
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	kb := kblive.NewService(store, kblive.Options{})
	emb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kb.Seed(ctx, emb); err != nil {
		t.Fatal(err)
	}
	replica := kblive.NewReplica(store, kblive.ReplicaOptions{})
	if err := replica.Load(ctx); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, store: store, kb: kb, replica: replica, adv: &fakeAdvisor{}}
	cfg := conversation.Config{Advisor: h.adv, Store: store, Apply: assess.Apply,
		UserSecret: []byte("0123456789abcdef"), PerMinute: 100, PerDay: 1000, Log: quiet}
	if adv != nil {
		cfg.Advisor, cfg.PerMinute, cfg.PerDay = adv, 0, 0
	}
	h.svc, err = conversation.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.web, err = New(Config{Service: h.svc, Accounts: store, Index: replica.Index, KB: kb, Review: store, Log: quiet, Now: h.clock})
	if err != nil {
		t.Fatal(err)
	}
	h.srv = httptest.NewServer(h.web)
	t.Cleanup(h.srv.Close)
	for _, a := range []struct{ name, role string }{{"cadre", conversation.RoleCadre}, {"cadre2", conversation.RoleCadre}, {"staff", conversation.RoleStaff}, {"admin", conversation.RoleAdmin}} {
		if _, err := AddAccount(ctx, store, store, a.name, a.role, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

// fakeAdvisor answers every question as an assessment citing 问责条例第十七条
// with one follow-up question until it is answered, streaming a draft first.
type fakeAdvisor struct {
	mu    sync.Mutex
	asked []advisor.Question
}

func (f *fakeAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	if q.OnText != nil {
		q.OnText("初步判断正在生成")
	}
	facts := assess.Facts{}
	for k, v := range q.Facts {
		facts[k] = v
	}
	a := advisor.Advice{Intent: advisor.IntentAssessment, Verdict: assess.NeedsMoreFacts, Mode: advisor.ModeOffline, Facts: facts,
		Answer:    "**初步判断：需要补充事实。** 您说：" + q.Text + "\n\n- 动机：<有利>",
		Citations: []advisor.Citation{{ID: "wzcl-2019#17", Document: "中国共产党问责条例", Article: "第十七条", Verified: true}},
		Cases:     []advisor.CaseRef{{ID: "case-x", Title: "某镇容缺审批案", Region: "某省", Outcome: "容错免责"}},
	}
	if _, ok := q.Facts[assess.ExplicitBan]; !ok {
		a.FollowUps = []assess.FollowUp{{Key: assess.ExplicitBan, Question: "当时有文件明确禁止这种做法吗？", IfYes: assess.Unfavourable}}
	} else {
		a.Verdict = assess.LikelyTolerable
		a.Answer = "**初步判断：可能容错。**"
	}
	return a, nil
}

// client is one browser: a cookie jar and the last CSRF token seen.
type client struct {
	h    *harness
	http *http.Client
	csrf string
}

func (h *harness) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{h: h, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type page struct {
	status   int
	body     string
	header   http.Header
	location string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) page {
	c.h.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	p := page{status: resp.StatusCode, body: string(b), header: resp.Header, location: resp.Header.Get("Location")}
	if m := csrfField.FindStringSubmatch(p.body); m != nil {
		c.csrf = m[1]
	}
	return p
}

func (c *client) get(path string) page {
	c.h.t.Helper()
	req, _ := http.NewRequest("GET", c.h.srv.URL+path, nil)
	return c.do(req)
}

// post sends a form with the client's CSRF token unless the form has one.
func (c *client) post(path string, form url.Values, header ...string) page {
	c.h.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest("POST", c.h.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

func (c *client) login(name, password string) page {
	c.h.t.Helper()
	c.get("/login")
	return c.post("/login", url.Values{"username": {name}, "password": {password}})
}

// signedIn returns a client signed in as the named account, on its chat page.
func (h *harness) signedIn(name string) *client {
	h.t.Helper()
	c := h.client()
	if p := c.login(name, testPassword); p.status != http.StatusSeeOther || p.location != "/" {
		h.t.Fatalf("login as %s: %d %s", name, p.status, p.location)
	}
	if p := c.get("/"); p.status != 200 || !strings.Contains(p.body, `name="question"`) {
		h.t.Fatalf("chat page after login: %d", p.status)
	}
	return c
}

// events reads a streamed answer.
func events(t testing.TB, body string) []event {
	t.Helper()
	var out []event
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		var e event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		out = append(out, e)
	}
	return out
}

func t0() context.Context { return context.Background() }

// upload posts files as the upload form does.
func (c *client) upload(fields map[string]string, name string, data []byte) page {
	c.h.t.Helper()
	if name == "" {
		return c.uploadFiles(fields, nil)
	}
	return c.uploadFiles(fields, [][2]string{{name, string(data)}})
}

// uploadFiles posts several files (name, content) as the upload form does.
func (c *client) uploadFiles(fields map[string]string, files [][2]string) page {
	c.h.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile("files", f[0])
		fw.Write([]byte(f[1]))
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.h.srv.URL+"/kb/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}
