package advisor

import (
	"maps"
	"strings"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

var favourablePhrase = map[string]string{
	assess.Motive:      "出于推动工作的公心",
	assess.PrivateGain: "没有谋取私利",
	assess.ExplicitBan: "不属于上级明令禁止的做法",
	assess.Procedure:   "经过集体研究或按程序决策",
	assess.Conditions:  "存在缺乏经验、先行先试或客观条件限制等因素",
	assess.Nature:      "属于无意过失而非明知故犯",
	assess.Consequence: "没有造成严重后果",
	assess.Remedy:      "事后及时补救纠正",
	assess.Dissent:     "对错误决策明确提出了反对或改正意见",
}

var negativePhrase = map[string]string{
	assess.PrivateGain:   "涉及谋取私利——“三个区分开来”把为推动发展的无意过失同为谋取私利的违纪违法行为明确区分，后者不能容错",
	assess.ExplicitBan:   "属于上级明令禁止后仍然去做——“三个区分开来”把这种情形同探索性试验中的失误明确区分，不能容错",
	assess.EightRules:    "涉及违反中央八项规定精神的作风问题，不属于干事创业中的失误，不能以容错处理",
	assess.Inaction:      "属于推诿扯皮、敷衍塞责或不作为，不是担当作为中的失误，容错机制不保护",
	assess.Concealment:   "涉及隐瞒不报或弄虚作假，这本身就是违纪行为，不能容错，还可能从重处理",
	assess.MajorAccident: "造成了重特大安全事故、严重环境污染或群体性事件一类的后果，多地办法明确不予容错",
	assess.Repeat:        "属于重复出现同样的失误，多地办法规定一般不得从轻、减轻或免予追责",
	assess.Procedure:     "属于个人专断、规避集体决策并造成了损失——“拍脑袋”决策一般不能容错，决策严重失误的还可能被倒查责任",
}

func (a *Advisor) composeAssessment(r *Reading, adv *Advice) string {
	as := r.Assessment
	adv.Verdict = as.Verdict
	adv.Criteria = as.Criteria
	for _, f := range as.FollowUps {
		adv.FollowUp = append(adv.FollowUp, f.Question)
	}
	adv.FollowUps = as.FollowUps
	var b answerBuilder

	// 初步判断
	switch as.Verdict {
	case assess.LikelyTolerable:
		lines := []string{"**初步判断：倾向于可以容错免责或从轻处理。**",
			"关键在于：" + joinPhrases(favourableKeys(as), keyPhrases(as)) + "。"}
		if p := r.Precedent; p != nil {
			lines = append(lines, "您讲的情况还缺一项关键事实，但与"+p.c.Region+"（"+p.c.Year+"）的案例高度相近（"+
				phrases(p.shared, a.factors(p.c))+"），该案的处理结果是"+p.c.Outcome+"。")
		}
		if p := presumptionLine(as); p != "" {
			lines = append(lines, p)
		}
		b.para(lines...)
	case assess.NotTolerable:
		lines := []string{"**初步判断：倾向于不属于容错范围。**"}
		for _, c := range as.Negative {
			lines = append(lines, "您提到"+quoteEvidence(c.Evidence)+"，"+negativePhrase[c.Key]+"。")
		}
		lines = append(lines, "不过，如实说明问题、主动挽回损失、配合调查等，仍可以依规争取从轻或减轻处理。")
		b.para(lines...)
	case assess.NeedsMoreFacts:
		if len(as.FollowUps) == 0 {
			// Nothing left to ask: the facts pull both ways.
			lines := []string{"**初步判断：情况有利有弊，需要组织综合研判。**"}
			for _, c := range as.Criteria {
				if c.Status == assess.Unfavourable {
					lines = append(lines, "不利的是"+c.Label+"：您提到"+quoteEvidence(c.Evidence)+"。")
				}
			}
			if keys := favourableKeys(as); len(keys) > 0 {
				lines = append(lines, "有利的是："+joinPhrases(keys, favourablePhrase)+"。")
			}
			b.para(lines...)
			break
		}
		fallthrough
	default:
		var missing []string
		for _, f := range as.FollowUps {
			missing = append(missing, assess.Label(f.Key))
		}
		lines := []string{"**初步判断：目前还不能下结论，需要补充几个关键事实。**"}
		for _, c := range as.Conflicting {
			lines = append(lines, "您对“"+c.Label+"”的说法前后不一致（"+c.Evidence+"），请在下面确认。")
		}
		if leansTolerable(as) {
			// What is known all speaks for the cadre: say so, and what is left.
			lines[0] = "**初步判断：从已知情况看有利于容错，还需确认" + strings.Join(missing, "、") + "。**"
		}
		if len(missing) > 0 {
			lines = append(lines, "决定结论的是："+strings.Join(missing, "、")+"。请回答下面的问题，我会据此更新判断。")
		}
		for _, c := range as.Criteria {
			if c.Status == assess.Unfavourable && c.Key == assess.Procedure {
				lines = append(lines, "另外，您提到"+quoteEvidence(c.Evidence)+"，个人决定、未经集体研究一般会明显不利于容错认定。")
			}
		}
		b.para(lines...)
	}

	// 依据: the governing provisions first (see governing.go), two to four.
	cites := a.selectCitations(r, 4)
	b.para(a.citationSection(r, cites, adv)...)

	// 逐项分析: what is known, one line each; what is not, on one line.
	lines := []string{"**逐项分析**"}
	var unknown []string
	for _, c := range as.Criteria {
		if c.Status == assess.Unknown {
			unknown = append(unknown, c.Label)
			continue
		}
		lines = append(lines, "- "+criterionLine(c))
	}
	if len(unknown) > 0 {
		lines = append(lines, "- ❓ 尚不清楚："+strings.Join(unknown, "、"))
	}
	b.para(lines...)

	// 类似案例
	b.para(a.caseSection(r, adv, casePreference(as.Verdict))...)

	// 建议
	b.para(adviceSection(as)...)
	b.para(disclaimer)
	return b.String()
}

// presumptionLine states what a likely_tolerable verdict presumes because
// the cadre did not mention it.
func presumptionLine(as assess.Assessment) string {
	if len(as.Presumed) == 0 {
		return ""
	}
	var ps []string
	for _, c := range as.Presumed {
		ps = append(ps, c.Evidence)
	}
	return "以上判断的前提是：" + strings.Join(ps, "、") + "（您没有提到，请在下面确认）。"
}

// favourableKeys are the facts a likely_tolerable verdict turns on: the
// critical criteria, and the remedy when there was one.
// leansTolerable reports an assessment whose known facts all speak for the
// cadre, with at least two of the critical ones favourable.
func leansTolerable(as assess.Assessment) bool {
	critical := 0
	for _, c := range as.Criteria {
		if c.Status == assess.Unfavourable {
			return false
		}
		for _, k := range assess.CriticalKeys {
			if c.Key == k && c.Status == assess.Favourable {
				critical++
			}
		}
	}
	return critical >= 2
}

func favourableKeys(as assess.Assessment) []string {
	var keys []string
	for _, c := range as.Criteria {
		decisive := c.Key == assess.Remedy || c.Key == assess.Dissent
		for _, k := range assess.CriticalKeys {
			decisive = decisive || c.Key == k
		}
		if decisive && c.Status == assess.Favourable {
			keys = append(keys, c.Key)
		}
	}
	return keys
}

// keyPhrases is favourablePhrase with the procedure named for what the
// cadre told: a report made afterwards, an approval asked beforehand or an
// authorised plan, rather than a collective decision that was not told.
func keyPhrases(as assess.Assessment) map[string]string {
	ev := ""
	for _, c := range as.Criteria {
		if c.Key == assess.Procedure {
			ev = c.Evidence
		}
	}
	phrase := ""
	switch {
	case containsAny(ev, []string{"集体", "研究", "上会", "会议", "开会", "商量", "讨论", "表决", "会定", "会上"}):
	case containsAny(ev, []string{"报告", "汇报", "报备", "报了", "报上去", "说明情况", "说情况", "备案"}):
		phrase = "事后及时向组织作了报告"
	case containsAny(ev, []string{"请示", "同意", "批准", "批复", "审批", "点头"}):
		phrase = "事先请示并得到了同意"
	case containsAny(ev, []string{"方案", "部署", "按照", "依照"}):
		phrase = "按上级批准的方案执行"
	}
	if phrase == "" {
		return favourablePhrase
	}
	out := maps.Clone(favourablePhrase)
	out[assess.Procedure] = phrase
	return out
}

func joinPhrases(keys []string, phrases map[string]string) string {
	var out []string
	for _, k := range keys {
		out = append(out, phrases[k])
	}
	return strings.Join(out, "、")
}

// quoteEvidence renders evidence after 您提到: the cadre's words in quotes.
func quoteEvidence(e string) string {
	e = strings.TrimSpace(e)
	switch {
	case e == "":
		return "的情况"
	case strings.HasPrefix(e, "回答"):
		// An answered follow-up: 您提到 becomes 您回答“…？”：是.
		return "的情况（您" + e + "）"
	}
	return "“" + e + "”"
}

func criterionLine(c assess.Criterion) string {
	switch c.Status {
	case assess.Favourable:
		return "✅ " + c.Label + "：" + evidenceText(c.Evidence)
	case assess.Unfavourable:
		return "❌ " + c.Label + "：" + evidenceText(c.Evidence)
	}
	return "❓ " + c.Label + "：尚不清楚"
}

func evidenceText(e string) string {
	if strings.TrimSpace(e) == "" {
		return "（无原话）"
	}
	switch {
	case strings.HasPrefix(e, "回答"):
		return "您" + e
	case strings.HasPrefix(e, "您") || strings.HasPrefix(e, "由") || strings.Contains(e, "推定"):
		return e
	}
	return "您提到“" + e + "”"
}

// casePreference says which outcomes to show first for a verdict.
func casePreference(v assess.Verdict) func(outcome string) int {
	return func(outcome string) int {
		rejected := outcome == knowledge.OutcomeRejected
		switch v {
		case assess.NotTolerable:
			if rejected {
				return 0
			}
			return 1
		case assess.LikelyTolerable:
			// Only a reported tolerance is a precedent for one.
			if !knowledge.ToleratedOutcome(outcome) {
				return 1
			}
			return 0
		}
		return 0
	}
}

func adviceSection(as assess.Assessment) []string {
	lines := []string{"**建议**"}
	switch as.Verdict {
	case assess.LikelyTolerable:
		lines = append(lines,
			"- 申请：向作出问责或正在调查的机关（通常是纪检监察机关或问责机关）书面提出容错申请；多地办法要求在处理决定作出前提出，具体以当地容错办法为准。",
			"- 准备：集体研究的会议纪要或记录、请示报告及批复、当时的政策文件、补救和整改材料，以及未谋取私利的情况说明。",
			"- 如实说明事情经过，不回避问题，不夸大也不隐瞒。")
	case assess.NotTolerable:
		lines = append(lines,
			"- 如实向组织说明情况，主动交代、配合调查；这些是党纪和政务处分中可以从轻或减轻的情节。",
			"- 主动退赔违纪违法所得、挽回损失、消除不良影响。",
			"- 不要隐瞒、串供或弄虚作假，否则会从重处理。")
	default:
		var missing []string
		for _, f := range as.FollowUps {
			missing = append(missing, assess.Label(f.Key))
		}
		check := "- 先核实尚不清楚的关键事实"
		if len(missing) > 0 {
			check += "（" + strings.Join(missing, "、") + "）"
		}
		lines = append(lines,
			check+"：可查会议纪要、请示批复和当时的文件规定。",
			"- 如情况符合容错条件，可向作出问责或正在调查的机关书面提出容错申请，并附会议纪要、请示报告、补救材料等。")
	}
	lines = append(lines, "- 纠错：无论能否容错，都要整改到位——补办手续、补齐材料、采取补救措施，今后类似情形事先请示报备。")
	return lines
}

// ---- citations ----
