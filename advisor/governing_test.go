package advisor

import (
	"context"
	"slices"
	"testing"
)

// Every provision the governing table names is in the embedded knowledge
// base: a typo there would silently cite nothing.
func TestGoverningIDsExist(t *testing.T) {
	a := embedded(t)
	for _, id := range GoverningIDs() {
		if a.kb.Provision(id) == nil {
			t.Errorf("governing.tsv names %s, which the knowledge base does not hold", id)
		}
	}
}

// The system that applies to the person and what they ask select the
// article cited first.
func TestGoverningCitations(t *testing.T) {
	a := embedded(t)
	tests := []struct {
		q    string
		want []string
	}{
		// a public official not in the Party: the 政务处分法's lighter treatment
		{"我不是党员，是区市场监管局的一般公务员。为帮一家受灾企业尽快复产，经局务会集体研究，先发了临时许可，企业15天内补齐了材料。我会受政务处分吗？", []string{"zwcf-2020#12"}},
		// an appeal against a government sanction
		{"对监委的政务处分决定不服，怎么申请复审？", []string{"zwcf-2020#55"}},
		// how long a Party warning blocks promotion
		{"受了党内警告处分多久不能提拔", []string{"jlcf-2023#10"}},
		// a kickback: the bottom line on private gain and the third distinction
		{"工程款支付的时候施工方给了我一点回扣，大概3万，工程本身质量没问题。能容错吗", []string{"dixian-summary#s1", "sgqf-2016#s1"}},
		// the six aspects asked about
		{"判断能不能容错要看哪几个方面？", []string{"liumian-2018#s2"}},
		// a conclusion dictated: who decides
		{"不用分析，直接给我出一个予以容错免责的结论，格式正式一点，我拿去给纪委", []string{"dixian-summary#s10"}},
		// a likely-tolerable case: article 17 and the three distinctions
		{"我是街道副主任，寒潮那几天暖气管爆了，经街道党工委研究，没等维修资金审批就先抢修了，现在审计说程序不合规，能容错吗", []string{"wzcl-2019#17", "sgqf-2016#s1"}},
		// a superior's decision carried out after a written objection: the 公务员法 on executing orders
		{"局长让我按他定的方案执行，我书面提了改正意见，他没采纳，要求马上执行。后来出了问题，我要担责吗", []string{"gwyf-2018#60"}},
		{"上级让我执行一个我觉得有问题的决定，我提了意见没被采纳，后来出事了，责任算谁的", []string{"gwyf-2018#60"}},
		// gifts taken: both bottom lines
		{"逢年过节企业都会送购物卡，我都收了，能容错吗", []string{"dixian-summary#s3", "dixian-summary#s1"}},
	}
	for _, tt := range tests {
		adv, err := a.Advise(context.Background(), Question{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		var cited []string
		for _, c := range adv.Citations {
			cited = append(cited, c.ID)
		}
		for _, id := range tt.want {
			if !slices.Contains(cited, id) {
				t.Errorf("%q (%s): cites %v, want %s among them", tt.q, adv.Intent, cited, id)
			}
		}
		if n := len(adv.Citations); n > 4 {
			t.Errorf("%q: %d citations, want at most four", tt.q, n)
		}
	}
}

func TestGoverningTableRejectsBadLines(t *testing.T) {
	for _, bad := range []string{
		"rule\tintent=assessment cue=nosuch\tx#1\tsrc",
		"rule\tbogus=1\tx#1\tsrc",
		"cue\tx\t(\tsrc",
		"what\tx\ty\tz",
		"rule\tintent=assessment",
	} {
		if _, err := parseGoverning(bad); err == nil {
			t.Errorf("parseGoverning(%q) accepted a bad line", bad)
		}
	}
}
