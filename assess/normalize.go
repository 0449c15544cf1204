package assess

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"rongcuo/internal/hanzi"
)

// text is the input prepared for matching: one normalized rune per input
// character that matters, each remembering where it came from, so evidence
// is always cut from the original string and is an exact substring of it.
type text struct {
	src   string
	runes []rune // normalized; whitespace and invisible characters dropped
	start []int  // byte offset in src of each rune
	end   []int  // byte offset in src just after each rune
	// thirdPerson: the message asks on behalf of someone else (帮我们局长问问,
	// 他能不能容错), whose acts told as 他/她 are the case's own.
	thirdPerson bool
	words       map[[2]int][][2]int // segmentations made (see text.segment)
	toks        map[[2]int][]token  // triggers found (see text.tokens)
}

// segment is segment(t.runes, lo, hi), made once per range: a clause is
// read by several steps. The runes do not change after prepare; the result
// is shared and must not be changed.
func (t *text) segment(lo, hi int) [][2]int {
	k := [2]int{lo, hi}
	if s, ok := t.words[k]; ok {
		return s
	}
	s := slices.Clip(segment(t.runes, lo, hi))
	if t.words == nil {
		t.words = map[[2]int][][2]int{}
	}
	t.words[k] = s
	return s
}

// tokens is tokenize over segment(lo, hi), made once per range for the
// steps that only read it; the result must not be changed.
func (t *text) tokens(lo, hi int) []token {
	k := [2]int{lo, hi}
	if s, ok := t.toks[k]; ok {
		return s
	}
	s := tokenize(t.runes, t.segment(lo, hi))
	if t.toks == nil {
		t.toks = map[[2]int][]token{}
	}
	t.toks[k] = s
	return s
}

// prepare normalizes s rune by rune: traditional to simplified characters,
// full-width to half-width, Chinese punctuation to ASCII, upper to lower
// case, then mends common phone-keyboard slips. Every step maps one rune to
// one rune, which keeps the offsets exact. Invalid UTF-8 bytes are kept as
// U+FFFD covering their one byte.
func prepare(s string) *text {
	t := &text{src: s}
	n := utf8.RuneCountInString(s)
	t.runes, t.start, t.end = make([]rune, 0, n), make([]int, 0, n), make([]int, 0, n)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isBlank(r) {
			// Kept for now: spacesAsCommas decides what a space was.
			t.runes = append(t.runes, ' ')
			t.start = append(t.start, i)
			t.end = append(t.end, i+size)
		} else if n, keep := normRune(r); keep {
			t.runes = append(t.runes, n)
			t.start = append(t.start, i)
			t.end = append(t.end, i+size)
		}
		i += size
	}
	t.spacesAsCommas()
	mendTypos(t.runes)
	maskQuotes(t.runes)
	whole := string(t.runes)
	t.thirdPerson = mayBeThirdPerson(whole) && reThirdPerson.MatchString(whole)
	t.hypotheticalCase(whole)
	return t
}

// hypotheticalCase (s is the text's runes as a string): a message that opens with a condition on the cadre's
// own act and asks whether it is tolerable (假如我收了企业的钱…能容错吗) asks
// about that case; its condition is the case told, so the condition word is
// blanked out for matching (the evidence is cut from the original text).
func (t *text) hypotheticalCase(s string) {
	loc := reHypoOpening.FindStringSubmatchIndex(s)
	if loc == nil || !reHypoAsk.MatchString(s) {
		return
	}
	lo := utf8.RuneCountInString(s[:loc[2]])
	hi := utf8.RuneCountInString(s[:loc[3]])
	for i := lo; i < hi; i++ {
		t.runes[i] = '〇'
	}
}

var (
	reHypoOpening = regexp.MustCompile(`^(?:请问|问一下|想问下|想问一下)?[,，:：]?(如果|假如|假设|要是|倘若|假使)(?:我|我们|俺|俺们|咱)`)
	reHypoAsk     = regexp.MustCompile(`(能|可以|能不能|会不会|算不算|还能|可不可以)[^,.;!?，。；！？]{0,10}(容错|免责|容|追责|问责|处分|处理)`)
)

// reThirdPerson is a message asked on someone else's behalf: a question
// about 他/她, 帮…问/替…问, help sought for him (帮他申请容错), or a
// message that opens on a relative or colleague and goes on about 他/她
// (我弟弟在镇里管项目的，他说…).
var reThirdPerson = regexp.MustCompile(`(他|她)(这种|这个|的情况|的事)?(能不能|能否|可不可以|可以|会不会|能|算不算|要不要|还能)[^,.;!?，。；！？]{0,6}(容错|免责|处分|问责|追责|担责|处理|从轻)|(帮|替|代)(我们|我|俺)?[^,.;!?，。；！？]{0,8}问(问|一下|个事)?|(帮|替|给)(他|她)[^,.;!?，。；！？]{0,4}(申请|求情|说情|争取)[^,.;!?，。；！？]{0,4}(容错|免责|从轻|减轻)|^[^,.;!?，。；！？]{0,3}(我|俺)(的)?(弟弟|哥哥|姐姐|妹妹|老公|丈夫|爱人|老婆|媳妇|妻子|儿子|女儿|父亲|爸爸|老爸|妈妈|母亲|老妈|同事|朋友|爸|妈|爹|娘|哥|弟|姐|妹|叔|舅)[^。！？!?]{0,40}[,，](他|她)`)

// mayBeThirdPerson holds for every s reThirdPerson matches: each of its
// branches needs 他 or 她, or 问 after 帮, 替 or 代.
func mayBeThirdPerson(s string) bool {
	return strings.ContainsAny(s, "他她") || strings.ContainsRune(s, '问') && strings.ContainsAny(s, "帮替代")
}

// isBlank is a space a person typed (or speech-to-text put) between words.
func isBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0'
}

// clauseChunk is the mean length of the stretches of Chinese between spaces
// from which the spaces are read as pauses: text dictated without
// punctuation comes in phrases (村里开会研究了 先垫付了工程款 后来审计说),
// while spaces between two-character words (没有 收受 好处) are only spacing.
const clauseChunk = 4

// spacesAsCommas reads the spaces of a text: where the stretches of Chinese
// between spaces are phrases, a space between two Chinese characters ends a
// clause as a comma would, unless what precedes it cannot end one (a
// negator or a preposition waits for its object: 没有 收受); every other
// space is dropped, so "没有 收受" matches like "没有收受".
func (t *text) spacesAsCommas() {
	rs := t.runes
	pause := pauses(rs)
	k := 0
	for i, r := range rs {
		if r == ' ' && !pause[i] {
			continue
		}
		if pause[i] {
			r = ','
		}
		rs[k], t.start[k], t.end[k] = r, t.start[i], t.end[i]
		k++
	}
	t.runes, t.start, t.end = rs[:k], t.start[:k], t.end[:k]
}

// Punctuate writes a comma for every space of s that spacesAsCommas reads as
// a pause, and leaves the rest of s as it is: the clause-by-clause readings
// of a message (what it asks, what it tells) see dictated text as clauses.
func Punctuate(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		if isBlank(r) {
			rs[i] = ' '
		}
	}
	pause := pauses(rs)
	if len(pause) == 0 {
		return s
	}
	orig := []rune(s)
	for i := range pause {
		orig[i] = '，'
	}
	return string(orig)
}

// pauses returns the positions of the spaces in rs (written ' ') that end a
// clause.
func pauses(rs []rune) map[int]bool {
	var between []int // spaces between two Chinese characters
	for i, r := range rs {
		if r == ' ' && i > 0 && isHan(rs[i-1]) {
			j := i + 1
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			if j < len(rs) && isHan(rs[j]) {
				between = append(between, i)
			}
		}
	}
	if len(between) == 0 {
		return nil
	}
	// The mean length of the runs of Chinese the spaces separate.
	total, runs, lastEnd := 0, 0, -1
	for _, p := range between {
		lo := p - 1
		for lo >= 0 && isHan(rs[lo]) && lo > lastEnd {
			lo--
		}
		if p-lo-1 > 0 {
			total += p - lo - 1
			runs++
		}
		hi := p + 1
		for hi < len(rs) && rs[hi] == ' ' {
			hi++
		}
		n := 0
		for hi+n < len(rs) && isHan(rs[hi+n]) {
			n++
		}
		total += n
		runs++
		lastEnd = hi + n - 1
	}
	if runs == 0 || total < clauseChunk*runs {
		return nil
	}
	out := make(map[int]bool, len(between))
	for _, p := range between {
		if !waitsForObject(rs, p) {
			out[p] = true
		}
	}
	return out
}

// waitsForObject: a clause does not end on a negator (没, 没有, 并未 …) or a
// preposition (把, 向, 从 …) before position p.
func waitsForObject(rs []rune, p int) bool {
	r := rs[p-1]
	if r == '有' && p >= 2 && (rs[p-2] == '没' || rs[p-2] == '无') {
		return true
	}
	return strings.ContainsRune("不没未无别非把给向对从跟和与为将让叫由在是", r)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// maskQuotes blanks the words inside quotation marks: a quoted phrase (a
// statute's words, a so-called '集体研究', what someone else said) asserts
// nothing about the case. Only short quotations with Chinese in them are
// masked; a long one is more likely the cadre's own story in quotes.
func maskQuotes(rs []rune) {
	open := -1
	var closer rune
	for i, r := range rs {
		if open < 0 {
			if cl, ok := quotePairs[r]; ok {
				open, closer = i, cl
			}
			continue
		}
		if r == '\n' {
			open = -1
			continue
		}
		if r != closer {
			continue
		}
		han := false
		for j := open + 1; j < i; j++ {
			han = han || unicode.Is(unicode.Han, rs[j])
		}
		// Two or three characters in quotes are scare quotes ("处理"了一下):
		// the word is meant, and stays.
		// A name in quotes (“防疫津贴”) is a name; a quoted phrase of
		// six characters or more is someone's words.
		if han && i-open-1 <= maxQuoted && i-open-1 >= 6 {
			for j := open + 1; j < i; j++ {
				rs[j] = masked
			}
		}
		open = -1
	}
}

// masked stands in for a quoted character: no word or trigger contains it.
const masked = '□'

const maxQuoted = 40

var quotePairs = map[rune]rune{'“': '”', '「': '」', '『': '』', '‘': '’', '"': '"', '\'': '\''}

// normRune maps one rune; keep is false for characters that carry no meaning
// for matching (spaces, control and zero-width characters), so "没有 收受"
// matches like "没有收受".
func normRune(r rune) (n rune, keep bool) {
	switch {
	case r == '\n' || r == '\r':
		return '\n', true // a line break ends a sentence
	case unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return 0, false
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
	}
	if p, ok := punct[r]; ok {
		return p, true
	}
	if s := hanzi.Simplified(r); s != r {
		return s, true
	}
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A'), true
	}
	return r, true
}

// punct maps Chinese punctuation to the ASCII mark the clause splitter uses.
var punct = map[rune]rune{
	'，': ',', '。': '.', '；': ';', '！': '!', '？': '?', '：': ':',
	'｡': '.', '､': '、', '﹐': ',', '﹑': '、', '﹔': ';', '﹖': '?', '﹗': '!',
	'…': '.', '⋯': '.',
}

// typos are slips of pinyin input that turn a key word into a homophone,
// each replaced by the intended characters (same length, so offsets stay).
var typos = [][2]string{
	{"研就", "研究"}, {"研纠", "研究"}, {"集提", "集体"}, {"集题", "集体"},
	{"党为会", "党委会"}, {"党委汇", "党委会"}, {"班子汇", "班子会"},
	{"手受", "收受"}, {"收售", "收受"}, {"好出", "好处"}, {"号处", "好处"},
	{"回口", "回扣"}, {"谋去", "谋取"},
	{"隐满", "隐瞒"}, {"引瞒", "隐瞒"}, {"推委", "推诿"}, {"推萎", "推诿"},
	{"名令", "明令"}, {"明另", "明令"}, {"禁指", "禁止"},
	{"一份钱", "一分钱"}, {"木有", "没有"}, {"莫有", "没有"},
	// homophones of the domain's own words (the example bank has them)
	{"容措", "容错"}, {"荣错", "容错"}, {"溶错", "容错"}, {"处份", "处分"}, {"问则", "问责"},
	{"戒免", "诫勉"}, {"诫免", "诫勉"}, {"戒勉", "诫勉"}, {"记委", "纪委"}, {"审记", "审计"}, {"谈化", "谈话"}, {"纪伟", "纪委"},
	// Cantonese written as spoken: the particles and pronouns that change a
	// reading (收咗 is 收了, 唔 is 不).
	{"咗", "了"}, {"唔", "不"}, {"佢", "他"}, {"嘅", "的"}, {"冇", "没"}, {"俾", "给"}, {"哋", "们"},
	{"食饭", "吃饭"}, {"来不切", "来不及"}, {"来唔切", "来不及"},
	{"第二朝", "第二天"}, {"听朝", "明天"}, {"琴日", "昨天"}, {"而家", "现在"}, {"嗰阵", "那时"}, {"即刻", "立刻"}, {"揾", "找"},
	// 帐 for 账 in accounts (帐篷 keeps its 帐)
	{"帐上", "账上"}, {"帐目", "账目"}, {"帐户", "账户"}, {"帐本", "账本"}, {"记帐", "记账"}, {"对帐", "对账"}, {"做帐", "做账"}, {"假帐", "假账"}, {"入帐", "入账"}, {"畀", "给"}, {"他话", "他说"},
}

// MendTypos replaces the common slips of pinyin input in s (already
// normalised: simplified characters) by the intended words.
func MendTypos(s string) string {
	rs := []rune(s)
	mendTypos(rs)
	return string(rs)
}

var typoRunes = func() [][2][]rune {
	out := make([][2][]rune, len(typos))
	for i, p := range typos {
		out[i] = [2][]rune{[]rune(p[0]), []rune(p[1])}
	}
	return out
}()

// homophones are the generated slips (data/homophones.tsv), read once on
// first use.
var homophones = sync.OnceValue(func() *slipIndex {
	m, err := loadHomophones()
	if err != nil {
		panic("assess: " + err.Error()) // the embedded data is part of the program
	}
	x := &slipIndex{one: map[rune][][2][]rune{}, two: map[[2]rune][][2][]rune{}, starts: &runeSet{}}
	for r, slips := range m {
		for _, p := range slips {
			x.starts.add(p[0][0])
			if len(p[0]) == 1 {
				x.one[r] = append(x.one[r], p)
			} else {
				k := [2]rune{p[0][0], p[0][1]}
				x.two[k] = append(x.two[k], p)
			}
		}
	}
	return x
})

// slipIndex holds the generated slips by their first two runes (one-rune
// slips apart), each list in the file's order.
type slipIndex struct {
	one    map[rune][][2][]rune
	two    map[[2]rune][][2][]rune
	starts *runeSet // the first runes of all the slips
}

// longest returns the longest slip that starts at rs[i] (the first in the
// file's order among the longest), nil when none does.
func (x *slipIndex) longest(rs []rune, i int) [][2][]rune {
	if !x.starts.has(rs[i]) {
		return nil // no slip starts here
	}
	if i+1 < len(rs) {
		here := x.two[[2]rune{rs[i], rs[i+1]}]
		best := -1
		for j, p := range here {
			if hasAt(rs, i, p[0]) && (best < 0 || len(p[0]) > len(here[best][0])) {
				best = j
			}
		}
		if best >= 0 {
			return here[best : best+1]
		}
	}
	if here := x.one[rs[i]]; len(here) > 0 {
		return here[:1]
	}
	return nil
}

// typoGuards are real words that hold a slip of the table: 评审记录 is no
// 审计, 科研就 no 研究, 党委汇报 no 党委会.
var typoGuards = map[string][]string{
	"审记": {"审记录"}, "研就": {"科研就"}, "党委汇": {"党委汇报", "党委汇保"}, "班子汇": {"班子汇报", "班子汇保"},
}

// guarded reports whether the slip v found at i is part of one of its
// guard words.
func guarded(rs []rune, i int, v string) bool {
	for _, g := range typoGuards[v] {
		off := len([]rune(g[:strings.Index(g, v)]))
		if hasAt(rs, i-off, []rune(g)) {
			return true
		}
	}
	return false
}

// typoFirst marks the first runes of the typos: the table is tried only
// where one starts.
var typoFirst = func() *runeSet {
	m := &runeSet{}
	for _, p := range typoRunes {
		m.add(p[0][0])
	}
	return m
}()

func mendTypos(rs []rune) {
	slips := homophones()
	for i := range rs {
		if typoFirst.has(rs[i]) { // else no slip of the table starts here
			for k, p := range typoRunes {
				if rs[i] == p[0][0] && hasAt(rs, i, p[0]) && !guarded(rs, i, typos[k][0]) {
					copy(rs[i:], p[1])
				}
			}
		}
		// The longest generated variant that starts here.
		if best := slips.longest(rs, i); best != nil {
			copy(rs[i:], best[0][1])
		}
	}
}

// anyWordIn reports whether one of words lies wholly within rs[lo:hi].
func anyWordIn(rs []rune, lo, hi int, words [][]rune) bool {
	for _, w := range words {
		for i := lo; i+len(w) <= hi; i++ {
			if hasAt(rs, i, w) {
				return true
			}
		}
	}
	return false
}

// anyWordAt reports whether one of words starts at rs[i].
func anyWordAt(rs []rune, i int, words [][]rune) bool {
	for _, w := range words {
		if hasAt(rs, i, w) {
			return true
		}
	}
	return false
}

// wordIs reports whether rs[a:b] is exactly one of words.
func wordIs(rs []rune, a, b int, words [][]rune) bool {
	for _, w := range words {
		if len(w) == b-a && hasAt(rs, a, w) {
			return true
		}
	}
	return false
}

func hasAt(rs []rune, i int, w []rune) bool {
	if i < 0 || i+len(w) > len(rs) {
		return false
	}
	for j, r := range w {
		if rs[i+j] != r {
			return false
		}
	}
	return true
}

// slice returns the original text of normalized runes [a, b).
func (t *text) slice(a, b int) string {
	if a >= b {
		return ""
	}
	return t.src[t.start[a]:t.end[b-1]]
}
