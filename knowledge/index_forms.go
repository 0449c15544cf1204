package knowledge

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Question forms. How a question is asked says what shape of article answers
// it: 分为哪几种 wants the article that enumerates the kinds, 多少天内 the
// one that sets a time limit, 管哪些人 the one that names whom a rule
// covers, 会怎么处理 the one that sets the consequence. Each form has cues
// (in the normalized question) and marks (in an article's text or chapter
// heading: an article of that shape carries one). A candidate of the asked
// shape has its score raised by formBoost. (Adding the marks' words to the
// query as well was tried and measured worse on the law dev questions: they
// pull in every article that says 期限 or 予以.)
//
// Cues and marks are the ordinary wording of questions and of Chinese
// statutes (下列, 种类, 情形, 日内, 期限, 予以, 法律责任 …), not of any one
// law.

type questionForm struct {
	name   string
	expand []string // specific words a question of the form implies (see formExpandWeight)
	cues   []string
	marks  []string
}

var questionForms = []questionForm{
	{
		name:  "enumeration",
		cues:  []string{"哪几种", "几种", "哪几类", "几类", "哪些种类", "什么种类", "种类", "分为", "分成", "分哪", "包括哪些", "包括什么", "有哪些方式", "哪些方式", "什么方式", "几个档次", "哪几档", "几档", "几个等级", "哪几个", "有哪几", "哪些事项", "哪些事情", "哪些内容"},
		marks: []string{"种类", "分为", "下列", "（一）", "包括", "方式"},
	},
	{
		name:  "condition",
		cues:  []string{"哪些情形", "什么情形", "哪种情形", "哪些情况", "什么情况", "哪种情况", "情况下", "什么条件", "哪些条件", "条件是", "情形"},
		marks: []string{"情形", "条件"},
	},
	{
		name:  "time",
		cues:  []string{"多长时间", "多久", "多少天", "几天", "多少日", "几日", "几个月", "多少个月", "几年", "多少年", "期限", "时限", "多长", "最长", "最迟", "什么时候", "之内", "以内", "有效期", "时效", "最晚", "工作日", "多久一次", "多长时间一次"},
		marks: []string{"日内", "日起", "个月", "年内", "期限", "期间", "时效", "小时", "工作日", "任期", "届满", "不得超过", "有效期", "每季度", "每月", "每年", "每半年", "定期"},
	},
	{
		name:  "subject",
		cues:  []string{"管哪些人", "管谁", "谁来管", "谁管", "归谁管", "归哪", "谁负责", "哪个部门", "哪个机关", "哪些部门", "哪些机关", "由谁", "哪些人", "对谁", "适用于哪些", "适用哪些", "谁来", "给谁", "谁可以", "谁能", "谁有权", "有没有权", "找谁", "向谁", "报给谁", "算谁的", "哪一方"},
		marks: []string{"下列人员", "下列公职人员", "负责", "主管", "管辖", "适用于", "范围", "对象", "职责", "有权", "代为", "顺序"},
	},
	{
		name:  "consequence",
		cues:  []string{"怎么处理", "如何处理", "怎么处罚", "如何处罚", "怎么罚", "罚多少", "什么处分", "哪些处分", "什么处罚", "什么后果", "什么责任", "哪些责任", "承担责任", "承担什么", "要担责", "会被", "受什么", "会怎样", "会怎么", "违法吗", "犯法吗", "担责任", "保得住", "怎么赔", "赔多少", "坐牢"},
		marks: []string{"予以", "处分", "罚款", "追究", "责令", "吊销", "没收", "法律责任", "处以", "给予", "赔偿", "民事责任", "刑事责任", "承担责任"},
	},
	{
		// A right or a sanction that lapses with time: whether it is too
		// late to sue, apply, punish or sanction.
		name:   "lapse",
		expand: []string{"时效"},
		cues:   []string{"过了多久", "过了多长时间", "过了几年", "过了多少", "隔了多久", "多久以后就不", "还能告", "还能起诉", "还能申请", "还能罚", "还能处罚", "还能追究", "还能处分", "还能给", "还来得及", "告不了", "不受保护", "时效", "过期了"},
		marks:  []string{"时效", "不再处罚", "不再给予", "不再追诉", "不再追究", "不予追究", "未被发现", "期间届满"},
	},
	{
		// Whether a thing counts as a kind the law defines: 这算工伤吗,
		// 算哪一级事故, 多大算成年.
		name:  "classification",
		cues:  []string{"这算", "算不算", "算是", "算哪", "算什么", "属于什么", "属于哪", "是不是属于", "多大算", "怎么认定", "如何认定", "怎么界定", "如何界定"},
		marks: []string{"是指", "认定为", "视为", "视同", "构成", "属于", "分为", "为成年人"},
	},
	{
		// A sum, a share or a multiple: how much, at what rate.
		name:  "amount",
		cues:  []string{"多少钱", "多大比例", "什么比例", "比例是多少", "几倍", "多少倍", "赔多少", "罚多少", "多少元", "值多少", "标准是多少", "按多少"},
		marks: []string{"百分之", "比例", "倍"},
	},
	{
		// Whom a rule covers (管哪些人, 对谁): the article that answers
		// names the persons (下列人员, 有关人员), and the question gains
		// 人员, the statutes' word for them.
		name:   "persons",
		expand: []string{"人员"},
		cues:   []string{"管哪些人", "哪些人", "管谁", "对谁", "哪些人员", "什么人"},
		marks:  []string{"下列人员", "下列公职人员", "有关人员"},
	},
	{
		// The kinds or grades of a thing (分为哪几种, 几个档次): the article
		// that answers names them as its 种类 or says what a thing 分为.
		name:   "kinds",
		expand: []string{"种类"},
		cues:   []string{"哪几种", "几种", "哪几类", "几类", "哪些种类", "什么种类", "几个档次", "哪几档", "几档", "几个等级", "几个等次", "分为几", "分成几", "分哪几"},
		marks:  []string{"种类", "分为"},
	},
	{
		// What someone must do (要管哪些事, 负责什么): the article that
		// answers lists the 职责 of that person or body.
		name:   "duties",
		expand: []string{"职责"},
		cues:   []string{"管哪些事", "管什么事", "要管哪些", "要管什么", "负责哪些", "负责什么", "哪些职责", "什么职责", "职责是什么", "干哪些事", "做哪些事", "要做哪些"},
		marks:  []string{"职责"},
	},
	{
		// Whom or what a body or a rule reaches (监察委员会管哪些人, 适用于
		// 哪些): the statutes call it the 范围 (监察范围, 适用范围).
		name:   "scope",
		expand: []string{"范围"},
		cues:   []string{"管哪些人", "管谁", "管哪些", "归谁管", "适用于哪些", "适用哪些", "对哪些人", "管得着", "管不管"},
		marks:  []string{"范围", "适用于"},
	},
}

const (
	// formBoost raises the score of a candidate of the asked shape.
	formBoost = 0.25
	// lawFormBoost is formBoost in a large collection, where many articles
	// of one law share a question's words and the shape of the answer is
	// what tells them apart: measured on the law dev questions (220), MRR@10
	// 0.627 at 0.15, 0.639 at 0.25, 0.647 at 0.35, 0.650 at 0.5, 0.652 at
	// 0.7 and 0.649 at 1.0; at 0.5 both the first 160 (0.641 → 0.654) and
	// laws-dev2 (0.633 → 0.640) gain. The curated knowledge base keeps
	// formBoost.
	lawFormBoost = 0.5
)

// formSet is a bit set of question forms, bit i for questionForms[i]
// (and boilerplateBit).
type formSet uint16

// formsOf returns the bit set of the forms a normalized question asks in.
func formsOf(text string) formSet {
	f := cueMarks.in(text, false)
	for _, c := range wideCues {
		if strings.Contains(text, c.text) {
			f |= c.bit
		}
	}
	return f
}

// shapeMarks finds the marks of every form in one pass over a text.
type shapeMarks struct {
	byFirst map[rune][]shapeMark
	first   [0x10000 / 64]uint64 // bit set of the marks' first runes (BMP)
}

type shapeMark struct {
	text string
	bit  formSet
}

var marks, _ = newShapeMarks(func(qf questionForm) []string { return qf.marks })

// cueMarks finds the cues of the forms a question asks in, in one pass;
// wideCues are those starting outside the BMP, which it cannot hold.
var cueMarks, wideCues = newShapeMarks(func(qf questionForm) []string { return qf.cues })

func newShapeMarks(words func(questionForm) []string) (*shapeMarks, []shapeMark) {
	m := &shapeMarks{byFirst: map[rune][]shapeMark{}}
	var wide []shapeMark
	for i, qf := range questionForms {
		for _, s := range words(qf) {
			r := []rune(s)[0]
			if r >= 0x10000 {
				wide = append(wide, shapeMark{s, 1 << i})
				continue
			}
			m.byFirst[r] = append(m.byFirst[r], shapeMark{s, 1 << i})
			m.first[r/64] |= 1 << (r % 64)
		}
	}
	return m, wide
}

// in returns the bit set of the forms whose marks occur in s, and with
// numbers set those its numbers mark (see unitAt).
func (m *shapeMarks) in(s string, numbers bool) formSet {
	var bits formSet
	for i, r := range s {
		if numbers && r < 0x10000 && unitRunes[r/64]&(1<<(r%64)) != 0 {
			bits |= unitAt(s, i, r)
		}
		if r >= 0x10000 || m.first[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		for _, mk := range m.byFirst[r] {
			if bits&mk.bit == 0 && strings.HasPrefix(s[i:], mk.text) {
				bits |= mk.bit
			}
		}
	}
	return bits
}

// shapeOf returns the bit set of the forms an article answers, from its
// text and its chapter heading.
func shapeOf(p *Provision) formSet {
	s := marks.in(p.Text, true) | marks.in(p.Chapter, false)
	if isBoilerplate(p.Text) {
		s |= boilerplateBit
	}
	return s
}

// Numbers as marks of the time and amount forms. An article that sets a
// span of time writes a number before its unit (60日内, 十五日, 三个月, 5天,
// 已满10年), whatever words surround it, and one that sets a sum or a
// multiple writes one before 元 or 倍 (a share is marked by 百分之 among the
// marks). Dates (2021年7月15日) are not spans: a number of four digits
// before 年, a 月 not preceded by 个, and a day right after a month are
// skipped, and so is an ordinal (第三十日).
var (
	timeBit   = formBit("time")
	amountBit = formBit("amount")
)

func isNumeral(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return true
	}
	switch r {
	case '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '半':
		return true
	}
	return false
}

// unitAt returns the form a unit at s[i:] (rune r) marks when a number
// stands before it: time for 日, 天, 年, 个月, 小时 and 个工作日, amount for
// 倍, 元 and %.
func unitAt(s string, i int, r rune) formSet {
	var bit formSet
	lead := ""
	switch r {
	case '日':
		bit = timeBit
		if strings.HasSuffix(s[:i], "个工作") {
			lead = "个工作"
		}
	case '天', '年':
		bit = timeBit
	case '月':
		bit, lead = timeBit, "个"
	case '时':
		bit, lead = timeBit, "小"
	case '倍', '元', '%', '％':
		bit = amountBit
	default:
		return 0
	}
	end := i
	if lead != "" {
		if !strings.HasSuffix(s[:i], lead) {
			return 0
		}
		end -= len(lead)
	}
	start, digits := end, 0
	for start > 0 {
		c, size := utf8.DecodeLastRuneInString(s[:start])
		if !isNumeral(c) {
			break
		}
		if c < 0x80 || c >= '０' {
			digits++
		}
		start -= size
	}
	if start == end {
		return 0
	}
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	switch {
	case before == '第' || before == '〇':
		return 0 // an ordinal, or a year written in characters
	case r == '年' && digits >= 4:
		return 0 // a year
	case r == '日' && lead == "" && before == '月':
		return 0 // a day of a month
	}
	return bit
}

// unitRunes is the bit set of the runes unitAt looks at (BMP).
var unitRunes = func() (set [0x10000 / 64]uint64) {
	for _, r := range "日天年月时倍元%％" {
		set[r/64] |= 1 << (r % 64)
	}
	return set
}()

// formBit returns the bit of the question form of that name.
func formBit(name string) formSet {
	for i, qf := range questionForms {
		if qf.name == name {
			return 1 << i
		}
	}
	return 0
}

// boilerplateBit marks an article that says when the text takes effect,
// who interprets it, or why and under what it was made (本法自…起施行,
// 本条例由…负责解释, 为了…，制定本法): in a large collection it shares the
// title's words with a question and, being short, outranks the articles
// that answer it, yet it never answers a question about the law's content.
// A question that asks when a text takes effect, who interprets it or why
// it was made (enactmentCues) keeps them at full score.
const boilerplateBit formSet = 1 << 15

// A question that names what a law is about (政府采购 for the
// 政府采购法, 行政许可 for the 行政许可法) is about that law, even where it
// does not write the law's name in full: in a large collection its articles
// are scored nameBoost higher. The name's core is the title without the
// national prefix and the kind of text (法, 条例, 实施细则 …); a core of
// fewer than nameCoreMin characters (劳动, 预算) names a field rather than
// a law, and titles that are phrases (关于…的决定) have none.
const (
	nameBoost   = 0.25
	nameCoreMin = 3
)

var kindEnds = []string{"实施条例", "实施细则", "实施办法", "暂行条例", "暂行规定", "暂行办法", "若干规定", "条例", "规定", "办法", "细则", "法"}

// nameCore returns the core of a title (see nameBoost), or "".
func nameCore(title string) string {
	t := stripParen(strings.ReplaceAll(Normalize(title), " ", ""))
	for _, p := range nationalPrefixes {
		t = strings.TrimPrefix(t, p)
	}
	for _, k := range kindEnds {
		if c, ok := strings.CutSuffix(t, k); ok {
			if utf8.RuneCountInString(c) >= nameCoreMin && !strings.ContainsAny(c, "关于的和") {
				return c
			}
			return ""
		}
	}
	return ""
}

var enactmentCues = []string{"施行", "生效", "实施日期", "解释", "制定", "立法目的", "宗旨"}

func asksEnactment(text string) bool {
	enactment, _, _ := enactmentAndVersion(text)
	return enactment
}

// enactmentAndVersion is asksEnactment and versionCues of a normalized
// question, their words found in one pass over it (see textCues).
func enactmentAndVersion(text string) (enactment bool, year string, old bool) {
	cues := textCues.in(text, false)
	for _, c := range wideTextCues {
		if strings.Contains(text, c.text) {
			cues |= c.bit
		}
	}
	year, old = versionCues0(text, cues&cueOldText != 0)
	return cues&cueEnactment != 0, year, old
}

// Bits of textCues.
const (
	cueEnactment formSet = 1 << iota // one of enactmentCues
	cueOldText                       // one of versionWords
)

// textCues finds the enactment cues and the words asking for an older
// text in one pass over a question: looking for each word in turn was a
// scan of a long case text per word (a Han character's first byte is found
// everywhere). The words found outside the BMP are wideTextCues.
var textCues, wideTextCues = func() (*shapeMarks, []shapeMark) {
	m := &shapeMarks{byFirst: map[rune][]shapeMark{}}
	var wide []shapeMark
	for _, g := range []struct {
		words []string
		bit   formSet
	}{{enactmentCues, cueEnactment}, {versionWords, cueOldText}} {
		for _, w := range g.words {
			r := []rune(w)[0]
			if r >= 0x10000 {
				wide = append(wide, shapeMark{w, g.bit})
				continue
			}
			m.byFirst[r] = append(m.byFirst[r], shapeMark{w, g.bit})
			m.first[r/64] |= 1 << (r % 64)
		}
	}
	return m, wide
}()

// enactingKinds are the kinds of text the boilerplate articles name
// (本法, 本条例 …).
var enactingKinds = []string{"法", "条例", "规定", "办法", "细则", "决定", "准则", "规则", "实施细则", "实施办法", "解释", "规范", "标准"}

func isBoilerplate(text string) bool {
	t := strings.TrimSpace(text)
	if utf8.RuneCountInString(t) > 160 {
		// A long article is boilerplate only when it opens with the
		// date it takes effect and goes on with an annex (本办法自发布之日
		// 起施行。附：国家蓄滞洪区名录 …), which answers nothing either.
		first, _, _ := strings.Cut(t, "。")
		return takesEffect(first)
	}
	for _, k := range enactingKinds {
		if rest, ok := strings.CutPrefix(t, "本"+k); ok {
			if strings.HasPrefix(rest, "自") || strings.HasPrefix(rest, "于") || strings.Contains(rest, "起施行") ||
				strings.Contains(rest, "负责解释") || strings.Contains(rest, "解释权") {
				return true
			}
		}
		if strings.HasPrefix(t, "为") && strings.Contains(t, "制定本"+k) {
			return true
		}
	}
	return false
}

// takesEffect reports whether a sentence says when the text takes effect
// (本办法自发布之日起施行).
func takesEffect(sentence string) bool {
	for _, k := range enactingKinds {
		if rest, ok := strings.CutPrefix(sentence, "本"+k); ok && (strings.HasPrefix(rest, "自") || strings.HasPrefix(rest, "于")) && strings.HasSuffix(rest, "施行") {
			return true
		}
	}
	return false
}

// rerank reorders the first candidates of a search by the priors of the
// question (its forms, the versions it asks for) and cuts the list to k.
// Pinned articles keep their place at the top.
//
// Tried over the law collection and measured no better on the law dev
// questions, MRR@10 against 0.637 on the first 92 (a) or 0.612 on the first
// 120 (b): pseudo-relevance feedback, the pairs of the best one to five
// candidates added to the query (a: 0.538 to 0.629); a latent vector per
// term from random indexing over the articles (64 to 256 dimensions,
// articles or laws as contexts) as a re-ranker (a: 0.571 to 0.630; alone it
// orders the candidates at 0.14 to 0.24); BM25 b from 0.3 to 0.95 (a: 0.609
// to 0.638) and k1 from 0.6 to 2.0 (b: 0.596 to 0.607); pairs that straddle
// two words weighed down, found by pointwise mutual information (b: 0.595
// to 0.604) or by a segmentation on document frequency (0.570 to 0.582
// against 0.594 on the first 142); the single characters of typed pairs the
// collection lacks weighed up (b: 0.542 to 0.605); synonyms weighed by the
// length of the word typed over theirs (b: 0.536 to 0.583). (A deeper
// candidate list gains a little: see rerankDepth.)
//
// Tried later on the 220 law dev questions (laws-dev and laws-dev2), against
// 0.636 or, with lawFormBoost, 0.650, and not kept: the best law's
// articles scored again with each term's idf computed within that law
// (监察委员会 is in every article of the 监察法, 冻结 in one) and blended
// with their score over the collection, at 0.2 to 0.6, over the best one or
// three laws (0.617 to 0.641); a form for 能不能 / 可不可以 favouring
// articles that say 不得 or 禁止 (0.645); rerankDepth 40, 80, 100 and 200
// (0.641, 0.651, 0.654, 0.653, the deeper ones slower); nameBoost 0.5 and
// 0.8, localFactor 0.7 and 0.8, regulationFactor 0.8 and 1.0,
// lawSupportWeight 0.4 to 1.0 with lawSupportDepth 3 or 5 (all within 0.626
// to 0.653).
func (ix *Index) rerank(q *qplan, hits, pinned []scored, k int) []scored {
	docs := ix.kb.Documents
	boost := formBoost
	if ix.prov.ndocs >= uniDropMinDocs {
		boost = lawFormBoost
	}
	for i := range hits {
		if hasDoc(pinned, hits[i].doc) {
			continue
		}
		f := ix.ver.factor(docs, ix.provDoc[hits[i].doc], q.year, q.oldText) * ix.docPrior(q, hits[i].doc)
		for m := q.forms & ix.shape[hits[i].doc]; m != 0; m &= m - 1 {
			f *= 1 + boost
		}
		hits[i].score *= f
	}
	if ix.prov.ndocs >= uniDropMinDocs {
		ix.lawSupport(hits, pinned)
	}
	slices.SortStableFunc(hits, func(a, b scored) int {
		pa, pb := hasDoc(pinned, a.doc), hasDoc(pinned, b.doc)
		switch {
		case pa != pb && pa:
			return -1
		case pa != pb:
			return 1
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
	return hits[:min(k, len(hits))]
}

// Law support, in a large collection: the candidates of one law back each
// other. A question about 年休假 that finds several articles of the
// 职工带薪年休假条例 among its candidates is about that law, and its
// articles should come before a lone article of an unrelated law that shares
// a stray word with a long question. Each law's support is the sum of its
// candidates' scores, the best first, the i-th divided by i, over its
// lawSupportDepth best; each candidate's score is multiplied by
// 1 + lawSupportWeight times its law's support over the best law's.
// Measured on the law dev questions: MRR@10 0.448 → 0.472.
const (
	lawSupportWeight = 0.6
	lawSupportDepth  = 3
)

func (ix *Index) lawSupport(hits, pinned []scored) {
	type law struct {
		doc     uint32
		n       int
		support float64
	}
	var laws []law // few candidates: a slice beats a map
	at := func(d uint32) *law {
		for i := range laws {
			if laws[i].doc == d {
				return &laws[i]
			}
		}
		laws = append(laws, law{doc: d})
		return &laws[len(laws)-1]
	}
	// Each law's candidates are taken best first.
	order := slices.Clone(hits)
	slices.SortFunc(order, func(a, b scored) int {
		if worse(b, a) {
			return -1
		}
		if worse(a, b) {
			return 1
		}
		return 0
	})
	for _, h := range order {
		if hasDoc(pinned, h.doc) {
			continue
		}
		l := at(ix.provDoc[h.doc])
		if l.n < lawSupportDepth {
			l.n++
			l.support += h.score / float64(l.n)
		}
	}
	best := 0.0
	for _, l := range laws {
		best = max(best, l.support)
	}
	if best <= 0 {
		return
	}
	for i := range hits {
		if hasDoc(pinned, hits[i].doc) {
			continue
		}
		hits[i].score *= 1 + lawSupportWeight*at(ix.provDoc[hits[i].doc]).support/best
	}
}

// Document priors of a large collection (an imported law collection, where
// a question mostly concerns the national rules): a local regulation the
// question does not place, a normative document (judicial interpretations,
// ministry rules) and a section of a text without articles (a guide, a
// standard) are each scored a little lower than a national law or
// regulation saying the same. A normative document is scored lower still:
// a judicial interpretation or a ministry's rules restate the law's words
// for those who apply it, so they match a question as well as the article
// that governs it, and a cadre's question asks for that article (measured
// on the law dev questions: 0.9 → 0.7, MRR@10 0.529 → 0.542). An
// administrative regulation is scored a little lower than a law: where
// both speak to a matter (the 行政机关公务员处分条例 of 2007 and the
// 公职人员政务处分法 of 2020), the cadre's question is mostly answered by
// the law (measured on the 92 law dev questions: MRR@10 0.556 → 0.567, no
// question lost a rank). A small knowledge base is curated for its users,
// and none of this applies.
const (
	localFactor      = 0.9
	normativeFactor  = 0.7
	regulationFactor = 0.9
	sectionFactor    = 0.85
	// boilerplateFactor: see boilerplateBit.
	boilerplateFactor = 0.5
)

func (ix *Index) docPrior(q *qplan, p uint32) float64 {
	if ix.prov.ndocs < uniDropMinDocs {
		return 1
	}
	f := 1.0
	d := ix.kb.Documents[ix.provDoc[p]]
	switch d.Level {
	case LevelLocalLaw:
		if r := regionKey(d.Region); r == "" || !strings.Contains(q.text, r) {
			f *= localFactor
		}
	case LevelNormative:
		f *= normativeFactor
	case LevelRegulation:
		f *= regulationFactor
	}
	if ix.cited != nil && ix.cited[ix.provDoc[p]] && !ix.ver.superseded[ix.provDoc[p]] {
		f *= 1 + citedBoost
	}
	if ix.provs[p].Number == 0 {
		f *= sectionFactor
	}
	if c := ix.docCore[ix.provDoc[p]]; c != "" && strings.Contains(q.text, c) {
		f *= 1 + nameBoost
	}
	if slices.Contains(q.named, ix.provDoc[p]) {
		f *= 1 + namedBoost
	}
	if ix.shape[p]&boilerplateBit != 0 && !q.enactment {
		f *= boilerplateFactor
	}
	return f
}
