package bot

import (
	"strings"
	"testing"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
)

func TestCallbackDataRoundTrips(t *testing.T) {
	ans := conversation.NewID()
	cases := []struct {
		data string
		want callbackData
	}{
		{followUpData(ans, assess.ExplicitBan, assess.NotSure), callbackData{kind: cbFollowUp, answer: ans, key: assess.ExplicitBan, reply: assess.NotSure}},
		{provisionData("wzcl-2019#17"), callbackData{kind: cbProvision, prov: "wzcl-2019#17"}},
		{rateData(ans, false), callbackData{kind: cbRate, answer: ans}},
		{approveData(123456789, true), callbackData{kind: cbApprove, user: 123456789, yes: true}},
		{forgetData(true), callbackData{kind: cbForget, yes: true}},
	}
	for _, c := range cases {
		got, ok := parseCallback(c.data)
		if !ok || got != c.want {
			t.Errorf("parseCallback(%q) = %+v %v, want %+v", c.data, got, ok, c.want)
		}
		if len(c.data) > MaxCallbackData {
			t.Errorf("%q is over 64 bytes", c.data)
		}
	}
}

func TestCallbackDataRejectsTampering(t *testing.T) {
	for _, d := range []string{"", "f", "f|", "f|abcdefgh|motive", "f|ABCDEFGH|motive|y", "f|abcdefg1|motive|y", "f|abcdefgh|motive|y|x",
		"r|abcdefgh|x", "a|0|y", "a|abc|y", "a|5|maybe", "x|", "h|zz", "h|" + strings.Repeat("g", 24), "q|x", strings.Repeat("p|", 40)} {
		if c, ok := parseCallback(d); ok {
			t.Errorf("parseCallback(%q) accepted: %+v", d, c)
		}
	}
}

func TestAnswerButtonsFitTelegram(t *testing.T) {
	a := advisor.Advice{
		FollowUps: []assess.FollowUp{{Key: assess.MajorAccident, Question: "?"}, {Key: "bogus", Question: "?"}},
		Citations: []advisor.Citation{{ID: strings.Repeat("中华人民共和国", 5) + "#120-1", Document: "中华人民共和国某某法", Article: "第一百二十条"}, {ID: "a#1", Document: "x", Article: "第一条"}},
	}
	rows := answerButtons(conversation.NewID(), a)
	n := 0
	for _, row := range rows {
		for _, b := range row {
			n++
			if len(b.Data) > MaxCallbackData {
				t.Errorf("button %q data is %d bytes", b.Text, len(b.Data))
			}
			if _, ok := parseCallback(b.Data); !ok {
				t.Errorf("button %q data %q does not parse", b.Text, b.Data)
			}
		}
	}
	if n != 3+2+2 { // one follow-up (the bogus key is dropped), two 查看原文, 👍 👎
		t.Errorf("%d buttons: %+v", n, rows)
	}
}

func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{"f|abcdefgh|motive|y", "p|x#1", "h|" + strings.Repeat("a", 24), "r|abcdefgh|u", "a|1|y", "x|n", "\xff|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := parseCallback(s)
		if ok && len(s) > MaxCallbackData {
			t.Fatalf("accepted %d bytes", len(s))
		}
		if ok && c.kind == cbFollowUp && !isCriterion(c.key) {
			t.Fatalf("accepted unknown criterion %q", c.key)
		}
	})
}
