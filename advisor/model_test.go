package advisor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"rongcuo/assess"
	"rongcuo/knowledge"
	"rongcuo/prompts"
)

const modelCase = "我是镇里分管工业的副镇长。为了让重点招商项目尽快开工，经镇党委会集体研究，先办了施工手续。企业按期补齐了材料，我也没收企业任何好处。"

// modelReading builds the reading a model writer gets: the case above, the
// rules' facts, and passages from groundKB.
func modelReadingFor(kb *knowledge.KB, caseText string, facts assess.Facts) *Reading {
	return &Reading{
		Question:   caseText,
		CaseText:   caseText,
		Intent:     IntentAssessment,
		Facts:      facts,
		Assessment: assess.Assess(facts),
		Provisions: []knowledge.ProvisionHit{{Provision: kb.Provision("wzcl#17"), Score: 3}, {Provision: kb.Provision("js#8"), Score: 2}},
		Cases:      []knowledge.CaseHit{{Case: kb.Case("ha"), Score: 1}},
	}
}

func rulesFacts() assess.Facts {
	return assess.Facts{
		assess.Motive:      {Status: assess.Favourable, Evidence: "为了让重点招商项目尽快开工"},
		assess.Procedure:   {Status: assess.Favourable, Evidence: "经镇党委会集体研究"},
		assess.PrivateGain: {Status: assess.Favourable, Evidence: "没收企业任何好处"},
	}
}

// readingJSON is a model's structured reading: criteria as key, status,
// evidence triples.
func readingJSON(verdict string, crit ...[3]string) string {
	type c struct {
		Key      string `json:"key"`
		Status   string `json:"status"`
		Evidence string `json:"evidence"`
	}
	m := map[string]any{"verdict": verdict, "follow_up": []any{}, "uncertain": []string{}}
	var cs []c
	for _, x := range crit {
		cs = append(cs, c{x[0], x[1], x[2]})
	}
	m["criteria"] = cs
	b, _ := json.Marshal(m)
	return string(b)
}

var goodReading = readingJSON("needs_more_facts",
	[3]string{"motive", "favourable", "为了让重点招商项目尽快开工"},
	[3]string{"procedure", "favourable", "经镇党委会集体研究"},
	[3]string{"private_gain", "favourable", "没收企业任何好处"},
	[3]string{"remedy", "favourable", "企业按期补齐了材料"},
	[3]string{"explicit_ban", "unknown", ""},
)

func newWriter(kb *knowledge.KB, chat Chat, logs *bytes.Buffer, names ...string) *ModelWriter {
	return NewModelWriter(kb, chat, ModelOptions{Redactor: NewRedactor(names), Logger: slog.New(slog.NewTextHandler(logs, nil))})
}

func TestModelAnswerIsCheckedBeforeReturn(t *testing.T) {
	kb := groundKB()
	answer := "**初步判断**：倾向于可以容错。\n\n" +
		"**依据**\n- 《中国共产党问责条例》第十七条[P1]：“可以不予问责或者免予问责”。\n" +
		"- 《中国共产党问责条例》第十七条[P1]还说“所有招商项目一律容错免责”。\n" +
		"- 《中国共产党问责条例》第八十八条[P1]也有规定。\n" +
		"- 另见[P9]。\n\n" +
		"**类似案例**：淮安清江浦区[C1]。\n\n以上仅供参考，最终由组织认定。"
	chat := &FakeChat{
		Assessments: []FakeReply{{Text: goodReading, PromptTokens: 50, CompletionTokens: 20, Model: "m-1"}},
		Answers:     []FakeReply{{Text: answer, PromptTokens: 500, CompletionTokens: 200, Model: "m-1", Chunk: 7}},
	}
	var logs bytes.Buffer
	var seen []string
	adv, err := newWriter(kb, chat, &logs).Answer(context.Background(), modelReadingFor(kb, modelCase, rulesFacts()), Advice{}, func(s string) { seen = append(seen, s) })
	if err != nil {
		t.Fatal(err)
	}
	// Streaming: the text so far, ending with the unchecked text without
	// its markers.
	if len(seen) < 10 || seen[len(seen)-1] != markerRe.ReplaceAllString(answer, "") {
		t.Fatalf("onText got %d calls, last %q", len(seen), seen[len(seen)-1])
	}
	for i := 1; i < len(seen); i++ {
		if len(seen[i]) < len(seen[i-1])-len("[P1") {
			t.Fatalf("onText text shrank at call %d", i)
		}
	}
	want := "**初步判断**：倾向于可以容错。\n\n" +
		"**依据**\n- 《中国共产党问责条例》第十七条：“可以不予问责或者免予问责”。\n" +
		"- 《中国共产党问责条例》第十七条还说" + removedQuote + "。\n" +
		"- " + removedArticle + "也有规定。\n" +
		"- 另见。\n\n" +
		"**类似案例**：淮安清江浦区。\n\n" + disclaimer
	if adv.Answer != want {
		t.Errorf("answer =\n%s\nwant\n%s", adv.Answer, want)
	}
	if adv.Mode != ModeLLM || adv.Intent != IntentAssessment || adv.Verdict == "" || len(adv.Criteria) == 0 {
		t.Errorf("advice %+v", adv)
	}
	if len(adv.Citations) != 1 || adv.Citations[0].ID != "wzcl#17" || adv.Citations[0].Quote != "可以不予问责或者免予问责" || !adv.Citations[0].Verified {
		t.Errorf("citations %+v", adv.Citations)
	}
	if len(adv.Cases) != 1 || adv.Cases[0].ID != "ha" {
		t.Errorf("cases %+v", adv.Cases)
	}
	u := adv.Usage
	if u.Model != "m-1" || u.PromptVersion != prompts.Version || u.PromptTokens != 550 || u.CompletionTokens != 220 || u.FirstToken <= 0 || u.Total < u.FirstToken {
		t.Errorf("usage %+v", u)
	}
	if strings.Join(u.Passages, ",") != "wzcl#17,js#8,ha" {
		t.Errorf("passages %v", u.Passages)
	}
	for _, w := range []string{"assessment=model", "quotes=1", "removed_markers=P9", "mismatched_markers=P1", "removed_quotes=1", "removed_articles=1"} {
		if !strings.Contains(u.Check, w) {
			t.Errorf("check %q lacks %q", u.Check, w)
		}
	}
	if !strings.Contains(logs.String(), "第八十八条") {
		t.Errorf("the fabricated article was not logged: %s", logs.String())
	}
}

// The prompts the model gets are exactly the rendered templates: the echo
// fake returns the answer prompt, and it must match a fresh rendering.
func TestModelPromptsAreTheTemplates(t *testing.T) {
	kb := groundKB()
	chat := &FakeChat{Assessments: []FakeReply{{Text: goodReading}}}
	var logs bytes.Buffer
	r := modelReadingFor(kb, modelCase, rulesFacts())
	if _, err := newWriter(kb, chat, &logs).Answer(context.Background(), r, Advice{}, nil); err != nil {
		t.Fatal(err)
	}
	calls := chat.Calls()
	if len(calls) != 2 || !calls[0].Structured || calls[1].Structured {
		t.Fatalf("calls %+v", calls)
	}
	sys, _ := prompts.RenderSystem(prompts.System{Disclaimer: disclaimer})
	if calls[0].Messages[0].Content != sys || calls[1].Messages[0].Content != sys {
		t.Error("the system prompt is not the rendered template")
	}
	if calls[0].Schema.Name != assessmentSchema.Name {
		t.Errorf("schema %q", calls[0].Schema.Name)
	}
	user := calls[1].Messages[1].Content
	for _, w := range []string{"[P1] 《中国共产党问责条例》第十七条（党内法规，现行）", "[P2] 《某省容错纠错实施办法》第八条（规范性文件，现行，某省，原文待核对", "[C1] 重点项目容缺审批——江苏淮安清江浦区（2023）", modelCase} {
		if !strings.Contains(user, w) {
			t.Errorf("answer prompt lacks %q", w)
		}
	}
	crits := []prompts.Criterion{}
	final := assess.Assess(mustMerge(t, r.Facts, goodReading))
	for _, c := range final.Criteria {
		crits = append(crits, prompts.Criterion{Key: c.Key, Label: c.Label, Status: string(c.Status), Evidence: c.Evidence})
	}
	var fus []string
	for _, f := range final.FollowUps {
		fus = append(fus, f.Question)
	}
	want, err := prompts.RenderAnswer(prompts.Answer{Intent: "assessment", Question: modelCase, CaseText: modelCase, Verdict: string(final.Verdict),
		Criteria: crits, FollowUps: fus, MaxChars: 900,
		Provisions: []prompts.Passage{passage(kb, "P1", kb.Provision("wzcl#17")), passage(kb, "P2", kb.Provision("js#8"))},
		Cases: []prompts.CasePassage{{Marker: "C1", Title: "重点项目容缺审批", Region: "江苏淮安清江浦区", Year: "2023", Outcome: knowledge.OutcomeExempt,
			Facts: kb.Case("ha").Facts}}})
	if err != nil {
		t.Fatal(err)
	}
	if user != want {
		t.Errorf("answer prompt differs from the template:\n%s\n---\n%s", user, want)
	}
}

func mustMerge(t *testing.T, rules assess.Facts, raw string) assess.Facts {
	t.Helper()
	facts, _, _, err := parseReading(raw, func(s string) string { return s }, flatSpace(modelCase))
	if err != nil {
		t.Fatal(err)
	}
	merged, _ := mergeFacts(rules, facts)
	return merged
}

func TestInvalidAssessmentIsRetriedOnceThenRulesStand(t *testing.T) {
	kb := groundKB()
	r := modelReadingFor(kb, modelCase, rulesFacts())
	chat := &FakeChat{
		Assessments: []FakeReply{{Text: "这不是 JSON"}, {Text: readingJSON("needs_more_facts", [3]string{"courage", "favourable", "x"})}, {Text: goodReading}},
		Answers:     []FakeReply{{Text: "按第十七条[P1]可以申请容错。"}},
	}
	var logs bytes.Buffer
	adv, err := newWriter(kb, chat, &logs).Answer(context.Background(), r, Advice{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := chat.Calls()
	if len(calls) != 3 || !calls[1].Structured || calls[2].Structured {
		t.Fatalf("%d calls; want two structured attempts and the answer", len(calls))
	}
	retry := calls[1].Messages
	if last := retry[len(retry)-1]; last.Role != prompts.RoleUser || !strings.Contains(last.Content, "不符合要求") || retry[len(retry)-2].Content != "这不是 JSON" {
		t.Errorf("the retry does not show the model its invalid output: %+v", retry[len(retry)-2:])
	}
	if !strings.Contains(adv.Usage.Check, "assessment=rules(invalid)") {
		t.Errorf("check %q", adv.Usage.Check)
	}
	if adv.Verdict != r.Assessment.Verdict || len(adv.Criteria) != len(r.Assessment.Criteria) {
		t.Errorf("verdict %q, want the rules' %q", adv.Verdict, r.Assessment.Verdict)
	}

	// One invalid reply, then a valid one: the model's reading is used.
	chat = &FakeChat{Assessments: []FakeReply{{Text: "```json\n{\"criteria\": [}\n```"}, {Text: "```json\n" + goodReading + "\n```"}}, Answers: []FakeReply{{Text: "可以申请容错[P1]。"}}}
	adv, err = newWriter(kb, chat, &logs).Answer(context.Background(), r, Advice{}, nil)
	if err != nil || !strings.Contains(adv.Usage.Check, "assessment=model") {
		t.Fatalf("check %q, err %v", adv.Usage.Check, err)
	}
	if adv.Facts[assess.Remedy].Status != assess.Favourable {
		t.Errorf("the model's reading of remedy was not used: %+v", adv.Facts[assess.Remedy])
	}
}

func TestStricterReadingOfTheNegativeListWins(t *testing.T) {
	kb := groundKB()
	caseText := modelCase + "事后企业送了我两条烟，我收下了。"
	r := modelReadingFor(kb, caseText, rulesFacts()) // the rules read private gain as favourable
	chat := &FakeChat{
		Assessments: []FakeReply{{Text: readingJSON("not_tolerable",
			[3]string{"private_gain", "unfavourable", "企业送了我两条烟，我收下了"},
			[3]string{"procedure", "unfavourable", "先办了施工手续"})}},
		Answers: []FakeReply{{Text: "**初步判断**：倾向于不属于容错范围。"}},
	}
	var logs bytes.Buffer
	adv, err := newWriter(kb, chat, &logs).Answer(context.Background(), r, Advice{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if adv.Verdict != assess.NotTolerable || adv.Facts[assess.PrivateGain].Status != assess.Unfavourable {
		t.Errorf("verdict %q, private gain %+v: the stricter reading did not win", adv.Verdict, adv.Facts[assess.PrivateGain])
	}
	if adv.Facts[assess.Procedure].Status != assess.Unknown {
		t.Errorf("procedure read both ways should be unknown, got %+v", adv.Facts[assess.Procedure])
	}
	prompt := chat.Calls()[1].Messages[1].Content
	if !strings.Contains(prompt, "按更严格的理解处理") {
		t.Errorf("the answer prompt does not carry the uncertainty:\n%s", prompt)
	}
	// The model left the uncertainty out; the answer shows it anyway.
	if !strings.Contains(adv.Answer, "**不确定之处**") || !strings.Contains(adv.Answer, "是否谋取私利") {
		t.Errorf("answer does not say what is uncertain:\n%s", adv.Answer)
	}
	if !strings.HasSuffix(adv.Answer, disclaimer) {
		t.Errorf("answer does not end with the disclaimer")
	}
}

func TestModelFailuresAreErrors(t *testing.T) {
	kb := groundKB()
	boom := errors.New("service down")
	for _, c := range []struct {
		name  string
		reply FakeReply
		want  error
	}{
		{"stream error", FakeReply{Text: "写了一半", Err: boom}, boom},
		{"cut at the length limit", FakeReply{Text: "写了一半", Finish: "length"}, ErrModelTruncated},
		{"content filter", FakeReply{Text: "x", Finish: "content_filter"}, ErrModelFiltered},
		{"nothing left after the check", FakeReply{Text: "《干部免责法》第一条[P8]"}, ErrModelEmpty},
		{"only a disclaimer", FakeReply{Text: disclaimer}, ErrModelEmpty},
	} {
		t.Run(c.name, func(t *testing.T) {
			chat := &FakeChat{Assessments: []FakeReply{{Text: goodReading}}, Answers: []FakeReply{c.reply}}
			var logs bytes.Buffer
			_, err := newWriter(kb, chat, &logs).Answer(context.Background(), modelReadingFor(kb, modelCase, rulesFacts()), Advice{}, nil)
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}

// The advisor falls back to its offline answer, with its notice, when the
// model fails.
func TestAdvisorFallsBackWhenTheModelFails(t *testing.T) {
	kb := groundKB()
	chat := &FakeChat{Assessments: []FakeReply{{Text: goodReading}, {Text: goodReading}}, Answers: []FakeReply{{Err: errors.New("HTTP 500")}}}
	var logs bytes.Buffer
	a := New(knowledge.NewIndex(kb), Options{Model: newWriter(kb, chat, &logs)})
	adv, err := a.Advise(context.Background(), Question{Text: "《中国共产党问责条例》第十七条规定了什么？"})
	if err != nil {
		t.Fatal(err)
	}
	if !modelWrites(adv.Intent) {
		t.Fatalf("the question was read as %q, which the model does not write; pick another", adv.Intent)
	}
	if adv.Mode != ModeOffline || !strings.Contains(adv.Answer, "智能问答服务暂时不可用") || !strings.Contains(adv.Usage.Fallback, "HTTP 500") {
		t.Errorf("mode %q, fallback %q, answer:\n%s", adv.Mode, adv.Usage.Fallback, adv.Answer)
	}
}

func TestNoticesStayAtTheTop(t *testing.T) {
	kb := groundKB()
	r := modelReadingFor(kb, modelCase, rulesFacts())
	r.Notes = []string{"您的问题较长，以下仅根据前 2000 字作答。"}
	offline := Advice{Answer: r.Notes[0] + "\n\n**初步判断**：离线", Note: r.Notes[0]}
	chat := &FakeChat{Assessments: []FakeReply{{Text: goodReading}}, Answers: []FakeReply{{Text: "**初步判断**：可以申请[P1]。"}}}
	var logs bytes.Buffer
	var last string
	adv, err := newWriter(kb, chat, &logs).Answer(context.Background(), r, offline, func(s string) { last = s })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(adv.Answer, r.Notes[0]+"\n\n**初步判断**") || !strings.HasPrefix(last, r.Notes[0]) || adv.Note != r.Notes[0] {
		t.Errorf("answer:\n%s\nstreamed:\n%s", adv.Answer, last)
	}
}

func TestFinishAnswer(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"正文。", "正文。\n\n" + disclaimer},
		{"正文。\n\n*以上仅为参考，最终由纪检监察机关认定。*", "正文。\n\n" + disclaimer},
		{"正文。\n\n以上为参考意见。", "正文。\n\n" + disclaimer},
		{"正文。\n\n请参考第十七条的规定办理。", "正文。\n\n请参考第十七条的规定办理。\n\n" + disclaimer},
		{"正文。\n\n" + disclaimer + "\n\n补充。\n\n**" + disclaimer + "**", "正文。\n\n补充。\n\n" + disclaimer},
	} {
		if got := finishAnswer(c.in, nil); got != c.want {
			t.Errorf("finishAnswer(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := finishAnswer("正文，需要核实。", []string{"某项不一致"}); strings.Contains(got, "不确定之处") {
		t.Errorf("uncertainty added twice: %q", got)
	}
}

func TestParseReading(t *testing.T) {
	seen := flatSpace(modelCase)
	id := func(s string) string { return s }
	good := [3]string{"motive", "favourable", "为了让重点招商项目尽快开工"}
	for _, c := range []struct {
		name       string
		raw        string
		ok         bool
		ungrounded int
	}{
		{"valid", goodReading, true, 0},
		{"code fence", "```json\n" + goodReading + "\n```", true, 0},
		{"not JSON", "{", false, 0},
		{"unknown key", readingJSON("needs_more_facts", [3]string{"luck", "favourable", "为了"}), false, 0},
		{"unknown status", readingJSON("needs_more_facts", [3]string{"motive", "good", "为了"}), false, 0},
		{"twice", readingJSON("needs_more_facts", good, good), false, 0},
		{"decided without evidence", readingJSON("needs_more_facts", [3]string{"motive", "favourable", ""}), false, 0},
		{"evidence not in the account", readingJSON("needs_more_facts", [3]string{"motive", "favourable", "一心为民"}), true, 1},
		{"not_tolerable without a negative item", readingJSON("not_tolerable", good), false, 0},
		{"likely_tolerable with a critical unknown", readingJSON("likely_tolerable", good), false, 0},
		{"needs_more_facts with a negative item", readingJSON("needs_more_facts", [3]string{"private_gain", "unfavourable", "先办了施工手续"}), false, 0},
		{"unknown verdict", readingJSON("maybe", good), false, 0},
		{"bad follow-up", `{"criteria":[],"verdict":"needs_more_facts","follow_up":[{"key":"motive","question":"","if_yes":"favourable"}],"uncertain":[]}`, false, 0},
	} {
		facts, _, ungrounded, err := parseReading(c.raw, id, seen)
		if (err == nil) != c.ok || ungrounded != c.ungrounded {
			t.Errorf("%s: err %v, ungrounded %d", c.name, err, ungrounded)
		}
		if c.ungrounded > 0 && facts["motive"].Status != "" {
			t.Errorf("%s: ungrounded evidence kept: %+v", c.name, facts["motive"])
		}
	}
}

func TestMergeFacts(t *testing.T) {
	fav := func(e string) assess.Fact { return assess.Fact{Status: assess.Favourable, Evidence: e} }
	unf := func(e string) assess.Fact { return assess.Fact{Status: assess.Unfavourable, Evidence: e} }
	rules := assess.Facts{
		assess.PrivateGain: fav("没收好处"),
		assess.ExplicitBan: unf("上级明令禁止"),
		assess.Motive:      fav("为了项目"),
		assess.Remedy:      {Status: assess.Favourable, Evidence: "事后是否已经补救？", Answered: true},
	}
	model := assess.Facts{
		assess.PrivateGain: unf("收了两条烟"),
		assess.ExplicitBan: fav("没有禁止"),
		assess.Motive:      unf("为了政绩"),
		assess.Remedy:      unf("没有补救"),
		assess.Nature:      fav("无意"),
		assess.Inaction:    fav("没有推诿"),
	}
	got, notes := mergeFacts(rules, model)
	want := map[string]assess.Status{
		assess.PrivateGain: assess.Unfavourable, // model stricter on the negative list
		assess.ExplicitBan: assess.Unfavourable, // rules stricter on the negative list
		assess.Motive:      assess.Unknown,      // read both ways: ask
		assess.Remedy:      assess.Favourable,   // an explicit answer stands
		assess.Nature:      assess.Favourable,   // the rules had nothing
		assess.Inaction:    assess.Favourable,
	}
	for k, st := range want {
		if got[k].Status != st {
			t.Errorf("%s: %q, want %q", k, got[k].Status, st)
		}
	}
	if len(notes) != 3 {
		t.Errorf("notes %q, want one per disagreement (private gain, ban, motive)", notes)
	}
}

// No personal detail reaches the model, in any call; the reply the user sees
// has them back.
func TestNoPersonalDetailReachesTheModel(t *testing.T) {
	kb := groundKB()
	details := []string{"13812345678", "0571-87654321", "11010519491231002X", "6222021234567890123", "zhang.wei@example.gov.cn", "苏A12345", "张伟", "青山镇人民政府"}
	caseText := "我是青山镇人民政府副镇长张伟，手机13812345678，办公室0571-87654321，身份证11010519491231002X。" +
		"经镇党委会集体研究先办了施工手续。张伟送了我两条烟？不，是企业老板托人把卡号6222021234567890123的卡给我，我退回了。" +
		"邮箱zhang.wei@example.gov.cn，车牌苏A12345。"
	facts := assess.Facts{
		assess.Procedure: {Status: assess.Favourable, Evidence: "经镇党委会集体研究"},
		assess.Motive:    {Status: assess.Unknown},
		assess.Remedy:    {Status: assess.Favourable, Evidence: "卡号6222021234567890123的卡给我，我退回了", Answered: true},
	}
	// The model sees placeholders and quotes them back as evidence.
	reading := readingJSON("not_tolerable", [3]string{"private_gain", "unfavourable", "〔人名1〕送了我两条烟"})
	chat := &FakeChat{Assessments: []FakeReply{{Text: reading}}} // the answer echoes its prompt
	var logs bytes.Buffer
	adv, err := newWriter(kb, chat, &logs, "张伟", "青山镇人民政府").Answer(context.Background(), modelReadingFor(kb, caseText, facts), Advice{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := chat.Calls()
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	for i, c := range calls {
		for _, m := range c.Messages {
			for _, d := range details {
				if strings.Contains(m.Content, d) {
					t.Errorf("call %d (%s) sent %q", i, m.Role, d)
				}
			}
		}
	}
	answerPrompt := calls[1].Messages[1].Content
	for _, p := range []string{"〔人名1〕", "〔单位1〕", "〔电话1〕", "〔电话2〕", "〔身份证号1〕", "〔银行卡号1〕", "〔邮箱1〕", "〔车牌1〕"} {
		if !strings.Contains(answerPrompt, p) {
			t.Errorf("answer prompt lacks placeholder %s", p)
		}
	}
	for _, d := range details {
		if !strings.Contains(adv.Answer, d) {
			t.Errorf("the reply the user sees lacks %q", d)
		}
	}
	if adv.Facts[assess.PrivateGain].Evidence != "张伟送了我两条烟" {
		t.Errorf("evidence not restored: %+v", adv.Facts[assess.PrivateGain])
	}
	if !strings.Contains(adv.Usage.Check, "redacted=8") {
		t.Errorf("check %q", adv.Usage.Check)
	}
}

// The model's structured output is outside input: whatever it is, parsing
// neither panics nor lets through a fact whose evidence the cadre never said.
func FuzzParseReading(f *testing.F) {
	f.Add(goodReading)
	f.Add(readingJSON("not_tolerable", [3]string{"private_gain", "unfavourable", "没收企业任何好处"}))
	f.Add(`{"criteria":[{"key":"motive","status":"favourable","evidence":"x"}],"verdict":"likely_tolerable"}`)
	f.Add("```json\n{}\n```")
	seen := flatSpace(modelCase)
	f.Fuzz(func(t *testing.T, raw string) {
		facts, _, _, err := parseReading(raw, func(s string) string { return s }, seen)
		if err != nil {
			return
		}
		for k, fact := range facts {
			if !slices.Contains(criterionKeys, k) || !strings.Contains(seen, flatSpace(fact.Evidence)) || fact.Evidence == "" {
				t.Fatalf("accepted %s = %+v from %q", k, fact, raw)
			}
		}
	})
}

// Evidence the cadre never wrote is dropped from the model's reading and
// counted in the usage record, so reviewers see a model that misquotes.
func TestUngroundedEvidenceIsCounted(t *testing.T) {
	kb := groundKB()
	reading := readingJSON("needs_more_facts",
		[3]string{"motive", "favourable", "为了让重点招商项目尽快开工"},
		[3]string{"remedy", "favourable", "第一时间全额挽回了损失"})
	chat := &FakeChat{Assessments: []FakeReply{{Text: reading}}, Answers: []FakeReply{{Text: "**初步判断**：还需要补充事实[P1]。"}}}
	var logs bytes.Buffer
	adv, err := newWriter(kb, chat, &logs).Answer(context.Background(), modelReadingFor(kb, modelCase, rulesFacts()), Advice{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(adv.Usage.Check, "assessment=model ungrounded_evidence=1") {
		t.Errorf("check %q does not count the misquoted evidence", adv.Usage.Check)
	}
	if adv.Facts[assess.Remedy].Status != "" {
		t.Errorf("misquoted evidence was used: %+v", adv.Facts[assess.Remedy])
	}
}

// timeoutErr is a service that did not answer in time, as the llm adapter
// and net.Error report it.
type timeoutErr struct{}

func (timeoutErr) Error() string { return "no reply within the timeout" }
func (timeoutErr) Timeout() bool { return true }

// A model too slow to read the case would be as slow to write the answer:
// the cadre gets the offline answer at once. Other failures of the reading
// leave the rules' reading and the model still writes.
func TestSlowAssessmentSkipsTheAnswerCall(t *testing.T) {
	kb := groundKB()
	var logs bytes.Buffer
	chat := &FakeChat{Assessments: []FakeReply{{Err: timeoutErr{}}}, Answers: []FakeReply{{Text: "**初步判断**：可以申请[P1]。"}}}
	_, err := newWriter(kb, chat, &logs).Answer(context.Background(), modelReadingFor(kb, modelCase, rulesFacts()), Advice{}, nil)
	if !errors.Is(err, timeoutErr{}) {
		t.Errorf("err = %v, want the timeout", err)
	}
	if n := len(chat.Calls()); n != 1 {
		t.Errorf("%d model calls after the assessment timed out, want 1", n)
	}

	chat = &FakeChat{Assessments: []FakeReply{{Err: errors.New("HTTP 400: tools not supported")}}, Answers: []FakeReply{{Text: "**初步判断**：可以申请[P1]。"}}}
	adv, err := newWriter(kb, chat, &logs).Answer(context.Background(), modelReadingFor(kb, modelCase, rulesFacts()), Advice{}, nil)
	if err != nil || adv.Mode != ModeLLM || !strings.Contains(adv.Usage.Check, "assessment=rules(error)") {
		t.Errorf("after a failed reading: mode %q, check %q, err %v", adv.Mode, adv.Usage.Check, err)
	}
}
