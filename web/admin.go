package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
	"rongcuo/redisstore"
)

// The admin pages: the dashboard, the usage records with filters and a
// conversation view, the export, users and roles with the approval queue,
// and the audit trail. Every read of the records is audited by the store.

type dashboardPage struct {
	D      redisstore.Dashboard
	Days   int
	Charts dashboardCharts
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.Review == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtReviewOff)
		return
	}
	days := 14
	if n, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && n >= 1 && n <= 90 {
		days = n
	}
	d, err := s.cfg.Review.ReviewDashboard(r.Context(), q.reader(), days, s.cfg.Now())
	if err != nil {
		s.log.Warn("dashboard not read", "err", err)
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	s.render(w, r, q, http.StatusOK, "dashboard", "概览", dashboardPage{D: d, Days: days, Charts: charts(d)})
}

type logsPage struct {
	Filter   logsForm
	Answers  []redisstore.LoggedAnswer
	Next     string
	PageSize int
	Error    string
}

// logsForm is the filter as the form has it.
type logsForm struct {
	Intent, Verdict, Mode, Rating, User, Text string
	Errors                                    bool
	Before                                    string
}

func (f logsForm) filter() redisstore.LogFilter {
	return redisstore.LogFilter{Intent: f.Intent, Verdict: f.Verdict, Mode: f.Mode, Rating: f.Rating, Errors: f.Errors,
		User: strings.ToLower(f.User), Text: f.Text}
}

// Query is the form as a query string without the page cursor.
func (f logsForm) Query() string {
	v := make([]string, 0, 7)
	add := func(k, val string) {
		if val != "" {
			v = append(v, k+"="+url.QueryEscape(val))
		}
	}
	add("intent", f.Intent)
	add("verdict", f.Verdict)
	add("mode", f.Mode)
	add("rating", f.Rating)
	add("user", f.User)
	add("text", f.Text)
	if f.Errors {
		add("errors", "1")
	}
	return strings.Join(v, "&")
}

const logsPageSize = 50

func (s *Server) logsList(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.Review == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtReviewOff)
		return
	}
	v := r.URL.Query()
	f := logsForm{Intent: v.Get("intent"), Verdict: v.Get("verdict"), Mode: v.Get("mode"), Rating: v.Get("rating"),
		User: strings.TrimSpace(v.Get("user")), Text: clip.Line(v.Get("text"), 100), Errors: v.Get("errors") == "1", Before: v.Get("before")}
	if f.User != "" && !isHex(f.User) {
		f.User = ""
	}
	if f.Before != "" && !isStreamID(f.Before) {
		f.Before = ""
	}
	as, next, err := s.cfg.Review.ReviewLogPage(r.Context(), q.reader(), logsPageSize, f.filter(), f.Before)
	p := logsPage{Filter: f, Answers: as, Next: next, PageSize: logsPageSize}
	if err != nil {
		s.log.Warn("logs not read", "err", err)
		p.Error = txtStoreDown
	}
	s.render(w, r, q, http.StatusOK, "logs", "使用记录", p)
}

func (s *Server) logsConversation(w http.ResponseWriter, r *http.Request, q *request) {
	s.conversationOf(w, r, q, "/admin/logs")
}

type userConversation struct {
	User    string
	Answers []redisstore.LoggedAnswer
	Back    string
	Focus   string
}

// conversationOf shows one pseudonymous user's answers, oldest first.
func (s *Server) conversationOf(w http.ResponseWriter, r *http.Request, q *request, back string) {
	u := strings.ToLower(r.URL.Query().Get("user"))
	if len(u) < 8 || !isHex(u) {
		s.fail(w, r, q, http.StatusBadRequest, txtBadRequest)
		return
	}
	if s.cfg.Review == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtReviewOff)
		return
	}
	as, _, err := s.cfg.Review.ReviewLogPage(r.Context(), q.reader(), 200, redisstore.LogFilter{User: u}, "")
	if err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	for i, j := 0, len(as)-1; i < j; i, j = i+1, j-1 {
		as[i], as[j] = as[j], as[i]
	}
	s.render(w, r, q, http.StatusOK, "userconv", "对话", userConversation{User: u, Answers: as, Back: back, Focus: r.URL.Query().Get("answer")})
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.Review == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtReviewOff)
		return
	}
	v := r.URL.Query()
	format := v.Get("format")
	if format != redisstore.FormatCSV && format != redisstore.FormatJSONL {
		format = redisstore.FormatCSV
	}
	from, to, err := redisstore.ParseDayRange(v.Get("since"), v.Get("until"), s.cfg.Now())
	if err != nil {
		s.fail(w, r, q, http.StatusBadRequest, "日期格式应为 2026-11-01。")
		return
	}
	ext := map[string]string{redisstore.FormatCSV: "csv", redisstore.FormatJSONL: "jsonl"}[format]
	w.Header().Set("Content-Type", map[string]string{"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}[ext])
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rongcuo-usage-%s.%s"`, from.In(chinatime.Zone).Format("20060102"), ext))
	n, err := s.cfg.Review.ReviewExport(r.Context(), q.reader(), w, from, to, format)
	if err != nil {
		s.log.Warn("export failed", "err", err, "records", n)
		if n == 0 {
			w.Header().Del("Content-Disposition")
			s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		}
		return
	}
	s.log.Info("usage exported", "by", q.sess.Name, "records", n)
}

type usersPage struct {
	Pending  []conversation.User
	Users    []userRow
	Accounts []conversation.Account
	Msg      string
	Error    string
}

type userRow struct {
	conversation.User
	Effective string
	Settings  bool // the role comes from the settings
}

func (s *Server) usersList(w http.ResponseWriter, r *http.Request, q *request) {
	s.renderUsers(w, r, q, http.StatusOK, r.URL.Query().Get("msg"), "")
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, q *request, status int, msg, errMsg string) {
	ctx := r.Context()
	p := usersPage{Msg: msg, Error: errMsg}
	all, err := s.cfg.Service.Users(ctx, q.person.ID)
	if err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	for _, u := range all {
		if u.Status == conversation.StatusPending {
			p.Pending = append(p.Pending, u)
		}
		p.Users = append(p.Users, userRow{User: u, Effective: s.cfg.Service.Role(u.ID, u), Settings: s.cfg.Service.StaffBySettings(u.ID)})
	}
	if p.Accounts, err = s.cfg.Accounts.AccountList(ctx); err != nil {
		s.log.Warn("accounts not listed", "err", err)
	}
	s.render(w, r, q, status, "users", "用户与角色", p)
}

func formID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) usersDecide(w http.ResponseWriter, r *http.Request, q *request) {
	id, ok := formID(r)
	if !ok {
		s.fail(w, r, q, http.StatusBadRequest, txtBadRequest)
		return
	}
	yes := r.PostFormValue("yes") == "1"
	if _, err := s.cfg.Service.Decide(r.Context(), q.person.ID, id, yes); err != nil {
		s.renderUsers(w, r, q, http.StatusServiceUnavailable, "", adminError(err, id))
		return
	}
	verb := "已拒绝"
	if yes {
		verb = "已批准"
	}
	http.Redirect(w, r, "/admin/users?msg="+url.QueryEscape(fmt.Sprintf("%s用户 %d 的使用申请。", verb, id)), http.StatusSeeOther)
}

func (s *Server) usersRole(w http.ResponseWriter, r *http.Request, q *request) {
	id, ok := formID(r)
	if !ok {
		s.fail(w, r, q, http.StatusBadRequest, txtBadRequest)
		return
	}
	grant := r.PostFormValue("grant") == "1"
	if _, err := s.cfg.Service.Grant(r.Context(), q.person.ID, id, grant); err != nil {
		s.renderUsers(w, r, q, http.StatusConflict, "", adminError(err, id))
		return
	}
	msg := fmt.Sprintf("已授予用户 %d 工作人员角色。", id)
	if !grant {
		msg = fmt.Sprintf("已收回用户 %d 的工作人员角色。", id)
	}
	http.Redirect(w, r, "/admin/users?msg="+url.QueryEscape(msg), http.StatusSeeOther)
}

// adminError says an admin action's refusal in Chinese.
func adminError(err error, id int64) string {
	switch {
	case errors.Is(err, conversation.ErrNotAdmin):
		return txtForbidden
	case errors.Is(err, conversation.ErrIsAdmin):
		return fmt.Sprintf("用户 %d 是管理员，角色不能在这里修改。", id)
	case errors.Is(err, conversation.ErrAlreadyStaff):
		return fmt.Sprintf("用户 %d 已经是工作人员。", id)
	case errors.Is(err, conversation.ErrRoleFromSettings):
		return fmt.Sprintf("用户 %d 的工作人员角色来自服务设置（RONGCUO_STAFF），请在设置中修改。", id)
	case errors.Is(err, conversation.ErrNotStaff):
		return fmt.Sprintf("用户 %d 不是工作人员。", id)
	}
	return txtStoreDown
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.Review == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtReviewOff)
		return
	}
	es, err := s.cfg.Review.ReviewAudit(r.Context(), q.reader(), 100)
	if err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	s.render(w, r, q, http.StatusOK, "audit", "审计记录", es)
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return s != "" && len(s) <= 64
}

// isStreamID accepts a stream id "MS-SEQ".
func isStreamID(s string) bool {
	a, b, ok := strings.Cut(s, "-")
	_, err1 := strconv.ParseUint(a, 10, 64)
	_, err2 := strconv.ParseUint(b, 10, 64)
	return ok && err1 == nil && err2 == nil
}
