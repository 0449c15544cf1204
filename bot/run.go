package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Modes of receiving updates.
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
)

// RunConfig configures Run. Core is the handler's configuration without its
// Sender and Username, which Run fills in.
type RunConfig struct {
	Token  string
	APIURL string // Bot API address; empty means Telegram's

	Mode          string // ModePolling (default) or ModeWebhook
	WebhookURL    string // public https URL Telegram posts updates to
	Listen        string // address the webhook server listens on
	WebhookSecret string // checked on every webhook request

	PollTimeout     time.Duration // long-poll timeout; default 60 s
	PerChat         time.Duration // spacing of messages per chat; 0: none
	Global          time.Duration // spacing of requests bot-wide; 0: none
	ShutdownTimeout time.Duration // time given to updates in flight at shutdown; default 30 s

	// Queue is the durable update queue every replica shares (required).
	Queue Durable
	// Reclaim is how long an update another replica took may sit idle
	// before this one answers it; default 30 s.
	Reclaim time.Duration
	// Observer is told of Telegram requests and of updates, for metrics.
	Observer Observer
	// WrapHTTP, when set, wraps the webhook's handler (metrics).
	WrapHTTP func(route string, h http.Handler) http.Handler

	Core Config
	Log  *slog.Logger
	// Listening, when set, is told the webhook server's address once it
	// listens (for tests that listen on port 0).
	Listening func(addr string)
}

var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateCallbackQuery}

// Run connects to the Bot API, registers the commands and handles updates
// until ctx ends, then lets the updates in flight finish. Every update goes
// through the durable queue (Updates); in polling mode the replica holding
// the polling lease feeds it.
func Run(ctx context.Context, rc RunConfig) error {
	log := rc.Log
	if log == nil {
		log = slog.Default()
	}
	if rc.Token == "" {
		return errors.New("bot: no bot token: set TELEGRAM_BOT_TOKEN")
	}
	if rc.Queue == nil {
		return errors.New("bot: no update queue")
	}
	if rc.PollTimeout <= 0 {
		rc.PollTimeout = 60 * time.Second
	}
	if rc.ShutdownTimeout <= 0 {
		rc.ShutdownTimeout = 30 * time.Second
	}
	if rc.Observer == nil {
		rc.Observer = noObserver{}
	}
	switch rc.Mode {
	case "", ModePolling:
		rc.Mode = ModePolling
	case ModeWebhook:
		if rc.WebhookURL == "" || rc.WebhookSecret == "" || rc.Listen == "" {
			return errors.New("bot: webhook mode needs a webhook URL, a listen address and a secret token")
		}
	default:
		return fmt.Errorf("bot: mode %q: want polling or webhook", rc.Mode)
	}

	// Updates in flight finish on their own context after ctx ends; it is
	// cancelled only when the shutdown timeout runs out.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	httpClient := apiClient(rc.PollTimeout + 10*time.Second)
	opts := []tgbot.Option{
		tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithAllowedUpdates(allowedUpdates),
		tgbot.WithHTTPClient(rc.PollTimeout, httpClient),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram", "err", err) }),
	}
	apiURL := "https://api.telegram.org"
	if rc.APIURL != "" {
		opts = append(opts, tgbot.WithServerURL(rc.APIURL))
		apiURL = strings.TrimSuffix(rc.APIURL, "/")
	}
	tg, err := tgbot.New(rc.Token, opts...)
	if err != nil {
		return fmt.Errorf("bot: %w", err)
	}
	me, err := getMe(ctx, tg, rc.APIURL)
	if err != nil {
		return err
	}

	cfg := rc.Core
	pacer := NewPacer(telegramSender{api: tg, obs: rc.Observer}, rc.PerChat, rc.Global)
	cfg.Sender = pacer
	files := newTelegramFiles(tg, pacer)
	cfg.Files, cfg.Menus = files, files
	cfg.Username = me.Username
	if cfg.Log == nil {
		cfg.Log = log
	}
	core, err := New(cfg)
	if err != nil {
		return err
	}
	parse := parser(me)
	updates := StartUpdates(work, UpdatesConfig{Queue: rc.Queue, Handle: core.Handle, Parse: parse, Reclaim: rc.Reclaim,
		Observer: rc.Observer, Log: log})

	if err := registerCommands(ctx, tg); err != nil {
		log.Warn("commands not registered", "err", err)
	}
	core.RegisterMenus(ctx)
	log.Info("bot started", "username", me.Username, "mode", rc.Mode, "access", cfg.Service.Access())

	// A stop that comes while the webhook is being deleted is a stop, not a
	// failure: the bot never polls and shuts down as below.
	if rc.Mode == ModeWebhook {
		err = serveWebhook(ctx, tg, rc, updates, parse, log)
	} else if _, derr := tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); derr != nil && ctx.Err() == nil {
		updates.Stop(context.Background())
		return fmt.Errorf("bot: delete webhook before polling: %w", derr)
	} else if ctx.Err() == nil {
		p := &poller{client: httpClient, base: apiURL + "/bot" + rc.Token + "/", timeout: rc.PollTimeout, updates: updates,
			parse: parse, log: log, obs: rc.Observer}
		done := make(chan struct{})
		go func() { defer close(done); p.lease(ctx, rc.Queue) }()
		p.run(ctx)
		<-done
	}

	log.Info("stopping: finishing updates in flight", "timeout", rc.ShutdownTimeout)
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), rc.ShutdownTimeout)
	defer cancel()
	left, lost := updates.Stop(drain)
	if len(left) > 0 {
		log.Warn("shutdown timeout: updates left unanswered stay in the queue for another replica or the next start", "updates", len(left), "ids", left)
	}
	if len(lost) > 0 {
		log.Error("shutdown timeout: updates taken while Redis was down are lost", "updates", len(lost), "ids", lost)
	}
	return err
}

func getMe(ctx context.Context, tg *tgbot.Bot, apiURL string) (*models.User, error) {
	c, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	me, err := tg.GetMe(c)
	switch {
	case errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound):
		return nil, errors.New("bot: Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN")
	case err != nil:
		where := "Telegram"
		if apiURL != "" {
			if u, perr := url.Parse(apiURL); perr == nil {
				where = u.Redacted()
			}
		}
		return nil, fmt.Errorf("bot: cannot reach the Bot API at %s: %w", where, err)
	}
	return me, nil
}

func registerCommands(ctx context.Context, tg *tgbot.Bot) error {
	if _, err := tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: botCommands(MenuFor(""))}); err != nil {
		return fmt.Errorf("bot: set commands: %w", err)
	}
	return nil
}

// serveWebhook registers the webhook and serves it until ctx ends. The
// handler is ours rather than the library's so a request with a wrong secret
// gets 401 and a malformed body 400, instead of a silent 200; an update is
// acknowledged (200) only once it is in the durable queue, and a 503 while
// Redis cannot take it makes Telegram deliver it again later.
func serveWebhook(ctx context.Context, tg *tgbot.Bot, rc RunConfig, p *Updates, parse func([]byte) (Update, bool), log *slog.Logger) error {
	u, err := url.Parse(rc.WebhookURL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("bot: webhook URL %q is not an absolute URL", rc.WebhookURL)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	ln, err := net.Listen("tcp", rc.Listen)
	if err != nil {
		return fmt.Errorf("bot: webhook listen: %w", err)
	}
	mux := http.NewServeMux()
	var hook http.Handler = webhookHandler(rc.WebhookSecret, p, parse, log)
	if rc.WrapHTTP != nil {
		hook = rc.WrapHTTP("webhook", hook)
	}
	mux.Handle("POST "+path, hook)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if rc.Listening != nil {
		rc.Listening(ln.Addr().String())
	}
	_, err = tg.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: rc.WebhookURL, SecretToken: rc.WebhookSecret, AllowedUpdates: allowedUpdates})
	if err != nil {
		srv.Close()
		return fmt.Errorf("bot: set webhook: %w", err)
	}
	log.Info("webhook listening", "addr", ln.Addr().String(), "path", path)
	select {
	case <-ctx.Done():
	case err := <-errc:
		return fmt.Errorf("bot: webhook server: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rc.ShutdownTimeout)
	defer cancel()
	return srv.Shutdown(sctx)
}

func webhookHandler(secret string, p *Updates, parse func([]byte) (Update, bool), log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var h struct {
			ID *int64 `json:"update_id"`
		}
		if err != nil || json.Unmarshal(body, &h) != nil || h.ID == nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if _, ok := parse(body); !ok {
			return // not for the bot: nothing to queue
		}
		if _, err := p.Accept(r.Context(), *h.ID, body); err != nil {
			// Telegram delivers it again later, to this replica or another.
			log.Warn("webhook update not queued; Telegram will deliver it again", "update", *h.ID, "err", err)
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}
	})
}
