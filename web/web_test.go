package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
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
