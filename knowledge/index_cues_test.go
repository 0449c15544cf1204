package knowledge

import (
	"strings"
	"testing"
)

// formsOf reads the cues in one pass; it must find what looking for each
// cue in turn finds.
func TestFormsOfAgreesWithEachCue(t *testing.T) {
	naive := func(text string) formSet {
		var f formSet
		for i, qf := range questionForms {
			for _, c := range qf.cues {
				if strings.Contains(text, c) {
					f |= 1 << i
					break
				}
			}
		}
		return f
	}
	texts := []string{"", "今天天气怎么样", "处分期满以后多久能提拔，要走什么程序"}
	for _, qf := range questionForms {
		for _, c := range qf.cues {
			texts = append(texts, c, "请问"+c+"？", c+strings.Join(qf.marks, ""))
		}
	}
	for _, s := range texts {
		if got, want := formsOf(s), naive(s); got != want {
			t.Errorf("formsOf(%q) = %b, each cue in turn %b", s, got, want)
		}
	}
}

func TestVersionCues(t *testing.T) {
	if versionWords == nil {
		t.Fatal("versionCue is a list of words and should be read as one")
	}
	for s, want := range map[string]struct {
		year string
		old  bool
	}{
		"问责条例修订前是怎么规定的":  {"", true},
		"2019年的问责条例第十七条": {"2019", false},
		"按当时的规定（2016）":   {"2016", true},
		"工资3000元":        {"", false},
		"没有年份":           {"", false},
	} {
		year, old := versionCues(Normalize(s))
		if year != want.year || old != want.old {
			t.Errorf("versionCues(%q) = %q, %v; want %q, %v", s, year, old, want.year, want.old)
		}
		if old != versionCue.MatchString(Normalize(s)) {
			t.Errorf("%q: the word list and the expression disagree", s)
		}
	}
	if plainWords(`a|b(c)`) != nil || plainWords(`a||b`) != nil || len(plainWords(`甲|乙丙`)) != 2 {
		t.Error("plainWords must accept only plain words")
	}
}

// enactmentAndVersion reads its words in one pass; it must find what
// looking for each word in turn finds.
func TestEnactmentAndVersionAgreeWithEachWord(t *testing.T) {
	containsOne := func(text string, words []string) bool {
		for _, w := range words {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
	texts := []string{"", "今天天气怎么样", "这个条例什么时候施行", "问责条例修订前是怎么规定的", "2019年的问责条例第十七条"}
	for _, w := range append(append([]string{}, enactmentCues...), versionWords...) {
		texts = append(texts, w, "请问"+w+"？", w[:len(w)-1], "以前"+w+"以后")
	}
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range kb.Provisions() {
		texts = append(texts, Normalize(p.Text))
	}
	for _, s := range texts {
		enactment, _, old := enactmentAndVersion(s)
		if want := containsOne(s, enactmentCues); enactment != want {
			t.Errorf("%q: enactment %v, each cue in turn %v", s, enactment, want)
		}
		if want := containsOne(s, versionWords); old != want {
			t.Errorf("%q: older text %v, each word in turn %v", s, old, want)
		}
	}
}
