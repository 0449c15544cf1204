package assess

import "strings"

// severity orders the negative list, most serious first: taking money or
// favours and causing deaths or disasters are crimes as much as breaches of
// discipline; falsifying the record is a breach in itself and aggravates the
// rest; then acting against a ban, the conduct rules, inaction and repetition.
var severity = []string{PrivateGain, MajorAccident, Concealment, ExplicitBan, EightRules, Inaction, Repeat}

// Assess weighs the facts as a discipline officer would (ANSWER.md, "How the
// verdict is reached"):
//
//   - not_tolerable on any negative-list fact: personal gain, gifts or money
//     from the parties, benefit to relatives, an explicit ban ignored, refusal
//     to rectify after notice, fabrication or concealment, eight-rules
//     violations, a repeat after a warning, dereliction with serious harm.
//     个人专断 that caused a loss outside an emergency counts with them: the
//     bottom lines (policy facts §9.5) say 个人专断、规避集体决策 "一般不能容错".
//   - likely_tolerable when the cadre recorded a dissent (问责条例第十七条第一款
//     第二项、第二款), or when the story shows a public purpose (stated, or
//     evident from the work described), at least one procedural or
//     mitigating factor (MitigatingKeys) and no negative fact. What the cadre
//     did not mention of PresumableKeys (a ban, personal gain) is a stated
//     presumption, and a follow-up question confirms it. A loss does not weigh
//     against: a loss is what a tolerance case is about.
//   - needs_more_facts only when the decisive facts are missing or conflict:
//     no mitigating factor is known, the motive is not a public one, the text
//     says a decisive fact both ways, the collective procedure was skipped
//     without the emergency that excuses it, or the act was deliberate. The
//     follow-up questions ask for what decides it, most decisive first.
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
		if (fact.Conflict || fact.Raised) && st == Unknown && !fact.Answered {
			a.Conflicting = append(a.Conflicting, cr)
		}
		// The negative-list items beyond the critical ones, and the dissent,
		// are shown only when something is known, to keep answers short.
		if (isNegative(c.key) && !isCritical(c.key) || c.key == Dissent) && st == Unknown && !fact.Conflict && !fact.Raised {
			continue
		}
		a.Criteria = append(a.Criteria, cr)
	}
	for _, k := range severity {
		if byK[k].Status == Unfavourable {
			a.Negative = append(a.Negative, byK[k])
		}
	}
	if despotic(byK, f) {
		a.Negative = append(a.Negative, byK[Procedure])
	}
	// A death or injury raised by the story is dereliction with serious harm
	// when a lapse is stated too: a skipped procedure or check, inaction, a
	// deliberate act. Without one, or in an emergency or under objective
	// conditions stated (a step skipped to rescue, someone hurt on the way),
	// it stays a question.
	if mf := f[MajorAccident]; mf.Raised && !mf.Answered && validStatus(mf.Status) == Unknown && byK[Conditions].Status != Favourable &&
		(byK[Procedure].Status == Unfavourable || byK[Inaction].Status == Unfavourable || byK[Nature].Status == Unfavourable) {
		harm := Criterion{Key: MajorAccident, Label: byKey[MajorAccident].label, Status: Unfavourable, Evidence: mf.Evidence}
		a.Negative = append([]Criterion{harm}, a.Negative...)
		for i := range a.Criteria {
			if a.Criteria[i].Key == MajorAccident {
				a.Criteria[i] = harm
			}
		}
		var still []Criterion
		for _, c := range a.Conflicting {
			if c.Key != MajorAccident {
				still = append(still, c)
			}
		}
		a.Conflicting = still
	}
	for _, k := range MitigatingKeys {
		if byK[k].Status == Favourable {
			a.Mitigating = append(a.Mitigating, byK[k])
		}
	}
	if len(a.Negative) > 0 {
		a.Verdict = NotTolerable
		return a
	}
	if byK[Dissent].Status == Favourable {
		a.Verdict = LikelyTolerable
		a.Presumed, a.FollowUps = presumptions(f, byK)
		return a
	}

	publicPurpose := byK[Motive].Status == Favourable
	skipped := byK[Procedure].Status == Unfavourable // not excused: an answered emergency question sets it Favourable
	deliberate := byK[Nature].Status == Unfavourable
	decisiveConflict := false
	for _, c := range a.Conflicting {
		if c.Key == MajorAccident && answeredEmergency(f, byK) {
			continue
		}
		if isNegative(c.Key) || c.Key == Procedure || c.Key == Motive {
			decisiveConflict = true
		}
	}
	if publicPurpose && len(a.Mitigating) > 0 && !skipped && !deliberate && !decisiveConflict {
		a.Verdict = LikelyTolerable
		a.Presumed, a.FollowUps = presumptions(f, byK)
		if answeredEmergency(f, byK) && !f[MajorAccident].Answered {
			a.Presumed = append(a.Presumed, Criterion{Key: MajorAccident, Label: byKey[MajorAccident].label, Status: Unknown, Evidence: emergencyHarmPresumed})
			a.FollowUps = append(a.FollowUps, FollowUp{Key: MajorAccident, Question: emergencyHarmQuestion, IfYes: Unfavourable})
		}
		return a
	}

	a.Verdict = NeedsMoreFacts
	asked := map[string]bool{}
	ask := func(k, question string, ifYes Status) {
		if asked[k] || f[k].Answered {
			return
		}
		asked[k] = true
		a.FollowUps = append(a.FollowUps, FollowUp{Key: k, Question: question, IfYes: ifYes})
	}
	// What the text says both ways comes first: one answer settles it.
	for _, c := range a.Conflicting {
		cr := byKey[c.Key]
		if cr.ask != "" {
			ask(c.Key, cr.ask, cr.ifYes)
		}
	}
	switch {
	case skipped:
		// Deciding on the spot in an emergency and reporting promptly is the
		// recognised way a procedure gap is still tolerable.
		ask(Procedure, emergencyQuestion, Favourable)
	case len(a.Mitigating) == 0 && byK[Procedure].Status == Unknown:
		ask(Procedure, byKey[Procedure].ask, Favourable)
	}
	if byK[Motive].Status == Unknown {
		ask(Motive, byKey[Motive].ask, Favourable)
	}
	for _, k := range PresumableKeys {
		if byK[k].Status == Unknown {
			ask(k, byKey[k].ask, byKey[k].ifYes)
		}
	}
	return a
}

// answeredEmergency reports a death or injury raised by a story of an
// emergency the cadre answered (湖北六条: 紧急状态下主动作为), by a procedure
// followed or reported, with no lapse told and no one accusing the cadre: the
// harm is the emergency's, not dereliction's (底线: 重特大事故 are excluded
// when they come of neglect).
func answeredEmergency(f Facts, byK map[string]Criterion) bool {
	mf := f[MajorAccident]
	return mf.Raised && mf.AmidEmergency && !mf.Conflict && byK[Procedure].Status == Favourable &&
		byK[Inaction].Status != Unfavourable && byK[Nature].Status != Unfavourable
}

// presumptions lists the presumable criteria the cadre did not mention, and
// the follow-up questions that confirm them.
func presumptions(f Facts, byK map[string]Criterion) ([]Criterion, []FollowUp) {
	var pres []Criterion
	var fus []FollowUp
	for _, k := range PresumableKeys {
		if byK[k].Status != Unknown || f[k].Answered {
			continue
		}
		c := byKey[k]
		pres = append(pres, Criterion{Key: k, Label: c.label, Status: Unknown, Evidence: presumedText[k]})
		fus = append(fus, FollowUp{Key: k, Question: c.ask, IfYes: c.ifYes})
	}
	return pres, fus
}

// What a likely_tolerable verdict presumes of a death or injury in an
// emergency the cadre answered, and the question that confirms it.
const (
	emergencyHarmPresumed = "人员伤亡是灾情或突发事件本身造成的，与处置不当或失职无关"
	emergencyHarmQuestion = "人员伤亡是否与您或单位的处置不当、迟报漏报或失职有关？"
)

// presumedText says what is presumed of each presumable criterion.
var presumedText = map[string]string{
	ExplicitBan: "当时没有上级文件或规定明确禁止这种做法",
	PrivateGain: "您本人和亲友没有从中得到好处",
}

// despotic reports 个人专断 that caused a loss outside an emergency: the
// procedure was skipped (and not excused by a follow-up answer), a loss
// followed, and nothing urgent forced the decision (no time for the meeting
// is no emergency by itself: a bargain can be urgent too).
func despotic(byK map[string]Criterion, f Facts) bool {
	return byK[Procedure].Status == Unfavourable && !f[Procedure].Answered &&
		byK[Consequence].Status == Unfavourable && (byK[Conditions].Status != Favourable || f[Conditions].Inferred)
}

// inferMotive reads an unstated motive as the public one when the cadre
// states there was no private gain (the third distinction sets the two
// against each other). The evidence says it was inferred. The input is not
// modified. (A motive evident from the work described is inferred by the
// extractor, which knows the words.)
func inferMotive(f Facts) Facts {
	m, pg, pr := f[Motive], f[PrivateGain], f[Procedure]
	if validStatus(m.Status) != Unknown || m.Answered {
		return f
	}
	if validStatus(pg.Status) != Favourable {
		// A decision taken collectively or with approval is an official act:
		// its purpose is presumed public.
		if validStatus(pr.Status) != Favourable || pr.Answered {
			return f
		}
		out := make(Facts, len(f)+1)
		for k, v := range f {
			out[k] = v
		}
		out[Motive] = Fact{Status: Favourable, Evidence: "由“" + pr.Evidence + "”推定为履行职责的公务决策", Inferred: true}
		return out
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

// inferredText says what a presumption from the story's words infers.
var inferredText = map[string]string{
	Motive:     "推定出于推动工作的公心",
	Conditions: "推定当时时间紧迫",
}

// evidenceOf is what a criterion rests on: the cadre's words, or for an
// answered follow-up the question and the answer, e.g. 回答“…？”：否.
func evidenceOf(c criterion, f Fact, st Status) string {
	if f.Conflict && !f.Answered {
		return "说法不一致：“" + f.Evidence + "”与“" + f.Other + "”"
	}
	if f.Raised && !f.Answered {
		return "提到“" + f.Evidence + "”，但没有说明是否属实"
	}
	if f.Inferred && !f.Answered && f.Evidence != "" && !strings.Contains(f.Evidence, "推定") {
		return "由“" + f.Evidence + "”" + inferredText[c.key]
	}
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

// SettleByPrecedent makes a needs_more_facts assessment likely_tolerable on
// the strength of a close precedent the caller found (a real case with the
// same facts that was tolerated). It never overrides a negative-list fact or
// a conflict; the presumptions and their follow-ups are those of any
// likely_tolerable verdict.
func SettleByPrecedent(a Assessment, f Facts) Assessment {
	if a.Verdict != NeedsMoreFacts || len(a.Negative) > 0 || len(a.Conflicting) > 0 {
		return a
	}
	f = inferMotive(f)
	byK := map[string]Criterion{}
	for _, c := range a.Criteria {
		byK[c.Key] = c
	}
	a.Verdict = LikelyTolerable
	a.Presumed, a.FollowUps = presumptions(f, byK)
	if a.FollowUps == nil {
		a.FollowUps = []FollowUp{}
	}
	return a
}
