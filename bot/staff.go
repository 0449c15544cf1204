package bot

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rongcuo/conversation"
	"rongcuo/importer"
	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// KB is the live knowledge base as staff change it; *kblive.Service
// satisfies it.
type KB interface {
	PreviewFiles(ctx context.Context, files []importer.Source, by string) (*kblive.Preview, error)
	PreviewFilesForced(ctx context.Context, files []importer.Source, by string) (*kblive.Preview, error)
	PreviewRetire(ctx context.Context, id, by string) (*kblive.Preview, error)
	PreviewCase(ctx context.Context, in kblive.CaseInput, by string) (*kblive.Preview, error)
	Confirm(ctx context.Context, token, by string) (kblive.Result, error)
	Correct(ctx context.Context, token, by, id, key, value string) (*kblive.Preview, error)
	CorrectFields(ctx context.Context, token, by, id string, fields []kblive.Field) (*kblive.Preview, error)
	Cancel(ctx context.Context, token string) error
	Status(ctx context.Context, recent int) (kblive.Status, error)
	History(ctx context.Context, id string) ([]redisstore.KBRevision, error)
}

var _ KB = (*kblive.Service)(nil)

// Catalog finds documents and cases by id for /kb show. The Library may
// implement it; IndexLibrary does.
type Catalog interface {
	Document(id string) *knowledge.Document
	Case(id string) *knowledge.Case
}

func isStaff(role string) bool {
	return role == conversation.RoleStaff || role == conversation.RoleAdmin
}

// staffName is who changed the knowledge base, as its history records it.
// The Telegram id, not the display name, which its owner can change.
func staffName(id int64) string { return "tg:" + strconv.FormatInt(id, 10) }

// staffCommand runs a staff command and reports whether cmd was one.
// staffReady tells whoever may not use a staff command why, and reports
// whether they may.
func (b *Bot) staffReady(ctx context.Context, m *Message, s session) bool {
	switch {
	case !isStaff(b.svc.Role(m.From.ID, s.User)):
		b.sendPlain(ctx, m.Chat.ID, refusal(s, txtStaffOnly))
	case m.Chat.Type != ChatPrivate:
		b.sendPlain(ctx, m.Chat.ID, txtPrivateOnly)
	case b.cfg.KB == nil:
		b.sendPlain(ctx, m.Chat.ID, txtKBOff)
	default:
		return true
	}
	return false
}

func (b *Bot) kbCommand(ctx context.Context, m *Message, args string) {
	sub, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	rest = strings.TrimSpace(rest)
	chatID := m.Chat.ID
	switch strings.ToLower(sub) {
	case "search":
		if rest == "" {
			b.sendPlain(ctx, chatID, txtKBUsage)
			return
		}
		b.kbSearch(ctx, chatID, rest)
	case "show":
		if rest == "" {
			b.sendPlain(ctx, chatID, txtKBUsage)
			return
		}
		b.kbShow(ctx, chatID, rest)
	case "retire":
		if rest == "" {
			b.sendPlain(ctx, chatID, txtKBUsage)
			return
		}
		p, err := b.cfg.KB.PreviewRetire(ctx, rest, staffName(m.From.ID))
		if err != nil {
			b.sendPlain(ctx, chatID, kblive.Message(err))
			return
		}
		b.sendPreview(ctx, chatID, p, "确认停用")
	case "status":
		b.kbStatus(ctx, chatID)
	default:
		b.sendPlain(ctx, chatID, txtKBUsage)
	}
}

func (b *Bot) kbSearch(ctx context.Context, chatID int64, query string) {
	provs := b.cfg.Library.SearchProvisions(query, 8)
	cases := b.cfg.Library.SearchCases(query, 5)
	if len(provs)+len(cases) == 0 {
		b.sendPlain(ctx, chatID, fmt.Sprintf(txtNothingFound, clip.Line(query, 30)))
		return
	}
	lines := []string{"<b>知识库检索</b>：" + escapeHTML(clip.Line(query, 30))}
	if len(provs) > 0 {
		lines = append(lines, "\n<b>条文</b>")
	}
	for _, p := range provs {
		lines = append(lines, fmt.Sprintf("<code>%s</code> 《%s》%s\n%s", escapeHTML(p.ID), escapeHTML(p.Document), escapeHTML(p.Article), escapeHTML(clip.Line(p.Text, 60))))
	}
	if len(cases) > 0 {
		lines = append(lines, "\n<b>案例</b>")
	}
	for _, c := range cases {
		lines = append(lines, fmt.Sprintf("<code>%s</code> %s（%s，%s）", escapeHTML(c.ID), escapeHTML(c.Title), escapeHTML(c.Region), escapeHTML(c.Outcome)))
	}
	lines = append(lines, "\n用 /kb show ID 查看详情，/kb retire ID 停用。")
	b.deliverHTML(ctx, chatID, strings.Join(lines, "\n"), nil)
}

func (b *Bot) kbShow(ctx context.Context, chatID int64, id string) {
	html := b.itemHTML(id)
	if html == "" {
		b.sendPlain(ctx, chatID, fmt.Sprintf(txtKBNoItem, clip.Line(id, 60)))
		return
	}
	docID, _, _ := strings.Cut(id, "#")
	if hist, err := b.cfg.KB.History(ctx, docID); err == nil && len(hist) > 0 {
		h := hist[len(hist)-1]
		html += fmt.Sprintf("\n\n第 %d 版（知识库第 %d 版），%s 由 %s %s", h.Rev, h.Version,
			chinatime.Minute(h.At), escapeHTML(h.By), escapeHTML(clip.Line(h.Summary, 60)))
	}
	b.deliverHTML(ctx, chatID, html, nil)
}

// itemHTML renders the provision, document or case with the id; "" when
// there is none.
func (b *Bot) itemHTML(id string) string {
	if p := b.cfg.Library.Provision(id); p != nil {
		return "<code>" + escapeHTML(id) + "</code>\n" + provisionHTML(p)
	}
	cat, ok := b.cfg.Library.(Catalog)
	if !ok {
		return ""
	}
	if d := cat.Document(id); d != nil {
		return documentHTML(d)
	}
	if c := cat.Case(id); c != nil {
		return caseHTML(c)
	}
	return ""
}

func documentHTML(d *knowledge.Document) string {
	lines := []string{fmt.Sprintf("<b>《%s》</b>\n<code>%s</code>", escapeHTML(d.Title), escapeHTML(d.ID))}
	for _, f := range [][2]string{{"层级", d.Level}, {"状态", d.Status}, {"地区", d.Region}, {"发文机关", d.Issuer},
		{"文号", d.Number}, {"施行日期", d.Effective}, {"核实程度", d.Verification}, {"来源", d.Source}} {
		if f[1] != "" {
			lines = append(lines, f[0]+"："+escapeHTML(f[1]))
		}
	}
	lines = append(lines, fmt.Sprintf("条文：%d 条", len(d.Provisions)))
	for i, p := range d.Provisions {
		if i == 5 {
			lines = append(lines, fmt.Sprintf("……另有 %d 条，用 /kb show 条文ID 查看", len(d.Provisions)-5))
			break
		}
		lines = append(lines, fmt.Sprintf("<code>%s</code> %s %s", escapeHTML(p.ID), escapeHTML(p.Article), escapeHTML(clip.Line(p.Text, 40))))
	}
	return strings.Join(lines, "\n")
}

func caseHTML(c *knowledge.Case) string {
	lines := []string{fmt.Sprintf("<b>案例：%s</b>\n<code>%s</code>", escapeHTML(c.Title), escapeHTML(c.ID))}
	for _, f := range [][2]string{{"地区", c.Region}, {"年份", c.Year}, {"领域", c.Field}, {"结果", c.Outcome},
		{"事实", c.Facts}, {"处理", c.Handling}, {"理由", c.Reasons}, {"来源", c.Source}} {
		if f[1] != "" {
			lines = append(lines, "<b>"+f[0]+"</b>："+escapeHTML(f[1]))
		}
	}
	if c.Illustrative {
		lines = append(lines, "（示例，非真实案例）")
	}
	return strings.Join(lines, "\n")
}

func (b *Bot) kbStatus(ctx context.Context, chatID int64) {
	st, err := b.cfg.KB.Status(ctx, 5)
	if err != nil {
		b.sendPlain(ctx, chatID, kblive.Message(err))
		return
	}
	lines := []string{fmt.Sprintf("知识库第 %d 版：%d 份文件、%d 条条文、%d 个案例", st.Version, st.Documents, st.Provisions, st.Cases)}
	if len(st.Recent) > 0 {
		lines = append(lines, "\n最近的修改：")
	}
	for _, e := range st.Recent {
		lines = append(lines, fmt.Sprintf("第 %d 版 %s %s：%s", e.Version, chinatime.Minute(e.At), e.By, clip.Line(e.Summary, 80)))
	}
	b.sendPlain(ctx, chatID, strings.Join(lines, "\n"))
}

// kbData is the callback data of a staged change's 确认 / 取消.
func kbData(token string, yes bool) string { return "k|" + token + "|" + yn(yes) }

// parseStaffCallback reads k| and c| data (see buttons.go).
func parseStaffCallback(kind byte, f []string) (callbackData, bool) {
	switch kind {
	case 'k':
		if len(f) != 2 || len(f[0]) != 16 || (f[1] != "y" && f[1] != "n") {
			return callbackData{}, false
		}
		if _, err := hex.DecodeString(f[0]); err != nil {
			return callbackData{}, false
		}
		return callbackData{kind: cbKB, token: f[0], yes: f[1] == "y"}, true
	case 'c':
		if len(f) == 1 && f[0] == "x" {
			return callbackData{kind: cbCase, step: 'x'}, true
		}
		if len(f) != 2 || (f[0] != "f" && f[0] != "o") {
			return callbackData{}, false
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 0 || n >= 100 || strconv.Itoa(n) != f[1] {
			return callbackData{}, false
		}
		return callbackData{kind: cbCase, step: f[0][0], index: n}, true
	}
	return callbackData{}, false
}

// onKBButton confirms or cancels a staged change. A change confirmed,
// cancelled or expired already gets kblive's explanation and changes
// nothing.
func (b *Bot) onKBButton(ctx context.Context, cb *Callback, d callbackData) {
	stored, err := b.svc.User(ctx, cb.From.ID)
	if err != nil {
		b.answerCallback(ctx, cb, txtCantVerify)
		return
	}
	if !isStaff(b.svc.Role(cb.From.ID, stored)) {
		b.answerCallback(ctx, cb, txtStaffOnly)
		return
	}
	if b.cfg.KB == nil {
		b.answerCallback(ctx, cb, txtKBOff)
		return
	}
	if !d.yes {
		if err := b.cfg.KB.Cancel(ctx, d.token); err != nil {
			b.answerCallback(ctx, cb, kblive.Message(err))
			return
		}
		b.answerCallback(ctx, cb, "已取消")
		b.editOrSend(ctx, cb, txtKBCancelled)
		return
	}
	res, err := b.cfg.KB.Confirm(ctx, d.token, staffName(cb.From.ID))
	if err != nil {
		b.log.Info("kb change not confirmed", "user", cb.From.ID, "err", err)
		b.answerCallback(ctx, cb, txtKBNotSaved)
		b.sendPlain(ctx, cb.Chat.ID, kblive.Message(err))
		return
	}
	b.log.Info("kb change confirmed", "user", cb.From.ID, "version", res.Version)
	b.answerCallback(ctx, cb, "已保存")
	done := fmt.Sprintf(txtKBSaved, res.Version)
	if b.cfg.WaitKB != nil {
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		live := b.cfg.WaitKB(wctx, res.Version)
		cancel()
		if live {
			done += txtKBLive
		} else {
			done += txtKBSoon
		}
	}
	b.editOrSend(ctx, cb, done)
}
