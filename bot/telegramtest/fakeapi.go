// Package telegramtest is a fake Telegram Bot API for tests: an httptest
// server speaking the real wire format (multipart requests, {"ok":…}
// answers) that queues updates for getUpdates or posts them to a webhook,
// records every request, checks HTML the way Telegram does, and can be told
// to fail a request (flood control, rejected markup). Files: a document
// message names a file the server holds (AddFile), which the bot fetches
// with getFile and a download from /file/bot<token>/<path>; sendDocument
// uploads are recorded with their content (Call.File).
package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"rongcuo/internal/clip"
)

// Identity of the fake bot.
const (
	BotID       = 777000
	BotUsername = "rongcuo_test_bot"
)

// Call is one request the bot made.
type Call struct {
	Method     string
	ChatID     int64
	Text       string
	ParseMode  string
	MessageID  int // edited message, or the id given to a sent one
	Buttons    [][]Button
	CallbackID string
	Params     map[string]string
	File       *File // the file uploaded by sendDocument
	At         time.Time
	Failed     bool // answered with an error
}

// File is an uploaded or downloadable file.
type File struct {
	Name string
	Data []byte
}

// Button is one inline button of a call's reply_markup.
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// Failure makes the next matching request fail.
type Failure struct {
	Method      string
	When        func(Call) bool // nil matches every call of Method
	Code        int
	Description string
	RetryAfter  int
}

// Server is the fake Bot API.
type Server struct {
	Token string
	srv   *httptest.Server

	mu       sync.Mutex
	changed  chan struct{}
	calls    []Call
	updates  []json.RawMessage
	nextUpd  int64
	msgIDs   map[int64]int
	failures []Failure
	webhook  string
	secret   string
	files    map[string][]byte // file_id → content
}

// New starts a fake Bot API for the token; it stops when the test ends.
func New(t testing.TB, token string) *Server {
	s := &Server{Token: token, changed: make(chan struct{}), msgIDs: map[int64]int{}, nextUpd: 1, files: map[string][]byte{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the address to give the bot as its Bot API server.
func (s *Server) URL() string { return s.srv.URL }

// Fail queues a failure.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f)
}

// Calls returns the requests so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Webhook returns the registered webhook URL and secret token.
func (s *Server) Webhook() (string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook, s.secret
}

// Wait blocks until cond holds for the calls so far, failing the test after
// timeout. It wakes on every new call, never polls on a timer.
func (s *Server) Wait(t testing.TB, timeout time.Duration, what string, cond func([]Call) bool) []Call {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		calls := append([]Call(nil), s.calls...)
		ch := s.changed
		s.mu.Unlock()
		if cond(calls) {
			return calls
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("telegramtest: timed out after %v waiting for %s; calls:\n%s", timeout, what, Dump(calls))
		}
	}
}

// Dump formats calls for failure messages.
func Dump(calls []Call) string {
	var b strings.Builder
	for _, c := range calls {
		text := clip.Runes(c.Text, 60)
		fmt.Fprintf(&b, "  %s chat=%d msg=%d failed=%v %q buttons=%d\n", c.Method, c.ChatID, c.MessageID, c.Failed, text, len(c.Buttons))
	}
	return b.String()
}

func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Update is built by the helpers below in Telegram's JSON shape.
type Update map[string]any

// From describes a sender.
type From struct {
	ID       int64
	Name     string
	Username string
}

func (f From) json() map[string]any {
	return map[string]any{"id": f.ID, "is_bot": false, "first_name": f.Name, "username": f.Username}
}

// Text is a text message in a chat; chatType is "private", "group"…
func Text(chatID int64, chatType string, from From, text string) Update {
	return Update{"message": map[string]any{
		"message_id": int(time.Now().UnixNano() % 1e6), "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chatID, "type": chatType}, "from": from.json(),
	}}
}

// Message is a message with arbitrary fields (photo, sticker, location…).
func Message(chatID int64, chatType string, from From, fields map[string]any) Update {
	m := map[string]any{"message_id": 1, "date": time.Now().Unix(), "chat": map[string]any{"id": chatID, "type": chatType}, "from": from.json()}
	for k, v := range fields {
		m[k] = v
	}
	return Update{"message": m}
}

// Press is a press on an inline button of the bot's message messageID.
func Press(chatID int64, from From, messageID int, data string) Update {
	return Update{"callback_query": map[string]any{
		"id": strconv.FormatInt(time.Now().UnixNano(), 36), "from": from.json(), "chat_instance": "1", "data": data,
		"message": map[string]any{"message_id": messageID, "date": time.Now().Unix(), "chat": map[string]any{"id": chatID, "type": "private"}},
	}}
}

// NextUpdateID sets the update_id of the next update. Telegram numbers the
// updates of one bot in one sequence; two fake servers standing for one bot
// (replicas sharing a Redis) must not reuse each other's ids.
func (s *Server) NextUpdateID(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpd = id
}

// Push queues an update for getUpdates and returns its update_id.
func (s *Server) Push(u Update) int64 { return s.queue(u, 1) }

// PushTwice queues an update twice with the same update_id in one batch, as
// Telegram may deliver it when it is not sure the first delivery arrived.
func (s *Server) PushTwice(u Update) int64 { return s.queue(u, 2) }

func (s *Server) queue(u Update, times int) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpd
	s.nextUpd++
	u["update_id"] = id
	b, _ := json.Marshal(u)
	for range times {
		s.updates = append(s.updates, b)
	}
	s.notify()
	return id
}

// Post delivers an update to the registered webhook with the given secret
// token and returns the HTTP status.
func (s *Server) Post(u Update, secret string) (int, error) {
	s.mu.Lock()
	id := s.nextUpd
	s.nextUpd++
	s.mu.Unlock()
	return s.PostID(u, id, secret)
}

// PostID delivers an update with a given update_id to the webhook; posting
// the same id twice is Telegram retrying a delivery.
func (s *Server) PostID(u Update, id int64, secret string) (int, error) {
	s.mu.Lock()
	hook := s.webhook
	s.mu.Unlock()
	if hook == "" {
		return 0, fmt.Errorf("telegramtest: no webhook registered")
	}
	u["update_id"] = id
	b, _ := json.Marshal(u)
	req, _ := http.NewRequest(http.MethodPost, hook, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.download(w, rest)
		return
	}
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != s.Token {
		reply(w, 401, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	params := map[string]string{}
	var upload *File
	if err := r.ParseMultipartForm(64 << 20); err == nil {
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		if fs := r.MultipartForm.File["document"]; len(fs) > 0 {
			upload = readUpload(fs[0].Filename, fs[0].Open)
		}
	} else if err := r.ParseForm(); err == nil {
		for k, v := range r.Form {
			params[k] = v[0]
		}
	}
	if method == "getUpdates" {
		s.getUpdates(w, r, params)
		return
	}
	c := Call{Method: method, Params: params, Text: params["text"], ParseMode: params["parse_mode"], CallbackID: params["callback_query_id"], File: upload, At: time.Now()}
	c.ChatID, _ = strconv.ParseInt(params["chat_id"], 10, 64)
	c.MessageID, _ = strconv.Atoi(params["message_id"])
	if m := params["reply_markup"]; m != "" {
		var kb struct {
			InlineKeyboard [][]Button `json:"inline_keyboard"`
		}
		if err := json.Unmarshal([]byte(m), &kb); err != nil {
			s.record(c, true)
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: can't parse reply keyboard markup JSON object"})
			return
		}
		c.Buttons = kb.InlineKeyboard
	}

	s.mu.Lock()
	if f, ok := s.takeFailure(c); ok {
		c.Failed = true
		s.calls = append(s.calls, c)
		s.notify()
		s.mu.Unlock()
		body := map[string]any{"ok": false, "error_code": f.Code, "description": f.Description}
		if f.RetryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": f.RetryAfter}
		}
		reply(w, f.Code, body)
		return
	}
	s.mu.Unlock()

	switch method {
	case "getMe":
		s.record(c, false)
		ok200(w, map[string]any{"id": BotID, "is_bot": true, "first_name": "容错纠错助手", "username": BotUsername})
	case "sendMessage", "editMessageText":
		if desc := check(c); desc != "" {
			s.record(c, true)
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": desc})
			return
		}
		s.mu.Lock()
		if method == "sendMessage" {
			s.msgIDs[c.ChatID]++
			c.MessageID = s.msgIDs[c.ChatID]
		}
		s.calls = append(s.calls, c)
		s.notify()
		s.mu.Unlock()
		ok200(w, map[string]any{"message_id": c.MessageID, "date": time.Now().Unix(), "text": c.Text,
			"chat": map[string]any{"id": c.ChatID, "type": "private"}, "from": map[string]any{"id": BotID, "is_bot": true, "first_name": "bot"}})
	case "setWebhook":
		s.mu.Lock()
		s.webhook, s.secret = params["url"], params["secret_token"]
		s.mu.Unlock()
		s.record(c, false)
		ok200(w, true)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook, s.secret = "", ""
		s.mu.Unlock()
		s.record(c, false)
		ok200(w, true)
	case "answerCallbackQuery", "sendChatAction", "setMyCommands":
		s.record(c, false)
		ok200(w, true)
	case "getFile":
		s.getFile(w, c)
	case "sendDocument":
		if c.File == nil || len(c.File.Data) == 0 {
			s.record(c, true)
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: file must be non-empty"})
			return
		}
		s.mu.Lock()
		s.msgIDs[c.ChatID]++
		c.MessageID = s.msgIDs[c.ChatID]
		s.calls = append(s.calls, c)
		s.notify()
		s.mu.Unlock()
		ok200(w, map[string]any{"message_id": c.MessageID, "date": time.Now().Unix(), "caption": params["caption"],
			"chat":     map[string]any{"id": c.ChatID, "type": "private"},
			"document": map[string]any{"file_id": "sent", "file_unique_id": "sent", "file_name": c.File.Name, "file_size": len(c.File.Data)}})
	default:
		s.record(c, true)
		reply(w, 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method not found"})
	}
}

func (s *Server) takeFailure(c Call) (Failure, bool) {
	for i, f := range s.failures {
		if f.Method == c.Method && (f.When == nil || f.When(c)) {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return f, true
		}
	}
	return Failure{}, false
}

func (s *Server) record(c Call, failed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Failed = failed
	s.calls = append(s.calls, c)
	s.notify()
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	timeout, _ := strconv.Atoi(p["timeout"])
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		var out []json.RawMessage
		keep := s.updates[:0:0]
		for _, u := range s.updates {
			var h struct {
				ID int64 `json:"update_id"`
			}
			json.Unmarshal(u, &h)
			if h.ID >= offset {
				out = append(out, u)
			}
			if h.ID >= offset || offset == 0 {
				keep = append(keep, u)
			}
		}
		// Updates below the offset are confirmed and forgotten, as Telegram does.
		s.updates = keep
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			ok200(w, out)
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			ok200(w, []json.RawMessage{})
			return
		case <-r.Context().Done():
			return
		}
	}
}

// check applies Telegram's own checks to a message.
func check(c Call) string {
	if strings.TrimSpace(c.Text) == "" {
		return "Bad Request: message text is empty"
	}
	n := 0
	for _, r := range c.Text {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	if n > 4096 {
		return "Bad Request: message is too long"
	}
	for _, row := range c.Buttons {
		for _, b := range row {
			if len(b.CallbackData) > 64 || b.CallbackData == "" {
				return "Bad Request: BUTTON_DATA_INVALID"
			}
		}
	}
	if c.ParseMode == "HTML" {
		if err := CheckHTML(c.Text); err != nil {
			return "Bad Request: can't parse entities: " + err.Error()
		}
	}
	return ""
}

var allowedTags = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "a": true, "code": true, "pre": true, "tg-spoiler": true, "span": true, "blockquote": true}

// CheckHTML reports markup Telegram would refuse: unknown or unbalanced tags
// and bare "&", "<" or ">".
func CheckHTML(s string) error {
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+j]
			closing := strings.HasPrefix(tag, "/")
			name, _, _ := strings.Cut(strings.TrimPrefix(tag, "/"), " ")
			if !allowedTags[name] {
				return fmt.Errorf("unsupported start tag %q at byte offset %d", name, i)
			}
			if closing {
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return fmt.Errorf("unmatched end tag at byte offset %d", i)
				}
				stack = stack[:len(stack)-1]
			} else {
				stack = append(stack, name)
			}
			i += j + 1
		case '>':
			return fmt.Errorf("unexpected > at byte offset %d", i)
		case '&':
			j := strings.IndexByte(s[i:], ';')
			ent := ""
			if j > 0 {
				ent = s[i+1 : i+j]
			}
			if !(ent == "lt" || ent == "gt" || ent == "amp" || ent == "quot" || (strings.HasPrefix(ent, "#") && len(ent) > 1)) {
				return fmt.Errorf("unsupported entity at byte offset %d", i)
			}
			i += j + 1
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed tag %q", stack[len(stack)-1])
	}
	return nil
}

func reply(w http.ResponseWriter, code int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

func ok200(w http.ResponseWriter, result any) {
	reply(w, 200, map[string]any{"ok": true, "result": result})
}

// AddFile stores a file the bot may download and returns its file_id.
func (s *Server) AddFile(data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprintf("file%d", len(s.files)+1)
	s.files[id] = data
	return id
}

// Document is a document message whose file the server holds; size is the
// file_size Telegram reports (a real client reports the true one).
func Document(chatID int64, chatType string, from From, fileID, name string, size int) Update {
	return Message(chatID, chatType, from, map[string]any{"document": map[string]any{
		"file_id": fileID, "file_unique_id": "u" + fileID, "file_name": name, "mime_type": "application/octet-stream", "file_size": size,
	}})
}

func (s *Server) getFile(w http.ResponseWriter, c Call) {
	id := c.Params["file_id"]
	s.mu.Lock()
	data, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		s.record(c, true)
		reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: invalid file_id"})
		return
	}
	s.record(c, false)
	ok200(w, map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_size": len(data), "file_path": "documents/" + id})
}

// download serves /file/bot<token>/<path>, recorded as a "downloadFile" call.
func (s *Server) download(w http.ResponseWriter, rest string) {
	token, path, ok := strings.Cut(rest, "/")
	id, found := strings.CutPrefix(path, "documents/")
	s.mu.Lock()
	data, known := s.files[id]
	s.mu.Unlock()
	s.record(Call{Method: "downloadFile", Params: map[string]string{"file_path": path}, At: time.Now()}, !ok || token != s.Token || !found || !known)
	if !ok || token != s.Token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	if !found || !known {
		http.Error(w, "Not Found", http.StatusNotFound)
		return
	}
	w.Write(data)
}

func readUpload(name string, open func() (multipart.File, error)) *File {
	f, err := open()
	if err != nil {
		return &File{Name: name}
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	return &File{Name: name, Data: data}
}
