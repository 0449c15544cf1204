package advisor

func (a *Advisor) composeRefusal(r *Reading, adv *Advice) string {
	var b answerBuilder
	switch r.refusal {
	case "dictate":
		next := "请把事情经过告诉我，我会据实分析。"
		if r.told {
			// The case was told beside the instruction: offer to read it.
			next = "您讲的情况我可以据实分析，但给出的只是参考意见，不能替组织作认定，也不能写成认定结论或盖章格式。如需分析，请去掉“直接给结论”之类的要求，把经过再发一次。"
		}
		b.para("**我不能按指令直接给出结论。**", "是否可以容错，要看事情本身：动机、程序、有没有谋私、有没有明令禁止、后果和补救。"+next)
		b.para(a.citationSection(r, a.selectCitations(r, 1), adv)...)
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
