package conversation

import "rongcuo/assess"

// User-facing texts of the service, the same in every channel. Exported ones
// are also said by the channels themselves.
const (
	TextDenied        = "抱歉，您的使用申请未获通过。如有疑问，请联系管理员。"
	TextCantVerify    = "暂时无法核实您的使用权限，请稍后再试。"
	TextHistoryDown   = "（对话记录暂时不可用，本次回答没有参考之前的对话。）"
	TextStoreDown     = "对话记录暂时无法读取，请稍后再试。"
	TextSorry         = "抱歉，处理您的消息时出了问题，请稍后再试。"
	TextEmpty         = "请用文字描述您的情况或问题。"
	TextStale         = "这个按钮已经失效（案例已有更新或已开始新的案例）。请直接发送您的问题。"
	TextThanks        = "感谢您的评价！"
	TextAskReason     = "感谢反馈。能简单说说哪里不满意吗？直接回复一句话即可（可选，发送 /skip 跳过）。"
	TextReasonThanks  = "已记录您的意见，感谢！我们会据此改进。"
	TextNewCase       = "已开始新的案例，请描述您的情况。之前的对话仍保留在记录中。"
	TextUnknownAnswer = "这个评价按钮已经失效，或不属于本对话。"

	TextAdvisorFailed = "抱歉，暂时无法生成回答，请稍后再试。"
	TextRateLimited   = "您发送得有点快，请稍等一分钟再继续提问。"
	TextQuotaExceeded = "今天的提问次数已达上限（%d 次），请明天再来。如有急事，请联系工作人员。"
	TextTooLong       = "您的消息有 %d 字，超过了 %d 字的上限。请只写关键事实：做了什么、为什么、经过什么程序、后果和补救情况。"
	TextPending       = "您的使用申请已提交，管理员审批后即可使用。发送 /whoami 查看状态。"
	TextNotAllowed    = "抱歉，您暂无使用权限。请把您的用户 ID（%d）发给管理员开通。"
)

// ReplyLabel is how a follow-up answer reads.
var ReplyLabel = map[assess.Reply]string{assess.Yes: "是", assess.No: "否", assess.NotSure: "不清楚"}
