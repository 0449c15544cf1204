package redisstore

import (
	"strings"
	"unicode/utf8"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
)

// LogFilter selects answers for /logs. The zero filter takes every answer.
type LogFilter struct {
	Intent  string // an advisor intent
	Verdict string // an assessment verdict
	Mode    string // offline or llm
	Rating  string // up or down: answers rated so
	Errors  bool   // answers that recorded an error
	User    string // a prefix of the pseudonymous user id
	Text    string // words found in the question, the answer or the cited ids
}

// logWords maps the words an admin may type to filter fields.
var logWords = map[string]func(*LogFilter){}

func init() {
	for _, i := range []advisor.Intent{advisor.IntentAssessment, advisor.IntentDefinition, advisor.IntentProcedure, advisor.IntentOutOfScope, advisor.IntentRefused} {
		logWords[string(i)] = func(f *LogFilter) { f.Intent = string(i) }
	}
	for _, v := range []assess.Verdict{assess.LikelyTolerable, assess.NotTolerable, assess.NeedsMoreFacts} {
		logWords[string(v)] = func(f *LogFilter) { f.Verdict = string(v) }
	}
	for _, m := range []string{advisor.ModeOffline, advisor.ModeLLM} {
		logWords[m] = func(f *LogFilter) { f.Mode = m }
	}
	for _, w := range []string{"up", "👍", "好评"} {
		logWords[w] = func(f *LogFilter) { f.Rating = "up" }
	}
	for _, w := range []string{"down", "👎", "差评"} {
		logWords[w] = func(f *LogFilter) { f.Rating = "down" }
	}
	for _, w := range []string{"error", "errors", "错误"} {
		logWords[w] = func(f *LogFilter) { f.Errors = true }
	}
}

// maxFilterText bounds the free text of a filter, which is matched against
// every record read.
const maxFilterText = 100

// ParseLogFilter reads the words after /logs N: intent, verdict and mode
// names (assessment, not_tolerable, llm…), up / down (👍 / 👎), error,
// user:PSEUDONYM-PREFIX, and any other words, which must all appear in the
// question, the answer or the cited provision ids.
func ParseLogFilter(s string) LogFilter {
	var f LogFilter
	var text []string
	for _, w := range strings.Fields(s) {
		lw := strings.ToLower(w)
		if set, ok := logWords[lw]; ok {
			set(&f)
			continue
		}
		if id, ok := strings.CutPrefix(lw, "user:"); ok && isHex(id) {
			f.User = id
			continue
		}
		text = append(text, w)
	}
	f.Text = strings.Join(text, " ")
	if utf8.RuneCountInString(f.Text) > maxFilterText {
		f.Text = string([]rune(f.Text)[:maxFilterText])
	}
	return f
}

func isHex(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// String is the filter as the audit records it.
func (f LogFilter) String() string {
	var parts []string
	for _, p := range [][2]string{{"intent", f.Intent}, {"verdict", f.Verdict}, {"mode", f.Mode}, {"rating", f.Rating}, {"user", f.User}, {"text", f.Text}} {
		if p[1] != "" {
			parts = append(parts, p[0]+"="+p[1])
		}
	}
	if f.Errors {
		parts = append(parts, "errors")
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, " ")
}

// match reports whether an answer, with its latest rating, passes.
func (f LogFilter) match(r *conversation.UsageRecord, rating string) bool {
	switch {
	case f.Intent != "" && r.Intent != f.Intent,
		f.Verdict != "" && r.Verdict != f.Verdict,
		f.Mode != "" && r.Mode != f.Mode,
		f.Rating != "" && rating != f.Rating,
		f.Errors && r.Error == "",
		f.User != "" && !strings.HasPrefix(r.User, f.User):
		return false
	}
	if f.Text == "" {
		return true
	}
	hay := strings.ToLower(r.Question + "\n" + r.Answer + "\n" + strings.Join(r.Citations, " "))
	for _, w := range strings.Fields(strings.ToLower(f.Text)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
