package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rongcuo/conversation"
)

// Login throttling: an account is locked after this many failures in the
// window, an address is refused after more.
const (
	maxAccountFailures = 5
	maxAddressFailures = 20
	failureWindow      = 15 * time.Minute
	loginCSRFCookie    = "rongcuo_login"
	// LinkTTL is how long a /web login link works.
	LinkTTL = 10 * time.Minute
)

type loginPage struct {
	Username, Next, Error, Notice, CSRF string
}

// loginShow is the sign-in form. Its CSRF token is a cookie echoed in the
// form (there is no session yet).
func (s *Server) loginShow(w http.ResponseWriter, r *http.Request, q *request) {
	if q.signed {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	p := loginPage{Next: safeNext(r.URL.Query().Get("next")), CSRF: s.loginCSRF(w, r)}
	if r.URL.Query().Get("expired") != "" {
		p.Notice = txtSessionExpired
	}
	s.render(w, r, q, http.StatusOK, "login", "登录", p)
}

func (s *Server) loginCSRF(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(loginCSRFCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	t := newToken()
	s.setCookie(w, r, loginCSRFCookie, t, 3600)
	return t
}

func loginCSRFOK(r *http.Request) bool {
	c, err := r.Cookie(loginCSRFCookie)
	form := r.PostFormValue("csrf")
	return err == nil && form != "" && subtle.ConstantTimeCompare([]byte(c.Value), []byte(form)) == 1
}

// safeNext keeps a post-login target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginCheck checks a password, with throttling per account and per
// address; a locked account is refused even with the right password.
func (s *Server) loginCheck(w http.ResponseWriter, r *http.Request, q *request) {
	ctx := r.Context()
	name := strings.TrimSpace(r.PostFormValue("username"))
	password := r.PostFormValue("password")
	p := loginPage{Username: name, Next: safeNext(r.PostFormValue("next")), CSRF: s.loginCSRF(w, r)}
	refuse := func(status int, msg string) {
		p.Error = msg
		s.render(w, r, q, status, "login", "登录", p)
	}
	if !loginCSRFOK(r) {
		refuse(http.StatusForbidden, txtCSRF)
		return
	}
	if name == "" || password == "" || utf8.RuneCountInString(name) > 64 || len(password) > 1024 {
		refuse(http.StatusBadRequest, txtLoginMissing)
		return
	}
	acctKey, addrKey := "acct:"+strings.ToLower(name), "addr:"+clientAddr(r)
	nAcct, err1 := s.cfg.Accounts.Failures(ctx, acctKey)
	nAddr, err2 := s.cfg.Accounts.Failures(ctx, addrKey)
	if err1 != nil || err2 != nil {
		s.log.Warn("login throttle not read", "err", errOr(err1, err2))
		refuse(http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	if nAddr >= maxAddressFailures {
		s.log.Warn("login refused: too many failures from the address", "addr", clientAddr(r))
		refuse(http.StatusTooManyRequests, txtTooManyTries)
		return
	}
	if nAcct >= maxAccountFailures {
		s.log.Warn("login refused: account locked", "account", name)
		refuse(http.StatusTooManyRequests, txtLocked)
		return
	}
	acct, ok, err := s.cfg.Accounts.Account(ctx, name)
	if err != nil {
		s.log.Warn("account not loaded", "err", err)
		refuse(http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	hash := s.dummy
	if ok {
		hash = acct.Hash
	}
	match, err := CheckPassword(hash, password)
	if err != nil {
		s.log.Error("stored password hash unreadable", "account", name, "err", err)
	}
	if !ok || !match {
		n, _ := s.cfg.Accounts.Fail(ctx, acctKey, failureWindow)
		s.cfg.Accounts.Fail(ctx, addrKey, failureWindow)
		s.log.Info("login failed", "account", name, "addr", clientAddr(r), "failures", n)
		if n >= maxAccountFailures {
			refuse(http.StatusTooManyRequests, txtLocked)
			return
		}
		refuse(http.StatusUnauthorized, txtBadLogin)
		return
	}
	if err := s.cfg.Accounts.ClearFailures(ctx, acctKey); err != nil {
		s.log.Warn("login failures not cleared", "err", err)
	}
	if err := s.startSession(ctx, w, r, acct.UserID, acct.Name); err != nil {
		refuse(http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	s.log.Info("signed in", "account", acct.Name, "user", acct.UserID)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
}

func errOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, userID int64, name string) error {
	token := newToken()
	now := s.cfg.Now()
	sess := conversation.LoginSession{ID: tokenHash(token), UserID: userID, Name: name, CSRF: newToken(), Created: now, Seen: now}
	if err := s.cfg.Accounts.PutSession(ctx, sess, s.cfg.Idle); err != nil {
		s.log.Warn("session not stored", "err", err)
		return err
	}
	// A session cookie (no MaxAge): the browser drops it when it closes.
	s.setCookie(w, r, sessionCookie, token, 0)
	s.setCookie(w, r, loginCSRFCookie, "", -1)
	return nil
}

// linkShow is where a /web link lands: a button that signs in, so a link
// preview that fetches the address does not use the link up.
func (s *Server) linkShow(w http.ResponseWriter, r *http.Request, q *request) {
	t := r.URL.Query().Get("t")
	s.render(w, r, q, http.StatusOK, "link", "登录", struct{ Token, CSRF string }{t, s.loginCSRF(w, r)})
}

func (s *Server) linkCheck(w http.ResponseWriter, r *http.Request, q *request) {
	ctx := r.Context()
	if !loginCSRFOK(r) {
		s.fail(w, r, q, http.StatusForbidden, txtCSRF)
		return
	}
	t := r.PostFormValue("t")
	if len(t) < 20 || len(t) > 100 {
		s.fail(w, r, q, http.StatusBadRequest, txtBadLink)
		return
	}
	userID, ok, err := s.cfg.Accounts.TakeLoginToken(ctx, tokenHash(t))
	if err != nil {
		s.log.Warn("login token not read", "err", err)
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	if !ok {
		s.fail(w, r, q, http.StatusUnauthorized, txtBadLink)
		return
	}
	if err := s.startSession(ctx, w, r, userID, "tg:"+strconv.FormatInt(userID, 10)); err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	s.log.Info("signed in by link", "user", userID)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, q *request) {
	if err := s.cfg.Accounts.EndSession(r.Context(), q.sess.ID); err != nil {
		s.log.Warn("session not ended", "err", err)
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// logoutAll ends every session of the user, in every browser.
func (s *Server) logoutAll(w http.ResponseWriter, r *http.Request, q *request) {
	n, err := s.cfg.Accounts.EndSessions(r.Context(), q.sess.UserID)
	if err != nil {
		s.log.Warn("sessions not ended", "err", err)
		s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
		return
	}
	s.log.Info("signed out everywhere", "user", q.sess.UserID, "sessions", n)
	s.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// Links issues /web login links; the bot calls it.
type Links struct {
	Accounts conversation.Accounts
	BaseURL  string // the console's public address
}

// LoginLink returns a link that signs the user in once, within LinkTTL.
func (l Links) LoginLink(ctx context.Context, userID int64) (string, error) {
	t := newToken()
	if err := l.Accounts.PutLoginToken(ctx, tokenHash(t), userID, LinkTTL); err != nil {
		return "", fmt.Errorf("web: login link: %w", err)
	}
	return strings.TrimRight(l.BaseURL, "/") + "/login/link?t=" + url.QueryEscape(t), nil
}
