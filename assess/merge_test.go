package assess_test

import (
	"reflect"
	"testing"

	"rongcuo/assess"
)

func TestMerge(t *testing.T) {
	text := func(st assess.Status, ev string) assess.Fact { return assess.Fact{Status: st, Evidence: ev} }
	answer := func(st assess.Status, q string) assess.Fact {
		return assess.Fact{Status: st, Evidence: q, Answered: true}
	}
	const q = "这个决定是否经过集体研究（如党委会、班子会）或事先请示报告？"
	cases := []struct {
		name       string
		old, newer assess.Facts
		want       assess.Fact
	}{
		{"newer wins", assess.Facts{assess.Procedure: text(assess.Favourable, "经党委会研究")},
			assess.Facts{assess.Procedure: text(assess.Unfavourable, "其实是我一个人拍板")},
			text(assess.Unfavourable, "其实是我一个人拍板")},
		{"unknown does not erase", assess.Facts{assess.Procedure: text(assess.Favourable, "经党委会研究")},
			assess.Facts{assess.Procedure: text(assess.Unknown, "")},
			text(assess.Favourable, "经党委会研究")},
		{"missing keeps old", assess.Facts{assess.Procedure: text(assess.Favourable, "经党委会研究")},
			assess.Facts{},
			text(assess.Favourable, "经党委会研究")},
		{"answer kept when restated", assess.Facts{assess.Procedure: answer(assess.Favourable, q)},
			assess.Facts{assess.Procedure: text(assess.Favourable, "上了党委会")},
			answer(assess.Favourable, q)},
		{"answer yields to the opposite", assess.Facts{assess.Procedure: answer(assess.Favourable, q)},
			assess.Facts{assess.Procedure: text(assess.Unfavourable, "其实没上会")},
			text(assess.Unfavourable, "其实没上会")},
		{"not-sure answer yields to a fact", assess.Facts{assess.Procedure: answer(assess.Unknown, q)},
			assess.Facts{assess.Procedure: text(assess.Favourable, "上了党委会")},
			text(assess.Favourable, "上了党委会")},
		{"not-sure answer kept over unknown", assess.Facts{assess.Procedure: text(assess.Unknown, "")},
			assess.Facts{assess.Procedure: answer(assess.Unknown, q)},
			answer(assess.Unknown, q)},
		{"new key added", nil,
			assess.Facts{assess.Procedure: text(assess.Favourable, "上了党委会")},
			text(assess.Favourable, "上了党委会")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			oldCopy := copyFacts(tc.old)
			newCopy := copyFacts(tc.newer)
			got := assess.Merge(tc.old, tc.newer)
			if got[assess.Procedure] != tc.want {
				t.Errorf("got %+v, want %+v", got[assess.Procedure], tc.want)
			}
			if !reflect.DeepEqual(tc.old, oldCopy) || !reflect.DeepEqual(tc.newer, newCopy) {
				t.Error("Merge modified its inputs")
			}
		})
	}
	if got := assess.Merge(nil, nil); got == nil || len(got) != 0 {
		t.Errorf("Merge(nil, nil) = %v, want an empty map", got)
	}
}

func copyFacts(f assess.Facts) assess.Facts {
	if f == nil {
		return nil
	}
	out := assess.Facts{}
	for k, v := range f {
		out[k] = v
	}
	return out
}

func TestApply(t *testing.T) {
	const banQ = "当时是否有上级文件或规定明确禁止这种做法？"
	const procQ = "这个决定是否经过集体研究（如党委会、班子会）或事先请示报告？"
	cases := []struct {
		key   string
		reply assess.Reply
		want  assess.Status
	}{
		{assess.ExplicitBan, assess.Yes, assess.Unfavourable},
		{assess.ExplicitBan, assess.No, assess.Favourable},
		{assess.ExplicitBan, assess.NotSure, assess.Unknown},
		{assess.Procedure, assess.Yes, assess.Favourable},
		{assess.Procedure, assess.No, assess.Unfavourable},
		{assess.MajorAccident, assess.Yes, assess.Unfavourable},
		{assess.Remedy, assess.No, assess.Unfavourable},
	}
	for _, tc := range cases {
		q := banQ
		if tc.key == assess.Procedure {
			q = procQ
		}
		before := assess.Facts{assess.Motive: {Status: assess.Favourable, Evidence: "为了项目"}}
		got := assess.Apply(before, tc.key, tc.reply, q)
		want := assess.Fact{Status: tc.want, Evidence: q, Answered: true}
		if got[tc.key] != want {
			t.Errorf("Apply(%s, %s) = %+v, want %+v", tc.key, tc.reply, got[tc.key], want)
		}
		if got[assess.Motive].Status != assess.Favourable {
			t.Errorf("Apply(%s) lost another fact", tc.key)
		}
		if _, changed := before[tc.key]; changed {
			t.Errorf("Apply(%s) modified its input", tc.key)
		}
	}

	f := assess.Facts{assess.Motive: {Status: assess.Favourable}}
	if got := assess.Apply(f, "bogus", assess.Yes, "?"); !reflect.DeepEqual(got, f) {
		t.Errorf("unknown key changed the facts: %v", got)
	}
	if got := assess.Apply(f, assess.Motive, assess.Reply("maybe"), "?"); !reflect.DeepEqual(got, f) {
		t.Errorf("unknown reply changed the facts: %v", got)
	}
	if got := assess.Apply(nil, assess.ExplicitBan, assess.No, banQ); got[assess.ExplicitBan].Status != assess.Favourable {
		t.Errorf("Apply on nil facts: %v", got)
	}

	// 不清楚 stops the asking.
	a := assess.Assess(assess.Apply(nil, assess.ExplicitBan, assess.NotSure, banQ))
	for _, fu := range a.FollowUps {
		if fu.Key == assess.ExplicitBan {
			t.Errorf("ban asked again after 不清楚: %v", a.FollowUps)
		}
	}
}

// A chat: the story, then bare answers to the questions as they come.
// Each turn merges what the new message says, as the advisor does.
func TestMultiTurnConversation(t *testing.T) {
	turn := func(facts assess.Facts, msg string) (assess.Facts, assess.Assessment) {
		facts = assess.Merge(facts, assess.Extract(msg))
		return facts, assess.Assess(facts)
	}
	// Tolerable on its face: the ban and the gain nobody mentioned are
	// presumed absent, and the follow-ups confirm them one at a time.
	facts, a := turn(nil, "为了让项目尽快开工，经镇党委会集体研究，先办了施工手续，企业后来按期补齐了材料，没有造成损失。")
	if a.Verdict != assess.LikelyTolerable {
		t.Fatalf("turn 1: %s", a.Verdict)
	}
	if got := keysOf(a.FollowUps); !reflect.DeepEqual(got, []string{assess.ExplicitBan, assess.PrivateGain}) {
		t.Fatalf("turn 1 follow-ups %v", got)
	}
	if len(a.Presumed) != 2 {
		t.Fatalf("turn 1 presumptions %v", a.Presumed)
	}

	first := a.FollowUps[0]
	facts = assess.Apply(facts, first.Key, assess.No, first.Question)
	facts, a = turn(facts, "否")
	if a.Verdict != assess.LikelyTolerable || !reflect.DeepEqual(keysOf(a.FollowUps), []string{assess.PrivateGain}) {
		t.Fatalf("turn 2: %s %v", a.Verdict, keysOf(a.FollowUps))
	}

	second := a.FollowUps[0]
	facts = assess.Apply(facts, second.Key, assess.No, second.Question)
	facts, a = turn(facts, "否")
	if a.Verdict != assess.LikelyTolerable || len(a.FollowUps) != 0 || len(a.Presumed) != 0 {
		t.Fatalf("turn 3: %s %v %v, criteria %+v", a.Verdict, a.FollowUps, a.Presumed, a.Criteria)
	}

	// Restating a settled fact keeps the answer; contradicting it reopens the case.
	facts, a = turn(facts, "再说一遍，我确实没有收受任何好处。")
	if !facts[assess.PrivateGain].Answered || a.Verdict != assess.LikelyTolerable {
		t.Errorf("restated: %+v %s", facts[assess.PrivateGain], a.Verdict)
	}
	_, a = turn(facts, "不过后来我收了企业老板两万元。")
	if a.Verdict != assess.NotTolerable {
		t.Errorf("after admitting money: %s", a.Verdict)
	}

	// A 是 to a presumption reverses it.
	facts, _ = turn(nil, "为了让项目尽快开工，经镇党委会集体研究，先办了施工手续。")
	a = assess.Assess(assess.Apply(facts, assess.ExplicitBan, assess.Yes, "?"))
	if a.Verdict != assess.NotTolerable {
		t.Errorf("ban confirmed: %s", a.Verdict)
	}
}
