package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"

	"rongcuo/bot/telegramtest"
)

func TestTelegramFilesAgainstTheBotAPI(t *testing.T) {
	const token = "1:SECRET-TOKEN"
	api := telegramtest.New(t, token)
	tg, err := tgbot.New(token, tgbot.WithServerURL(api.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	files := newTelegramFiles(tg, NewPacer(telegramSender{api: tg}, 0, 0))
	ctx := context.Background()
	content := []byte("第一条 内容。")
	id := api.AddFile(content)

	got, err := files.Download(ctx, id, 100)
	if err != nil || string(got) != string(content) {
		t.Fatalf("download: %q %v", got, err)
	}
	methods := func() string {
		var m []string
		for _, c := range api.Calls() {
			m = append(m, c.Method)
		}
		return strings.Join(m, ",")
	}
	if methods() != "getFile,downloadFile" {
		t.Errorf("calls: %s", methods())
	}

	// Above the limit per getFile's size: refused before the download.
	if _, err := files.Download(ctx, id, 5); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversize: %v", err)
	}
	if methods() != "getFile,downloadFile,getFile" {
		t.Errorf("an oversize file was downloaded: %s", methods())
	}
	// A file id Telegram does not know: an error that does not show the token.
	_, err = files.Download(ctx, "nope", 100)
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("unknown file: %v", err)
	}

	if err := files.SendDocument(ctx, 42, "导出.csv", []byte("a,b\n"), "说明"); err != nil {
		t.Fatal(err)
	}
	var sent telegramtest.Call
	for _, c := range api.Calls() {
		if c.Method == "sendDocument" {
			sent = c
		}
	}
	if sent.ChatID != 42 || sent.File == nil || sent.File.Name != "导出.csv" || string(sent.File.Data) != "a,b\n" || sent.Params["caption"] != "说明" {
		t.Errorf("sendDocument: %+v", sent)
	}

	if err := files.SetCommands(ctx, 42, []Command{{"kb", "知识库"}}); err != nil {
		t.Fatal(err)
	}
	var set telegramtest.Call
	for _, c := range api.Calls() {
		if c.Method == "setMyCommands" {
			set = c
		}
	}
	var scope struct {
		Type   string `json:"type"`
		ChatID int64  `json:"chat_id"`
	}
	if err := json.Unmarshal([]byte(set.Params["scope"]), &scope); err != nil || scope.Type != "chat" || scope.ChatID != 42 || !strings.Contains(set.Params["commands"], `"kb"`) {
		t.Errorf("setMyCommands: %+v (%v)", set.Params, err)
	}
}

func TestDocumentMessagesCarryTheirFile(t *testing.T) {
	mu := decode(t, `{"update_id":1,"message":{"message_id":2,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"first_name":"a"},
		"forward_origin":{"type":"hidden_user","date":1,"sender_user_name":"x"},
		"document":{"file_id":"F","file_unique_id":"U","file_name":"办法.docx","mime_type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","file_size":1234}}}`)
	u, ok := fromModel(mu, 99, "bot")
	if !ok || u.Message.Kind != KindDocument || u.Message.Document == nil || !u.Message.Forwarded {
		t.Fatalf("update: %+v", u.Message)
	}
	if d := u.Message.Document; d.FileID != "F" || d.Name != "办法.docx" || d.Size != 1234 {
		t.Errorf("document: %+v", d)
	}
}
