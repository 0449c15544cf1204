package knowledge

// Search returns the provisions and the cases matching one query: the same
// as Provisions and Cases called in turn.
func (ix *Index) Search(query string, provOpt, caseOpt SearchOptions) ([]ProvisionHit, []CaseHit) {
	return ix.search(Normalize(query), provOpt, caseOpt)
}

// SearchNormalized is Search of a query already normalized: norm must be
// Normalize(query) (normalizing twice is not always the same as once), and
// a caller that has it saves the index doing it again.
func (ix *Index) SearchNormalized(norm string, provOpt, caseOpt SearchOptions) ([]ProvisionHit, []CaseHit) {
	return ix.search(norm, provOpt, caseOpt)
}

func (ix *Index) search(norm string, provOpt, caseOpt SearchOptions) ([]ProvisionHit, []CaseHit) {
	q, cq := ix.analyzeBoth(norm)
	provs := ix.provisionHits(q, provOpt)
	cr := ix.cases.resolve(cq)
	chits := ix.cases.search(cr, limit(caseOpt), ix.caseFilter(caseOpt), !caseOpt.NoFloor, nil)
	cr.release()
	q.release()
	if cq != q {
		cq.release()
	}
	cases := make([]CaseHit, len(chits))
	for i, h := range chits {
		cases[i] = CaseHit{Case: ix.caseList[h.doc], Score: h.score}
	}
	return provs, cases
}
