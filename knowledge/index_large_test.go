package knowledge

import (
	"fmt"
	"slices"
	"testing"
)

// withFiller adds documents of unrelated filler articles until the
// collection is large (uniDropMinDocs provisions), so that the priors of a
// large collection apply.
func withFiller(docs ...*Document) []*Document {
	n := 0
	for _, d := range docs {
		n += len(d.Provisions)
	}
	for i := 0; n < uniDropMinDocs; i++ {
		d := &Document{ID: fmt.Sprintf("f%d", i), Title: fmt.Sprintf("填充法%d", i), Status: StatusCurrent, Level: LevelLaw}
		for j := 0; j < 100; j++ {
			d.Provisions = append(d.Provisions, &Provision{
				ID: fmt.Sprintf("f%d#%d", i, j+1), DocID: d.ID, Document: d.Title, Number: j + 1,
				Text: "船舶航行应当遵守航道规则，保持瞭望。"})
			n++
		}
		docs = append(docs, d)
	}
	return docs
}

// The thesaurus of large collections expands a cadre's everyday word (年假)
// to the statute's (年休假) over a law collection, and stays out of a small
// curated knowledge base.
func TestLawThesaurusAppliesToLargeCollectionsOnly(t *testing.T) {
	leave := lawDoc("njx", "职工带薪年休假条例", "2008-01-01",
		[2]string{"", "职工累计工作已满1年不满10年的，年休假5天。"},
		[2]string{"", "单位确因工作需要不能安排职工休年休假的，经职工本人同意，可以不安排职工休年休假。"},
		[2]string{"", "本条例自2008年1月1日起施行。"})
	big := NewIndex(New(withFiller(leave), nil, nil))
	hits := big.Provisions("一年能休几天年假", SearchOptions{})
	if len(hits) == 0 || hits[0].Provision.DocID != "njx" {
		t.Errorf("large collection: got %v, want an article of the 年休假 regulation first", topIDs(hits, 3))
	}
	hasGroup := func(ix *Index, word string) bool {
		for _, g := range ix.syn {
			if slices.Contains(g, word) {
				return true
			}
		}
		return false
	}
	if !hasGroup(big, "年假") {
		t.Error("large collection: the group of 年假 is missing")
	}
	small := NewIndex(New([]*Document{leave}, nil, nil))
	if hasGroup(small, "年假") {
		t.Error("small knowledge base: the thesaurus of large collections applied")
	}
	if g := LawThesaurus(); len(g) < 50 {
		t.Fatalf("thesaurus of large collections has %d groups", len(g))
	}
	if _, problems := parseSynonyms("thesaurus_laws.txt", lawThesaurusText); len(problems) > 0 {
		t.Fatalf("thesaurus_laws.txt: %v", problems)
	}
}

// Several candidates of one law lift each other above a lone candidate of
// another law that scored a little higher; pinned articles take no part.
func TestLawSupport(t *testing.T) {
	ix := &Index{provDoc: []uint32{0, 1, 1, 1, 2}}
	hits := []scored{{0, 10}, {1, 9}, {2, 8}, {3, 7}}
	ix.lawSupport(hits, nil)
	order := slices.Clone(hits)
	slices.SortFunc(order, func(a, b scored) int {
		if worse(b, a) {
			return -1
		}
		return 1
	})
	if order[0].doc != 1 {
		t.Errorf("order %v: want the best of the law with three candidates (1) first", order)
	}
	// Support multiplies: the best law's best candidate gains
	// lawSupportWeight exactly.
	if got, want := hits[1].score, 9*(1+lawSupportWeight); got != want {
		t.Errorf("score of 1 = %v, want %v", got, want)
	}
	pinned := []scored{{4, 100}}
	hits = []scored{{4, 100}, {0, 10}}
	ix.lawSupport(hits, pinned)
	if hits[0].score != 100 || hits[1].score != 10*(1+lawSupportWeight) {
		t.Errorf("with a pinned article: %v; the pinned one must keep its score and not count as support", hits)
	}
}
