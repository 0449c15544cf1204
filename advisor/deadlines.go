package advisor

import (
	"regexp"
	"strings"

	"rongcuo/knowledge"
)

// Appeal deadlines differ by the kind of decision: 监察机关 decisions (监察法),
// a civil servant's personnel decisions (公务员法), 问责 decisions (问责条例,
// whose appeal article is not verified). A question about appealing a 问责
// decision gets the knowledge base's own warning that the deadline is not
// verified, never a deadline borrowed from the other kinds.

var (
	accountabilityAsk = regexp.MustCompile(`问责`)
	appealAsk         = regexp.MustCompile(`申诉|复查|复审|复核|不服|期限|时限|多长时间|多久|几天|多少天`)
	// unverifiedDeadline finds, in the knowledge base's text, a sentence that
	// says a 问责 decision's appeal deadline is not verified.
	unverifiedDeadline = regexp.MustCompile(`[^。；\n]*问责[^。；\n]*(?:申诉|复查)[^。；\n]*(?:未核实|待核对)[^。；\n]*[。；]?`)
)

// deadlineWarning returns the lines that keep a 问责 appeal deadline marked
// unverified, for a question about appealing a 问责 decision; none when the
// question is about other decisions or the knowledge base marks no such
// deadline unverified.
func (a *Advisor) deadlineWarning(r *Reading) []string {
	q := r.Question
	if !accountabilityAsk.MatchString(q) || !appealAsk.MatchString(q) {
		return nil
	}
	var said string
	var from *knowledge.Provision
	for _, h := range r.Provisions {
		if s := unverifiedDeadline.FindString(h.Provision.Text); s != "" {
			said, from = s, h.Provision
			break
		}
	}
	if said == "" {
		for _, p := range a.ix.KB().Provisions() {
			if s := unverifiedDeadline.FindString(p.Text); s != "" {
				said, from = s, p
				break
			}
		}
	}
	if said == "" {
		return nil
	}
	return []string{
		"- " + strings.TrimSpace(said) + "（见" + citeName(from) + "）",
		"- 《监察法》的复审、复核期限针对监察机关的处理决定，《公务员法》的复核、申诉期限针对公务员的人事处理，不能直接套用到问责决定上；请以作出问责决定的党组织书面告知的期限和方式为准，尽早提出。",
	}
}
