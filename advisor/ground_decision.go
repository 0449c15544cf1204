package advisor

import (
	"regexp"
	"strings"

	"rongcuo/assess"
)

// A model may write the decision itself (“可以直接免责”, “肯定能容错”, “一定会被
// 处分”). The decision belongs to the competent organ, and the assessment is
// the rules' verdict, not the model's: such a sentence is replaced by the
// verdict's wording.

// decisionRe finds a certainty word joined, through nothing but auxiliaries,
// to a decision: 直接免责, 肯定能容错, 一定会被处分, 绝对不会被追究. Hedged
// forms (不一定能容错) are not decisions.
var decisionRe = regexp.MustCompile(`(?:肯定|一定|必然|必定|绝对|铁定|百分之百|100%|毫无疑问|直接|完全)` +
	`(?:能|会|可以|可|要|将|被|予以|给予|获得|得到|不会|不能|不用|不必|不被|不属于|属于|就|都|也|是|予|获|以|地)*` +
	`(?:免责|容错|免予问责|不予问责|免于问责|免予处分|不予处分|免于处分|问责|处分|追责|追究|免职|撤职|(?:从轻|减轻|从重|加重)(?:处理|处分|问责))`)

// verdictWords is what replaces a decision, by verdict.
var verdictWords = map[assess.Verdict]string{
	assess.LikelyTolerable: "初步看，倾向于可以容错免责或从轻处理，最终由有管辖权的党组织或纪检监察机关依程序认定",
	assess.NotTolerable:    "初步看，倾向于不属于容错范围，最终由有管辖权的党组织或纪检监察机关依程序认定",
	assess.NeedsMoreFacts:  "目前还不能下结论，需要补充关键事实；最终由有管辖权的党组织或纪检监察机关依程序认定",
}

const noVerdictWords = "是否容错、如何处理，由有管辖权的党组织或纪检监察机关依程序认定"

// sentenceLead is what a sentence keeps in front of a replaced decision: a
// list mark, bold, and a short label such as 初步判断：.
var sentenceLead = regexp.MustCompile(`^\s*(?:- |\d+\. )?(?:\*\*)?(?:[^：:，,。*]{1,8}(?:\*\*)?[：:])?`)

// replaceDecisions replaces every sentence of text in which the model decides
// the case, and records each in res.
func (g *grounding) replaceDecisions(text string, res *groundResult) string {
	words, ok := verdictWords[g.verdict]
	if !ok {
		words = noVerdictWords
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		for n := 0; n < 8; n++ { // a line holds a few sentences at most
			loc := decisionAt(line)
			if loc == nil {
				break
			}
			start, end := sentenceAround(line, loc[0], loc[1])
			lead := sentenceLead.FindString(line[start:end])
			body := line[start+len(lead) : end]
			res.Decisions = append(res.Decisions, strings.TrimSpace(body))
			g.log.Warn("advisor: model answer decided the case; replaced by the verdict", "sentence", body)
			tail := ""
			if strings.HasSuffix(body, "**") {
				tail = "**"
			}
			line = line[:start] + lead + words + tail + line[end:]
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

// decisionAt finds the first decision outside quotation marks that is not
// hedged (不一定), or nil.
func decisionAt(line string) []int {
	from := 0
	for {
		loc := decisionRe.FindStringIndex(line[from:])
		if loc == nil {
			return nil
		}
		loc[0], loc[1] = loc[0]+from, loc[1]+from
		before := line[:loc[0]]
		hedged := strings.HasSuffix(before, "不") || strings.HasSuffix(before, "未必") || strings.HasSuffix(before, "并不")
		quoted := strings.Count(before, "“") > strings.Count(before, "”")
		if !hedged && !quoted {
			return loc
		}
		from = loc[1]
	}
}

// sentenceAround returns the sentence of line holding [from, to), without its
// closing punctuation.
func sentenceAround(line string, from, to int) (int, int) {
	start := strings.LastIndexAny(line[:from], "。！？!?；;") + 1
	if start > 0 {
		// LastIndexAny gives the first byte of the (multi-byte) delimiter.
		for start < len(line) && !isRuneStart(line[start]) {
			start++
		}
	}
	end := len(line)
	if i := strings.IndexAny(line[to:], "。！？!?；;"); i >= 0 {
		end = to + i
	}
	return start, end
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
