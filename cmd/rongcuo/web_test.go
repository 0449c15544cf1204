package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"rongcuo/conversation"
	"rongcuo/internal/terminal"
	"rongcuo/redisstore/redistest"
)

// usersCLI runs `rongcuo users ARGS…` with stdin against the test's prefix.
func usersCLI(t *testing.T, prefix, stdin string, args ...string) (string, error) {
	t.Helper()
	vars := map[string]string{"REDIS_URL": redistest.URL(), "RONGCUO_REDIS_PREFIX": prefix}
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"users"}, args...), func(k string) string { return vars[k] }, strings.NewReader(stdin), &out, &errb)
	return out.String(), err
}

func TestUsersAddListRemove(t *testing.T) {
	_, prefix := redistest.Client(t)
	out, err := usersCLI(t, prefix, "first admin pw 1\n", "add", "--role", "admin", "--password-stdin", "zhang")
	if err != nil || !strings.HasPrefix(out, "created account zhang (user id ") || !strings.Contains(out, "role admin") {
		t.Fatalf("add: %q %v", out, err)
	}
	if out, err := usersCLI(t, prefix, "second password 2\n", "add", "--password-stdin", "ZHANG"); err != nil || !strings.HasPrefix(out, "updated account zhang") {
		t.Errorf("add again: %q %v", out, err)
	}
	usersCLI(t, prefix, "cadre password 3\r\n", "add", "--password-stdin", "li")
	out, err = usersCLI(t, prefix, "", "list")
	if err != nil || !regexp.MustCompile(`(?m)^li +\d+ +cadre `).MatchString(out) || !regexp.MustCompile(`(?m)^zhang +\d+ +cadre `).MatchString(out) {
		t.Errorf("list:\n%s %v", out, err)
	}
	// A Chinese name takes two columns a character: the ids still line up.
	usersCLI(t, prefix, "cadre password 4\n", "add", "--password-stdin", "张三")
	out, _ = usersCLI(t, prefix, "", "list")
	col := map[int]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		name, _, _ := strings.Cut(line, "  ")
		id := strings.TrimLeft(line[len(name):], " ")
		col[terminal.Width(line[:len(line)-len(id)])] = true
	}
	if len(col) != 1 {
		t.Errorf("the user ids do not line up:\n%s", out)
	}
	var u usageError
	if _, err := usersCLI(t, prefix, "a password 1234\n", "add", "--role", "boss", "--password-stdin", "wang"); !errors.As(err, &u) {
		t.Errorf("an unknown role: %v, want a usage error", err)
	}
	if out, err := usersCLI(t, prefix, "", "remove", "li"); err != nil || !strings.HasPrefix(out, "removed account li") {
		t.Errorf("remove: %q %v", out, err)
	}
	if _, err := usersCLI(t, prefix, "", "remove", "li"); err == nil || !strings.Contains(err.Error(), `no account "li"`) {
		t.Errorf("removing twice: %v", err)
	}
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"a password 1234\n", []string{"add", "wang"}, "--password-stdin"},
		{"short\n", []string{"add", "--password-stdin", "wang"}, "at least 10"},
		{"", []string{"add", "--password-stdin", "wang"}, "no password"},
		{"a password 1234\n", []string{"add", "--role", "boss", "--password-stdin", "wang"}, `role "boss"`},
		{"a password 1234\n", []string{"add", "--password-stdin", "a:b"}, "without spaces or colons"},
		{"", []string{"frob"}, "unknown subcommand"},
	} {
		if _, err := usersCLI(t, prefix, c.stdin, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("users %v: %v, want an error saying %q", c.args, err, c.want)
		}
	}
}

// TestServeWithTheConsoleIsOneUserInBothChannels starts serve with
// --web-listen: a Telegram user asks in Telegram, takes a /web link, signs
// in on the web and finds the same conversation there.
func TestServeWithTheConsoleIsOneUserInBothChannels(t *testing.T) {
	addr := "127.0.0.1:" + freePort(t)
	r := startServe(t, map[string]string{"RONGCUO_WEB_LISTEN": addr}, serveDeps{})
	r.say(t, cadre, caseText, "初步判断")
	msg := r.say(t, cadre, "/web", "网页版登录链接")
	link := regexp.MustCompile(`http://\S+`).FindString(msg.Text)
	if !strings.HasPrefix(link, "http://"+addr+"/login/link?t=") {
		t.Fatalf("link %q", link)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	var page string
	eventually(t, "the console to answer", func() bool {
		resp, err := c.Get(link)
		if err != nil {
			return false
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page = string(b)
		return resp.StatusCode == 200
	})
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)[1]
	u, _ := url.Parse(link)
	resp, err := c.PostForm("http://"+addr+"/login/link", url.Values{"csrf": {csrf}, "t": {u.Query().Get("t")}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `name="question"`) {
		t.Fatalf("after the link: %d", resp.StatusCode)
	}
	if !strings.Contains(string(b), caseText[:30]) {
		t.Error("the web chat does not show the question asked in Telegram")
	}
	if !strings.Contains(string(b), "tg:4242（干部）") {
		t.Error("the web does not show the Telegram user as a cadre")
	}
	if recs := r.usage(t); len(recs) == 0 || recs[0].User != conversation.Pseudonym([]byte(testSecret), cadre.ID) {
		t.Errorf("usage records: %+v", recs)
	}
}

func TestWebNeedsNoTokenButAValidSetting(t *testing.T) {
	_, prefix := redistest.Client(t)
	vars := map[string]string{"REDIS_URL": redistest.URL(), "RONGCUO_REDIS_PREFIX": prefix, "RONGCUO_WEB_IDLE": "soon"}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"web"}, func(k string) string { return vars[k] }, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error()+errb.String(), "RONGCUO_WEB_IDLE") {
		t.Errorf("a bad duration: %v %s", err, errb.String())
	}
	vars["RONGCUO_WEB_IDLE"] = "30m"
	err = run(context.Background(), []string{"web"}, func(k string) string { return vars[k] }, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "RONGCUO_USER_SECRET") {
		t.Errorf("no user secret: %v", err)
	}
}
