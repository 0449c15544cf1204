package advisor

import (
	"strings"

	"rongcuo/assess"
)

// ParseReply reads a bare answer to a follow-up question: 是 / 否 / 不清楚 and
// their everyday variants. ok is false when s is more than a bare answer.
func ParseReply(s string) (assess.Reply, bool) {
	t := strings.TrimSpace(s)
	t = strings.TrimRight(t, "。.!！~～ ")
	switch t {
	case "是", "是的", "对", "对的", "有", "有的", "嗯", "是啊", "对啊", "有啊", "确实", "确实有", "y", "Y", "yes", "Yes", "1":
		return assess.Yes, true
	case "否", "不是", "没有", "没", "无", "不", "没有的", "没有啊", "不是的", "n", "N", "no", "No", "2":
		return assess.No, true
	case "不清楚", "不知道", "不确定", "说不清", "不好说", "记不清", "记不清了", "不太清楚", "不晓得", "?", "？", "3":
		return assess.NotSure, true
	}
	return "", false
}
