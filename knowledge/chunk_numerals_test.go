package knowledge

import "testing"

func TestParseNumeral(t *testing.T) {
	tests := []struct {
		in   string
		want int // 0: rejected
	}{
		{"一", 1}, {"十", 10}, {"十七", 17}, {"二十", 20}, {"二十一", 21},
		{"一百", 100}, {"一百零一", 101}, {"一百一十", 110}, {"一百十", 110}, {"一百二十", 120},
		{"一千零四十", 1040}, {"一千二百六十", 1260}, {"一千零一", 1001}, {"两百", 200},
		{"一〇一", 101}, {"二〇二〇", 2020}, {"17", 17}, {"１７", 17}, {"9999", 9999},
		{"", 0}, {"零", 0}, {"〇", 0}, {"0", 0}, {"十十", 0}, {"百", 0}, {"一百二", 0},
		{"一百零", 0}, {"零一", 0}, {"一二十", 0}, {"十百", 0}, {"一千千", 0}, {"10000", 0},
		{"1七", 0}, {"七1", 0}, {"一百零零一", 0}, {"十零", 0},
	}
	for _, tt := range tests {
		got, ok := ParseNumeral(tt.in)
		if ok != (tt.want > 0) || got != tt.want {
			t.Errorf("parseNumeral(%q) = %d, %v; want %d", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseArticleLabel(t *testing.T) {
	tests := []struct {
		in          string
		ok          bool
		label       string
		number, sub int
		rest        string
	}{
		{"第一条 为了规范", true, "第一条", 1, 0, "为了规范"},
		{"第十七条之一 帮助", true, "第十七条之一", 17, 1, "帮助"},
		{"第一百二十条之六　明知", true, "第一百二十条之六", 120, 6, "明知"},
		{"第1000条 甲", true, "第1000条", 1000, 0, "甲"},
		{"第三条", true, "第三条", 3, 0, ""},
		{"第三条：甲", true, "第三条", 3, 0, "甲"},
		{"第三条甲", true, "第三条", 3, 0, "甲"},
		{"**第三条** 甲", true, "第三条", 3, 0, "甲"},
		{"第一百二十八 条侦查", true, "第一百二十八条", 128, 0, "侦查"},
		{"**第三条 甲", false, "", 0, 0, ""},
		{"第三条的决定", false, "", 0, 0, ""},
		{"第三条第二款", false, "", 0, 0, ""},
		{"第三条至第五条", false, "", 0, 0, ""},
		{"第三条、第四条", false, "", 0, 0, ""},
		{"第三条之规定", false, "", 0, 0, ""},
		{"第三章 总则", false, "", 0, 0, ""},
		{"第条 甲", false, "", 0, 0, ""},
		{"依照第三条", false, "", 0, 0, ""},
		{"第十十条 甲", false, "", 0, 0, ""},
		{"第三条之十十 甲", false, "", 0, 0, ""},
	}
	for _, tt := range tests {
		a, ok := parseArticleLabel(tt.in)
		if ok != tt.ok || (ok && (a.Label != tt.label || a.Number != tt.number || a.Sub != tt.sub || a.Rest != tt.rest)) {
			t.Errorf("parseArticleLabel(%q) = %+v, %v; want %q %d %d %q, %v", tt.in, a, ok, tt.label, tt.number, tt.sub, tt.rest, tt.ok)
		}
	}
}

func TestIsDivisionLabel(t *testing.T) {
	for in, want := range map[string]bool{"第一章": true, "第二分编": true, "第三节": true, "第一编": true, "第一条": false, "第章": false, "总则": false} {
		if got := isDivisionLabel(in); got != want {
			t.Errorf("isDivisionLabel(%q) = %v, want %v", in, got, want)
		}
	}
}
