package knowledge

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"one character", "党", []string{"党"}},
		{"unigrams and bigrams", "问责条例", []string{"问", "问责", "责", "责条", "条", "条例", "例"}},
		{"punctuation separates runs", "容错，纠错", []string{"容", "容错", "错", "纠", "纠错", "错"}},
		{"no bigram across a space", "出国 旅游", []string{"出", "出国", "国", "旅", "旅游", "游"}},
		{"ascii words and numbers", "PPP项目2019年8项", []string{"ppp", "项", "项目", "目", "2019", "年", "8", "项"}},
		{"full width and traditional", "ＰＰＰ項目", []string{"ppp", "项", "项目", "目"}},
		{"symbols and emoji are separators or dropped", "a+b=c😀", []string{"a", "b", "c"}},
		{"empty", "", nil},
		{"only punctuation", "，。！？", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokenize(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeCutsLongWords(t *testing.T) {
	got := Tokenize(strings.Repeat("a", 200))
	if len(got) != 1 || len(got[0]) != maxWordBytes {
		t.Errorf("got %d tokens, first %d bytes; want one of %d bytes", len(got), len(got[0]), maxWordBytes)
	}
}

func TestLexiconMarksAccidentalPhrases(t *testing.T) {
	lx := newLexicon(nil)
	tests := []struct {
		run        string
		accidental []string // domain phrases found but accidental
		real       []string // domain phrases found and real
	}{
		{"发现内容错误应当更正", []string{"容错"}, nil},
		{"建立容错纠错机制", nil, []string{"容错", "纠错", "容错纠错"}},
		{"参加重大会议", []string{"加重"}, nil},
		{"应当加重处分", nil, []string{"加重", "处分"}},
		{"不作为证据使用", []string{"不作为"}, nil},
		{"不作为乱作为", nil, []string{"不作为", "乱作为"}},
		{"主干部分", []string{"干部"}, nil},
		{"可以免予问责", nil, []string{"免予问责", "问责"}},
	}
	for _, tt := range tests {
		var acc, real []string
		for _, o := range lx.find([]rune(tt.run), nil) {
			if !o.domain {
				continue
			}
			if o.accidental {
				acc = append(acc, lx.entries[o.entry].text)
			} else {
				real = append(real, lx.entries[o.entry].text)
			}
		}
		slices.Sort(acc)
		slices.Sort(real)
		want := slices.Clone(tt.real)
		slices.Sort(want)
		if !slices.Equal(acc, tt.accidental) || !slices.Equal(real, want) {
			t.Errorf("%s: accidental %q real %q; want %q and %q", tt.run, acc, real, tt.accidental, want)
		}
	}
}

func TestLexiconListsAreDisjoint(t *testing.T) {
	for _, w := range defaultOrdinaryWords {
		if slices.Contains(defaultDomainPhrases, w) {
			t.Errorf("%s is both a domain phrase and an ordinary word", w)
		}
	}
}

func TestLexiconTakesKBTerms(t *testing.T) {
	lx := newLexicon([]string{"有错必纠", "x", "  ", "很长很长很长很长很长很长很长很长很长"})
	var found []string
	for _, o := range lx.find([]rune("坚持有错必纠"), nil) {
		found = append(found, lx.entries[o.entry].text)
	}
	if !slices.Contains(found, "有错必纠") {
		t.Errorf("found %q, want the kb term 有错必纠", found)
	}
}
