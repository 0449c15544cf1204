package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultListen is where the ops listener listens unless told otherwise:
// loopback only, since pprof and the metrics are for the operator.
const DefaultListen = "127.0.0.1:9464"

// Check is one readiness check: nil when the dependency answers, an error
// saying what is wrong otherwise. It must respect ctx.
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
}

// Config configures the ops listener.
type Config struct {
	Listen   string
	Gatherer prometheus.Gatherer // the registry the metrics are on
	// Ready are asked, all of them, on every /readyz.
	Ready []Check
	Pprof bool // serve /debug/pprof/
	Log   *slog.Logger
}

// Handler serves /metrics, /healthz, /readyz and, with Pprof, /debug/pprof/.
func Handler(cfg Config) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		var failed []string
		for _, c := range cfg.Ready {
			if err := c.Fn(ctx); err != nil {
				failed = append(failed, c.Name+": "+err.Error())
			}
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if len(failed) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			for _, f := range failed {
				fmt.Fprintln(w, "not ready:", f)
			}
			return
		}
		io.WriteString(w, "ready\n")
	})
	if cfg.Pprof {
		mux.HandleFunc("GET /debug/pprof/", pprof.Index)
		mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	}
	return mux
}

// Start listens on cfg.Listen (DefaultListen when empty) and serves there
// in the background until stop is called. A listen error is returned at
// once.
func Start(cfg Config) (stop func(), addr string, err error) {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, "", fmt.Errorf("ops: listen on %s: %w", cfg.Listen, err)
	}
	srv := &http.Server{Handler: Handler(cfg), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("ops listener stopped", "err", err)
		}
	}()
	log.Info("ops listener", "addr", ln.Addr().String(), "pprof", cfg.Pprof)
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	}, ln.Addr().String(), nil
}
