package bot

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

	txtHelp = `<b>使用方法</b>
直接用文字描述您的情况或提问。回答下方的按钮可以回答追问（是 / 否 / 不清楚）、查看条文原文、评价回答。

<b>命令</b>
/new 开始新的案例（之前的对话仍保留在记录中）
/cases 关键词 — 查找类似案例
/policy 关键词 — 查找相关规定条文
/forget 删除我的对话记录和使用记录中的内容
/whoami 查看我的角色和状态
/help 显示本帮助

⚠️ 请勿输入涉密或敏感信息。回答仅供参考。`

	txtNewCase         = "已开始新的案例，请描述您的情况。之前的对话仍保留在记录中。"
	txtHistoryDown     = "（对话记录暂时不可用，本次回答没有参考之前的对话。）"
	txtStoreDown       = "对话记录暂时无法读取，请稍后再试。"
	txtSorry           = "抱歉，处理您的消息时出了问题，请稍后再试。"
	txtAdvisorFailed   = "抱歉，暂时无法生成回答，请稍后再试。"
	txtEmptyQuestion   = "请用文字描述您的情况或问题。"
	txtRateLimited     = "您发送得有点快，请稍等一分钟再继续提问。"
	txtQuotaExceeded   = "今天的提问次数已达上限（%d 次），请明天再来。如有急事，请联系工作人员。"
	txtTooLong         = "您的消息有 %d 字，超过了 %d 字的上限。请只写关键事实：做了什么、为什么、经过什么程序、后果和补救情况。"
	txtNotText         = "目前只能阅读文字消息，请用文字描述您的情况。"
	txtSticker         = "请用文字描述您想咨询的情况，我来帮您分析。"
	txtLocation        = "不需要发送位置或联系人信息。为保护隐私，请只用文字描述情况，并用“某地”“某人”代替真实信息。"
	txtEdited          = "修改后的消息不会重新处理。如需按修改后的内容判断，请把它作为一条新消息发送。"
	txtForwarded       = "请用您自己的话描述情况，不要转发他人的消息（避免泄露他人信息）。"
	txtUnknownCommand  = "没有这个命令。发送 /help 查看可用的命令。"
	txtGroupsOff       = "本助手只在私聊中提供服务，请私聊我：@%s"
	txtStale           = "这个按钮已经失效（案例已有更新或已开始新的案例）。请直接发送您的问题。"
	txtBadButton       = "无法识别这个按钮，请直接发送您的问题。"
	txtThanks          = "感谢您的评价！"
	txtAskReason       = "感谢反馈。能简单说说哪里不满意吗？直接回复一句话即可（可选，发送 /skip 跳过）。"
	txtReasonThanks    = "已记录您的意见，感谢！我们会据此改进。"
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
	txtPending         = "您的使用申请已提交，管理员审批后即可使用。发送 /whoami 查看状态。"
	txtDenied          = "抱歉，您的使用申请未获通过。如有疑问，请联系管理员。"
	txtNotAllowed      = "抱歉，您暂无使用权限。请把您的用户 ID（%d）发给管理员开通。"
	txtCantVerify      = "暂时无法核实您的使用权限，请稍后再试。"
	txtApproved        = "您的使用申请已通过，现在可以开始提问了。发送 /start 查看说明。"
	txtAdminOnly       = "只有管理员可以操作。"
	txtAccessRequest   = "新用户申请使用：%s（ID %d）"
	txtDecided         = "%s：%s（ID %d），操作人 %d"
)

// Labels of roles and statuses for /whoami and admin messages.
var roleLabel = map[string]string{"admin": "管理员", "staff": "工作人员", "cadre": "干部", "": "干部"}

var statusLabel = map[string]string{"active": "已开通", "pending": "待审批", "denied": "未通过", "": "已开通"}
