package knowledge

import (
	"fmt"
	"strings"
)

var caseKeys = map[string]bool{
	"id": true, "kind": true, "title": true, "region": true, "year": true, "field": true,
	"outcome": true, "criteria": true, "source": true, "illustrative": true, "verification": true,
}

// Case body sections, in the order they are written.
const (
	sectionFacts    = "事实"
	sectionHandling = "处理"
	sectionReasons  = "理由"
)

// parseCase builds a case from a front-matter file. Unlike a document, a case
// has nowhere to keep unknown keys, so they are warned about: a misspelt
// "illustrative" would otherwise silently present an invented case as real.
func parseCase(file string, fm *frontMatter, body []string, bodyLine int) fileResult {
	var res fileResult
	res.problems = append(res.problems, fm.require(file, "id", "kind", "title", "region", "year", "field", "outcome", "verification")...)
	res.problems = append(res.problems, fm.id(file)...)
	res.problems = append(res.problems, fm.oneOf(file, "field", Fields)...)
	res.problems = append(res.problems, fm.oneOf(file, "outcome", Outcomes)...)
	res.problems = append(res.problems, fm.oneOf(file, "verification", verifications)...)
	if y := fm.get("year"); y != "" && (len(y) != 4 || !validDate(y)) {
		res.problems = append(res.problems, Problem{file, fm.line("year"), fmt.Sprintf("year 的值“%s”无效，应为四位年份", y)})
	}
	illustrative, ps := fm.boolean(file, "illustrative")
	res.problems = append(res.problems, ps...)
	for _, k := range fm.keys {
		if !caseKeys[k] {
			res.warnings = append(res.warnings, Problem{file, fm.line(k), "案例不认识字段 " + k + "，已忽略"})
		}
	}

	c := &Case{
		ID:           fm.get("id"),
		Title:        fm.get("title"),
		Region:       fm.get("region"),
		Year:         fm.get("year"),
		Field:        fm.get("field"),
		Outcome:      fm.get("outcome"),
		Criteria:     splitList(fm.get("criteria")),
		Source:       fm.get("source"),
		Illustrative: illustrative,
		Verification: fm.get("verification"),
		File:         file,
		Line:         1,
	}
	sections, ps, ws := caseSections(file, body, bodyLine)
	res.problems = append(res.problems, ps...)
	res.warnings = append(res.warnings, ws...)
	c.Facts, c.Handling, c.Reasons = sections[sectionFacts], sections[sectionHandling], sections[sectionReasons]
	if len(res.problems) == 0 {
		res.kase = c
	}
	return res
}

// caseSections reads the "## 事实", "## 处理" and "## 理由" sections. Deeper
// headings stay in the text; other "##" sections are warned about and left
// out, and text before the first section is left out too.
func caseSections(file string, body []string, bodyLine int) (map[string]string, []Problem, []Problem) {
	var problems, warnings []Problem
	texts := make(map[string][]string, 3)
	lines := make(map[string]int, 3)
	current := ""
	for _, p := range collectParas(body, bodyLine) {
		if p.kind == paraHeading && p.level <= 2 {
			name := strings.ReplaceAll(p.text, " ", "")
			switch name {
			case sectionFacts, sectionHandling, sectionReasons:
				if at, dup := lines[name]; dup {
					problems = append(problems, Problem{file, p.line, fmt.Sprintf("小节“%s”重复（第 %d 行已有）", name, at)})
				}
				lines[name], current = p.line, name
			default:
				warnings = append(warnings, Problem{file, p.line, fmt.Sprintf("案例小节“%s”不是 事实、处理、理由 之一，已忽略", p.text)})
				current = ""
			}
			continue
		}
		if current != "" {
			texts[current] = append(texts[current], p.text)
		}
	}
	out := make(map[string]string, 3)
	for _, name := range []string{sectionFacts, sectionHandling, sectionReasons} {
		at, ok := lines[name]
		switch {
		case !ok:
			problems = append(problems, Problem{file, bodyLine, fmt.Sprintf("缺少“## %s”小节", name)})
		case len(texts[name]) == 0:
			problems = append(problems, Problem{file, at, fmt.Sprintf("“## %s”小节是空的", name)})
		}
		out[name] = strings.Join(texts[name], "\n")
	}
	return out, problems, warnings
}
