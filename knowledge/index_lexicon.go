package knowledge

// Domain phrases and the pitfall of accidental bigrams.
//
// Plain bigrams cannot tell 容错 in 容错纠错 from 容错 straddling the two
// words of 内容错误. The index therefore knows two lists of words: domain
// phrases (the vocabulary of tolerance and accountability, plus kb.Terms),
// and ordinary words that happen to contain a domain phrase (内容错误,
// 参加重大, 不作为证据). Inside a run of Han characters every occurrence of
// both kinds is found; a domain phrase lying inside a longer ordinary word is
// an accident and counts for nothing: neither the phrase nor, for a
// two-character phrase, the equal bigram is indexed or queried there. A real
// occurrence of a longer phrase (免予问责, 三个区分开来) is indexed as a term
// of its own, and in queries domain phrases weigh domainBoost times a plain
// bigram, so a text that really speaks of 容错 outranks one that merely
// shares characters with it. Ordinary words are indexed as terms of their
// own too, so a question about 内容错误 finds exactly that phrase.

// defaultDomainPhrases are the phrases of the tolerance domain that count as
// whole terms in every index; a knowledge base adds its own in kb.Terms.
var defaultDomainPhrases = []string{
	"容错", "纠错", "容错纠错", "容错免责", "免责", "问责", "免予问责", "不予问责",
	"从轻", "减轻", "从重", "加重", "处分", "政务处分", "党纪处分", "纪律处分",
	"免予处分", "不予处分", "诫勉", "组织处理", "三个区分开来", "集体研究", "集体决策",
	"民主决策", "个人专断", "明令禁止", "谋取私利", "八项规定", "不作为", "乱作为",
	"慢作为", "假作为", "敷衍塞责", "推诿扯皮", "弄虚作假", "先行先试", "探索性试验",
	"无意过失", "不可抗力", "挽回损失", "履职尽责", "担当作为", "改革创新", "澄清正名",
	"诬告陷害", "失误", "过失", "违纪", "干部", "激励", "招商引资", "项目建设",
	"历史遗留问题", "服务企业", "应急处置", "国企投资", "基层治理",
}

// defaultOrdinaryWords are ordinary words that contain a domain phrase by
// accident, found by reading the contexts of the domain phrases in the
// national law collection.
var defaultOrdinaryWords = []string{
	"内容错误", "内容错", // 容错
	"减免责任", "减免责", // 免责
	"参加重", "增加重", "追加重", "附加重", "施加重", "更加重", // 加重 (参加重大会议)
	"不作为证据", "不作为认定", "不作为定案", "不作为依据", "不作为破产", // 不作为 "not as"
	"处分财产", "无权处分", // civil-law disposal, not a sanction
	"主干部", "骨干部", "树干部", "躯干部", // 干部 (主干部分)
	"容错率", "容错性", // fault tolerance of machines
}

// domainBoost is the weight of a domain phrase in a query relative to a
// plain bigram.
const domainBoost = 2.0

// maxPhraseRunes bounds the phrases the lexicon accepts.
const maxPhraseRunes = 16

type lexEntry struct {
	runes  []rune
	text   string
	domain bool
}

// lexicon finds domain phrases and ordinary words in runs of Han characters.
type lexicon struct {
	entries []lexEntry
	byFirst map[rune][]int32
	first   [0x10000 / 64]uint64 // bit set of the first runes (BMP), a fast filter
}

// phraseOcc is one occurrence of a lexicon entry in a run.
type phraseOcc struct {
	start, end int // rune offsets in the run
	entry      int32
	domain     bool
	accidental bool // a domain phrase inside a longer ordinary word
}

func newLexicon(extra []string) *lexicon {
	lx := &lexicon{byFirst: map[rune][]int32{}}
	seen := map[string]int32{}
	add := func(s string, domain bool) {
		rs := []rune(Normalize(s))
		if len(rs) < 2 || len(rs) > maxPhraseRunes {
			return
		}
		for _, r := range rs {
			if !isHan(r) {
				return
			}
		}
		text := string(rs)
		if i, ok := seen[text]; ok {
			lx.entries[i].domain = lx.entries[i].domain || domain
			return
		}
		i := int32(len(lx.entries))
		seen[text] = i
		lx.entries = append(lx.entries, lexEntry{runes: rs, text: text, domain: domain})
		lx.byFirst[rs[0]] = append(lx.byFirst[rs[0]], i)
		if rs[0] < 0x10000 {
			lx.first[rs[0]/64] |= 1 << (rs[0] % 64)
		}
	}
	for _, s := range defaultDomainPhrases {
		add(s, true)
	}
	for _, s := range extra {
		add(s, true)
	}
	for _, s := range defaultOrdinaryWords {
		add(s, false)
	}
	return lx
}

// find returns in occ the occurrences of lexicon entries in run, domain
// phrases and ordinary words, marking the domain phrases that lie inside a
// longer ordinary word as accidental.
func (lx *lexicon) find(run []rune, occ []phraseOcc) []phraseOcc {
	occ = occ[:0]
	ordinary := false
	for i, r := range run {
		if r < 0x10000 && lx.first[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		for _, e := range lx.byFirst[r] {
			en := &lx.entries[e]
			if i+len(en.runes) > len(run) || !equalRunes(run[i:i+len(en.runes)], en.runes) {
				continue
			}
			occ = append(occ, phraseOcc{start: i, end: i + len(en.runes), entry: e, domain: en.domain})
			ordinary = ordinary || !en.domain
		}
	}
	if !ordinary {
		return occ
	}
	for i := range occ {
		if !occ[i].domain {
			continue
		}
		for _, o := range occ {
			if !o.domain && o.start <= occ[i].start && occ[i].end <= o.end && o.end-o.start > occ[i].end-occ[i].start {
				occ[i].accidental = true
				break
			}
		}
	}
	return occ
}

func equalRunes(a, b []rune) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
