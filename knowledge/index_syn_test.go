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

// Only a passage that holds the words typed whole says the same thing
// twice: a long phrase of the table typed as a question (监察委员会管哪些人)
// is found in no passage, and the passage that holds its synonym keeps its
// full score.
func TestSynonymOverlapNeedsTheWholeWord(t *testing.T) {
	kb := New([]*Document{
		lawDoc("j", "甲法", "2020-01-01",
			[2]string{"第三章 监察范围", "监察委员会对下列人员进行监察。"},
			[2]string{"第二章 机关", "国家监察委员会领导地方各级监察委员会，有些人的监察事项由上级监察委员会管理。"}),
		lawDoc("k", "乙法", "2020-01-01",
			[2]string{"", "船舶航行应当遵守航道规则。"},
			[2]string{"", "港口经营人应当保证港口安全。"},
			[2]string{"", "本法自公布之日起施行。"}),
	}, nil, nil)
	kb.Synonyms = Synonyms{{"监察范围", "监察委员会管哪些人"}}
	hits := NewIndex(kb).Provisions("监察委员会管哪些人", SearchOptions{})
	if len(hits) == 0 || hits[0].Provision.ID != "j#1" {
		t.Errorf("got %v, want j#1 first", topIDs(hits, 2))
	}
}

// A synonym word held together by 的 (饲养的动物) still anchors a match:
// the passage that holds it whole is found.
func TestSynonymWordWithParticleAnchors(t *testing.T) {
	kb := New([]*Document{
		lawDoc("d", "甲法", "2020-01-01",
			[2]string{"", "饲养的动物造成他人损害的，应当承担侵权责任。"},
			[2]string{"", "船舶航行应当遵守航道规则。"}),
	}, nil, nil)
	kb.Synonyms = Synonyms{{"饲养的动物", "狗咬人"}}
	ix := NewIndex(kb)
	if hits := ix.Provisions("狗咬人了", SearchOptions{}); len(hits) == 0 || hits[0].Provision.ID != "d#1" {
		t.Errorf("got %v, want d#1", topIDs(hits, 2))
	}
}
