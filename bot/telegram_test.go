package bot

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"rongcuo/bot/telegramtest"
)

func decode(t *testing.T, js string) *models.Update {
	t.Helper()
	var u models.Update
	if err := json.Unmarshal([]byte(js), &u); err != nil {
		t.Fatal(err)
	}
	return &u
}

func TestFromModel(t *testing.T) {
	const bot = 99
	cases := []struct {
		name string
		js   string
		want func(Update) bool
	}{
		{"text", `{"update_id":1,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"from":{"id":5,"first_name":"张","last_name":"三"},"text":"你好"}}`,
			func(u Update) bool {
				m := u.Message
				return m.Kind == KindText && m.Text == "你好" && m.From.Name == "张 三" && m.Chat.Type == ChatPrivate
			}},
		{"photo with caption", `{"update_id":1,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"photo":[{"file_id":"x"}],"caption":"看图"}}`,
			func(u Update) bool { return u.Message.Kind == KindPhoto && u.Message.Text == "看图" }},
		{"sticker", `{"update_id":1,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"sticker":{"file_id":"x"}}}`,
			func(u Update) bool { return u.Message.Kind == KindSticker }},
		{"voice", `{"update_id":1,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"voice":{"file_id":"x"}}}`,
			func(u Update) bool { return u.Message.Kind == KindVoice }},
		{"location", `{"update_id":1,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"location":{"latitude":1,"longitude":2}}}`,
			func(u Update) bool { return u.Message.Kind == KindLocation }},
		{"member joined", `{"update_id":1,"message":{"message_id":3,"chat":{"id":-5,"type":"group"},"new_chat_members":[{"id":7}]}}`,
			func(u Update) bool { return u.Message.Kind == KindService }},
		{"pinned", `{"update_id":1,"message":{"message_id":3,"chat":{"id":-5,"type":"group"},"pinned_message":{"message_id":2,"date":1,"chat":{"id":-5,"type":"group"}}}}`,
			func(u Update) bool { return u.Message.Kind == KindService }},
		{"edited", `{"update_id":1,"edited_message":{"message_id":3,"chat":{"id":5,"type":"private"},"text":"改"}}`,
			func(u Update) bool { return u.Message.Edited }},
		{"forwarded", `{"update_id":1,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"text":"转","forward_origin":{"type":"hidden_user","date":1,"sender_user_name":"x"}}}`,
			func(u Update) bool { return u.Message.Forwarded }},
		{"mention by username", `{"update_id":1,"message":{"message_id":3,"chat":{"id":-5,"type":"supergroup"},"text":"@Rongcuo_Bot 在吗"}}`,
			func(u Update) bool { return u.Message.Mentioned }},
		{"text mention", `{"update_id":1,"message":{"message_id":3,"chat":{"id":-5,"type":"group"},"text":"助手 在吗","entities":[{"type":"text_mention","offset":0,"length":2,"user":{"id":99}}]}}`,
			func(u Update) bool { return u.Message.Mentioned }},
		{"reply to the bot", `{"update_id":1,"message":{"message_id":3,"chat":{"id":-5,"type":"group"},"text":"嗯","reply_to_message":{"message_id":2,"date":1,"chat":{"id":-5,"type":"group"},"from":{"id":99,"is_bot":true}}}}`,
			func(u Update) bool { return u.Message.ReplyToBot && !u.Message.Mentioned }},
		{"callback", `{"update_id":1,"callback_query":{"id":"c","from":{"id":5},"data":"x|y","message":{"message_id":8,"date":1,"chat":{"id":5,"type":"private"}}}}`,
			func(u Update) bool { c := u.Callback; return c.Data == "x|y" && c.Chat.ID == 5 && c.MessageID == 8 }},
		{"callback on an old message", `{"update_id":1,"callback_query":{"id":"c","from":{"id":5},"data":"x|y","message":{"message_id":8,"date":0,"chat":{"id":5,"type":"private"}}}}`,
			func(u Update) bool { return u.Callback.Chat.ID == 5 && u.Callback.MessageID == 0 }},
	}
	for _, c := range cases {
		u, ok := fromModel(decode(t, c.js), bot, "rongcuo_bot")
		if !ok || !c.want(u) {
			t.Errorf("%s: %+v %v (message %+v)", c.name, u, ok, u.Message)
		}
	}
	if _, ok := fromModel(decode(t, `{"update_id":1,"channel_post":{"message_id":1,"chat":{"id":-1,"type":"channel"},"text":"x"}}`), bot, "rongcuo_bot"); ok {
		t.Error("channel posts are not handled")
	}
}

func TestTelegramSenderMapsErrors(t *testing.T) {
	api := telegramtest.New(t, "1:T")
	tg, err := tgbot.New("1:T", tgbot.WithServerURL(api.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	obs := &requestWatch{}
	s := telegramSender{api: tg, obs: obs}
	ctx := context.Background()
	id, err := s.Send(ctx, Out{ChatID: 5, Text: "<b>好</b>", HTML: true, Buttons: [][]Button{{{Text: "a", Data: "x|y"}}}})
	if err != nil || id != 1 {
		t.Fatalf("send: %d %v", id, err)
	}
	c := api.Calls()[0]
	if c.ParseMode != "HTML" || c.Buttons[0][0].CallbackData != "x|y" || c.ChatID != 5 {
		t.Errorf("request: %+v", c)
	}
	api.Fail(telegramtest.Failure{Method: "sendMessage", Code: 429, Description: "Too Many Requests", RetryAfter: 7})
	_, err = s.Send(ctx, Out{ChatID: 5, Text: "x"})
	var ra *RetryAfterError
	if !errors.As(err, &ra) || ra.After.Seconds() != 7 {
		t.Errorf("429: %v", err)
	}
	if _, err := s.Send(ctx, Out{ChatID: 5, Text: "<i>未闭合", HTML: true}); !errors.Is(err, ErrRejected) {
		t.Errorf("bad HTML: %v", err)
	}
	api.Fail(telegramtest.Failure{Method: "editMessageText", Code: 400, Description: "Bad Request: message is not modified"})
	if err := s.Edit(ctx, 1, Out{ChatID: 5, Text: "x"}); err != nil {
		t.Errorf("an edit to the same text is not an error: %v", err)
	}
	if err := s.Typing(ctx, 5); err != nil {
		t.Error(err)
	}
	if err := s.AnswerCallback(ctx, "id", "好"); err != nil {
		t.Error(err)
	}
	api.Fail(telegramtest.Failure{Method: "sendMessage", Code: 403, Description: "Forbidden: bot was blocked by the user"})
	if _, err := s.Send(ctx, Out{ChatID: 5, Text: "x"}); !errors.Is(err, ErrForbidden) {
		t.Errorf("blocked: %v", err)
	}
	// Every request is counted under its outcome, a 429 as retry_after.
	want := "sendMessage:ok sendMessage:retry_after sendMessage:rejected editMessageText:ok sendChatAction:ok answerCallbackQuery:ok sendMessage:forbidden"
	if got := obs.String(); got != want {
		t.Errorf("requests counted as\n%s\nwant\n%s", got, want)
	}
}

// requestWatch is an Observer that lists the Bot API requests it is told of.
type requestWatch struct {
	mu   sync.Mutex
	seen []string
}

func (w *requestWatch) Telegram(method, outcome string) {
	w.mu.Lock()
	w.seen = append(w.seen, method+":"+outcome)
	w.mu.Unlock()
}
func (*requestWatch) Dropped(string) {}
func (*requestWatch) QueueDepth(int) {}
func (w *requestWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.seen, " ")
}

func TestWebhookHandlerChecksTheSecretOnEveryRequest(t *testing.T) {
	var mu sync.Mutex
	var got []Update
	mq := newMemQueue()
	p := StartUpdates(context.Background(), UpdatesConfig{Queue: mq, Reclaim: time.Hour, Parse: parser(&models.User{ID: 9, Username: "b"}),
		Handle: func(_ context.Context, u Update) { mu.Lock(); got = append(got, u); mu.Unlock() }})
	h := webhookHandler("s3cret", p, parser(&models.User{ID: 9, Username: "b"}), slog.New(slog.NewTextHandler(io.Discard, nil)))
	body := `{"update_id":5,"message":{"message_id":1,"chat":{"id":3,"type":"private"},"text":"hi"}}`
	post := func(secret, body string) int {
		req := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	for _, c := range []struct {
		secret, body string
		code         int
	}{
		{"", body, 401}, {"wrong", body, 401}, {"s3cret", "{not json", 400}, {"s3cret", body, 200}, {"s3cret", body, 200},
	} {
		if code := post(c.secret, c.body); code != c.code {
			t.Errorf("secret %q body %.10q: %d, want %d", c.secret, c.body, code, c.code)
		}
	}
	waitUntil(t, "the queued update handled", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 1 })
	// Redis refusing the update: Telegram is told to deliver it again.
	mq.setDown(true)
	if code := post("s3cret", strings.Replace(body, `"update_id":5`, `"update_id":6`, 1)); code != 503 {
		t.Errorf("an update Redis did not take was acknowledged: %d", code)
	}
	p.Stop(context.Background())
	if len(got) != 1 || got[0].ID != 5 || got[0].Message.Text != "hi" || !got[0].Queued {
		t.Errorf("updates handled: %+v", got)
	}
}

// fakeSendMessage answers every request as a sendMessage that worked,
// after a pause (so requests overlap), and keeps what it saw.
type fakeSendMessage struct {
	conns   atomic.Int64 // connections opened to it
	mu      sync.Mutex
	chunked int   // requests whose body came chunked
	lengths []int // their Content-Length
	texts   []string
}

func (f *fakeSendMessage) start(t *testing.T) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		if len(r.TransferEncoding) > 0 {
			f.chunked++
		}
		f.lengths = append(f.lengths, int(r.ContentLength))
		f.texts = append(f.texts, r.FormValue("text"))
		f.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		io.WriteString(w, `{"ok":true,"result":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"}}}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// Answers sent at once reuse the connections to the Bot API instead of
// dialling one each (a TLS handshake to Telegram), and a request goes out
// with its length in one piece rather than chunked field by field.
func TestAPIClientReusesConnectionsAndSendsBodiesWhole(t *testing.T) {
	f := &fakeSendMessage{}
	srv := f.start(t)
	tg, err := tgbot.New("1:T", tgbot.WithServerURL(srv.URL), tgbot.WithSkipGetMe(), tgbot.WithHTTPClient(time.Minute, apiClient(time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	s := telegramSender{api: tg}
	const parallel, rounds = 16, 5
	for range rounds {
		var wg sync.WaitGroup
		for i := range parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.Send(context.Background(), Out{ChatID: int64(i + 1), Text: "答复" + strings.Repeat("。", i), HTML: true}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	if n := f.conns.Load(); n > 2*parallel {
		t.Errorf("%d connections opened for %d rounds of %d requests at once; the idle ones are not kept for reuse", n, rounds, parallel)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.chunked > 0 || len(f.lengths) != parallel*rounds || f.lengths[0] <= 0 {
		t.Errorf("%d of %d requests came chunked (first Content-Length %d); want each sent whole with its length", f.chunked, len(f.lengths), f.lengths[0])
	}
	for _, text := range f.texts {
		if !strings.HasPrefix(text, "答复") {
			t.Errorf("text %q arrived", text)
		}
	}
}

// A body larger than the bound is sent as it comes, whole.
func TestAPIClientSendsALargeBodyAsItComes(t *testing.T) {
	var got int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = len(b)
	}))
	defer srv.Close()
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(strings.Repeat("x", maxBufferedBody+12345)))
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, pr)
	resp, err := apiClient(time.Minute).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got != maxBufferedBody+12345 {
		t.Errorf("%d bytes arrived, want %d", got, maxBufferedBody+12345)
	}
}
