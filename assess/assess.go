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
//     个人专断 that caused a loss outside an emergency counts with them: the
//     bottom lines (policy facts §9.5) say 个人专断、规避集体决策 "一般不能容错"
//     and "拍脑袋" decisions that go badly are traced back for life (《重大行政
//     决策程序暂行条例》第三十八条).
//   - likely_tolerable when the cadre stated a recorded dissent (opposed the
//     collective decision, or proposed correcting the superior's decision and
//     was overruled: 问责条例第十七条第一款第二项、第二款), or when every
//     critical criterion is Favourable and nothing weighs against it. A loss
//     does not weigh against it: a loss is what a tolerance case is about;
//     what rules it out is the negative list. A motive left unstated is read
//     as the public one when the cadre states there was no private gain:
//     the third distinction sets the two against each other.
//   - needs_more_facts otherwise, which covers two situations: critical facts
//     are missing (a follow-up question is asked for each), or the picture is
//     mixed. Procedure Unfavourable without a loss is the main mixed case:
//     lighter treatment is still possible (宜都 case: a missed report step,
//     容错减责), so unless already answered the emergency question is asked,
//     because deciding on the spot in an emergency and reporting promptly
//     afterwards is the recognised exception. A deliberate act (故意) or a
//     refusal to put things right likewise blocks likely_tolerable without
//     ruling tolerance out: the organisation weighs it.
func Assess(f Facts) Assessment {
	f = inferMotive(f)
	a := Assessment{Criteria: []Criterion{}, Negative: []Criterion{}, FollowUps: []FollowUp{}}
	byK := map[string]Criterion{}
	for _, c := range criteria {
		fact := f[c.key]
		st := validStatus(fact.Status)
		if c.key == Dissent && st != Favourable {
			st = Unknown // "没有提出反对意见" says nothing against the cadre
		}
		cr := Criterion{Key: c.key, Label: c.label, Status: st, Evidence: evidenceOf(c, fact, st)}
		byK[c.key] = cr
		// The negative-list items beyond the critical ones, and the dissent,
		// are shown only when something is known, to keep answers short.
		if (isNegative(c.key) && !isCritical(c.key) || c.key == Dissent) && st == Unknown {
			continue
		}
		a.Criteria = append(a.Criteria, cr)
	}
	for _, k := range severity {
		if byK[k].Status == Unfavourable {
			a.Negative = append(a.Negative, byK[k])
		}
	}
	if despotic(byK) {
		a.Negative = append(a.Negative, byK[Procedure])
	}
	if len(a.Negative) > 0 {
		a.Verdict = NotTolerable
		return a
	}
	if byK[Dissent].Status == Favourable {
		a.Verdict = LikelyTolerable
		return a
	}
	allCritical := true
	for _, k := range CriticalKeys {
		if byK[k].Status != Favourable {
			allCritical = false
		}
	}
	weighsAgainst := false
	for _, k := range []string{Nature, Remedy, Conditions} {
		if byK[k].Status == Unfavourable {
			weighsAgainst = true
		}
	}
	if allCritical && !weighsAgainst {
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

// despotic reports 个人专断 that caused a loss outside an emergency: the
// procedure was skipped (and not excused by a follow-up answer), a loss
// followed, and nothing urgent forced the decision.
func despotic(byK map[string]Criterion) bool {
	return byK[Procedure].Status == Unfavourable && byK[Consequence].Status == Unfavourable &&
		byK[Conditions].Status != Favourable
}

// inferMotive reads an unstated motive as the public one when the cadre
// states there was no private gain (see Assess). The evidence says it was
// inferred. The input is not modified.
func inferMotive(f Facts) Facts {
	m, pg := f[Motive], f[PrivateGain]
	if validStatus(m.Status) != Unknown || m.Answered || validStatus(pg.Status) != Favourable {
		return f
	}
	out := make(Facts, len(f)+1)
	for k, v := range f {
		out[k] = v
	}
	ev := "未谋取私利，推定出于公心"
	if pg.Evidence != "" && !pg.Answered {
		ev = "由“" + pg.Evidence + "”推定出于公心"
	}
	out[Motive] = Fact{Status: Favourable, Evidence: ev, Inferred: true}
	return out
}

// evidenceOf is what a criterion rests on: the cadre's words, or for an
// answered follow-up the question and the answer, e.g. 回答“…？”：否.
func evidenceOf(c criterion, f Fact, st Status) string {
	if !f.Answered || f.Inferred {
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
