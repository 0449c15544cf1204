package advisor

import (
	"strings"
	"testing"

	"rongcuo/knowledge"
)

// The one-pass document words must find what namesDocument and mentions
// find, document by document.
func TestDocWordsAgreeWithContains(t *testing.T) {
	a := embedded(t)
	texts := append([]string(nil), benchQuestions...)
	for _, d := range a.kb.Documents {
		texts = append(texts, d.Short+"第三条怎么规定", d.Title, d.Region+"的干部")
	}
	named, mentioned := 0, 0
	for _, s := range texts {
		q := knowledge.Normalize(s)
		found := a.priorWords.find(q)
		for _, d := range a.kb.Documents {
			want := a.namesDocument(q, d)
			if got := a.priorWords.any(found, a.priorWords.names[d.ID]); got != want {
				t.Errorf("%q names %s: one pass %v, contains %v", q, d.ID, got, want)
			}
			if want {
				named++
			}
			want = a.mentions(q, d)
			if got := a.priorWords.any(found, a.priorWords.mentions[d.ID]); got != want {
				t.Errorf("%q mentions %s: one pass %v, contains %v", q, d.ID, got, want)
			}
			if want {
				mentioned++
			}
		}
	}
	if named == 0 || mentioned == 0 {
		t.Errorf("named %d, mentioned %d: the comparison proves nothing", named, mentioned)
	}
}

// namesDocument and mentions are the plain readings the one-pass document
// words replace: whether the question names the document by its short name
// or full title, and whether it names the document's place or the document.
func (a *Advisor) namesDocument(question string, d *knowledge.Document) bool {
	for _, n := range a.docNames[d.ID] {
		if strings.Contains(question, n) {
			return true
		}
	}
	return false
}

func (a *Advisor) mentions(question string, d *knowledge.Document) bool {
	for _, w := range a.mentionWords[d.ID] {
		if strings.Contains(question, w) {
			return true
		}
	}
	return false
}
