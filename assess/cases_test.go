package assess_test

import (
	"testing"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// The extractor reads every case's facts as it reads a cadre's story. A
// case the sources report tolerated must not read as not tolerable, nor one
// reported not tolerated as likely tolerable: that would be the wrong
// direction on the very stories the rules were written from.
func TestCaseFactsReadInTheirDirection(t *testing.T) {
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range kb.Cases {
		if c.Facts == "" {
			continue
		}
		v := assess.Assess(assess.Extract(c.Facts)).Verdict
		switch {
		case c.Tolerated() && v == assess.NotTolerable:
			t.Errorf("%s (%s): facts read as %s", c.ID, c.Outcome, v)
		case c.Outcome == knowledge.OutcomeRejected && v == assess.LikelyTolerable:
			t.Errorf("%s (%s): facts read as %s", c.ID, c.Outcome, v)
		}
		n++
	}
	if n < 30 {
		t.Errorf("read the facts of %d cases, want the whole corpus", n)
	}
}
