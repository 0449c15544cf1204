package knowledge

import (
	"strings"
	"testing"
)

func lawDoc(id, title, effective string, articles ...[2]string) *Document {
	d := &Document{ID: id, Title: title, Status: StatusCurrent, Effective: effective, Level: LevelLaw}
	for i, a := range articles {
		d.Provisions = append(d.Provisions, &Provision{
			ID: id + "#" + string(rune('1'+i)), DocID: id, Document: title, Number: i + 1,
			Article: "第" + string(rune('一'+i)) + "条", Chapter: a[0], Text: a[1]})
	}
	return d
}

func topIDs(hits []ProvisionHit, n int) []string {
	var out []string
	for _, h := range hits[:min(n, len(hits))] {
		out = append(out, h.Provision.ID)
	}
	return out
}

// A knowledge base without any synonym table of its own (an imported law
// collection) still understands a cadre's words through the built-in
// thesaurus.
func TestBuiltinThesaurusAppliesWithoutATable(t *testing.T) {
	kb := New([]*Document{
		lawDoc("a", "甲法", "2020-01-01",
			[2]string{"", "违反规定出境或者办理因私出境证件的，予以记过。"},
			[2]string{"", "收受可能影响公正行使公权力的礼品、礼金、有价证券等财物的，予以警告。"},
			[2]string{"", "违反规定兼任职务、领取报酬的，予以记过。"},
			[2]string{"", "本法自公布之日起施行。"}),
	}, nil, nil)
	ix := NewIndex(kb)
	wantFirst(t, ix, map[string]string{
		"私自出国怎么处理": "a#1",
		"收了购物卡怎么办": "a#2",
		"在外面兼职会怎样": "a#3",
	})
	if g := BuiltinThesaurus(); len(g) < 20 {
		t.Fatalf("built-in thesaurus has %d groups", len(g))
	}
	if _, problems := parseSynonyms("thesaurus.txt", thesaurusText); len(problems) > 0 {
		t.Fatalf("thesaurus.txt: %v", problems)
	}
}

// A question that asks for an enumeration, a time limit or a consequence
// favours the article of that shape over one that merely shares its words.
func TestQuestionFormFavoursArticlesOfThatShape(t *testing.T) {
	kb := New([]*Document{
		lawDoc("p", "乙法", "2020-01-01",
			[2]string{"第一章 总则", "政务处分应当与违法行为的性质、情节相当，政务处分决定应当公开。"},
			[2]string{"第二章 政务处分的种类", "政务处分分为：（一）警告；（二）记过；（三）开除。"},
			[2]string{"第三章 程序", "当事人对政务处分决定不服的，可以申请复审。"},
			[2]string{"第三章 程序", "当事人对政务处分决定不服的，可以自收到决定之日起三十日内申请复审。"}),
	}, nil, nil)
	ix := NewIndex(kb)
	wantFirst(t, ix, map[string]string{
		"政务处分有哪几种":        "p#2",
		"对政务处分决定不服多少天内复审": "p#4",
	})
	for q, want := range map[string]formSet{
		"政务处分分为哪几种": 1<<0 | formBit("kinds"), "哪些情形不能辞职": 1 << 1, "多少天内申请": 1 << 2,
		"监察委员会管哪些人": 1<<3 | 1<<8 | formBit("scope"), "收了礼会怎么处理": 1 << 4, "什么是容错": 0,
		"退休两年了还能处分吗": 1 << 5, "下班路上出车祸这算工伤吗": 1 << 6,
		"处分分几个档次": 1<<0 | formBit("kinds"), "最晚多少个工作日答复": 1 << 2, "谁可以代他申请": 1 << 3,
		"商家要赔多少": 1<<4 | 1<<7, "预备费按多大比例留": 1 << 7,
	} {
		if got := formsOf(Normalize(q)); got != want {
			t.Errorf("formsOf(%s) = %08b, want %08b", q, got, want)
		}
	}
}

// An article that sets a span of time or a sum shows it by a number before
// its unit, whatever its words; dates and ordinals set nothing.
func TestNumbersMarkTimeAndAmounts(t *testing.T) {
	timeBit, amountBit := formBit("time"), formBit("amount")
	for text, want := range map[string]formSet{
		"职工累计工作已满1年不满10年的，年休假5天。":       timeBit,
		"应当自受理之日起六十日内办结。":               timeBit,
		"按照本级一般公共预算支出额的百分之一至百分之三设置预备费。": amountBit,
		"处违法所得五倍以上十倍以下的罚款。":             amountBit,
		"本决定于2021年7月15日公布。":             0,
		"依照本法第三十日条的规定办理。":               0,
		"国家实行村务公开制度。":                   0,
	} {
		if got := marks.in(text, true) & (timeBit | amountBit); got != want {
			t.Errorf("marks of %s: %016b, want %016b", text, got, want)
		}
	}
	// A question of time finds the article that sets the days, not the one
	// that shares more of its words.
	kb := New([]*Document{
		lawDoc("n", "职工带薪年休假条例", "2008-01-01",
			[2]string{"", "职工年休假由单位根据工作的具体情况统筹安排职工年休假。"},
			[2]string{"", "职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天。"}),
	}, nil, nil)
	hits := NewIndex(kb).Provisions("工作满十年了一年能休几天年休假", SearchOptions{})
	if len(hits) == 0 || hits[0].Provision.ID != "n#2" {
		t.Errorf("got %v, want n#2 first", topIDs(hits, 2))
	}
}

// Of two versions of one law, the one in force comes first unless the
// question names a year (then the version in force that year) or asks for
// the old text.
func TestVersionInForceIsPreferred(t *testing.T) {
	text := [2]string{"第三章 监察范围", "监察机关对下列公职人员进行监察：（一）公务员；（二）国有企业管理人员。"}
	other := [2]string{"", "本法自公布之日起施行。"}
	kb := New([]*Document{
		lawDoc("监察法(2018-03-20)", "中华人民共和国监察法", "2018-03-20", text, other),
		lawDoc("监察法(2024-12-25)", "中华人民共和国监察法", "2024-12-25", text, other),
		lawDoc("公务员法(2018-12-29)", "中华人民共和国公务员法", "2018-12-29", other),
	}, nil, nil)
	ix := NewIndex(kb)
	first := func(q string) string {
		hits := ix.Provisions(q, SearchOptions{})
		if len(hits) == 0 {
			t.Fatalf("%s: no hits", q)
		}
		return hits[0].Provision.ID
	}
	for q, want := range map[string]string{
		"监察机关对哪些公职人员进行监察":       "监察法(2024-12-25)#1",
		"2018年监察法规定对哪些公职人员进行监察": "监察法(2018-03-20)#1",
		"2020年时监察机关对哪些公职人员进行监察": "监察法(2018-03-20)#1",
		"监察法第一条":       "监察法(2024-12-25)#1",
		"（2018）监察法第一条": "监察法(2018-03-20)#1",
		// Asking for the old text lifts the penalty: equal articles tie,
		// and ties go to the earlier document.
		"修订前的监察法对哪些公职人员进行监察怎么规定": "监察法(2018-03-20)#1",
	} {
		if got := first(q); got != want {
			t.Errorf("%s: first %s, want %s", q, got, want)
		}
	}
	// A single-version document is never penalised.
	v := newVersions(kb.Documents)
	if v.superseded[2] || !v.superseded[0] || v.superseded[1] {
		t.Errorf("superseded = %v, want only the 2018 监察法", v.superseded)
	}
	if hits := ix.Provisions("监察机关对哪些公职人员进行监察", SearchOptions{Limit: 2}); len(hits) != 2 ||
		!strings.HasSuffix(hits[1].Provision.ID, "(2018-03-20)#1") || hits[1].Score >= hits[0].Score {
		t.Errorf("the older version should follow, scored lower: %v", topIDs(hits, 2))
	}
}

// In a large collection, the glue of a spoken question (pronouns,
// particles, light verbs and adverbs) adds no terms: 我们, 现在 and 给他 are
// rare in statutes, and would otherwise draw the one plain-worded text that
// uses them.
func TestGlueOfSpokenQuestions(t *testing.T) {
	for pair, want := range map[string]bool{
		"我们": true, "给他": true, "现在": true, "一个": true, "出来": true, "还能": true, "位的": true,
		"他人": false, "我国": false, "退休": false, "处分": false, "在位": false, "不得": true, "罚款": false,
	} {
		r := []rune(pair)
		if got := glueBigram(r[0], r[1]); got != want {
			t.Errorf("glueBigram(%s) = %v, want %v", pair, got, want)
		}
	}
	a := analyzer{lx: newLexicon(nil), q: &qplan{byKey: map[qkey]int{}}, onlyAccidental: map[string]bool{}, real: map[string]bool{}, withSingles: true}
	a.text(Normalize("我们现在还能给他处分吗"), 1, true)
	var got []string
	for _, tm := range a.q.terms {
		if tm.kind == kindBi {
			got = append(got, string([]rune{tm.a, tm.b}))
		}
	}
	if strings.Join(got, " ") != "处分" {
		t.Errorf("pairs of 我们现在还能给他处分吗 in a large collection: %v, want only 处分", got)
	}
}

// Articles that only say when a text takes effect, who interprets it or
// why it was made are recognised, and ranked below content in a large
// collection unless the question asks about them.
func TestBoilerplateArticles(t *testing.T) {
	for text, want := range map[string]bool{
		"本条例自2005年7月1日起施行。":                true,
		"本法自公布之日起施行。":                      true,
		"本条例由国家信访局负责解释。":                   true,
		"为了规范政务处分，根据宪法，制定本法。":              true,
		"本法所称公职人员，是指下列人员：（一）公务员。":          false,
		"政务处分的种类为：（一）警告；（二）记过。":            false,
		"为了保障公民权利，行政机关应当依法公开政府信息，并制定公开指南。": false,
		// An annex after the date it takes effect, however long.
		"本办法自发布之日起施行。 附： 国家蓄滞洪区名录 " + strings.Repeat("长江流域：围堤湖、六角山、九垸、西官垸、安澧垸。", 10): true,
		"本法自公布之日起施行。" + strings.Repeat("行政机关应当依法公开政府信息。", 12):                        true,
		"本法所称公职人员，是指下列人员：" + strings.Repeat("（一）公务员；", 30) + "本法自公布之日起施行。":           false,
	} {
		if got := isBoilerplate(text); got != want {
			t.Errorf("isBoilerplate(%s) = %v, want %v", text, got, want)
		}
	}
	if !asksEnactment(Normalize("这个条例什么时候施行")) || asksEnactment(Normalize("退休了还能处分吗")) {
		t.Error("asksEnactment misjudged a question")
	}
}
