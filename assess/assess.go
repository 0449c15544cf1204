package assess

// severity orders the negative list, most serious first: taking money or
// favours and causing deaths or disasters are crimes as much as breaches of
// discipline; falsifying the record is a breach in itself and aggravates the
// rest; then acting against a ban, the conduct rules, inaction and repetition.
var severity = []string{PrivateGain, MajorAccident, Concealment, ExplicitBan, EightRules, Inaction, Repeat}

// askOrder is the order of follow-up questions, most decisive first: an
// explicit ban or private gain alone rules tolerance out, so they settle the
// most; procedure comes next because 个人专断 blocks tolerance in practice;
// motive is usually clear from the story and is asked last.
var askOrder = []string{ExplicitBan, PrivateGain, Procedure, Motive}

// Assess weighs the facts.
//
// The verdict rules:
//   - not_tolerable when any negative-list criterion is Unfavourable: these
//     are the cases the 三个区分开来 and the local negative lists exclude.
//   - likely_tolerable when every critical criterion is Favourable and no
//     criterion at all is Unfavourable.
//   - needs_more_facts otherwise, which covers two situations: critical facts
//     are missing (a follow-up question is asked for each), or the picture is
//     mixed. Procedure Unfavourable is the main mixed case: 个人专断、规避集体
//     决策 "一般不能容错" (policy facts §9.5) but it is not on the negative
//     list, and lighter treatment is still possible (宜都 case: a missed
//     report step, 容错减责). So it never yields likely_tolerable; unless
//     already answered, the emergency question is asked, because deciding on
//     the spot in an emergency and reporting promptly afterwards is the
//     recognised exception. An Unfavourable non-critical aspect (故意, a
//     serious loss, no remedy) likewise blocks likely_tolerable without
//     ruling tolerance out: the organisation weighs it.
func Assess(f Facts) Assessment {
	a := Assessment{Criteria: []Criterion{}, Negative: []Criterion{}, FollowUps: []FollowUp{}}
	byK := map[string]Criterion{}
	anyUnfavourable := false
	for _, c := range criteria {
		fact := f[c.key]
		st := validStatus(fact.Status)
		cr := Criterion{Key: c.key, Label: c.label, Status: st, Evidence: evidenceOf(c, fact, st)}
		byK[c.key] = cr
		if st == Unfavourable {
			anyUnfavourable = true
		}
		// The negative-list items beyond the critical ones are shown only
		// when something is known, to keep answers short.
		if isNegative(c.key) && !isCritical(c.key) && st == Unknown {
			continue
		}
		a.Criteria = append(a.Criteria, cr)
	}
	for _, k := range severity {
		if byK[k].Status == Unfavourable {
			a.Negative = append(a.Negative, byK[k])
		}
	}
	if len(a.Negative) > 0 {
		a.Verdict = NotTolerable
		return a
	}
	allCritical := true
	for _, k := range CriticalKeys {
		if byK[k].Status != Favourable {
			allCritical = false
		}
	}
	if allCritical && !anyUnfavourable {
		a.Verdict = LikelyTolerable
		return a
	}
	a.Verdict = NeedsMoreFacts
	for _, k := range askOrder {
		fact := f[k]
		if fact.Answered {
			continue
		}
		switch validStatus(fact.Status) {
		case Unknown:
			c := byKey[k]
			a.FollowUps = append(a.FollowUps, FollowUp{Key: k, Question: c.ask, IfYes: c.ifYes})
		case Unfavourable:
			if k == Procedure {
				a.FollowUps = append(a.FollowUps, FollowUp{Key: k, Question: emergencyQuestion, IfYes: Favourable})
			}
		}
	}
	return a
}

// evidenceOf is what a criterion rests on: the cadre's words, or for an
// answered follow-up the question and the answer, e.g. 回答“…？”：否.
func evidenceOf(c criterion, f Fact, st Status) string {
	if !f.Answered {
		return f.Evidence
	}
	reply := "不清楚"
	switch st {
	case c.ifYes:
		reply = "是"
	case opposite(c.ifYes):
		reply = "否"
	}
	if f.Evidence == "" {
		return "回答：" + reply
	}
	return "回答“" + f.Evidence + "”：" + reply
}

func isCritical(key string) bool {
	for _, k := range CriticalKeys {
		if k == key {
			return true
		}
	}
	return false
}

func validStatus(s Status) Status {
	if s == Favourable || s == Unfavourable {
		return s
	}
	return Unknown
}

// Merge combines what was known with what a newer message says. Later
// information wins unless it is Unknown. An explicit follow-up answer is kept
// unless the newer text states the opposite: a message repeating the same
// fact must not turn an answered question into an unanswered one, or it would
// be asked again. The inputs are not modified.
func Merge(old, newer Facts) Facts {
	out := make(Facts, len(old)+len(newer))
	for k, v := range old {
		out[k] = v
	}
	for k, n := range newer {
		o, had := out[k]
		switch {
		case validStatus(n.Status) == Unknown:
			// Nothing new, but a newer 不清楚 answer still stops the asking.
			if !had || (n.Answered && !o.Answered && validStatus(o.Status) == Unknown) {
				out[k] = n
			}
		case had && o.Answered && validStatus(o.Status) == n.Status:
			// Same fact restated: keep the answer.
		default:
			out[k] = n
		}
	}
	return out
}

// Apply records the answer to a follow-up question about key. 是 sets the
// status the question's 是 stands for, 否 the opposite, 不清楚 leaves it
// Unknown but marked answered so it is not asked again. The question is kept
// as the evidence. Keys that are not criteria and replies that are not one of
// the three are ignored. The input is not modified.
func Apply(f Facts, key string, r Reply, question string) Facts {
	out := make(Facts, len(f)+1)
	for k, v := range f {
		out[k] = v
	}
	c, ok := byKey[key]
	if !ok {
		return out
	}
	var st Status
	switch r {
	case Yes:
		st = c.ifYes
	case No:
		st = opposite(c.ifYes)
	case NotSure:
		st = Unknown
	default:
		return out
	}
	out[key] = Fact{Status: st, Evidence: question, Answered: true}
	return out
}
