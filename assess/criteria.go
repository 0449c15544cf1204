package assess

// criterion describes one key: its label and the question that settles it.
type criterion struct {
	key   string
	label string
	// ask is the follow-up question; ifYes is what 是 means for the key. The
	// six aspects are asked so that 是 is favourable, the negative list so
	// that 是 admits the fact.
	ask   string
	ifYes Status
}

// criteria in presentation order: the critical four, the rest of the six
// aspects, then the negative list. Answers show them in this order.
var criteria = []criterion{
	{Motive, "动机态度", "您这样做主要是为了推动工作、服务群众或企业，而不是为了个人或亲友吗？", Favourable},
	{PrivateGain, "是否谋取私利", "您或亲友是否从中得到任何好处（钱款、礼品、宴请、亲友生意等）？", Unfavourable},
	{ExplicitBan, "是否违反明令禁止", "当时是否有上级文件或规定明确禁止这种做法？", Unfavourable},
	{Procedure, "程序方法", "这个决定是否经过集体研究（如党委会、班子会）或事先请示报告？", Favourable},
	{Conditions, "客观条件", "当时是否存在缺乏经验、没有先例、时间紧迫或不可抗力等客观因素？", Favourable},
	{Nature, "性质程度", "这是工作中的无意过失，而不是明知不对还故意去做吗？", Favourable},
	{Consequence, "后果影响", "这件事是否没有造成较大损失或不良影响？", Favourable},
	{Remedy, "挽回损失", "事后是否已经采取补救措施、完成整改或补办手续？", Favourable},
	{EightRules, "八项规定精神", "这件事是否涉及公款吃喝、收受礼品礼金、公车私用、违规发放津补贴等作风问题？", Unfavourable},
	{Inaction, "担当作为（不作为）", "是否存在推诿扯皮、拖着不办或敷衍应付的情况？", Unfavourable},
	{Concealment, "如实报告（隐瞒造假）", "是否存在隐瞒不报、补签或伪造材料的情况？", Unfavourable},
	{MajorAccident, "重大事故", "是否造成了重大安全事故、人员伤亡、严重环境污染或群体性事件？", Unfavourable},
	{Repeat, "重复犯错", "以前是否因为同样的问题被处理或批评过？", Unfavourable},
	{Dissent, "是否提出反对或改正意见", "", Favourable},
}

// emergencyQuestion is asked when the cadre says the decision skipped the
// collective procedure: deciding on the spot in an emergency and reporting
// promptly afterwards is the one recognised way a procedure gap is still
// tolerable (人民日报评论的“应该容错”情形, 江苏实施意见). 是 makes the
// procedure favourable, like the ordinary procedure question.
const emergencyQuestion = "当时是否属于紧急情况必须临机决断，并且事后及时向组织作了报告？"

var byKey = func() map[string]criterion {
	m := make(map[string]criterion, len(criteria))
	for _, c := range criteria {
		m[c.key] = c
	}
	return m
}()

// Keys returns every criterion key in presentation order.
func Keys() []string {
	out := make([]string, len(criteria))
	for i, c := range criteria {
		out[i] = c.key
	}
	return out
}

// Label returns the Chinese label of a criterion key, or the key itself when
// it is not a criterion.
func Label(key string) string {
	if c, ok := byKey[key]; ok {
		return c.label
	}
	return key
}

func isNegative(key string) bool {
	for _, k := range NegativeKeys {
		if k == key {
			return true
		}
	}
	return false
}

func opposite(s Status) Status {
	switch s {
	case Favourable:
		return Unfavourable
	case Unfavourable:
		return Favourable
	}
	return Unknown
}
