package advisor

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// ErrEmptyQuestion is returned for a question with no text in it.
var ErrEmptyQuestion = errors.New("advisor: empty question")

// DefaultMaxQuestion is how many characters of a question are read; the rest
// is left out with a note.
const DefaultMaxQuestion = 2000

// Options configure an Advisor. The zero value is the offline advisor.
type Options struct {
	MaxQuestion int // characters read from a question; 0 means DefaultMaxQuestion
	// Model, when set, writes the answer from the retrieved passages; any
	// failure falls back to the offline answer.
	Model Model
	// Vectors, when set, adds dense retrieval fused with BM25 (see fuse in
	// retrieve.go); any failure leaves retrieval as BM25 alone.
	Vectors Vectors
	// AnswerCache, when positive, keeps up to that many recent answers of
	// the offline advisor (no Model, no Vectors) for questions asked again
	// with the same case (memo.go); a service's users ask the same things.
	AnswerCache int
}

// Vectors is optional dense retrieval over the same knowledge base.
type Vectors interface {
	SearchProvisions(ctx context.Context, query string, k int) ([]knowledge.ProvisionHit, error)
	SearchCases(ctx context.Context, query string, k int) ([]knowledge.CaseHit, error)
}

// Model is what the advisor needs of a language model. The offline advisor
// has none.
type Model interface {
	// Answer writes a grounded answer for the reading, or fails; offline is
	// the answer the rules composed, returned unchanged on failure.
	Answer(ctx context.Context, r *Reading, offline Advice, onText func(string)) (Advice, error)
}

// Advisor answers cadres' questions from a knowledge base. It is stateless
// and safe for concurrent use: the conversation is passed in with each
// question.
type Advisor struct {
	ix           *knowledge.Index
	kb           *knowledge.KB
	opts         Options
	concepts     *conceptCache
	docNames     map[string][]string     // normalised short name and title of each document
	mentionWords map[string][]string     // words naming a local document (see mentions)
	caseFacts    map[string]assess.Facts // each case's factors, read by the extractor (precedent.go)
	memo         *memo                   // recent answers, when Options.AnswerCache is set
	priorWords   *docWords               // docNames and mentionWords, found in one pass
}

// New returns an advisor over the index.
func New(ix *knowledge.Index, opts Options) *Advisor {
	if opts.MaxQuestion <= 0 {
		opts.MaxQuestion = DefaultMaxQuestion
	}
	a := &Advisor{ix: ix, kb: ix.KB(), opts: opts, concepts: &conceptCache{}, docNames: map[string][]string{}, mentionWords: map[string][]string{},
		caseFacts: map[string]assess.Facts{}}
	for _, c := range a.kb.Cases {
		a.caseFacts[c.ID] = caseFactors(c)
	}
	if opts.AnswerCache > 0 && opts.Model == nil && opts.Vectors == nil {
		a.memo = newMemo(opts.AnswerCache)
	}
	for _, d := range a.kb.Documents {
		if !isNational(d) {
			a.mentionWords[d.ID] = mentionWords(d)
		}
		for _, n := range []string{d.Short, d.Title} {
			if n != "" {
				a.docNames[d.ID] = append(a.docNames[d.ID], knowledge.Normalize(n))
			}
		}
	}
	a.priorWords = newDocWords(a.docNames, a.mentionWords)
	return a
}

// Options returns the advisor's options, e.g. to build a variant of it.
func (a *Advisor) Options() Options { return a.opts }

// Index returns the search index the advisor reads.
func (a *Advisor) Index() *knowledge.Index { return a.ix }

// Reading is everything the advisor worked out about a question before
// writing the answer: the intent, the case facts, the assessment and the
// passages found. A model writes its answer from it.
type Reading struct {
	Question   string // the cleaned question
	CaseText   string // the case so far: earlier user turns of the case and this question
	Intent     Intent
	Injection  bool // the question tried to instruct the assistant; ignored
	Facts      assess.Facts
	Assessment assess.Assessment // for IntentAssessment
	Provisions []knowledge.ProvisionHit
	Cases      []knowledge.CaseHit
	Notes      []string // notices for the user, e.g. that the question was cut
	// Precedent is the close case that settled a needs_more_facts verdict.
	Precedent *comparison
	// Versions are notes on the versions of the rules: an old article
	// number's current one, the version in force at the time of the act.
	Versions []string

	refusal  string          // why a refused question was refused: falsify, privacy or dictate
	told     bool            // the message itself states facts of a case
	norm     string          // CaseText normalised for matching
	concepts []weightedQuery // the concept queries of this reading
	terms    *bigramSet      // bigrams of the case and concepts, for choosing quotes
}

// Advise answers one question.
func (a *Advisor) Advise(ctx context.Context, q Question) (Advice, error) {
	compute := func() (Advice, error) {
		adv, _, err := a.AdviseReading(ctx, q)
		return adv, err
	}
	if a.memo != nil {
		return a.memo.advise(ctx, q, compute)
	}
	return compute()
}

// AdviseReading answers one question and also returns the reading behind the
// answer, for evaluation and diagnostics.
func (a *Advisor) AdviseReading(ctx context.Context, q Question) (Advice, *Reading, error) {
	start := time.Now()
	r, err := a.Read(ctx, q)
	if err != nil {
		return Advice{}, nil, err
	}
	adv := a.compose(r)
	if a.opts.Model != nil && modelWrites(r.Intent) {
		if err := ctx.Err(); err != nil {
			return Advice{}, nil, err
		}
		adv = a.withModel(ctx, r, adv, q.OnText)
	}
	adv.Usage.Total = time.Since(start)
	return adv, r, nil
}

// modelWrites reports whether a model may write the answer for an intent;
// refusals and out-of-scope replies are fixed texts.
func modelWrites(i Intent) bool {
	return i == IntentAssessment || i == IntentDefinition || i == IntentProcedure
}

func (a *Advisor) withModel(ctx context.Context, r *Reading, offline Advice, onText func(string)) Advice {
	adv, err := a.opts.Model.Answer(ctx, r, offline, onText)
	if err != nil {
		const note = "智能问答服务暂时不可用，以下为依据知识库生成的离线答复。"
		offline.Note = joinNotes(offline.Note, note)
		offline.Answer = note + "\n\n" + offline.Answer
		offline.Usage.Fallback = err.Error()
		return offline
	}
	return adv
}

// Read works out the intent, facts, assessment and passages of a question.
func (a *Advisor) Read(ctx context.Context, q Question) (*Reading, error) {
	text, cut := clean(q.Text, a.opts.MaxQuestion)
	if text == "" {
		return nil, ErrEmptyQuestion
	}
	r := &Reading{Question: text}
	if cut {
		r.Notes = append(r.Notes, "您的问题较长，以下仅根据前 "+itoa(a.opts.MaxQuestion)+" 字作答；如有关键情况在后面，请分条补充。")
	}
	extracted := assess.Extract(text)
	cl := classifyMessage(text, extracted, len(q.Facts) > 0)
	r.Intent, r.Injection, r.refusal = cl.Intent, cl.Injection, cl.Reason
	r.told = stated(extracted)

	switch r.Intent {
	case IntentAssessment:
		r.Facts = assess.Merge(q.Facts, extracted)
		r.Assessment = assess.Assess(r.Facts)
		r.CaseText = caseText(q.History, text)
	default:
		r.Facts = q.Facts // a side question does not change the case
		r.CaseText = text
	}
	r.norm = knowledge.Normalize(r.CaseText)
	r.concepts = conceptQueries(r)
	a.retrieve(ctx, r)
	if r.Intent == IntentAssessment {
		if p := a.strongPrecedent(r); p != nil {
			// A close precedent settles what the facts left open.
			r.Assessment = assess.SettleByPrecedent(r.Assessment, r.Facts)
			r.Precedent = p
		}
		if r.Assessment.Verdict == assess.LikelyTolerable && foreignStory(text) {
			// The extractor reads Chinese: a story told partly in another
			// language may hold the decisive fact (a relative's company, a
			// gift) in the part it did not read. A hedge, never a verdict
			// in the wrong direction.
			r.Assessment.Verdict = assess.NeedsMoreFacts
			r.Notes = append(r.Notes, "您的描述中有一段外文，我只能读懂中文部分，因此暂不下“倾向于可以容错”的结论；请用中文补充这部分说的情况（例如事情交给了谁、有没有亲属或利益关系）。")
		}
	}
	r.Versions = a.versionNotes(r)
	return r, nil
}

// reForeignPassage is a passage of four or more words in Latin letters.
var reForeignPassage = regexp.MustCompile(`[A-Za-z'’-]+(?:[ ,]+[A-Za-z'’-]+){3,}`)

// reForeignTeller is a passage that tells what the teller did (I approved,
// we signed), not a question (will I be held accountable, is that a
// violation).
var reForeignTeller = regexp.MustCompile(`(?i)^(?:[a-z'’-]+[ ,]+)*?(?:i|we|my|our)\b`)
var reForeignAsk = regexp.MustCompile(`(?i)^(?:can|could|will|would|is|are|am|do|does|did|should|shall|may|might|any|how|what|why|whether|if)\b`)

// foreignStory reports a part of the story told in a language the
// extractor does not read: a passage of Latin-letter words in which the
// teller says what was done.
func foreignStory(text string) bool {
	for _, p := range reForeignPassage.FindAllString(text, -1) {
		if reForeignTeller.MatchString(p) && !reForeignAsk.MatchString(p) {
			return true
		}
	}
	return false
}

// stated reports whether facts hold anything known.
func stated(f assess.Facts) bool {
	for _, x := range f {
		if x.Status != assess.Unknown && !x.Inferred || x.Raised || x.Conflict {
			return true
		}
	}
	return false
}

// caseText joins the user's earlier turns of the case with the question, most
// recent last, keeping the total within bounds for retrieval.
func caseText(history []Turn, question string) string {
	const maxRunes = 800 // the recent part of a case is what retrieval needs; more only costs time
	parts := []string{question}
	n := utf8.RuneCountInString(question)
	for i := len(history) - 1; i >= 0; i-- {
		t := history[i]
		if t.Role != "user" {
			continue
		}
		if _, bare := ParseReply(t.Text); bare {
			continue
		}
		n += utf8.RuneCountInString(t.Text)
		if n > maxRunes {
			break
		}
		parts = append(parts, t.Text)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "\n")
}

// clean drops control characters (keeping line breaks), trims, and cuts the
// text at max characters. cut reports whether anything was left out.
func clean(s string, max int) (out string, cut bool) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r == '\r' {
			continue
		}
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B') {
			continue
		}
		if r == '\t' {
			r = ' '
		}
		if n == max {
			cut = true
			break
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String()), cut
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}
