package advisor

import (
	"bytes"
	"strings"
	"testing"

	"rongcuo/assess"
)

// What a quotation is attributed to — a marker, an article, its position —
// must say it: otherwise the quotation goes and no marker lends it a name.
func TestGroundingAttributedQuotations(t *testing.T) {
	const caseText = "经镇党委会集体研究，先办了施工手续。"
	cases := []struct {
		name, in, want string
		summary        []string
	}{
		{
			name:    "an invented quotation is not given the name of the real article its marker points to",
			in:      "根据《中国共产党问责条例》第九十九条，可以申请[P9]。“凡是招商引资失误一律免责”[P1]。",
			want:    "根据" + removedArticle + "，可以申请。" + removedQuote + "。",
			summary: []string{"removed_quotes=1", "dropped_markers=P1", "removed_markers=P9", "removed_articles=1"},
		},
		{
			name:    "a marker inside the quotation attributes it too",
			in:      "“凡是招商引资失误一律免责[P1]”。",
			want:    removedQuote + "。",
			summary: []string{"removed_quotes=1", "dropped_markers=P1"},
		},
		{
			name:    "a marker before the quotation in its sentence is not converted either",
			in:      "依据[P1]，“凡是招商引资失误一律免责”。",
			want:    "依据，" + removedQuote + "。",
			summary: []string{"dropped_markers=P1"},
		},
		{
			name: "an exact quotation keeps its marker's name",
			in:   "“尚无明确限制的探索性试验中的失误”。[P1]",
			want: "“尚无明确限制的探索性试验中的失误”。（《问责条例》第十七条）",
		},
		{
			name:    "a quotation attributed by the article number alone",
			in:      "《中国共产党问责条例》第十七条明确“招商引资失误一律免予问责”。",
			want:    "《中国共产党问责条例》第十七条明确" + removedQuote + "。",
			summary: []string{"removed_quotes=1"},
		},
		{
			name:    "a short unattributed quotation worded as a rule must come from somewhere",
			in:      "有规定说“失误一律免责”。“三个区分开来”是关键，“容错免责”要申请。",
			want:    "有规定说" + removedQuote + "。“三个区分开来”是关键，“容错免责”要申请。",
			summary: []string{"removed_quotes=1"},
		},
		{
			name:    "a quotation stitched from two passages is removed",
			in:      "《问责条例》第十七条[P1]规定“可以不予问责或者免予问责，容错申请一般应当在问责决定作出前提出”。",
			want:    "《问责条例》第十七条规定" + removedQuote + "。",
			summary: []string{"removed_quotes=1", "stitched_quotes=1"},
		},
		{
			name:    "an unattributed quotation stitched from two passages is removed",
			in:      "关键是“为推动发展的无意过失，容错申请一般应当在问责决定作出前提出”。",
			want:    "关键是" + removedQuote + "。",
			summary: []string{"stitched_quotes=1"},
		},
		{
			name:    "an elision of one passage is quoted part by part in the passage's own words",
			in:      "《问责条例》第十七条[P1]规定“可以不予问责或者免予问责……为推动发展的无意过失”。",
			want:    "《问责条例》第十七条规定“可以不予问责或者免予问责”……“为推动发展的无意过失”。",
			summary: []string{"quotes=1"},
		},
		{
			name:    "punctuation and spaces are normalised before comparing",
			in:      "《问责条例》第十七条[P1]规定“(一) 在推进改革中因缺乏经验,先行先试出现的失误”。",
			want:    "《问责条例》第十七条规定“（一）在推进改革中因缺乏经验、先行先试出现的失误”。",
			summary: []string{"quotes=1"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			r := newGrounding(groundKB(), &logs, caseText).check(c.in)
			if r.Text != c.want {
				t.Errorf("check(%q) =\n%q\nwant\n%q", c.in, r.Text, c.want)
			}
			for _, s := range c.summary {
				if !strings.Contains(" "+r.Summary()+" ", " "+s+" ") {
					t.Errorf("summary %q lacks %q", r.Summary(), s)
				}
			}
			for _, q := range r.Quotes {
				if !strings.Contains(groundKB().Provision("wzcl#17").Text+groundKB().Provision("js#8").Text, q) {
					t.Errorf("citation quote %q is not stored text", q)
				}
			}
		})
	}
}

func TestGroundingCitesStoredText(t *testing.T) {
	var logs bytes.Buffer
	r := newGrounding(groundKB(), &logs, "").check("《问责条例》第十七条[P1]：“可以不予问责或者免予问责 (一)在推进改革中因缺乏经验”。")
	if q := r.Quotes["wzcl#17"]; q != "可以不予问责或者免予问责：\n（一）在推进改革中因缺乏经验" {
		t.Errorf("citation quote %q is not the stored span", q)
	}
	if !strings.Contains(r.Text, "“可以不予问责或者免予问责：（一）在推进改革中因缺乏经验”") {
		t.Errorf("the quotation is not given the stored words: %s", r.Text)
	}
}

// The model does not decide the case: its decision gives way to the
// verdict's wording, and the usage record counts it.
func TestGroundingReplacesDecisions(t *testing.T) {
	cases := []struct {
		verdict  assess.Verdict
		in, want string
	}{
		{assess.LikelyTolerable, "**初步判断：肯定能容错。**\n经过集体研究。",
			"**初步判断：" + verdictWords[assess.LikelyTolerable] + "。**\n经过集体研究。"},
		{assess.NotTolerable, "收了购物卡，一定会被处分，请如实说明。下一句。",
			verdictWords[assess.NotTolerable] + "。下一句。"},
		{assess.NeedsMoreFacts, "- 你的情况可以直接免责。",
			"- " + verdictWords[assess.NeedsMoreFacts] + "。"},
		{"", "这种情况绝对不会被追究。",
			noVerdictWords + "。"},
		// Hedged, quoted, or not a decision at all: left alone.
		{assess.NeedsMoreFacts, "不一定能容错，要看是否有明令禁止。您说“肯定能容错吧”。可以直接向纪委书面申请容错。",
			"不一定能容错，要看是否有明令禁止。您说“肯定能容错吧”。可以直接向纪委书面申请容错。"},
	}
	for _, c := range cases {
		var logs bytes.Buffer
		g := newGrounding(groundKB(), &logs, "我想问肯定能容错吧")
		g.verdict = c.verdict
		r := g.check(c.in)
		if r.Text != c.want {
			t.Errorf("check(%q) =\n%q\nwant\n%q", c.in, r.Text, c.want)
		}
		if replaced := c.in != c.want; replaced != strings.Contains(r.Summary(), "replaced_decisions=1") {
			t.Errorf("%q: summary %q", c.in, r.Summary())
		}
	}
}
