package knowledge

import "testing"

// embeddedIndex is the embedded knowledge base and its index, for tests
// that search it.
func embeddedIndex(t testing.TB) (*KB, *Index) {
	t.Helper()
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return kb, NewIndex(kb)
}

// sampleQuestions are the questions the index tests share: a case told at
// length, a definition, a procedure and a case of a skipped tender.
var sampleQuestions = []string{
	"我在招商引资中为了让项目尽快开工，经镇党委会集体研究，先办了施工手续，后来补齐了材料，没有收任何好处。能容错吗？",
	"什么是三个区分开来？",
	"容错免责的申请程序是什么？需要准备哪些材料？",
	"我们单位在疫情期间紧急采购物资，没有走招标程序，现在被审计发现了，会被问责吗？",
}

// wantFirst checks that each question ranks its provision first.
func wantFirst(t *testing.T, ix *Index, want map[string]string) {
	t.Helper()
	for q, id := range want {
		hits := ix.Provisions(q, SearchOptions{})
		if len(hits) == 0 || hits[0].Provision.ID != id {
			t.Errorf("%s: got %v, want %s first", q, topIDs(hits, 3), id)
		}
	}
}
