package knowledge

import (
	"reflect"
	"testing"
)

// Search must give exactly what Provisions and Cases give separately.
func TestSearchEqualsSeparateCalls(t *testing.T) {
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(kb)
	po, co := SearchOptions{Limit: 20}, SearchOptions{Limit: 10}
	for _, q := range []string{
		"招商引资中未经集体研究就签了协议能容错吗",
		"什么是三个区分开来",
		"问责条例第十七条",
		"今天天气怎么样",
		"疫情期间紧急采购没有招标，收了供应商的购物卡",
	} {
		p, c := ix.Search(q, po, co)
		if want := ix.Provisions(q, po); !reflect.DeepEqual(p, want) {
			t.Errorf("%q: provisions differ", q)
		}
		if want := ix.Cases(q, co); !reflect.DeepEqual(c, want) {
			t.Errorf("%q: cases differ", q)
		}
	}
}
