package knowledge

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// synWeight is the weight of words a query gains from the synonym table of
// the knowledge base, relative to the words typed; thesaurusWeight that of
// words from the built-in thesaurus, whose statutory words are what the
// collection says where a cadre's colloquial word is found nowhere.
const (
	uniWeight       = 0.5
	synWeight       = 0.7
	thesaurusWeight = 0.85
	// formExpandWeight: in a large collection, a question asked in a form
	// whose answers share a specific word (a lapse in time: 时效) gains the
	// word at this weight. Only specific words qualify: adding a form's
	// marks in general (期限, 予以) was measured worse.
	formExpandWeight = 0.7
)

// queryFillers are interrogative bigrams that say how a cadre asks, not what
// about; they are left out of queries.
var queryFillers = map[string]bool{
	"怎么": true, "怎样": true, "么样": true, "如何": true, "什么": true, "请问": true,
	"是否": true, "能否": true, "哪些": true, "为何": true,
}

// queryFillerPairs are the queryFillers as pairs of runes, for looking up a
// bigram of a run without making a string of it.
var queryFillerPairs = func() map[[2]rune]bool {
	m := map[[2]rune]bool{}
	for f := range queryFillers {
		if rs := []rune(f); len(rs) == 2 {
			m[[2]rune{rs[0], rs[1]}] = true
		}
	}
	return m
}()

// fillerStarts has bit r%64 set when a filler pair may start with r: most
// pairs of a question are passed over without a map look-up.
var fillerStarts = func() uint64 {
	var m uint64
	for p := range queryFillerPairs {
		m |= 1 << (p[0] & 63)
	}
	return m
}()

// fillerPair reports whether a pair of runes is one of the queryFillers.
func fillerPair(a, b rune) bool {
	return fillerStarts&(1<<(a&63)) != 0 && queryFillerPairs[[2]rune{a, b}]
}

// queryParticle reports a single character that never makes a query word
// alone.
func queryParticle(r rune) bool {
	switch r {
	case '吗', '呢', '吧', '啊', '的', '了':
		return true
	}
	return false
}

// qterm is one term of an analysed query.
type qterm struct {
	kind  uint8
	a, b  rune   // kindUni, kindBi
	text  string // kindWord, kindPhrase
	w     float32
	typed bool // typed by the user, not added by the synonym table
	weak  bool // a single character of a longer word: never enough alone
}

type qkey struct {
	kind uint8
	a, b rune
	text string
}

// articleRef is a 第X条 label in a query with the name written before it.
type articleRef struct {
	number, sub int
	name        string // the Han characters right before the label (《》 and 的 skipped)
}

// qplan is a query analysed independently of any postings.
//
// units lists the sets of terms that show a document matched a real word of
// the query rather than stray characters: a domain phrase, a whole one- or
// two-character word the user typed, a word of a synonym group, or two
// overlapping bigrams (a common substring of at least three characters).
type qplan struct {
	terms []qterm
	units [][]int
	refs  []articleRef
	byKey map[qkey]int
	// unitBuf holds the terms of the units (see unit).
	unitBuf []int
	// byRunes indexes the terms without text (characters and bigrams) by
	// runeKey, a cheaper key than qkey; byKey holds the others. A long case
	// text has hundreds of pairs, and a pairTable is cheaper to fill, look
	// up, clear and copy than a map.
	byRunes pairTable
	syns    []synUse // the synonym groups the query holds (see synOverlap)
	// synBuf holds the terms of the synonym groups, as unitBuf those of
	// the units.
	synBuf []int

	owner *analyzer // the pooled analyzer the plan belongs to (see release)

	named   []uint32 // the documents the question names (see namedLaws)
	text    string   // the normalized question
	forms   formSet  // the question forms asked in (see questionForms)
	year    string   // a year the question names (see versions)
	oldText bool     // the question asks for an older text
	// enactment: the question asks when a text takes effect, who
	// interprets it or why it was made (see boilerplateBit)
	enactment bool
}

// analyze turns a query into weighted terms, units and article references.
//
// The built-in thesaurus expands queries for provisions only: cases are
// told in a cadre's own words already, and their ranking is left to the
// knowledge base's own table.
func (ix *Index) analyze(query string) *qplan { return ix.analyzeFor(query, true) }

func (ix *Index) analyzeFor(query string, thesaurus bool) *qplan {
	return ix.expand(ix.analyzeTyped(Normalize(query)), thesaurus)
}

// analyzeBoth is analyzeFor with and without the built-in thesaurus, the
// typed words analysed once, of a normalized query. When the query holds no
// word of the built-in thesaurus the two are the same plan, returned twice
// (to be released once).
func (ix *Index) analyzeBoth(norm string) (withThesaurus, without *qplan) {
	st := ix.analyzeTyped(norm)
	if !slices.ContainsFunc(st.groups, func(g int) bool { return ix.synBuiltin[g] }) {
		q := ix.expand(st, true)
		return q, q
	}
	other := st.clone()
	return ix.expand(st, true), ix.expand(other, false)
}

// typedAnalysis is a query analysed up to its synonym expansion.
type typedAnalysis struct {
	a          *analyzer
	accidental map[string]bool // read only
	present    []uint64        // read only: the synonym words found (see synonymsIn)
	groups     []int           // read only
	text       string
}

// clone returns a copy that expands independently of st. The copy's units
// written so far share st's array (they are never changed), so the two are
// released together.
func (st *typedAnalysis) clone() *typedAnalysis {
	src := st.a
	a := newAnalyzer(src.lx, src.withSingles)
	q := a.q
	terms, units, unitBuf, syns, synBuf, byKey, byRunes := q.terms, q.units, q.unitBuf, q.syns, q.synBuf, q.byKey, q.byRunes
	*q = *src.q
	q.owner = a
	q.terms = append(terms, src.q.terms...)
	q.units = append(units, src.q.units...)
	q.unitBuf, q.synBuf = unitBuf, synBuf // each copy grows its own
	q.syns = append(syns, src.q.syns...)
	maps.Copy(byKey, src.q.byKey)
	byRunes.copyFrom(&src.q.byRunes)
	q.byKey, q.byRunes = byKey, byRunes
	maps.Copy(a.onlyAccidental, src.onlyAccidental)
	maps.Copy(a.real, src.real)
	c := *st
	c.a = a
	return &c
}

// analyzers recycles analyzers and their plans (see release): a long case
// text makes a plan of hundreds of terms and units, and its arrays and maps
// were most of what an analysis allocated.
var analyzers = sync.Pool{New: func() any { return &analyzer{q: &qplan{}} }}

// newAnalyzer returns an empty analyzer, its plan empty, from the pool.
func newAnalyzer(lx *lexicon, withSingles bool) *analyzer {
	a := analyzers.Get().(*analyzer)
	q := a.q
	clear(q.byKey)
	q.byRunes.reset()
	*q = qplan{terms: q.terms[:0], units: q.units[:0], unitBuf: q.unitBuf[:0], syns: q.syns[:0], synBuf: q.synBuf[:0],
		byKey: q.byKey, byRunes: q.byRunes, owner: a, named: q.named[:0]}
	if q.byKey == nil {
		q.byKey = map[qkey]int{}
	}
	clear(a.onlyAccidental)
	clear(a.real)
	*a = analyzer{lx: lx, withSingles: withSingles, q: q, sc: a.sc, occ: a.occ[:0], flags: a.flags[:0],
		onlyAccidental: a.onlyAccidental, real: a.real, present: a.present, found: a.found, planAt: a.planAt}
	if a.onlyAccidental == nil {
		a.onlyAccidental, a.real = map[string]bool{}, map[string]bool{}
	}
	return a
}

// release returns the plan and its analyzer to the pool. Neither may be
// used after, nor may a plan cloned from the same analysis (see clone): the
// two are released together.
func (q *qplan) release() {
	if q.owner != nil {
		analyzers.Put(q.owner)
	}
}

// analyzeTyped analyses what a normalized query says, before any synonym is
// added.
func (ix *Index) analyzeTyped(norm string) *typedAnalysis {
	a := newAnalyzer(ix.lx, ix.prov != nil && ix.prov.ndocs >= uniDropMinDocs)
	q := a.q
	text, refs := cutArticleRefs(norm)
	q.refs = refs
	// About a term per character, and as many again from expansions.
	n := min(utf8.RuneCountInString(text)+16, 1024)
	q.terms = slices.Grow(q.terms, n)
	q.unitBuf = slices.Grow(q.unitBuf, 2*n)
	content := text
	if a.withSingles && ix.names != nil {
		q.named, content = ix.namedLaws(text, q.named[:0])
	}
	a.text(content, 1, true)
	// Expansions analysed below must not change which words were typed.
	accidental := maps.Clone(a.onlyAccidental)
	present, groups := ix.synonymsIn(content, a)
	q.text = text
	q.forms = formsOf(text)
	if a.withSingles {
		for i, qf := range questionForms {
			if q.forms&(1<<i) != 0 {
				for _, w := range qf.expand {
					if !strings.Contains(text, w) {
						a.text(w, formExpandWeight, false)
					}
				}
			}
		}
	}
	q.enactment, q.year, q.oldText = enactmentAndVersion(text)
	return &typedAnalysis{a: a, accidental: accidental, present: present, groups: groups, text: text}
}

// expand adds the synonyms of the words found, from the knowledge base's
// table and, when thesaurus is set, from the built-in thesaurus.
func (ix *Index) expand(st *typedAnalysis, thesaurus bool) *qplan {
	a, q, accidental, present := st.a, st.a.q, st.accidental, st.present
	found := a.found[:0]
	for _, gi := range st.groups {
		if !thesaurus && ix.synBuiltin[gi] {
			continue
		}
		g, plans, base := ix.syn[gi], ix.synPlans[gi], ix.synBase[gi]
		found = found[:0]
		start := len(q.synBuf) // the group's typed terms, then its added ones
		for wi, w := range g {
			if hasBit(present, base+wi) && !accidental[w] {
				found = append(found, w)
				q.synBuf = a.addTypedPlan(&plans[wi], q.synBuf)
			}
		}
		n := len(q.terms)
		for wi, w := range g {
			if len(found) > 0 && !hasBit(present, base+wi) && !containsAny(w, found) {
				a.addWordPlan(&plans[wi], ix.synW[gi])
				a.addWordUnit(&plans[wi])
			}
		}
		mid := len(q.synBuf)
		for t := n; t < len(q.terms); t++ {
			q.synBuf = append(q.synBuf, t)
		}
		if mid > start && len(q.synBuf) > mid {
			end := len(q.synBuf)
			q.syns = append(q.syns, synUse{typed: q.synBuf[start:mid:mid], added: q.synBuf[mid:end:end]})
		} else {
			q.synBuf = q.synBuf[:start]
		}
	}
	a.found = found
	return q
}

// synUse is one synonym group a query holds: the terms of the words typed
// and the terms the group added (only those no other word of the query had
// added already), as indices in qplan.terms.
type synUse struct {
	typed, added []int
}

// synWord is one word of a synonym group.
type synWord struct {
	word      string
	group, at int
}

// synonymsIn finds, in one pass over text, which synonym words it contains
// and the groups they belong to, in table order. The words found are bits
// of a set numbered by synBase and word; it is a's, valid until a is
// reused.
func (ix *Index) synonymsIn(text string, a *analyzer) ([]uint64, []int) {
	present := grown(a.present, (ix.synWords+63)/64)
	clear(present)
	a.present = present
	var groups []int
	for i, r := range text {
		if ix.synStart[(r>>6)&63]&(1<<(r&63)) == 0 {
			continue
		}
		for _, sw := range ix.synFirst[r] {
			k := ix.synBase[sw.group] + sw.at
			if !hasBit(present, k) && strings.HasPrefix(text[i:], sw.word) {
				present[k/64] |= 1 << (k % 64)
				if !slices.Contains(groups, sw.group) {
					groups = append(groups, sw.group)
				}
			}
		}
	}
	slices.Sort(groups)
	return present, groups
}

func hasBit(set []uint64, k int) bool { return set[k/64]&(1<<(k%64)) != 0 }

type analyzer struct {
	lx          *lexicon
	withSingles bool // add single characters of longer runs (see singles)
	q           *qplan
	sc          scanner
	occ         []phraseOcc
	// onlyAccidental holds the domain phrases the query contains only by
	// accident (容错 in 容错率): they do not call up their synonyms.
	onlyAccidental map[string]bool
	real           map[string]bool
	flags          []bool   // run's scratch space
	present        []uint64 // the synonym words found (see synonymsIn)
	found          []string // expand's scratch space
	planAt         []int    // addWordPlan's and addWordUnit's scratch space
}

// text adds the terms and units of a normalized text.
func (a *analyzer) text(s string, w float32, typed bool) {
	a.sc.scan(s, func(run []rune) { a.run(run, w, typed) }, func(b []byte) {
		t := a.q.add(qterm{kind: kindWord, text: string(b), w: w, typed: typed})
		if hasLetter(b) {
			a.q.unit(t)
		}
	})
}

func (a *analyzer) run(run []rune, w float32, typed bool) {
	if len(run) == 1 {
		if !queryParticle(run[0]) {
			a.q.unit(a.q.add(qterm{kind: kindUni, a: run[0], w: w, typed: typed}))
		}
		return
	}
	a.occ = a.lx.find(run, a.occ)
	a.note(a.occ)
	if typed && a.withSingles {
		a.singles(run)
	}
	a.flags = slices.Grow(a.flags[:0], 3*len(run))[:3*len(run)]
	clear(a.flags)
	boost, skip := a.flags[:len(run):len(run)], a.flags[len(run):2*len(run):2*len(run)]
	inPhrase := a.flags[2*len(run):] // bigram starts inside a longer domain phrase
	for _, o := range a.occ {
		n := o.end - o.start
		switch {
		case !o.domain:
			// An ordinary word of the lexicon is a real word of the query.
			a.q.unit(a.q.add(qterm{kind: kindPhrase, text: a.lx.entries[o.entry].text, w: w, typed: typed}))
		case n == 2 && o.accidental:
			skip[o.start] = true
		case n == 2:
			boost[o.start] = true
		case !o.accidental:
			a.q.unit(a.q.add(qterm{kind: kindPhrase, text: a.lx.entries[o.entry].text, w: w * domainBoost, typed: typed}))
			for i := o.start; i+1 < o.end; i++ {
				inPhrase[i] = true
			}
		}
	}
	prev := -1
	for i := 0; i+1 < len(run); i++ {
		if skip[i] || fillerPair(run[i], run[i+1]) {
			prev = -1
			continue
		}
		if a.withSingles && !boost[i] && !inPhrase[i] && glueBigram(run[i], run[i+1]) {
			prev = -1
			continue
		}
		bw := w
		if boost[i] {
			bw *= domainBoost
		}
		t := a.q.add(qterm{kind: kindBi, a: run[i], b: run[i+1], w: bw, typed: typed})
		if boost[i] || len(run) == 2 {
			a.q.unit(t)
		}
		// Overlapping bigrams inside a longer domain phrase are no evidence
		// of it: 不作为证据 has 不作 and 作为 but is not about 不作为.
		// Nor is a substring held together by a particle (的政策).
		if prev >= 0 && !(inPhrase[i-1] && inPhrase[i]) && !queryParticle(run[i-1]) && !queryParticle(run[i]) && !queryParticle(run[i+1]) {
			a.q.unit(prev, t)
		}
		prev = t
	}
}

// singles adds the single characters of a run at uniWeight, in a large
// collection: where a cadre's word and the statute's share a character but
// no pair (快班 and 重点班), the character is the only evidence there is.
// In a small knowledge base a lone shared character is mostly coincidence,
// and they are not added (measured: they cost the default knowledge base's
// gold set MRR, and win the law collection's). Characters of a lexicon word
// are left out (容 and 错 of 容错 must not find 内容错误), and so are
// particles. They are not typed terms, so they neither raise the floor nor
// anchor a match, and a passage matching nothing else is never returned.
// They are searched at uniWeight and ranked at singlesWeight (as much as a
// pair; a character's idf is low unless it is rare): measured on the 92 law
// dev questions, MRR@10 0.567 at 0.5, 0.582 at 0.8, 0.589 at 1.0 and 1.2,
// 0.578 at 1.5.
func (a *analyzer) singles(run []rune) {
	for i, r := range run {
		if queryParticle(r) || a.inWord(i) || glueRunes[r] != 0 {
			continue
		}
		a.q.add(qterm{kind: kindUni, a: r, w: uniWeight, weak: true})
	}
}

func (a *analyzer) inWord(i int) bool {
	for _, o := range a.occ {
		if o.start <= i && i < o.end {
			return true
		}
	}
	return false
}

func (a *analyzer) note(occ []phraseOcc) {
	for _, o := range occ {
		if !o.domain {
			continue
		}
		text := a.lx.entries[o.entry].text
		if o.accidental && !a.real[text] {
			a.onlyAccidental[text] = true
		} else if !o.accidental {
			a.real[text] = true
			delete(a.onlyAccidental, text)
		}
	}
}

// runeKey is the key of a term without text in qplan.byRunes. The top bit
// is set: a pairTable key is never 0.
func runeKey(kind uint8, a, b rune) uint64 {
	return 1<<63 | uint64(kind)<<42 | uint64(uint32(a)&0x1fffff)<<21 | uint64(uint32(b)&0x1fffff)
}

// add returns the index of a term, merging repeats: the highest weight wins
// and a term typed anywhere counts as typed.
func (q *qplan) add(t qterm) int {
	var rk uint64
	var k qkey
	i, ok := 0, false
	if t.text == "" {
		rk = runeKey(t.kind, t.a, t.b)
		var v uint32
		v, ok = q.byRunes.get(rk)
		i = int(v)
	} else {
		k = qkey{t.kind, t.a, t.b, t.text}
		i, ok = q.byKey[k]
	}
	if ok {
		q.terms[i].w = max(q.terms[i].w, t.w)
		q.terms[i].typed = q.terms[i].typed || t.typed
		q.terms[i].weak = q.terms[i].weak && t.weak
		return i
	}
	if t.text == "" {
		q.byRunes.put(rk, uint32(len(q.terms)))
	} else {
		if q.byKey == nil {
			q.byKey = map[qkey]int{}
		}
		q.byKey[k] = len(q.terms)
	}
	q.terms = append(q.terms, t)
	return len(q.terms) - 1
}

func (q *qplan) unit(terms ...int) {
	if len(terms) > 0 {
		// The units are cut from one growing array (a unit keeps the array
		// it was cut from when it grows); each is capped at its length.
		start := len(q.unitBuf)
		q.unitBuf = append(q.unitBuf, terms...)
		q.units = append(q.units, q.unitBuf[start:len(q.unitBuf):len(q.unitBuf)])
	}
}

// containsAny reports whether s contains one of words. An expansion that
// contains a typed word (容错纠错 for 容错) is skipped: the typed word
// already matches it, and adding it again would count it twice.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasLetter(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return true
		}
	}
	return false
}

// cutArticleRefs finds 第X条 (and 第X条之N) labels in a normalized query,
// returning the text with every 第X条/款/项/章/节 label blanked out (they
// would otherwise match the cross-references of unrelated articles) and the
// article references found.
func cutArticleRefs(s string) (string, []articleRef) {
	if !strings.Contains(s, "第") {
		return s, nil
	}
	var refs []articleRef
	var b strings.Builder
	for {
		i := strings.Index(s, "第")
		if i < 0 {
			b.WriteString(s)
			break
		}
		num, after, ok := cutNumeral(s[i+len("第"):])
		unit, size := utf8.DecodeRuneInString(after)
		n, valid := ParseNumeral(num)
		if !ok || !valid || !strings.ContainsRune("条款项章节", unit) {
			b.WriteString(s[:i+len("第")])
			s = s[i+len("第"):]
			continue
		}
		after = after[size:]
		if unit == '条' {
			ref := articleRef{number: n, name: nameBefore(s[:i])}
			if rest, ok := strings.CutPrefix(after, "之"); ok {
				if subNum, rest2, ok := cutNumeral(rest); ok {
					if v, ok := ParseNumeral(subNum); ok {
						ref.sub, after = v, rest2
					}
				}
			}
			refs = append(refs, ref)
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = after
	}
	return b.String(), refs
}

// nameBefore returns the run of Han characters that ends s, skipping
// trailing punctuation, digits and 的 (《问责条例》（2019）的 → 问责条例).
func nameBefore(s string) string {
	end := len(s)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if isHan(r) && r != '的' {
			break
		}
		end -= size
	}
	start := end
	for n := 0; start > 0 && n < 40; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !isHan(r) {
			break
		}
		start -= size
	}
	return s[start:end]
}

// Glue of spoken questions. A cadre's question is held together by
// pronouns, particles and light verbs and adverbs (我们, 现在, 给他, 一个,
// 出来, 还能) that statutes hardly ever use: in a large collection such a
// pair is rare, so its idf is high, and it matches the odd guide or old
// notice written in the same plain style instead of the article that
// answers. In a large collection a query drops the pairs made with a
// pronoun or a particle (glueStrict), the pairs made only of light
// characters (glueLight), and the single characters of both sets. The sets
// are the function words of Chinese grammar, not words of any question
// set; pairs that are words of the statutes too (他人, 我国, 了解) are
// kept.
const (
	glueStrict = 1
	glueLight  = 2
)

var glueRunes = func() map[rune]uint8 {
	m := map[rune]uint8{}
	for _, r := range "我你他她它咱您们的了吗呢吧啊呀么哪谁" {
		m[r] = glueStrict
	}
	for _, r := range "这那个些一就还都也又才再很太被把给让在是有没不会能要想得去来出到现过着上下里时候儿点" {
		m[r] = glueLight
	}
	return m
}()

var glueKeep = map[string]bool{
	"他人": true, "我国": true, "了解": true, "为了": true, "除了": true, "其他": true, "吗啡": true, "了结": true,
}

// glueBigram reports whether a pair of characters is glue (see glueRunes).
func glueBigram(a, b rune) bool {
	ga, gb := glueRunes[a], glueRunes[b]
	if ga == 0 && gb == 0 {
		return false
	}
	if (ga == glueStrict || gb == glueStrict || (ga == glueLight && gb == glueLight)) && !glueKeep[string([]rune{a, b})] {
		return true
	}
	return false
}
