package advisor

import (
	"strings"
	"testing"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

func TestCaseLineTellsWhatTheSourceSays(t *testing.T) {
	unreported := &knowledge.Case{Region: "江苏溧阳上兴镇", Year: "2016", Outcome: knowledge.OutcomeUnreported,
		Facts: "2016年，溧阳上兴镇为扶持产业，购买中草药苗和设备时没有进行招标。", Reasons: "报道未说明。", Verification: knowledge.Partial}
	line := caseLine(unreported)
	if !strings.Contains(line, "处理结果：未见公开报道") || strings.Contains(line, "结果：容错") || strings.Contains(line, "理由：理由") {
		t.Errorf("unreported case: %s", line)
	}
	untraced := &knowledge.Case{Region: "湖北阳新王英镇", Year: "2020", Outcome: knowledge.OutcomeRejected,
		Facts: "村干部中午饮酒。", Reasons: "违反工作纪律。", Verification: knowledge.Unverified}
	if line := caseLine(untraced); !strings.Contains(line, "结果：不予容错") || !strings.Contains(line, "来源未能核实") {
		t.Errorf("case without a traceable source: %s", line)
	}
	ill := &knowledge.Case{Title: "【示例】先建后批", Region: "某县（示例）", Outcome: knowledge.OutcomeLighter, Illustrative: true,
		Facts: "未批先建。", Verification: knowledge.Unverified}
	if line := caseLine(ill); strings.Count(line, "【示例】") != 1 || strings.Contains(line, "来源未能核实") {
		t.Errorf("illustrative case: %s", line)
	}
}

// A case whose outcome nobody reported is no precedent for tolerance: a
// likely-tolerable answer shows reported tolerances first.
func TestUnreportedOutcomeIsNotATolerancePrecedent(t *testing.T) {
	pref := casePreference(assess.LikelyTolerable)
	if pref(knowledge.OutcomeUnreported) <= pref(knowledge.OutcomeExempt) || pref(knowledge.OutcomeUnreported) <= pref(knowledge.OutcomeReduced) {
		t.Error("an unreported outcome ranks with the tolerated precedents")
	}
	pref = casePreference(assess.NotTolerable)
	if pref(knowledge.OutcomeUnreported) <= pref(knowledge.OutcomeRejected) {
		t.Error("an unreported outcome ranks with the refusals")
	}
}

func TestParaphraseIsMarkedOnce(t *testing.T) {
	p := &knowledge.Provision{ID: "wzcl#7", Document: "中国共产党问责条例", Article: "第七条", Number: 7,
		Text: "（概述，条文原文待核对）本条列举应当予以问责的十一类情形。"}
	line := citationLine(p, quotation{Text: p.Text})
	if strings.Count(line, "待核对") != 1 || !strings.Contains(line, "本条列举") {
		t.Errorf("citation line: %s", line)
	}
}

// The local measures are listed without a dangling 、 before 等.
func TestLocalMeasuresListEnds(t *testing.T) {
	a := embedded(t)
	got := a.localMeasures()
	if strings.Contains(got, "、等") || strings.HasSuffix(got, "、") {
		t.Errorf("local measures: %s", got)
	}
}

// The key phrase of a likely-tolerable answer names the procedure the cadre
// told, not a collective decision no one mentioned.
func TestKeyPhraseNamesTheProcedureTold(t *testing.T) {
	for _, tc := range []struct{ text, want, not string }{
		{"疫情期间为了保供应，没走招标直接采购了一批物资，事后向县里作了报告", "事后及时向组织作了报告", "集体研究"},
		{"台风来前几个小时，我电话请示了书记同意后，直接找超市买了帐篷", "事先请示并得到了同意", "集体研究"},
		{"经镇党委会集体研究先办了施工手续，没收任何好处", "经过集体研究", "事后及时"},
	} {
		as := assess.Assess(assess.Extract(tc.text))
		got := keyPhrases(as)[assess.Procedure]
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("%s: procedure phrase %q, want %q", tc.text, got, tc.want)
		}
	}
}
