package assess

import "sort"

// Word segmentation: a clause is cut into words by bidirectional maximum
// matching over the embedded dictionary (the word lists, the triggers and
// data/dict.tsv). Forward and backward longest match are both tried and the
// cut with fewer words wins, then the one with fewer single characters, then
// the backward one (it errs less often in Chinese). A run of ASCII letters or
// digits is one word. A dictionary word written with | (不|同意) is cut into
// its parts, so the parts stay words of their own.
//
// Segmentation decides two things: a trigger counts only when it is a whole
// word (会 in 管委会 or 不 in 不断 is no trigger), and a predicate's words must
// start and end on word boundaries (收 in 验收 or 处理 in 被处理 is no
// predicate).

// dictIndex holds the dictionary by first and by last rune, longest first.
type dictIndex struct {
	byFirst map[rune][][]rune
	byLast  map[rune][][]rune
	parts   map[string][]int // lengths of the parts of a word written with |
	partsAt map[rune]bool    // first runes of the words in parts
	maxLen  int
}

var dict *dictIndex

func buildDict(words map[string][]string) *dictIndex {
	d := &dictIndex{byFirst: map[rune][][]rune{}, byLast: map[rune][][]rune{}, parts: map[string][]int{}, partsAt: map[rune]bool{}}
	for w, parts := range words {
		rs := []rune(w)
		if len(rs) < 2 {
			continue // a single character is a word anyway
		}
		d.byFirst[rs[0]] = append(d.byFirst[rs[0]], rs)
		d.byLast[rs[len(rs)-1]] = append(d.byLast[rs[len(rs)-1]], rs)
		if len(parts) > 1 {
			var ls []int
			for _, p := range parts {
				ls = append(ls, len([]rune(p)))
			}
			d.parts[w] = ls
			d.partsAt[rs[0]] = true
		}
		if len(rs) > d.maxLen {
			d.maxLen = len(rs)
		}
	}
	for _, m := range []map[rune][][]rune{d.byFirst, d.byLast} {
		for _, ws := range m {
			sort.Slice(ws, func(i, j int) bool {
				if len(ws[i]) != len(ws[j]) {
					return len(ws[i]) > len(ws[j])
				}
				return string(ws[i]) < string(ws[j])
			})
		}
	}
	return d
}

func isASCIIWord(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// numerals and classifiers: a number with its classifier is one word
// (两个 人, not 两 个人), whatever the dictionary holds.
var (
	numerals    = []rune("零一二两三四五六七八九十百千万亿几数半0123456789")
	classifiers = []rune("个名位次张件起户家条只头辆座口间栋亩天周元块瓶箱顿批项笔份套台层所处些")
)

var numeralSet, classifierSet = newRuneSet(numerals), newRuneSet(classifiers)

func isNumeral(r rune) bool    { return numeralSet.has(r) }
func isClassifier(r rune) bool { return classifierSet.has(r) }

// numberWord returns the end of a numeral run and its classifier starting at
// i, or i when there is none.
func numberWord(rs []rune, i, hi int) int {
	j := i
	for j < hi && isNumeral(rs[j]) {
		j++
	}
	if j == i || j >= hi || !isClassifier(rs[j]) {
		return i
	}
	return j + 1
}

// segment cuts rs[lo:hi] into words and returns their [start, end) ranges in
// text order.
func segment(rs []rune, lo, hi int) [][2]int {
	fw := dict.forward(rs, lo, hi)
	bw := dict.backward(rs, lo, hi)
	if len(fw) < len(bw) || len(fw) == len(bw) && singles(fw) < singles(bw) {
		return fw
	}
	return bw
}

func singles(segs [][2]int) int {
	n := 0
	for _, s := range segs {
		if s[1]-s[0] == 1 {
			n++
		}
	}
	return n
}

// split appends the word rs[a:b], cut into its parts when it has any.
func (d *dictIndex) split(out [][2]int, rs []rune, a, b int) [][2]int {
	if !d.partsAt[rs[a]] {
		return append(out, [2]int{a, b}) // no word with parts starts so
	}
	if ls, ok := d.parts[string(rs[a:b])]; ok {
		for _, l := range ls {
			out = append(out, [2]int{a, a + l})
			a += l
		}
		return out
	}
	return append(out, [2]int{a, b})
}

func (d *dictIndex) forward(rs []rune, lo, hi int) [][2]int {
	var out [][2]int
	if hi > lo {
		out = make([][2]int, 0, hi-lo) // a word holds a rune at least
	}
	for i := lo; i < hi; {
		if isASCIIWord(rs[i]) {
			j := i + 1
			for j < hi && isASCIIWord(rs[j]) {
				j++
			}
			out = append(out, [2]int{i, j})
			i = j
			continue
		}
		if e := numberWord(rs, i, hi); e > i && (i == lo || !isNumeral(rs[i-1])) {
			out = append(out, [2]int{i, e})
			i = e
			continue
		}
		n := 1
		for _, w := range d.byFirst[rs[i]] {
			if i+len(w) <= hi && hasAt(rs, i, w) {
				n = len(w)
				break
			}
		}
		out = d.split(out, rs, i, i+n)
		i += n
	}
	return out
}

func (d *dictIndex) backward(rs []rune, lo, hi int) [][2]int {
	var rev, word [][2]int
	if hi > lo {
		rev = make([][2]int, 0, hi-lo) // a word holds a rune at least
	}
	for j := hi; j > lo; {
		if isASCIIWord(rs[j-1]) {
			i := j - 1
			for i > lo && isASCIIWord(rs[i-1]) {
				i--
			}
			rev = append(rev, [2]int{i, j})
			j = i
			continue
		}
		if isClassifier(rs[j-1]) && j-2 >= lo && isNumeral(rs[j-2]) {
			i := j - 1
			for i > lo && isNumeral(rs[i-1]) {
				i--
			}
			rev = append(rev, [2]int{i, j})
			j = i
			continue
		}
		n := 1
		for _, w := range d.byLast[rs[j-1]] {
			i := j - len(w)
			if i >= lo && hasAt(rs, i, w) && !(isClassifier(rs[i]) && i > lo && isNumeral(rs[i-1])) {
				n = len(w) // (a word never takes the classifier of a number: 两个|人)
				break
			}
		}
		word = d.split(word[:0], rs, j-n, j)
		for k := len(word) - 1; k >= 0; k-- {
			rev = append(rev, word[k])
		}
		j -= n
	}
	for i, k := 0, len(rev)-1; i < k; i, k = i+1, k-1 {
		rev[i], rev[k] = rev[k], rev[i]
	}
	return rev
}

// Segment returns the words of s as the extractor cuts them, after the same
// normalisation (traditional to simplified, punctuation, case), for tests
// and tools.
func Segment(s string) []string {
	t := prepare(s)
	var out []string
	for _, c := range splitClauses(t.runes) {
		for _, sg := range segment(t.runes, c.lo, c.hi) {
			out = append(out, string(t.runes[sg[0]:sg[1]]))
		}
	}
	return out
}
