package kblive_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rongcuo/importer"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

const rules = "某市容错纠错办法\n第一章 总则\n第一条 为了鼓励干部担当作为，制定本办法。\n第二条 干部在招商引资中先行先试出现失误的，可以容错。\n第四条 本办法自印发之日起施行。\n"

func newStore(t testing.TB) *redisstore.Store {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	return redisstore.New(rdb, redisstore.Options{Prefix: prefix})
}

// seeded returns a service on a fresh store holding the embedded corpus.
func seeded(t testing.TB) (*kblive.Service, *redisstore.Store) {
	t.Helper()
	store := newStore(t)
	svc := kblive.NewService(store, kblive.Options{Now: func() time.Time { return time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC) }})
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := svc.Seed(context.Background(), kb); err != nil || !ok {
		t.Fatalf("seed: %v %v", ok, err)
	}
	return svc, store
}

func load(t *testing.T, svc *kblive.Service) *knowledge.KB {
	t.Helper()
	snap, err := svc.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Problems) > 0 {
		t.Fatalf("stored items do not load: %v", snap.Problems)
	}
	return snap.KB
}

func TestSeedLoadsTheEmbeddedCorpusOnce(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	want, _ := knowledge.Embedded()
	kb := load(t, svc)
	if len(kb.Documents) != len(want.Documents) || len(kb.Cases) != len(want.Cases) || len(kb.Provisions()) != len(want.Provisions()) || len(kb.Synonyms) != len(want.Synonyms) {
		t.Errorf("loaded %d documents, %d cases, %d provisions; want %d, %d, %d",
			len(kb.Documents), len(kb.Cases), len(kb.Provisions()), len(want.Documents), len(want.Cases), len(want.Provisions()))
	}
	if ok, err := svc.Seed(ctx, want); ok || err != nil {
		t.Errorf("second seed: %v %v; want no write", ok, err)
	}
	st, err := svc.Status(ctx, 5)
	if err != nil || st.Version != 1 || len(st.Recent) != 1 || !strings.HasPrefix(st.Recent[0].Summary, "初始化") {
		t.Errorf("status %+v %v", st, err)
	}
}

func TestImportIsStoredOnlyWhenConfirmed(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	p, err := svc.PreviewFiles(ctx, []importer.Source{{Name: "shi-banfa.txt", Data: []byte(rules)}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if p.Token == "" || len(p.Items) != 1 || p.Documents != 1 || p.Articles != 3 {
		t.Fatalf("preview %+v", p)
	}
	it := p.Items[0]
	if it.Title != "某市容错纠错办法" || it.Change != "新增" || !strings.HasPrefix(it.First, "第一条 为了鼓励") || !strings.HasPrefix(it.Last, "第四条 本办法") {
		t.Errorf("item %+v", it)
	}
	text := p.Text(false)
	for _, want := range []string{"《某市容错纠错办法》", "条文：3 条", "条文编号不连续：第二条 之后是 第四条", "确认后保存"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview text lacks %q:\n%s", want, text)
		}
	}
	if load(t, svc).Document("shi-banfa") != nil {
		t.Fatal("stored before confirmation")
	}
	if _, err := svc.Confirm(ctx, p.Token, "李四"); kblive.KindOf(err) != kblive.Forbidden || !strings.Contains(kblive.Message(err), "只有发起这次修改的人可以确认") {
		t.Errorf("someone else confirming: %v", err)
	}
	// Someone else's attempt leaves the preview to its author.
	res, err := svc.Confirm(ctx, p.Token, "张三")
	if err != nil || res.Version != 2 {
		t.Fatalf("confirm: %+v %v", res, err)
	}
	_, err = svc.Confirm(ctx, p.Token, "张三")
	if kblive.KindOf(err) != kblive.Stale || !strings.Contains(kblive.Message(err), "已经确认过") {
		t.Errorf("second confirmation: %v (%s)", err, kblive.Message(err))
	}
	d := load(t, svc).Document("shi-banfa")
	if d == nil || d.Verification != knowledge.Unverified || len(d.Provisions) != 3 {
		t.Fatalf("stored: %+v", d)
	}
	h, err := svc.History(ctx, "shi-banfa")
	if err != nil || len(h) != 1 || h[0].By != "张三" || h[0].Version != 2 || !strings.Contains(h[0].Summary, "新增《某市容错纠错办法》") {
		t.Errorf("history %+v %v", h, err)
	}

	// The same file again changes nothing.
	p, err = svc.PreviewFiles(ctx, []importer.Source{{Name: "shi-banfa.txt", Data: []byte(rules)}}, "张三")
	if err != nil || p.Token != "" || len(p.Unchanged) != 1 || !strings.Contains(p.Text(false), "没有需要保存的变化") {
		t.Errorf("unchanged re-import: %+v %v", p, err)
	}
}

func TestBatchWithARefusedFileStoresNothing(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	p, err := svc.PreviewFiles(ctx, []importer.Source{
		{Name: "hao.txt", Data: []byte(rules)},
		{Name: "坏.pdf", Data: []byte("%PDF-1.4 not really")},
	}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if p.Token != "" || len(p.Refused) != 1 || !strings.Contains(p.Text(false), "整批没有保存") {
		t.Errorf("preview %+v\n%s", p, p.Text(false))
	}
	if load(t, svc).Document("hao") != nil {
		t.Error("a batch with a refused file was partly stored")
	}
}

func TestConcurrentEditsConflict(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	p, _ := svc.PreviewFiles(ctx, []importer.Source{{Name: "shi-banfa.txt", Data: []byte(rules)}}, "张三")
	if _, err := svc.Confirm(ctx, p.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	edit := func(who, text string) *kblive.Preview {
		p, err := svc.PreviewFiles(ctx, []importer.Source{{Name: "shi-banfa.txt", Data: []byte(text)}}, who)
		if err != nil || p.Token == "" {
			t.Fatalf("%s: %+v %v", who, p, err)
		}
		return p
	}
	a := edit("王五", strings.Replace(rules, "可以容错", "可以予以容错", 1))
	b := edit("赵六", rules+"第五条 新增的条文。\n")
	if b.Items[0].Base != 2-1 || !strings.Contains(b.Items[0].Summary, "条文新增 1、修改 0、删除 0") {
		t.Errorf("preview of a change: %+v", b.Items[0])
	}
	if _, err := svc.Confirm(ctx, a.Token, "王五"); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Confirm(ctx, b.Token, "赵六")
	msg := kblive.Message(err)
	if kblive.KindOf(err) != kblive.Conflict || !strings.Contains(msg, "shi-banfa（现为第 2 版，王五 于 2026-05-01 16:00 修改了它）") || !strings.Contains(msg, "没有保存") {
		t.Errorf("later confirmation: %v\n%s", err, msg)
	}
	d := load(t, svc).Document("shi-banfa")
	if len(d.Provisions) != 3 || !strings.Contains(d.Provisions[1].Text, "可以予以容错") {
		t.Errorf("the later edit overwrote the earlier: %+v", d.Provisions)
	}
	diff, err := svc.Diff(ctx, "shi-banfa", 1, 2)
	if err != nil || len(diff.Changed) != 1 || diff.Changed[0][1].Article != "第二条" || !strings.Contains(diff.Text(), "+ 干部在招商引资中先行先试出现失误的，可以予以容错。") {
		t.Errorf("diff: %v\n%s", err, diff.Text())
	}
}

// A conflict over a whole folder names the first few items, not every one.
func TestConflictOverManyItemsNamesAFew(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	files := func(extra string) []importer.Source {
		var srcs []importer.Source
		for i := range 8 {
			srcs = append(srcs, importer.Source{Name: fmt.Sprintf("banfa-%d.txt", i), Data: []byte(rules + extra)})
		}
		return srcs
	}
	a, errA := svc.PreviewFiles(ctx, files(""), "王五")
	b, errB := svc.PreviewFiles(ctx, files("第五条 另一版本。\n"), "赵六")
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if _, err := svc.Confirm(ctx, a.Token, "王五"); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Confirm(ctx, b.Token, "赵六")
	msg := kblive.Message(err)
	if kblive.KindOf(err) != kblive.Conflict || strings.Count(msg, "王五 于") != 5 || !strings.Contains(msg, "另有 3 项也已被修改") {
		t.Errorf("conflict over 8 items: %v\n%s", err, msg)
	}
}

func TestRetireKeepsHistory(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	id := "wzcl-2019"
	if load(t, svc).Document(id) == nil {
		t.Fatalf("%s not in the embedded corpus", id)
	}
	p, err := svc.PreviewRetire(ctx, id, "张三")
	if err != nil || p.Items[0].Change != "停用" || !strings.Contains(p.Text(false), "【停用】《中国共产党问责条例》") {
		t.Fatalf("preview retire: %+v %v", p, err)
	}
	if _, err := svc.Confirm(ctx, p.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	kb := load(t, svc)
	if kb.Document(id) != nil || kb.Provision(id+"#17") != nil {
		t.Error("a retired document is still live")
	}
	for _, h := range knowledge.NewIndex(kb).Provisions("问责条例第十七条 免予问责", knowledge.SearchOptions{}) {
		if h.Provision.DocID == id {
			t.Error("a retired document is still found")
		}
	}
	h, _ := svc.History(ctx, id)
	if len(h) != 2 || h[1].Action != redisstore.KBRetire || h[1].By != "张三" {
		t.Errorf("history %+v", h)
	}
	if text, err := svc.Revision(ctx, id, 1); err != nil || !strings.Contains(text, "title: 中国共产党问责条例") {
		t.Errorf("revision 1 after retirement: %v", err)
	}
	if _, err := svc.PreviewRetire(ctx, id, "张三"); kblive.KindOf(err) != kblive.Invalid || !strings.Contains(kblive.Message(err), "已经停用") {
		t.Errorf("retire twice: %v", err)
	}
	if _, err := svc.PreviewRetire(ctx, "no-such", "张三"); kblive.KindOf(err) != kblive.NotFound {
		t.Errorf("retire unknown: %v", err)
	}
	if _, err := svc.Revision(ctx, id, 2); kblive.KindOf(err) != kblive.NotFound {
		t.Errorf("the retirement revision has no text: %v", err)
	}
}

func TestAddCase(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	_, err := svc.PreviewCase(ctx, kblive.CaseInput{Title: "某案", Field: "炒股", Outcome: "从轻"}, "张三")
	msg := kblive.Message(err)
	for _, want := range []string{"缺少地区", "缺少事实", "缺少理由", "缺少来源", "领域“炒股”无效"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	in := kblive.CaseInput{Title: "某镇干部先行先试容错案", Region: "某省某镇", Field: "基层治理", Outcome: knowledge.OutcomeExempt,
		Facts: "镇里试行新做法，\n\n出现损失。", Reasons: "出于公心，经过集体研究。", Source: "某市纪委通报", Criteria: []string{"动机态度"}}
	p, err := svc.PreviewCase(ctx, in, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if p.Cases != 1 || !strings.Contains(p.Text(false), "按录入年份 2026 记录") {
		t.Errorf("preview:\n%s", p.Text(false))
	}
	if _, err := svc.Confirm(ctx, p.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	c := load(t, svc).Case(kblive.CaseID(in))
	if c == nil || c.Facts != "镇里试行新做法，\n出现损失。" || c.Handling != "处理结果：容错免责。" || c.Year != "2026" || c.Verification != knowledge.Unverified {
		t.Errorf("stored case %+v", c)
	}

	// Facts that are only a Markdown comment leave the section empty: the
	// staff member reads why, without file names or Go notation.
	in.Facts = "<!-- 待补充 -->"
	_, err = svc.PreviewCase(ctx, in, "张三")
	if msg := kblive.Message(err); kblive.KindOf(err) != kblive.Invalid || !strings.Contains(msg, "“## 事实”小节是空的") || strings.ContainsAny(msg, "[]") || strings.Contains(msg, ".md") {
		t.Errorf("case with empty facts: %v\n%s", err, msg)
	}
}

// A stored text that no longer parses (edited outside the service) does
// not block its item: importing a good file replaces it.
func TestImportReplacesAnUnreadableStoredText(t *testing.T) {
	ctx := context.Background()
	svc, store := seeded(t)
	st := redisstore.KBStage{Token: "broken", By: "外部", Changes: []redisstore.KBChange{{ID: "shi-banfa", Action: redisstore.KBPut, Text: "---\nid: shi-banfa\nkind: document\n---\n"}}}
	if err := store.KBStage(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := store.KBCommit(ctx, "broken", "外部", time.Now()); err != nil {
		t.Fatal(err)
	}
	p, err := svc.PreviewFiles(ctx, []importer.Source{{Name: "shi-banfa.txt", Data: []byte(rules)}}, "张三")
	if err != nil || p.Token == "" || !strings.Contains(p.Items[0].Summary, "现有版本无法读取，整体替换") {
		t.Fatalf("preview over an unreadable text: %+v %v (%s)", p, err, kblive.Message(err))
	}
	if _, err := svc.Confirm(ctx, p.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	if d := load(t, svc).Document("shi-banfa"); d == nil || len(d.Provisions) != 3 {
		t.Errorf("after the repair: %+v", d)
	}
}

// A case staff mark as illustrative is refused unless it carries the 示例
// marks, whether entered field by field or imported as a file; marked, it is
// stored.
func TestIllustrativeCaseNeedsTheMarks(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	in := kblive.CaseInput{Title: "招商引资先签约后补指标获免责", Region: "某县", Field: "招商引资", Outcome: knowledge.OutcomeExempt,
		Facts: "先签约后补指标。", Reasons: "集体研究，及时补正。", Source: "某市纪委通报", Illustrative: true}
	_, err := svc.PreviewCase(ctx, in, "张三")
	msg := kblive.Message(err)
	if kblive.KindOf(err) != kblive.Invalid {
		t.Fatalf("unmarked illustrative case: %v", err)
	}
	for _, want := range []string{"【示例】", "某县（示例）", knowledge.IllustrativeSource} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}

	in.Title, in.Region, in.Source = "【示例】"+in.Title, "某县（示例）", knowledge.IllustrativeSource
	p, err := svc.PreviewCase(ctx, in, "张三")
	if err != nil {
		t.Fatalf("marked illustrative case: %v", err)
	}
	if _, err := svc.Confirm(ctx, p.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	if c := load(t, svc).Case(kblive.CaseID(in)); c == nil || !c.Illustrative {
		t.Errorf("stored case %+v", c)
	}

	file := "---\nid: ill-new\nkind: case\ntitle: 先签约后补指标获免责\nregion: 某县\nyear: 2024\nfield: 招商引资\noutcome: 容错免责\n" +
		"source: 某市纪委通报\nillustrative: true\nverification: unverified\n---\n## 事实\n先签约。\n## 处理\n免责。\n## 理由\n补正。\n"
	p, err = svc.PreviewFiles(ctx, []importer.Source{{Name: "ill-new.md", Data: []byte(file)}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused) != 1 || p.Token != "" || !strings.Contains(p.Refused[0].UserMessage(), "示例") {
		t.Errorf("imported unmarked illustrative case: refused %v, token %q", p.Refused, p.Token)
	}
}

const countyMeasure = "# 某县数字乡村建设容错免责办法\n\n中共某县委办公室\n\n第一条 为了鼓励干部担当作为，制定本办法。\n\n第二条 干部在数字乡村建设中先行先试出现失误的，可以容错免责。\n\n第三条 本办法自2023年5月1日起施行。\n"

// The preview shows what an import read or guessed about a document, and
// staff correct a guess before confirming: the corrected change replaces
// the previewed one.
func TestImportMetadataIsShownAndCorrected(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	p, err := svc.PreviewFiles(ctx, []importer.Source{{Name: "county.md", Data: []byte(countyMeasure)}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	text := p.Text(false)
	for _, want := range []string{"地区：某县（❓推断", "施行日期：2023-05-01（正文“自2023年5月1日起施行”）", "发文机关：中共某县委办公室", "id: county（按文件名生成）"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if len(p.Items) != 1 || len(p.Items[0].Meta) != len(importer.MetaKeys) {
		t.Fatalf("items %+v", p.Items)
	}
	if _, err := svc.Correct(ctx, p.Token, "李四", "", importer.MetaRegion, "湖北省某县"); kblive.KindOf(err) != kblive.Forbidden {
		t.Errorf("someone else corrected it: %v", err)
	}
	if _, err := svc.Correct(ctx, p.Token, "张三", "", importer.MetaLevel, "文件"); kblive.KindOf(err) != kblive.Invalid || !strings.Contains(kblive.Message(err), "层级的值“文件”无效") {
		t.Errorf("invalid level: %v", err)
	}
	fixed, err := svc.Correct(ctx, p.Token, "张三", "county", importer.MetaRegion, "湖北省某县")
	if err != nil {
		t.Fatal(err)
	}
	if fixed.Token == p.Token || !strings.Contains(fixed.Text(false), "地区：湖北省某县（工作人员更正）") {
		t.Errorf("corrected preview %q:\n%s", fixed.Token, fixed.Text(false))
	}
	if _, err := svc.Confirm(ctx, p.Token, "张三"); kblive.KindOf(err) != kblive.Stale {
		t.Errorf("the previewed change outlived its correction: %v", err)
	}
	if _, err := svc.Confirm(ctx, fixed.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	d := load(t, svc).Document("county")
	if d == nil || d.Region != "湖北省某县" || d.Effective != "2023-05-01" || slices.Contains(importer.Guessed(d), importer.MetaRegion) || !slices.Contains(importer.Guessed(d), importer.MetaLevel) {
		t.Errorf("stored %+v", d)
	}
}

// A document imported when its file name was its id keeps that id: the
// same file imported again replaces it instead of adding a second copy
// under the id now made from its title. Staff can set another id on the
// staged import.
func TestImportKeepsStoredIDsAndStaffSetTheID(t *testing.T) {
	ctx := context.Background()
	svc, _ := seeded(t)
	old, err := importer.File("市办法.txt", []byte(rules), importer.Options{ID: "市办法"}) // as the importer named it before
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.PreviewBatch(ctx, &importer.Batch{Items: []*importer.Item{old}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Confirm(ctx, p.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	revised := strings.Replace(rules, "可以容错。", "可以容错免责。", 1)
	p, err = svc.PreviewFiles(ctx, []importer.Source{{Name: "市办法.txt", Data: []byte(revised)}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 1 || p.Items[0].ID != "市办法" || p.Items[0].Base == 0 || p.Items[0].IDFrom != importer.IDFromStored ||
		!strings.Contains(p.Text(false), "id: 市办法（沿用知识库中已有的 id）") {
		t.Fatalf("re-import of an old file: %+v\n%s", p.Items, p.Text(false))
	}
	svc.Cancel(ctx, p.Token)

	// A new file whose name says nothing gets an id from its text, shown
	// in the preview; staff set another.
	p, err = svc.PreviewFiles(ctx, []importer.Source{{Name: "gbk.txt", Data: []byte(countyMeasure[2:])}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	made := p.Items[0].ID
	if !strings.HasPrefix(made, "norm-2023-") || !strings.Contains(p.Text(false), "id: "+made+"（按层级、地区、年份和标题生成）") {
		t.Fatalf("new file: %s\n%s", made, p.Text(false))
	}
	if _, err := svc.Correct(ctx, p.Token, "张三", "", kblive.KeyID, "a b"); kblive.KindOf(err) != kblive.Invalid {
		t.Errorf("bad id accepted: %v", err)
	}
	// Several corrections at once are all made or none: the staged change
	// stays as it was when one is invalid.
	if _, err := svc.CorrectFields(ctx, p.Token, "张三", "", []kblive.Field{{Key: importer.MetaRegion, Value: "某市"}, {Key: importer.MetaLevel, Value: "文件"}}); kblive.KindOf(err) != kblive.Invalid {
		t.Errorf("an invalid level among corrections: %v", err)
	}
	fixed, err := svc.CorrectFields(ctx, p.Token, "张三", "", []kblive.Field{{Key: kblive.KeyID, Value: "county-digital-2023"}, {Key: importer.MetaStatus, Value: "失效"}})
	if err != nil {
		t.Fatal(err)
	}
	if fixed.Items[0].ID != "county-digital-2023" || !strings.Contains(fixed.Text(false), "id: county-digital-2023（工作人员指定）") ||
		!strings.Contains(fixed.Text(false), "状态：失效（工作人员更正）") || !strings.Contains(fixed.Text(false), "地区：某县（❓推断") {
		t.Fatalf("corrected id: %+v\n%s", fixed.Items, fixed.Text(false))
	}
	if _, err := svc.Confirm(ctx, fixed.Token, "张三"); err != nil {
		t.Fatal(err)
	}
	kb := load(t, svc)
	if d := kb.Document("county-digital-2023"); d == nil || d.Provisions[0].DocID != "county-digital-2023" || kb.Document(made) != nil {
		t.Errorf("stored under %v, not %s", d, made)
	}
}
