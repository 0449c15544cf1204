package advisor

import (
	"strings"

	"rongcuo/knowledge"
)

// caseSection writes 类似案例 with up to three cases, preferring the outcomes
// that match the verdict, and fills adv.Cases.
func (a *Advisor) caseSection(r *Reading, adv *Advice, pref func(string) int) []string {
	hits := r.Cases
	if len(hits) == 0 {
		return nil
	}
	type ranked struct {
		c    *knowledge.Case
		rank int
	}
	var list []ranked
	for i, h := range hits {
		rank := pref(h.Case.Outcome)*100 + i
		if h.Case.Illustrative {
			// A real case is the better example when one is about as close.
			rank += 3
		}
		list = append(list, ranked{h.Case, rank})
	}
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].rank < list[j-1].rank; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
	n := 3
	if r.Intent != IntentAssessment {
		n = 1
	}
	lines := []string{"**类似案例**"}
	for i, x := range list {
		if i == n {
			break
		}
		c := x.c
		adv.Cases = append(adv.Cases, caseRef(c))
		line := "- " + caseLine(c)
		if i == 0 && r.Intent == IntentAssessment {
			// The closest case, compared factor by factor (precedent.go).
			if cmp := a.compare(r, c).line(r, a.factors(c)); cmp != "" {
				line += " " + cmp
			}
		}
		lines = append(lines, line)
	}
	if anyIllustrative(adv.Cases) {
		lines = append(lines, "（标“示例”的是为说明规则编写的示例，不是真实案例。）")
	}
	return lines
}

func caseLine(c *knowledge.Case) string {
	var b strings.Builder
	if c.Illustrative {
		b.WriteString("【示例】")
	}
	b.WriteString(c.Region)
	if c.Year != "" {
		b.WriteString("（" + c.Year + "）")
	}
	b.WriteString("：")
	b.WriteString(summary(c.Facts, 70))
	if c.Outcome == knowledge.OutcomeUnreported {
		b.WriteString(" 处理结果：" + c.Outcome + "。")
	} else {
		b.WriteString(" 结果：" + c.Outcome + "。")
	}
	if c.Reasons != "" {
		b.WriteString("理由：" + summary(c.Reasons, 50))
	}
	if !c.Illustrative && c.Verification == knowledge.Unverified {
		b.WriteString("（来源未能核实）")
	}
	return b.String()
}

func anyIllustrative(cs []CaseRef) bool {
	for _, c := range cs {
		if c.Illustrative {
			return true
		}
	}
	return false
}

// caseRef is a case as an answer lists it.
func caseRef(c *knowledge.Case) CaseRef {
	return CaseRef{ID: c.ID, Title: c.Title, Region: c.Region, Outcome: c.Outcome, Year: c.Year, Illustrative: c.Illustrative}
}
