package advisor

import (
	"strconv"
	"strings"

	"rongcuo/assess"
)

// The offline answer follows ANSWER.md: conclusion first, the provisions
// quoted, the criteria one by one, similar cases, what to do now, and one line
// on what the answer is not.

const disclaimer = "以上为初步参考意见，是否容错、如何处理，由有管辖权的党组织或纪检监察机关依程序认定。"

func itoa(n int) string { return strconv.Itoa(n) }

// compose writes the offline answer for a reading.
func (a *Advisor) compose(r *Reading) Advice {
	adv := Advice{Intent: r.Intent, Mode: ModeOffline, Facts: r.Facts, Criteria: []assess.Criterion{}, Citations: []Citation{}, Cases: []CaseRef{}, FollowUp: []string{}}
	var body string
	switch r.Intent {
	case IntentAssessment:
		body = a.composeAssessment(r, &adv)
	case IntentDefinition:
		body = a.composeDefinition(r, &adv)
	case IntentProcedure:
		body = a.composeProcedure(r, &adv)
	case IntentRefused:
		body = a.composeRefusal(r, &adv)
	default:
		body = composeOutOfScope()
	}
	body = withVersions(body, r.Versions, r.Intent != IntentAssessment)
	notes := append([]string(nil), r.Notes...)
	if r.Injection && r.Intent == IntentAssessment {
		notes = append(notes, "您的消息中有要求我改变规则或直接给出结论的内容，已忽略；以下只按您讲的事实分析。")
	}
	if len(notes) > 0 {
		body = strings.Join(notes, "\n") + "\n\n" + body
	}
	adv.Answer = body
	adv.Note = strings.Join(r.Notes, "\n")
	if r.terms != nil {
		// Only the citations read the case's bigrams; made again if the
		// reading is composed again.
		r.terms.release()
		r.terms = nil
	}
	return adv
}

// answerBuilder writes sections separated by blank lines: each section's
// lines that are not empty, one a line; a section without any is left out.
// The pieces are kept and the text made once, at its final size.
type answerBuilder struct{ pieces []string }

func (b *answerBuilder) para(lines ...string) {
	first := true
	for _, l := range lines {
		if l == "" {
			continue
		}
		switch {
		case !first:
			b.pieces = append(b.pieces, "\n")
		case len(b.pieces) > 0:
			b.pieces = append(b.pieces, "\n\n")
		}
		first = false
		b.pieces = append(b.pieces, l)
	}
}

func (b *answerBuilder) String() string { return strings.Join(b.pieces, "") }
