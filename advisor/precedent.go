package advisor

import (
	"strings"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// Case-based reasoning: the same extractor that reads the cadre's words reads
// every case's facts, so a case and a question are compared factor by factor.
// The answer shows, for the closest case, what it shares with the cadre's
// story and what differs ("与该案相同的是…；不同的是…"). A close precedent may
// settle a needs_more_facts verdict, only when the evidence is strong, and
// never against a negative-list fact.

// comparedKeys are the criteria a comparison looks at, in order.
var comparedKeys = []string{assess.Motive, assess.PrivateGain, assess.ExplicitBan, assess.Procedure,
	assess.Conditions, assess.Nature, assess.Consequence, assess.Remedy, assess.EightRules,
	assess.Inaction, assess.Concealment, assess.MajorAccident, assess.Repeat}

// caseFactors reads a case's facts with the extractor.
func caseFactors(c *knowledge.Case) assess.Facts {
	f := assess.Extract(c.Facts)
	for k, v := range f {
		if v.Inferred || v.Status == assess.Unknown {
			delete(f, k)
		}
	}
	return f
}

// comparison is how a case relates to the cadre's story.
type comparison struct {
	c        *knowledge.Case
	shared   []string // keys stated the same way in both
	differ   []string // keys stated differently
	caseOnly []string // keys the case states and the cadre does not
}

func (a *Advisor) compare(r *Reading, c *knowledge.Case) comparison {
	cf := a.factors(c)
	cmp := comparison{c: c}
	for _, k := range comparedKeys {
		mine, theirs := definite(r.Facts[k]), cf[k].Status
		if k == assess.Motive && r.Facts[k].Inferred {
			mine = assess.Unknown
		}
		switch {
		case theirs == assess.Unknown || theirs == "":
		case mine == assess.Unknown:
			cmp.caseOnly = append(cmp.caseOnly, k)
		case mine == theirs:
			cmp.shared = append(cmp.shared, k)
		default:
			cmp.differ = append(cmp.differ, k)
		}
	}
	return cmp
}

// definite is a fact's status when the cadre stated it, or said what it
// was inferred from (来不及开会 → urgency); a public purpose presumed from
// the mere mention of work is not stated.
func definite(f assess.Fact) assess.Status {
	if f.Status != assess.Favourable && f.Status != assess.Unfavourable {
		return assess.Unknown
	}
	return f.Status
}

// factors returns a case's factors, read once per advisor.
func (a *Advisor) factors(c *knowledge.Case) assess.Facts {
	if f, ok := a.caseFacts[c.ID]; ok {
		return f
	}
	return caseFactors(c)
}

// strongPrecedent returns a real case with a reported outcome of tolerance
// that matches the story closely: at least three factors stated the same
// way, none stated differently, every mitigating factor of the case present in
// the story too, and a public purpose on both sides. nil when there is none.
func (a *Advisor) strongPrecedent(r *Reading) *comparison {
	as := r.Assessment
	if as.Verdict != assess.NeedsMoreFacts || len(as.Negative) > 0 || len(as.Conflicting) > 0 ||
		r.Facts[assess.Motive].Status != assess.Favourable {
		return nil
	}
	for _, h := range r.Cases {
		c := h.Case
		if c.Illustrative || !c.Tolerated() {
			continue
		}
		cmp := a.compare(r, c)
		if len(cmp.shared) < 3 || len(cmp.differ) > 0 {
			continue
		}
		missing := false
		for _, k := range cmp.caseOnly {
			for _, m := range assess.MitigatingKeys {
				if k == m && a.factors(c)[k].Status == assess.Favourable {
					missing = true
				}
			}
		}
		if !missing {
			return &cmp
		}
	}
	return nil
}

// statedPhrase says how a criterion stands, for a comparison line.
var statedPhrase = map[string][2]string{ // favourable, unfavourable
	assess.Motive:        {"出于公心", "不是出于公心"},
	assess.PrivateGain:   {"没有谋取私利", "谋取了私利"},
	assess.ExplicitBan:   {"没有明令禁止", "违反了明令禁止"},
	assess.Procedure:     {"经集体研究或按程序决策", "未经集体研究或规定程序"},
	assess.Conditions:    {"有客观条件限制或属先行先试", "没有特殊客观条件"},
	assess.Nature:        {"属于无意过失", "属于明知故犯"},
	assess.Consequence:   {"没有造成严重后果", "造成了损失或不良后果"},
	assess.Remedy:        {"事后补救、挽回了损失", "没有补救"},
	assess.EightRules:    {"不涉及作风问题", "违反中央八项规定精神"},
	assess.Inaction:      {"没有推诿不作为", "推诿扯皮、不作为"},
	assess.Concealment:   {"如实报告", "隐瞒或造假"},
	assess.MajorAccident: {"没有造成重大事故", "造成了重大事故或严重污染"},
	assess.Repeat:        {"属于初犯", "重复犯同样的错误"},
}

func phrase(key string, st assess.Status) string {
	p := statedPhrase[key]
	if st == assess.Unfavourable {
		return p[1]
	}
	return p[0]
}

// line writes the comparison: 与该案相同的是…；不同的是…。
func (cmp comparison) line(r *Reading, cf assess.Facts) string {
	var same, diff []string
	for _, k := range cmp.shared {
		same = append(same, phrase(k, cf[k].Status))
	}
	for _, k := range cmp.differ {
		diff = append(diff, "该案"+phrase(k, cf[k].Status)+"，您的情况是"+phrase(k, definite(r.Facts[k])))
	}
	for _, k := range cmp.caseOnly {
		diff = append(diff, "该案"+phrase(k, cf[k].Status)+"（您没有提到）")
	}
	if len(same) == 0 && len(diff) == 0 {
		return ""
	}
	var b strings.Builder
	if len(same) > 0 {
		b.WriteString("与该案相同的是：" + strings.Join(same, "、"))
	}
	if len(diff) > 0 {
		if b.Len() > 0 {
			b.WriteString("；")
		}
		b.WriteString("不同的是：" + strings.Join(diff, "；"))
	}
	b.WriteString("。")
	return b.String()
}

// phrases joins the phrases of keys as a case states them.
func phrases(keys []string, cf assess.Facts) string {
	var out []string
	for _, k := range keys {
		out = append(out, phrase(k, cf[k].Status))
	}
	return strings.Join(out, "、")
}
