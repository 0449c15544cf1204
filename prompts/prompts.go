// Package prompts holds the prompts sent to a language model, as embedded
// text/template files, and the code that fills them: the system prompt, the
// assessment prompt (the model reads the case facts into the criteria
// structure) and the answer prompt (the model writes the answer from numbered
// passages). Every answer records Version, so a usage record says which
// prompts produced it.
//
// The package knows nothing of the knowledge base, the assessment rules or
// any model service: callers pass plain data, already redacted.
//
// Golden files under testdata/ show the rendered prompts; regenerate them
// with `go test ./prompts -update` after a deliberate change, and bump
// Version (a test fails when the templates change under the same Version).
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"
)

// Version names the prompt set. Bump it with any change to a template.
const Version = "prompts-v3"

//go:embed *.tmpl
var files embed.FS

var tmpl = template.Must(template.New("prompts").Funcs(template.FuncMap{
	"join":   strings.Join,
	"status": StatusText,
	"intent": intentText,
	"inc":    func(i int) int { return i + 1 },
}).ParseFS(files, "*.tmpl"))

// Statuses and verdicts as the templates name them; the values match the
// assessment package's, which this package does not import.
var statusNames = map[string]string{
	"favourable":   "有利",
	"unfavourable": "不利",
	"unknown":      "不清楚",
}

var verdictNames = map[string]string{
	"likely_tolerable": "倾向于可以容错免责或从轻处理",
	"not_tolerable":    "倾向于不属于容错范围",
	"needs_more_facts": "目前还不能下结论，需要补充关键事实",
}

var intentNames = map[string]string{
	"assessment": "个案评估（干部描述自己的情况，问能否容错）",
	"definition": "概念解释（问某个说法或规定是什么意思）",
	"procedure":  "程序咨询（问怎么申请、谁来认定、要准备什么）",
}

// StatusText is the plain Chinese wording of a criterion status value
// (favourable 有利, unfavourable 不利, unknown 不清楚).
func StatusText(s string) string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return s
}

func intentText(s string) string {
	if n, ok := intentNames[s]; ok {
		return n
	}
	return s
}

// verdictText is the plain Chinese wording of a verdict value.
func verdictText(v string) string {
	if n, ok := verdictNames[v]; ok {
		return n
	}
	return v
}

// System is the data of the system prompt.
type System struct {
	// Disclaimer is the reference-opinion line every answer ends with; the
	// advisor passes the same words its offline answers end with.
	Disclaimer string
}

// Criterion is one criterion of the assessment: what it means and how it
// reads for the case so far.
type Criterion struct {
	Key      string
	Label    string // e.g. 动机态度
	Meaning  string // what favourable and unfavourable mean for it
	Negative bool   // on the negative list: unfavourable rules tolerance out
	Critical bool   // likely_tolerable needs it favourable
	Status   string // favourable, unfavourable or unknown
	Evidence string
}

// Assess is the data of the assessment prompt.
type Assess struct {
	CaseText string      // the cadre's account, redacted
	Answers  []string    // follow-up questions already answered, e.g. "是否谋私：否"
	Criteria []Criterion // every criterion, with the rules' reading as Status and Evidence
}

// Passage is one provision given to the model.
type Passage struct {
	Marker   string // P1, P2, ...
	Name     string // 《中国共产党问责条例》第十七条
	Level    string // 党内法规, 法律, ...
	Status   string // 现行, 已修订, 失效
	Region   string
	Verified bool // the wording may be quoted
	// Quotable names the paragraphs verified word for word in a passage
	// not verified as a whole (第三款): only they may be quoted.
	Quotable string
	// Current names the version in force for a passage of a replaced
	// version: 2024年修正后的《监察法》第五十六条.
	Current string
	Text    string
}

// CasePassage is one case given to the model.
type CasePassage struct {
	Marker       string // C1, C2, ...
	Title        string
	Region       string
	Year         string
	Outcome      string
	Illustrative bool
	Facts        string
	Handling     string
	Reasons      string
}

// Answer is the data of the answer prompt.
type Answer struct {
	Intent     string // assessment, definition or procedure
	Question   string // redacted
	CaseText   string // redacted; for assessments
	Verdict    string // for assessments: likely_tolerable, not_tolerable, needs_more_facts
	Criteria   []Criterion
	Uncertain  []string // what the answer must say is uncertain
	FollowUps  []string // questions the front end will ask as buttons
	Provisions []Passage
	Cases      []CasePassage
	MaxChars   int // rough length limit of the answer; 0 means 900
}

// VerdictText is the wording of the answer's verdict.
func (a Answer) VerdictText() string { return verdictText(a.Verdict) }

// RenderSystem fills the system prompt.
func RenderSystem(s System) (string, error) {
	if strings.TrimSpace(s.Disclaimer) == "" {
		return "", fmt.Errorf("prompts: system: no disclaimer")
	}
	return render("system.tmpl", s)
}

// RenderAssess fills the assessment prompt.
func RenderAssess(a Assess) (string, error) {
	if strings.TrimSpace(a.CaseText) == "" {
		return "", fmt.Errorf("prompts: assess: no case text")
	}
	a.CaseText, a.Answers, a.Criteria = unfence(a.CaseText), unfenceAll(a.Answers), unfenceCriteria(a.Criteria)
	return render("assess.tmpl", a)
}

// RenderAnswer fills the answer prompt.
func RenderAnswer(a Answer) (string, error) {
	if _, ok := intentNames[a.Intent]; !ok {
		return "", fmt.Errorf("prompts: answer: intent %q has no prompt", a.Intent)
	}
	if a.MaxChars <= 0 {
		a.MaxChars = 900
	}
	a.CaseText, a.Question, a.Criteria = unfence(a.CaseText), unfence(a.Question), unfenceCriteria(a.Criteria)
	a.Uncertain, a.FollowUps = unfenceAll(a.Uncertain), unfenceAll(a.FollowUps)
	return render("answer.tmpl", a)
}

// AssessMessages returns the system and user messages of the assessment call.
func AssessMessages(s System, a Assess) ([]Message, error) {
	return pair(s, func() (string, error) { return RenderAssess(a) })
}

// AnswerMessages returns the system and user messages of the answer call.
func AnswerMessages(s System, a Answer) ([]Message, error) {
	return pair(s, func() (string, error) { return RenderAnswer(a) })
}

func pair(s System, user func() (string, error)) ([]Message, error) {
	sys, err := RenderSystem(s)
	if err != nil {
		return nil, err
	}
	u, err := user()
	if err != nil {
		return nil, err
	}
	return []Message{{Role: RoleSystem, Content: sys}, {Role: RoleUser, Content: u}}, nil
}

// fences delimit the cadre's words in the prompts; taken out of those words
// so that a message cannot close its block and pose as instructions. That
// holds for every field that may carry those words: the account and the
// question, and also the evidence, follow-up answers and uncertain points,
// which quote the account outside any block, where a fence could open a
// fake one.
var fences = strings.NewReplacer("【事实开始】", "", "【事实结束】", "", "【问题开始】", "", "【问题结束】", "")

func unfence(s string) string { return fences.Replace(s) }

// unfenceAll returns a copy of ss without fences; the caller's slice is left
// as it is.
func unfenceAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = unfence(s)
	}
	return out
}

// unfenceCriteria returns a copy of cs whose evidence has no fences.
func unfenceCriteria(cs []Criterion) []Criterion {
	out := slices.Clone(cs)
	for i := range out {
		out[i].Evidence = unfence(out[i].Evidence)
	}
	return out
}

func render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("prompts: render %s: %w", name, err)
	}
	return tidy(b.String()), nil
}

// tidy trims trailing spaces and collapses runs of blank lines that
// conditional template sections leave behind.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
