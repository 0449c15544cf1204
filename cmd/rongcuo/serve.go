package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/bot"
	"rongcuo/conversation"
	"rongcuo/importer"
	"rongcuo/kblive"
	"rongcuo/ops"
	"rongcuo/redisstore"
	"rongcuo/web"
)

// serveOptions are the settings of `rongcuo serve`.
type serveOptions struct {
	Token         string
	APIURL        string
	RedisURL      string
	RedisPrefix   string
	Mode          string
	WebhookURL    string
	Listen        string
	WebhookSecret string
	Admins        string
	Staff         string
	Access        string
	Groups        bool
	HistoryTurns  int
	HistoryTTL    time.Duration
	PerMinute     int
	PerDay        int
	MaxQuestion   int
	UserSecret    string
	ChatInterval  time.Duration
	SendRate      float64
	PollTimeout   time.Duration
	Shutdown      time.Duration
	UsageMaxLen   int
	Retention     time.Duration
	RetainEvery   time.Duration
	KBPoll        time.Duration
	MaxUploadMB   int
	LogLevel      string
	Reclaim       time.Duration
	UsageSpool    string
	OpsListen     string
	Pprof         bool
	LogFormat     string
	Model         modelOptions
	WebListen     string
	WebURL        string
	WebIdle       time.Duration
	WebAbsolute   time.Duration
	web           bool // `rongcuo web`: the console alone, no bot

	// Read from the settings above by check.
	admins, staff []int64
	level         slog.Level
}

// parseServe reads the settings of `rongcuo serve` (name "serve") and of
// `rongcuo web` (name "web"), which shares them but runs the console alone.
func parseServe(name string, args []string, e env) (*serveOptions, error) {
	o := &serveOptions{web: name == "web"}
	s := newSettings(name, e.getenv, e.stdout, e.stderr)
	var fromEnv []func()
	secret := func(p *string, name, envName, usage string) {
		fromEnv = append(fromEnv, secretSetting(s, p, name, envName, usage))
	}
	secret(&o.Token, "token", "TELEGRAM_BOT_TOKEN", "Telegram bot token (secret)")
	s.String(&o.APIURL, "api-url", "TELEGRAM_API_URL", "https://api.telegram.org", "Telegram Bot API address")
	secret(&o.RedisURL, "redis", "REDIS_URL", "Redis URL; master_name= for Sentinel, addr= for more Cluster nodes (default "+defaultRedisURL+")")
	s.String(&o.RedisPrefix, "redis-prefix", "RONGCUO_REDIS_PREFIX", defaultRedisPrefix, "prefix of every Redis key")
	s.String(&o.Mode, "mode", "RONGCUO_MODE", bot.ModePolling, "how updates arrive: polling or webhook")
	s.String(&o.WebhookURL, "webhook-url", "RONGCUO_WEBHOOK_URL", "", "public https URL Telegram posts updates to (webhook mode)")
	s.String(&o.Listen, "listen", "RONGCUO_LISTEN", ":8080", "address the webhook server listens on (webhook mode)")
	secret(&o.WebhookSecret, "webhook-secret", "RONGCUO_WEBHOOK_SECRET", "secret token Telegram must send with every webhook request (secret)")
	s.String(&o.Admins, "admins", "RONGCUO_ADMINS", "", "comma-separated Telegram user ids of admins")
	s.String(&o.Staff, "staff", "RONGCUO_STAFF", "", "comma-separated Telegram user ids of staff")
	s.String(&o.Access, "access", "RONGCUO_ACCESS", conversation.AccessOpen, "who may use the bot: open, allowlist or approval")
	s.Bool(&o.Groups, "groups", "RONGCUO_GROUPS", true, "answer in groups when mentioned or replied to; false: private chats only")
	s.Int(&o.HistoryTurns, "history", "RONGCUO_HISTORY_TURNS", 20, "conversation turns kept per chat")
	s.Duration(&o.HistoryTTL, "history-ttl", "RONGCUO_HISTORY_TTL", 30*24*time.Hour, "how long a quiet conversation is kept")
	s.Int(&o.PerMinute, "per-minute", "RONGCUO_RATE_PER_MINUTE", 10, "questions per user per minute (0: no limit)")
	s.Int(&o.PerDay, "per-day", "RONGCUO_DAILY_QUOTA", 200, "questions per user per day (0: no limit)")
	s.Int(&o.MaxQuestion, "max-question", "RONGCUO_MAX_QUESTION", 2000, "longest question in characters")
	secret(&o.UserSecret, "user-secret", "RONGCUO_USER_SECRET", "key of the pseudonymous user ids in usage records, at least 16 characters (secret)")
	s.Duration(&o.ChatInterval, "chat-interval", "RONGCUO_CHAT_INTERVAL", time.Second, "least time between two messages or edits in one chat")
	s.Float(&o.SendRate, "send-rate", "RONGCUO_SEND_RATE", 25, "most requests per second to Telegram across the bot (0: no limit)")
	s.Duration(&o.PollTimeout, "poll-timeout", "RONGCUO_POLL_TIMEOUT", time.Minute, "long-polling timeout")
	s.Duration(&o.Shutdown, "shutdown-timeout", "RONGCUO_SHUTDOWN_TIMEOUT", 30*time.Second, "time given to updates in flight at shutdown")
	s.Int(&o.UsageMaxLen, "usage-maxlen", "RONGCUO_USAGE_MAXLEN", 1_000_000, "approximate number of usage records kept")
	s.Duration(&o.Retention, "retention", "RONGCUO_RETENTION", redisstore.DefaultRetention, "how long usage records keep their question, answer and reason texts (the counts stay)")
	s.Duration(&o.RetainEvery, "retention-every", "RONGCUO_RETENTION_EVERY", time.Hour, "how often the retention job runs (0: never; run rongcuo logs retain instead)")
	s.Duration(&o.KBPoll, "kb-poll", "RONGCUO_KB_POLL", 30*time.Second, "how often the live knowledge base's version is checked (changes are also announced at once)")
	s.Int(&o.MaxUploadMB, "max-upload-mb", "RONGCUO_MAX_UPLOAD_MB", 20, "largest file staff may upload, in MB (the Bot API lets a bot download 20 MB)")
	s.String(&o.LogLevel, "log-level", "RONGCUO_LOG_LEVEL", "info", "debug, info, warn or error")
	s.String(&o.LogFormat, "log-format", "RONGCUO_LOG_FORMAT", "text", "log lines as text (key=value) or json")
	s.String(&o.OpsListen, "ops-listen", "RONGCUO_OPS_LISTEN", ops.DefaultListen, "address of /metrics, /healthz, /readyz (and /debug/pprof/ with --pprof); off: none")
	s.Bool(&o.Pprof, "pprof", "RONGCUO_PPROF", false, "serve /debug/pprof/ on the ops listener")
	s.Duration(&o.Reclaim, "queue-reclaim", "RONGCUO_QUEUE_RECLAIM", 30*time.Second, "how long an update another replica took may sit unanswered before this one answers it (the other died)")
	s.String(&o.UsageSpool, "usage-spool", "RONGCUO_USAGE_SPOOL", "", "file where usage records wait while Redis is down, kept across restarts (empty: memory only)")
	addModelSettings(s, &o.Model)
	webListen, what := "", "Runs the Telegram bot, and the web console when --web-listen is set."
	if o.web {
		webListen, what = defaultWebListen, "Runs the web console."
	}
	s.String(&o.WebListen, "web-listen", "RONGCUO_WEB_LISTEN", webListen, "address the web console listens on (serve: empty means no console)")
	s.String(&o.WebURL, "web-url", "RONGCUO_WEB_URL", "", "the console's public address, for /web login links and Secure cookies (default http:// and the listen address)")
	s.Duration(&o.WebIdle, "web-idle", "RONGCUO_WEB_IDLE", 30*time.Minute, "a console session ends after this long without a request")
	s.Duration(&o.WebAbsolute, "web-absolute", "RONGCUO_WEB_ABSOLUTE", 12*time.Hour, "a console session ends this long after sign-in")
	s.fs.Usage = func() {
		fmt.Fprintf(s.fs.Output(), "usage: rongcuo %s [flags]\n\n%s Settings (flag, or the environment variable named):\n", name, what)
		s.fs.PrintDefaults()
	}
	if err := s.Parse(args); err != nil {
		return nil, err
	}
	for _, f := range fromEnv {
		f()
	}
	if s.NArg() > 0 {
		return nil, usagef("%s: unexpected argument %q", name, s.Arg(0))
	}
	if o.RedisURL == "" {
		o.RedisURL = defaultRedisURL
	}
	if err := o.check(name); err != nil {
		return nil, err
	}
	return o, nil
}

// check validates the settings, so a bad one stops the command before it
// connects to anything, with one line naming the setting.
func (o *serveOptions) check(name string) error {
	if err := o.level.UnmarshalText([]byte(o.LogLevel)); err != nil {
		return usagef("%s: log level %q: want debug, info, warn or error (RONGCUO_LOG_LEVEL)", name, o.LogLevel)
	}
	switch o.LogFormat {
	case "", "text", "json":
	default:
		return usagef("%s: log format %q: want text or json (RONGCUO_LOG_FORMAT)", name, o.LogFormat)
	}
	var err error
	if o.admins, err = userIDs(name, "RONGCUO_ADMINS", o.Admins); err != nil {
		return err
	}
	if o.staff, err = userIDs(name, "RONGCUO_STAFF", o.Staff); err != nil {
		return err
	}
	if !o.web {
		if o.Token == "" {
			return usagef("%s: no bot token: set TELEGRAM_BOT_TOKEN", name)
		}
		switch o.Mode {
		case "", bot.ModePolling:
		case bot.ModeWebhook:
			if o.WebhookURL == "" || o.WebhookSecret == "" || o.Listen == "" {
				return usagef("%s: webhook mode needs a webhook URL (RONGCUO_WEBHOOK_URL), a listen address (RONGCUO_LISTEN) and a secret token (RONGCUO_WEBHOOK_SECRET)", name)
			}
		default:
			return usagef("%s: mode %q: want polling or webhook (RONGCUO_MODE)", name, o.Mode)
		}
	}
	if len(o.UserSecret) < 16 {
		return usagef("%s: set RONGCUO_USER_SECRET to a random string of at least 16 characters (it keys the pseudonymous user ids in usage records)", name)
	}
	switch o.Access {
	case conversation.AccessOpen, conversation.AccessAllowlist, conversation.AccessApproval:
	default:
		return usagef("%s: access %q: want open, allowlist or approval (RONGCUO_ACCESS)", name, o.Access)
	}
	if o.Retention <= 0 {
		return usagef("%s: RONGCUO_RETENTION must be a positive duration such as 4320h", name)
	}
	if o.MaxUploadMB <= 0 {
		return usagef("%s: RONGCUO_MAX_UPLOAD_MB must be at least 1", name)
	}
	return o.Model.check(name)
}

// defaultWebListen is where `rongcuo web` listens unless told otherwise:
// this machine only, for a reverse proxy in front.
const defaultWebListen = "127.0.0.1:8090"

func runServe(ctx context.Context, e env, g *globalOptions, args []string) error {
	return runServeAs(ctx, e, g, "serve", args)
}

func runWeb(ctx context.Context, e env, g *globalOptions, args []string) error {
	return runServeAs(ctx, e, g, "web", args)
}

func runServeAs(ctx context.Context, e env, g *globalOptions, name string, args []string) error {
	o, err := parseServe(name, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	return serve(ctx, e, g, o, serveDeps{})
}

// serveDeps replaces parts of the wiring in tests; zero fields take the real
// ones.
type serveDeps struct {
	advisor conversation.Advisor
	onLive  func(*kblive.Advisor) // tests: told the live advisor, to wait on its version
	// opsListening is told the ops listener's address (tests listen on
	// port 0).
	opsListening func(addr string)
}

// newLogger makes serve's logger in the format the settings name (text or
// json).
func newLogger(w io.Writer, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// serve runs with settings parseServe has checked.
func serve(ctx context.Context, e env, g *globalOptions, o *serveOptions, d serveDeps) error {
	log := newLogger(e.stderr, o.level, o.LogFormat)
	webURL := strings.TrimRight(o.WebURL, "/")
	if webURL == "" && o.WebListen != "" {
		webURL = "http://" + o.WebListen
	}
	if o.Retention < 24*time.Hour {
		log.Warn("usage texts are kept for less than a day", "retention", o.Retention)
	}

	store, err := redisstore.Open(ctx, o.RedisURL, redisstore.Options{Prefix: o.RedisPrefix, HistoryKeep: o.HistoryTurns,
		HistoryTTL: o.HistoryTTL, UsageMaxLen: int64(o.UsageMaxLen), Retention: o.Retention})
	if err != nil {
		return err // one line: go-redis's own lines are not routed yet
	}
	defer store.Close()
	// Once connected, go-redis's own lines (Redis lost mid-run, a Sentinel
	// switching masters) go to the log.
	redisstore.SetLogger(log)
	log.Info("redis connected", "url", redisstore.Redacted(o.RedisURL), "prefix", o.RedisPrefix)

	// The metrics are on a registry of this process's own, served with the
	// health checks from the start: /readyz says why it is not ready yet.
	reg := ops.NewRegistry()
	metrics := ops.NewMetrics(reg)
	store.OnError(metrics.RedisError)
	o.Model.transport = metrics.ModelTransport
	live := kblive.NewAdvisor(kblive.AdvisorOptions{Build: o.advisorBuilder(ctx, d, store, log), Log: log, OnVersion: metrics.KBVersion})
	if o.OpsListen != "off" && o.OpsListen != "" {
		stopOps, addr, err := ops.Start(ops.Config{Listen: o.OpsListen, Gatherer: reg, Pprof: o.Pprof, Log: log, Ready: []ops.Check{
			{Name: "redis", Fn: store.Ping},
			{Name: "knowledge base", Fn: live.Ready},
		}})
		if err != nil {
			return err
		}
		defer stopOps()
		if d.opsListening != nil {
			d.opsListening(addr)
		}
	}

	maxUpload := int64(o.MaxUploadMB) << 20
	svc := kblive.NewService(store, kblive.Options{Import: importer.Options{MaxFileSize: maxUpload}})
	if err := seedLive(ctx, e, g, svc, store, log); err != nil {
		return err
	}
	if d.onLive != nil {
		d.onLive(live)
	}
	replica := kblive.NewReplica(store, kblive.ReplicaOptions{Poll: o.KBPoll, Log: log, OnChange: live.Swap})
	if err := replica.Load(ctx); err != nil {
		return fmt.Errorf("serve: load the live knowledge base: %w", err)
	}
	if err := live.Err(); err != nil {
		return err // bad model settings stop the start; later rebuilds fall back
	}
	// The replica and the retention job stop before the Redis client closes.
	bg, stopBG := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stopBG(); wg.Wait() }()
	wg.Add(2)
	go func() { defer wg.Done(); replica.Run(bg) }()
	go func() {
		defer wg.Done()
		// Records from before the per-user index would make /forget scan.
		if n, err := store.IndexUsage(bg); err != nil && bg.Err() == nil {
			log.Warn("older usage records not indexed; /forget scans them until this succeeds", "err", err)
		} else if n > 0 {
			log.Info("older usage records indexed for /forget", "records", n)
		}
	}()
	if o.RetainEvery > 0 {
		wg.Add(1)
		go func() { defer wg.Done(); retainEvery(bg, store, o.RetainEvery, o.Retention, log) }()
	}

	var global time.Duration
	if o.SendRate > 0 {
		global = time.Duration(float64(time.Second) / o.SendRate)
	}
	conv, err := conversation.New(conversation.Config{
		Advisor: live, Store: store, Apply: assess.Apply, Admins: o.admins, Staff: o.staff, Access: o.Access,
		PerMinute: o.PerMinute, PerDay: o.PerDay, MaxText: o.MaxQuestion, UserSecret: []byte(o.UserSecret), Log: log,
		UsageSpool: o.UsageSpool, Observer: metrics,
	})
	if err != nil {
		return err
	}
	wg.Add(1)
	go func() { defer wg.Done(); conv.Run(bg, 5*time.Second) }()
	// The bot and the console run side by side on one conversation service;
	// either stopping stops the other.
	run, stop := context.WithCancel(ctx)
	defer stop()
	errs := make(chan error, 2)
	n := 0
	if o.WebListen != "" {
		console, err := web.New(web.Config{Service: conv, Accounts: store, Index: live.Index, KB: svc, Review: store,
			Import: importer.Options{MaxFileSize: maxUpload}, BaseURL: webURL, Idle: o.WebIdle, Absolute: o.WebAbsolute,
			MaxUpload: maxUpload, Log: log, Observe: metrics.HTTP})
		if err != nil {
			return err
		}
		n++
		go func() { errs <- console.ListenAndServe(run, o.WebListen); stop() }()
	}
	if !o.web {
		var links bot.WebLinks
		if webURL != "" {
			links = web.Links{Accounts: store, BaseURL: webURL}
		}
		n++
		go func() {
			errs <- bot.Run(run, bot.RunConfig{
				Token: o.Token, APIURL: o.APIURL, Mode: o.Mode, WebhookURL: o.WebhookURL, Listen: o.Listen, WebhookSecret: o.WebhookSecret,
				PollTimeout: o.PollTimeout, PerChat: o.ChatInterval, Global: global, ShutdownTimeout: o.Shutdown, Log: log,
				Queue: store.UpdateQueue(consumerName()), Reclaim: o.Reclaim, Observer: metrics, WrapHTTP: metrics.HTTP,
				Core: bot.Config{
					Service: conv, Library: bot.IndexLibrary{Index: live.Index}, Store: store, Groups: o.Groups,
					KB: svc, Review: store, WaitKB: live.Wait, MaxUpload: maxUpload, WebLinks: links,
				},
			})
			stop()
		}()
	}
	var first error
	for range n {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// consumerName names this process in the update queue's consumer group:
// unique per process, readable in XINFO.
func consumerName() string {
	host, _ := os.Hostname()
	if host == "" {
		host = "rongcuo"
	}
	return host + "-" + strconv.Itoa(os.Getpid()) + "-" + conversation.NewID()
}

// userIDs reads a comma-separated list of Telegram user ids.
func userIDs(cmd, name, list string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return nil, usagef("%s: %s: %q is not a Telegram user id", cmd, name, f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// seedLive fills an empty live knowledge base from the embedded corpus, or
// from --kb DIR when given. One that exists is left as it is: --kb then
// only says so, and files go in with `rongcuo kb import`.
func seedLive(ctx context.Context, e env, g *globalOptions, svc *kblive.Service, store *redisstore.Store, log *slog.Logger) error {
	v, err := store.KBVersion(ctx)
	if err != nil {
		return fmt.Errorf("serve: live knowledge base: %w", err)
	}
	if v > 0 {
		if g.KB != "" {
			log.Warn("--kb only seeds an empty live knowledge base; this one exists, so it is used as it is (import files with rongcuo kb import)", "version", v, "kb", g.KB)
		}
		return nil
	}
	kb, err := loadKB(g, e.stderr)
	if err != nil {
		return err
	}
	seeded, err := svc.Seed(ctx, kb)
	if err != nil {
		return fmt.Errorf("serve: seed the live knowledge base: %w", err)
	}
	if seeded {
		log.Info("live knowledge base seeded", "from", kbOrigin(g), "documents", len(kb.Documents), "cases", len(kb.Cases))
	}
	return nil
}

// advisorBuilder returns how the live advisor is built on each rebuilt
// knowledge base: with model mode when its settings are present, or the
// fixed advisor of a test.
func (o *serveOptions) advisorBuilder(ctx context.Context, d serveDeps, store *redisstore.Store, log *slog.Logger) func(*kblive.Live) (kblive.Answerer, error) {
	if d.advisor != nil {
		return func(*kblive.Live) (kblive.Answerer, error) { return d.advisor, nil }
	}
	return func(l *kblive.Live) (kblive.Answerer, error) {
		opts, err := o.Model.advisorOptions(ctx, l.KB, store, log)
		if err != nil {
			return nil, err
		}
		opts.AnswerCache = advisor.DefaultAnswerCache // kept by the offline advisor only
		return advisor.New(l.Index, opts), nil
	}
}

// retainEvery runs the retention job now and then every period until ctx
// ends. Every replica runs it; a record is redacted once whichever does.
func retainEvery(ctx context.Context, store *redisstore.Store, every, keep time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		res, err := store.Retain(ctx, time.Now().Add(-keep))
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("retention run failed; trying again next time", "err", err)
		case res.Redacted > 0:
			log.Info("retention: usage texts dropped", "records", res.Redacted, "older_than", keep)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
