package advisor

import (
	"context"
	"strings"
	"testing"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

const precedentDoc = `---
id: doc-x
kind: document
title: 中国共产党问责条例
short: 问责条例
issuer: 中共中央
level: 党内法规
effective: 2019-09
status: 现行
region: 全国
verification: unverified
---

第十七条 有下列情形之一的，可以不予问责或者免予问责：推进改革中因缺乏经验出现的失误，防汛抢险中未经集体研究但及时处置的失误。
`

func precedentCase(outcome, illustrative, facts string) string {
	return `---
id: case-x
kind: case
title: 某镇防汛调用资金抢修堤坝案
region: 某省某镇
year: 2021
field: 应急处置
outcome: ` + outcome + `
criteria: 动机态度
source: https://example.org/case
illustrative: ` + illustrative + `
verification: verified
---

## 事实

` + facts + `

## 处理

纪委认定。

## 理由

防汛抢险。
`
}

func precedentAdvisor(t *testing.T, caseText string) *Advisor {
	t.Helper()
	kb, problems := knowledge.LoadTexts(map[string]string{"doc-x": precedentDoc, "case-x": caseText}, "", "")
	if kb == nil || len(kb.Cases) != 1 {
		t.Fatalf("test knowledge base: %v", problems)
	}
	return New(knowledge.NewIndex(kb), Options{})
}

// A story that lacks the procedure, matched by a real case with the same
// facts that was tolerated, is settled by it; a weaker match, an
// illustrative case, a case whose outcome nobody reported or a negative-list
// fact leaves the verdict alone.
func TestPrecedentSettlesOnlyWhenStrong(t *testing.T) {
	story := "为了防汛抢修堤坝，未经集体研究就调用了资金，没有造成损失，我一分钱没拿。能容错吗"
	facts := "为了防汛抢修堤坝，镇长未经集体研究就调用了资金，没有造成损失，本人一分钱没拿。"
	ask := func(a *Advisor, q string) (Advice, *Reading) {
		adv, r, err := a.AdviseReading(context.Background(), Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return adv, r
	}

	plain := precedentAdvisor(t, precedentCase("不予容错", "false", "镇里召开会议。"))
	if adv, _ := ask(plain, story); adv.Verdict != assess.NeedsMoreFacts {
		t.Fatalf("without a precedent: %s, want needs_more_facts", adv.Verdict)
	}

	a := precedentAdvisor(t, precedentCase("容错免责", "false", facts))
	adv, r := ask(a, story)
	if adv.Verdict != assess.LikelyTolerable || r.Precedent == nil || r.Precedent.c.ID != "case-x" {
		t.Fatalf("with a close tolerated precedent: %s, precedent %v", adv.Verdict, r.Precedent)
	}
	if !strings.Contains(adv.Answer, "高度相近") || !strings.Contains(adv.Answer, "与该案相同的是") {
		t.Errorf("the answer does not name the precedent and what it shares:\n%s", adv.Answer)
	}

	for name, c := range map[string]string{
		"illustrative": precedentCase("容错免责", "true", facts+"（示例）"),
		"unreported":   precedentCase(knowledge.OutcomeUnreported, "false", facts),
		"weak":         precedentCase("容错免责", "false", "为了防汛抢修堤坝，镇长调用了资金。"),
	} {
		if adv, _ := ask(precedentAdvisor(t, c), story); adv.Verdict != assess.NeedsMoreFacts {
			t.Errorf("%s case settled the verdict: %s", name, adv.Verdict)
		}
	}
	if adv, _ := ask(a, story+"后来施工队老板送了我两万块钱。"); adv.Verdict != assess.NotTolerable {
		t.Errorf("a precedent overrode a negative-list fact: %s", adv.Verdict)
	}
}
