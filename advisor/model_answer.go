package advisor

import (
	"strings"
	"unicode/utf8"

	"rongcuo/knowledge"
	"rongcuo/prompts"
)

// The pieces around a model's answer: the passages it is given, the notices
// it starts with, and the closing it must end with.

func passage(kb *knowledge.KB, marker string, p *knowledge.Provision) prompts.Passage {
	ps := prompts.Passage{Marker: marker, Name: "《" + docTitle(p) + "》" + anchor(p), Verified: p.Verified, Text: clip(p.Text, maxPassageRunes)}
	var quotable []string
	for _, i := range p.VerifiedParas {
		quotable = append(quotable, "第"+knowledge.FormatNumeral(i)+"款")
	}
	ps.Quotable = strings.Join(quotable, "、")
	if d := p.Doc; d != nil {
		ps.Level, ps.Status = d.Level, d.Status
		if d.Region != "全国" {
			ps.Region = d.Region
		}
		if d.SupersededBy != "" {
			ps.Current = currentName(kb, p)
		}
	}
	return ps
}

// clip returns a prefix of s of at most n runes, ending at a sentence end
// when there is one in the second half.
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for i := n - 1; i > n/2; i-- {
		if rs[i] == '。' || rs[i] == '；' || rs[i] == '\n' {
			cut = i + 1
			break
		}
	}
	return string(rs[:cut])
}

func redactAll(sess *Redaction, msgs []prompts.Message) {
	for i := range msgs {
		msgs[i].Content = sess.Redact(msgs[i].Content)
	}
}

// preamble is the notices the offline answer starts with (a question cut
// short, an instruction ignored); the model's answer starts with them too.
func preamble(r *Reading, offline Advice) string {
	if len(r.Notes) == 0 && !(r.Injection && r.Intent == IntentAssessment) {
		return ""
	}
	if i := strings.Index(offline.Answer, "\n\n"); i > 0 {
		return offline.Answer[:i]
	}
	return ""
}

func joinParas(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}

// finishAnswer makes sure the answer shows what is uncertain and ends with
// the reference-opinion line, exactly once.
func finishAnswer(text string, uncertain []string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.Trim(strings.TrimSpace(l), "*_") != disclaimer {
			lines = append(lines, l)
		}
	}
	// Drop a closing line of the model's own in the same vein.
	if n := len(lines); n > 0 && isClosingLine(lines[n-1]) {
		lines = lines[:n-1]
	}
	body := tidyAnswer(strings.Join(lines, "\n"))
	if len(uncertain) > 0 && !strings.Contains(body, "不确定") && !strings.Contains(body, "不一致") && !strings.Contains(body, "核实") {
		var b strings.Builder
		b.WriteString("**不确定之处**")
		for _, u := range uncertain {
			b.WriteString("\n- " + u)
		}
		body = joinParas(body, b.String())
	}
	return joinParas(body, disclaimer)
}

// substance counts the characters of an answer that are neither markup,
// space, the closing line nor what the check put in place of removed text.
func substance(s string) int {
	s = strings.NewReplacer(disclaimer, "", removedQuote, "", removedArticle, "", unverifiedNote, "", "**", "", "- ", "").Replace(s)
	return utf8.RuneCountInString(flatSpace(s))
}

// isClosingLine recognises a model's own version of the reference-opinion
// line: short, about being for reference, and a closing remark.
func isClosingLine(l string) bool {
	l = strings.Trim(strings.TrimSpace(l), "*_（）()")
	if utf8.RuneCountInString(l) >= 80 || !strings.Contains(l, "参考") {
		return false
	}
	return strings.HasPrefix(l, "以上") || strings.HasPrefix(l, "本答复") || strings.HasPrefix(l, "说明") ||
		strings.Contains(l, "认定") || strings.Contains(l, "决定") || strings.Contains(l, "仅供")
}
