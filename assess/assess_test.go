package assess_test

import (
	"reflect"
	"strings"
	"testing"

	"rongcuo/assess"
)

const answerExample = "我是镇里分管工业的副镇长。去年为了让重点招商项目尽快开工，在规划审批还缺一项技术指标的情况下，" +
	"经镇党委会集体研究，让企业签了限期补齐承诺书，先办了施工手续。企业按期补齐了材料，没有造成损失，" +
	"我也没收企业任何好处。现在纪委找我谈话，能容错吗？"

func keysOf(fs []assess.FollowUp) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Key)
	}
	return out
}

func negativeKeys(cs []assess.Criterion) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Key)
	}
	return out
}

func criterion(t *testing.T, a assess.Assessment, key string) assess.Criterion {
	t.Helper()
	for _, c := range a.Criteria {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("criterion %s not listed", key)
	return assess.Criterion{}
}

// The ANSWER.md example says nothing about an explicit ban: it is likely
// tolerable on the presumption that there was none, which the answer states
// and the one follow-up question confirms.
func TestAnswerExampleBecomesLikelyTolerable(t *testing.T) {
	facts := assess.Extract(answerExample)
	a := assess.Assess(facts)
	if a.Verdict != assess.LikelyTolerable {
		t.Fatalf("verdict %s, want likely_tolerable on the presumption of no ban", a.Verdict)
	}
	if len(a.FollowUps) != 1 || a.FollowUps[0].Key != assess.ExplicitBan || a.FollowUps[0].IfYes != assess.Unfavourable {
		t.Fatalf("follow-ups %+v, want only the explicit-ban question", a.FollowUps)
	}
	if len(a.Presumed) != 1 || a.Presumed[0].Key != assess.ExplicitBan || !strings.Contains(a.Presumed[0].Evidence, "没有") {
		t.Fatalf("presumed %+v, want the ban", a.Presumed)
	}
	if q := a.FollowUps[0].Question; q != "当时是否有上级文件或规定明确禁止这种做法？" {
		t.Errorf("ban question %q", q)
	}
	facts = assess.Apply(facts, assess.ExplicitBan, assess.No, a.FollowUps[0].Question)
	a = assess.Assess(facts)
	if a.Verdict != assess.LikelyTolerable {
		t.Fatalf("verdict after 否 %s, want likely_tolerable", a.Verdict)
	}
	if len(a.FollowUps) != 0 || len(a.Negative) != 0 {
		t.Errorf("follow-ups %v, negative %v, want none", a.FollowUps, a.Negative)
	}
	if c := criterion(t, a, assess.Procedure); c.Evidence != "经镇党委会集体研究" || c.Label != "程序方法" {
		t.Errorf("procedure criterion %+v", c)
	}
	if c := criterion(t, a, assess.ExplicitBan); c.Status != assess.Favourable ||
		c.Evidence != "回答“当时是否有上级文件或规定明确禁止这种做法？”：否" {
		t.Errorf("answered ban criterion %+v", c)
	}
}

// The five contrast cases of policy facts §8 (#16–#20), told as a cadre
// would tell them.
func TestContrastCasesAreNotTolerable(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		negative []string
	}{
		{"#16 大冶 shirking", "督查组两次反馈水库坝体杂草影响查险排险，我们认为应该由镇政府负责，又以没收到书面反馈意见为由，一直没有整改。",
			[]string{assess.Inaction}},
		{"#17 青山 inaction and pollution", "我分管泵站建设，选址和征地拆迁好几年都没推进，导致约10平方公里生活污水直排长江。",
			[]string{assess.MajorAccident, assess.Inaction}},
		{"#18 武穴 late to the scene", "接到管涌抢险指令后，我迟迟没有到现场。",
			[]string{assess.Inaction}},
		{"#19 阳新 drinking on duty", "疫情防控期间，我中午和几个村干部喝了酒，还拦了物资车。",
			[]string{assess.EightRules}},
		{"#20 连江 not reported", "我知道居家观察对象擅自外出，既没有劝返，也没有上报。",
			[]string{assess.Concealment, assess.Inaction}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := assess.Assess(assess.Extract(tc.text))
			if a.Verdict != assess.NotTolerable {
				t.Fatalf("verdict %s, want not_tolerable; criteria %+v", a.Verdict, a.Criteria)
			}
			if got := negativeKeys(a.Negative); !reflect.DeepEqual(got, tc.negative) {
				t.Errorf("negative %v, want %v (most serious first)", got, tc.negative)
			}
			for _, c := range a.Negative {
				if c.Evidence == "" || !strings.Contains(tc.text, c.Evidence) {
					t.Errorf("%s evidence %q is not a span of the text", c.Key, c.Evidence)
				}
			}
			if len(a.FollowUps) != 0 {
				t.Errorf("follow-ups %v on a settled case", a.FollowUps)
			}
		})
	}
}

func TestNeedsMoreFactsAsksMostDecisiveFirst(t *testing.T) {
	a := assess.Assess(assess.Extract("为了赶工期，我让企业先开工了，现在被问责了，怎么办？"))
	if a.Verdict != assess.NeedsMoreFacts {
		t.Fatalf("verdict %s", a.Verdict)
	}
	// The public purpose is known; what decides it is whether any procedure
	// was followed, then the presumptions.
	want := []string{assess.Procedure, assess.ExplicitBan, assess.PrivateGain}
	if got := keysOf(a.FollowUps); !reflect.DeepEqual(got, want) {
		t.Fatalf("follow-ups %v, want %v (motive is known)", got, want)
	}
	if a.FollowUps[0].IfYes != assess.Favourable || a.FollowUps[2].IfYes != assess.Unfavourable {
		t.Errorf("if-yes of %+v", a.FollowUps)
	}
	if !strings.Contains(a.FollowUps[2].Question, "好处") || !strings.Contains(a.FollowUps[0].Question, "集体研究") {
		t.Errorf("questions %+v", a.FollowUps)
	}
	// 是 to the procedure question settles it: likely tolerable, presumptions stated.
	yes := assess.Assess(assess.Apply(assess.Extract("为了赶工期，我让企业先开工了，现在被问责了，怎么办？"), assess.Procedure, assess.Yes, a.FollowUps[0].Question))
	if yes.Verdict != assess.LikelyTolerable || len(yes.Presumed) != 2 {
		t.Errorf("after 是 to the procedure: %s presumed %v", yes.Verdict, yes.Presumed)
	}

	empty := assess.Assess(assess.Extract(""))
	if got := keysOf(empty.FollowUps); !reflect.DeepEqual(got, []string{assess.Procedure, assess.Motive, assess.ExplicitBan, assess.PrivateGain}) {
		t.Errorf("follow-ups on nothing known: %v", got)
	}
}

// 个人专断 is not on the negative list but blocks a favourable verdict; the
// emergency question can still settle it either way.
func TestPersonalDecisionBlocksLikelyTolerable(t *testing.T) {
	facts := assess.Extract("为了项目早日投产，我一个人拍板的，没有收任何好处，当时也没有规定禁止。")
	for _, k := range []string{assess.Motive, assess.PrivateGain, assess.ExplicitBan} {
		if facts[k].Status != assess.Favourable {
			t.Fatalf("%s = %+v, want favourable", k, facts[k])
		}
	}
	if facts[assess.Procedure].Status != assess.Unfavourable {
		t.Fatalf("procedure = %+v", facts[assess.Procedure])
	}
	a := assess.Assess(facts)
	if a.Verdict != assess.NeedsMoreFacts || len(a.Negative) != 0 {
		t.Fatalf("verdict %s negative %v, want needs_more_facts with nothing on the negative list", a.Verdict, a.Negative)
	}
	if len(a.FollowUps) != 1 || a.FollowUps[0].Key != assess.Procedure || !strings.Contains(a.FollowUps[0].Question, "紧急") {
		t.Fatalf("follow-ups %+v, want the emergency question", a.FollowUps)
	}
	q := a.FollowUps[0].Question
	if yes := assess.Assess(assess.Apply(facts, assess.Procedure, assess.Yes, q)); yes.Verdict != assess.LikelyTolerable {
		t.Errorf("after 是 (emergency, reported): %s", yes.Verdict)
	}
	no := assess.Assess(assess.Apply(facts, assess.Procedure, assess.No, q))
	if no.Verdict != assess.NeedsMoreFacts || len(no.FollowUps) != 0 {
		t.Errorf("after 否: %s %v, want needs_more_facts and nothing more to ask", no.Verdict, no.FollowUps)
	}
	if c := criterion(t, no, assess.Procedure); c.Status != assess.Unfavourable {
		t.Errorf("procedure after 否: %+v", c)
	}
}

func TestUnfavourableAspectBlocksLikelyTolerable(t *testing.T) {
	facts := assess.Facts{
		assess.Motive:      {Status: assess.Favourable, Evidence: "为了群众"},
		assess.PrivateGain: {Status: assess.Favourable, Evidence: "没拿好处"},
		assess.ExplicitBan: {Status: assess.Favourable, Evidence: "没有规定"},
		assess.Procedure:   {Status: assess.Favourable, Evidence: "集体研究"},
	}
	if v := assess.Assess(facts).Verdict; v != assess.LikelyTolerable {
		t.Fatalf("all critical favourable: %s", v)
	}
	// A loss is what a tolerance case is about; it does not weigh against.
	facts[assess.Consequence] = assess.Fact{Status: assess.Unfavourable, Evidence: "造成重大损失"}
	if v := assess.Assess(facts).Verdict; v != assess.LikelyTolerable {
		t.Errorf("with a loss: %s, want likely_tolerable", v)
	}
	// A deliberate act does, without ruling tolerance out.
	facts[assess.Nature] = assess.Fact{Status: assess.Unfavourable, Evidence: "故意这么做"}
	a := assess.Assess(facts)
	if a.Verdict != assess.NeedsMoreFacts || len(a.FollowUps) != 0 {
		t.Errorf("deliberate: %s %v, want needs_more_facts without questions", a.Verdict, a.FollowUps)
	}
}

func TestDespoticDecisionWithALoss(t *testing.T) {
	facts := assess.Facts{
		assess.Motive:      {Status: assess.Favourable, Evidence: "为了发展"},
		assess.Procedure:   {Status: assess.Unfavourable, Evidence: "我一个人拍板"},
		assess.Consequence: {Status: assess.Unfavourable, Evidence: "投了三个亿，现在荒着"},
	}
	a := assess.Assess(facts)
	if a.Verdict != assess.NotTolerable || len(a.Negative) != 1 || a.Negative[0].Key != assess.Procedure {
		t.Errorf("个人专断 with a loss: %s %v, want not_tolerable on procedure", a.Verdict, a.Negative)
	}
	// In an emergency the same gap is not 拍脑袋: the emergency question decides.
	facts[assess.Conditions] = assess.Fact{Status: assess.Favourable, Evidence: "台风来前几个小时"}
	if a := assess.Assess(facts); a.Verdict != assess.NeedsMoreFacts {
		t.Errorf("emergency: %s, want needs_more_facts", a.Verdict)
	}
	// Without a loss it is the mixed case, not a bottom line.
	delete(facts, assess.Conditions)
	delete(facts, assess.Consequence)
	if a := assess.Assess(facts); a.Verdict != assess.NeedsMoreFacts {
		t.Errorf("no loss: %s, want needs_more_facts", a.Verdict)
	}
}

func TestDissentIsAGroundOfItsOwn(t *testing.T) {
	a := assess.Assess(assess.Extract("县里开常务会决定上一个文旅项目，我当时明确表示反对，会议纪要里记着我的反对意见。后来项目亏了两千万。我也会被问责吗？"))
	if a.Verdict != assess.LikelyTolerable {
		t.Errorf("recorded dissent: %s, want likely_tolerable", a.Verdict)
	}
	a = assess.Assess(assess.Extract("我在会上提了反对意见，但是我收了对方五万元。"))
	if a.Verdict != assess.NotTolerable {
		t.Errorf("dissent with private gain: %s, want not_tolerable", a.Verdict)
	}
	a = assess.Assess(assess.Extract("我没有提出反对意见，项目是集体决定的。"))
	for _, c := range a.Criteria {
		if c.Key == assess.Dissent {
			t.Errorf("no dissent stated is shown as %s; it should be left out", c.Status)
		}
	}
}

func TestMotiveInferredFromNoPrivateGain(t *testing.T) {
	a := assess.Assess(assess.Facts{
		assess.PrivateGain: {Status: assess.Favourable, Evidence: "没有任何人拿好处"},
		assess.ExplicitBan: {Status: assess.Favourable, Evidence: "政策上没有禁止"},
		assess.Procedure:   {Status: assess.Favourable, Evidence: "经区政府常务会研究同意"},
	})
	if a.Verdict != assess.LikelyTolerable {
		t.Fatalf("verdict %s, want likely_tolerable", a.Verdict)
	}
	c := criterion(t, a, assess.Motive)
	if c.Status != assess.Favourable || !strings.Contains(c.Evidence, "推定") || !strings.Contains(c.Evidence, "没有任何人拿好处") {
		t.Errorf("inferred motive %+v should say it was inferred and from what", c)
	}
	// An answered 不清楚 about motive is not overridden.
	a = assess.Assess(assess.Facts{
		assess.Motive:      {Status: assess.Unknown, Answered: true},
		assess.PrivateGain: {Status: assess.Favourable, Evidence: "没拿钱"},
	})
	if c := criterion(t, a, assess.Motive); c.Status != assess.Unknown {
		t.Errorf("answered 不清楚 was overridden: %+v", c)
	}
}

func TestNegativeListedMostSeriousFirstAndCriteriaShort(t *testing.T) {
	facts := assess.Facts{
		assess.Repeat:        {Status: assess.Unfavourable, Evidence: "又犯了"},
		assess.EightRules:    {Status: assess.Unfavourable, Evidence: "公款吃喝"},
		assess.PrivateGain:   {Status: assess.Unfavourable, Evidence: "收了钱"},
		assess.Concealment:   {Status: assess.Favourable, Evidence: "没有隐瞒"},
		assess.MajorAccident: {Status: "bogus", Evidence: "?"},
	}
	a := assess.Assess(facts)
	if a.Verdict != assess.NotTolerable {
		t.Fatalf("verdict %s", a.Verdict)
	}
	if got := negativeKeys(a.Negative); !reflect.DeepEqual(got, []string{assess.PrivateGain, assess.EightRules, assess.Repeat}) {
		t.Errorf("negative order %v", got)
	}
	var listed []string
	for _, c := range a.Criteria {
		listed = append(listed, c.Key)
		if c.Label == "" || c.Label == c.Key {
			t.Errorf("criterion %s has no Chinese label", c.Key)
		}
	}
	want := []string{assess.Motive, assess.PrivateGain, assess.ExplicitBan, assess.Procedure,
		assess.Conditions, assess.Nature, assess.Consequence, assess.Remedy,
		assess.EightRules, assess.Concealment, assess.Repeat}
	if !reflect.DeepEqual(listed, want) {
		t.Errorf("criteria %v, want %v (unknown negative-list items left out, invalid status read as unknown)", listed, want)
	}
}

func TestKeysAndLabels(t *testing.T) {
	keys := assess.Keys()
	if len(keys) != 14 || keys[0] != assess.Motive || keys[3] != assess.Procedure {
		t.Fatalf("keys %v", keys)
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Errorf("duplicate key %s", k)
		}
		seen[k] = true
	}
	for _, k := range append(append([]string{}, assess.CriticalKeys...), assess.NegativeKeys...) {
		if !seen[k] {
			t.Errorf("key %s missing from Keys()", k)
		}
	}
	if l := assess.Label(assess.Motive); l != "动机态度" {
		t.Errorf("label %q", l)
	}
	if l := assess.Label("bogus"); l != "bogus" {
		t.Errorf("label of an unknown key %q", l)
	}
	keys[0] = "changed"
	if assess.Keys()[0] != assess.Motive {
		t.Error("Keys shares its slice")
	}
}

// Deaths or injuries are dereliction with serious harm when a lapse is stated
// with them; alone they are a question, never presumed away.
func TestHarmNeedsALapse(t *testing.T) {
	alone := assess.Extract("为了民生工程按时完工，去年开工的项目后来出了意外，死了两个工人。")
	if f := alone[assess.MajorAccident]; !f.Raised || f.Status != assess.Unknown {
		t.Fatalf("a death alone: %+v, want raised", f)
	}
	if a := assess.Assess(alone); a.Verdict != assess.NeedsMoreFacts || !hasKey(a.Conflicting, assess.MajorAccident) {
		t.Errorf("a death alone: %s, conflicting %v; want needs_more_facts asking about it", a.Verdict, a.Conflicting)
	}
	for _, lapse := range []string{
		"验收没做完我就口头同意天桥先开放，结果塌了，死了两个人。",
		"督查组两次提醒护栏松动，我们一直没整改，后来有个孩子掉下去溺亡了。",
	} {
		a := assess.Assess(assess.Extract(lapse))
		if a.Verdict != assess.NotTolerable || !hasKey(a.Negative, assess.MajorAccident) {
			t.Errorf("%s: %s, negative %v; want not_tolerable for dereliction with serious harm", lapse, a.Verdict, a.Negative)
		}
	}
}

func hasKey(cs []assess.Criterion, key string) bool {
	for _, c := range cs {
		if c.Key == key {
			return true
		}
	}
	return false
}
