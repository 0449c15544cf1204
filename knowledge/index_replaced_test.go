package knowledge

import (
	"slices"
	"testing"
)

// A text replaced by one of another title, as the law says or the repeal
// clause of the new text says, is treated as an older version; a later
// text that took the repealed name is not.
func TestReplacedDocs(t *testing.T) {
	reg := lawDoc("fy-reg", "法律援助条例", "2003-09-01",
		[2]string{"", "公民对下列需要代理的事项，因经济困难没有委托代理人的，可以向法律援助机构申请法律援助。"})
	reg.Level = LevelRegulation
	law := lawDoc("fy", "中华人民共和国法律援助法", "2022-01-01",
		[2]string{"", "当事人因经济困难没有委托代理人的，可以向法律援助机构申请法律援助。"})
	local := lawDoc("fy-local", "某省法律援助条例", "2004-01-01",
		[2]string{"", "本省公民可以申请法律援助。"})
	local.Level = LevelLocalLaw
	oldShop := lawDoc("gt", "个体工商户条例", "2016-02-06", [2]string{"", "工商户应当依法经营。"})
	newShop := lawDoc("cj", "促进个体工商户发展条例", "2022-11-01",
		[2]string{"", "工商户应当依法经营。"},
		[2]string{"", "本条例自2022年11月1日起施行。《个体工商户条例》同时废止。"})
	spy := lawDoc("fjd", "中华人民共和国反间谍法", "2014-11-01",
		[2]string{"", "本法自公布之日起施行。1993年2月22日通过的《中华人民共和国国家安全法》同时废止。"})
	security := lawDoc("aq", "中华人民共和国国家安全法", "2015-07-01", [2]string{"", "国家安全工作应当坚持总体国家安全观。"})
	docs := []*Document{reg, law, local, oldShop, newShop, spy, security}
	var got []string
	for _, d := range replacedDocs(docs) {
		got = append(got, docs[d].ID)
	}
	slices.Sort(got)
	if want := []string{"fy-reg", "gt"}; !slices.Equal(got, want) {
		t.Errorf("replaced %v, want %v", got, want)
	}
	ix := NewIndex(New(withFiller(docs...), nil, nil))
	hits := ix.Provisions("工商户要依法经营吗", SearchOptions{Limit: 3})
	if len(hits) == 0 || hits[0].Provision.DocID != "cj" {
		t.Errorf("got %v, want the new regulation's article before the one of the text it repealed", topIDs(hits, 3))
	}
}
