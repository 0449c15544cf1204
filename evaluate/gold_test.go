package evaluate

import (
	"slices"
	"testing"

	"rongcuo/knowledge"
)

// The gold files are data others rely on: every line well formed, every id
// pointing at something in the embedded knowledge base. The test reads the
// held-out split like any file; nothing here prints its questions.
func TestJudgmentGoldShape(t *testing.T) {
	items := everyJudgmentItem(t)
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	splits := map[string]int{}
	classes := map[string]map[string]int{}
	for _, it := range items {
		if ids[it.ID] {
			t.Errorf("duplicate id %s", it.ID)
		}
		ids[it.ID] = true
		splits[it.Split]++
		if it.Split != Dev && it.Split != Heldout {
			t.Errorf("%s: split %q", it.ID, it.Split)
		}
		if classes[it.Split] == nil {
			classes[it.Split] = map[string]int{}
		}
		classes[it.Split][it.Class()]++
		switch it.Intent {
		case "assessment":
			if !slices.Contains(Classes[:3], it.Verdict) {
				t.Errorf("%s: verdict %q", it.ID, it.Verdict)
			}
		case "definition", "procedure", "out_of_scope", "refused":
			if it.Verdict != "" {
				t.Errorf("%s: a verdict belongs to assessments only", it.ID)
			}
		default:
			t.Errorf("%s: intent %q", it.ID, it.Intent)
		}
		if len(it.Provisions) > 3 {
			t.Errorf("%s: %d must-cite provisions, want at most 3", it.ID, len(it.Provisions))
		}
		if it.Intent == "out_of_scope" && len(it.Provisions)+len(it.Relevant)+len(it.Cases) > 0 {
			t.Errorf("%s: an out-of-scope question cites nothing", it.ID)
		}
		for _, id := range append(slices.Clone(it.Provisions), it.Relevant...) {
			if kb.Provision(id) == nil {
				t.Errorf("%s: provision %s not in the embedded knowledge base", it.ID, id)
			}
		}
		for _, id := range it.Cases {
			if kb.Case(id) == nil {
				t.Errorf("%s: case %s not in the embedded knowledge base", it.ID, id)
			}
		}
	}
	if splits[Heldout] < 60 {
		t.Errorf("%d held-out questions, want at least 60", splits[Heldout])
	}
	for split, cs := range classes {
		for _, c := range Classes {
			if cs[c] == 0 {
				t.Errorf("%s split has no %s question", split, c)
			}
		}
	}
}
