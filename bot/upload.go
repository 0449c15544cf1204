package bot

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"rongcuo/importer"
	"rongcuo/kblive"
)

// DefaultMaxUpload is the largest file staff may upload: what the Bot API
// lets a bot download.
const DefaultMaxUpload = 20 << 20

// Document is the file of a document message.
type Document struct {
	FileID string
	Name   string
	MIME   string
	Size   int64 // as Telegram reports it; 0 when it does not
}

// Files moves files between Telegram and the bot; the adapter over the Bot
// API implements it (getFile, the file download, sendDocument).
type Files interface {
	// Download fetches a file, refusing with ErrTooLarge one above max
	// bytes before or while reading it.
	Download(ctx context.Context, fileID string, max int64) ([]byte, error)
	// SendDocument sends a file to a chat.
	SendDocument(ctx context.Context, chatID int64, name string, data []byte, caption string) error
}

// ErrTooLarge is a file above the size limit.
var ErrTooLarge = errors.New("file too large")

// onUpload takes a file from staff: checked before anything is downloaded
// (role, type, size), read and staged by the live knowledge base, and shown
// as a preview to confirm or cancel. Nobody else's file is downloaded.
func (b *Bot) onUpload(ctx context.Context, u Update, s session) {
	m := u.Message
	chatID := m.Chat.ID
	if m.Chat.Type != ChatPrivate {
		b.sendPlain(ctx, chatID, txtPrivateOnly)
		return
	}
	if !isStaff(b.svc.Role(m.From.ID, s.User)) {
		b.log.Info("upload refused: not staff", "user", m.From.ID)
		b.sendPlain(ctx, chatID, refusal(s, txtUploadRefused))
		return
	}
	if b.cfg.KB == nil || b.cfg.Files == nil {
		b.sendPlain(ctx, chatID, txtKBOff)
		return
	}
	d := m.Document
	if msg := b.checkUpload(d); msg != "" {
		b.sendPlain(ctx, chatID, msg)
		return
	}
	data, err := b.cfg.Files.Download(ctx, d.FileID, b.cfg.MaxUpload)
	switch {
	case errors.Is(err, ErrTooLarge):
		b.sendPlain(ctx, chatID, fmt.Sprintf(txtUploadTooLarge, d.Name, sizeText(b.cfg.MaxUpload)))
		return
	case err != nil:
		b.log.Warn("upload download failed", "user", m.From.ID, "file", d.Name, "err", err)
		b.sendPlain(ctx, chatID, txtDownloadFailed)
		return
	}
	p, err := b.cfg.KB.PreviewFiles(ctx, []importer.Source{{Name: d.Name, Data: data}}, staffName(m.From.ID))
	if err != nil {
		b.log.Info("upload not staged", "user", m.From.ID, "file", d.Name, "err", err)
		b.sendPlain(ctx, chatID, kblive.Message(err))
		return
	}
	b.log.Info("upload previewed", "user", m.From.ID, "file", d.Name, "items", len(p.Items), "refused", len(p.Refused))
	b.showUpload(ctx, chatID, m.From.ID, s.Pending, p, d)
}

// checkUpload returns why a file is refused before download, or "".
func (b *Bot) checkUpload(d *Document) string {
	name := strings.TrimSpace(d.Name)
	if name == "" {
		return txtUploadNoName
	}
	if ext := strings.ToLower(path.Ext(name)); !slices.Contains(importer.Extensions, ext) {
		if ext == ".doc" {
			return txtUploadDoc
		}
		return fmt.Sprintf(txtUploadType, name)
	}
	if d.Size > b.cfg.MaxUpload {
		return fmt.Sprintf(txtUploadTooLarge, name, sizeText(b.cfg.MaxUpload))
	}
	return ""
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// sendPreview shows a staged change with 确认 / 取消 buttons; a preview
// with nothing to confirm (refused, or no change) has none.
func (b *Bot) sendPreview(ctx context.Context, chatID int64, p *kblive.Preview, confirm string) {
	var buttons [][]Button
	if p.Token != "" {
		buttons = append(metaButtons(p), []Button{{Text: "✅ " + confirm, Data: kbData(p.Token, true)}, {Text: "✖ 取消", Data: kbData(p.Token, false)}})
	}
	b.deliverHTML(ctx, chatID, escapeHTML(strings.TrimSpace(p.Text(false))), buttons)
}
