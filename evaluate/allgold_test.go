package evaluate

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// everyJudgmentItem reads every judgment file embedded under gold/, the
// held-out files measured only with --gold (heldout-b, heldout-c …)
// included, so their ids and the cue rule are checked like the rest. It
// prints nothing of them.
func everyJudgmentItem(t *testing.T) []Item {
	t.Helper()
	entries, err := fs.ReadDir(goldFS, "gold")
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".jsonl") || strings.HasPrefix(name, "laws-") {
			continue
		}
		b, err := goldFS.ReadFile(path.Join("gold", name))
		if err != nil {
			t.Fatal(err)
		}
		its, err := ParseJudgment(name, bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		items = append(items, its...)
	}
	return items
}
