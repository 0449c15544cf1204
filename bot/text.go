package bot

import "rongcuo/conversation"

// User-facing texts. Everything a cadre reads is here, in one place, so the
// tone stays consistent and a reviewer can read it all at once.

const (
	txtStart = `您好！我是<b>容错纠错助手</b>。

您可以用自己的话描述工作中遇到的问题（做了什么、为什么、经过什么程序、造成了什么后果、事后如何补救），我会对照《中国共产党问责条例》等规定和类似案例，给出能否容错的<b>初步参考意见</b>，并提示需要补充的关键事实。

⚠️ <b>请勿输入任何涉密信息或敏感信息</b>（国家秘密、工作秘密、他人姓名、身份证号、单位内部文件原文等）。描述情况时请用“某镇”“某企业”代替真实名称。

我的回答仅供参考，是否容错由有管辖权的党组织或纪检监察机关依程序认定。

开始：直接发送您的情况或问题。例如：
• 经集体研究先行先试，后来出了问题，能容错吗？
• 什么是“三个区分开来”？
发送 /help 查看全部命令。`

	// /help: this, the commands' lines from the command table, then the
	// outro (see helpText).
	txtHelpIntro = `<b>使用方法</b>
直接用文字描述您的情况或提问。回答下方的按钮可以回答追问（是 / 否 / 不清楚）、查看条文原文、评价回答。`
	txtHelpOutro = "⚠️ 请勿输入涉密或敏感信息。回答仅供参考。"

	txtNotText         = "目前只能阅读文字消息，请用文字描述您的情况。"
	txtSticker         = "请用文字描述您想咨询的情况，我来帮您分析。"
	txtLocation        = "不需要发送位置或联系人信息。为保护隐私，请只用文字描述情况，并用“某地”“某人”代替真实信息。"
	txtEdited          = "修改后的消息不会重新处理。如需按修改后的内容判断，请把它作为一条新消息发送。"
	txtForwarded       = "请用您自己的话描述情况，不要转发他人的消息（避免泄露他人信息）。"
	txtUnknownCommand  = "没有这个命令。发送 /help 查看可用的命令。"
	txtGroupsOff       = "本助手只在私聊中提供服务，请私聊我：@%s"
	txtBadButton       = "无法识别这个按钮，请直接发送您的问题。"
	txtReasonSkipped   = "好的，已跳过。"
	txtForgetConfirm   = "确定要删除您的全部记录吗？\n\n将删除：与我的私聊和您参与过的群聊中的对话内容、当前案例（群聊的当前案例会为所有成员重新开始），以及使用记录中的提问、回答和评价理由文字（匿名统计数据保留）。此操作不可撤销。"
	txtForgetDone      = "已删除您的对话记录和使用记录中的内容（共处理 %d 条使用记录）。"
	txtForgetCancelled = "已取消，记录未删除。"
	txtForgetFailed    = "暂时无法删除记录，请稍后再试。"
	txtForgetPrivate   = "请在与我的私聊中使用 /forget。"
	txtNoProvision     = "没有找到这条规定，可能知识库已更新。请重新查询。"
	txtCasesUsage      = "请在命令后写关键词，例如：/cases 招商引资"
	txtPolicyUsage     = "请在命令后写关键词，例如：/policy 容错免责"
	txtNothingFound    = "没有找到与“%s”相关的内容。可以换个说法，或向工作人员咨询。"
	txtApproved        = "您的使用申请已通过，现在可以开始提问了。发送 /start 查看说明。"
	txtAdminOnly       = "只有管理员可以操作。"
	txtWebOff          = "网页版暂未开放。"
	txtWebPrivate      = "请在与我的私聊中使用 /web，登录链接只发给您本人。"
	txtWebLink         = "网页版登录链接（10 分钟内有效，只能使用一次，请勿转发）：\n%s\n\n网页版与这里是同一个账号，对话记录互通。"
	txtAccessRequest   = "新用户申请使用：%s（ID %d）"
	txtDecided         = "%s：%s（ID %d），操作人 %d"
	txtHistoryDown     = conversation.TextHistoryDown
	txtStoreDown       = conversation.TextStoreDown
	txtSorry           = conversation.TextSorry
	txtStale           = conversation.TextStale
	txtThanks          = conversation.TextThanks
	txtAskReason       = conversation.TextAskReason
	txtReasonThanks    = conversation.TextReasonThanks
	txtDenied          = conversation.TextDenied
	txtCantVerify      = conversation.TextCantVerify
	txtNewCase         = conversation.TextNewCase
	txtEmptyQuestion   = conversation.TextEmpty
	txtAdvisorFailed   = conversation.TextAdvisorFailed
	txtRateLimited     = conversation.TextRateLimited
	txtQuotaExceeded   = conversation.TextQuotaExceeded
	txtTooLong         = conversation.TextTooLong
	txtPending         = conversation.TextPending
	txtNotAllowed      = conversation.TextNotAllowed
)

// Labels of roles and statuses for /whoami and admin messages.
var roleLabel = map[string]string{"admin": "管理员", "staff": "工作人员", "cadre": "干部", "": "干部"}

var statusLabel = map[string]string{"active": "已开通", "pending": "待审批", "denied": "未通过", "": "已开通"}
