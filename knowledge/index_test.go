package knowledge

import (
	"slices"
	"sync"
	"testing"
)

func TestAccidentalBigramDoesNotMatch(t *testing.T) {
	ix := ixFixture()
	// The 公文 articles say 内容错误 twice each and never 容错.
	for _, q := range []string{"容错", "能容错吗", "容错的条件"} {
		for _, nofloor := range []bool{false, true} {
			ids := ixProvIDs(ix.Provisions(q, SearchOptions{Limit: 30, NoFloor: nofloor}))
			if slices.Contains(ids, "gwcl#25") || slices.Contains(ids, "gwcl#26") {
				t.Errorf("Provisions(%q, nofloor=%v) = %v: a 内容错误 text matched 容错", q, nofloor, ids)
			}
			if len(ids) == 0 {
				t.Errorf("Provisions(%q, nofloor=%v) found nothing", q, nofloor)
			}
		}
	}
	// Asking about 内容错误 still finds them.
	if ids := ixProvIDs(ix.Provisions("公文内容错误怎么更正", SearchOptions{Limit: 2})); !slices.Contains(ids, "gwcl#25") {
		t.Errorf("内容错误 query = %v, want gwcl#25", ids)
	}
}

func TestAccidentalLongPhraseIsNoAnchor(t *testing.T) {
	ix := ixFixture()
	// 证据审查规定 says 不作为证据 / 不作为定案: not about inaction.
	ids := ixProvIDs(ix.Provisions("不作为", SearchOptions{Limit: 30}))
	if slices.Contains(ids, "zj#10") {
		t.Errorf("不作为 = %v, must not contain the 不作为证据 article", ids)
	}
	for _, want := range []string{"wzcl-2019#7", "zj-2017#s2", "sd-2014#s1"} {
		if !slices.Contains(ids, want) {
			t.Errorf("不作为 = %v, want %s", ids, want)
		}
	}
}

func TestSynonymExpansion(t *testing.T) {
	ix := ixFixture()
	tests := []struct {
		query, want string
		wantCase    string
	}{
		{"出国", "cj#5", "case-abroad"},
		{"干部出国要审批吗", "cj#5", ""},
		{"购物卡", "lj#3", "case-gift"},
		{"收了购物卡怎么办", "lj#3", "case-gift"},
		{"兼职", "lj#4", ""},
		{"领导干部能不能兼职", "lj#4", ""},
	}
	for _, tt := range tests {
		ids := ixProvIDs(ix.Provisions(tt.query, SearchOptions{Limit: 3}))
		if len(ids) == 0 || ids[0] != tt.want {
			t.Errorf("Provisions(%q) = %v, want %s first", tt.query, ids, tt.want)
		}
		if tt.wantCase != "" {
			if cs := ixCaseIDs(ix.Cases(tt.query, SearchOptions{})); !slices.Contains(cs, tt.wantCase) {
				t.Errorf("Cases(%q) = %v, want %s", tt.query, cs, tt.wantCase)
			}
		}
	}
}

func TestSynonymsWeighLessThanTypedWords(t *testing.T) {
	// 出境 typed finds the 出境 text with a higher score than 出国 does
	// through the synonym table.
	ix := ixFixture()
	typed := ix.Provisions("出境", SearchOptions{Limit: 1})
	expanded := ix.Provisions("出国", SearchOptions{Limit: 1})
	if len(typed) == 0 || len(expanded) == 0 {
		t.Fatalf("typed %v, expanded %v", typed, expanded)
	}
	if !(expanded[0].Score < typed[0].Score) {
		t.Errorf("expanded score %.3f, typed %.3f: a synonym must weigh less", expanded[0].Score, typed[0].Score)
	}
}

func TestFilters(t *testing.T) {
	ix := ixFixture()
	const q = "容错 问责 处分"
	tests := []struct {
		name string
		opt  SearchOptions
		ok   func(p *Provision) bool
	}{
		{"level", SearchOptions{Levels: []string{LevelPartyRule}}, func(p *Provision) bool { return p.Doc.Level == LevelPartyRule }},
		{"levels", SearchOptions{Levels: []string{LevelLaw, LevelNormative}}, func(p *Provision) bool {
			return p.Doc.Level == LevelLaw || p.Doc.Level == LevelNormative
		}},
		{"status", SearchOptions{Statuses: []string{StatusRepealed}}, func(p *Provision) bool { return p.Doc.Status == StatusRepealed }},
		{"region keeps national and own", SearchOptions{Region: "浙江"}, func(p *Provision) bool {
			return p.Doc.Region == "全国" || p.Doc.Region == "浙江省" || p.Doc.Region == "浙江省杭州市"
		}},
		{"city keeps its province", SearchOptions{Region: "杭州市"}, func(p *Provision) bool {
			return p.Doc.Region == "全国" || p.Doc.Region == "浙江省杭州市"
		}},
		{"combined", SearchOptions{Region: "江苏省", Levels: []string{LevelNormative}}, func(p *Provision) bool {
			return p.Doc.Level == LevelNormative && (p.Doc.Region == "全国" || p.Doc.Region == "江苏省")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Limit, tt.opt.NoFloor = 50, true
			hits := ix.Provisions(q, tt.opt)
			if len(hits) == 0 {
				t.Fatal("no hits")
			}
			for _, h := range hits {
				if !tt.ok(h.Provision) {
					t.Errorf("%s (%s, %s, %s) passed the filter", h.Provision.ID, h.Provision.Doc.Level, h.Provision.Doc.Status, h.Provision.Doc.Region)
				}
			}
			// The filter removes only what it should: everything allowed
			// that the unfiltered search finds is still there.
			all := ix.Provisions(q, SearchOptions{Limit: 50, NoFloor: true})
			got := ixProvIDs(hits)
			for _, h := range all {
				if tt.ok(h.Provision) && !slices.Contains(got, h.Provision.ID) {
					t.Errorf("%s is allowed but missing", h.Provision.ID)
				}
			}
		})
	}
}

func TestRegionFilterKeepsZhejiangMeasures(t *testing.T) {
	ix := ixFixture()
	ids := ixProvIDs(ix.Provisions("容错免责 担当作为", SearchOptions{Region: "浙江省", Limit: 20}))
	for _, want := range []string{"zj-2017#s1", "hz-2020#s1"} {
		if !slices.Contains(ids, want) {
			t.Errorf("浙江 search = %v, want %s", ids, want)
		}
	}
	ids = ixProvIDs(ix.Provisions("容错免责 担当作为", SearchOptions{Region: "江苏", Limit: 20}))
	for _, id := range ids {
		if id == "zj-2017#s1" || id == "hz-2020#s1" {
			t.Errorf("江苏 search = %v, must not hold 浙江 measures", ids)
		}
	}
}

func TestCaseFilters(t *testing.T) {
	ix := ixFixture()
	const q = "容错 干部 处分 失误"
	tests := []struct {
		name string
		opt  SearchOptions
		want []string
	}{
		{"field", SearchOptions{Fields: []string{"招商引资"}}, []string{"case-zs"}},
		{"outcome", SearchOptions{Outcomes: []string{OutcomeRejected}}, []string{"case-abroad", "case-gift"}},
		{"region keeps national cases", SearchOptions{Region: "湖北"}, []string{"case-flood", "case-road"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.NoFloor = true
			got := ixCaseIDs(ix.Cases(q, tt.opt))
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Cases = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRelevanceFloor(t *testing.T) {
	ix := ixFixture()
	for _, q := range []string{"今天天气怎么样", "如何办理护照", "推荐一家火锅店", "帮我写一首诗", "hello world", "😀😀", "",
		"服务器的容错率怎么设置", "孩子上学择校的政策", "明天去北京的高铁票怎么买"} {
		if hits := ix.Provisions(q, SearchOptions{}); len(hits) > 0 {
			t.Errorf("Provisions(%q) = %v, want nothing", q, ixProvIDs(hits))
		}
		if hits := ix.Cases(q, SearchOptions{}); len(hits) > 0 {
			t.Errorf("Cases(%q) = %v, want nothing", q, ixCaseIDs(hits))
		}
	}
	// Below the floor there are matches, which NoFloor returns.
	if hits := ix.Provisions("如何办理护照", SearchOptions{NoFloor: true}); len(hits) == 0 {
		t.Error("NoFloor: want the passages sharing 办理")
	}
	tests := []struct {
		query string
		want  []string // each must be among the first five
	}{
		{"招商引资中未经集体研究就签了协议能容错吗", []string{"zs#8", "zj-2017#s1"}},
		{"先行先试出现失误可以免予问责吗", []string{"wzcl-2019#17"}},
		{"什么是三个区分开来", []string{"xjp-2016#s1"}},
		{"主动挽回损失能不能从轻处分", []string{"jlcf-2023#17", "wzcl-2019#18"}},
		{"容错程序怎么申请", []string{"zj-2017#s3"}},
	}
	for _, tt := range tests {
		ids := ixProvIDs(ix.Provisions(tt.query, SearchOptions{Limit: 5}))
		for _, w := range tt.want {
			if !slices.Contains(ids, w) {
				t.Errorf("Provisions(%q) = %v, want %s", tt.query, ids, w)
			}
		}
	}
	if cs := ixCaseIDs(ix.Cases("招商引资中未经集体研究就签了协议能容错吗", SearchOptions{})); len(cs) == 0 || cs[0] != "case-zs" {
		t.Errorf("Cases = %v, want case-zs first", cs)
	}
}

func TestArticleQueries(t *testing.T) {
	ix := ixFixture()
	tests := []struct {
		query string
		opt   SearchOptions
		want  string // first hit; "" means no pinned article
	}{
		{"问责条例第十七条", SearchOptions{}, "wzcl-2019#17"},
		{"《中国共产党问责条例》第十七条", SearchOptions{}, "wzcl-2019#17"},
		{"根据问责条例第十八条可以从轻吗", SearchOptions{}, "wzcl-2019#18"},
		{"问责条例第17条", SearchOptions{}, "wzcl-2019#17"},
		{"問責條例第十七條", SearchOptions{}, "wzcl-2019#17"},
		{"纪律处分条例第十九条", SearchOptions{}, "jlcf-2023#19"},
		{"政务处分法第十一条", SearchOptions{}, "zwcf#11"},
		{"问责条例第七条", SearchOptions{}, "wzcl-2019#7"},
		{"问责条例第七条", SearchOptions{Statuses: []string{StatusRepealed}}, "wzcl-2016#7"},
		{"问责条例的第二十一条", SearchOptions{}, "wzcl-2019#21"},
	}
	for _, tt := range tests {
		hits := ix.Provisions(tt.query, tt.opt)
		if len(hits) == 0 || hits[0].Provision.ID != tt.want {
			t.Errorf("Provisions(%q) = %v, want %s first", tt.query, ixProvIDs(hits), tt.want)
		}
	}
	// Both versions of 问责条例 have a 第七条; both are pinned above the rest.
	ids := ixProvIDs(ix.Provisions("问责条例第七条", SearchOptions{}))
	if len(ids) < 2 || !slices.Contains(ids[:2], "wzcl-2016#7") {
		t.Errorf("问责条例第七条 = %v, want both versions first", ids)
	}
	// An article number without a document pins nothing, and a name that
	// is no document's does not borrow another's article.
	for _, q := range []string{"第十七条", "安全生产条例第十七条"} {
		for _, h := range ix.Provisions(q, SearchOptions{}) {
			if h.Provision.Number == 17 {
				t.Errorf("Provisions(%q) pinned %s", q, h.Provision.ID)
			}
		}
	}
}

func TestRankingSanity(t *testing.T) {
	ix := ixFixture()
	tests := []struct {
		query, first string
	}{
		{"先行先试 失误 免予问责", "wzcl-2019#17"},
		{"改革中先行先试出现失误能否免予问责", "wzcl-2019#17"},
		{"集体决策中提出反对意见", "wzcl-2019#17"},
		{"不可抗力造成损失不追究党纪责任", "jlcf-2023#19"},
		{"减轻处分是什么意思", "jlcf-2023#23"},
		{"政务处分从轻减轻情形", "zwcf#11"},
		{"不予容错的情形", "zj-2017#s2"},
		{"问责决定错了怎么纠正", "wzcl-2019#21"},
		{"受到不实举报澄清正名", "hz-2020#s1"},
		{"有错必纠 补救措施", "js-2016#s1"},
	}
	for _, tt := range tests {
		ids := ixProvIDs(ix.Provisions(tt.query, SearchOptions{Limit: 5}))
		if len(ids) == 0 || ids[0] != tt.first {
			t.Errorf("Provisions(%q) = %v, want %s first", tt.query, ids, tt.first)
		}
	}
}

func TestLimitAndOrder(t *testing.T) {
	ix := ixFixture()
	const q = "问责 处分 容错"
	all := ix.Provisions(q, SearchOptions{Limit: 100, NoFloor: true})
	if len(all) <= defaultLimit {
		t.Fatalf("only %d hits; the fixture should give more than %d", len(all), defaultLimit)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Score > all[i-1].Score {
			t.Fatalf("hit %d scores %.3f above hit %d (%.3f)", i, all[i].Score, i-1, all[i-1].Score)
		}
	}
	if got := ix.Provisions(q, SearchOptions{NoFloor: true}); len(got) != defaultLimit {
		t.Errorf("Limit 0 gave %d hits, want %d", len(got), defaultLimit)
	}
	got := ix.Provisions(q, SearchOptions{Limit: 3, NoFloor: true})
	if !slices.Equal(ixProvIDs(got), ixProvIDs(all[:3])) {
		t.Errorf("Limit 3 = %v, want the first three of %v", ixProvIDs(got), ixProvIDs(all))
	}
	if ix.KB() == nil || len(ix.KB().Documents) != len(ixFixtureKB().Documents) {
		t.Error("KB() does not return the indexed knowledge base")
	}
}

func TestEmptyIndex(t *testing.T) {
	if hits := NewIndex(nil).Provisions("容错", SearchOptions{}); len(hits) != 0 {
		t.Errorf("nil knowledge base gave %v", hits)
	}
	ix := NewIndex(New(nil, nil, nil))
	if hits := ix.Provisions("容错", SearchOptions{}); len(hits) != 0 {
		t.Errorf("empty index gave %v", hits)
	}
	if hits := ix.Cases("容错", SearchOptions{NoFloor: true}); len(hits) != 0 {
		t.Errorf("empty index gave %v", hits)
	}
}

func TestConcurrentQueries(t *testing.T) {
	ix := ixFixture()
	want := ixProvIDs(ix.Provisions("先行先试 失误 免予问责", SearchOptions{}))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if got := ixProvIDs(ix.Provisions("先行先试 失误 免予问责", SearchOptions{})); !slices.Equal(got, want) {
					t.Errorf("concurrent query gave %v, want %v", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestSynonymExpansionRules(t *testing.T) {
	kb := New(nil, nil, Synonyms{{"容错", "容错纠错", "宽容失误"}, {"出国", "出境"}})
	ix := NewIndex(kb)
	has := func(q *qplan, a, b rune) (qterm, bool) {
		for _, t := range q.terms {
			if t.kind == kindBi && t.a == a && t.b == b {
				return t, true
			}
		}
		return qterm{}, false
	}
	tests := []struct {
		query    string
		a, b     rune
		want     bool
		weight   float32
		typedStr string
	}{
		// 容错 calls up 宽容失误 at the synonym weight…
		{"能容错吗", '宽', '容', true, synWeight, "expanded"},
		// …but not 容错纠错, which 容错 already matches.
		{"能容错吗", '错', '纠', false, 0, ""},
		// 容错 inside 容错率 is an accident and calls up nothing.
		{"服务器的容错率", '宽', '容', false, 0, ""},
		// A word typed keeps its full weight even when it is in a group.
		{"出国出境", '出', '境', true, 1, "typed"},
	}
	for _, tt := range tests {
		term, ok := has(ix.analyze(tt.query), tt.a, tt.b)
		if ok != tt.want {
			t.Errorf("%s: bigram %c%c present %v, want %v", tt.query, tt.a, tt.b, ok, tt.want)
			continue
		}
		if ok && (term.w != tt.weight || term.typed != (tt.typedStr == "typed")) {
			t.Errorf("%s: bigram %c%c weight %.2f typed %v, want %.2f %s", tt.query, tt.a, tt.b, term.w, term.typed, tt.weight, tt.typedStr)
		}
	}
}
