package advisor

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"rongcuo/knowledge"
)

// groundKB is a small knowledge base for the checks: two articles of the
// accountability rules (verified wording), one of a local measure (not
// verified), an amended older version of a document, and two cases.
func groundKB() *knowledge.KB {
	wz := &knowledge.Document{ID: "wzcl", Title: "中国共产党问责条例", Short: "问责条例", Level: knowledge.LevelPartyRule, Status: knowledge.StatusCurrent, Region: "全国"}
	wz.Provisions = []*knowledge.Provision{
		{ID: "wzcl#17", DocID: "wzcl", Document: wz.Title, Article: "第十七条", Number: 17, Verified: true,
			Text: "有下列情形之一的，可以不予问责或者免予问责：\n（一）在推进改革中因缺乏经验、先行先试出现的失误，尚无明确限制的探索性试验中的失误，为推动发展的无意过失；"},
		{ID: "wzcl#18", DocID: "wzcl", Document: wz.Title, Article: "第十八条", Number: 18, Verified: true,
			Text: "有下列情形之一的，应当从重或者加重问责：\n（一）对党中央、上级党组织三令五申的指示要求，不执行或者执行不力的；"},
	}
	local := &knowledge.Document{ID: "js", Title: "某省容错纠错实施办法", Short: "某省办法", Level: knowledge.LevelNormative, Status: knowledge.StatusCurrent, Region: "某省"}
	local.Provisions = []*knowledge.Provision{
		{ID: "js#8", DocID: "js", Document: local.Title, Article: "第八条", Number: 8, Verified: false, Text: "容错申请一般应当在问责决定作出前提出。"},
	}
	old := &knowledge.Document{ID: "xf", Title: "中华人民共和国公职人员政务处分法", Short: "政务处分法", Level: knowledge.LevelLaw, Status: knowledge.StatusCurrent, Region: "全国"}
	old.Provisions = []*knowledge.Provision{
		{ID: "xf#11", DocID: "xf", Document: old.Title, Article: "第十一条", Number: 11, Verified: true, Text: "公职人员有下列情形之一的，可以从轻或者减轻给予政务处分：\n（一）主动交代本人应当受到政务处分的违法行为的；"},
	}
	cases := []*knowledge.Case{
		{ID: "ha", Title: "重点项目容缺审批", Region: "江苏淮安清江浦区", Year: "2023", Outcome: knowledge.OutcomeExempt, Facts: "为推动重点项目开工实行容缺审批，企业限期补正。"},
		{ID: "ex", Title: "先建后批", Region: "某县", Outcome: knowledge.OutcomeLighter, Illustrative: true, Facts: "未批先建。"},
	}
	return knowledge.New([]*knowledge.Document{wz, local, old}, cases, nil)
}

func newGrounding(kb *knowledge.KB, logs *bytes.Buffer, caseText string) *grounding {
	return &grounding{
		names:    docNames(kb),
		provs:    map[string]*knowledge.Provision{"P1": kb.Provision("wzcl#17"), "P2": kb.Provision("js#8")},
		cases:    map[string]*knowledge.Case{"C1": kb.Case("ha"), "C2": kb.Case("ex")},
		caseText: caseText,
		terms:    []string{"三个区分开来", "容错免责"},
		log:      slog.New(slog.NewTextHandler(logs, nil)),
	}
}

func TestGroundingCheck(t *testing.T) {
	const caseText = "经镇党委会集体研究，先办了施工手续，我也没收企业任何好处。"
	cases := []struct {
		name, in, want string
		check          func(t *testing.T, r groundResult)
	}{
		{
			name: "exact quotation kept, marker folded into the named article",
			in:   "《中国共产党问责条例》第十七条[P1]规定：“可以不予问责或者免予问责”。",
			want: "《中国共产党问责条例》第十七条规定：“可以不予问责或者免予问责”。",
			check: func(t *testing.T, r groundResult) {
				if r.QuotesChecked != 1 || r.Quotes["wzcl#17"] != "可以不予问责或者免予问责" || len(r.Provisions) != 1 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "marker not supplied is removed",
			in:   "可以容错[P1]，另见[P7]和【C9】。",
			want: "可以容错（《问责条例》第十七条），另见和。",
			check: func(t *testing.T, r groundResult) {
				if strings.Join(r.RemovedMarkers, ",") != "P7,C9" {
					t.Errorf("removed markers %v", r.RemovedMarkers)
				}
			},
		},
		{
			name: "fabricated quotation of a supplied provision is removed",
			in:   "《问责条例》第十七条[P1]规定：“干部在工作中的一切失误一律免予问责”。",
			want: "《问责条例》第十七条规定：" + removedQuote + "。",
			check: func(t *testing.T, r groundResult) {
				if r.RemovedQuotes != 1 || r.QuotesChecked != 0 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "quotation of the wrong provision is removed",
			in:   "依据[P1]，“应当从重或者加重问责”。",
			want: "依据，" + removedQuote + "。",
		},
		{
			name: "article not in the knowledge base is removed with its quotation",
			in:   "根据《中国共产党问责条例》第九十九条“容错一律免责”，可以申请。",
			want: "根据" + removedArticle + removedQuote + "，可以申请。",
			check: func(t *testing.T, r groundResult) {
				if len(r.RemovedArticles) != 1 || r.RemovedQuotes != 1 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "document not in the knowledge base is removed",
			in:   "《干部容错免责法》第三条明确规定可以免责。",
			want: removedArticle + "明确规定可以免责。",
		},
		{
			name: "a list keeps the articles that exist",
			in:   "见《问责条例》第十七条、第九十九条和第18条。",
			want: "见《问责条例》第十七条、第18条。",
			check: func(t *testing.T, r groundResult) {
				if len(r.Provisions) != 2 || r.Provisions[1].ID != "wzcl#18" || len(r.RemovedArticles) != 1 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "an article of the knowledge base not supplied is still cited",
			in:   "《政务处分法》第十一条规定：“主动交代本人应当受到政务处分的违法行为的”。",
			want: "《政务处分法》第十一条规定：“主动交代本人应当受到政务处分的违法行为的”。",
			check: func(t *testing.T, r groundResult) {
				if len(r.Provisions) != 1 || r.Provisions[0].ID != "xf#11" || r.QuotesChecked != 1 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "the cadre's own words are not checked against a provision",
			in:   "您提到“没收企业任何好处”，符合第十七条[P1]的情形。",
			want: "您提到“没收企业任何好处”，符合第十七条的情形。",
		},
		{
			name: "exact quotation of unverified wording is marked",
			in:   "《某省容错纠错实施办法》第八条[P2]：“容错申请一般应当在问责决定作出前提出”。",
			want: "《某省容错纠错实施办法》第八条：“容错申请一般应当在问责决定作出前提出”" + unverifiedNote + "。",
			check: func(t *testing.T, r groundResult) {
				if r.Unverified != 1 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "a list under a colon line quotes the provision named above it",
			in:   "《问责条例》第十七条[P1]规定：\n- “在推进改革中因缺乏经验、先行先试出现的失误”\n- “为推动发展而出现的任何违规行为均可免责”",
			want: "《问责条例》第十七条规定：\n- “在推进改革中因缺乏经验、先行先试出现的失误”\n- " + removedQuote,
		},
		{
			name: "short terms stand; long unattributed quotations must match a passage",
			in:   "“三个区分开来”要求区分“为推动发展的无意过失”。有人说“只要出于公心做什么都可以容错免责”。",
			want: "“三个区分开来”要求区分“为推动发展的无意过失”。有人说" + removedQuote + "。",
		},
		{
			name: "unattributed long quotation of a supplied provision is cited",
			in:   "关键是“尚无明确限制的探索性试验中的失误”这一条。",
			want: "关键是“尚无明确限制的探索性试验中的失误”这一条。",
			check: func(t *testing.T, r groundResult) {
				if len(r.Provisions) != 1 || r.Provisions[0].ID != "wzcl#17" {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "case markers become names only where the sentence lacks one",
			in:   "淮安清江浦区的做法[C1]可作参考。也有先建后批的情形[C2]。另一个[C1]。再一个[C2]。",
			want: "淮安清江浦区的做法可作参考。也有先建后批的情形。另一个（案例：江苏淮安清江浦区（2023））。再一个（示例：某县）。",
			check: func(t *testing.T, r groundResult) {
				if len(r.Cases) != 2 || r.Cases[0].ID != "ha" {
					t.Errorf("cases %v", r.Cases)
				}
			},
		},
		{
			name: "a marker contradicting the article named just before it is dropped",
			in:   "《政务处分法》第十一条[P1]规定：“主动交代本人应当受到政务处分的违法行为的”。《干部法》第一条[P2]。",
			want: "《政务处分法》第十一条规定：“主动交代本人应当受到政务处分的违法行为的”。" + removedArticle + "。",
			check: func(t *testing.T, r groundResult) {
				if strings.Join(r.MismatchedMarkers, ",") != "P1,P2" || len(r.Provisions) != 1 || r.Provisions[0].ID != "xf#11" || r.QuotesChecked != 1 {
					t.Errorf("result %+v", r)
				}
			},
		},
		{
			name: "a quotation across paragraphs is cited as the stored text",
			in:   "《问责条例》第十七条[P1]规定：“可以不予问责或者免予问责：（一）在推进改革中因缺乏经验”。",
			want: "《问责条例》第十七条规定：“可以不予问责或者免予问责：（一）在推进改革中因缺乏经验”。",
			check: func(t *testing.T, r groundResult) {
				if q := r.Quotes["wzcl#17"]; q != "可以不予问责或者免予问责：\n（一）在推进改革中因缺乏经验" {
					t.Errorf("citation quote %q is not a contiguous part of the stored text", q)
				}
			},
		},
		{
			name: "marker inside a quotation",
			in:   "第十七条规定“可以不予问责或者免予问责[P1]”。",
			want: "第十七条规定“可以不予问责或者免予问责”。",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			r := newGrounding(groundKB(), &logs, caseText).check(c.in)
			if r.Text != c.want {
				t.Errorf("check(%q) =\n%q\nwant\n%q", c.in, r.Text, c.want)
			}
			if c.check != nil {
				c.check(t, r)
			}
			if len(r.RemovedArticles) > 0 && !strings.Contains(logs.String(), "not in the knowledge base") {
				t.Errorf("a removed article was not logged: %q", logs.String())
			}
		})
	}
}

func TestParseArticle(t *testing.T) {
	for _, c := range []struct {
		in     string
		n, sub int
		ok     bool
	}{
		{"第十七条", 17, 0, true}, {"第十条", 10, 0, true}, {"第一百二十条", 120, 0, true}, {"第二十一条", 21, 0, true},
		{"第一千零五条", 1005, 0, true}, {"第17条", 17, 0, true}, {"第１７条", 17, 0, true}, {"第两百条", 200, 0, true},
		{"第十七条之一", 17, 1, true}, {"第零条", 0, 0, false}, {"第X条", 0, 0, false}, {"十七条", 17, 0, true},
		// Digit by digit, as some texts number; malformed numerals name nothing.
		{"第一〇一条", 101, 0, true}, {"第二〇条", 20, 0, true}, {"第一百二条", 0, 0, false}, {"第十十条", 0, 0, false},
		{"第一百零条", 0, 0, false}, {"第零五条", 0, 0, false}, {"第一二三四五条", 0, 0, false},
	} {
		n, sub, ok := parseArticle(c.in)
		if n != c.n || sub != c.sub || ok != c.ok {
			t.Errorf("parseArticle(%q) = %d %d %v, want %d %d %v", c.in, n, sub, ok, c.n, c.sub, c.ok)
		}
	}
}

func FuzzGroundingCheck(f *testing.F) {
	for _, s := range []string{"《问责条例》第十七条[P1]规定：“可以不予问责或者免予问责”。", "“未闭合", "[P1][C2]【P3】", "《》第条", "\"a\"b\"", "- “x”\n- “y”："} {
		f.Add(s)
	}
	kb := groundKB()
	f.Fuzz(func(t *testing.T, in string) {
		var logs bytes.Buffer
		r := newGrounding(kb, &logs, "事实").check(in)
		for _, p := range r.Provisions {
			if kb.Provision(p.ID) == nil {
				t.Fatalf("cited a provision not in the knowledge base: %s", p.ID)
			}
			if q, ok := r.Quotes[p.ID]; ok && (!strings.Contains(flat(p.Text), flat(q)) || !strings.Contains(p.Text, q)) {
				t.Fatalf("quote %q is not part of %s", q, p.ID)
			}
		}
		if markerRe.MatchString(r.Text) && !strings.Contains(in, "]]") {
			// markers the model supplied are all resolved or removed
			for _, m := range markerRe.FindAllString(r.Text, -1) {
				if !strings.Contains(in, m) {
					t.Fatalf("marker %s appeared from nowhere in %q", m, r.Text)
				}
			}
		}
	})
}

// BenchmarkGroundingCheck measures the check on an answer of typical length
// (about 900 characters with citations, quotations and markers).
func BenchmarkGroundingCheck(b *testing.B) {
	var logs bytes.Buffer
	g := newGrounding(groundKB(), &logs, "经镇党委会集体研究，先办了施工手续，我也没收企业任何好处。")
	para := "《中国共产党问责条例》第十七条[P1]规定：“可以不予问责或者免予问责”。您提到“没收企业任何好处”[C1]，《某省容错纠错实施办法》第八条[P2]要求“容错申请一般应当在问责决定作出前提出”。\n"
	answer := strings.Repeat(para, 8)
	b.SetBytes(int64(len(answer)))
	for b.Loop() {
		g.check(answer)
	}
}
