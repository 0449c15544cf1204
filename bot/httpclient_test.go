package bot

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
)

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
