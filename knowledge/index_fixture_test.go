package knowledge

import (
	"strconv"
	"sync"
)

// A synthetic knowledge base of about thirty provisions shaped like the real
// one: Party rules, a law, local measures, a speech, and ordinary documents
// that share characters or words with the domain without being about it.

type ixArt struct {
	n       int
	label   string
	chapter string
	text    string
}

func ixDoc(id, title, short, level, status, region string, arts ...ixArt) *Document {
	d := &Document{ID: id, Title: title, Short: short, Level: level, Status: status, Region: region, Verification: Verified}
	for i, a := range arts {
		anchor := strconv.Itoa(a.n)
		if a.n == 0 {
			anchor = "s" + strconv.Itoa(i+1)
		}
		d.Provisions = append(d.Provisions, &Provision{
			ID: id + "#" + anchor, DocID: id, Document: title, Chapter: a.chapter,
			Article: a.label, Number: a.n, Text: a.text, Verified: true,
		})
	}
	return d
}

func ixFixtureKB() *KB {
	docs := []*Document{
		ixDoc("wzcl-2019", "中国共产党问责条例", "问责条例", LevelPartyRule, StatusCurrent, "全国",
			ixArt{3, "第三条", "第一章 总则", "问责工作应当坚持以下原则：（一）依规依纪、实事求是；（二）失责必问、问责必严；（三）权责一致、错责相当；（四）严管和厚爱结合、激励和约束并重；（五）惩前毖后、治病救人；（六）集体决定、分清责任。"},
			ixArt{7, "第七条", "第二章 问责情形", "党组织、党的领导干部违反党章和其他党内法规，不履行或者不正确履行职责，有下列情形之一，应当予以问责：执行党中央决策部署表态多调门高、行动少落实差，脱离实际、脱离群众，拖沓敷衍、推诿扯皮，造成严重后果的；不作为、乱作为、慢作为、假作为的。"},
			ixArt{8, "第八条", "第二章 问责情形", "对党的领导干部的问责，根据危害程度以及具体情况，可以采取以下方式：通报、诫勉、组织调整或者组织处理、纪律处分。问责方式有影响期的，按照有关规定执行。"},
			ixArt{17, "第十七条", "第三章 问责程序", "有下列情形之一的，可以不予问责或者免予问责：（一）在推进改革中因缺乏经验、先行先试出现的失误，尚无明确限制的探索性试验中的失误，为推动发展的无意过失；（二）在集体决策中对错误决策提出明确反对意见或者保留意见的；（三）在决策实施中已经履职尽责，但因不可抗力、难以预见等因素造成损失的。"},
			ixArt{18, "第十八条", "第三章 问责程序", "有下列情形之一的，可以从轻或者减轻问责：（一）及时采取补救措施，有效挽回损失或者消除不良影响的；（二）积极配合问责调查工作，主动承担责任的。"},
			ixArt{19, "第十九条", "第三章 问责程序", "有下列情形之一的，应当从重或者加重问责：对党中央、上级党组织三令五申的指示要求，不执行或者执行不力的；在接受问责调查和处理中，不如实报告情况，敷衍塞责、推卸责任，或者弄虚作假的。"},
			ixArt{21, "第二十一条", "第三章 问责程序", "问责决定作出后，发现问责事实认定不清楚、证据不确凿、依据不充分、责任不清晰、程序不合规、处理不恰当，或者存在其他不应当问责、不精准问责情况的，应当及时予以纠正。"},
		),
		ixDoc("wzcl-2016", "中国共产党问责条例（2016）", "问责条例", LevelPartyRule, StatusRepealed, "全国",
			ixArt{6, "第六条", "", "党组织和党的领导干部违反党章和其他党内法规，不履行或者不正确履行职责的，应当区分情况，予以问责。"},
			ixArt{7, "第七条", "", "对党组织的问责方式包括检查、通报、改组；对党的领导干部的问责方式包括通报、诫勉、组织调整或者组织处理、纪律处分。"},
		),
		ixDoc("jlcf-2023", "中国共产党纪律处分条例", "纪律处分条例", LevelPartyRule, StatusCurrent, "全国",
			ixArt{17, "第十七条", "第三章 纪律处分运用规则", "有下列情形之一的，可以从轻或者减轻处分：主动交代本人应当受到党纪处分的问题；在组织谈话函询、初步核实、立案审查过程中，能够配合核实审查工作，如实说明本人违纪违法事实；主动挽回损失、消除不良影响或者有效阻止危害结果发生；主动上交或者退赔违纪所得。"},
			ixArt{19, "第十九条", "第三章 纪律处分运用规则", "党员行为虽然造成损失或者后果，但不是出于故意或者过失，而是由于不可抗力等原因所引起的，不追究党纪责任。"},
			ixArt{23, "第二十三条", "第三章 纪律处分运用规则", "减轻处分，是指在本条例规定的违纪行为应当受到的处分幅度以外，减轻一档给予处分。加重处分，是指在本条例规定的违纪行为应当受到的处分幅度以外，加重一档给予处分。"},
		),
		ixDoc("zwcf", "中华人民共和国公职人员政务处分法", "政务处分法", LevelLaw, StatusCurrent, "全国",
			ixArt{11, "第十一条", "第二章 政务处分的种类和适用", "公职人员有下列情形之一的，可以从轻或者减轻给予政务处分：主动交代本人应当受到政务处分的违法行为的；配合调查，如实说明本人违法事实的；检举他人违纪违法行为，经查证属实的；主动采取措施，有效避免、挽回损失或者消除不良影响的。"},
			ixArt{12, "第十二条", "第二章 政务处分的种类和适用", "公职人员违法行为情节轻微，且具有本法第十一条规定的情形之一的，可以对其进行谈话提醒、批评教育、责令检查或者予以诫勉，免予或者不予政务处分。"},
		),
		ixDoc("zj-2017", "浙江省党员干部容错免责办法", "浙江容错办法", LevelNormative, StatusCurrent, "浙江省",
			ixArt{0, "容错情形", "", "干部在推进改革创新、招商引资、项目建设中出现失误，符合下列条件的，可以容错免责：大胆探索、先行先试，不是有令不行、有禁不止的；经过集体研究、民主决策程序，不是个人专断的；没有为个人、他人或单位谋取私利的。"},
			ixArt{0, "不予容错情形", "", "有下列情形之一的，不予容错：为个人或者他人谋取私利的；上级明令禁止后依然我行我素的；违反中央八项规定精神的；敷衍塞责、不作为的；弄虚作假、隐瞒事实的。"},
			ixArt{0, "容错程序", "", "容错免责按照以下程序办理：本人提出申请或者组织主动启动，纪检监察机关调查核实，集体研究认定，作出书面决定并反馈本人，报上级备案。"},
		),
		ixDoc("js-2016", "江苏省建立容错纠错机制的意见", "江苏容错纠错意见", LevelNormative, StatusCurrent, "江苏省",
			ixArt{0, "纠错", "", "对干部在工作中出现的失误错误，坚持有错必纠、有过必改，及时采取补救措施，帮助干部汲取教训、改进提高。"},
			ixArt{0, "结果运用", "", "经认定予以容错的干部，在年度考核、提拔任用、评先评优中不受影响。"},
		),
		ixDoc("xjp-2016", "在省部级主要领导干部专题研讨班上的讲话", "三个区分开来讲话", LevelSpeech, StatusCurrent, "全国",
			ixArt{0, "三个区分开来", "", "要把干部在推进改革中因缺乏经验、先行先试出现的失误和错误，同明知故犯的违纪违法行为区分开来；把上级尚无明确限制的探索性试验中的失误和错误，同上级明令禁止后依然我行我素的违纪违法行为区分开来；把为推动发展的无意过失，同为谋取私利的违纪违法行为区分开来。"},
		),
		ixDoc("gwcl", "党政机关公文处理工作条例", "公文处理条例", LevelPartyRule, StatusCurrent, "全国",
			ixArt{25, "第二十五条", "", "公文印发后，发现公文内容错误或者文字错误的，应当及时予以更正，并通知收文机关。内容错误较多的，应当重新印发。"},
			ixArt{26, "第二十六条", "", "公文的内容错误由起草部门负责核对，审核机关发现内容错误的应当退回。"},
		),
		ixDoc("cj", "因公临时出境管理规定", "出境管理规定", LevelNormative, StatusCurrent, "全国",
			ixArt{5, "第五条", "", "因公临时出境，应当严格履行审批手续，出境人员不得擅自延长在外停留时间，不得变更路线。"},
		),
		ixDoc("lj", "领导干部廉洁从政若干准则", "廉洁准则", LevelPartyRule, StatusCurrent, "全国",
			ixArt{3, "第三条", "", "领导干部不得收受可能影响公正执行公务的礼品礼金、有价证券、支付凭证。"},
			ixArt{4, "第四条", "", "领导干部未经批准不得在企业或者社会团体兼任职务，经批准兼任的不得领取报酬。"},
		),
		ixDoc("zs", "招商引资项目管理暂行办法", "招商引资办法", LevelNormative, StatusCurrent, "全国",
			ixArt{8, "第八条", "", "招商引资协议涉及重大财政支出、土地出让和税收优惠的，应当经政府常务会议集体研究决定，不得由个人擅自签订。"},
			ixArt{9, "第九条", "", "招商引资项目应当开展合法性审查和风险评估，协议签订后报上级主管部门备案。"},
		),
		ixDoc("zj", "证据审查规定", "证据规定", LevelNormative, StatusCurrent, "全国",
			ixArt{10, "第十条", "", "未经当庭质证的材料，不作为证据使用，也不作为定案的根据。"},
		),
		ixDoc("hz-2020", "杭州市干部担当作为激励办法", "杭州激励办法", LevelNormative, StatusCurrent, "浙江省杭州市",
			ixArt{0, "激励措施", "", "对敢于担当作为、在改革创新中作出突出成绩的干部，优先提拔使用；对受到不实举报的干部及时澄清正名。"},
		),
		ixDoc("sd-2014", "山东省干部问责暂行办法", "山东问责办法", LevelNormative, StatusAmended, "山东省",
			ixArt{0, "问责情形", "", "干部决策严重失误、造成重大损失的，应当问责；不作为、慢作为造成严重后果的，应当问责。"},
		),
	}
	cases := []*Case{
		{ID: "case-zs", Title: "某县招商引资协议失误容错案", Region: "浙江省", Year: "2020", Field: "招商引资", Outcome: OutcomeExempt,
			Facts:    "某县商务局干部在招商引资中经局党组集体研究签订投资协议，后因企业经营困难项目停滞，造成一定损失。",
			Handling: "县纪委认定符合容错条件，免予问责。", Reasons: "出于公心，未谋取私利，经过集体研究，属于探索性失误。"},
		{ID: "case-gift", Title: "某干部收受购物卡不予容错案", Region: "江苏省", Year: "2021", Field: "服务企业", Outcome: OutcomeRejected,
			Facts: "某干部在服务企业过程中收受企业负责人所送购物卡。", Handling: "给予党内严重警告处分。", Reasons: "收受礼品礼金，违反中央八项规定精神，不予容错。"},
		{ID: "case-flood", Title: "防汛应急处置临机决断容错案", Region: "湖北省", Year: "2022", Field: "应急处置", Outcome: OutcomeExempt,
			Facts: "汛期突发险情，乡镇干部未及请示即组织转移群众并动用应急资金。", Handling: "认定为临机决断，事后及时报告，予以容错。", Reasons: "处置突发事件临机决断、事后及时履行报告程序。"},
		{ID: "case-road", Title: "道路项目建设程序瑕疵从轻处理案", Region: "全国", Year: "2019", Field: "项目建设", Outcome: OutcomeLighter,
			Facts: "某干部为赶工期，项目建设中未履行招标程序先行开工。", Handling: "从轻给予诫勉。", Reasons: "主动纠正并挽回损失，但程序违规。"},
		{ID: "case-abroad", Title: "违规因私出国不予容错案", Region: "山东省", Year: "2018", Field: "基层治理", Outcome: OutcomeRejected,
			Facts: "某干部未经批准擅自因私出国旅游。", Handling: "给予党内警告处分。", Reasons: "违反出入境管理纪律，不属于容错情形。"},
	}
	syn := Synonyms{
		{"出国", "出境", "因公出国"},
		{"购物卡", "礼品礼金", "消费卡"},
		{"兼职", "兼任职务"},
	}
	kb := New(docs, cases, syn)
	kb.Terms = []string{"有错必纠", "澄清正名"}
	return kb
}

// ixFixture is built once; the index is read-only.
var ixFixture = sync.OnceValue(func() *Index { return NewIndex(ixFixtureKB()) })

func ixProvIDs(hits []ProvisionHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Provision.ID
	}
	return out
}

func ixCaseIDs(hits []CaseHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Case.ID
	}
	return out
}
