package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// fileAPI is what the file and menu adapters need of *tgbot.Bot.
type fileAPI interface {
	GetFile(ctx context.Context, params *tgbot.GetFileParams) (*models.File, error)
	FileDownloadLink(f *models.File) string
	SendDocument(ctx context.Context, params *tgbot.SendDocumentParams) (*models.Message, error)
	SetMyCommands(ctx context.Context, params *tgbot.SetMyCommandsParams) (bool, error)
}

var _ fileAPI = (*tgbot.Bot)(nil)

// telegramFiles implements Files and Menus over the Bot API, paced with
// the messages so flood control covers them too.
type telegramFiles struct {
	api   fileAPI
	pacer *Pacer
	http  *http.Client
}

var (
	_ Files = telegramFiles{}
	_ Menus = telegramFiles{}
)

func newTelegramFiles(api fileAPI, pacer *Pacer) telegramFiles {
	return telegramFiles{api: api, pacer: pacer, http: &http.Client{Timeout: 2 * time.Minute}}
}

func (t telegramFiles) Download(ctx context.Context, fileID string, max int64) ([]byte, error) {
	var f *models.File
	err := t.pacer.do(ctx, 0, false, func() error {
		var err error
		f, err = t.api.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
		return apiError("get file", err)
	})
	if err != nil {
		return nil, err
	}
	if f.FileSize > max {
		return nil, ErrTooLarge
	}
	if f.FilePath == "" {
		return nil, errors.New("telegram: get file: no file path (the file may be too big to download)")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.api.FileDownloadLink(f), nil)
	if err != nil {
		return nil, errors.New("telegram: download file: bad file path")
	}
	resp, err := t.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram: download file: %w", withoutURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("telegram: download file: HTTP %d", resp.StatusCode)
	}
	if resp.ContentLength > max {
		return nil, ErrTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("telegram: download file: %w", withoutURL(err))
	}
	if int64(len(data)) > max {
		return nil, ErrTooLarge
	}
	return data, nil
}

// withoutURL drops the request URL from a client error: a file link holds
// the bot token.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (t telegramFiles) SendDocument(ctx context.Context, chatID int64, name string, data []byte, caption string) error {
	return t.pacer.do(ctx, chatID, true, func() error {
		_, err := t.api.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: chatID, Caption: caption,
			Document: &models.InputFileUpload{Filename: name, Data: bytes.NewReader(data)}})
		return apiError("send document", err)
	})
}

func (t telegramFiles) SetCommands(ctx context.Context, chatID int64, cmds []Command) error {
	return t.pacer.do(ctx, 0, false, func() error {
		_, err := t.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: botCommands(cmds), Scope: &models.BotCommandScopeChat{ChatID: chatID}})
		return apiError("set chat commands", err)
	})
}
