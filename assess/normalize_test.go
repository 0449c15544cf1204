package assess

import (
	"strings"
	"testing"
)

func TestPrepareKeepsOffsets(t *testing.T) {
	in := "沒有 收受\u200b任何ＡＢ好處，\xff經過"
	tx := prepare(in)
	if got := string(tx.runes); got != "没有收受任何ab好处,\uFFFD经过" {
		t.Fatalf("normalized %q", got)
	}
	for i := range tx.runes {
		for j := i + 1; j <= len(tx.runes); j++ {
			if s := tx.slice(i, j); !strings.Contains(in, s) {
				t.Fatalf("slice(%d,%d) = %q is not in the input", i, j, s)
			}
		}
	}
	if s := tx.slice(0, 4); s != "沒有 收受" {
		t.Errorf("slice keeps the original text: %q", s)
	}
}

func TestTypoMending(t *testing.T) {
	for in, want := range map[string]string{
		"集体研就":  "集体研究",
		"党为会":   "党委会",
		"木有收好处": "没有收好处",
		"研究":    "研究",
	} {
		if got := string(prepare(in).runes); got != want {
			t.Errorf("prepare(%q) = %q, want %q", in, got, want)
		}
	}
}

// The table must match the word lists: every simplified character in it is
// one the lists use, and no character the lists use as it is gets rewritten.
// Run tradsimp_gen.go after changing a list.
func TestTradTableMatchesWordLists(t *testing.T) {
	used := wordListRunes()
	for trad, simp := range tradToSimp {
		if !used[simp] {
			t.Errorf("%c → %c: %c is not in any word list (stale table)", trad, simp, simp)
		}
		if used[trad] {
			t.Errorf("%c → %c: %c is itself in a word list", trad, simp, trad)
		}
	}
	if len(tradToSimp) < 300 {
		t.Errorf("only %d pairs", len(tradToSimp))
	}
}

func TestClauseSplitting(t *testing.T) {
	rs := prepare("我没有收钱，但是上了会。价格是1.5万元？").runes
	var got []string
	var cs []clause
	for _, c := range splitClauses(rs) {
		if c.hi > c.lo { // ，但是 leaves an empty clause between the two
			got = append(got, string(rs[c.lo:c.hi]))
			cs = append(cs, c)
		}
	}
	want := []string{"我没有收钱", "上了会", "价格是1.5万元"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("clauses %q, want %q", got, want)
	}
	if cs[0].turned || !cs[1].turned || cs[0].question || !cs[2].question || cs[1].sentence != 0 || cs[2].sentence != 1 {
		t.Errorf("clause flags %+v", cs)
	}
}
