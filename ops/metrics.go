// Package ops is what an operator watches: the Prometheus metrics of the
// bot, the web console and their dependencies, and the ops listener that
// serves them with /healthz, /readyz and, when asked, /debug/pprof/.
//
// The metrics live on a registry the caller passes in (never the global
// default), their names start with rongcuo_, and every label takes values
// from a small fixed set. Metrics satisfies the observers the other
// packages declare (conversation.Observer, bot.Observer) and gives
// callbacks and wrappers for the rest: Redis errors, model requests, the
// knowledge-base version and HTTP handlers.
package ops

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics holds every metric of the process.
type Metrics struct {
	answers        *prometheus.CounterVec
	answerDuration *prometheus.HistogramVec
	modelRequests  *prometheus.CounterVec
	modelFallbacks prometheus.Counter
	redisErrors    *prometheus.CounterVec
	telegram       *prometheus.CounterVec
	queueDepth     prometheus.Gauge
	dropped        *prometheus.CounterVec
	usageBuffered  prometheus.Gauge
	usageDropped   prometheus.Counter
	kbVersion      prometheus.Gauge
	httpRequests   *prometheus.CounterVec
	httpDuration   *prometheus.HistogramVec
}

// NewRegistry returns an empty registry for the process's metrics.
func NewRegistry() *prometheus.Registry { return prometheus.NewRegistry() }

// NewMetrics registers the metrics on reg, with the Go runtime's and the
// process's collectors beside them.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &Metrics{
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rongcuo_answers_total",
			Help: "Answers given, by channel (telegram, web), intent, verdict and mode (offline, llm)."},
			[]string{"channel", "intent", "verdict", "mode"}),
		answerDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "rongcuo_answer_duration_seconds",
			Help:    "Time from a question's arrival to its answer handed to the channel.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20, 30, 60}}, []string{"channel"}),
		modelRequests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rongcuo_model_requests_total",
			Help: "HTTP requests to the model service by outcome (ok, rate_limited, client_error, server_error, error)."},
			[]string{"outcome"}),
		modelFallbacks: prometheus.NewCounter(prometheus.CounterOpts{Name: "rongcuo_model_fallbacks_total",
			Help: "Model answers replaced by the offline answer."}),
		redisErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rongcuo_redis_errors_total",
			Help: "Redis commands and pipelines that failed, by command (pipeline for a pipeline)."}, []string{"op"}),
		telegram: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rongcuo_telegram_requests_total",
			Help: "Bot API requests by method and outcome (ok, retry_after for a 429, rejected, forbidden, error)."},
			[]string{"method", "outcome"}),
		queueDepth: prometheus.NewGauge(prometheus.GaugeOpts{Name: "rongcuo_queue_depth",
			Help: "Updates this process holds, taken and not yet answered."}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rongcuo_updates_dropped_total",
			Help: "Updates given up, by reason (flood, shutdown, unreadable)."}, []string{"reason"}),
		usageBuffered: prometheus.NewGauge(prometheus.GaugeOpts{Name: "rongcuo_usage_buffered",
			Help: "Usage records waiting for Redis."}),
		usageDropped: prometheus.NewCounter(prometheus.CounterOpts{Name: "rongcuo_usage_dropped_total",
			Help: "Usage records dropped because the buffer was full while Redis was down."}),
		kbVersion: prometheus.NewGauge(prometheus.GaugeOpts{Name: "rongcuo_kb_version",
			Help: "Version of the live knowledge base this process answers from."}),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rongcuo_http_requests_total",
			Help: "Requests to the web console and the webhook, by route and status class (2xx, 3xx, 4xx, 5xx)."},
			[]string{"route", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "rongcuo_http_request_duration_seconds",
			Help: "Time to serve a request, by route.", Buckets: prometheus.DefBuckets}, []string{"route"}),
	}
	for _, c := range []prometheus.Collector{m.answers, m.answerDuration, m.modelRequests, m.modelFallbacks, m.redisErrors,
		m.telegram, m.queueDepth, m.dropped, m.usageBuffered, m.usageDropped, m.kbVersion, m.httpRequests, m.httpDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		f(c)
	}
	// Series that exist before their first event, so rates and alerts see
	// a zero instead of nothing.
	for _, r := range []string{"flood", "shutdown", "unreadable"} {
		m.dropped.WithLabelValues(r)
	}
	for _, o := range []string{"ok", "rate_limited", "client_error", "server_error", "error"} {
		m.modelRequests.WithLabelValues(o)
	}
	return m
}

// label keeps a label value inside a small set: empty is "none", anything
// not a plain lower-case word is "other".
func label(v string) string {
	if v == "" {
		return "none"
	}
	if len(v) > 32 {
		return "other"
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r == '_' || r >= '0' && r <= '9') {
			return "other"
		}
	}
	return v
}

// Answered implements conversation.Observer.
func (m *Metrics) Answered(channel, intent, verdict, mode string, fallback bool, took time.Duration) {
	m.answers.WithLabelValues(label(channel), label(intent), label(verdict), label(mode)).Inc()
	m.answerDuration.WithLabelValues(label(channel)).Observe(took.Seconds())
	if fallback {
		m.modelFallbacks.Inc()
	}
}

// UsageBuffered implements conversation.Observer.
func (m *Metrics) UsageBuffered(n int) { m.usageBuffered.Set(float64(n)) }

// UsageDropped implements conversation.Observer.
func (m *Metrics) UsageDropped() { m.usageDropped.Inc() }

// Telegram implements bot.Observer.
func (m *Metrics) Telegram(method, outcome string) {
	m.telegram.WithLabelValues(label(strings.ToLower(method)), label(outcome)).Inc()
}

// Dropped implements bot.Observer.
func (m *Metrics) Dropped(reason string) { m.dropped.WithLabelValues(label(reason)).Inc() }

// QueueDepth implements bot.Observer.
func (m *Metrics) QueueDepth(n int) { m.queueDepth.Set(float64(max(n, 0))) }

// RedisError counts a failed Redis command (redisstore.Store.OnError).
func (m *Metrics) RedisError(op string) {
	m.redisErrors.WithLabelValues(label(strings.ToLower(op))).Inc()
}

// KBVersion reports the knowledge-base version in use.
func (m *Metrics) KBVersion(v int64) { m.kbVersion.Set(float64(v)) }

// ModelTransport wraps the model client's transport to count its requests.
func (m *Metrics) ModelTransport(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := next.RoundTrip(r)
		outcome := "error"
		if err == nil {
			switch c := resp.StatusCode; {
			case c < 400:
				outcome = "ok"
			case c == http.StatusTooManyRequests:
				outcome = "rate_limited"
			case c < 500:
				outcome = "client_error"
			default:
				outcome = "server_error"
			}
		}
		m.modelRequests.WithLabelValues(outcome).Inc()
		return resp, err
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// HTTP counts the requests next serves under route, a fixed name such as
// "login" or "ask" (never the path itself, which a client chooses), by
// status class, and times them. The web console wraps each of its routes
// with it; the webhook is wrapped the same way.
func (m *Metrics) HTTP(route string, next http.Handler) http.Handler {
	route = label(route)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		m.httpRequests.WithLabelValues(route, strconv.Itoa(sw.code/100)+"xx").Inc()
		m.httpDuration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	code    int
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.written {
		w.code, w.written = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.written = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer underneath (flush
// for streamed pages).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
