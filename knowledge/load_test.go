package knowledge

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const goodDoc = `---
id: wzcl-2019
kind: document
title: 《中国共产党问责条例》
short: 问责条例
issuer: 中共中央
number:
level: 党内法规
effective: 2019-09-01
status: 现行
region: 全国
source: https://example.org/wzcl
verification: verified
unverified: 第十八条，第十九条
note： 全角冒号也可以
---
## 第一章 总则

第十七条 有下列情形之一的，可以不予问责或者免予问责：

（一）在推进改革中因缺乏经验、先行先试出现的失误；

第十八条 概括（待核对）。

第十九条 概括（待核对）。
`

const goodCase = `---
id: case-a
kind: case
title: 某县招商引资容错案
region: 江苏
year: 2019
field: 招商引资
outcome: 容错免责
criteria: 动机态度、程序方法，客观条件
source: https://example.org/case
illustrative: true
verification: partial
---
## 事实

某县为引进项目，经集体研究给予优惠。

后因政策调整造成损失。

## 处理

### 决定

免予问责。

## 理由

出于公心，程序合规。
`

func TestParseFileDocument(t *testing.T) {
	d, c, warnings := ParseFile("corpus/documents/wzcl-2019.md", []byte(goodDoc))
	if d == nil || c != nil || len(warnings) > 0 {
		t.Fatalf("ParseFile: doc %v case %v warnings %v", d, c, warnings)
	}
	if d.ID != "wzcl-2019" || d.Title != "中国共产党问责条例" || d.Short != "问责条例" || d.Issuer != "中共中央" ||
		d.Level != LevelPartyRule || d.Effective != "2019-09-01" || d.Status != StatusCurrent || d.Region != "全国" ||
		d.Source != "https://example.org/wzcl" || d.Verification != Verified || d.File != "corpus/documents/wzcl-2019.md" {
		t.Errorf("metadata: %+v", d)
	}
	if d.Extra["note"] != "全角冒号也可以" || len(d.Extra) != 1 {
		t.Errorf("Extra = %v, want only note", d.Extra)
	}
	var got []string
	for _, p := range d.Provisions {
		got = append(got, p.ID+" "+p.Chapter+" "+map[bool]string{true: "verified", false: "unverified"}[p.Verified])
	}
	want := []string{"wzcl-2019#17 第一章 总则 verified", "wzcl-2019#18 第一章 总则 unverified", "wzcl-2019#19 第一章 总则 unverified"}
	if !slices.Equal(got, want) {
		t.Errorf("provisions %q, want %q", got, want)
	}
	if p := d.Provisions[0]; p.Line != 19 || p.Text != "有下列情形之一的，可以不予问责或者免予问责：\n（一）在推进改革中因缺乏经验、先行先试出现的失误；" {
		t.Errorf("第十七条 line %d text %q", p.Line, p.Text)
	}
}

func TestPartialDocumentIsNeverVerified(t *testing.T) {
	src := strings.Replace(goodDoc, "verification: verified", "verification: partial", 1)
	d, _, _ := ParseFile("p.md", []byte(src))
	if d == nil {
		t.Fatal("not loaded")
	}
	for _, p := range d.Provisions {
		if p.Verified {
			t.Errorf("%s verified in a partial document", p.ID)
		}
	}
}

func TestParseFileCase(t *testing.T) {
	d, c, warnings := ParseFile("cases/case-a.md", []byte(goodCase))
	if c == nil || d != nil || len(warnings) > 0 {
		t.Fatalf("ParseFile: doc %v case %v warnings %v", d, c, warnings)
	}
	if c.ID != "case-a" || c.Region != "江苏" || c.Year != "2019" || c.Field != "招商引资" || c.Outcome != OutcomeExempt ||
		!c.Illustrative || c.Verification != Partial || c.Source != "https://example.org/case" || c.File != "cases/case-a.md" || c.Line != 1 {
		t.Errorf("metadata: %+v", c)
	}
	if !slices.Equal(c.Criteria, []string{"动机态度", "程序方法", "客观条件"}) {
		t.Errorf("criteria %q", c.Criteria)
	}
	if c.Facts != "某县为引进项目，经集体研究给予优惠。\n后因政策调整造成损失。" || c.Handling != "决定\n免予问责。" || c.Reasons != "出于公心，程序合规。" {
		t.Errorf("sections: facts %q handling %q reasons %q", c.Facts, c.Handling, c.Reasons)
	}
}

func TestParseFilePlainLaw(t *testing.T) {
	src := "\ufeff# 中华人民共和国民法典\r\n\r\n# 人格权编\r\n\r\n2020年5月28日 通过\r\n\r\n<!-- INFO END -->\r\n\r\n## 第一章  一般规定\r\n\r\n第九百八十九条 本编调整因人格权的享有和保护产生的民事关系。\r\n"
	d, _, warnings := ParseFile("民法典/人格权编(2020-05-28).md", []byte(src))
	if d == nil || len(warnings) > 0 {
		t.Fatalf("doc %v warnings %v", d, warnings)
	}
	if d.ID != "人格权编(2020-05-28)" || d.Title != "中华人民共和国民法典" || d.Short != "民法典" || d.Effective != "2020-05-28" ||
		d.Level != LevelLaw || d.Region != "全国" || d.Status != StatusCurrent || d.Verification != Verified || d.Extra["part"] != "人格权编" {
		t.Errorf("metadata: %+v", d)
	}
	if len(d.Provisions) != 1 {
		t.Fatalf("%d provisions", len(d.Provisions))
	}
	p := d.Provisions[0]
	if p.ID != "人格权编(2020-05-28)#989" || p.Chapter != "人格权编 / 第一章 一般规定" || !p.Verified || p.Line != 11 ||
		p.Text != "本编调整因人格权的享有和保护产生的民事关系。" {
		t.Errorf("provision: %+v", p)
	}
}

func TestPlainLawLevelAndRegion(t *testing.T) {
	law := "# 标题\n\n第一条 甲。\n"
	tests := []struct{ name, level, region string }{
		{"行政法规/工伤保险条例(2010-12-20).md", LevelRegulation, "全国"},
		{"司法解释/某解释.md", LevelNormative, "全国"},
		{"部门规章/公安部/某规定.md", LevelNormative, "全国"},
		{"刑法/刑法.md", LevelLaw, "全国"},
		{"DLC/广东地方法规/地方性法规/广东/某条例.md", LevelLocalLaw, "广东"},
		{"DLC/上海地方法规/某条例.md", LevelNormative, "上海"},
		{"别处/某办法.md", LevelNormative, "全国"},
	}
	for _, tt := range tests {
		d, _, _ := ParseFile(tt.name, []byte(law))
		if d == nil || d.Level != tt.level || d.Region != tt.region {
			t.Errorf("%s: %+v, want level %s region %s", tt.name, d, tt.level, tt.region)
		}
	}
	d, _, _ := ParseFile("别处/x.md", []byte("# 中华人民共和国某某法\n\n第一条 甲。\n"))
	if d == nil || d.Level != LevelLaw {
		t.Errorf("a 中华人民共和国…法 outside known folders: %+v", d)
	}
}

func TestFilesThatAreNotKnowledge(t *testing.T) {
	for name, src := range map[string]string{
		"corpus/README.md": "# 说明\n\n第一条 这不是法律。\n",
		"刑法/_index.md":     "---\nbookCollapseSection: true\n---\n",
		"法律法规模版.md":        "---\nbookHidden: true\n---\n\n# 标题\n\n第一条 xxxxx\n",
		"案例/劳动人事/加班费的仲裁时效应当如何认定.md": "# 加班费的仲裁时效应当如何认定\n\n## 基本案情\n\n第十二条 引用的条文。\n",
	} {
		d, c, problems := ParseFile(name, []byte(src))
		if d != nil || c != nil || len(problems) > 0 {
			t.Errorf("%s: doc %v case %v problems %v, want skipped", name, d, c, problems)
		}
	}
	// A front-matter case filed under a 案例 folder is knowledge all the same.
	if _, c, _ := ParseFile("案例/case-a.md", []byte(goodCase)); c == nil {
		t.Error("front-matter case under 案例/ was skipped")
	}
}

// TestValidationProblems covers every problem one file can have: each
// rejects the file and names the file and the line to fix.
func TestValidationProblems(t *testing.T) {
	doc := func(old, new string) string { return strings.Replace(goodDoc, old, new, 1) }
	kase := func(old, new string) string { return strings.Replace(goodCase, old, new, 1) }
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"malformed line", doc("short: 问责条例", "short 问责条例"), 5, "key: value"},
		{"key with spaces", doc("short: 问责条例", "short name: 问责条例"), 5, "key: value"},
		{"duplicate key", doc("short: 问责条例", "short: 问责条例\nshort: 条例"), 6, "字段 short 重复（第 5 行已有）"},
		{"unterminated front matter", "---\nid: a\nkind: document\n", 1, "没有结束的“---”行"},
		{"missing kind", doc("kind: document\n", ""), 1, "缺少必填字段 kind"},
		{"unknown kind", doc("kind: document", "kind: speech"), 3, "kind 的值“speech”无效，允许的值：document、case"},
		{"missing title", doc("title: 《中国共产党问责条例》\n", ""), 1, "缺少必填字段 title"},
		{"missing level", doc("level: 党内法规\n", ""), 1, "缺少必填字段 level"},
		{"missing status", doc("status: 现行\n", ""), 1, "缺少必填字段 status"},
		{"missing verification", doc("verification: verified\n", ""), 1, "缺少必填字段 verification"},
		{"empty id", doc("id: wzcl-2019", "id:"), 1, "缺少必填字段 id"},
		{"id with a space", doc("id: wzcl-2019", "id: wzcl 2019"), 2, "不能含空白或“#”"},
		{"id with #", doc("id: wzcl-2019", "id: wzcl#2019"), 2, "不能含空白或“#”"},
		{"invalid level", doc("level: 党内法规", "level: 法规"), 8, "level 的值“法规”无效，允许的值：党内法规、法律、行政法规、地方性法规、规范性文件、讲话、评论"},
		{"invalid status", doc("status: 现行", "status: 有效"), 10, "status 的值“有效”无效，允许的值：现行、已修订、失效"},
		{"invalid verification", doc("verification: verified", "verification: yes"), 13, "verification 的值“yes”无效，允许的值：verified、partial、unverified"},
		{"invalid effective", doc("effective: 2019-09-01", "effective: 2019/09/01"), 9, "effective 的值“2019/09/01”无效"},
		{"impossible date", doc("effective: 2019-09-01", "effective: 2019-13-01"), 9, "effective 的值“2019-13-01”无效"},
		{"invalid excerpt", doc("status: 现行", "status: 现行\nexcerpt: 是"), 11, "excerpt 的值“是”无效，允许的值：true、false"},
		{"unverified names no article", doc("unverified: 第十八条，第十九条", "unverified: 第十八条，第二十条"), 14, "unverified 中的“第二十条”不是本文件的条文"},
		{"duplicate article", doc("第十九条 概括", "第十八条 概括"), 25, "第十八条 重复：第 23 行已有同号条文"},
		{"empty body", strings.SplitAfter(goodDoc, "---\n")[0] + strings.SplitAfter(goodDoc, "---\n")[1], 17, "正文为空"},
		{"case missing outcome", kase("outcome: 容错免责\n", ""), 1, "缺少必填字段 outcome"},
		{"case missing region", kase("region: 江苏\n", ""), 1, "缺少必填字段 region"},
		{"case missing year", kase("year: 2019\n", ""), 1, "缺少必填字段 year"},
		{"case missing field", kase("field: 招商引资\n", ""), 1, "缺少必填字段 field"},
		{"case invalid outcome", kase("outcome: 容错免责", "outcome: 免责"), 8, "outcome 的值“免责”无效，允许的值：容错免责、从轻、减轻、不予容错、未见公开报道"},
		{"case invalid field", kase("field: 招商引资", "field: 外交"), 7, "field 的值“外交”无效，允许的值：招商引资、"},
		{"case invalid verification", kase("verification: partial", "verification: 已核实"), 12, "verification 的值“已核实”无效"},
		{"case invalid year", kase("year: 2019", "year: 19年"), 6, "year 的值“19年”无效，应为四位年份"},
		{"case invalid illustrative", kase("illustrative: true", "illustrative: 是"), 11, "illustrative 的值“是”无效，允许的值：true、false"},
		{"case missing section", kase("## 理由\n\n出于公心，程序合规。\n", ""), 14, "缺少“## 理由”小节"},
		{"case empty section", kase("出于公心，程序合规。\n", ""), 26, "“## 理由”小节是空的"},
		{"case duplicate section", kase("## 理由", "## 事实\n\n又一段。\n\n## 理由"), 26, "小节“事实”重复（第 14 行已有）"},
		{"plain file without a title", "第一条 没有标题的文件。\n", 1, "没有“# 标题”行"},
		{"not UTF-8", "# \xd6\xd0\xb9\xfa\n", 0, "不是 UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, c, problems := ParseFile("dir/f.md", []byte(tt.src))
			if d != nil || c != nil {
				t.Fatalf("loaded despite the problem (problems %v)", problems)
			}
			for _, p := range problems {
				if p.File == "dir/f.md" && p.Line == tt.line && strings.Contains(p.Msg, tt.msg) {
					if !strings.HasPrefix(p.Error(), "dir/f.md") {
						t.Errorf("Error() = %q does not start with the file", p.Error())
					}
					return
				}
			}
			t.Errorf("problems %v, want dir/f.md:%d: …%s…", problems, tt.line, tt.msg)
		})
	}
}

func TestWarningsKeepTheFile(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int
		msg             string
	}{
		{"numbering gap", "d.md", strings.Replace(goodDoc, "第十九条 概括", "第二十条 概括", 1), 25, "条文编号不连续：第十八条 之后是 第二十条"},
		{"text outside articles", "d.md", strings.Replace(goodDoc, "## 第一章 总则\n", "## 第一章 总则\n\n前言一段。\n", 1), 19, "不属于任何条文"},
		{"unknown case key", "c.md", strings.Replace(goodCase, "region: 江苏", "region: 江苏\nillustrativ: false", 1), 6, "案例不认识字段 illustrativ"},
		{"ignored case section", "c.md", goodCase + "\n## 来源\n\n某报道。\n", 30, "案例小节“来源”不是 事实、处理、理由 之一"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "numbering gap" {
				tt.src = strings.Replace(tt.src, "第十八条，第十九条", "第十八条，第二十条", 1)
			}
			d, c, warnings := ParseFile(tt.file, []byte(tt.src))
			if d == nil && c == nil {
				t.Fatalf("rejected: %v", warnings)
			}
			if len(warnings) != 1 || warnings[0].File != tt.file || warnings[0].Line != tt.line || !strings.Contains(warnings[0].Msg, tt.msg) {
				t.Errorf("warnings %v, want %s:%d: …%s…", warnings, tt.file, tt.line, tt.msg)
			}
		})
	}
}

func TestLoadFSAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"kb/a/wzcl-2019.md":             {Data: []byte(goodDoc)},
		"kb/b/wzcl-2019-copy.md":        {Data: []byte(goodDoc)},
		"kb/cases/case-a.md":            {Data: []byte(goodCase)},
		"kb/cases/clash.md":             {Data: []byte(strings.Replace(goodCase, "id: case-a", "id: wzcl-2019", 1))},
		"kb/cases/bad.md":               {Data: []byte(strings.Replace(goodCase, "outcome: 容错免责", "outcome: 免责", 1))},
		"kb/laws/法律/某法(2020-01-01).md":  {Data: []byte("# 某法\n\n第一条 甲。\n")},
		"kb/laws/行政法/某法(2020-01-01).md": {Data: []byte("# 某法\n\n第一条 甲。\n")},
		"kb/synonyms.txt":               {Data: []byte("# 同义词\n出国 出境、因私出境\n购物卡，礼品卡, 购物卡\n孤词\n")},
		"kb/more/synonyms.txt":          {Data: []byte("兼职 兼任职务 # 行尾注释\n")},
		"kb/terms.txt":                  {Data: []byte("容错\n\n# 注释\n三个区分开来\n容错\n")},
		"kb/README.md":                  {Data: []byte("# 说明\n")},
		"kb/notes.txt":                  {Data: []byte("不是知识文件")},
		"elsewhere/ignored.md":          {Data: []byte(goodDoc)},
	}
	kb, problems := LoadFS(fsys, "kb")

	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{
		"kb/b/wzcl-2019-copy.md:1: id“wzcl-2019”重复：kb/a/wzcl-2019.md 已使用，本文件未载入",
		"kb/cases/bad.md:8: outcome 的值“免责”无效，允许的值：容错免责、从轻、减轻、不予容错、未见公开报道",
		"kb/cases/clash.md:1: id“wzcl-2019”重复：kb/a/wzcl-2019.md 已使用，本文件未载入",
		"kb/synonyms.txt:4: 同义词组“孤词”至少要有两个不同的词",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(kb.Documents) != 2 || kb.Documents[0].ID != "wzcl-2019" || kb.Documents[0].File != "kb/a/wzcl-2019.md" || kb.Documents[1].ID != "某法(2020-01-01)" {
		t.Errorf("documents: %v", kb.Documents)
	}
	if len(kb.Cases) != 1 || kb.Case("case-a") == nil {
		t.Errorf("cases: %v", kb.Cases)
	}
	if kb.Provision("wzcl-2019#17") == nil || kb.Provision("wzcl-2019#17").Doc != kb.Document("wzcl-2019") {
		t.Error("provision lookup not wired to its document")
	}
	wantSyn := Synonyms{{"兼职", "兼任职务"}, {"出国", "出境", "因私出境"}, {"购物卡", "礼品卡"}} // kb/more/ sorts first
	if !slices.EqualFunc(kb.Synonyms, wantSyn, slices.Equal) {
		t.Errorf("synonyms %q, want %q", kb.Synonyms, wantSyn)
	}
	if !slices.Equal(kb.Terms, []string{"容错", "三个区分开来"}) {
		t.Errorf("terms %q", kb.Terms)
	}
	if len(kb.Warnings) != 1 || kb.Warnings[0].File != "kb/laws/行政法/某法(2020-01-01).md" || !strings.Contains(kb.Warnings[0].Msg, "同名法律已从 kb/laws/法律/某法(2020-01-01).md 载入") {
		t.Errorf("warnings %v", kb.Warnings)
	}
}

func TestLoadFSEmpty(t *testing.T) {
	kb, problems := LoadFS(fstest.MapFS{"kb/README.md": {Data: []byte("# 说明")}}, "kb")
	if len(problems) > 0 || len(kb.Documents) > 0 || len(kb.Cases) > 0 {
		t.Errorf("empty tree: problems %v, %d documents", problems, len(kb.Documents))
	}
	if _, problems := LoadFS(fstest.MapFS{}, "missing"); len(problems) != 1 || problems[0].File != "missing" {
		t.Errorf("missing root: %v", problems)
	}
}

func TestLoadDirNamesFilesAsTheUserTypedThem(t *testing.T) {
	dir := filepath.Join("testdata", "kb")
	kb, problems := LoadDir(dir)
	if len(problems) != 1 || problems[0].File != filepath.Join(dir, "documents", "broken.md") || problems[0].Line != 5 {
		t.Errorf("problems %v, want one at %s:5", problems, filepath.Join(dir, "documents", "broken.md"))
	}
	if d := kb.Document("zwcf-2020"); d == nil || d.File != filepath.Join(dir, "documents", "zwcf-2020.md") {
		t.Errorf("document: %+v", d)
	}
	if c := kb.Case("case-a"); c == nil || c.File != filepath.Join(dir, "cases", "case-a.md") {
		t.Errorf("case: %+v", c)
	}
	if d := kb.Document("公职人员政务处分法(2020-06-20)"); d == nil || d.Level != LevelLaw || len(d.Provisions) != 2 {
		t.Errorf("plain law: %+v", d)
	}
	if len(kb.Warnings) != 1 || kb.Warnings[0].File != filepath.Join(dir, "laws", "宪法相关法", "公职人员政务处分法(2020-06-20).md") || kb.Warnings[0].Line != 13 {
		t.Errorf("warnings %v", kb.Warnings)
	}
	if len(kb.Synonyms) != 1 || len(kb.Terms) != 2 {
		t.Errorf("synonyms %v terms %v", kb.Synonyms, kb.Terms)
	}
}

func TestEmbedded(t *testing.T) {
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Documents) == 0 || len(kb.Provisions()) == 0 {
		t.Errorf("embedded corpus: %d documents, %d provisions", len(kb.Documents), len(kb.Provisions()))
	}
	for _, d := range kb.Documents {
		if !strings.HasPrefix(d.File, "corpus/") {
			t.Errorf("%s: file %q", d.ID, d.File)
		}
	}
}

func TestLoadStrict(t *testing.T) {
	_, err := loadStrict(fstest.MapFS{"corpus/README.md": {Data: []byte("# 说明")}}, "corpus")
	if err == nil || !strings.Contains(err.Error(), "no documents") {
		t.Errorf("empty corpus: %v", err)
	}
	_, err = loadStrict(fstest.MapFS{
		"corpus/a.md": {Data: []byte(goodDoc)},
		"corpus/b.md": {Data: []byte(strings.Replace(goodDoc, "level: 党内法规", "level: 法规", 1))},
		"corpus/c.md": {Data: []byte(strings.Replace(goodCase, "year: 2019", "year: 19", 1))},
	}, "corpus")
	if err == nil || !strings.Contains(err.Error(), "2 problems") || !strings.Contains(err.Error(), "corpus/b.md:8: level") || !strings.Contains(err.Error(), "corpus/c.md:6: year") {
		t.Errorf("broken corpus: %v", err)
	}
}
