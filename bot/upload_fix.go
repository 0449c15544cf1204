package bot

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"rongcuo/importer"
	"rongcuo/kblive"
)

// What staff do with an upload besides the buttons of its preview:
//
//   - a file refused only because it does not look like a policy document
//     (no articles, no policy vocabulary) can be imported anyway: the
//     refusal offers 仍然导入 (u|f), the bot's kb import --force, which
//     downloads the file again and previews it forced;
//   - any field of the previewed document, and its id, can be corrected by
//     replying with lines like 地区：湖北省某县 or id：hubei-rongcuo-2022,
//     as the flags of kb import do; the buttons only offer the values the
//     text names.
//
// The chat's pending state (as for /addcase) holds the last upload of the
// staff member: the staged change's token, or the refused file. It lapses
// with the staged change, and never replaces a case being entered.

const (
	uploadPrefix = "kbupload:"
	uploadIdle   = time.Hour
)

// forceData is the 仍然导入 button's data; the file is in the chat's state.
const forceData = "u|f"

type lastUpload struct {
	By    int64  `json:"by"`
	At    int64  `json:"at"`              // unix seconds
	Token string `json:"token,omitempty"` // the staged change
	File  string `json:"file,omitempty"`  // a file refused for not looking like a policy: its Telegram file id
	Name  string `json:"name,omitempty"`
}

func parseUpload(pending string, user int64) (lastUpload, bool) {
	raw, ok := strings.CutPrefix(pending, uploadPrefix)
	if !ok {
		return lastUpload{}, false
	}
	var u lastUpload
	if err := json.Unmarshal([]byte(raw), &u); err != nil || u.By != user || time.Since(time.Unix(u.At, 0)) > uploadIdle {
		return lastUpload{}, false
	}
	return u, true
}

// rememberUpload keeps the last upload in the chat's state, unless a case
// is being entered there.
func (b *Bot) rememberUpload(ctx context.Context, chatID int64, pending string, u lastUpload) {
	if _, drafting := parseDraft(pending); drafting {
		return
	}
	u.At = time.Now().Unix()
	raw, _ := json.Marshal(u)
	if err := b.svc.SetPending(ctx, chatID, uploadPrefix+string(raw)); err != nil {
		b.log.Warn("upload state not saved", "chat", chatID, "err", err)
	}
}

// showUpload shows the preview of an upload: its buttons, 仍然导入 when
// the only refusals are files that do not look like policies, and keeps
// what a reply or the button needs.
func (b *Bot) showUpload(ctx context.Context, chatID, userID int64, pending string, p *kblive.Preview, d *Document) {
	switch {
	case p.Token != "":
		b.sendPreview(ctx, chatID, p, "确认导入")
		b.rememberUpload(ctx, chatID, pending, lastUpload{By: userID, Token: p.Token})
	case d != nil && p.Forceable():
		b.deliverHTML(ctx, chatID, escapeHTML(strings.TrimSpace(p.Text(false))), [][]Button{{{Text: "⚠ 仍然导入", Data: forceData}}})
		b.rememberUpload(ctx, chatID, pending, lastUpload{By: userID, File: d.FileID, Name: d.Name})
	default:
		b.sendPreview(ctx, chatID, p, "确认导入")
	}
}

// forgetUpload drops the last upload of the chat once its change is
// confirmed or cancelled: a later "地区：…" is a message like any other.
func (b *Bot) forgetUpload(ctx context.Context, cb *Callback, s session, token string) {
	if last, ok := parseUpload(s.Pending, cb.From.ID); ok && last.Token == token {
		if err := b.svc.SetPending(ctx, cb.Chat.ID, ""); err != nil {
			b.log.Warn("upload state not cleared", "chat", cb.Chat.ID, "err", err)
		}
	}
}

// onForceButton imports the refused file anyway: downloaded again, read
// with Force, and previewed for confirmation like any upload.
func (b *Bot) onForceButton(ctx context.Context, cb *Callback, s session) {
	if !b.staffPress(ctx, cb) {
		return
	}
	last, ok := parseUpload(s.Pending, cb.From.ID)
	if !ok || last.File == "" || b.cfg.Files == nil {
		b.answerCallback(ctx, cb, txtForceStale)
		return
	}
	data, err := b.cfg.Files.Download(ctx, last.File, b.cfg.MaxUpload)
	if err != nil {
		b.log.Warn("forced upload download failed", "user", cb.From.ID, "file", last.Name, "err", err)
		b.answerCallback(ctx, cb, "没有导入")
		b.sendPlain(ctx, cb.Chat.ID, txtDownloadFailed)
		return
	}
	p, err := b.cfg.KB.PreviewFilesForced(ctx, []importer.Source{{Name: last.Name, Data: data}}, staffName(cb.From.ID))
	if err != nil {
		b.answerCallback(ctx, cb, "没有导入")
		b.sendPlain(ctx, cb.Chat.ID, kblive.Message(err))
		return
	}
	b.log.Info("upload previewed, forced", "user", cb.From.ID, "file", last.Name, "items", len(p.Items))
	b.answerCallback(ctx, cb, "")
	b.showUpload(ctx, cb.Chat.ID, cb.From.ID, s.Pending, p, nil)
}

// staffPress answers a press by someone who may not change the knowledge
// base, and reports whether the press may go on.
func (b *Bot) staffPress(ctx context.Context, cb *Callback) bool {
	stored, err := b.svc.User(ctx, cb.From.ID)
	switch {
	case err != nil:
		b.answerCallback(ctx, cb, txtCantVerify)
		return false
	case !isStaff(b.svc.Role(cb.From.ID, stored)):
		b.answerCallback(ctx, cb, txtStaffOnly)
		return false
	case b.cfg.KB == nil:
		b.answerCallback(ctx, cb, txtKBOff)
		return false
	}
	return true
}

// fixLabels are the names staff may write before a value, for each field.
var fixLabels = map[string]string{
	"id": kblive.KeyID, "编号": kblive.KeyID, "标识": kblive.KeyID,
	"层级": importer.MetaLevel, "level": importer.MetaLevel, "效力层级": importer.MetaLevel,
	"地区": importer.MetaRegion, "region": importer.MetaRegion,
	"发文机关": importer.MetaIssuer, "发布机关": importer.MetaIssuer, "issuer": importer.MetaIssuer,
	"状态": importer.MetaStatus, "status": importer.MetaStatus,
	"施行日期": importer.MetaEffective, "生效日期": importer.MetaEffective, "effective": importer.MetaEffective,
}

type fix struct{ key, value string }

// parseFixes reads a reply of "字段：值" lines; ok is false when any line
// is something else (the message is a question, not a correction).
func parseFixes(text string) ([]fix, bool) {
	var out []fix
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		i := strings.IndexAny(line, ":：")
		if i < 0 {
			return nil, false
		}
		key, ok := fixLabels[strings.ToLower(strings.TrimSpace(line[:i]))]
		if !ok {
			return nil, false
		}
		_, size := firstRune(line[i:])
		out = append(out, fix{key, strings.TrimSpace(line[i+size:])})
	}
	return out, len(out) > 0
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// onUploadFix takes staff's reply to an upload's preview as corrections,
// and reports whether it did.
func (b *Bot) onUploadFix(ctx context.Context, u Update, s session, text string) bool {
	m := u.Message
	if m.Chat.Type != ChatPrivate || b.cfg.KB == nil || !s.OK {
		return false
	}
	last, ok := parseUpload(s.Pending, m.From.ID)
	if !ok || last.Token == "" {
		return false
	}
	fixes, ok := parseFixes(text)
	if !ok || !isStaff(b.svc.Role(m.From.ID, s.User)) {
		return false
	}
	var fields []kblive.Field
	for _, f := range fixes {
		fields = append(fields, kblive.Field{Key: f.key, Value: f.value})
	}
	p, err := b.cfg.KB.CorrectFields(ctx, last.Token, staffName(m.From.ID), "", fields)
	if err != nil {
		b.log.Info("upload not corrected by reply", "user", m.From.ID, "err", err)
		if kblive.KindOf(err) == kblive.Stale {
			b.svc.SetPending(ctx, m.Chat.ID, "")
		}
		b.sendPlain(ctx, m.Chat.ID, kblive.Message(err))
		return true
	}
	b.showUpload(ctx, m.Chat.ID, m.From.ID, s.Pending, p, nil)
	return true
}
