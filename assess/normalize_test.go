package assess

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rongcuo/internal/hanzi"
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

// No character the word lists use as it is may be rewritten by the
// traditional → simplified mapping, or that word could never match; and the
// traditional form of a listed word must read as the word.
func TestTradMappingKeepsWordLists(t *testing.T) {
	used := wordListRunes()
	if len(used) < 300 {
		t.Fatalf("only %d characters in the word lists", len(used))
	}
	for r := range used {
		if s := hanzi.Simplified(r); s != r {
			t.Errorf("%c, used in a word list, is rewritten to %c", r, s)
		}
	}
	if got := string(prepare("問責 黨委會 集體研究 謀取私利").runes); got != "问责党委会集体研究谋取私利" {
		t.Errorf("traditional words read as %q", got)
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

// Text dictated without punctuation comes in phrases separated by spaces:
// those spaces end clauses, except after a word that waits for its object;
// spaces between short words are only spacing.
func TestSpacesAsCommas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"村里开会研究了 先垫付了工程款 后来审计说不合规", "村里开会研究了,先垫付了工程款,后来审计说不合规"},
		{"没有 收受 好处", "没有收受好处"},
		{"我们当时没有 请示上级就开工了 后来补报了手续", "我们当时没有请示上级就开工了,后来补报了手续"},
		{"项目是 ppp 模式 没有问题", "项目是ppp模式没有问题"},
		{"全角　空格　分隔的很长的一段话 这里也是很长一段", "全角,空格,分隔的很长的一段话,这里也是很长一段"},
	}
	for _, tt := range tests {
		if got := string(prepare(tt.in).runes); got != tt.want {
			t.Errorf("prepare(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Offsets still point into the original: evidence is cut from it.
	tx := prepare("先垫付了工程款 后来审计说不合规")
	if got := tx.slice(0, len(tx.runes)); got != "先垫付了工程款 后来审计说不合规" {
		t.Errorf("slice over a pause = %q", got)
	}
}

// The generated homophones mend slips of the domain's words and leave real
// text alone: no provision or case of the knowledge base, written with care,
// is changed by them.
func TestHomophonesMendSlipsOnly(t *testing.T) {
	for in, want := range map[string]string{
		"我这种情况能荣错吗": "我这种情况能容错吗",
		"被戒免谈话过一次":  "被诫勉谈话过一次",
		"这种情况能勉责吗":  "这种情况能免责吗",
		"镇纪伟找我谈话":   "镇纪委找我谈话",
	} {
		if got := MendTypos(in); got != want {
			t.Errorf("MendTypos(%q) = %q, want %q", in, got, want)
		}
	}
	var files []string
	for _, dir := range []string{"../knowledge/corpus/documents", "../knowledge/corpus/cases"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.md"))
		if err != nil || len(fs) == 0 {
			t.Fatalf("no knowledge base files under %s: %v", dir, err)
		}
		files = append(files, fs...)
	}
	changed := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := []rune(string(b))
		for i, r := range src {
			src[i] = hanzi.Simplified(r)
		}
		rs := append([]rune(nil), src...)
		mendTypos(rs)
		for i := range rs {
			if rs[i] != src[i] {
				changed++
				if changed <= 10 {
					lo, hi := max(0, i-4), min(len(rs), i+5)
					t.Errorf("%s: %q mended to %q", filepath.Base(f), string(src[lo:hi]), string(rs[lo:hi]))
				}
			}
		}
	}
	if changed > 0 {
		t.Errorf("%d characters of the knowledge base were mended", changed)
	}
}
