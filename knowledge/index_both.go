package knowledge

// Search returns the provisions and the cases matching one query: the same
// as Provisions and Cases called in turn.
func (ix *Index) Search(query string, provOpt, caseOpt SearchOptions) ([]ProvisionHit, []CaseHit) {
	q, cq := ix.analyzeBoth(query)
	provs := ix.provisionHits(q, provOpt)
	cr := ix.cases.resolve(cq)
	chits := ix.cases.search(cr, limit(caseOpt), ix.caseFilter(caseOpt), !caseOpt.NoFloor, nil)
	cr.release()
	q.release()
	cq.release()
	cases := make([]CaseHit, len(chits))
	for i, h := range chits {
		cases[i] = CaseHit{Case: ix.caseList[h.doc], Score: h.score}
	}
	return provs, cases
}
