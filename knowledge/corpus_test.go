package knowledge

// Data tests for the shipped corpus (knowledge/corpus). (The gold sets are
// checked in package evaluate.) They check what a reviewer from a discipline inspection
// commission would check first: nothing quotable without a source, wording
// marked verified really is the wording, ids stable and unique, cases
// complete.

import (
	"bufio"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rongcuo/internal/sharedcorpus"
)

func corpusKB(t *testing.T) *KB {
	t.Helper()
	kb, err := Embedded()
	if err != nil {
		t.Fatalf("embedded corpus: %v", err)
	}
	return kb
}

func TestCorpusLoadsWithoutWarnings(t *testing.T) {
	kb := corpusKB(t)
	for _, w := range kb.Warnings {
		t.Errorf("warning: %v", w)
	}
	if len(kb.Synonyms) < 40 {
		t.Errorf("synonyms.txt has %d groups, want at least 40", len(kb.Synonyms))
	}
}

func TestVerifiedProvisionsHaveSourceAndText(t *testing.T) {
	kb := corpusKB(t)
	var verified int
	for _, p := range kb.Provisions() {
		if strings.TrimSpace(p.Text) == "" {
			t.Errorf("%s: empty text", p.ID)
		}
		if !p.Verified {
			continue
		}
		verified++
		if !strings.HasPrefix(p.Doc.Source, "http://") && !strings.HasPrefix(p.Doc.Source, "https://") {
			t.Errorf("%s is verified but its document has no source address: %q", p.ID, p.Doc.Source)
		}
		if p.Doc.Verification != Verified {
			t.Errorf("%s is verified inside a %s document", p.ID, p.Doc.Verification)
		}
	}
	if verified == 0 {
		t.Fatal("no verified provision at all")
	}
}

// An unverified article in a rule or law reads like the rule itself; its text
// must say that it is a paraphrase so no reader takes it for the wording.
func TestUnverifiedArticlesSayTheyAreParaphrases(t *testing.T) {
	kb := corpusKB(t)
	for _, p := range kb.Provisions() {
		if p.Verified || p.Number == 0 {
			continue
		}
		head := string([]rune(p.Text)[:min(40, len([]rune(p.Text)))])
		if !strings.Contains(head, "待核对") && !strings.Contains(head, "未核实") {
			t.Errorf("%s (%s) is unverified but does not open by saying so: %q", p.ID, p.Article, head)
		}
	}
}

// Ids are referenced by the gold set and by answers people saved: each file
// is named after its id, and no id is used twice across documents and cases.
func TestCorpusIDsUniqueAndMatchFileNames(t *testing.T) {
	seen := map[string]string{}
	err := fs.WalkDir(corpusFS, "corpus", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".md" || strings.EqualFold(path.Base(name), "README.md") {
			return err
		}
		data, err := fs.ReadFile(corpusFS, name)
		if err != nil {
			return err
		}
		doc, c, problems := ParseFile(name, data)
		for _, p := range problems {
			t.Errorf("%v", p)
		}
		var id string
		switch {
		case doc != nil:
			id = doc.ID
		case c != nil:
			id = c.ID
		default:
			t.Errorf("%s: neither a document nor a case", name)
			return nil
		}
		if want := strings.TrimSuffix(path.Base(name), ".md"); id != want {
			t.Errorf("%s: id %q differs from the file name", name, id)
		}
		if prev, ok := seen[id]; ok {
			t.Errorf("id %q used by %s and %s", id, prev, name)
		}
		seen[id] = name
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDocumentsHaveFullMetadata(t *testing.T) {
	kb := corpusKB(t)
	for _, d := range kb.Documents {
		for field, v := range map[string]string{"title": d.Title, "short": d.Short, "issuer": d.Issuer, "region": d.Region, "source": d.Source} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", d.ID, field)
			}
		}
		if !slices.Contains(Levels, d.Level) || !slices.Contains(Statuses, d.Status) {
			t.Errorf("%s: level %q or status %q not allowed", d.ID, d.Level, d.Status)
		}
		if len(d.Provisions) == 0 {
			t.Errorf("%s: no provisions", d.ID)
		}
	}
}

// corpusCaseCriteria are the labels a case may say it turned on: the six aspects
// and the critical criteria of the negative list.
var corpusCaseCriteria = []string{"动机态度", "客观条件", "程序方法", "性质程度", "后果影响", "挽回损失",
	"是否谋取私利", "是否违反明令禁止", "不作为", "隐瞒不报", "八项规定"}

func TestCasesComplete(t *testing.T) {
	kb := corpusKB(t)
	for _, c := range kb.Cases {
		if !slices.Contains(Outcomes, c.Outcome) {
			t.Errorf("%s: outcome %q not in %v", c.ID, c.Outcome, Outcomes)
		}
		if !slices.Contains(Fields, c.Field) {
			t.Errorf("%s: field %q not in %v", c.ID, c.Field, Fields)
		}
		if strings.TrimSpace(c.Facts) == "" || strings.TrimSpace(c.Handling) == "" || strings.TrimSpace(c.Reasons) == "" {
			t.Errorf("%s: 事实, 处理 and 理由 must all be present", c.ID)
		}
		if c.Region == "" || c.Year == "" || c.Source == "" {
			t.Errorf("%s: region, year and source are required", c.ID)
		}
		if len(c.Criteria) == 0 {
			t.Errorf("%s: no criteria", c.ID)
		}
		for _, k := range c.Criteria {
			if !slices.Contains(corpusCaseCriteria, k) {
				t.Errorf("%s: criterion %q not in %v", c.ID, k, corpusCaseCriteria)
			}
		}
		if c.Illustrative {
			// An invented case must never look like a real one.
			if !strings.HasPrefix(c.ID, "ill-") {
				t.Errorf("%s: illustrative cases need an ill- id", c.ID)
			}
			for _, p := range IllustrativeProblems(c) {
				t.Errorf("%s: %s", c.ID, p)
			}
		} else {
			if !strings.HasPrefix(c.ID, "case-") {
				t.Errorf("%s: real cases have case- ids", c.ID)
			}
			// A real case is verified only against a source one can open.
			traceable := strings.HasPrefix(c.Source, "http://") || strings.HasPrefix(c.Source, "https://")
			switch {
			case c.Verification == Unverified && traceable:
				t.Errorf("%s: unverified although its source %s can be checked", c.ID, c.Source)
			case c.Verification != Unverified && !traceable:
				t.Errorf("%s: %s with no traceable source (%s)", c.ID, c.Verification, c.Source)
			}
		}
		// A section opening with its own name reads 理由：理由未读到 in answers.
		for name, text := range map[string]string{"事实": c.Facts, "处理": c.Handling, "理由": c.Reasons} {
			if strings.HasPrefix(text, name) || strings.HasPrefix(text, "具体"+name) {
				t.Errorf("%s: the %s section opens with its own name: %s", c.ID, name, text)
			}
		}
	}
}

// corpusUnreported are the real cases whose source does not report the
// outcome (policy facts, table of cases: #10, #14, #15); none may be shown
// as a tolerated precedent.
var corpusUnreported = []string{"case-laian-2016", "case-liyang-2016", "case-shaoxing-2015"}

func TestUnreportedOutcomesAreNotPrecedents(t *testing.T) {
	kb := corpusKB(t)
	for _, id := range corpusUnreported {
		c := kb.Case(id)
		if c == nil {
			t.Fatalf("no case %s", id)
		}
		if c.Outcome != OutcomeUnreported || c.Tolerated() {
			t.Errorf("%s: outcome %s, tolerated %v; the source reports no outcome", id, c.Outcome, c.Tolerated())
		}
		for _, text := range []string{c.Handling, c.Reasons} {
			if strings.Contains(text, "按“容错免责”归类") || strings.Contains(text, "列为“容错免责”") {
				t.Errorf("%s still files the case as tolerated: %s", id, text)
			}
		}
	}
	// Reasons the sources do not give (policy facts, table of cases #2, #5, #6).
	for id, invented := range map[string]string{
		"case-hubei-market-2022": "因造成了投资损失",
		"case-yidu-2023":         "所以是减责而非免责",
		"case-hubei-h-2018":      "经营",
	} {
		c := kb.Case(id)
		if c == nil {
			t.Fatalf("no case %s", id)
		}
		if strings.Contains(c.Title+c.Facts+c.Handling+c.Reasons, invented) {
			t.Errorf("%s says %q, which its source does not", id, invented)
		}
	}
	if c := kb.Case("case-yangxin-2020"); c == nil || c.Verification != Unverified {
		t.Errorf("case-yangxin-2020 cites no traceable source and cannot be verified: %+v", c)
	}
}

func TestToleratedOutcomes(t *testing.T) {
	for o, want := range map[string]bool{OutcomeExempt: true, OutcomeLighter: true, OutcomeReduced: true, OutcomeRejected: false, OutcomeUnreported: false, "": false} {
		if got := (&Case{Outcome: o}).Tolerated(); got != want {
			t.Errorf("%q tolerated %v, want %v", o, got, want)
		}
	}
}

func TestIllustrativeProblems(t *testing.T) {
	marked := &Case{Title: "【示例】先建后批", Region: "某县（示例）", Source: IllustrativeSource, Illustrative: true, Verification: Unverified}
	if ps := IllustrativeProblems(marked); len(ps) != 0 {
		t.Errorf("marked case: %v", ps)
	}
	bare := &Case{Title: "先建后批", Region: "某县", Source: "某市通报", Illustrative: true, Verification: Partial}
	if ps := IllustrativeProblems(bare); len(ps) != 4 {
		t.Errorf("unmarked case: %d problems %v, want 4", len(ps), ps)
	}
	bare.Illustrative = false
	if ps := IllustrativeProblems(bare); len(ps) != 0 {
		t.Errorf("a real case needs no marks: %v", ps)
	}
	if got := marked.DisplayTitle(); got != "【示例】先建后批" {
		t.Errorf("display title %q", got)
	}
	if got := (&Case{Title: "先建后批", Illustrative: true}).DisplayTitle(); got != "【示例】先建后批" {
		t.Errorf("display title of an unmarked title %q", got)
	}
}

func TestCasesCoverEveryFieldBothWays(t *testing.T) {
	kb := corpusKB(t)
	tolerated, rejected := map[string]int{}, map[string]int{}
	var realTolerated, realRejected, realUnreported, illustrative int
	outcomes := map[string]int{}
	for _, c := range kb.Cases {
		outcomes[c.Outcome]++
		switch {
		case c.Outcome == OutcomeRejected:
			rejected[c.Field]++
		case c.Tolerated():
			tolerated[c.Field]++
		}
		switch {
		case c.Illustrative:
			illustrative++
		case c.Outcome == OutcomeRejected:
			realRejected++
		case c.Tolerated():
			realTolerated++
		default:
			realUnreported++
		}
	}
	for _, f := range Fields {
		if tolerated[f] == 0 || rejected[f] == 0 {
			t.Errorf("field %s: %d tolerated, %d not tolerated; want both", f, tolerated[f], rejected[f])
		}
	}
	// The policy facts list 15 cases reported as 容错 and 5 contrast cases;
	// three of the 15 report no outcome.
	if realTolerated != 12 || realUnreported != len(corpusUnreported) || realRejected != 5 {
		t.Errorf("real cases: %d tolerated, %d outcome unreported, %d contrast; want 12, %d and 5 (policy facts)",
			realTolerated, realUnreported, realRejected, len(corpusUnreported))
	}
	if illustrative < 15 {
		t.Errorf("%d illustrative cases, want at least 15", illustrative)
	}
	for _, o := range Outcomes {
		if outcomes[o] == 0 {
			t.Errorf("no case with outcome %s", o)
		}
	}
}

// corpusVerbatim lists, for every quotation stored as seen in a source, a phrase
// that must be present exactly, and whether the provision may be quoted.
// Two are seen wording inside provisions that stay unverified as a whole.
var corpusVerbatim = []struct {
	id, phrase string
	verified   bool
}{
	{"sgqf-2016#s1", "把干部在推进改革中因缺乏经验、先行先试出现的失误和错误，同明知故犯的违纪违法行为区分开来", true},
	{"sgqf-2016#s1", "把上级尚无明确限制的探索性试验中的失误和错误，同上级明令禁止后依然我行我素的违纪违法行为区分开来", true},
	{"sgqf-2016#s1", "把为推动发展的无意过失，同为谋取私利的违纪违法行为区分开来", true},
	{"sgqf-2016#s2", "unintentional mistakes for the good of development, and violations … for personal gain", true},
	{"zfbg-2016#s1", "健全激励机制和容错纠错机制，给改革创新者撑腰鼓劲，让广大干部愿干事、敢干事、能干成事。", true},
	{"wzcl-2019#3", "（四）严管和厚爱结合、激励和约束并重；（五）惩前毖后、治病救人；（六）集体决定、分清责任。", true},
	{"wzcl-2019#8", "（三）组织调整或者组织处理。对失职失责、危害较重，不适宜担任现职的，应当根据情况采取停职检查、调整职务、责令辞职、免职、降职等措施。", true},
	{"wzcl-2019#8", "问责方式有影响期的，按照有关规定执行。", true},
	{"wzcl-2019#17", "尚无明确限制的探索性试验中的失误", true},
	{"wzcl-2019#17", "（二）在集体决策中对错误决策提出明确反对意见或者保留意见的；", true},
	{"wzcl-2019#17", "（三）在决策实施中已经履职尽责，但因不可抗力、难以预见等因素造成损失的。", true},
	{"wzcl-2019#17", "上级错误决定明显违法违规的，应当承担相应的责任。", true},
	{"wzcl-2019#21", "或者存在其他不应当问责、不精准问责情况的，应当及时予以纠正", true},
	{"jlcf-2023#10", "受到严重警告处分一年半内，不得在党内提拔职务或者进一步使用", true},
	{"jlcf-2023#17", "（四）主动挽回损失、消除不良影响或者有效阻止危害结果发生；", true},
	{"jlcf-2023#18", "对违纪党员也可以在本条例规定的处分幅度以外减轻处分。", true},
	{"jlcf-2023#19", "党员行为虽然造成损失或者后果，但不是出于故意或者过失，而是由于不可抗力等原因所引起的，不追究党纪责任。", false},
	{"jlcf-2023#23", "本条例规定的只有开除党籍处分一个档次的违纪行为，不适用第一款减轻处分的规定。", true},
	{"jlyj-2018#s5", "对不担当不作为的干部，根据具体情节该免职的免职、该调整的调整、该降职的降职，使能上能下成为常态。", false},
	{"zwcf-2020#6", "公职人员依法履行职责受法律保护，非因法定事由、非经法定程序，不受政务处分。", true},
	{"zwcf-2020#12", "可以对其进行谈话提醒、批评教育、责令检查或者予以诫勉，免予或者不予政务处分", true},
	{"zwcf-2020#53", "应当按照规定及时澄清事实，恢复名誉，消除不良影响", true},
	{"gwyf-2018#57", "予以谈话提醒、批评教育、责令检查、诫勉、组织调整、处分", true},
	{"jcf-2024#56", "复核机关应当在二个月内作出复核决定", true},
	{"yshj-2019#7", "对探索中出现失误或者偏差，符合规定条件的，可以予以免责或者减轻责任。", true},
	{"zdjc-2019#38", "有关人员对严重失误的决策表示不同意见的，按照规定减免责任。", true},
	{"kjjb-2021#68", "已经履行了勤勉尽责义务仍不能完成该项目的，予以免责。", true},
	{"sd-xjdn-2019#29", "实行免责正面和负面清单管理", true},
	{"zlx-2020#64", "未取得预期效果但符合程序规定、勤勉尽责、未谋取私利的，可以免除责任。", true},
	{"bj-jsjb-2021#36", "本市建立接诉即办工作容错纠错机制，鼓励工作人员担当作为。", true},
}

func TestVerbatimQuotations(t *testing.T) {
	kb := corpusKB(t)
	for _, v := range corpusVerbatim {
		p := kb.Provision(v.id)
		if p == nil {
			t.Errorf("%s: missing", v.id)
			continue
		}
		if !strings.Contains(p.Text, v.phrase) {
			t.Errorf("%s: text does not contain %q", v.id, v.phrase)
		}
		if p.Verified != v.verified {
			t.Errorf("%s: Verified = %v, want %v", v.id, p.Verified, v.verified)
		}
	}
}

// The corpus names public addresses, never where it sits on some machine.
func TestCorpusHasNoMachinePaths(t *testing.T) {
	err := fs.WalkDir(corpusFS, "corpus", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpusFS, name)
		if err != nil {
			return err
		}
		for _, bad := range []string{"/work/", "/tmp/", "/home/", `C:\`} {
			if strings.Contains(string(data), bad) {
				t.Errorf("%s contains the machine path %q", name, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// corpusLawSource is the address of the law collection the imported
// documents were copied from; the rest of a source address is the file's path
// in the collection.
const corpusLawSource = "https://github.com/LawRefBook/Laws/blob/2f4c5c23716267af9dbebbbbd6cbbf732b101981/"

// corpusWholeLaws are imported in full; the other imported documents are excerpts.
var corpusWholeLaws = map[string]bool{"zwcf-2020": true}

// Every document imported from the law collection must repeat its articles
// exactly, under the same chapter.
func TestImportedLawsMatchCollection(t *testing.T) {
	root := sharedcorpus.LawsDir(t)
	kb := corpusKB(t)
	var imported int
	for _, d := range kb.Documents {
		rel, ok := strings.CutPrefix(d.Source, corpusLawSource)
		if !ok {
			continue
		}
		imported++
		arts, err := corpusLawArticles(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("%s: %v", d.ID, err)
			continue
		}
		if corpusWholeLaws[d.ID] && len(d.Provisions) != len(arts) {
			t.Errorf("%s is a whole law but has %d articles, the collection %d", d.ID, len(d.Provisions), len(arts))
		}
		for _, p := range d.Provisions {
			want, ok := arts[p.Number]
			if !ok || p.Sub != 0 {
				t.Errorf("%s: %s not in the collection file", p.ID, p.Article)
				continue
			}
			if p.Text != want.text {
				t.Errorf("%s differs from the collection:\n got %q\nwant %q", p.ID, p.Text, want.text)
			}
			if corpusSqueeze(p.Chapter) != corpusSqueeze(want.chapter) {
				t.Errorf("%s: chapter %q, collection %q", p.ID, p.Chapter, want.chapter)
			}
			if !p.Verified {
				t.Errorf("%s: imported law text should be verified", p.ID)
			}
		}
	}
	if imported < 14 {
		t.Errorf("%d documents imported from the law collection, want at least 14", imported)
	}
}

type corpusLawArticle struct{ chapter, text string }

// corpusLawArticles reads a law file of the collection independently of the
// loader: an article starts at a line "第N条 ", takes every following
// non-empty line up to the next article or heading, and keeps its 章.
func corpusLawArticles(file string) (map[int]corpusLawArticle, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	arts := map[int]corpusLawArticle{}
	var chapter string
	var cur int
	var lines []string
	flush := func() {
		if cur > 0 {
			arts[cur] = corpusLawArticle{chapter, strings.Join(lines, "\n")}
		}
		cur, lines = 0, nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "<!--"):
		case strings.HasPrefix(line, "## "):
			flush()
			chapter = strings.TrimPrefix(line, "## ")
		case strings.HasPrefix(line, "#"):
			flush()
		default:
			if n, rest, ok := corpusArticleLabel(line); ok {
				flush()
				cur, lines = n, []string{rest}
			} else if cur > 0 {
				lines = append(lines, line)
			}
		}
	}
	flush()
	return arts, sc.Err()
}

// corpusArticleLabel splits "第二十九条 text" into 29 and "text".
func corpusArticleLabel(line string) (int, string, bool) {
	rest, ok := strings.CutPrefix(line, "第")
	if !ok {
		return 0, "", false
	}
	num, after, ok := strings.Cut(rest, "条")
	if !ok || num == "" {
		return 0, "", false
	}
	n := corpusNumber(num)
	if n <= 0 {
		return 0, "", false
	}
	return n, strings.TrimLeft(after, " 　"), true
}

// corpusNumber reads numerals up to the thousands (二十九, 一百一十三);
// anything else gives -1.
func corpusNumber(s string) int {
	digits := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	units := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, 0
	for _, r := range s {
		if d, ok := digits[r]; ok {
			cur = d
		} else if u, ok := units[r]; ok {
			if cur == 0 {
				cur = 1
			}
			total += cur * u
			cur = 0
		} else {
			return -1
		}
	}
	return total + cur
}

func corpusSqueeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}
