package advisor

import (
	"strings"
	"testing"
	"testing/fstest"

	"rongcuo/knowledge"
)

// An old article number is told its current number and text: firmly when
// the cadre names the old version, as a condition otherwise.
func TestOldArticleNumbersAreToldTheCurrentOne(t *testing.T) {
	a := embedded(t)
	cases := []struct{ q, want, not string }{
		{"2018年版监察法第四十九条规定的复审期限是多久？",
			"您提到的《监察法》第四十九条是2018年版的条文号，现为2024年修正后的第五十六条：“监察对象对监察机关作出的涉及本人的处理决定不服的", "如您指的是"},
		{"监察法第四十九条规定的复审期限是多久？",
			"如您指的是2018年版的第四十九条，现为2024年修正后的第五十六条：“", "您提到的"},
		{"旧版纪律处分条例第二十二条说的减轻处分是什么意思？",
			"您提到的《纪律处分条例》第二十二条是2018年版的条文号，现为2023年修订后的第二十三条：“减轻处分，是指", ""},
		{"问责条例第七条规定了哪些问责方式？",
			"如您指的是2016年版的第七条，现为2019年修订后的第八条：“", ""},
	}
	for _, c := range cases {
		adv := advise(t, a, c.q)
		if !strings.Contains(adv.Answer, c.want) || c.not != "" && strings.Contains(adv.Answer, c.not) {
			t.Errorf("%s\nwant %q\n%s", c.q, c.want, adv.Answer)
		}
	}
	// An article whose number did not change gets no note.
	if adv := advise(t, a, "问责条例第十七条是怎么规定的？"); strings.Contains(adv.Answer, "版本提示") {
		t.Errorf("a current number was given a note:\n%s", adv.Answer)
	}
}

// A date in the question says which version applied at the time.
func TestTheVersionInForceAtTheTimeOfTheAct(t *testing.T) {
	a := embedded(t)
	adv := advise(t, a, "我是副镇长，2017年为了招商项目尽快开工，经镇党委会集体研究先办了施工手续，没收任何好处，当时没有文件禁止。现在被问责，能容错吗？")
	if !strings.Contains(adv.Answer, "按行为发生时（2017年）有效的是《问责条例》的2016年版，本知识库未收录其全文") {
		t.Errorf("2017:\n%s", adv.Answer)
	}
	adv = advise(t, a, "2019年我为了招商项目尽快开工，经镇党委会集体研究先办了施工手续，没收任何好处，当时没有文件禁止。能容错吗？")
	if !strings.Contains(adv.Answer, "行为发生在2019年，2019年修订后的《问责条例》2019年9月起施行；行为在此之前的，适用2016年版") {
		t.Errorf("2019:\n%s", adv.Answer)
	}
	if got := actYear("2018年版监察法规定，我2019年做的事，2021年被查"); got != "2019" {
		t.Errorf("act year %q", got)
	}
}

// versionKB holds two versions of one law, as the law collection does: the
// article on appeals moved from 第二条 to 第三条 and changed its words.
func versionKB(t *testing.T) *Advisor {
	t.Helper()
	fsys := fstest.MapFS{
		"法律/某某监督法(2010-01-01).md": {Data: []byte("# 中华人民共和国某某监督法\n\n<!-- INFO END -->\n\n第一条 为了规范监督工作，制定本法。\n\n第二条 监督对象对处理决定不服的，可以在收到决定之日起十五日内申请复审。\n")},
		"法律/某某监督法(2020-06-01).md": {Data: []byte("# 中华人民共和国某某监督法\n\n<!-- INFO END -->\n\n第一条 为了规范监督工作，制定本法。\n\n第二条 监督机关应当公开监督规则。\n\n第三条 监督对象对处理决定不服的，可以在收到决定之日起一个月内申请复审。\n")},
	}
	kb, problems := knowledge.LoadFS(fsys, ".")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got := kb.Document("某某监督法(2020-06-01)").Renumbered; len(got) != 1 || got[0].Old != "第二条" || got[0].New != "第三条" {
		t.Fatalf("renumbered %+v", got)
	}
	return New(knowledge.NewIndex(kb), Options{})
}

func TestSupersededTextsSaySo(t *testing.T) {
	a := versionKB(t)
	old := a.ix.KB().Provision("某某监督法(2010-01-01)#2")
	note := supersededNote(a.ix.KB(), old)
	if note != "（注意：这是2010年版的条文，已被2020年修改后的《某某监督法》取代，现为第三条）" {
		t.Errorf("note %q", note)
	}
	var adv Advice
	adv.Citations = []Citation{}
	r := &Reading{Question: "监督法规定收到决定后十五日内申请复审", CaseText: "监督法规定收到决定后十五日内申请复审", Provisions: []knowledge.ProvisionHit{{Provision: old, Score: 1}}}
	lines := a.citationSection(r, []*knowledge.Provision{old}, &adv)
	if len(lines) != 2 || !strings.HasSuffix(lines[1], note) {
		t.Errorf("citation %q", lines)
	}
	if current := a.ix.KB().Current(old.Doc); current.ID != "某某监督法(2020-06-01)" || !current.InForce() || old.InForce() {
		t.Errorf("current version %s", current.ID)
	}
	// A date before the change: the old version applied, and it is held.
	cur := a.ix.KB().Provision("某某监督法(2020-06-01)#3")
	rd := &Reading{Question: "2015年我是监督对象，对处理决定不服，多少天内申请复审？", Provisions: []knowledge.ProvisionHit{{Provision: cur, Score: 1}}}
	want := "按行为发生时（2015年）有效的《某某监督法》（2010年版），对应条文为第二条，措辞与现行第三条不同，请以当时的文本为准。"
	if got := a.versionNotes(rd); !containsLine(got, want) {
		t.Errorf("versions %q\nwant %q", got, want)
	}
	// After the change, the version in force is the current one: nothing
	// to add for a law that the cadre does not date before it.
	rd.Question = "2023年我是监督对象，对处理决定不服，多少天内申请复审？"
	if got := a.versionNotes(rd); len(got) != 1 || !strings.Contains(got[0], "适用的就是2020年修改后的《某某监督法》") {
		t.Errorf("versions after the change %q", got)
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// A 款 verified in an unverified article is quoted word for word, named
// with its 款, and counts as verified; the rest stays a paraphrase.
func TestVerifiedParagraphIsQuoted(t *testing.T) {
	a := embedded(t)
	p := a.ix.KB().Provision("jlcf-2023#19")
	const q = "因为不可抗力造成了损失，还要追究党纪责任吗？"
	r := &Reading{Question: q, CaseText: q, Provisions: []knowledge.ProvisionHit{{Provision: p, Score: 1}}}
	adv := Advice{Citations: []Citation{}}
	lines := a.citationSection(r, []*knowledge.Provision{p}, &adv)
	want := "《中国共产党纪律处分条例》第十九条第三款：“党员行为虽然造成损失或者后果，但不是出于故意或者过失，而是由于不可抗力等原因所引起的，不追究党纪责任。”"
	if len(lines) != 2 || lines[1] != "- "+want {
		t.Errorf("citation %q\nwant %q", lines, want)
	}
	if len(adv.Citations) != 1 || !adv.Citations[0].Verified || !strings.Contains(p.Text, adv.Citations[0].Quote) {
		t.Errorf("citation of the verified 款: %+v", adv.Citations)
	}
	// A 款 not verified stays a paraphrase.
	if line := citationLine(p, quotation{Text: p.Paragraphs()[0]}); !strings.Contains(line, paraphraseMark) || strings.Contains(line, "第一款：“") {
		t.Errorf("an unverified 款 is quoted: %s", line)
	}
}

// A question about appealing a 问责 decision keeps the knowledge base's
// warning that the deadline is not verified; one about a 监察 decision does
// not get it.
func TestAccountabilityAppealDeadlineStaysUnverified(t *testing.T) {
	a := embedded(t)
	adv := advise(t, a, "我被问责了，对问责决定不服，多长时间内可以申诉？")
	for _, want := range []string{"问责决定的申诉期限，相关条文未核实", "不能直接套用到问责决定上"} {
		if !strings.Contains(adv.Answer, want) {
			t.Errorf("answer lacks %q:\n%s", want, adv.Answer)
		}
	}
	adv = advise(t, a, "对监察机关的处理决定不服，多长时间内可以申请复审？")
	if strings.Contains(adv.Answer, "不能直接套用到问责决定上") {
		t.Errorf("a 监察 question got the 问责 warning:\n%s", adv.Answer)
	}
}

// In model mode the answer, whatever the model wrote, carries the note on a
// cited replaced version, and the model was told what is in force.
func TestModelAnswerNamesTheVersionInForce(t *testing.T) {
	a := versionKB(t)
	kb := a.ix.KB()
	old := kb.Provision("某某监督法(2010-01-01)#2")
	r := &Reading{Question: "对处理决定不服多久可以申请复审", CaseText: "对处理决定不服多久可以申请复审", Intent: IntentProcedure,
		Provisions: []knowledge.ProvisionHit{{Provision: old, Score: 1}}}
	chat := &FakeChat{Answers: []FakeReply{{Text: "**程序**\n依照《中华人民共和国某某监督法》第二条[P1]，可以在收到决定之日起十五日内申请复审。\n\n" + disclaimer}}}
	w := NewModelWriter(kb, chat, ModelOptions{})
	adv, err := w.Answer(t.Context(), r, Advice{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(adv.Answer, "**版本提示**\n- 《中华人民共和国某某监督法》第二条注意：这是2010年版的条文，已被2020年修改后的《某某监督法》取代，现为第三条") {
		t.Errorf("answer:\n%s", adv.Answer)
	}
	// The article named with the marker of the old text is that text, not
	// the article numbered so in the version in force.
	if len(adv.Citations) != 1 || adv.Citations[0].ID != old.ID {
		t.Errorf("citations %+v", adv.Citations)
	}
	var prompt strings.Builder
	for _, c := range chat.Calls() {
		for _, m := range c.Messages {
			prompt.WriteString(m.Content)
		}
	}
	if !strings.Contains(prompt.String(), "已被取代，现行为2020年修改后的《某某监督法》第三条") {
		t.Error("the model was not told the version in force")
	}
}
