package kblive

import (
	"fmt"
	"strings"

	"rongcuo/importer"
)

// Text renders a preview for staff, in Chinese: what would be stored,
// each item's title, size, first and last provision and warnings, what
// was skipped and why, and what was refused. long lists every item; the
// short form (for a chat) shows the first ten.
func (p *Preview) Text(long bool) string {
	var b strings.Builder
	if len(p.Refused) > 0 {
		fmt.Fprintf(&b, "有 %d 个文件无法导入，整批没有保存，知识库保持原样：\n", len(p.Refused))
		for _, r := range p.Refused {
			fmt.Fprintf(&b, "✗ %s\n", r.UserMessage())
		}
		b.WriteString("\n")
	}
	shown := p.Items
	if !long && len(shown) > 10 {
		shown = shown[:10]
	}
	for _, it := range shown {
		switch {
		case it.Kind == "case":
			fmt.Fprintf(&b, "【%s】案例《%s》 id: %s\n", it.Change, it.Title, it.ID)
			if it.First != "" {
				fmt.Fprintf(&b, "  事实：%s\n", it.First)
			}
		default:
			fmt.Fprintf(&b, "【%s】《%s》 id: %s", it.Change, it.Title, it.ID)
			if note := importer.IDNotes[it.IDFrom]; note != "" && (it.Change == "新增" || it.IDFrom == importer.IDFromStored) {
				b.WriteString("（" + note + "）")
			}
			b.WriteString("\n")
			if it.File != "" && it.File != it.ID {
				fmt.Fprintf(&b, "  文件：%s（%s）\n", it.File, it.Format)
			}
			fmt.Fprintf(&b, "  条文：%d 条", it.Articles)
			if it.Provisions != it.Articles {
				fmt.Fprintf(&b, "（共 %d 段）", it.Provisions)
			}
			b.WriteString("\n")
			if it.First != "" {
				fmt.Fprintf(&b, "  首条：%s\n  末条：%s\n", it.First, it.Last)
			}
			writeMeta(&b, it.Meta)
		}
		if it.Base > 0 && it.Change != "停用" {
			fmt.Fprintf(&b, "  变化：%s\n", strings.TrimPrefix(it.Summary, "修改《"+it.Title+"》："))
		}
		for _, w := range it.Warnings {
			fmt.Fprintf(&b, "  ⚠ %s\n", w)
		}
	}
	if n := len(p.Items) - len(shown); n > 0 {
		fmt.Fprintf(&b, "……另有 %d 项\n", n)
	}
	if len(p.Unchanged) > 0 {
		fmt.Fprintf(&b, "%d 项与知识库中的现有版本相同，不会产生新版本。\n", len(p.Unchanged))
	}
	if len(p.Skipped) > 0 {
		fmt.Fprintf(&b, "跳过 %d 个文件：\n", len(p.Skipped))
		for _, line := range skippedLines(p.Skipped, long) {
			b.WriteString("  " + line + "\n")
		}
	}
	switch {
	case len(p.Refused) > 0:
	case len(p.Items) == 0:
		b.WriteString("没有需要保存的变化。\n")
	case p.TTL <= 0:
		fmt.Fprintf(&b, "合计：%s。\n", p.Summary) // a dry run: nothing to confirm
	default:
		fmt.Fprintf(&b, "合计：%s。确认后保存（%s内有效）；取消则知识库不变。\n", p.Summary, ttlText(p.TTL))
	}
	return b.String()
}

// skippedLines lists skipped files; the short form groups them by reason.
func skippedLines(skipped []importer.Skipped, long bool) []string {
	if long {
		out := make([]string, len(skipped))
		for i, s := range skipped {
			out[i] = s.Name + "：" + s.Reason
		}
		return out
	}
	var reasons []string
	count := map[string]int{}
	for _, s := range skipped {
		if count[s.Reason] == 0 {
			reasons = append(reasons, s.Reason)
		}
		count[s.Reason]++
	}
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = fmt.Sprintf("%d 个：%s", count[r], r)
	}
	return out
}

// writeMeta shows a document's metadata as read from a file without front
// matter, each guess marked for staff to check.
func writeMeta(b *strings.Builder, meta []importer.MetaField) {
	own, guesses := true, 0
	for _, f := range meta {
		own = own && f.From == "文件自带" && !f.Guessed
		if f.Guessed {
			guesses++
		}
	}
	if len(meta) == 0 || own {
		return
	}
	for _, f := range meta {
		value := f.Value
		if value == "" {
			value = "未识别"
		}
		mark := ""
		if f.Guessed {
			mark = "❓推断，"
		}
		fmt.Fprintf(b, "  %s：%s（%s%s）\n", f.Label, value, mark, f.From)
	}
	if guesses > 0 {
		b.WriteString("  ❓ 标“推断”的项请核对后再确认；可以更正 id 和各项（命令行 --id --level --region --issuer --status --effective；Telegram 中点下方按钮，或回复“地区：某县”“id：xxx”这样的行；网页上在表单中填写后重新预览）\n")
	}
}
