package knowledge

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"simplified unchanged", "中国共产党问责条例", "中国共产党问责条例"},
		{"traditional", "中國共產黨問責條例", "中国共产党问责条例"},
		{"traditional domain words", "幹部容錯免責、紀律處分", "干部容错免责、纪律处分"},
		{"full-width punctuation", "容错，纠错！", "容错,纠错!"},
		{"full-width letters and digits", "ＰＰＰ項目第１７條", "ppp项目第17条"},
		{"ascii upper case", "PPP Project", "ppp project"},
		{"ideographic space", "容错　纠错", "容错 纠错"},
		{"line breaks become spaces", "第一条\n第二条\t完", "第一条 第二条 完"},
		{"control characters dropped", "容\x00错\x07纠\x1b错", "容错纠错"},
		{"emoji dropped", "能容错吗😀🙏👍🏻", "能容错吗"},
		{"emoji sequences dropped", "好👨‍👩‍👧🇨🇳✅❤️", "好"},
		{"zero-width characters dropped", "问\u200b责\ufeff", "问责"},
		{"plain ascii returned as is", "abc 123", "abc 123"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeKeepsSimplifiedText(t *testing.T) {
	// Characters that are valid simplified text must not be rewritten, or
	// documents would stop matching what cadres type.
	const s = "著作权 于是 后来 面条 发展 头发 干部 理发 里面"
	if got := Normalize(s); got != s {
		t.Errorf("Normalize(%q) = %q", s, got)
	}
}

func TestTradSimpTableIsSane(t *testing.T) {
	// The table's size is checked in internal/hanzi; here, that Normalize uses it.
	for _, pair := range [][2]rune{{'問', '问'}, {'條', '条'}, {'處', '处'}, {'黨', '党'}, {'幹', '干'}, {'紀', '纪'}, {'錯', '错'}, {'規', '规'}} {
		if got, _ := normRune(pair[0]); got != pair[1] {
			t.Errorf("%c → %c, want %c", pair[0], got, pair[1])
		}
	}
}

func TestTraditionalAndFullWidthQueriesFindSimplifiedText(t *testing.T) {
	ix := ixFixture()
	tests := []struct {
		query, want string
	}{
		{"問責條例第十七條", "wzcl-2019#17"},
		{"先行先試 失誤 免予問責", "wzcl-2019#17"},
		{"幹部兼職", "lj#4"},
		{"ＰＯＬＩＣＹ 容錯程序", "zj-2017#s3"},
	}
	for _, tt := range tests {
		ids := ixProvIDs(ix.Provisions(tt.query, SearchOptions{Limit: 3}))
		if !slices.Contains(ids, tt.want) {
			t.Errorf("Provisions(%q) = %v, want it to contain %s", tt.query, ids, tt.want)
		}
	}
}
