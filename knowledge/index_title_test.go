package knowledge

import "testing"

// In a large collection the title weighs more: an article of the law whose
// title names the matter asked about (复议, 行政复议法) comes before one of
// another law whose text repeats the word.
func TestLawTitleWeighsInLargeCollections(t *testing.T) {
	review := lawDoc("fy", "行政复议法", "2024-01-01",
		[2]string{"", "申请人可以自知道该行政行为之日起六十日内提出申请。"})
	customs := lawDoc("hg", "海关法", "2021-04-29",
		[2]string{"", "当事人申请复议的，可以自知道该行政行为之日起六十日内申请复议。"})
	ix := NewIndex(New(withFiller(customs, review), nil, nil))
	hits := ix.Provisions("复议申请的期限", SearchOptions{Limit: 2})
	if len(hits) == 0 || hits[0].Provision.DocID != "fy" {
		t.Errorf("got %v, want the 行政复议法's article first", topIDs(hits, 2))
	}
}
