package advisor

import (
	"strconv"
	"strings"

	"rongcuo/assess"
	"rongcuo/knowledge"
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
	notes := append([]string(nil), r.Notes...)
	if r.Injection && r.Intent == IntentAssessment {
		notes = append(notes, "您的消息中有要求我改变规则或直接给出结论的内容，已忽略；以下只按您讲的事实分析。")
	}
	if len(notes) > 0 {
		body = strings.Join(notes, "\n") + "\n\n" + body
	}
	adv.Answer = body
	adv.Note = strings.Join(r.Notes, "\n")
	return adv
}

// answerBuilder writes sections separated by blank lines.
type answerBuilder struct{ parts []string }

func (b *answerBuilder) para(lines ...string) {
	var kept []string
	for _, l := range lines {
		if l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > 0 {
		b.parts = append(b.parts, strings.Join(kept, "\n"))
	}
}

func (b *answerBuilder) String() string { return strings.Join(b.parts, "\n\n") }

// ---- assessment ----

var favourablePhrase = map[string]string{
	assess.Motive:      "出于推动工作的公心",
	assess.PrivateGain: "没有谋取私利",
	assess.ExplicitBan: "不属于上级明令禁止的做法",
	assess.Procedure:   "经过集体研究或按程序决策",
	assess.Conditions:  "存在缺乏经验、先行先试或客观条件限制等因素",
	assess.Nature:      "属于无意过失而非明知故犯",
	assess.Consequence: "没有造成严重后果",
	assess.Remedy:      "事后及时补救纠正",
	assess.Dissent:     "对错误决策明确提出了反对或改正意见",
}

var negativePhrase = map[string]string{
	assess.PrivateGain:   "涉及谋取私利——“三个区分开来”把为推动发展的无意过失同为谋取私利的违纪违法行为明确区分，后者不能容错",
	assess.ExplicitBan:   "属于上级明令禁止后仍然去做——“三个区分开来”把这种情形同探索性试验中的失误明确区分，不能容错",
	assess.EightRules:    "涉及违反中央八项规定精神的作风问题，不属于干事创业中的失误，不能以容错处理",
	assess.Inaction:      "属于推诿扯皮、敷衍塞责或不作为，不是担当作为中的失误，容错机制不保护",
	assess.Concealment:   "涉及隐瞒不报或弄虚作假，这本身就是违纪行为，不能容错，还可能从重处理",
	assess.MajorAccident: "造成了重特大安全事故、严重环境污染或群体性事件一类的后果，多地办法明确不予容错",
	assess.Repeat:        "属于重复出现同样的失误，多地办法规定一般不得从轻、减轻或免予追责",
	assess.Procedure:     "属于个人专断、规避集体决策并造成了损失——“拍脑袋”决策一般不能容错，决策严重失误的还可能被倒查责任",
}

func (a *Advisor) composeAssessment(r *Reading, adv *Advice) string {
	as := r.Assessment
	adv.Verdict = as.Verdict
	adv.Criteria = as.Criteria
	for _, f := range as.FollowUps {
		adv.FollowUp = append(adv.FollowUp, f.Question)
	}
	adv.FollowUps = as.FollowUps
	var b answerBuilder

	// 初步判断
	switch as.Verdict {
	case assess.LikelyTolerable:
		b.para("**初步判断：倾向于可以容错免责或从轻处理。**",
			"关键在于："+joinPhrases(favourableKeys(as), favourablePhrase)+"。")
	case assess.NotTolerable:
		lines := []string{"**初步判断：倾向于不属于容错范围。**"}
		for _, c := range as.Negative {
			lines = append(lines, "您提到"+quoteEvidence(c.Evidence)+"，"+negativePhrase[c.Key]+"。")
		}
		lines = append(lines, "不过，如实说明问题、主动挽回损失、配合调查等，仍可以依规争取从轻或减轻处理。")
		b.para(lines...)
	case assess.NeedsMoreFacts:
		if len(as.FollowUps) == 0 {
			// Nothing left to ask: the facts pull both ways.
			lines := []string{"**初步判断：情况有利有弊，需要组织综合研判。**"}
			for _, c := range as.Criteria {
				if c.Status == assess.Unfavourable {
					lines = append(lines, "不利的是"+c.Label+"：您提到"+quoteEvidence(c.Evidence)+"。")
				}
			}
			if keys := favourableKeys(as); len(keys) > 0 {
				lines = append(lines, "有利的是："+joinPhrases(keys, favourablePhrase)+"。")
			}
			b.para(lines...)
			break
		}
		fallthrough
	default:
		var missing []string
		for _, f := range as.FollowUps {
			missing = append(missing, assess.Label(f.Key))
		}
		lines := []string{"**初步判断：目前还不能下结论，需要补充几个关键事实。**"}
		if leansTolerable(as) {
			// What is known all speaks for the cadre: say so, and what is left.
			lines[0] = "**初步判断：从已知情况看有利于容错，还需确认" + strings.Join(missing, "、") + "。**"
		}
		if len(missing) > 0 {
			lines = append(lines, "决定结论的是："+strings.Join(missing, "、")+"。请回答下面的问题，我会据此更新判断。")
		}
		for _, c := range as.Criteria {
			if c.Status == assess.Unfavourable && c.Key == assess.Procedure {
				lines = append(lines, "另外，您提到"+quoteEvidence(c.Evidence)+"，个人决定、未经集体研究一般会明显不利于容错认定。")
			}
		}
		b.para(lines...)
	}

	// 依据
	cites := a.selectCitations(r, 3)
	b.para(a.citationSection(r, cites, adv)...)

	// 逐项分析: what is known, one line each; what is not, on one line.
	lines := []string{"**逐项分析**"}
	var unknown []string
	for _, c := range as.Criteria {
		if c.Status == assess.Unknown {
			unknown = append(unknown, c.Label)
			continue
		}
		lines = append(lines, "- "+criterionLine(c))
	}
	if len(unknown) > 0 {
		lines = append(lines, "- ❓ 尚不清楚："+strings.Join(unknown, "、"))
	}
	b.para(lines...)

	// 类似案例
	b.para(a.caseSection(r, adv, casePreference(as.Verdict))...)

	// 建议
	b.para(adviceSection(as)...)
	b.para(disclaimer)
	return b.String()
}

// favourableKeys are the facts a likely_tolerable verdict turns on: the
// critical criteria, and the remedy when there was one.
// leansTolerable reports an assessment whose known facts all speak for the
// cadre, with at least two of the critical ones favourable.
func leansTolerable(as assess.Assessment) bool {
	critical := 0
	for _, c := range as.Criteria {
		if c.Status == assess.Unfavourable {
			return false
		}
		for _, k := range assess.CriticalKeys {
			if c.Key == k && c.Status == assess.Favourable {
				critical++
			}
		}
	}
	return critical >= 2
}

func favourableKeys(as assess.Assessment) []string {
	var keys []string
	for _, c := range as.Criteria {
		decisive := c.Key == assess.Remedy || c.Key == assess.Dissent
		for _, k := range assess.CriticalKeys {
			decisive = decisive || c.Key == k
		}
		if decisive && c.Status == assess.Favourable {
			keys = append(keys, c.Key)
		}
	}
	return keys
}

func joinPhrases(keys []string, phrases map[string]string) string {
	var out []string
	for _, k := range keys {
		out = append(out, phrases[k])
	}
	return strings.Join(out, "、")
}

// quoteEvidence renders evidence after 您提到: the cadre's words in quotes.
func quoteEvidence(e string) string {
	e = strings.TrimSpace(e)
	switch {
	case e == "":
		return "的情况"
	case strings.HasPrefix(e, "回答"):
		// An answered follow-up: 您提到 becomes 您回答“…？”：是.
		return "的情况（您" + e + "）"
	}
	return "“" + e + "”"
}

func criterionLine(c assess.Criterion) string {
	switch c.Status {
	case assess.Favourable:
		return "✅ " + c.Label + "：" + evidenceText(c.Evidence)
	case assess.Unfavourable:
		return "❌ " + c.Label + "：" + evidenceText(c.Evidence)
	}
	return "❓ " + c.Label + "：尚不清楚"
}

func evidenceText(e string) string {
	if strings.TrimSpace(e) == "" {
		return "（无原话）"
	}
	switch {
	case strings.HasPrefix(e, "回答"):
		return "您" + e
	case strings.HasPrefix(e, "您") || strings.HasPrefix(e, "由") || strings.Contains(e, "推定"):
		return e
	}
	return "您提到“" + e + "”"
}

// casePreference says which outcomes to show first for a verdict.
func casePreference(v assess.Verdict) func(outcome string) int {
	return func(outcome string) int {
		rejected := outcome == knowledge.OutcomeRejected
		switch v {
		case assess.NotTolerable:
			if rejected {
				return 0
			}
			return 1
		case assess.LikelyTolerable:
			if rejected {
				return 1
			}
			return 0
		}
		return 0
	}
}

func adviceSection(as assess.Assessment) []string {
	lines := []string{"**建议**"}
	switch as.Verdict {
	case assess.LikelyTolerable:
		lines = append(lines,
			"- 申请：向作出问责或正在调查的机关（通常是纪检监察机关或问责机关）书面提出容错申请；多地办法要求在处理决定作出前提出，具体以当地容错办法为准。",
			"- 准备：集体研究的会议纪要或记录、请示报告及批复、当时的政策文件、补救和整改材料，以及未谋取私利的情况说明。",
			"- 如实说明事情经过，不回避问题，不夸大也不隐瞒。")
	case assess.NotTolerable:
		lines = append(lines,
			"- 如实向组织说明情况，主动交代、配合调查；这些是党纪和政务处分中可以从轻或减轻的情节。",
			"- 主动退赔违纪违法所得、挽回损失、消除不良影响。",
			"- 不要隐瞒、串供或弄虚作假，否则会从重处理。")
	default:
		var missing []string
		for _, f := range as.FollowUps {
			missing = append(missing, assess.Label(f.Key))
		}
		check := "- 先核实尚不清楚的关键事实"
		if len(missing) > 0 {
			check += "（" + strings.Join(missing, "、") + "）"
		}
		lines = append(lines,
			check+"：可查会议纪要、请示批复和当时的文件规定。",
			"- 如情况符合容错条件，可向作出问责或正在调查的机关书面提出容错申请，并附会议纪要、请示报告、补救材料等。")
	}
	lines = append(lines, "- 纠错：无论能否容错，都要整改到位——补办手续、补齐材料、采取补救措施，今后类似情形事先请示报备。")
	return lines
}

// ---- citations ----

// selectCitations picks up to n provisions to cite: the best ranked, at most
// two from one document, commentaries only when nothing else is found, and
// current documents before amended or repealed ones.
func (a *Advisor) selectCitations(r *Reading, n int) []*knowledge.Provision {
	var out, spare []*knowledge.Provision
	perDoc := map[string]int{}
	for i, h := range r.Provisions {
		// Far below the best match is filler, not a basis.
		if i > 0 && h.Score < citeFloor*r.Provisions[0].Score {
			break
		}
		p := h.Provision
		doc := p.Doc
		if doc != nil && (doc.Status != knowledge.StatusCurrent || isTranslation(p)) {
			spare = append(spare, p)
			continue
		}
		if perDoc[p.DocID] >= 2 {
			continue
		}
		perDoc[p.DocID]++
		out = append(out, p)
		if len(out) == n {
			return out
		}
	}
	for _, p := range spare {
		if len(out) == n {
			break
		}
		out = append(out, p)
	}
	return out
}

// isTranslation reports a passage that is mostly not Chinese, such as an
// official English translation kept for reference; answers quote the Chinese.
func isTranslation(p *knowledge.Provision) bool {
	han, other := 0, 0
	for _, r := range p.Text {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF:
			han++
		case r > ' ' && r < 0x7F:
			other++
		}
	}
	return other > 2*han
}

// citeFloor: a provision is cited only when its fused score is at least this
// share of the best one's.
const citeFloor = 0.35

func docTitle(p *knowledge.Provision) string {
	if p.Doc != nil && p.Doc.Title != "" {
		return p.Doc.Title
	}
	return p.Document
}

// anchor is how a provision is named after its document: 第十七条, or
// “不予容错情形”部分 for a section.
func anchor(p *knowledge.Provision) string {
	if p.Number > 0 || strings.HasPrefix(p.Article, "第") {
		return p.Article
	}
	if p.Doc != nil && len(p.Doc.Provisions) == 1 {
		return ""
	}
	return "“" + p.Article + "”部分"
}

// citeName names a provision in an answer: 《中国共产党问责条例》第十七条; a
// long title gives way to its short name; a speech is named as cadres know it,
// “三个区分开来”（2016年1月讲话）.
func citeName(p *knowledge.Provision) string {
	d := p.Doc
	if d == nil {
		return "《" + p.Document + "》" + anchor(p)
	}
	if d.Level == knowledge.LevelSpeech && d.Short != "" {
		return "“" + d.Short + "”（" + yearMonth(d.Effective) + "讲话）"
	}
	title := d.Title
	if len([]rune(title)) > 24 && d.Short != "" {
		title = d.Short
	}
	return "《" + title + "》" + anchor(p)
}

// yearMonth renders 2016-01 as 2016年1月, 2016 as 2016年.
func yearMonth(date string) string {
	parts := strings.Split(date, "-")
	if len(parts) == 0 || parts[0] == "" {
		return ""
	}
	out := parts[0] + "年"
	if len(parts) > 1 {
		out += strings.TrimPrefix(parts[1], "0") + "月"
	}
	return out
}

// citationSection writes 依据 and fills adv.Citations.
func (a *Advisor) citationSection(r *Reading, cites []*knowledge.Provision, adv *Advice) []string {
	if len(cites) == 0 {
		return nil
	}
	lines := []string{"**依据**"}
	if r.terms == nil {
		query := r.CaseText
		for _, cq := range r.concepts {
			query += " " + cq.text
		}
		r.terms = bigrams(query)
	}
	for _, p := range cites {
		q := chooseQuoteTerms(p, r.terms, maxQuoteRunes)
		adv.Citations = append(adv.Citations, Citation{ID: p.ID, Document: docTitle(p), Article: p.Article, Quote: q.Text, Verified: p.Verified})
		lines = append(lines, "- "+citationLine(p, q))
	}
	return lines
}

// citationLine quotes verified wording and marks anything else as a
// paraphrase awaiting verification.
func citationLine(p *knowledge.Provision, q quotation) string {
	name := citeName(p)
	if !p.Verified {
		return name + "（概括，条文原文待核对）：" + q.Text + tail(q)
	}
	return name + "：" + q.LeadIn + "“" + q.Text + "”" + tail(q)
}

func tail(q quotation) string {
	if q.Cut {
		return "……"
	}
	return ""
}

// ---- cases ----

// caseSection writes 类似案例 with up to three cases, preferring the outcomes
// that match the verdict, and fills adv.Cases.
func (a *Advisor) caseSection(r *Reading, adv *Advice, pref func(string) int) []string {
	hits := r.Cases
	if len(hits) == 0 {
		return nil
	}
	type ranked struct {
		c    *knowledge.Case
		rank int
	}
	var list []ranked
	for i, h := range hits {
		rank := pref(h.Case.Outcome)*100 + i
		if h.Case.Illustrative {
			// A real case is the better example when one is about as close.
			rank += 3
		}
		list = append(list, ranked{h.Case, rank})
	}
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].rank < list[j-1].rank; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
	n := 3
	if r.Intent != IntentAssessment {
		n = 1
	}
	lines := []string{"**类似案例**"}
	for i, x := range list {
		if i == n {
			break
		}
		c := x.c
		adv.Cases = append(adv.Cases, CaseRef{ID: c.ID, Title: c.Title, Region: c.Region, Outcome: c.Outcome, Year: c.Year, Illustrative: c.Illustrative})
		lines = append(lines, "- "+caseLine(c))
	}
	if anyIllustrative(adv.Cases) {
		lines = append(lines, "（标“示例”的是为说明规则编写的示例，不是真实案例。）")
	}
	return lines
}

func caseLine(c *knowledge.Case) string {
	var b strings.Builder
	if c.Illustrative {
		b.WriteString("【示例】")
	}
	b.WriteString(c.Region)
	if c.Year != "" {
		b.WriteString("（" + c.Year + "）")
	}
	b.WriteString("：")
	b.WriteString(summary(c.Facts, 70))
	b.WriteString(" 结果：" + c.Outcome + "。")
	if c.Reasons != "" {
		b.WriteString("理由：" + summary(c.Reasons, 50))
	}
	return b.String()
}

func anyIllustrative(cs []CaseRef) bool {
	for _, c := range cs {
		if c.Illustrative {
			return true
		}
	}
	return false
}

// ---- other intents ----

func (a *Advisor) composeDefinition(r *Reading, adv *Advice) string {
	cites := a.selectCitations(r, 3)
	if len(cites) == 0 {
		return nothingFound(r.Question)
	}
	var b answerBuilder
	first := cites[0]
	q := chooseQuoteN(first, r.Question, maxDefinitionQuote)
	if first.Verified {
		b.para("**简要回答**", citeName(first)+"：“"+q.Text+"”"+tail(q))
	} else {
		b.para("**简要回答**", citeName(first)+"（概括，条文原文待核对）："+q.Text+tail(q))
	}
	adv.Citations = append(adv.Citations, Citation{ID: first.ID, Document: docTitle(first), Article: first.Article, Quote: q.Text, Verified: first.Verified})
	if len(cites) > 1 {
		sec := a.citationSection(r, cites[1:], adv)
		sec[0] = "**相关规定**"
		b.para(sec...)
	}
	b.para(a.caseSection(r, adv, preferReal)...)
	b.para(disclaimer)
	return b.String()
}

// preferReal ranks nothing above anything else by outcome; with the
// real-before-illustrative rule of caseSection, a definition's example is a
// real case when one matches.
func preferReal(string) int { return 0 }

func (a *Advisor) composeProcedure(r *Reading, adv *Advice) string {
	var b answerBuilder
	b.para("**一般程序**（各地容错办法不完全相同，以下是多地办法的共同做法，具体以当地办法为准）",
		"1. 启动：本人或所在单位书面提出容错申请，多地要求在问责或处理决定作出前提出；问责机关也可在启动问责、审查调查时同步研判是否容错；部分地方实行事前风险报备。",
		"2. 受理与调查核实：由纪检监察机关或问责机关调查，听取本人陈述，收集决策记录、会议纪要等证据。",
		"3. 会商与认定：纪委、组织部门等会商，由纪委常委会或党委（党组）集体研究作出认定。",
		"4. 反馈与备案：书面告知本人，函告组织人事部门，报同级党委或政府备案。",
		"5. 结果运用：予以容错免责的，考核、评优、提拔一般不受影响；从轻、减轻处理的，影响期满后按规定使用。")
	b.para("**需要准备的材料**",
		"- 书面申请，如实说明事情经过和容错理由；",
		"- 集体研究的会议纪要或记录、请示报告及批复、当时依据的政策文件；",
		"- 补救、整改和挽回损失的材料；未谋取私利的情况说明。")
	b.para("**时限**", "现有资料中没有找到全国统一的容错认定办理时限，请以当地办法为准；对处理决定不服的复审、复核、申诉时限，见下面引用的规定。")
	b.para(a.citationSection(r, a.selectCitations(r, 3), adv)...)
	if local := a.localMeasures(); local != "" {
		b.para("**知识库收录的地方办法**", local)
	}
	b.para(disclaimer)
	return b.String()
}

// localMeasures names the local measures in the knowledge base, so a cadre
// knows which places' procedures it can describe.
func (a *Advisor) localMeasures() string {
	var names []string
	for _, d := range a.kb.Documents {
		if d.Level == knowledge.LevelNormative && d.Region != "" && d.Region != "全国" && d.Status == knowledge.StatusCurrent {
			names = append(names, d.Region+"《"+d.Title+"》")
		}
		if len(names) == 8 {
			names = append(names, "等")
			break
		}
	}
	return strings.Join(names, "、")
}

func (a *Advisor) composeRefusal(r *Reading, adv *Advice) string {
	var b answerBuilder
	switch r.refusal {
	case "dictate":
		b.para("**我不能按指令直接给出结论。**", "是否可以容错，要看事情本身：动机、程序、有没有谋私、有没有明令禁止、后果和补救。请把事情经过告诉我，我会据实分析。")
		b.para(disclaimer)
		return b.String()
	case "privacy":
		b.para("**这个请求我不能处理。**", "我不能提供其他用户的对话、记录或系统内部设置；每位用户的对话只属于本人。")
		b.para("您可以描述自己遇到的情况，或询问容错纠错的规定和申请程序。")
		return b.String()
	}
	b.para("**这个忙我不能帮。**",
		"伪造、补签、倒签、篡改或隐匿材料，统一口径应对调查，本身就是违纪违法行为，会被从重处理，也会让原本可能容错的情形失去容错的可能。")
	b.para("**我可以帮您的是**",
		"- 如实说明情况：主动交代、配合调查、如实说明事实，属于可以从轻或减轻处理的情节；",
		"- 依法补救：主动挽回损失、消除不良影响，完善确实缺失的手续（按规定如实补办，注明补办时间）；",
		"- 如当时确实经过集体研究或请示报告，如实提交原始记录，申请容错。")
	b.para(a.citationSection(r, a.selectCitations(r, 2), adv)...)
	b.para(disclaimer)
	return b.String()
}

func composeOutOfScope() string {
	return "我是容错纠错政策助手，只回答干部在工作中出现失误能否容错、相关规定和申请程序等问题。您可以这样问：\n" +
		"- “为了赶工期先开工后补手续，经过了党委会研究，没拿任何好处，能容错吗？”\n" +
		"- “三个区分开来指的是什么？”"
}

func nothingFound(question string) string {
	return "**没有找到可适用的规定。**\n我在知识库中检索了“" + summary(question, 40) + "”，没有找到与之相关的条文，不便引用无关规定作答。\n" +
		"建议换个说法（例如说明是哪类工作、出了什么问题、想了解哪项规定），或联系工作人员补充相关规定。"
}
