package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"rongcuo/internal/sharedcorpus"
	"rongcuo/knowledge"
)

const plainRules = "某省容错纠错办法\n\n第一章 总则\n第一条 为了激励干部担当作为，制定本办法。\n第二条 本办法适用于全省干部。\n第四条 本办法自发布之日起施行。\n"

func mustFile(t *testing.T, name string, data []byte, opt Options) *Item {
	t.Helper()
	it, err := File(name, data, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return it
}

func TestTextEncodings(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(plainRules)
	if err != nil {
		t.Fatal(err)
	}
	utf16, utf16be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, r := range plainRules {
		utf16 = append(utf16, byte(r), byte(r>>8))
		utf16be = append(utf16be, byte(r>>8), byte(r))
	}
	for name, data := range map[string][]byte{
		"utf8":     []byte(plainRules),
		"utf8-bom": append([]byte{0xEF, 0xBB, 0xBF}, plainRules...),
		"gb18030":  []byte(gb),
		"utf16le":  utf16,
		"utf16be":  utf16be,
	} {
		it := mustFile(t, "省办法 (2024-01-02).txt", data, Options{})
		d := it.Doc
		if d.Title != "某省容错纠错办法" || len(d.Provisions) != 3 || d.Provisions[2].Text != "本办法自发布之日起施行。" {
			t.Errorf("%s: title %q, %d provisions", name, d.Title, len(d.Provisions))
		}
		if d.ID != "norm-2024-a262c9" || d.Effective != "2024-01-02" || d.Level != knowledge.LevelNormative ||
			d.Status != knowledge.StatusCurrent || d.Region != "某省" || d.Verification != knowledge.Unverified || d.Provisions[0].Verified {
			t.Errorf("%s: metadata %+v", name, d)
		}
		if !strings.Contains(strings.Join(it.Warnings, ""), "条文编号不连续：第二条 之后是 第四条") {
			t.Errorf("%s: warnings %q, want the numbering gap", name, it.Warnings)
		}
	}
}

func TestMetadataDefaultsAndOverrides(t *testing.T) {
	opt := Options{Defaults: Metadata{Level: knowledge.LevelLocalLaw, Region: "浙江", Verification: knowledge.Verified, Issuer: "省委", Source: "https://example.org/a"}}
	d := mustFile(t, "a.txt", []byte(plainRules), opt).Doc
	if d.Level != knowledge.LevelLocalLaw || d.Region != "浙江" || d.Issuer != "省委" || d.Source != "https://example.org/a" || !d.Provisions[0].Verified {
		t.Errorf("overrides not applied: %+v", d)
	}
	if _, err := File("a.txt", []byte(plainRules), Options{Defaults: Metadata{Level: "文件"}}); err == nil || !strings.Contains(err.(*Refusal).UserMessage(), "level 的值“文件”无效") {
		t.Errorf("bad level: %v", err)
	}
}

func TestMarkdownKinds(t *testing.T) {
	front := "---\nid: zj-2020\nkind: document\ntitle: 浙江实施办法\nlevel: 规范性文件\nstatus: 现行\nregion: 浙江\nverification: partial\n---\n第一条 甲。\n"
	d := mustFile(t, "zj.md", []byte(front), Options{Defaults: Metadata{Verification: knowledge.Verified}}).Doc
	if d.ID != "zj-2020" || d.Verification != knowledge.Partial || d.Region != "浙江" {
		t.Errorf("front matter must win over defaults: %+v", d)
	}
	law := "# 中华人民共和国测试法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n第二条 乙。\n"
	d = mustFile(t, "地方性法规/广东/测试 法(2020-01-01).md", []byte(law), Options{}).Doc
	if d.ID != "测试_法(2020-01-01)" || d.Provisions[0].ID != "测试_法(2020-01-01)#1" || d.Level != knowledge.LevelLocalLaw || d.Region != "广东" || d.Verification != knowledge.Unverified {
		t.Errorf("plain law: %+v", d)
	}
	kase := "---\nid: c1\nkind: case\ntitle: 某案\nregion: 某县\nyear: 2020\nfield: 招商引资\noutcome: 从轻\nverification: unverified\n---\n## 事实\n甲\n## 处理\n乙\n## 理由\n丙\n"
	if c := mustFile(t, "c1.md", []byte(kase), Options{}).Case; c == nil || c.Outcome != "从轻" {
		t.Errorf("case: %+v", c)
	}
	broken := strings.Replace(kase, "## 理由\n丙\n", "", 1)
	_, err := File("c1.md", []byte(broken), Options{})
	if r, ok := err.(*Refusal); !ok || !strings.Contains(r.UserMessage(), "缺少“## 理由”小节") {
		t.Errorf("case without 理由: %v", err)
	}
	section := "---\ntitle: 法律\nbookHidden: true\n---\n"
	if _, err := File("x/_index.md", []byte(section), Options{}); err == nil || !err.(*Refusal).Skip {
		t.Errorf("section file should be skipped: %v", err)
	}
	if _, err := File("案例/民法典/判决.md", []byte("# 某判决\n\n法院认为……\n"), Options{}); err == nil || !err.(*Refusal).Skip {
		t.Errorf("court case should be skipped: %v", err)
	}
}

func TestTextWithoutArticlesIsNoted(t *testing.T) {
	it := mustFile(t, "讲话.txt", []byte("在某会议上的讲话\n一、关于担当作为\n要鼓励干部担当作为。\n二、关于容错纠错\n要宽容失误。\n"), Options{})
	if len(it.Doc.Provisions) != 2 || !strings.Contains(strings.Join(it.Warnings, ""), "没有识别到“第X条”形式的条文，已按标题或“一、二、”分为 2 段导入") {
		t.Errorf("%d provisions, warnings %q", len(it.Doc.Provisions), it.Warnings)
	}
}

func TestFileRefusals(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		opt  Options
		want string
	}{
		{"a.txt", nil, Options{}, "文件是空的"},
		{"a.txt", []byte(" \n\t\n"), Options{}, "文件是空的"},
		{"a.txt", []byte("第一条\x00\x01二进制"), Options{}, "不是文本文件"},
		{"a.txt", []byte{0xFF, 0xFE, 0x41}, Options{}, "UTF-16"},
		{"a.txt", []byte{0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00}, Options{}, "UTF-16 文本含有无效字符"},
		{"a.txt", []byte{0x81, 0x30, 0x81}, Options{}, "无法识别文件的文字编码"},
		{"a.txt", []byte(strings.Repeat("字", 100)), Options{MaxFileSize: 100}, "文件太大"},
		{"a.xlsx", []byte("PK\x03\x04"), Options{}, "不支持 .xlsx 文件"},
		{"a.doc", []byte("abc"), Options{}, "另存为 .docx"},
		{"noext", []byte("abc"), Options{}, "没有扩展名"},
		{"a.txt", []byte("只有一行标题"), Options{}, "没有可以导入的正文"},
		{"a.md", []byte("---\nid: a b\nkind: document\n---\n"), Options{}, "id“a b”不能含空白"},
	}
	for _, tt := range tests {
		_, err := File(tt.name, tt.data, tt.opt)
		r, ok := err.(*Refusal)
		if !ok || !strings.Contains(r.UserMessage(), tt.want) {
			t.Errorf("%s %.20q: err = %v; want a refusal saying %q", tt.name, tt.data, err, tt.want)
		}
	}
}

// Ids come from file names and front matter alike; names the loader treats
// as not knowledge are skipped only as files, never as ids.
func TestIDsFromNames(t *testing.T) {
	for _, name := range []string{"README.txt", "docs/readme.docx", "Readme.markdown"} {
		if _, err := File(name, []byte(plainRules), Options{}); err == nil || !err.(*Refusal).Skip {
			t.Errorf("%s: %v, want it skipped as a README", name, err)
		}
	}
	for _, name := range []string{"#.md", " # .txt"} {
		_, err := File(name, []byte("# 某办法\n\n第一条 甲。\n"), Options{})
		if r, ok := err.(*Refusal); !ok || !strings.Contains(r.UserMessage(), "文件名为空") {
			t.Errorf("%q: %v, want a refusal naming the empty file name", name, err)
		}
	}
	for _, id := range []string{"README", "_index"} {
		front := "---\nid: " + id + "\nkind: document\ntitle: 甲\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n第一条 甲。\n"
		it, err := File("a.md", []byte(front), Options{})
		if err != nil || it.ID() != id {
			t.Errorf("front matter id %s: %v %v", id, it, err)
		}
	}
}

func TestFilesSettlesDuplicates(t *testing.T) {
	front := func(id string) []byte {
		return []byte("---\nid: " + id + "\nkind: document\ntitle: 甲\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n第一条 甲。\n")
	}
	law := []byte("# 某法\n\n第一条 甲。\n")
	other := []byte("---\nid: dup\nkind: document\ntitle: 乙\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n第一条 乙。\n")
	b := Files([]Source{
		// One law filed under two categories of the collection.
		{"法律/宪法相关法/同名法.md", law}, {"法律/行政法/同名法.md", law},
		// One local file chosen twice, and two files making one id.
		{"本地/措施.md", law}, {"本地/措施.md", law},
		{"x.md", front("dup")}, {"y.md", other},
		{"README.md", []byte("# 说明")},
		{"bad.txt", []byte{0x81, 0x30, 0x81}},
	}, Options{})
	var names []string
	for _, it := range b.Items {
		names = append(names, it.Name)
	}
	if strings.Join(names, " ") != "x.md 本地/措施.md 法律/宪法相关法/同名法.md" {
		t.Fatalf("items %v", names)
	}
	reasons := map[string]string{}
	for _, s := range b.Skipped {
		reasons[s.Name] = s.Reason
	}
	if !strings.Contains(reasons["法律/行政法/同名法.md"], "同名法律（同一部法律收在两个分类下）") ||
		!strings.Contains(reasons["本地/措施.md"], "同一份文件（内容相同），只导入一次") || strings.Contains(reasons["本地/措施.md"], "同名法律") {
		t.Errorf("skipped %+v", b.Skipped)
	}
	if len(b.Refused) != 2 || !strings.Contains(b.Refused[1].UserMessage(), "id“dup”重复") {
		for _, r := range b.Refused {
			t.Log(r.UserMessage())
		}
		t.Errorf("refused %d, want the undecodable file and the duplicate id", len(b.Refused))
	}
}

func TestPathsWalksFolders(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "a.txt"), []byte(plainRules), 0o644)
	os.WriteFile(filepath.Join(dir, "photo.png"), []byte("png"), 0o644)
	os.WriteFile(filepath.Join(dir, "synonyms.txt"), []byte("甲 乙"), 0o644)
	b, err := Paths([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 1 || b.Items[0].Name != "sub/a.txt" || len(b.Skipped) != 2 {
		t.Errorf("items %v skipped %+v", b.Items, b.Skipped)
	}
	if _, err := Paths([]string{filepath.Join(dir, "missing")}, Options{}); err == nil {
		t.Error("a missing path must be an error")
	}
}

// The importer reads the collection as the loader does: the same 1,525
// documents and 65,489 articles (see knowledge/load_laws_test.go), and
// says why it skips the other 77 files.
func TestPathsLawCollection(t *testing.T) {
	b, err := Paths([]string{sharedcorpus.LawsDir(t)}, Options{Defaults: Metadata{Verification: knowledge.Verified}})
	if err != nil {
		t.Fatal(err)
	}
	var docs, cases, articles int
	for _, it := range b.Items {
		if it.Doc != nil {
			docs++
		} else {
			cases++
		}
		articles += it.Articles()
	}
	if docs != 1525 || cases != 0 || articles != 65489 || len(b.Refused) != 0 {
		t.Errorf("%d documents, %d cases, %d articles, %d refused", docs, cases, articles, len(b.Refused))
	}
	reasons := map[string]int{}
	for _, s := range b.Skipped {
		switch {
		case strings.Contains(s.Reason, "法院判决"):
			reasons["court"]++
		case strings.Contains(s.Reason, "同名法律"):
			reasons["duplicate"]++
		default:
			reasons["not knowledge"]++
		}
	}
	if reasons["court"] != 52 || reasons["duplicate"] != 4 || reasons["not knowledge"] != 21 {
		t.Errorf("skipped: %v", reasons)
	}
}

func BenchmarkPathsLawCollection(b *testing.B) {
	dir := sharedcorpus.LawsDir(b)
	for b.Loop() {
		if _, err := Paths([]string{dir}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Two versions of a law in one import are linked as the loader links them,
// and the stored texts say so.
func TestFilesLinkLawVersions(t *testing.T) {
	v1 := "# 中华人民共和国某法\n\n<!-- INFO END -->\n\n第一条 为了规范某事，制定本法。\n\n第二条 当事人对处理决定不服的，可以在一个月内申请复审。\n"
	v2 := "# 中华人民共和国某法\n\n<!-- INFO END -->\n\n第一条 为了规范某事，制定本法。\n\n第二条 新增的一条规定，与旧法无关的内容在这里。\n\n第三条 当事人对处理决定不服的，可以在一个月内申请复审。\n"
	b := Files([]Source{{Name: "法律/某法(2020-06-01).md", Data: []byte(v2)}, {Name: "法律/某法(2010-01-01).md", Data: []byte(v1)}}, Options{})
	if len(b.Items) != 2 || len(b.Refused) > 0 {
		t.Fatalf("items %d, refused %v", len(b.Items), b.Refused)
	}
	old, cur := b.Items[0], b.Items[1]
	if old.Doc.SupersededBy != cur.ID() || old.Doc.Status != knowledge.StatusAmended || cur.Doc.Supersedes != old.ID() {
		t.Fatalf("not linked: %+v / %+v", old.Doc, cur.Doc)
	}
	if !strings.Contains(cur.Text, "renumbered: 第二条=第三条") || !strings.Contains(old.Text, "superseded_by: 某法(2020-06-01)") || !strings.Contains(old.Text, "status: 已修订") {
		t.Errorf("stored texts lack the links:\n%s\n%s", old.Text, cur.Text)
	}
}

func metaField(t *testing.T, it *Item, key string) MetaField {
	t.Helper()
	for _, f := range it.Meta {
		if f.Key == key {
			return f
		}
	}
	t.Fatalf("%s: no %s in %+v", it.Name, key, it.Meta)
	return MetaField{}
}

// A county measure says what it is: the preview shows its level, region,
// issuer, status and effective date as read or guessed, guesses flagged,
// and the stored text keeps which fields were guessed.
func TestMetadataReadOrGuessed(t *testing.T) {
	county := "# 某县数字乡村建设容错免责办法\n\n中共某县委办公室\n\n第一条 为了鼓励干部担当作为，制定本办法。\n\n第二条 干部在数字乡村建设中先行先试出现失误的，可以容错免责。\n\n第三条 本办法自2023年5月1日起施行。\n"
	it := mustFile(t, "county.md", []byte(county), Options{})
	for key, want := range map[string]struct {
		value   string
		guessed bool
	}{
		MetaLevel: {knowledge.LevelNormative, true}, MetaRegion: {"某县", true}, MetaIssuer: {"中共某县委办公室", false},
		MetaStatus: {knowledge.StatusCurrent, true}, MetaEffective: {"2023-05-01", false},
	} {
		if f := metaField(t, it, key); f.Value != want.value || f.Guessed != want.guessed || f.From == "" {
			t.Errorf("%s: %+v, want %q guessed %v", key, f, want.value, want.guessed)
		}
	}
	if it.Doc.Region != "某县" || it.Doc.Effective != "2023-05-01" || !strings.Contains(it.Text, "guessed: level, region, status") {
		t.Errorf("stored metadata %+v\n%s", it.Doc, it.Text)
	}

	// A GBK text with the issuer in its signature and no effective clause:
	// the signature date is the guess, and the places read are offered.
	notice := "关于建立容错纠错机制的实施意见\n\n一、总体要求\n各级党组织要落实三个区分开来，宽容干部在改革创新中的失误。\n\n二、容错情形\n干部在推进改革中先行先试出现失误的，可以容错。\n\n中共清江浦区委办公室\n2023年6月5日\n"
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String(notice)
	it = mustFile(t, "gbk.txt", []byte(gbk), Options{})
	if f := metaField(t, it, MetaRegion); f.Value != "清江浦区" || !f.Guessed || !slices.Contains(f.Candidates, "全国") {
		t.Errorf("region %+v", f)
	}
	if f := metaField(t, it, MetaEffective); f.Value != "2023-06-05" || !f.Guessed || !strings.Contains(f.From, "落款") {
		t.Errorf("effective %+v", f)
	}
	// gbk.txt names the encoding, not the text: the id is built from the
	// text (a norm of 2023, no province) and the old name id is kept aside.
	if it.IDFrom != IDFromTitle || !regexp.MustCompile(`^norm-2023-[0-9a-f]{6}$`).MatchString(it.ID()) || it.LegacyID != "gbk" {
		t.Errorf("id %s from %q, legacy %q", it.ID(), it.IDFrom, it.LegacyID)
	}

	// Staff's values stand, and are no guesses.
	it = mustFile(t, "gbk.txt", []byte(gbk), Options{Defaults: Metadata{Region: "江苏省淮安市清江浦区", Effective: "2023-07", Level: knowledge.LevelNormative}})
	if f := metaField(t, it, MetaRegion); f.Value != "江苏省淮安市清江浦区" || f.Guessed || f.From != "工作人员指定" {
		t.Errorf("staff region %+v", f)
	}
	if it.Doc.Effective != "2023-07" || strings.Contains(it.Text, "region") && strings.Contains(it.Text, "guessed: level") {
		t.Errorf("staff values %+v\n%s", it.Doc, it.Text)
	}
	if _, err := File("gbk.txt", []byte(gbk), Options{Defaults: Metadata{Effective: "去年"}}); err == nil {
		t.Error("a bad --effective must be refused")
	}

	// SetField corrects one field and takes it off the guesses.
	d := mustFile(t, "county.md", []byte(county), Options{}).Doc
	if err := SetField(d, MetaRegion, "湖北省某县"); err != nil || d.Region != "湖北省某县" || slices.Contains(Guessed(d), MetaRegion) || !slices.Contains(Guessed(d), MetaLevel) {
		t.Errorf("SetField: %v, region %q, guessed %v", err, d.Region, Guessed(d))
	}
	if err := SetField(d, MetaLevel, "文件"); err == nil {
		t.Error("an invalid level accepted")
	}
}

// A note that is not a policy is refused, unless staff insist.
func TestNonPolicyFileRefusedUnlessForced(t *testing.T) {
	lunch := []byte("今天中午吃什么\n\n楼下新开了一家面馆，牛肉面二十块，味道还行。\n\n明天试试隔壁的饺子。\n")
	_, err := File("lunch.txt", lunch, Options{})
	if r, ok := err.(*Refusal); !ok || !r.Forceable || !strings.Contains(r.UserMessage(), "看起来不是政策文件") || !strings.Contains(r.UserMessage(), "--force") {
		t.Fatalf("lunch note: %v", err)
	}
	it, err := File("lunch.txt", lunch, Options{Force: true})
	if err != nil || !strings.Contains(strings.Join(it.Warnings, ""), "仍然导入") {
		t.Errorf("forced: %v %v", err, it)
	}
	// A policy text without articles is no lunch note.
	mustFile(t, "notice.txt", []byte("关于进一步做好容错纠错工作的通知\n\n各级党组织要落实容错纠错机制，宽容干部在改革中的失误，对干部的问责应当依规依纪。\n"), Options{})
}

// An id means something and stays the same: an ASCII file name that says
// something gives its slug; any other name an id from the level, province,
// year and title, the same for the same text whatever the file is called;
// staff's id stands.
func TestDocumentIDs(t *testing.T) {
	hubei := "湖北省容错纠错实施办法\n湖北省人民政府办公厅\n第一条 为了鼓励干部担当作为，制定本办法。\n第二条 本办法自2022年3月1日起施行。\n"
	for _, tt := range []struct{ name, id, from string }{
		{"wzcl-2019.txt", "wzcl-2019", IDFromFile},
		{"County Measures (2023).docx", "county-measures-2023", IDFromFile},
		{"gbk.txt", "", IDFromTitle},
		{"document (1).txt", "", IDFromTitle},
		{"IMG_20230501.txt", "", IDFromTitle},
		{"3fa9c2e81b7d.txt", "", IDFromTitle},
		{"新建文本文档.txt", "", IDFromTitle},
		{"湖北省容错纠错实施办法.txt", "", IDFromTitle},
	} {
		if tt.id == "" {
			tt.id = mustFile(t, "a.txt", []byte(hubei), Options{}).ID()
		}
		data := []byte(hubei)
		if strings.HasSuffix(tt.name, ".docx") {
			var paras []string
			for _, l := range strings.Split(strings.TrimSpace(hubei), "\n") {
				paras = append(paras, para(l, ""))
			}
			data = buildZip(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{partDocument, documentXML(paras...)})
		}
		it := mustFile(t, tt.name, data, Options{})
		if it.ID() != tt.id || it.IDFrom != tt.from || it.Doc.Provisions[0].DocID != tt.id || !strings.Contains(it.Text, "id: "+tt.id+"\n") {
			t.Errorf("%s: id %q from %q, want %q from %q", tt.name, it.ID(), it.IDFrom, tt.id, tt.from)
		}
	}
	if id := mustFile(t, "gbk.txt", []byte(hubei), Options{}).ID(); !regexp.MustCompile(`^norm-hubei-2022-[0-9a-f]{6}$`).MatchString(id) {
		t.Errorf("id from the text: %s", id)
	}
	other := mustFile(t, "gbk.txt", []byte(strings.Replace(hubei, "实施办法", "实施细则", 1)), Options{}).ID()
	if other == mustFile(t, "gbk.txt", []byte(hubei), Options{}).ID() {
		t.Errorf("two titles, one id %s", other)
	}
	// A central text is cn; staff's level does not change the id.
	central := "中国共产党问责条例\n第一条 为了坚持党的领导，制定本条例。\n"
	if id := mustFile(t, "x.txt", []byte(central), Options{Defaults: Metadata{Level: knowledge.LevelNormative}}).ID(); !strings.HasPrefix(id, "party-cn-") {
		t.Errorf("central text: %s", id)
	}

	// Staff's id stands, for a file without front matter only.
	it := mustFile(t, "gbk.txt", []byte(hubei), Options{ID: "hubei-rongcuo-2022"})
	if it.ID() != "hubei-rongcuo-2022" || it.IDFrom != IDFromStaff || it.LegacyID != "" || !strings.HasPrefix(it.Doc.Provisions[1].ID, "hubei-rongcuo-2022#") {
		t.Errorf("staff id: %s from %q legacy %q, %s", it.ID(), it.IDFrom, it.LegacyID, it.Doc.Provisions[1].ID)
	}
	for _, bad := range []string{"a b", "x#1", "a/b", strings.Repeat("长", MaxIDLen+1)} {
		if _, err := File("gbk.txt", []byte(hubei), Options{ID: bad}); err == nil || !strings.Contains(err.(*Refusal).UserMessage(), "无效") {
			t.Errorf("id %q: %v", bad, err)
		}
	}
	front := "---\nid: own\nkind: document\ntitle: 办法\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n第一条 内容。\n"
	if _, err := File("own.md", []byte(front), Options{ID: "other"}); err == nil || !strings.Contains(err.(*Refusal).UserMessage(), "已写明 id“own”") {
		t.Errorf("front matter with --id: %v", err)
	}

	// Two files with one title and different texts are refused in a batch.
	b := Files([]Source{{"gbk.txt", []byte(hubei)}, {"utf8.txt", []byte(hubei + "第三条 新增。\n")}}, Options{})
	if len(b.Refused) != 1 || !strings.Contains(b.Refused[0].UserMessage(), "标题相同") {
		t.Errorf("same title: %+v", b.Refused)
	}
}
