package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rongcuo/advisor"
	"rongcuo/llm/llmtest"
)

// The grounding check against a model speaking the OpenAI wire format: what
// a model attributes to the knowledge base must be there, word for word,
// and the decision is not the model's to make.

var passageLine = regexp.MustCompile(`^\[(P\d+)\] (《[^》]+》\S*)（`)

// passage is one numbered passage of the answer prompt.
type passage struct{ name, text string }

// markersOf asks once with an echoing model and reads which passage each
// marker of the answer prompt stands for.
func markersOf(t *testing.T) map[string]passage {
	t.Helper()
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: e2eReading})
	a := modelAdvisor(t, srv, nil)
	if _, err := a.Advise(context.Background(), advisor.Question{Text: e2eQuestion}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d chat requests", len(reqs))
	}
	out := map[string]passage{}
	for _, m := range reqs[1].Chat.Messages {
		lines := strings.Split(m.Content, "\n")
		for i, l := range lines {
			if s := passageLine.FindStringSubmatch(l); s != nil && i+1 < len(lines) {
				out[s[1]] = passage{s[2], lines[i+1]}
			}
		}
	}
	return out
}

// markerFor is the marker of the first passage whose name has part.
func markerFor(t *testing.T, markers map[string]passage, part string) string {
	t.Helper()
	for i := 1; i <= len(markers); i++ {
		m := "P" + strconv.Itoa(i)
		if strings.Contains(markers[m].name, part) {
			return m
		}
	}
	t.Fatalf("no passage %s among %v", part, markers)
	return ""
}

func modelAnswer(t *testing.T, answer string) advisor.Advice {
	t.Helper()
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: e2eReading}, llmtest.Reply{Content: answer})
	a := modelAdvisor(t, srv, nil)
	adv, err := a.Advise(context.Background(), advisor.Question{Text: e2eQuestion})
	if err != nil {
		t.Fatal(err)
	}
	if adv.Mode != advisor.ModeLLM {
		t.Fatalf("mode %q, fallback %q", adv.Mode, adv.Usage.Fallback)
	}
	return adv
}

func TestModelQuotationsAreGrounded(t *testing.T) {
	markers := markersOf(t)
	p17 := markerFor(t, markers, "《中国共产党问责条例》第十七条")
	other := markerFor(t, markers, "三个区分开来")
	const closing = "\n\n以上为初步参考意见。"
	cases := []struct {
		name    string
		answer  string
		absent  []string
		present []string
		check   []string
	}{
		{
			name:    "the issue's answer: invented article, unknown marker, invented quotation with a real marker, a decision",
			answer:  "根据《中国共产党问责条例》第九十九条，你的情况可以直接免责[P9]。“凡是招商引资失误一律免责”[" + p17 + "]。" + closing,
			absent:  []string{"凡是招商引资失误一律免责", "第九十九条", "可以直接免责", "免责”（《问责条例》第十七条）", "〕（《问责条例》第十七条）"},
			present: []string{"〔引文与条文原文不符，已删去〕", "最终由有管辖权的党组织或纪检监察机关依程序认定"},
			check:   []string{"removed_markers=P9", "removed_quotes=1", "dropped_markers=" + p17, "removed_articles=1", "replaced_decisions=1"},
		},
		{
			name:    "a quotation attributed by the article number, without a marker",
			answer:  "《中国共产党问责条例》第十七条规定“招商引资中的一切失误均可免予问责”。" + closing,
			absent:  []string{"一切失误均可免予问责"},
			present: []string{"第十七条规定〔引文与条文原文不符，已删去〕"},
			check:   []string{"removed_quotes=1"},
		},
		{
			name:    "a quotation attributed by its position under a line naming the article",
			answer:  "《中国共产党问责条例》第十七条[" + p17 + "]规定：\n- “在推进改革中因缺乏经验、先行先试出现的失误”\n- “为推动发展而出现的任何违规行为均可免责”" + closing,
			absent:  []string{"任何违规行为均可免责"},
			present: []string{"“在推进改革中因缺乏经验、先行先试出现的失误”"},
			check:   []string{"quotes=1", "removed_quotes=1"},
		},
		{
			name:   "a quotation stitched from two passages",
			answer: "《中国共产党问责条例》第十七条[" + p17 + "]规定“可以不予问责或者免予问责，" + "STITCH" + "”。" + closing,
			absent: []string{"可以不予问责或者免予问责，"},
			check:  []string{"stitched_quotes=1"},
		},
		{
			name:    "decisions in other words",
			answer:  "**初步判断**：肯定能容错。\n\n如果收了好处，一定会被处分。" + closing,
			absent:  []string{"肯定能容错", "一定会被处分"},
			present: []string{"**初步判断**：" + verdictWords(t)},
			check:   []string{"replaced_decisions=2"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// STITCH: words of another passage, as the model was given them.
			answer := strings.Replace(c.answer, "STITCH", stitchWords(t, markers[other].text), 1)
			adv := modelAnswer(t, answer)
			for _, s := range c.absent {
				if strings.Contains(adv.Answer, s) {
					t.Errorf("answer keeps %q:\n%s", s, adv.Answer)
				}
			}
			for _, s := range c.present {
				if !strings.Contains(adv.Answer, s) {
					t.Errorf("answer lacks %q:\n%s", s, adv.Answer)
				}
			}
			for _, s := range c.check {
				if !strings.Contains(" "+adv.Usage.Check+" ", " "+s+" ") {
					t.Errorf("usage record %q does not note %q", adv.Usage.Check, s)
				}
			}
			for _, cit := range adv.Citations {
				if p := embeddedKB(t).Provision(cit.ID); p == nil || !strings.Contains(p.Text, cit.Quote) {
					t.Errorf("citation %+v is not stored text", cit)
				}
			}
		})
	}
}

// stitchWords returns ten characters of a passage's text without
// punctuation in them.
func stitchWords(t *testing.T, text string) string {
	t.Helper()
	rs := []rune(text)
	for i := 0; i+10 <= len(rs); i++ {
		if s := string(rs[i : i+10]); !strings.ContainsAny(s, "，。；：、（）“”") {
			return s
		}
	}
	t.Fatalf("no ten characters without punctuation in %q", text)
	return ""
}

// verdictWords is what replaces a decision in an answer to e2eQuestion: the
// wording of the verdict the rules give it.
func verdictWords(t *testing.T) string {
	t.Helper()
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: e2eReading})
	adv, err := modelAdvisor(t, srv, nil).Advise(context.Background(), advisor.Question{Text: e2eQuestion})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"likely_tolerable": "初步看，倾向于可以容错免责或从轻处理",
		"not_tolerable":    "初步看，倾向于不属于容错范围",
		"needs_more_facts": "目前还不能下结论，需要补充关键事实",
	}[string(adv.Verdict)]
}
