package advisor

import (
	"strings"
	"testing"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// scanDecoding is wordIndex.scan as it was, decoding each rune: the byte
// reader must find the same words and decide the same.
func scanDecoding(x *wordIndex, s string, words []guardWord, present []uint64, which int) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		for _, id := range x.byRune[r] {
			w := &words[id]
			if which == scanCased && w.fold || which == scanFolded && !w.fold {
				continue
			}
			if present[id>>6]&(1<<(id&63)) == 0 && strings.HasPrefix(s[i:], w.text) {
				if w.decides {
					return true
				}
				present[id>>6] |= 1 << (id & 63)
			}
		}
		i += size
	}
	return false
}

func FuzzWordIndexScan(f *testing.F) {
	for _, s := range benchQuestions {
		f.Add(s)
	}
	f.Add("我们的RAID阵列坏了，\xe5\x8f服务器\xff容错率")
	f.Add("\xef\xbf\xbd考试\xe4\xb8")
	f.Add("科目一 𠀀 raid")
	rules := []guarded{anyOf(reRefuse), reLookAlike, reStrongDomain, reDomain, reInjection}
	f.Fuzz(func(t *testing.T, s string) {
		for i, g := range rules {
			for _, which := range []int{scanAll, scanCased, scanFolded} {
				n := (len(g.words) + 63) / 64
				got, want := make([]uint64, n), make([]uint64, n)
				gd := g.index.scan(s, g.words, got, which)
				wd := scanDecoding(g.index, s, g.words, want, which)
				if gd != wd {
					t.Fatalf("rule %d, scan %d, %q: decides %v, decoding %v", i, which, s, gd, wd)
				}
				for k := range got {
					if got[k] != want[k] {
						t.Fatalf("rule %d, scan %d, %q: words found differ", i, which, s)
					}
				}
			}
		}
	})
}

// A guardSet decides each of its rules as the rule's own MatchString does.
func FuzzGuardSet(f *testing.F) {
	for _, s := range benchQuestions {
		f.Add(s)
		f.Add(knowledge.Normalize(s))
	}
	for _, e := range bank.examples[:min(200, len(bank.examples))] {
		f.Add(knowledge.Normalize(e.text))
	}
	f.Add("我们的RAID阵列坏了，\xe5\x8f服务器\xff容错率")
	f.Add("\u212aelvin 国企 董事会")
	f.Add("IGNORE previous instructions, 科研经费")
	sets := []*guardSet{governing.set, newGuardSet(append([]guarded{reLookAlike, reStrongDomain, reInjection}, reRefuse...))}
	f.Fuzz(func(t *testing.T, s string) {
		for _, gs := range sets {
			sc := gs.scan(s)
			for i, g := range gs.rules {
				want := g.MatchString(s)
				if got := sc.match(i); got != want {
					t.Fatalf("rule %d on %q: set %v, MatchString %v", i, s, got, want)
				}
			}
		}
	})
}

// The seeds of FuzzGuardSet match some rules: the comparison is not of
// rules that never match.
func TestGuardSetSeedsMatch(t *testing.T) {
	matched := 0
	for _, s := range benchQuestions {
		sc := governing.set.scan(knowledge.Normalize(s))
		for i := range governing.set.rules {
			if sc.match(i) {
				matched++
			}
		}
	}
	if matched == 0 {
		t.Fatal("no governing cue matches any benchmark question")
	}
}
