// Package assess is the tolerance assessment: it reads the facts of a case
// from a cadre's own words, weighs them against the criteria of the 容错纠错
// mechanism (the three distinctions, the six aspects and the negative list)
// and gives a verdict with the follow-up questions that would settle it.
//
// It knows nothing of retrieval, Telegram, Redis or models.
package assess

// Status of one criterion for the cadre.
type Status string

const (
	Favourable   Status = "favourable"
	Unfavourable Status = "unfavourable"
	Unknown      Status = "unknown"
)

// Verdict of an assessment.
type Verdict string

const (
	LikelyTolerable Verdict = "likely_tolerable"
	NotTolerable    Verdict = "not_tolerable"
	NeedsMoreFacts  Verdict = "needs_more_facts"
)

// Criterion keys. The first four are critical: they are what a follow-up
// question settles first and what an answer states a presumption about.
const (
	Motive      = "motive"       // 动机态度: for the public good / to push work forward
	PrivateGain = "private_gain" // 是否谋私: no private gain, no bribes (distinction 3)
	ExplicitBan = "explicit_ban" // 是否明令禁止: not acting after an explicit ban (distinction 2)
	Procedure   = "procedure"    // 程序方法: collective decision, reported, not 个人专断

	Conditions  = "conditions"  // 客观条件: lack of experience, pilot, force majeure, unforeseeable
	Nature      = "nature"      // 性质程度: an unintentional slip, not a deliberate violation (distinction 1)
	Consequence = "consequence" // 后果影响: no serious loss or harm
	Remedy      = "remedy"      // 挽回损失: remedied, corrected, loss recovered

	// Negative list items beyond private gain and explicit bans. Each is
	// Unfavourable when present, Favourable when the cadre says it is absent.
	EightRules    = "eight_rules"    // 违反中央八项规定精神 / 作风问题
	Inaction      = "inaction"       // 敷衍塞责、推诿扯皮、不作为
	Concealment   = "concealment"    // 隐瞒不报、弄虚作假、伪造证据
	MajorAccident = "major_accident" // 重特大安全事故、严重环境污染、群体性事件
	Repeat        = "repeat"         // 重复出现同样的失误

	// Dissent: the cadre opposed the decision in the collective meeting, or
	// proposed correcting a superior's decision, and was overruled (问责条例
	// 第十七条第一款第二项、第二款). Shown only when stated; it is a ground of
	// its own.
	Dissent = "dissent"
)

// CriticalKeys are the criteria every assessment shows, known or not.
var CriticalKeys = []string{Motive, PrivateGain, ExplicitBan, Procedure}

// MitigatingKeys are the procedural or mitigating factors; a likely_tolerable
// verdict needs at least one of them favourable (a collective decision, a
// report or approval, an authorised plan; an emergency, a pilot without
// precedent; a loss recovered, formalities completed).
var MitigatingKeys = []string{Procedure, Conditions, Remedy}

// PresumableKeys are the negative-list criteria a cadre seldom mentions
// unprompted: when the story is otherwise tolerable they are presumed absent,
// the answer says so, and a follow-up question confirms it.
var PresumableKeys = []string{ExplicitBan, PrivateGain}

// NegativeKeys are the criteria that rule tolerance out when Unfavourable.
var NegativeKeys = []string{PrivateGain, ExplicitBan, EightRules, Inaction, Concealment, MajorAccident, Repeat}

// Criterion is one criterion's reading of the case.
type Criterion struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Status   Status `json:"status"`
	Evidence string `json:"evidence"` // the cadre's own words it rests on, or the answer to a follow-up
}

// Fact is what is known about one criterion.
type Fact struct {
	Status   Status
	Evidence string // exact span of the cadre's text, or the follow-up question answered
	Answered bool   // set from an explicit follow-up answer rather than free text
	Inferred bool   // not stated but inferred from other facts; the evidence says from what
	// Conflict marks a criterion the text states both ways about the same
	// fact ("收了红包" … "红包没收"); the status is Unknown, Evidence and Other
	// are the two statements, and a follow-up question settles it.
	Conflict bool
	Other    string
	// Raised marks a negative-list fact brought up but not asserted (in a
	// condition, a question, someone else's claim): Unknown, and asked.
	Raised bool
	// AmidEmergency marks a death or injury raised by a story of an
	// emergency answered, which no one accuses the cadre over.
	AmidEmergency bool
}

// Facts maps criterion keys to what is known. A missing key is Unknown.
type Facts map[string]Fact

// FollowUp is one question that would settle a missing criterion. The answer
// 是 sets the criterion to IfYes, 否 to the opposite, 不清楚 leaves it unknown
// and stops asking.
type FollowUp struct {
	Key      string `json:"key"`
	Question string `json:"question"`
	IfYes    Status `json:"if_yes"`
}

// Assessment is the outcome of weighing the facts.
type Assessment struct {
	Verdict   Verdict
	Criteria  []Criterion // every criterion, in presentation order
	Negative  []Criterion // negative-list items found (Unfavourable), most serious first
	FollowUps []FollowUp  // one per fact to settle or confirm, most decisive first
	// Presumed are the criteria a likely_tolerable verdict presumes because
	// the cadre did not mention them (no ban, no private gain); the answer
	// states them and FollowUps confirms them.
	Presumed []Criterion
	// Conflicting are the criteria the text states both ways, or raises
	// without asserting (a negative-list fact in a condition or a claim).
	Conflicting []Criterion
	// Mitigating are the procedural or mitigating factors found.
	Mitigating []Criterion
}

// Reply is a cadre's answer to a follow-up question.
type Reply string

const (
	Yes     Reply = "yes"
	No      Reply = "no"
	NotSure Reply = "unsure"
)
