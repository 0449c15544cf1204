package web

import (
	"net/http"
	"strings"

	"rongcuo/conversation"
)

// Who may open a page.
const (
	public   = ""         // anyone, signed in or not
	signedIn = "signedin" // any signed-in person (cadres and up)
	staff    = conversation.RoleStaff
	admin    = conversation.RoleAdmin
)

type route struct {
	pattern string // method and path, as net/http reads them
	role    string
	handle  func(w http.ResponseWriter, r *http.Request, q *request)
}

// routes is the one table of every page: its method and path, the role it
// needs, and its handler.
func (s *Server) routes() http.Handler {
	table := []route{
		{"GET /login", public, s.loginShow},
		{"POST /login", public, s.loginCheck},
		{"GET /login/link", public, s.linkShow},
		{"POST /login/link", public, s.linkCheck},
		{"POST /logout", signedIn, s.logout},
		{"POST /logout/all", signedIn, s.logoutAll},

		{"GET /{$}", signedIn, s.chatShow},
		{"POST /ask", signedIn, s.ask},
		{"POST /followup", signedIn, s.followUp},
		{"POST /feedback", signedIn, s.feedback},
		{"POST /new", signedIn, s.newCase},
		{"GET /provision", signedIn, s.provisionShow},
		{"GET /case", signedIn, s.caseShow},
		{"GET /history", signedIn, s.historyList},
		{"GET /history/{id}", signedIn, s.historyShow},
		{"GET /forget", signedIn, s.forgetShow},
		{"POST /forget", signedIn, s.forgetDo},

		{"GET /kb", staff, s.kbList},
		{"GET /kb/doc", staff, s.kbDoc},
		{"GET /kb/provision", staff, s.kbProvision},
		{"GET /kb/diff", staff, s.kbDiff},
		{"GET /kb/upload", staff, s.uploadShow},
		{"POST /kb/upload", staff, s.uploadPreview},
		{"POST /kb/correct", staff, s.uploadCorrect},
		{"POST /kb/confirm", staff, s.kbConfirm},
		{"POST /kb/cancel", staff, s.kbCancel},
		{"GET /kb/retire", staff, s.retireShow},
		{"POST /kb/retire", staff, s.retirePreview},
		{"GET /kb/case", staff, s.caseEdit},
		{"POST /kb/case", staff, s.caseSave},
		{"GET /kb/search", staff, s.kbSearch},
		{"GET /kb/feedback", staff, s.feedbackQueue},
		{"GET /kb/feedback/conversation", staff, s.feedbackConversation},

		{"GET /admin", admin, s.dashboard},
		{"GET /admin/logs", admin, s.logsList},
		{"GET /admin/logs/conversation", admin, s.logsConversation},
		{"GET /admin/export", admin, s.export},
		{"GET /admin/users", admin, s.usersList},
		{"POST /admin/users/decide", admin, s.usersDecide},
		{"POST /admin/users/role", admin, s.usersRole},
		{"GET /admin/audit", admin, s.auditList},
	}
	mux := http.NewServeMux()
	for _, rt := range table {
		h := s.guard(rt)
		if s.cfg.Observe != nil {
			h = s.cfg.Observe(routeName(rt.pattern), h)
		}
		mux.Handle(rt.pattern, h)
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles()))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, &request{}, http.StatusNotFound, txtNotFound)
	})
	return securityHeaders(mux)
}

// routeName names a route for metrics: "POST /kb/upload" is post_kb_upload,
// "GET /{$}" get_root; a path wildcard is left out ("GET /history/{id}" is
// get_history_id).
func routeName(pattern string) string {
	method, path, _ := strings.Cut(pattern, " ")
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.Split(path, "/") {
		part = strings.Trim(part, "{}$.")
		if part == "" {
			continue
		}
		b.WriteByte('_')
		b.WriteString(strings.ReplaceAll(strings.ToLower(part), "-", "_"))
	}
	if !strings.Contains(b.String(), "_") {
		b.WriteString("_root")
	}
	return b.String()
}
