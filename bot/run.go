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

	Core Config
	Log  *slog.Logger
	// Listening, when set, is told the webhook server's address once it
	// listens (for tests that listen on port 0).
	Listening func(addr string)
}

var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateCallbackQuery}

// Run connects to the Bot API, registers the commands and handles updates
// until ctx ends, then lets the updates in flight finish.
func Run(ctx context.Context, rc RunConfig) error {
	log := rc.Log
	if log == nil {
		log = slog.Default()
	}
	if rc.Token == "" {
		return errors.New("bot: no bot token: set TELEGRAM_BOT_TOKEN")
	}
	if rc.PollTimeout <= 0 {
		rc.PollTimeout = 60 * time.Second
	}
	if rc.ShutdownTimeout <= 0 {
		rc.ShutdownTimeout = 30 * time.Second
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
	var queue *Queue
	var me *models.User
	opts := []tgbot.Option{
		tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithAllowedUpdates(allowedUpdates),
		tgbot.WithHTTPClient(rc.PollTimeout, &http.Client{Timeout: rc.PollTimeout + 10*time.Second}),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram", "err", err) }),
		tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, mu *models.Update) {
			if u, ok := fromModel(mu, me.ID, me.Username); ok {
				u.Received = time.Now()
				if !queue.Push(u) {
					log.Warn("update dropped: chat queue full or shutting down", "update", u.ID)
				}
			}
		}),
	}
	if rc.APIURL != "" {
		opts = append(opts, tgbot.WithServerURL(rc.APIURL))
	}
	tg, err := tgbot.New(rc.Token, opts...)
	if err != nil {
		return fmt.Errorf("bot: %w", err)
	}
	me, err = getMe(ctx, tg, rc.APIURL)
	if err != nil {
		return err
	}

	cfg := rc.Core
	pacer := NewPacer(telegramSender{api: tg}, rc.PerChat, rc.Global)
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
	queue = NewQueue(work, 50, core.Handle)

	if err := registerCommands(ctx, tg); err != nil {
		log.Warn("commands not registered", "err", err)
	}
	core.RegisterMenus(ctx)
	log.Info("bot started", "username", me.Username, "mode", rc.Mode, "access", cfg.Service.Access())

	if rc.Mode == ModeWebhook {
		err = serveWebhook(ctx, tg, rc, queue, me, log)
	} else {
		if _, err := tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
			return fmt.Errorf("bot: delete webhook before polling: %w", err)
		}
		tg.Start(ctx)
	}

	log.Info("stopping: finishing updates in flight", "timeout", rc.ShutdownTimeout)
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), rc.ShutdownTimeout)
	defer cancel()
	if derr := queue.Close(drain); derr != nil {
		log.Warn("shutdown timeout: abandoning updates in flight")
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
	if _, err := tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: botCommands(Commands)}); err != nil {
		return fmt.Errorf("bot: set commands: %w", err)
	}
	return nil
}

// serveWebhook registers the webhook and serves it until ctx ends. The
// handler is ours rather than the library's so a request with a wrong secret
// gets 401 and a malformed body 400, instead of a silent 200.
func serveWebhook(ctx context.Context, tg *tgbot.Bot, rc RunConfig, q *Queue, me *models.User, log *slog.Logger) error {
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
	mux.Handle("POST "+path, webhookHandler(rc.WebhookSecret, q, me, log))
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

func webhookHandler(secret string, q *Queue, me *models.User, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusUnauthorized)
			return
		}
		var mu models.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&mu); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		u, ok := fromModel(&mu, me.ID, me.Username)
		if !ok {
			return
		}
		u.Received = time.Now()
		if !q.Push(u) {
			// Shutting down or flooded: let Telegram deliver it again later,
			// to this replica or another.
			log.Warn("webhook update refused", "update", u.ID)
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}
	})
}
