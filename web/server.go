// Package web is the console for cadres, staff and admins: server-rendered
// pages on the standard library (net/http method and path patterns,
// html/template, embedded assets) over the same conversation service as the
// Telegram bot. One route table names the role each page needs; middleware
// loads the session, checks the role on the server and the CSRF token on
// every state-changing request, and sets the security headers.
package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"rongcuo/conversation"
	"rongcuo/importer"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// KB is what the staff pages use of the live knowledge base; *kblive.Service
// satisfies it.
type KB interface {
	PreviewBatch(ctx context.Context, b *importer.Batch, by string) (*kblive.Preview, error)
	PreviewRetire(ctx context.Context, id, by string) (*kblive.Preview, error)
	PreviewCase(ctx context.Context, in kblive.CaseInput, by string) (*kblive.Preview, error)
	Confirm(ctx context.Context, token, by string) (kblive.Result, error)
	CorrectFields(ctx context.Context, token, by, id string, fields []kblive.Field) (*kblive.Preview, error)
	Cancel(ctx context.Context, token string) error
	History(ctx context.Context, id string) ([]redisstore.KBRevision, error)
	Diff(ctx context.Context, id string, from, to int64) (*kblive.Diff, error)
}

var _ KB = (*kblive.Service)(nil)

// Review is what admins (and staff, for the 👎 queue) read of the usage
// records; *redisstore.Store satisfies it. Every read names its reader and is
// audited by the store.
type Review interface {
	ReviewDashboard(ctx context.Context, by redisstore.Reader, days int, now time.Time) (redisstore.Dashboard, error)
	ReviewLogPage(ctx context.Context, by redisstore.Reader, n int, f redisstore.LogFilter, before string) ([]redisstore.LoggedAnswer, string, error)
	ReviewExport(ctx context.Context, by redisstore.Reader, w io.Writer, from, to time.Time, format string) (int, error)
	ReviewAudit(ctx context.Context, by redisstore.Reader, n int) ([]redisstore.AuditEntry, error)
}

var _ Review = (*redisstore.Store)(nil)

// Config is everything the console needs. Service, Accounts and Index are
// required; KB and Review left nil switch the staff and admin pages that need
// them off (they say so).
type Config struct {
	Service  *conversation.Service
	Accounts conversation.Accounts
	Index    func() *knowledge.Index // the knowledge base in use
	KB       KB
	Review   Review
	Import   importer.Options // limits of uploads; Defaults come from the upload form
	// BaseURL is the console's public address (https://… behind a proxy);
	// cookies are Secure when it is https or the request came over TLS.
	BaseURL string
	// Idle and Absolute end a session after that long without a request and
	// that long after sign-in; 0 means 30 minutes and 12 hours.
	Idle, Absolute time.Duration
	// MaxUpload is the largest upload request in bytes; 0 means 20 MB.
	MaxUpload int64
	Log       *slog.Logger
	Now       func() time.Time // the clock; nil means time.Now
	// Observe, when set, wraps each route's handler under a fixed name
	// such as "post_ask" (ops.Metrics.HTTP counts and times them).
	Observe func(route string, h http.Handler) http.Handler
}

// Server is the console. It is safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	pages   *pages
	handler http.Handler
	dummy   string // a hash compared against when the account is unknown, so timing says nothing
}

// New returns the console.
func New(cfg Config) (*Server, error) {
	if cfg.Service == nil || cfg.Accounts == nil || cfg.Index == nil {
		return nil, errors.New("web: service, accounts and index are required")
	}
	if cfg.Idle <= 0 {
		cfg.Idle = 30 * time.Minute
	}
	if cfg.Absolute <= 0 {
		cfg.Absolute = 12 * time.Hour
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 20 << 20
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	dummy, err := HashPassword("not a password of anyone")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Log, pages: p, dummy: dummy}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP serves the console.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// ListenAndServe serves the console on addr until ctx ends, then shuts down
// within a few seconds.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves the console on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	s.log.Info("web console listening", "addr", ln.Addr().String())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		<-done
		return nil
	}
}
