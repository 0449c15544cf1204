package assess_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"rongcuo/assess"
)

// FuzzExtract: any input reads without panicking, every fact is a known
// criterion with a definite status (or unknown because the text says it
// both ways or only raises it), and its evidence is a non-empty span of
// the input.
func FuzzExtract(f *testing.F) {
	for _, tc := range extractCases {
		f.Add(tc.text)
	}
	for _, s := range []string{"", "？？？", "没有没有没有", "不是不是没有", "如果，而且，或者", "收\xff好处",
		"一分钱都没拿" + strings.Repeat("也", 50), "经" + strings.Repeat("党委会", 30) + "研究", "1.5.3万元", "😀没有收受😀好处"} {
		f.Add(s)
	}
	valid := map[string]bool{}
	for _, k := range assess.Keys() {
		valid[k] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		facts := assess.Extract(s)
		for k, fact := range facts {
			if !valid[k] {
				t.Fatalf("unknown key %q", k)
			}
			definite := fact.Status == assess.Favourable || fact.Status == assess.Unfavourable
			if definite == (fact.Conflict || fact.Raised) {
				t.Fatalf("%s: status %q (conflict %v, raised %v)", k, fact.Status, fact.Conflict, fact.Raised)
			}
			if fact.Conflict && !strings.Contains(s, fact.Other) {
				t.Fatalf("%s: the conflicting evidence %q is not a span of %q", k, fact.Other, s)
			}
			if fact.Evidence == "" || !strings.Contains(s, fact.Evidence) {
				t.Fatalf("%s: evidence %q is not a span of %q", k, fact.Evidence, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(fact.Evidence) {
				t.Fatalf("%s: evidence %q splits a character", k, fact.Evidence)
			}
			if fact.Answered {
				t.Fatalf("%s: extracted fact marked answered", k)
			}
		}
		a := assess.Assess(facts)
		switch a.Verdict {
		case assess.LikelyTolerable, assess.NotTolerable, assess.NeedsMoreFacts:
		default:
			t.Fatalf("verdict %q", a.Verdict)
		}
	})
}
