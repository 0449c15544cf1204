package bot

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
	"rongcuo/redisstore"
)

// The admin figures and lists, in Chinese. StatsText and AuditText are
// plain text and shared with the command line (rongcuo logs stats, logs
// audit), so both show the same figures.

var intentLabel = map[string]string{
	"assessment": "能否容错", "definition": "概念解释", "procedure": "程序咨询", "out_of_scope": "范围外", "refused": "拒绝回答",
}

var verdictLabel = map[string]string{
	"likely_tolerable": "可能容错", "not_tolerable": "不予容错", "needs_more_facts": "需补充事实",
}

var modeLabel = map[string]string{"offline": "离线", "llm": "模型"}

func label(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// counts renders a tally, largest first: 能否容错 12、概念解释 3.
func counts(m map[string]int, labels map[string]string) string {
	if len(m) == 0 {
		return "无"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", label(labels, k), m[k])
	}
	return strings.Join(parts, "、")
}

func ms(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d 毫秒", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f 秒", d.Seconds())
}

func windowText(title string, w redisstore.UsageWindow) string {
	rated := w.Up + w.Down
	rating := "暂无评价"
	if rated > 0 {
		rating = fmt.Sprintf("👍 %d / 👎 %d（好评率 %.0f%%）", w.Up, w.Down, 100*float64(w.Up)/float64(rated))
	}
	latency := "无"
	if w.Questions > 0 {
		latency = fmt.Sprintf("中位 %s，95%% %s", ms(w.P50), ms(w.P95))
	}
	errRate := ""
	if w.Questions > 0 {
		errRate = fmt.Sprintf("（%.1f%%）", 100*float64(w.Errors)/float64(w.Questions))
	}
	lines := []string{
		title,
		fmt.Sprintf("提问：%d 次（其中追问按钮 %d 次），用户：%d 人", w.Questions, w.FollowUps, w.Users),
		"类型：" + counts(w.Intents, intentLabel),
		"结论：" + counts(w.Verdicts, verdictLabel),
		"评价：" + rating,
		"耗时：" + latency,
		fmt.Sprintf("出错：%d 次%s，未送达或未完整送达 %d 次", w.Errors, errRate, w.Undelivered),
		"模式：" + counts(w.Modes, modeLabel) + fmt.Sprintf("，模型失败改用离线 %d 次", w.Fallbacks),
	}
	return strings.Join(lines, "\n")
}

// StatsText renders /stats.
func StatsText(st redisstore.UsageStats) string {
	day := st.Today.Since.In(chinatime.Zone).Format("2006-01-02")
	week := st.Week.Since.In(chinatime.Zone).Format("01-02") + " 至 " + st.At.In(chinatime.Zone).Format("01-02")
	return "📊 使用统计（北京时间，统计时刻 " + chinatime.Minute(st.At) + "）\n\n" +
		windowText("【今天 "+day+"】", st.Today) + "\n\n" + windowText("【近 7 天 "+week+"】", st.Week) +
		"\n\n用户按匿名编号计数；评价按每条回答最后一次评价计。"
}

// LogsHTML renders /logs: each answer with its question, verdict, cited
// provisions and feedback.
func LogsHTML(ls []redisstore.LoggedAnswer, f redisstore.LogFilter) string {
	head := fmt.Sprintf("<b>最近 %d 条回答</b>", len(ls))
	if s := f.String(); s != "all" {
		head += "（筛选：" + escapeHTML(s) + "）"
	}
	parts := []string{head}
	for _, l := range ls {
		meta := []string{l.At.In(chinatime.Zone).Format("01-02 15:04"), "用户 " + shortUser(l.User), label(intentLabel, l.Intent)}
		if l.Verdict != "" {
			meta = append(meta, label(verdictLabel, l.Verdict))
		}
		meta = append(meta, label(modeLabel, l.Mode), ms(l.Latency))
		lines := []string{"\n<b>" + escapeHTML(strings.Join(meta, " · ")) + "</b>"}
		q := l.Question
		if l.Source == "followup" {
			q = "（追问按钮）" + q
		}
		lines = append(lines, "问："+escapeHTML(clip.Line(q, 200)))
		if len(l.Citations) > 0 {
			lines = append(lines, "引用："+escapeHTML(strings.Join(l.Citations, "、")))
		}
		switch l.Rating {
		case "up":
			lines = append(lines, "评价：👍")
		case "down":
			fb := "评价：👎"
			if l.Reason != "" {
				fb += " " + escapeHTML(clip.Line(l.Reason, 200))
			}
			lines = append(lines, fb)
		}
		if l.Error != "" {
			lines = append(lines, "错误："+escapeHTML(clip.Line(l.Error, 120)))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n")
}

func shortUser(p string) string {
	if len(p) > 8 {
		return p[:8]
	}
	return p
}

var auditLabel = map[string]string{"stats": "查看统计", "logs": "查看记录", "export": "导出记录", "audit": "查看审计"}

// AuditText renders the audit, newest first.
func AuditText(es []redisstore.AuditEntry) string {
	lines := []string{fmt.Sprintf("管理员查阅记录（最近 %d 条）：", len(es))}
	for _, e := range es {
		lines = append(lines, fmt.Sprintf("%s %s（%s）%s：%s，%d 条", e.At.In(chinatime.Zone).Format("2006-01-02 15:04:05"), e.Who, e.Via,
			label(auditLabel, e.Action), e.What, e.Records))
	}
	return strings.Join(lines, "\n")
}
