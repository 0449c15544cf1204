package knowledge

import "testing"

// A passage that holds both the word typed and its synonym says one thing
// twice: it still comes first, but it is not scored as the two passages
// that hold one each put together (see synOverlap).
func TestSynonymAndTypedWordCountOnce(t *testing.T) {
	kb := New([]*Document{
		lawDoc("s", "甲法", "2020-01-01",
			[2]string{"", "出国出境"},
			[2]string{"", "出国办理"},
			[2]string{"", "办理出境"}),
	}, nil, nil)
	kb.Synonyms = Synonyms{{"出国", "出境"}}
	ix := NewIndex(kb)
	score := map[string]float64{}
	hits := ix.Provisions("出国", SearchOptions{})
	for _, h := range hits {
		score[h.Provision.ID] = h.Score
	}
	if len(hits) != 3 || hits[0].Provision.ID != "s#1" {
		t.Fatalf("got %v, want all three, s#1 first", topIDs(hits, 3))
	}
	if sum := score["s#2"] + score["s#3"]; score["s#1"] > 0.9*sum {
		t.Errorf("both words score %.2f, each alone %.2f and %.2f: the idea counted twice", score["s#1"], score["s#2"], score["s#3"])
	}
}
