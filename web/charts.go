package web

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
	"rongcuo/redisstore"
)

// Server-side SVG charts for the dashboard: no script, no outside library;
// every label is escaped.

type dashboardCharts struct {
	PerDay, Ratings, Intents, Verdicts, Cited template.HTML
}

var intentLabel = map[string]string{"assessment": "容错判断", "definition": "概念解释", "procedure": "程序办法", "out_of_scope": "超出范围", "refused": "拒答", "": "（无）"}

var verdictLabel = map[string]string{"likely_tolerable": "可能容错", "not_tolerable": "不予容错", "needs_more_facts": "需补充事实"}

func charts(d redisstore.Dashboard) dashboardCharts {
	var days []string
	var qs, ups, downs []int
	for _, day := range d.Days {
		days = append(days, day.Day.In(chinatime.Zone).Format("01-02"))
		qs = append(qs, day.Questions)
		ups, downs = append(ups, day.Up), append(downs, day.Down)
	}
	return dashboardCharts{
		PerDay:   columns("每日提问数", days, qs, nil),
		Ratings:  columns("每日评价（红：👍，黄：👎）", days, ups, downs),
		Intents:  hbars("问题类型", mapItems(d.Intents, intentLabel)),
		Verdicts: hbars("判断结果", mapItems(d.Verdicts, verdictLabel)),
		Cited:    hbars("引用最多的条文", countItems(d.TopCited)),
	}
}

type item struct {
	Label string
	N     int
}

func mapItems(m map[string]int, labels map[string]string) []item {
	var out []item
	for k, n := range m {
		l := labels[k]
		if l == "" {
			l = k
		}
		out = append(out, item{l, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].N > out[j].N || out[i].N == out[j].N && out[i].Label < out[j].Label })
	return out
}

func countItems(cs []redisstore.Count) []item {
	out := make([]item, len(cs))
	for i, c := range cs {
		out[i] = item{c.ID, c.N}
	}
	return out
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// columns draws one column per label; with second, two columns side by side.
func columns(title string, labels []string, first, second []int) template.HTML {
	const w, h, top, bottom, left = 640, 200, 20, 30, 30
	peak := 1
	for i := range first {
		peak = max(peak, first[i])
		if second != nil {
			peak = max(peak, second[i])
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`, w, h, esc(title), esc(title))
	n := max(len(labels), 1)
	slot := float64(w-left) / float64(n)
	bar := slot * 0.7
	if second != nil {
		bar = slot * 0.35
	}
	plot := float64(h - top - bottom)
	fmt.Fprintf(&b, `<text x="0" y="12">%d</text><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#ccc"/>`, peak, left, h-bottom, w, h-bottom)
	for i, l := range labels {
		x := float64(left) + slot*float64(i) + slot*0.15
		draw := func(v int, cls string, dx float64) {
			bh := plot * float64(v) / float64(peak)
			fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s：%d</title></rect>`,
				cls, x+dx, float64(h-bottom)-bh, bar, bh, esc(l), v)
		}
		draw(first[i], "bar", 0)
		if second != nil {
			draw(second[i], "bar2", bar)
		}
		if n <= 16 || i%(n/8+1) == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`, x, h-bottom+16, esc(l))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// hbars draws one horizontal bar per item, with its label and count.
func hbars(title string, items []item) template.HTML {
	const w, row, labelW = 640, 24, 230
	if len(items) == 0 {
		return template.HTML(`<p class="muted">（暂无数据）</p>`)
	}
	peak := 1
	for _, it := range items {
		peak = max(peak, it.N)
	}
	h := row*len(items) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`, w, h, esc(title), esc(title))
	for i, it := range items {
		y := i*row + 4
		bw := float64(w-labelW-50) * float64(it.N) / float64(peak)
		fmt.Fprintf(&b, `<text x="0" y="%d">%s</text><rect class="bar" x="%d" y="%d" width="%.1f" height="%d"></rect><text x="%.1f" y="%d">%d</text>`,
			y+14, esc(clip.Line(it.Label, 18)), labelW, y+2, bw, row-8, float64(labelW)+bw+6, y+14, it.N)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
