package advisor

// IntentCues returns the literal words of the intent rules, so a test can
// check that none of them was taken from a test question.
func IntentCues() []string {
	var out []string
	for _, g := range append(append([]guarded{}, reRefuse...), reLeak, reInjection, reDictate, reProcedure,
		reDefinition, reAssessAsk, reFirstPerson, reDeed, reSanctionEvent, reConsequenceAsk, reOwnCaseRef, reInterrogative, reMarkedQuestion, reExample, reTermIsA, reDomain, reLookAlike, reStrongDomain) {
		out = append(out, literals(g.re.String())...)
	}
	return out
}
