package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"

	"rongcuo/conversation"
	"rongcuo/redisstore"
)

// request is what the middleware learned of a request: who is signed in
// and with what role.
type request struct {
	sess   conversation.LoginSession
	user   conversation.User
	role   string
	person conversation.Person
	signed bool
}

// The Content-Security-Policy allows no inline script or style: the one
// script and the style sheet are files of this server.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		// same-origin, not no-referrer: with no-referrer Chrome sends "Origin: null"
		// on form posts, and the origin check below could not tell them apart.
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// guard runs a route's handler once the session, the role and the CSRF
// token check out.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := &request{}
		if rt.role == public {
			s.optionalSession(r, q)
			rt.handle(w, r, q)
			return
		}
		switch st := s.loadSession(r, q); st {
		case sessionNone, sessionExpired:
			if r.Method == http.MethodGet {
				target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
				if st == sessionExpired {
					target += "&expired=1"
				}
				http.Redirect(w, r, target, http.StatusSeeOther)
				return
			}
			s.fail(w, r, q, http.StatusUnauthorized, txtSignInAgain)
			return
		case sessionDown:
			s.fail(w, r, q, http.StatusServiceUnavailable, txtStoreDown)
			return
		}
		if !allowed(q.role, rt.role) {
			s.log.Info("page refused for the role", "path", r.URL.Path, "user", q.sess.Name, "role", q.role)
			s.fail(w, r, q, http.StatusForbidden, txtForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.csrfOK(r, q) {
			s.log.Warn("CSRF check failed", "path", r.URL.Path, "user", q.sess.Name)
			s.fail(w, r, q, http.StatusForbidden, txtCSRF)
			return
		}
		rt.handle(w, r, q)
	})
}

func allowed(have, need string) bool {
	switch need {
	case admin:
		return have == conversation.RoleAdmin
	case staff:
		return have == conversation.RoleAdmin || have == conversation.RoleStaff
	}
	return true
}

// csrfOK checks the session's token, from the form or a header, and that
// the request comes from this site.
func (s *Server) csrfOK(r *http.Request, q *request) bool {
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r) {
		return false
	}
	tok := r.Header.Get("X-CSRF-Token")
	if tok == "" {
		tok = r.PostFormValue("csrf")
	}
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(q.sess.CSRF)) == 1
}

func sameOrigin(origin string, r *http.Request) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

type sessionState int

const (
	sessionOK sessionState = iota
	sessionNone
	sessionExpired
	sessionDown
)

const sessionCookie = "rongcuo_session"

// loadSession reads the session cookie, ends a session past its idle or
// absolute timeout, records activity and fills q.
func (s *Server) loadSession(r *http.Request, q *request) sessionState {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return sessionNone
	}
	ctx := r.Context()
	id := tokenHash(c.Value)
	sess, ok, err := s.cfg.Accounts.LoginSession(ctx, id)
	if err != nil {
		s.log.Warn("session not loaded", "err", err)
		return sessionDown
	}
	if !ok {
		return sessionExpired
	}
	now := s.cfg.Now()
	if now.Sub(sess.Created) > s.cfg.Absolute || now.Sub(sess.Seen) > s.cfg.Idle {
		if err := s.cfg.Accounts.EndSession(ctx, id); err != nil {
			s.log.Warn("session not ended", "err", err)
		}
		return sessionExpired
	}
	if now.Sub(sess.Seen) > time.Minute {
		sess.Seen = now
		if err := s.cfg.Accounts.TouchSession(ctx, id, now, s.cfg.Idle); err != nil {
			s.log.Warn("session not touched", "err", err)
		}
	}
	user, err := s.cfg.Service.User(ctx, sess.UserID)
	if err != nil {
		s.log.Warn("user not loaded", "err", err)
		return sessionDown
	}
	q.sess, q.user, q.signed = sess, user, true
	q.role = s.cfg.Service.Role(sess.UserID, user)
	q.person = conversation.Person{ID: sess.UserID, Name: sess.Name}
	return sessionOK
}

// optionalSession fills q for a public page when a session is there.
func (s *Server) optionalSession(r *http.Request, q *request) {
	if _, err := r.Cookie(sessionCookie); err == nil {
		s.loadSession(r, q)
	}
}

func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure(r)})
}

// reader is who reads usage records, for the audit.
func (q *request) reader() redisstore.Reader {
	return redisstore.Reader{Who: "web:" + q.sess.Name, Via: "web"}
}
