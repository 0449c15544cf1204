package advisor

// IntentCues returns the literal words of the intent rules, so a test can
// check that none of them was taken from a test question.
func IntentCues() []string {
	var out []string
	for _, g := range append(append([]guarded{}, reRefuse...), reLeak, reInjection, reDictate, reDictateFixed, reProcedure, reCovered,
		reDefinition, reAssessAsk, reNotKnown, reFirstPerson, reDeed, reSanctionEvent, reConsequenceAsk, reOwnCaseRef, reSelfReport,
		reLighterAsk, reToleranceAsk, reInvestigated, reEligible, reCorrectionSteps, reAspects, reInterrogative, reMarkedQuestion,
		reExample, reTermIsA, reDomain, reLookAlike, reRecruit, reOwnSanction, reOutsider, rePrivateJob, rePublicSide, reStrongDomain,
		reCorrected, reNewValue, reNotKnownWhat, reWhatNow, reOtherSubject, reRequest, reAskAnnounced, reDoneAfter) {
		out = append(out, literals(g.re.String())...)
	}
	return out
}
