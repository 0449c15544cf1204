package assess

import (
	"fmt"
	"unicode"

	"rongcuo/internal/hanzi"
)

// ToTraditional writes s with the traditional form of every character the
// table knows, so tests can feed the same sentences in traditional script.
func ToTraditional(s string) string {
	out := []rune(s)
	for i, r := range out {
		if t, ok := simpToTrad[r]; ok {
			out[i] = t
		}
	}
	return string(out)
}

// simpToTrad picks one traditional form per simplified character (the
// smallest code point, so the choice is stable).
var simpToTrad = func() map[rune]rune {
	m := map[rune]rune{}
	hanzi.Pairs(func(t, s rune) {
		if cur, ok := m[s]; !ok || t < cur {
			m[s] = t
		}
	})
	return m
}()

// wordListRunes returns every Han character the matching uses.
func wordListRunes() map[rune]bool {
	used := map[rune]bool{}
	addAll := func(words ...string) {
		for _, w := range words {
			for _, r := range w {
				if unicode.Is(unicode.Han, r) {
					used[r] = true
				}
			}
		}
	}
	for _, ws := range lexicon {
		addAll(ws...)
	}
	for _, r := range rules {
		addAll(r.pats...)
	}
	for w := range dictWords {
		addAll(w)
	}
	for _, p := range typos {
		addAll(p[0], p[1])
	}
	for _, c := range criteria {
		addAll(c.label, c.ask)
	}
	addAll(emergencyQuestion)
	for _, group := range [][][]rune{turnWords, notTurn, continuers, leadWords} {
		for _, w := range group {
			addAll(string(w))
		}
	}
	return used
}

// Debug returns the findings of s, for debugging tests.
func Debug(s string) []string {
	t := prepare(s)
	var out []string
	hypo := false
	prev := -1
	for _, c := range splitClauses(t.runes) {
		if c.sentence != prev || c.turned || !continues(t.runes, c) {
			hypo = false
		}
		prev = c.sentence
		fs, h := readClause(t, c, hypo)
		for _, f := range fs {
			out = append(out, fmt.Sprintf("%s/%s:%s「%s」 line %d raised %v", f.key, f.facet, f.status, f.evidence, f.line, f.raised))
		}
		hypo = hypo || h
	}
	return out
}
