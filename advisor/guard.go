package advisor

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// guarded is a regular expression with literal pre-checks. The intent rules
// are long alternations with bounded gaps, which backtrack slowly over a long
// question; most questions contain few of a rule's words. So a top-level
// alternation is split into its alternatives, and for each the words any
// match must contain are found in its syntax once; one pass over the text
// finds which of the rule's words occur (by each word's first character), an
// alternative that is just a list of words is decided by them, and the
// others run their own, small expression only on text that holds a word of
// every set they need.
type guarded struct {
	re     *regexp.Regexp // the whole expression (nil for a union, see anyOf)
	parts  []guarded      // the rules of a union
	words  []guardWord    // every word the pre-checks look for
	index  *wordIndex     // words by first character
	alts   []guardAlt
	always bool // an alternative matches the empty string: every text matches
	fold   bool // some words are matched case-insensitively (ASCII letters, on lowered text)
}

// guardWord is a word looked for in the text.
type guardWord struct {
	text    string
	fold    bool // compared with the ASCII-lowered text
	decides bool // its presence alone is a match of the whole expression
}

// guardAlt is one alternative of the top-level alternation.
type guardAlt struct {
	re    *regexp.Regexp // nil when the alternative is a list of words (they decide)
	sets  [][]int        // indexes into words: a match contains one word of every set
	need  []wordMask     // sets as masks of the words found: one test a word of the bitmap, not one a word
	ascii bool           // no sets, case-folded ASCII: run it only on text with ASCII letters
}

// wordMask is a set of word ids as the bits they have in a scan's bitmap of
// words found: the bitmap's words that hold any, with those bits.
type wordMask []maskPart

type maskPart struct {
	at   int // index into the bitmap
	bits uint64
}

// maskOf returns the mask of the words ids (mapped through remap when set).
func maskOf(ids []int, remap []int) wordMask {
	var m wordMask
next:
	for _, id := range ids {
		if remap != nil {
			id = remap[id]
		}
		for i := range m {
			if m[i].at == id>>6 {
				m[i].bits |= 1 << (id & 63)
				continue next
			}
		}
		m = append(m, maskPart{at: id >> 6, bits: 1 << (id & 63)})
	}
	return m
}

// any reports whether present holds one of the mask's words.
func (m wordMask) any(present []uint64) bool {
	for _, p := range m {
		if present[p.at]&p.bits != 0 {
			return true
		}
	}
	return false
}

// needs returns the masks of an alternative's sets, their ids mapped
// through remap when set.
func needs(sets [][]int, remap []int) []wordMask {
	var out []wordMask
	for _, set := range sets {
		out = append(out, maskOf(set, remap))
	}
	return out
}

// maxExact bounds the strings an expression is expanded to when it matches
// only finitely many (怎(?:么|样) is 怎么 and 怎样).
const maxExact = 256

func mustGuard(expr string) guarded {
	g := guarded{re: regexp.MustCompile(expr)}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		g.alts = []guardAlt{{re: g.re}}
		g.index = newWordIndex(nil)
		return g
	}
	ids := map[guardWord]int{}
	word := func(w exactString, decides bool) int {
		id := intern(ids, &g.words, guardWord{text: w.s, fold: w.fold})
		if decides {
			g.words[id].decides = true
		}
		return id
	}
	for _, alt := range alternatives(tree) {
		if set, ok := exactSet(alt); ok {
			decides := true
			for _, w := range set {
				if w.s == "" {
					g.always = true
				}
				decides = decides && w.exact
			}
			if decides {
				for _, w := range set {
					word(w, true)
				}
				continue
			}
		}
		a := guardAlt{re: regexp.MustCompile(alt.String())}
		for _, set := range requiredSets(alt) {
			var idx []int
			for _, w := range set {
				idx = append(idx, word(w, false))
			}
			a.sets = append(a.sets, idx)
		}
		if len(a.sets) == 0 && asciiOnly(alt) {
			a.ascii = true
		}
		a.need = needs(a.sets, nil)
		g.alts = append(g.alts, a)
	}
	for _, w := range g.words {
		g.fold = g.fold || w.fold
	}
	g.index = newWordIndex(g.words)
	return g
}

// anyOf returns a rule that matches where any of rules does: their words
// found in one pass, their alternatives tried in turn.
func anyOf(rules []guarded) guarded {
	u := guarded{parts: rules}
	ids := map[[2]string]int{}
	for _, g := range rules {
		u.always = u.always || g.always
		u.fold = u.fold || g.fold
		remap := make([]int, len(g.words))
		for i, w := range g.words {
			k := [2]string{w.text, ""}
			if w.fold {
				k[1] = "fold"
			}
			id, ok := ids[k]
			if !ok {
				id = len(u.words)
				ids[k] = id
				u.words = append(u.words, guardWord{text: w.text, fold: w.fold})
			}
			u.words[id].decides = u.words[id].decides || w.decides
			remap[i] = id
		}
		for _, a := range g.alts {
			b := guardAlt{re: a.re, ascii: a.ascii}
			for _, set := range a.sets {
				mapped := make([]int, len(set))
				for i, id := range set {
					mapped[i] = remap[id]
				}
				b.sets = append(b.sets, mapped)
			}
			b.need = needs(b.sets, nil)
			u.alts = append(u.alts, b)
		}
	}
	u.index = newWordIndex(u.words)
	return u
}

// unions keeps the union of each rule list hasAny is given (package-level
// lists, so one union each).
var unions sync.Map // unionKey → *guarded

type unionKey struct {
	first *guarded
	n     int
}

// alternatives returns the top-level alternatives of an expression, through
// capturing groups (which do not change whether it matches).
func alternatives(re *syntax.Regexp) []*syntax.Regexp {
	switch re.Op {
	case syntax.OpCapture:
		return alternatives(re.Sub[0])
	case syntax.OpAlternate:
		var out []*syntax.Regexp
		for _, sub := range re.Sub {
			out = append(out, alternatives(sub)...)
		}
		return out
	}
	return []*syntax.Regexp{re}
}

func (g guarded) MatchString(s string) bool {
	if g.always {
		return true
	}
	if g.fold && hasFoldOutsider(s) {
		// Runes outside ASCII that fold to ASCII letters: leave it to the
		// expression.
		if g.re == nil {
			for _, p := range g.parts {
				if p.MatchString(s) {
					return true
				}
			}
			return false
		}
		return g.re.MatchString(s)
	}
	var buf [8]uint64
	var present []uint64
	if n := (len(g.words) + 63) / 64; n <= len(buf) {
		present = buf[:n]
	} else {
		present = make([]uint64, n)
	}
	if g.fold && hasASCIIUpper(s) {
		if g.index.scan(s, g.words, present, scanCased) || g.index.scan(asciiLower(s), g.words, present, scanFolded) {
			return true
		}
	} else if g.index.scan(s, g.words, present, scanAll) {
		return true
	}
	return g.matchAlts(s, present, nil)
}

// matchAlts decides the alternatives that need more than one of the words
// found (present, by word id; by the ids of a guardSet when need, the
// alternatives' masks in its ids, is set).
func (g *guarded) matchAlts(s string, present []uint64, need [][]wordMask) bool {
	letters := -1
alts:
	for i := range g.alts {
		a := &g.alts[i]
		masks := a.need
		if need != nil {
			masks = need[i]
		}
		for _, m := range masks {
			if !m.any(present) {
				continue alts
			}
		}
		if a.ascii {
			if letters < 0 {
				letters = 0
				if hasASCIILetter(s) {
					letters = 1
				}
			}
			if letters == 0 {
				continue
			}
		}
		if a.re.MatchString(s) {
			return true
		}
	}
	return false
}

// guardSet reads a text once for many rules: the words of all of them are
// found in one pass, and each rule is decided from the words found, running
// its own expressions where MatchString would. A table of rules asked of the
// same text (the governing cues) reads it once instead of once a rule.
type guardSet struct {
	rules  []guarded
	words  []guardWord // every rule's words, none deciding: the scan marks all
	index  *wordIndex
	fold   bool
	ids    [][]int        // per rule: the ids in words of its words
	decide []wordMask     // per rule: its deciding words, in these ids
	need   [][][]wordMask // per rule and alternative: its sets' masks in these ids
}

func newGuardSet(rules []guarded) *guardSet {
	gs := &guardSet{rules: rules, ids: make([][]int, len(rules)), decide: make([]wordMask, len(rules)), need: make([][][]wordMask, len(rules))}
	at := map[guardWord]int{}
	for i, g := range rules {
		gs.fold = gs.fold || g.fold
		var decide []int
		for _, w := range g.words {
			id := intern(at, &gs.words, guardWord{text: w.text, fold: w.fold})
			gs.ids[i] = append(gs.ids[i], id)
			if w.decides {
				decide = append(decide, id)
			}
		}
		gs.decide[i] = maskOf(decide, nil)
		gs.need[i] = make([][]wordMask, len(g.alts))
		for k, a := range g.alts {
			gs.need[i][k] = needs(a.sets, gs.ids[i])
		}
	}
	gs.index = newWordIndex(gs.words)
	return gs
}

// intern returns w's index in *words, appending it the first time.
func intern(ids map[guardWord]int, words *[]guardWord, w guardWord) int {
	id, ok := ids[w]
	if !ok {
		id = len(*words)
		ids[w] = id
		*words = append(*words, w)
	}
	return id
}

// setScan is a text read by a guardSet.
type setScan struct {
	set       *guardSet
	s         string
	present   []uint64
	outsiders bool // the text holds runes that fold to ASCII letters
}

func (gs *guardSet) scan(s string) *setScan {
	sc := &setScan{set: gs, s: s, present: make([]uint64, (len(gs.words)+63)/64)}
	sc.outsiders = gs.fold && hasFoldOutsider(s)
	if gs.fold && hasASCIIUpper(s) {
		gs.index.scan(s, gs.words, sc.present, scanCased)
		gs.index.scan(asciiLower(s), gs.words, sc.present, scanFolded)
	} else {
		gs.index.scan(s, gs.words, sc.present, scanAll)
	}
	return sc
}

// match reports whether rule i of the set matches the text: what
// rules[i].MatchString would say.
func (sc *setScan) match(i int) bool {
	g := &sc.set.rules[i]
	if g.always {
		return true
	}
	if g.fold && sc.outsiders {
		return g.MatchString(sc.s)
	}
	if sc.set.decide[i].any(sc.present) {
		return true
	}
	return g.matchAlts(sc.s, sc.present, sc.set.need[i])
}

// hasFoldOutsider reports the runes outside ASCII that fold to ASCII letters
// (the Kelvin sign and the long s). Each is looked for as bytes: neither
// lead byte continues a rune, so the bytes are found exactly where the rune
// is.
func hasFoldOutsider(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

func hasASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Which words a scan looks for.
const (
	scanAll    = iota // every word (the text has no upper-case ASCII letter)
	scanCased         // the case-sensitive words
	scanFolded        // the case-folded words, on lowered text
)

// wordIndex finds which of a set of words occur in a text in one pass,
// keyed by each word's first character; a bitmap of first characters skips
// most of the text's characters without a map look-up.
type wordIndex struct {
	first  [64]uint64 // bit r%4096: some word may start with r
	byRune map[rune][]int
	// table holds byRune open-addressed, for the scan: a look-up there
	// costs less than in the map. shift makes an index of a hash.
	table []runeWords
	shift uint
}

// runeWords is a slot of wordIndex.table: the words starting with r.
type runeWords struct {
	r     rune
	words []indexedWord
	used  bool
}

// indexedWord is a word of the index with its first eight bytes as a
// number: where eight bytes of text are left, one comparison of numbers
// tells most candidates from the word (words starting with 我 are many)
// before the bytes are compared.
type indexedWord struct {
	id   int
	head uint64 // the word's first bytes, little-endian
	mask uint64 // the bits of head the word has (it may be shorter)
	long bool   // longer than eight bytes: the rest is compared too
}

func newIndexedWord(id int, w string) indexedWord {
	iw := indexedWord{id: id, long: len(w) > 8}
	for k := 0; k < len(w) && k < 8; k++ {
		iw.head |= uint64(w[k]) << (8 * k)
		iw.mask |= 0xFF << (8 * k)
	}
	return iw
}

// head8 returns the eight bytes of s from i as a number, little-endian
// (i+8 <= len(s)).
func head8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func newWordIndex(words []guardWord) *wordIndex {
	x := &wordIndex{byRune: map[rune][]int{}}
	for id, w := range words {
		if w.text == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w.text)
		x.first[(r>>6)&63] |= 1 << (r & 63)
		x.byRune[r] = append(x.byRune[r], id)
	}
	// At most half the slots used.
	bits := uint(1)
	for 1<<bits < 2*len(x.byRune) {
		bits++
	}
	x.table, x.shift = make([]runeWords, 1<<bits), 32-bits
	for r, ids := range x.byRune {
		i := x.slot(r)
		for x.table[i].used {
			i = (i + 1) & (len(x.table) - 1)
		}
		slot := runeWords{r: r, used: true}
		for _, id := range ids {
			slot.words = append(slot.words, newIndexedWord(id, words[id].text))
		}
		x.table[i] = slot
	}
	return x
}

func (x *wordIndex) slot(r rune) int { return int(uint32(r) * 0x9E3779B1 >> x.shift) }

// words returns the words starting with r.
func (x *wordIndex) words(r rune) []indexedWord {
	for i := x.slot(r); ; i = (i + 1) & (len(x.table) - 1) {
		switch s := &x.table[i]; {
		case !s.used:
			return nil
		case s.r == r:
			return s.words
		}
	}
}

// scan marks in present the words found in s and reports whether one of
// them decides the match.
//
// The text is read byte by byte rather than rune by rune: a word can only
// start where the bytes encode its first rune, so continuation bytes are
// passed over, and a rune is put together from its bytes without checking
// them (bytes that are no valid encoding may look a word up; the comparison
// then fails). It finds what decoding each rune finds, without the decoding.
func (x *wordIndex) scan(s string, words []guardWord, present []uint64, which int) bool {
	for i := 0; i < len(s); i++ {
		var r rune
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c < 0xC0:
			continue // a continuation byte
		case c < 0xE0:
			if i+1 >= len(s) {
				continue
			}
			r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
		case c < 0xF0:
			if i+2 >= len(s) {
				continue
			}
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		default:
			if i+3 >= len(s) {
				continue
			}
			r = rune(c&0x07)<<18 | rune(s[i+1]&0x3F)<<12 | rune(s[i+2]&0x3F)<<6 | rune(s[i+3]&0x3F)
		}
		if x.first[(r>>6)&63]&(1<<(r&63)) != 0 {
			var head uint64
			full := i+8 <= len(s)
			if full {
				head = head8(s, i)
			}
			for _, iw := range x.words(r) {
				id := iw.id
				if present[id>>6]&(1<<(id&63)) != 0 || full && head&iw.mask != iw.head {
					continue
				}
				w := &words[id]
				if which == scanCased && w.fold || which == scanFolded && !w.fold {
					continue
				}
				if full && !iw.long || strings.HasPrefix(s[i:], w.text) {
					if w.decides {
						return true
					}
					present[id>>6] |= 1 << (id & 63)
				}
			}
		}
	}
	return false
}

// asciiOnly reports an expression whose literals are all ASCII, with no
// character classes, that needs a literal to match: the rules' English
// phrases, which cannot match a text without ASCII letters.
func asciiOnly(re *syntax.Regexp) bool {
	lits := 0
	var walk func(*syntax.Regexp) bool
	walk = func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpLiteral:
			for _, r := range re.Rune {
				if r >= 0x80 {
					return false
				}
			}
			lits++
		case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			return false
		}
		for _, sub := range re.Sub {
			if !walk(sub) {
				return false
			}
		}
		return true
	}
	return walk(re) && lits > 0 && needsLiteral(re)
}

// needsLiteral reports whether every match of re contains some literal.
func needsLiteral(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return needsLiteral(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && needsLiteral(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if needsLiteral(sub) {
				return true
			}
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !needsLiteral(sub) {
				return false
			}
		}
		return true
	}
	return false
}

func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// exactString is one string of a finite expression.
type exactString struct {
	s     string
	fold  bool // holds case-folded ASCII letters: lowered, compared with lowered text
	exact bool // finding it is a match (false: only a necessary condition)
}

// exactSet returns the strings an expression matches when they are few,
// undoing the parser's factoring of alternations (怎(?:么|样) is 怎么 and
// 怎样).
func exactSet(re *syntax.Regexp) ([]exactString, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []exactString{{exact: true}}, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return []exactString{{s: string(re.Rune), exact: true}}, true
		}
		fold := false
		for _, r := range re.Rune {
			if unicode.SimpleFold(r) == r {
				continue // no other case: folding changes nothing
			}
			if r >= utf8.RuneSelf {
				return nil, false
			}
			fold = true
		}
		if !fold {
			return []exactString{{s: string(re.Rune), exact: true}}, true
		}
		return []exactString{{s: asciiLower(string(re.Rune)), fold: true, exact: true}}, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > 16 {
				return nil, false
			}
		}
		var out []exactString
		for i := 0; i < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, exactString{s: string(r), exact: true})
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return exactSet(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := exactSet(re.Sub[0])
		if !ok {
			return nil, false
		}
		return union(sub, []exactString{{exact: true}})
	case syntax.OpAlternate:
		var out []exactString
		for _, sub := range re.Sub {
			set, ok := exactSet(sub)
			if !ok {
				return nil, false
			}
			if out, ok = union(out, set); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpConcat:
		out := []exactString{{exact: true}}
		for _, sub := range re.Sub {
			set, ok := exactSet(sub)
			if !ok {
				return nil, false
			}
			if out, ok = product(out, set); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpRepeat:
		if re.Max < 0 || re.Max > 4 {
			return nil, false
		}
		sub, ok := exactSet(re.Sub[0])
		if !ok {
			return nil, false
		}
		var out []exactString
		power := []exactString{{exact: true}}
		for k := 0; k <= re.Max; k++ {
			if k >= re.Min {
				if out, ok = union(out, power); !ok {
					return nil, false
				}
			}
			if power, ok = product(power, sub); !ok {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

func union(a, b []exactString) ([]exactString, bool) {
	out := append(append([]exactString(nil), a...), b...)
	return out, len(out) <= maxExact
}

// product concatenates every string of a with every string of b. A string
// that joins case-folded letters with case-sensitive ones is compared
// lowered, as a necessary condition only.
func product(a, b []exactString) ([]exactString, bool) {
	if len(a)*len(b) > maxExact {
		return nil, false
	}
	out := make([]exactString, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			w := exactString{s: x.s + y.s, fold: x.fold || y.fold, exact: x.exact && y.exact}
			if x.fold != y.fold && w.fold {
				plain := y.s
				if y.fold {
					plain = x.s
				}
				if hasASCIILetter(plain) {
					w.exact = false
				}
				w.s = asciiLower(w.s)
			}
			out = append(out, w)
		}
	}
	return out, true
}

// requiredSets returns sets of strings such that every match contains at
// least one string of each set; nil when nothing is known.
func requiredSets(re *syntax.Regexp) [][]exactString {
	if set, ok := exactSet(re); ok {
		for _, w := range set {
			if w.s == "" {
				return nil
			}
		}
		return [][]exactString{set}
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requiredSets(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredSets(re.Sub[0])
		}
	case syntax.OpConcat:
		// Runs of finite parts are joined (是中央(的)?规定 needs 是中央规定 or
		// 是中央的规定); the other parts give their own sets.
		var out [][]exactString
		var run []*syntax.Regexp
		flush := func() {
			if len(run) == 0 {
				return
			}
			joined := &syntax.Regexp{Op: syntax.OpConcat, Sub: run}
			if set, ok := exactSet(joined); ok && minLen(set) > 0 {
				out = append(out, set)
			} else {
				for _, sub := range run {
					out = append(out, requiredSets(sub)...)
				}
			}
			run = nil
		}
		for _, sub := range re.Sub {
			if _, ok := exactSet(sub); ok {
				run = append(run, sub)
				continue
			}
			flush()
			out = append(out, requiredSets(sub)...)
		}
		flush()
		return out
	case syntax.OpAlternate:
		// One set for the whole alternation: from each branch its most
		// selective set; a branch with none leaves the alternation unknown.
		var union []exactString
		for _, sub := range re.Sub {
			best := selective(requiredSets(sub))
			if best == nil {
				return nil
			}
			union = append(union, best...)
		}
		return [][]exactString{union}
	}
	return nil
}

// selective picks the set whose shortest string is longest.
func selective(sets [][]exactString) []exactString {
	var best []exactString
	bestLen := 0
	for _, set := range sets {
		if n := minLen(set); n > bestLen {
			best, bestLen = set, n
		}
	}
	return best
}

func minLen(set []exactString) int {
	n := -1
	for _, w := range set {
		if n < 0 || len(w.s) < n {
			n = len(w.s)
		}
	}
	return n
}

// literals returns the literal strings of a regular expression (the words
// of its alternations), for the test that keeps test questions out of the
// rules.
func literals(expr string) []string {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	var walk func(*syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		if re.Op == syntax.OpLiteral {
			out = append(out, string(re.Rune))
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(tree)
	return out
}
