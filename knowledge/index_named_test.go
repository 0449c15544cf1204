package knowledge

import (
	"slices"
	"testing"
)

// namedFixture is a large collection holding two regulations whose long
// names share most of their words, a law with two versions, and a law
// whose article says what the question asks in the question's own words.
func namedFixture() *Index {
	accidents := lawDoc("sg", "生产安全事故报告和调查处理条例", "2007-06-01",
		[2]string{"", "根据生产安全事故造成的人员伤亡或者直接经济损失，事故一般分为以下等级：特别重大事故、重大事故、较大事故和一般事故。"},
		[2]string{"", "事故发生后，事故现场有关人员应当立即向本单位负责人报告。"})
	power := lawDoc("dl", "电力安全事故应急处置和调查处理条例", "2011-09-01",
		[2]string{"", "本条例所称电力安全事故的调查处理，依照生产安全事故报告和调查处理条例的规定执行。"},
		[2]string{"", "电力企业应当按照国家有关规定制定电力安全事故应急预案。"})
	old := lawDoc("xf-old", "中华人民共和国行政复议法", "2017-09-01",
		[2]string{"", "公民认为具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起六十日内提出行政复议申请。"})
	current := lawDoc("xf", "中华人民共和国行政复议法", "2024-01-01",
		[2]string{"", "公民认为行政行为侵犯其合法权益的，可以自知道该行政行为之日起六十日内提出行政复议申请。"},
		[2]string{"", "行政复议机关履行行政复议职责，应当遵循合法、公正、公开、高效、便民、为民的原则。"})
	other := lawDoc("qt", "海关法", "2021-04-29",
		[2]string{"", "对海关的处罚决定不服的，当事人可以自收到处罚决定书之日起六十日内申请复议，多少天内申请都写在这里。"})
	return NewIndex(New(withFiller(accidents, power, old, current, other), nil, nil))
}

func TestNamedLawFindsItsArticles(t *testing.T) {
	ix := namedFixture()
	for _, c := range []struct{ q, want string }{
		// The long name is not searched: its words are those of the other
		// regulation's article, which names it.
		{"根据《生产安全事故报告和调查处理条例》，死了三个人算哪一级？", "sg#1"},
		// A named law outranks another law that uses the question's words.
		{"行政复议法规定，多少天内申请复议？", "xf#1"},
		// With or without the national prefix; the version in force first.
		{"中华人民共和国行政复议法里多少天内要提出申请？", "xf#1"},
	} {
		hits := ix.Provisions(c.q, SearchOptions{Limit: 5})
		if len(hits) == 0 || hits[0].Provision.ID != c.want {
			t.Errorf("%s: got %v, want %s first", c.q, topIDs(hits, 5), c.want)
		}
	}
}

func TestNamedLawsOfAQuestion(t *testing.T) {
	ix := namedFixture()
	doc := func(id string) uint32 {
		return uint32(slices.IndexFunc(ix.kb.Documents, func(d *Document) bool { return d.ID == id }))
	}
	for _, c := range []struct {
		q, content string
		named      []string
	}{
		{"根据《生产安全事故报告和调查处理条例》,死了三个人算哪一级?", "根据《,》,死了三个人算哪一级?", []string{"sg"}},
		// Both versions of the law named.
		{"行政复议法规定的期限", ",规定的期限", []string{"xf-old", "xf"}},
		// Nothing but the name: the question is kept whole.
		{"行政复议法", "行政复议法", []string{"xf-old", "xf"}},
		// A part of a name names nothing.
		{"调查处理条例怎么规定的", "调查处理条例怎么规定的", nil},
		// A name whose 法 runs on into a word is none (海关法定 → 法定),
		// but 法规定 is the name and 规定.
		{"海关法定的期限是多久", "海关法定的期限是多久", nil},
		{"海关法律上怎么说", "海关法律上怎么说", nil},
		{"海关法规定的期限", ",规定的期限", []string{"qt"}},
	} {
		named, content := ix.namedLaws(Normalize(c.q), nil)
		var want []uint32
		for _, id := range c.named {
			want = append(want, doc(id))
		}
		slices.Sort(named)
		slices.Sort(want)
		if !slices.Equal(named, want) || content != Normalize(c.content) {
			t.Errorf("%s: named %v, content %q; want %v, %q", c.q, named, content, want, Normalize(c.content))
		}
	}
}
