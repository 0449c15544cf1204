package advisor

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// guarded is a regular expression with a literal pre-check: the words any
// match must contain are found in its syntax once, and the expression runs
// only on text that holds one of them. The intent rules are long
// alternations with bounded gaps, which backtrack slowly over a long
// question; most questions contain none of a rule's words.
type guarded struct {
	re       *regexp.Regexp
	sets     []litSet  // a match contains a literal of every set
	literal  bool      // the expression is just an alternation of words: the set decides
	branches []guarded // a top-level alternation: each branch pre-checked on its own
	ascii    bool      // the expression is case-folded ASCII: run it only on text with ASCII letters
}

// pureWords matches an expression that is a plain alternation of words.
var pureWords = regexp.MustCompile(`^\((?:[^()|\\\[\]{}?*+.^$]+\|)*[^()|\\\[\]{}?*+.^$]+\)$`)

func mustGuard(expr string) guarded {
	re := regexp.MustCompile(expr)
	g := guarded{re: re}
	if pureWords.MatchString(expr) {
		g.literal = true
		g.sets = []litSet{newLitSet(strings.Split(expr[1:len(expr)-1], "|"))}
		return g
	}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return g
	}
	if tree.Op == syntax.OpAlternate && len(tree.Sub) > 1 {
		// A long alternation of unrelated patterns: a pre-check per branch
		// is far more selective than one for the whole.
		for _, sub := range tree.Sub {
			g.branches = append(g.branches, mustGuard(sub.String()))
		}
		return g
	}
	for _, set := range requiredSets(tree.Simplify()) {
		g.sets = append(g.sets, newLitSet(set))
	}
	if len(g.sets) == 0 && asciiOnly(tree) {
		g.ascii = true
	}
	return g
}

func (g guarded) MatchString(s string) bool {
	if g.branches != nil {
		for _, b := range g.branches {
			if b.MatchString(s) {
				return true
			}
		}
		return false
	}
	if g.ascii && !hasASCIILetter(s) {
		return false
	}
	for _, set := range g.sets {
		if !set.in(s) {
			return false
		}
	}
	return g.literal || g.re.MatchString(s)
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

// litSet finds whether any of a set of words occurs in a text in one pass,
// keyed by each word's first character.
type litSet map[rune][]string

func newLitSet(words []string) litSet {
	set := litSet{}
	for _, w := range words {
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		set[r] = append(set[r], w)
	}
	return set
}

func (set litSet) in(s string) bool {
	for i, r := range s {
		for _, w := range set[r] {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// requiredSets returns sets of literals such that every match contains at
// least one literal of each set; nil when nothing is known.
func requiredSets(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return [][]string{{string(re.Rune)}}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredSets(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredSets(re.Sub[0])
		}
	case syntax.OpConcat:
		var out [][]string
		for _, sub := range re.Sub {
			out = append(out, requiredSets(sub)...)
		}
		return out
	case syntax.OpAlternate:
		// One set for the whole alternation: from each branch its most
		// selective set; a branch with none leaves the alternation unknown.
		var union []string
		for _, sub := range re.Sub {
			best := selective(requiredSets(sub))
			if best == nil {
				return nil
			}
			union = append(union, best...)
		}
		return [][]string{union}
	}
	return nil
}

// selective picks the set whose shortest literal is longest.
func selective(sets [][]string) []string {
	var best []string
	bestLen := 0
	for _, set := range sets {
		if n := minLen(set); n > bestLen {
			best, bestLen = set, n
		}
	}
	return best
}

func minLen(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
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
