package bot

// What staff and admins read; the cadres' texts are in text.go.

const (
	txtPrivateOnly    = "请在与我的私聊中使用这个功能。"
	txtStaffOnly      = "只有工作人员可以维护知识库。如需开通，请联系管理员。"
	txtUploadRefused  = "只有工作人员可以上传知识库文件，您的文件没有下载，也没有保存。如需咨询，请用文字描述您的情况。"
	txtKBOff          = "知识库维护功能没有启用。"
	txtUploadNoName   = "无法识别文件名，请以 .md、.txt、.docx 或 .pdf 文件发送。"
	txtUploadDoc      = "不支持旧版 Word（.doc）文件，请另存为 .docx 后再上传。"
	txtUploadType     = "不支持“%s”这种文件；支持 .md、.txt、.docx 和 .pdf。"
	txtUploadTooLarge = "文件“%s”太大，上限为 %s，没有下载。请拆分后再上传。"
	txtDownloadFailed = "文件下载失败，知识库没有改动。请稍后重新发送。"
	txtForceStale     = "这个按钮已经失效（文件已重新上传、已过 1 小时或不是您上传的）。请重新发送文件。"
	txtKBCancelled    = "已取消，知识库没有改动。"
	txtKBNotSaved     = "没有保存"
	txtKBSaved        = "✅ 已保存，知识库现为第 %d 版。"
	txtKBLive         = "已生效：之后的回答会用到这次的修改。"
	txtKBSoon         = "各服务将在一分钟内更新。"
	txtKBNoItem       = "知识库里没有 id 为“%s”的文件、条文或案例。可以先用 /kb search 关键词 查找。"
	txtKBUsage        = `知识库命令：
/kb search 关键词 — 检索条文和案例（显示 ID）
/kb show ID — 查看文件、条文或案例
/kb retire ID — 停用文件或案例（需确认）
/kbstatus — 版本、数量和最近修改
/addcase — 逐项录入案例
直接发送 .md、.txt、.docx 或 .pdf 文件即可导入（预览后确认）。`

	txtCaseStart       = "开始录入案例，共 7 步。随时发送 /cancel 或点“取消录入”可以放弃。"
	txtCaseChoose      = "请点下面的按钮选择。"
	txtCaseTooLong     = "这一项有 %d 字，超过了 %d 字的上限，请精简后重新发送。"
	txtCaseLapsed      = "之前的案例录入超过 1 小时没有继续，已自动取消。如需录入，请重新发送 /addcase。"
	txtCaseCancelled   = "已取消案例录入，知识库没有改动。"
	txtCaseStale       = "这个按钮已经失效（录入已结束或已取消）。如需录入，请发送 /addcase。"
	txtNothingToCancel = "当前没有正在进行的录入。"

	// The first line of the staff's /help, before their commands.
	txtStaffUpload = "发送 .md .txt .docx .pdf 文件 — 导入知识库（预览后确认）"

	txtAdminCommandOnly = "只有管理员可以使用这个命令。"
	txtReviewOff        = "使用记录查阅功能没有启用。"
	txtReviewFailed     = "暂时无法读取使用记录（查阅须先记入审计），请稍后再试。"
	txtNoLogs           = "没有符合条件的回答记录。"
	txtExportUsage      = "用法：/export [开始日期] [结束日期] [csv|jsonl]，日期写成 YYYY-MM-DD；不写日期则导出近 7 天，只写一个日期则导出那一天。"
	txtExportDays       = "日期最多写两个：开始日期和结束日期。"
	txtExportEmpty      = "%s 没有使用记录，没有生成文件。"
	txtExportTooBig     = "%s 的记录导出后有 %s，超过了 Telegram 的文件上限。请缩短时间范围，或在服务器上用 rongcuo logs export 导出。"
	txtExportCaption    = "使用记录 %s，共 %d 条。含提问原文，请妥善保管。"
	txtExportNotSent    = "导出文件发送失败，请稍后再试。"
	txtNoPending        = "没有待审批的用户。"
	txtPendingHead      = "待审批的用户共 %d 位："
	txtPendingMore      = "……另有 %d 位，处理完上面的再发送 /users 查看。"
	txtGrantUsage       = "用法：/grant 用户ID 或 /revoke 用户ID（用户可发送 /whoami 查看自己的 ID）。"
	txtGrantAdmin       = "用户 %d 是管理员，角色不通过 /grant 或 /revoke 改变。"
	txtGrantAlready     = "用户 %d 已经是工作人员。"
	txtRevokeEnv        = "用户 %d 的工作人员角色来自 RONGCUO_STAFF 配置，请修改配置后重启服务。"
	txtRevokeNone       = "用户 %d 不是工作人员，无需撤销。"
	txtGranted          = "已授予用户 %d 工作人员角色。对方发送 /help 可以看到工作人员命令。"
	txtRevoked          = "已撤销用户 %d 的工作人员角色。"
	txtNoAudit          = "还没有查阅记录。"
)
