package advisor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"rongcuo/assess"
	"rongcuo/knowledge"
	"rongcuo/prompts"
)

// Chat is what the model writer needs of a chat model service; *llm.Client
// has it. Stream passes each piece of text to onDelta as it arrives.
type Chat interface {
	Stream(ctx context.Context, msgs []prompts.Message, onDelta func(string)) (prompts.Reply, error)
	Structured(ctx context.Context, msgs []prompts.Message, s prompts.Schema) (prompts.Reply, error)
}

// ModelOptions tune a ModelWriter. Zero values take the defaults.
type ModelOptions struct {
	// Redactor replaces personal details before any text leaves; nil
	// redacts the pattern kinds only (phones, ID cards, bank cards, e-mail
	// addresses, licence plates).
	Redactor      *Redactor
	Logger        *slog.Logger // default slog.Default()
	MaxProvisions int          // provisions given to the model, default 6
	MaxCases      int          // cases given to the model, default 3
	MaxChars      int          // length the answer prompt asks for, default 900
}

// ModelWriter is the Model that has a language model write the answer from
// the reading: it reads the facts into the criteria as structured output,
// lets the rules decide, streams an answer grounded in numbered passages and
// checks that answer before returning it. Every failure is an error, so the
// advisor falls back to its offline answer.
type ModelWriter struct {
	chat  Chat
	kb    *knowledge.KB
	names map[string][]*knowledge.Document
	opts  ModelOptions
}

var _ Model = (*ModelWriter)(nil)

// NewModelWriter returns a model writer over a knowledge base, which the
// grounding check consults for every article an answer names.
func NewModelWriter(kb *knowledge.KB, c Chat, opts ModelOptions) *ModelWriter {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxProvisions <= 0 {
		opts.MaxProvisions = 6
	}
	if opts.MaxCases <= 0 {
		opts.MaxCases = 3
	}
	if opts.MaxChars <= 0 {
		opts.MaxChars = 900
	}
	return &ModelWriter{chat: c, kb: kb, names: docNames(kb), opts: opts}
}

// Failures of a model answer beyond the service's own.
var (
	ErrModelTruncated = errors.New("advisor: the model's answer was cut at its length limit")
	ErrModelFiltered  = errors.New("advisor: the model service withheld its answer (content filter)")
	ErrModelEmpty     = errors.New("advisor: the model's answer was empty after the check")
)

// maxPassageRunes bounds one passage's text in the prompt; a longer article
// is given up to a sentence end, so its quotations stay exact.
const maxPassageRunes = 800

// Answer writes the answer for a reading. See Model.
func (w *ModelWriter) Answer(ctx context.Context, r *Reading, offline Advice, onText func(string)) (Advice, error) {
	start := time.Now()
	sess := w.opts.Redactor.Session()
	sys := prompts.System{Disclaimer: disclaimer}
	var use callUsage

	provs, cases := w.passages(r)
	adv := Advice{Intent: r.Intent, Mode: ModeLLM, Facts: r.Facts, Note: offline.Note,
		Criteria: []assess.Criterion{}, Citations: []Citation{}, Cases: []CaseRef{}, FollowUp: []string{}}
	data := prompts.Answer{Intent: string(r.Intent), Question: r.Question, CaseText: r.CaseText, MaxChars: w.opts.MaxChars}
	checks := []string{}
	if r.Intent == IntentAssessment {
		read, err := w.assess(ctx, r, sess, sys, &use)
		if err != nil {
			return offline, fmt.Errorf("advisor: model assessment: %w", err)
		}
		as := read.assessment
		checks = append(checks, read.check)
		adv.Verdict, adv.Criteria, adv.Facts, adv.FollowUps = as.Verdict, as.Criteria, read.facts, as.FollowUps
		for _, f := range as.FollowUps {
			adv.FollowUp = append(adv.FollowUp, f.Question)
		}
		data.Verdict = string(as.Verdict)
		for _, c := range as.Criteria {
			data.Criteria = append(data.Criteria, prompts.Criterion{Key: c.Key, Label: c.Label, Status: string(c.Status), Evidence: c.Evidence})
		}
		data.FollowUps = adv.FollowUp
		data.Uncertain = read.uncertain
	}
	markers := map[string]*knowledge.Provision{}
	caseMarkers := map[string]*knowledge.Case{}
	for i, p := range provs {
		m := "P" + itoa(i+1)
		markers[m] = p
		data.Provisions = append(data.Provisions, passage(w.kb, m, p))
		adv.Usage.Passages = append(adv.Usage.Passages, p.ID)
	}
	for i, c := range cases {
		m := "C" + itoa(i+1)
		caseMarkers[m] = c
		data.Cases = append(data.Cases, prompts.CasePassage{Marker: m, Title: c.Title, Region: c.Region, Year: c.Year, Outcome: c.Outcome,
			Illustrative: c.Illustrative, Facts: c.Facts, Handling: c.Handling, Reasons: c.Reasons})
		adv.Usage.Passages = append(adv.Usage.Passages, c.ID)
	}
	msgs, err := prompts.AnswerMessages(sys, data)
	if err != nil {
		return offline, fmt.Errorf("advisor: model answer: %w", err)
	}
	redactAll(sess, msgs)

	pre := preamble(r, offline)
	var raw strings.Builder
	var first time.Duration
	reply, err := w.chat.Stream(ctx, msgs, func(d string) {
		if first == 0 {
			first = time.Since(start)
		}
		raw.WriteString(d)
		if onText != nil {
			// Markers are for the check; the reader sees the text without them.
			onText(joinParas(pre, markerRe.ReplaceAllString(sess.Restore(raw.String()), "")))
		}
	})
	use.add(reply)
	if err != nil {
		return offline, fmt.Errorf("advisor: model answer: %w", err)
	}
	switch reply.FinishReason {
	case "length":
		return offline, ErrModelTruncated
	case "content_filter":
		return offline, ErrModelFiltered
	}
	text := sess.Restore(reply.Text)

	g := &grounding{names: w.names, provs: markers, cases: caseMarkers, caseText: r.CaseText, terms: w.kb.Terms, verdict: adv.Verdict, log: w.opts.Logger}
	res := g.check(text)
	body := finishAnswer(res.Text, data.Uncertain)
	if substance(body) < 10 {
		return offline, ErrModelEmpty
	}
	adv.Answer = joinParas(pre, withVersions(body, append(slices.Clone(r.Versions), w.supersededNotes(res.Provisions)...), r.Intent != IntentAssessment))
	for _, p := range res.Provisions {
		q, ok := res.Quotes[p.ID]
		if !ok {
			q = chooseQuote(p, r.CaseText).Text
		}
		adv.Citations = append(adv.Citations, Citation{ID: p.ID, Document: docTitle(p), Article: p.Article, Quote: q, Verified: p.QuoteVerified(q)})
	}
	for _, c := range res.Cases {
		adv.Cases = append(adv.Cases, caseRef(c))
	}
	checks = append(checks, res.Summary())
	if n := sess.Len(); n > 0 {
		checks = append(checks, "redacted="+itoa(n))
	}
	adv.Usage = Usage{
		Model: use.model, PromptVersion: prompts.Version,
		PromptTokens: use.prompt, CompletionTokens: use.completion,
		FirstToken: first, Total: time.Since(start),
		Passages: adv.Usage.Passages, Check: strings.Join(checks, " "),
	}
	return adv, nil
}

// caseReading is what the model's reading of a case gives the answer.
type caseReading struct {
	assessment assess.Assessment // the rules' assessment of the merged facts
	facts      assess.Facts
	uncertain  []string // sentences the answer must show about uncertain points
	// check is how the reading went, for the usage record:
	// "assessment=model" (with "ungrounded_evidence=N" when the model quoted
	// words the cadre never wrote), "assessment=rules(invalid)" or
	// "assessment=rules(error)".
	check string
}

// assess has the model read the case into the criteria. Where the model
// fails or keeps answering out of form, the rules' reading stands and the
// answer is still written; where it is too slow, or the caller is gone, the
// error is returned: the answer call would keep the cadre waiting as long
// again before the offline answer.
func (w *ModelWriter) assess(ctx context.Context, r *Reading, sess *Redaction, sys prompts.System, use *callUsage) (caseReading, error) {
	rules := caseReading{assessment: r.Assessment, facts: r.Facts, check: "assessment=rules(error)"}
	data := prompts.Assess{CaseText: r.CaseText}
	seen := r.CaseText
	for _, k := range criterionKeys {
		f := r.Facts[k]
		c := prompts.Criterion{Key: k, Label: assess.Label(k), Meaning: criterionMeaning[k], Status: string(status(f)),
			Negative: slices.Contains(assess.NegativeKeys, k), Critical: slices.Contains(assess.CriticalKeys, k)}
		if f.Answered {
			line := c.Label + "：" + prompts.StatusText(c.Status) + "（回答追问：" + f.Evidence + "）"
			data.Answers = append(data.Answers, line)
			seen += "\n" + line
		} else {
			c.Evidence = f.Evidence
		}
		data.Criteria = append(data.Criteria, c)
	}
	msgs, err := prompts.AssessMessages(sys, data)
	if err != nil {
		return rules, nil
	}
	redactAll(sess, msgs)
	seen = flatSpace(seen)
	for attempt := 1; attempt <= 2; attempt++ {
		reply, err := w.chat.Structured(ctx, msgs, assessmentSchema)
		use.add(reply)
		if err != nil {
			if tooSlow(ctx, err) {
				return rules, err
			}
			w.opts.Logger.Warn("advisor: model assessment failed; the rules' assessment stands", "err", err)
			return rules, nil
		}
		facts, uncertain, ungrounded, err := parseReading(reply.Text, sess.Restore, seen)
		if err == nil {
			merged, notes := mergeFacts(r.Facts, facts)
			read := caseReading{assessment: assess.Assess(merged), facts: merged, uncertain: append(notes, uncertain...), check: "assessment=model"}
			if ungrounded > 0 {
				read.check += " ungrounded_evidence=" + itoa(ungrounded)
			}
			return read, nil
		}
		w.opts.Logger.Warn("advisor: invalid model assessment", "attempt", attempt, "err", err)
		msgs = append(msgs,
			prompts.Message{Role: prompts.RoleAssistant, Content: reply.Text},
			prompts.Message{Role: prompts.RoleUser, Content: "上面的输出不符合要求（" + err.Error() + "）。请按同一 JSON 结构重新完整输出。"})
	}
	rules.check = "assessment=rules(invalid)"
	return rules, nil
}

// tooSlow reports whether a model call failed by timing out (the error says
// Timeout(), as a net.Error and the llm adapter's timeout do) or because the
// caller gave up.
func tooSlow(ctx context.Context, err error) bool {
	var t interface{ Timeout() bool }
	return ctx.Err() != nil || (errors.As(err, &t) && t.Timeout())
}

// passages picks what the model is given: the best-ranked provisions, at
// most three of one document, and the best-ranked cases.
func (w *ModelWriter) passages(r *Reading) ([]*knowledge.Provision, []*knowledge.Case) {
	var provs []*knowledge.Provision
	perDoc := map[string]int{}
	for _, h := range r.Provisions {
		if len(provs) == w.opts.MaxProvisions {
			break
		}
		if perDoc[h.Provision.DocID] == 3 {
			continue
		}
		perDoc[h.Provision.DocID]++
		provs = append(provs, h.Provision)
	}
	var cases []*knowledge.Case
	for _, h := range r.Cases {
		if len(cases) == w.opts.MaxCases {
			break
		}
		cases = append(cases, h.Case)
	}
	return provs, cases
}

// callUsage adds up the model calls of one answer.
type callUsage struct {
	model              string
	prompt, completion int
}

func (u *callUsage) add(r prompts.Reply) {
	if r.Model != "" {
		u.model = r.Model
	}
	u.prompt += r.PromptTokens
	u.completion += r.CompletionTokens
}

// supersededNotes are the notes for the cited provisions of replaced
// versions, which the model's own wording does not carry.
func (w *ModelWriter) supersededNotes(cited []*knowledge.Provision) []string {
	var out []string
	for _, p := range cited {
		if n := supersededNote(w.kb, p); n != "" {
			out = append(out, citeName(p)+strings.Trim(n, "（）"))
		}
	}
	return out
}
