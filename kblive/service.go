package kblive

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"rongcuo/importer"
	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
	"rongcuo/redisstore"
)

// Store is the storage the live knowledge base needs; *redisstore.Store
// is the implementation.
type Store interface {
	KBStage(ctx context.Context, st redisstore.KBStage) error
	KBCommit(ctx context.Context, token, by string, at time.Time) (redisstore.KBCommit, error)
	KBDiscard(ctx context.Context, token string) error
	KBPending(ctx context.Context, token string) (redisstore.KBStage, bool, error)
	KBVersion(ctx context.Context) (int64, error)
	KBCurrent(ctx context.Context, ids []string) (map[string]int64, map[string]string, error)
	KBSnapshot(ctx context.Context) (redisstore.KBSnapshot, error)
	KBHistory(ctx context.Context, id string) ([]redisstore.KBRevision, error)
	KBRevisionText(ctx context.Context, id string, rev int64) (string, bool, error)
	KBLog(ctx context.Context, n int64) ([]redisstore.KBLogEntry, error)
	KBSubscribe(ctx context.Context) (<-chan int64, error)
}

var _ Store = (*redisstore.Store)(nil)

// Options tune the service; zero values take the defaults.
type Options struct {
	Import     importer.Options
	PendingTTL time.Duration // how long a preview can be confirmed; default one hour
	Now        func() time.Time
}

// Service is the staff-facing API of the live knowledge base: preview and
// confirm imports, retire, add cases, and read history and status. The
// Telegram commands and the CLI are thin layers over it.
type Service struct {
	store Store
	opt   Options
}

// NewService returns the service on a store.
func NewService(store Store, opt Options) *Service {
	if opt.PendingTTL <= 0 {
		opt.PendingTTL = time.Hour
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Service{store: store, opt: opt}
}

// Preview is a change shown to staff before it is stored. When Refused is
// not empty nothing was staged and Token is empty: a batch is stored whole
// or not at all.
type Preview struct {
	Token     string
	By        string
	Action    string // import, retire or case
	Items     []PreviewItem
	Unchanged []string // ids whose stored text is already the same
	Skipped   []importer.Skipped
	Refused   []*importer.Refusal
	Documents int
	Cases     int
	Articles  int // numbered articles (第X条) in the documents
	Summary   string
	TTL       time.Duration
}

// PreviewItem is one document or case of a preview.
type PreviewItem struct {
	ID         string
	Kind       string // document or case
	Title      string
	File       string
	Format     string
	Provisions int
	Articles   int
	First      string // the first and last provision, clipped
	Last       string
	Warnings   []string
	// Meta is a document's metadata as read or guessed from a file without
	// front matter (guesses flagged), for staff to check and correct.
	Meta    []importer.MetaField
	IDFrom  string // where the id of a file without front matter came from (importer.IDFrom*)
	Base    int64  // the stored revision this replaces; 0 for a new item
	Change  string // 新增, 修改 (第 N 版起) or 停用
	Summary string
	text    string
}

// PreviewFiles reads uploaded files and stages them.
func (s *Service) PreviewFiles(ctx context.Context, files []importer.Source, by string) (*Preview, error) {
	return s.PreviewBatch(ctx, importer.Files(files, s.opt.Import), by)
}

// PreviewFilesForced reads uploaded files as PreviewFiles does, and takes
// the ones refused only because they do not look like policy documents:
// staff insisted (仍然导入, kb import --force).
func (s *Service) PreviewFilesForced(ctx context.Context, files []importer.Source, by string) (*Preview, error) {
	opt := s.opt.Import
	opt.Force = true
	return s.PreviewBatch(ctx, importer.Files(files, opt), by)
}

// Forceable reports whether staff can insist on a refused preview: every
// file refused was refused only for not looking like a policy document.
func (p *Preview) Forceable() bool {
	for _, r := range p.Refused {
		if !r.Forceable {
			return false
		}
	}
	return len(p.Refused) > 0
}

// PreviewBatch stages what a batch of files gives.
func (s *Service) PreviewBatch(ctx context.Context, b *importer.Batch, by string) (*Preview, error) {
	if strings.TrimSpace(by) == "" {
		return nil, fail(Invalid, "请说明是谁在修改知识库。", "no author")
	}
	if len(b.Items) == 0 && len(b.Refused) == 0 {
		return nil, fail(Invalid, "没有可以导入的文件。"+skippedNote(b.Skipped), "nothing to import")
	}
	var ids []string
	for _, it := range b.Items {
		ids = append(ids, it.ID())
		if it.LegacyID != "" {
			ids = append(ids, it.LegacyID)
		}
	}
	revs, texts, err := s.store.KBCurrent(ctx, ids)
	if err != nil {
		return nil, unavailable("preview import", err)
	}
	keepStoredIDs(b, revs)
	p, err := buildPreview(b, by, revs, texts)
	if err != nil {
		return nil, err
	}
	p.TTL = s.opt.PendingTTL
	if len(p.Refused) > 0 || len(p.Items) == 0 {
		return p, nil // nothing to confirm: refused, or all unchanged
	}
	return p, s.stage(ctx, p)
}

// keepStoredIDs keeps the id a document was imported under: a file whose
// name was its id before ids were made from titles replaces the document
// of that id (stored or retired), unless its new id is taken too.
func keepStoredIDs(b *importer.Batch, revs map[string]int64) {
	taken := map[string]bool{}
	for _, it := range b.Items {
		taken[it.ID()] = true
	}
	for _, it := range b.Items {
		if it.LegacyID == "" || revs[it.LegacyID] == 0 || revs[it.ID()] > 0 || taken[it.LegacyID] {
			continue
		}
		old := it.ID()
		if it.SetID(it.LegacyID, importer.IDFromStored) == nil {
			delete(taken, old)
			taken[it.ID()] = true
		}
	}
}

// PreviewOffline shows what a batch would add to an empty knowledge base,
// without a store: for a dry run with no Redis.
func PreviewOffline(b *importer.Batch) (*Preview, error) {
	return buildPreview(b, "", nil, nil)
}

func buildPreview(b *importer.Batch, by string, revs map[string]int64, texts map[string]string) (*Preview, error) {
	p := &Preview{By: by, Action: "import", Skipped: b.Skipped, Refused: b.Refused}
	for _, it := range b.Items {
		id := it.ID()
		if texts[id] == it.Text {
			p.Unchanged = append(p.Unchanged, id)
			continue
		}
		pi := itemOf(it)
		pi.Base = revs[id]
		switch {
		case texts[id] == "" && revs[id] > 0:
			pi.Change, pi.Summary = "恢复（此前已停用）", "重新导入《"+pi.Title+"》"
		case texts[id] == "":
			pi.Change, pi.Summary = "新增", fmt.Sprintf("新增《%s》（%d 条）", pi.Title, pi.Provisions)
		default:
			pi.Change, pi.Summary = fmt.Sprintf("修改（现为第 %d 版）", revs[id]), "修改《"+pi.Title+"》："+changeSummary(id, texts[id], it)
		}
		p.add(pi)
	}
	if len(p.Items) > 0 {
		p.Summary = importSummary(p)
	}
	return p, nil
}

// changeSummary says how it changes the stored text; the new text is
// parsed already, so only the stored one is read. A stored text that no
// longer parses (edited outside the service) is replaced whole: importing
// a good file is how staff repair it.
func changeSummary(id, stored string, it *importer.Item) string {
	old, err := parseItem(id, stored)
	if err != nil {
		return "现有版本无法读取，整体替换"
	}
	return diffItems(old, item{it.Doc, it.Case}).Summary()
}

func skippedNote(skipped []importer.Skipped) string {
	if len(skipped) == 0 {
		return ""
	}
	return fmt.Sprintf("（跳过 %d 个文件，例如 %s：%s）", len(skipped), skipped[0].Name, skipped[0].Reason)
}

func itemOf(it *importer.Item) PreviewItem {
	pi := PreviewItem{ID: it.ID(), Title: it.Title(), File: it.Name, Format: it.Format, Warnings: it.Warnings, text: it.Text, Meta: it.Meta, IDFrom: it.IDFrom}
	if it.Doc == nil {
		pi.Kind = "case"
		pi.First = clip.Line(it.Case.Facts, 60)
		return pi
	}
	pi.Kind = "document"
	ps := it.Doc.Provisions
	pi.Provisions, pi.Articles = len(ps), it.Articles()
	if len(ps) > 0 {
		pi.First = ps[0].Article + " " + clip.Line(ps[0].Text, 40)
		pi.Last = ps[len(ps)-1].Article + " " + clip.Line(ps[len(ps)-1].Text, 40)
	}
	return pi
}

func (p *Preview) add(pi PreviewItem) {
	p.Items = append(p.Items, pi)
	if pi.Kind == "case" {
		p.Cases++
	} else if pi.Change != "停用" {
		p.Documents++
		p.Articles += pi.Articles
	}
}

func importSummary(p *Preview) string {
	var added, changed int
	for _, it := range p.Items {
		if it.Base == 0 {
			added++
		} else {
			changed++
		}
	}
	if len(p.Items) == 1 {
		return p.Items[0].Summary
	}
	return fmt.Sprintf("导入 %d 个文件：新增 %d，修改 %d（%d 份文件、%d 个案例、%d 条条文）", len(p.Items), added, changed, p.Documents, p.Cases, p.Articles)
}

func (s *Service) stage(ctx context.Context, p *Preview) error {
	p.Token = randomToken()
	st := redisstore.KBStage{Token: p.Token, By: p.By, Summary: p.Summary, TTL: s.opt.PendingTTL}
	for _, it := range p.Items {
		action := redisstore.KBPut
		if it.Change == "停用" {
			action = redisstore.KBRetire
		}
		st.Changes = append(st.Changes, redisstore.KBChange{ID: it.ID, Base: it.Base, Action: action, Text: it.text, Summary: it.Summary})
	}
	if err := s.store.KBStage(ctx, st); err != nil {
		p.Token = ""
		return unavailable("stage change", err)
	}
	return nil
}

// Result is a confirmed change.
type Result struct {
	Version int64
	Items   int
}

// Confirm stores a previewed change, all of it or nothing. A confirmation
// used twice, expired or cancelled is Stale; one by someone other than
// the person who previewed it is Forbidden; one whose items someone else
// changed since the preview is a Conflict, naming who and when.
func (s *Service) Confirm(ctx context.Context, token, by string) (Result, error) {
	res, err := s.store.KBCommit(ctx, token, by, s.opt.Now())
	if err != nil {
		return Result{}, unavailable("confirm change", err)
	}
	switch {
	case res.Gone:
		return Result{}, fail(Stale, fmt.Sprintf("这次预览已经确认过、已取消或已过期（预览保留 %s），知识库没有改动。如需修改，请重新开始。", ttlText(s.opt.PendingTTL)),
			"pending change %s is gone (used, cancelled or expired)", token)
	case res.NotYours:
		return Result{}, fail(Forbidden, "只有发起这次修改的人可以确认。", "pending change %s was staged by someone else than %q", token, by)
	case res.Seeded:
		return Result{}, fail(Conflict, "知识库已经初始化过，没有重复写入。", "knowledge base already seeded")
	case len(res.Conflicts) > 0:
		return Result{}, s.conflict(ctx, res.Conflicts)
	}
	return Result{Version: res.Version}, nil
}

// conflictsNamed is how many conflicting items a refusal names, each with
// who changed it: a whole folder imported twice must not cost a history
// read per file nor a message no chat can hold.
const conflictsNamed = 5

func (s *Service) conflict(ctx context.Context, cs []redisstore.KBConflict) error {
	var names []string
	for _, c := range cs[:min(len(cs), conflictsNamed)] {
		who := ""
		if hist, err := s.store.KBHistory(ctx, c.ID); err == nil && len(hist) > 0 {
			h := hist[len(hist)-1]
			who = fmt.Sprintf("，%s 于 %s %s", h.By, chinatime.Minute(h.At), actionWord(h.Action))
		}
		names = append(names, fmt.Sprintf("%s（现为第 %d 版%s）", c.ID, c.Rev, who))
	}
	if n := len(cs) - len(names); n > 0 {
		names = append(names, fmt.Sprintf("另有 %d 项也已被修改", n))
	}
	return fail(Conflict, "在您预览之后，"+strings.Join(names, "；")+"。为避免覆盖别人的修改，本次修改没有保存，知识库保持原样。请查看最新版本后重新操作。",
		"conflict: %d items changed since the preview (first %s at revision %d)", len(cs), cs[0].ID, cs[0].Rev)
}

func actionWord(a string) string {
	if a == redisstore.KBRetire {
		return "停用了它"
	}
	return "修改了它"
}

func ttlText(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d 小时", int(d/time.Hour))
	}
	return fmt.Sprintf("%d 分钟", int(d/time.Minute))
}

// Cancel drops a preview; cancelling one that is gone is not an error.
func (s *Service) Cancel(ctx context.Context, token string) error {
	if err := s.store.KBDiscard(ctx, token); err != nil {
		return unavailable("cancel change", err)
	}
	return nil
}

// PreviewRetire stages the retirement of a document or case: it leaves
// search and answers, and its history and texts stay retrievable. A
// retired item comes back by importing it again.
func (s *Service) PreviewRetire(ctx context.Context, id, by string) (*Preview, error) {
	if strings.TrimSpace(by) == "" {
		return nil, fail(Invalid, "请说明是谁在修改知识库。", "no author")
	}
	revs, texts, err := s.store.KBCurrent(ctx, []string{id})
	if err != nil {
		return nil, unavailable("preview retire", err)
	}
	if texts[id] == "" {
		if revs[id] > 0 {
			return nil, fail(Invalid, fmt.Sprintf("“%s”已经停用了。", id), "%s is already retired", id)
		}
		return nil, fail(NotFound, fmt.Sprintf("知识库里没有 id 为“%s”的文件或案例。", id), "no item %s", id)
	}
	stored, err := parseItem(id, texts[id])
	if err != nil {
		return nil, unavailable("preview retire", err)
	}
	it := &importer.Item{Name: id, Format: "md", Doc: stored.doc, Case: stored.kase}
	pi := itemOf(it)
	pi.Base, pi.Change, pi.Summary = revs[id], "停用", "停用《"+pi.Title+"》"
	p := &Preview{By: by, Action: "retire", Items: []PreviewItem{pi}, Summary: pi.Summary, TTL: s.opt.PendingTTL}
	if stored.kase != nil {
		p.Cases = 1
	}
	return p, s.stage(ctx, p)
}

// randomToken names a pending change; it travels in Telegram callback data
// (64 bytes at most), so it is short.
func randomToken() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
