package advisor

import (
	"strings"
)

// Intent classification is rule-based: a few families of cues, checked in an
// order that encodes which reading wins. A request for help with falsifying or
// hiding evidence is refused whatever else it says; a question about how to
// apply is procedure even when it mentions the case; an own-case narrative or
// "能容错吗" is assessment; a question about what a term means is definition;
// anything without the domain's vocabulary is out of scope.

var (
	// Falsifying, hiding or back-dating evidence, or dodging the inquiry.
	// Strong verbs are wrong whatever their object; weak ones (修改, 删除, 补写)
	// only with an object that is evidence: "内容错误怎么修改" is not a request
	// to falsify anything.
	strongVerb  = `(伪造|造假|编造|捏造|篡改|涂改|倒签|做假|做个假|假的|虚构|销毁|藏匿|隐匿|瞒|隐瞒|掩盖|遮掩|统一口径|串供|对口供|攻守同盟|顶包|背锅|顶罪|提前日期|日期提前|往前写|写早)`
	weakVerb    = `(改动|修改|改一下|改成|改掉|重写|补写|补签|后补|补做|补一份|做一份|弄一份|搞一份|删掉|删除|删了|清除|撕掉|烧掉|扔掉|藏起来|转移|处理掉)`
	evidenceObj = `(记录|纪要|会议记录|日期|时间|签名|签字|材料|台账|凭证|账|票据|发票|合同|证据|聊天|微信|短信|录音|审批单|请示|档案|口径|口供|钱|款|监控)`
	askFrame    = `(怎么|怎样|如何|咋|能不能|能否|可不可以|可以|有没有办法|有什么办法|有啥办法|帮我|帮忙|教我|教教|告诉我|想|打算|准备|要不要|需不需要|是不是应该|应该|赶紧|最好)`
	clause      = `[^，。；！？,;!?]`

	reRefuse = []guarded{
		// "帮我编造一个理由", "能不能倒签日期"
		mustGuard(askFrame + clause + `{0,20}` + strongVerb),
		// "怎么把会议纪要改成去年的", "帮我补写一份会议纪要"
		mustGuard(askFrame + clause + `{0,20}` + weakVerb + clause + `{0,12}` + evidenceObj),
		mustGuard(askFrame + clause + `{0,12}` + evidenceObj + clause + `{0,12}` + weakVerb),
		// "会议纪要能不能补签", "聊天记录要不要删"
		mustGuard(evidenceObj + clause + `{0,12}(能不能|能否|可不可以|可以|要不要|怎么|如何|该不该|需不需要)` + clause + `{0,6}(` + strongVerb[1:len(strongVerb)-1] + `|` + weakVerb[1:len(weakVerb)-1] + `|删)`),
		// dodging: "让纪委查不出来", "不被发现", "躲过调查"
		mustGuard(`(查不出|查不到|不被(发现|查到|知道)|不让(纪委|组织|上级|审计|巡察组)(知道|发现|查到)|躲过|逃过|逃避|规避)` + clause + `{0,8}(调查|审查|审计|检查|追责|问责|处分|纪委|监委|巡察)?`),
		mustGuard(`(蒙混过关|瞒天过海|糊弄过去|应付过去|混过去|做平|平账|抹平|就当没发生|当作没发生|当没发生过|串个供|串一下供|对一下口径|对好口径|口径一致|说成是|包装成|粉饰成|不管事实|无论事实|不管真相|不顾事实)`),
		// "帮我编个说法", "编一个理由"
		mustGuard(`(编|编个|编一个|编一套|想个|找个)(说法|理由|借口|故事|证明|材料)`),
	}

	// Asking for other people's data or the assistant's internals.
	reLeak = mustGuard(`(输出|导出|给我|告诉我|发我|列出|显示)[^，。；！？,;!?]{0,6}(所有|全部|其他|别的)?[^，。；！？,;!?]{0,4}(用户|别人|他人|其他人)的?[^，。；！？,;!?]{0,4}(聊天记录|对话|记录|信息|数据|问题)|(输出|显示|告诉我|泄露)[^，。；！？,;!?]{0,6}(系统提示|提示词|system prompt)`)

	// Prompt injection: instructions aimed at the assistant itself.
	reInjection = mustGuard(`(?i)(忽略|无视|忘记|忘掉|不要管|别管)(以上|上面|前面|之前|你的|所有|全部)?[^，。；！？,;!?]{0,6}(规则|指令|设定|提示|要求|限制)|ignore (all |the )?(previous|above|prior) (instructions|rules)|system prompt|you are now|no rules apply|\bDAN\b|系统提示[:：]|系统指令|你现在是|假装你是|扮演|角色扮演|jailbreak|开发者模式|developer mode`)
	// …that dictates the conclusion.
	reDictate = mustGuard(`(直接|只|必须|一定要|就)(说|回答|告诉我|写|输出|给出)[^，。；！？,;!?]{0,8}(可以|能|肯定|一定|没问题|免责|容错|不会)`)

	// Questions about how to apply, who decides, what to prepare, time limits.
	reProcedure = mustGuard(`(怎么|怎样|如何|咋|去哪|到哪|向谁|找谁|跟谁|由谁|谁来|哪个部门|哪个机关)[^，。；！？,;!?]{0,10}(申请|提出|启动|认定|办理|申诉|复审|复核|报备|备案|走程序|写申请|提交|反映|操作|进行)|(申请|认定|办理|申诉|复审|复核|报备|容错)[^，。；！？,;!?]{0,8}(流程|程序|步骤|手续|材料|时限|期限|多久|多长时间|几天|需要什么|要什么|准备什么|要准备|找谁|向谁|谁来|谁认定|谁决定)|(流程|程序|步骤)是(什么|怎样|怎么样)|需要(准备|提交|提供)(哪些|什么)|(多久|多长时间|几天)(能|会|可以)?(出|有|作出)?(结果|结论|决定)|(对|不服)[^，。；！？,;!?]{0,12}(不服|申诉|复审|复核)|风险(预)?报备|事前报备|事先报备|提前报备|(什么时候|何时|啥时候)[^，。；！？,;!?]{0,6}(提出|申请|申诉|报备)|(还能|还可以|能不能|可不可以|能否)[^，。；！？,;!?]{0,4}(申请|申诉|复审|复核)|(怎么|如何|怎样)(纠正|澄清|恢复名誉|消除影响)|(诬告|冤枉|不实举报|不实反映)[^，。；！？,;!?]{0,8}(怎么办|咋办|能澄清|能不能澄清|怎么澄清)|(以后|之后|后)[^，。；！？,;!?]{0,4}(还要|还需要|需要)(做什么|干什么|怎么做)|(影响|耽误)[^，。；！？,;!?]{0,4}(提拔|晋升|升职|考核|评优|评先|使用|任用)`)

	// Questions about what a term means.
	reDefinition = mustGuard(`(哪些情况|哪些情形|什么情况下|什么情形|什么是|啥是|何为|何谓|什么叫|啥叫|怎么理解|如何理解|怎样理解|怎么看待|的含义|什么含义|的意思|什么意思|啥意思|指的是|指什么|是指|定义|概念|有哪些|包括哪些|包括什么|有什么区别|的区别|有何区别|区别是|是什么|是啥|写在哪|哪条规定|哪个文件|出处|出自|依据是什么|哪些情形|哪几种|几个方面|哪几个)`)

	// An own case: first person with something done, or a direct "can I be tolerated".
	reAssessAsk   = mustGuard(`(能|可以|可不可以|能不能|能否|会不会|会|算不算|算|属不属于|属于|符合|适用|够不够)[^，。；！？,;!?]{0,8}(容错|免责|免予问责|不予问责|从轻|减轻|被问责|被处分|受处分|处分|问责|追责|担责|被追责|被查|被处理|处理)|(容错|免责)(吗|么|不|嘛|没)|(会|要)(被)?(怎么)?(处理|处分|问责|追责)(吗|么|嘛)?[？?]?$|有(什么|啥)(后果|影响|处分|风险)`)
	reFirstPerson = mustGuard(`(我|本人|我们|俺|咱|我单位|我局|我镇|我县|我村|我乡|我市|我区|我司|我公司|我所|我院|我厅|我处|我科|我们单位|我们局|我们镇|我们村|领导让我|同事|下属|我的)`)
	reDeed        = mustGuard(`(了|过|时候|当时|去年|今年|前年|上个月|上月|年初|年底|之前|以前|曾经|已经|后来|结果|导致|造成|被(举报|约谈|谈话|调查|审计|通报|问责|处分|发现|查)|纪委(找|约|谈|调查|来)|审计发现|巡察发现)`)

	// "诫勉算处分吗", "通报批评是不是问责": classifying a term.
	reTermIsA = mustGuard(`^(诫勉|诫勉谈话|通报|通报批评|组织处理|组织调整|谈话提醒|提醒谈话|批评教育|责令检查|问责|容错|免责|容错免责|免予问责|不予问责|警告|严重警告|记过|记大过|降级|撤职|停职检查|免职|调整职务|责令辞职|政务处分|党纪处分)(算|算不算|属于|属不属于|是不是|是)`)

	// Vocabulary of the domain: a question without any of it is out of scope.
	// Generic words (错误, 项目, 审批, 程序) are left out on purpose: "内容错误怎么修改"
	// is not about accountability.
	reDomain = mustGuard(`(容错|纠错|免责|问责|追责|担责|处分|纪律|违纪|违规|违法|纪委|监委|纪检|监察|巡视|巡察|审计|约谈|诫勉|通报批评|党委|党组|党支部|干部|公职人员|公务员|三个区分开来|区分开来|敢于担当|担当作为|不作为|乱作为|失误|过失|过错|失职|渎职|八项规定|明令禁止|集体研究|集体决策|先行先试|试错|谋私|私利|好处费|回扣|受贿|行贿|收受|容缺|未批先建|先建后批|先上车后补票|问责条例|处分条例|政务处分|激励干部|撑腰|负面清单|从轻|减轻处理|免予|不予处分|澄清正名|诬告|报备|风险预申报|组织处理|六个方面|七看|七个看|六看|四个原则|不可抗力|党纪责任)`)
)

// maskStraddles breaks ordinary words that happen to contain a domain word
// across their own boundary: 内容错误 is about content, not 容错.
var maskStraddles = strings.NewReplacer("内容错", "内容·错", "形容错", "形容·错", "笑容错", "笑容·错", "阵容错", "阵容·错")

// hasAny reports whether any of the expressions matches s.
func hasAny(s string, res []guarded) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// classification is the reading of one question.
type classification struct {
	Intent    Intent
	Injection bool   // the text tried to instruct the assistant; ignored
	Reason    string // for refused: falsify (evidence), privacy (others' data) or dictate (a fixed conclusion)
}

// classify reads the intent of a question. inCase says the conversation
// already holds a case being assessed, so a short reply such as "没有，都上会了"
// continues it rather than being out of scope. hasFacts says the text itself
// states facts about a case (from the assessment's extractor).
func classify(text string, inCase, hasFacts bool) classification {
	s := maskStraddles.Replace(strings.TrimSpace(text))
	c := classification{}
	if reInjection.MatchString(s) {
		c.Injection = true
	}
	if hasAny(s, reRefuse) {
		return classification{Intent: IntentRefused, Injection: c.Injection, Reason: "falsify"}
	}
	if reLeak.MatchString(s) {
		return classification{Intent: IntentRefused, Injection: c.Injection, Reason: "privacy"}
	}
	if c.Injection && reDictate.MatchString(s) && !hasFacts {
		// An instruction to give a fixed conclusion, with no case to assess.
		return classification{Intent: IntentRefused, Injection: true, Reason: "dictate"}
	}
	domain := reDomain.MatchString(s) || hasFacts
	ownCase := hasFacts || (reFirstPerson.MatchString(s) && reDeed.MatchString(s))
	asksTolerance := reAssessAsk.MatchString(s)

	switch {
	case reTermIsA.MatchString(s):
		// "诫勉算处分吗": a question about a term, not about a case.
		c.Intent = IntentDefinition
	case reProcedure.MatchString(s) && domain && !(asksTolerance && ownCase):
		c.Intent = IntentProcedure
	case inCase && (hasFacts || isBareReply(s) || asksTolerance):
		c.Intent = IntentAssessment
	case reDefinition.MatchString(s) && domain && !(ownCase && asksTolerance) && !hasFacts:
		c.Intent = IntentDefinition
	case asksTolerance && (domain || ownCase):
		c.Intent = IntentAssessment
	case ownCase && domain:
		c.Intent = IntentAssessment
	case reDefinition.MatchString(s) && domain:
		c.Intent = IntentDefinition
	case domain && len([]rune(s)) >= 40:
		// A long text in the domain's vocabulary is a case being described.
		c.Intent = IntentAssessment
	case domain && inCase:
		c.Intent = IntentAssessment
	case domain:
		c.Intent = IntentDefinition
	default:
		c.Intent = IntentOutOfScope
	}
	return c
}

// isBareReply reports whether s is just yes, no or unsure.
func isBareReply(s string) bool {
	_, ok := ParseReply(s)
	return ok
}
