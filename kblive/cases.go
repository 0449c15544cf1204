package kblive

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"rongcuo/importer"
	"rongcuo/internal/chinatime"
	"rongcuo/knowledge"
)

// CaseInput is a case as staff enter it, field by field (the Telegram
// guided flow asks title, region, field, facts, outcome, reasons, source).
type CaseInput struct {
	Title        string
	Region       string
	Year         string // four digits; empty takes the current year, and the preview says so
	Field        string // one of knowledge.Fields
	Outcome      string // one of knowledge.Outcomes
	Criteria     []string
	Facts        string
	Handling     string // empty: the outcome is the handling
	Reasons      string
	Source       string // where the case was read: a URL or a document
	Illustrative bool   // invented for teaching
	Verification string // empty: unverified
}

// caseProblems lists what is missing or invalid in a case, each a Chinese
// sentence; none when the case can be stored.
func caseProblems(in CaseInput) []string {
	var out []string
	for _, f := range []struct{ name, v string }{
		{"标题", in.Title}, {"地区", in.Region}, {"领域", in.Field}, {"事实", in.Facts},
		{"处理结果", in.Outcome}, {"理由", in.Reasons}, {"来源", in.Source},
	} {
		if strings.TrimSpace(f.v) == "" {
			out = append(out, "缺少"+f.name)
		}
	}
	if in.Field != "" && !slices.Contains(knowledge.Fields, in.Field) {
		out = append(out, fmt.Sprintf("领域“%s”无效，可选：%s", in.Field, strings.Join(knowledge.Fields, "、")))
	}
	if in.Outcome != "" && !slices.Contains(knowledge.Outcomes, in.Outcome) {
		out = append(out, fmt.Sprintf("处理结果“%s”无效，可选：%s", in.Outcome, strings.Join(knowledge.Outcomes, "、")))
	}
	if y := in.Year; y != "" {
		if n, err := strconv.Atoi(y); err != nil || len(y) != 4 || n < 1949 {
			out = append(out, fmt.Sprintf("年份“%s”无效，应为四位年份，如 2023", y))
		}
	}
	if v := in.Verification; v != "" && !slices.Contains([]string{knowledge.Verified, knowledge.Partial, knowledge.Unverified}, v) {
		out = append(out, fmt.Sprintf("核实程度“%s”无效，可选：verified、partial、unverified", v))
	}
	out = append(out, knowledge.IllustrativeProblems(&knowledge.Case{Title: strings.TrimSpace(in.Title), Region: strings.TrimSpace(in.Region),
		Source: strings.TrimSpace(in.Source), Illustrative: in.Illustrative, Verification: cmp.Or(in.Verification, knowledge.Unverified)})...)
	return out
}

// CaseID is the id a new case gets: stable for the same title and region,
// so entering the same case twice replaces it (with a version check)
// instead of adding a copy.
func CaseID(in CaseInput) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(in.Title) + "\x00" + strings.TrimSpace(in.Region)))
	return "case-" + hex.EncodeToString(sum[:5])
}

// PreviewCase validates a case entered by staff and stages it.
func (s *Service) PreviewCase(ctx context.Context, in CaseInput, by string) (*Preview, error) {
	if problems := caseProblems(in); len(problems) > 0 {
		return nil, fail(Invalid, "案例不完整，没有保存：\n"+strings.Join(problems, "\n"), "invalid case: %s", strings.Join(problems, "; "))
	}
	var notes []string
	if in.Year == "" {
		in.Year = strconv.Itoa(s.opt.Now().In(chinatime.Zone).Year())
		notes = append(notes, "没有填写年份，按录入年份 "+in.Year+" 记录")
	}
	if strings.TrimSpace(in.Handling) == "" {
		in.Handling = "处理结果：" + in.Outcome + "。"
	}
	c := &knowledge.Case{ID: CaseID(in), Title: in.Title, Region: in.Region, Year: in.Year, Field: in.Field, Outcome: in.Outcome,
		Criteria: in.Criteria, Source: in.Source, Illustrative: in.Illustrative, Verification: cmp.Or(in.Verification, knowledge.Unverified),
		Facts: paragraphs(in.Facts), Handling: paragraphs(in.Handling), Reasons: paragraphs(in.Reasons)}
	text := string(knowledge.FormatCase(c))
	_, back, problems := knowledge.ParseText(c.ID, text)
	if back == nil {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Msg
		}
		return nil, fail(Invalid, "案例无法保存："+strings.Join(msgs, "；"), "case does not read back: %v", problems)
	}
	it := &importer.Item{Name: c.ID, Format: "case", Case: back, Text: text, Warnings: notes}
	p, err := s.PreviewBatch(ctx, &importer.Batch{Items: []*importer.Item{it}}, by)
	if err != nil {
		return nil, err
	}
	p.Action = "case"
	return p, nil
}

// paragraphs keeps one paragraph a line, without blank lines, which the
// case format would otherwise drop or merge.
func paragraphs(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if strings.HasPrefix(l, "#") {
				l = "＃" + l[1:]
			}
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
