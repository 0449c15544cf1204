package advisor

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rongcuo/assess"
	"rongcuo/prompts"
)

// The model reads the cadre's account into the same criteria the rules use;
// the rules then decide. Its reading is validated (known keys and statuses,
// evidence quoted from the account, a verdict consistent with its own
// criteria); invalid output is asked for once more with what was wrong, then
// the rules' reading stands alone. Where the two readings differ on the
// negative list, the stricter wins: an item either finds present is present.
// Elsewhere a favourable reading against an unfavourable one leaves the
// criterion unknown, so the follow-up questions ask the cadre. Each such
// difference becomes a sentence the answer must show.

// criterionKeys in presentation order.
var criterionKeys = assess.Keys()

// criterionMeaning tells the model what each criterion asks.
var criterionMeaning = map[string]string{
	assess.Motive:        "出于公心、为推动工作为有利；为个人或小团体利益、为政绩造假为不利",
	assess.PrivateGain:   "没有谋取私利、没有收受财物好处为有利；为自己或亲友谋利、收受财物为不利",
	assess.ExplicitBan:   "当时没有上级明令禁止为有利；上级已明令禁止仍然去做为不利",
	assess.Procedure:     "经集体研究、请示报告、按程序决策为有利；个人专断、绕开程序为不利",
	assess.Conditions:    "缺乏经验、先行先试、政策不明、不可抗力或难以预见为有利；条件具备却仍出错为不利",
	assess.Nature:        "无意过失为有利；明知故犯、故意违规为不利",
	assess.Consequence:   "没有造成严重损失或不良影响为有利；造成较大损失或恶劣影响为不利",
	assess.Remedy:        "事后主动补救、纠正、挽回损失为有利；放任不管、不纠正为不利",
	assess.EightRules:    "出现违反中央八项规定精神的作风问题（公款吃喝、违规收礼、公车私用等）为不利，明确没有为有利",
	assess.Inaction:      "出现敷衍塞责、推诿扯皮、不作为为不利，明确没有为有利",
	assess.Concealment:   "出现隐瞒不报、弄虚作假、伪造或销毁证据为不利，明确没有为有利",
	assess.MajorAccident: "造成重特大安全事故、严重环境污染或群体性事件为不利，明确没有为有利",
	assess.Repeat:        "同样的失误重复出现为不利，明确是初次为有利",
}

var statuses = []string{string(assess.Favourable), string(assess.Unfavourable), string(assess.Unknown)}

// assessmentSchema is the JSON schema of the model's reading, in the strict
// form services accept (every property required, nothing else allowed).
var assessmentSchema = func() prompts.Schema {
	keyEnum := map[string]any{"type": "string", "enum": criterionKeys}
	obj := func(props map[string]any, required ...string) map[string]any {
		return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
	}
	str := map[string]any{"type": "string"}
	schema := obj(map[string]any{
		"criteria": map[string]any{"type": "array", "items": obj(map[string]any{
			"key":      keyEnum,
			"status":   map[string]any{"type": "string", "enum": statuses},
			"evidence": str,
		}, "key", "status", "evidence")},
		"verdict": map[string]any{"type": "string", "enum": []string{string(assess.LikelyTolerable), string(assess.NotTolerable), string(assess.NeedsMoreFacts)}},
		"follow_up": map[string]any{"type": "array", "items": obj(map[string]any{
			"key":      keyEnum,
			"question": str,
			"if_yes":   map[string]any{"type": "string", "enum": []string{string(assess.Favourable), string(assess.Unfavourable)}},
		}, "key", "question", "if_yes")},
		"uncertain": map[string]any{"type": "array", "items": str},
	}, "criteria", "verdict", "follow_up", "uncertain")
	b, err := json.Marshal(schema)
	if err != nil {
		panic(err)
	}
	return prompts.Schema{Name: "case_assessment", Description: "干部所述案情在容错纠错各项标准上的判断", JSON: b}
}()

// modelReading is the model's structured output.
type modelReading struct {
	Criteria []struct {
		Key      string `json:"key"`
		Status   string `json:"status"`
		Evidence string `json:"evidence"`
	} `json:"criteria"`
	Verdict  string `json:"verdict"`
	FollowUp []struct {
		Key      string `json:"key"`
		Question string `json:"question"`
		IfYes    string `json:"if_yes"`
	} `json:"follow_up"`
	Uncertain []string `json:"uncertain"`
}

// errInvalidReading wraps everything wrong with a reading.
var errInvalidReading = errors.New("invalid assessment output")

// parseReading decodes and validates the model's reading. restore undoes the
// redaction of evidence; seen is what the model was shown of the case
// (flattened), which evidence must quote. A decided criterion whose evidence
// is not in seen is read as unknown and counted in ungrounded.
func parseReading(raw string, restore func(string) string, seen string) (facts assess.Facts, uncertain []string, ungrounded int, err error) {
	raw = strings.TrimSpace(raw)
	// Some services wrap JSON in a code fence even when asked not to.
	raw = strings.TrimPrefix(strings.TrimPrefix(raw, "```json"), "```")
	raw = strings.TrimSpace(strings.TrimSuffix(raw, "```"))
	var m modelReading
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, nil, 0, fmt.Errorf("%w: not JSON of the schema: %v", errInvalidReading, err)
	}
	var problems []string
	stated := map[string]assess.Status{}
	facts = assess.Facts{}
	for _, c := range m.Criteria {
		switch {
		case !slices.Contains(criterionKeys, c.Key):
			problems = append(problems, fmt.Sprintf("unknown criterion key %q", c.Key))
			continue
		case !slices.Contains(statuses, c.Status):
			problems = append(problems, fmt.Sprintf("criterion %s: unknown status %q", c.Key, c.Status))
			continue
		}
		if _, dup := stated[c.Key]; dup {
			problems = append(problems, fmt.Sprintf("criterion %s given twice", c.Key))
			continue
		}
		st := assess.Status(c.Status)
		stated[c.Key] = st
		ev := strings.TrimSpace(restore(c.Evidence))
		if st == assess.Unknown {
			continue
		}
		if ev == "" {
			problems = append(problems, fmt.Sprintf("criterion %s is %s without evidence", c.Key, c.Status))
			continue
		}
		if !strings.Contains(seen, flatSpace(ev)) {
			ungrounded++
			continue
		}
		facts[c.Key] = assess.Fact{Status: st, Evidence: ev}
	}
	if err := consistent(assess.Verdict(m.Verdict), stated); err != nil {
		problems = append(problems, err.Error())
	}
	for _, f := range m.FollowUp {
		if !slices.Contains(criterionKeys, f.Key) || strings.TrimSpace(f.Question) == "" ||
			(f.IfYes != string(assess.Favourable) && f.IfYes != string(assess.Unfavourable)) {
			problems = append(problems, fmt.Sprintf("follow-up %q: needs a known key, a question and if_yes favourable or unfavourable", f.Key))
		}
	}
	if len(problems) > 0 {
		return nil, nil, 0, fmt.Errorf("%w: %s", errInvalidReading, strings.Join(problems, "; "))
	}
	for _, u := range m.Uncertain {
		if u = strings.TrimSpace(restore(u)); u != "" && len(uncertain) < 3 {
			uncertain = append(uncertain, u)
		}
	}
	return facts, uncertain, ungrounded, nil
}

// consistent checks a verdict against the statuses it came with.
func consistent(v assess.Verdict, st map[string]assess.Status) error {
	negative := false
	for _, k := range assess.NegativeKeys {
		if st[k] == assess.Unfavourable {
			negative = true
		}
	}
	switch v {
	case assess.NotTolerable:
		if !negative {
			return errors.New("verdict not_tolerable without an unfavourable negative-list item")
		}
	case assess.LikelyTolerable:
		if negative {
			return errors.New("verdict likely_tolerable with an unfavourable negative-list item")
		}
		for _, k := range assess.CriticalKeys {
			if st[k] != assess.Favourable {
				return fmt.Errorf("verdict likely_tolerable while critical criterion %s is not favourable", k)
			}
		}
	case assess.NeedsMoreFacts:
		if negative {
			return errors.New("verdict needs_more_facts with an unfavourable negative-list item: that is not_tolerable")
		}
	default:
		return fmt.Errorf("unknown verdict %q", v)
	}
	return nil
}

// flatSpace removes line breaks and spaces, for finding quoted evidence.
func flatSpace(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', ' ', '\t', '\u3000':
			return -1
		}
		return r
	}, s)
}

// mergeFacts combines the rules' facts with the model's reading; notes say,
// in the words shown to the cadre, where the two differed.
func mergeFacts(rules, model assess.Facts) (assess.Facts, []string) {
	out := assess.Facts{}
	for k, f := range rules {
		out[k] = f
	}
	var notes []string
	for _, k := range criterionKeys {
		rf, mf := rules[k], model[k]
		rs, ms := status(rf), status(mf)
		label := assess.Label(k)
		switch {
		case rs == ms || ms == assess.Unknown:
			// nothing new from the model
		case slices.Contains(assess.NegativeKeys, k):
			switch {
			case ms == assess.Unfavourable:
				out[k] = mf
				notes = append(notes, "关于“"+label+"”，您的讲述中有“"+mf.Evidence+"”，可能属于不能容错的情形；按更严格的理解处理，请如实核实。")
			case rs == assess.Unfavourable:
				notes = append(notes, "关于“"+label+"”，您的讲述前后可能不一致；按更严格的理解处理，请如实核实。")
			case rs == assess.Unknown && !rf.Answered:
				out[k] = mf // the rules found nothing; the model quotes the cadre
			}
		case rf.Answered:
			// an explicit answer to a follow-up question stands
		case rs == assess.Unknown:
			out[k] = mf
		default: // favourable against unfavourable
			out[k] = assess.Fact{Status: assess.Unknown}
			notes = append(notes, "关于“"+label+"”，您的讲述可以有不同理解，暂按“不清楚”处理，需要进一步确认。")
		}
	}
	return out, notes
}

func status(f assess.Fact) assess.Status {
	if f.Status == "" {
		return assess.Unknown
	}
	return f.Status
}
