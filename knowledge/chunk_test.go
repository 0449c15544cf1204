package knowledge

import (
	"fmt"
	"strings"
	"testing"
)

// provLine renders a provision as "ID|Article|Chapter|Text" for comparison.
func provLine(p *Provision) string {
	return p.ID + "|" + p.Article + "|" + p.Chapter + "|" + p.Text
}

// findingLine renders a finding as "line:message".
func findingLine(p Problem) string {
	return fmt.Sprintf("%d:%s", p.Line, p.Msg)
}

func TestChunkBody(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		part     string
		excerpt  bool
		want     []string // provLine of each provision
		warnings []string // "line:substring"
		problems []string // "line:substring"
		orphan   int
	}{
		{
			name: "articles split at paragraph start",
			body: "第一条 为了规范政务处分。\n\n第二条 本法适用于监察机关。",
			want: []string{"d#1|第一条||为了规范政务处分。", "d#2|第二条||本法适用于监察机关。"},
		},
		{
			name: "item paragraphs belong to the article",
			body: "第十一条 公职人员有下列情形之一的，可以从轻：\n\n（一）主动交代；\n\n（二）配合调查。\n\n第十二条 下一条。",
			want: []string{"d#11|第十一条||公职人员有下列情形之一的，可以从轻：\n（一）主动交代；\n（二）配合调查。", "d#12|第十二条||下一条。"},
		},
		{
			name: "arabic and full-width digits",
			body: "第17条 甲。\n第１８条 乙。",
			want: []string{"d#17|第17条||甲。", "d#18|第１８条||乙。"},
		},
		{
			name: "full-width space, colon or no separator",
			body: "第三条　甲。\n第四条：乙。\n第五条丙。",
			want: []string{"d#3|第三条||甲。", "d#4|第四条||乙。", "d#5|第五条||丙。"},
		},
		{
			name: "之一 articles follow their base article without a gap",
			body: "第一百二十条 甲。\n第一百二十条之一 乙。\n第一百二十条之二 丙。\n第一百二十一条 丁。",
			want: []string{"d#120|第一百二十条||甲。", "d#120-1|第一百二十条之一||乙。", "d#120-2|第一百二十条之二||丙。", "d#121|第一百二十一条||丁。"},
		},
		{
			name: "a reference inside a sentence is not an article",
			body: "第十条 依照本法第十七条规定处理，第十八条不适用。",
			want: []string{"d#10|第十条||依照本法第十七条规定处理，第十八条不适用。"},
		},
		{
			name: "a reference at paragraph start is not an article",
			body: "第十条 修改《文物保护法》第三十条\n第三十一条的决定》第一次修正\n第五条至第九条删去\n第十条第二款修改为\n第十条之规定\n第十条、第十一条",
			want: []string{"d#10|第十条||修改《文物保护法》第三十条\n第三十一条的决定》第一次修正\n第五条至第九条删去\n第十条第二款修改为\n第十条之规定\n第十条、第十一条"},
		},
		{
			name: "malformed numerals are text",
			body: "第一条 甲。\n第十十条 乙。\n第零条 丙。\n第一百二条 丁。",
			want: []string{"d#1|第一条||甲。\n第十十条 乙。\n第零条 丙。\n第一百二条 丁。"},
		},
		{
			name:     "comments are dropped, also across lines",
			body:     "第一条 甲<!-- 注 -->乙。\n<!--\n第二条 被注释的条文。\n-->\n第三条 丙。",
			want:     []string{"d#1|第一条||甲乙。", "d#3|第三条||丙。"},
			warnings: []string{"5:第一条 之后是 第三条"},
		},
		{
			name: "chapter and section headings",
			body: "## 第一章  总 则\n第一条 甲。\n## 第二章 分则\n### 第一节 一般规定\n第二条 乙。\n### 第二节 特别规定\n第三条 丙。\n## 第三章 附则\n第四条 丁。",
			want: []string{
				"d#1|第一条|第一章 总则|甲。",
				"d#2|第二条|第二章 分则 / 第一节 一般规定|乙。",
				"d#3|第三条|第二章 分则 / 第二节 特别规定|丙。",
				"d#4|第四条|第三章 附则|丁。",
			},
		},
		{
			name: "part of a code prefixes the chapter",
			part: "人格权编",
			body: "第九百八十九条 甲。\n## 第一章 一般规定\n第九百九十条 乙。",
			want: []string{"d#989|第九百八十九条|人格权编|甲。", "d#990|第九百九十条|人格权编 / 第一章 一般规定|乙。"},
		},
		{
			name:   "preamble before the first article is not an article",
			body:   "2020年6月20日 第十三届全国人民代表大会常务委员会第十九次会议通过\n\n第一条 甲。",
			want:   []string{"d#1|第一条||甲。"},
			orphan: 1,
		},
		{
			name: "序言 becomes its own provision",
			body: "## 序言\n\n中国是世界上历史最悠久的国家之一。\n\n二十世纪，中国发生了翻天覆地的伟大历史变革。\n\n## 第一章 总纲\n\n第一条 甲。",
			want: []string{"d#序言|序言||中国是世界上历史最悠久的国家之一。\n二十世纪，中国发生了翻天覆地的伟大历史变革。", "d#1|第一条|第一章 总纲|甲。"},
		},
		{
			name:   "text after a heading and before an article belongs to no article",
			body:   "第一条 甲。\n## 附件\n附件的说明。\n第二条 乙。",
			want:   []string{"d#1|第一条||甲。", "d#2|第二条|附件|乙。"},
			orphan: 3,
		},
		{
			name:     "gap is a warning",
			body:     "第五条 甲。\n第七条 乙。",
			want:     []string{"d#5|第五条||甲。", "d#7|第七条||乙。"},
			warnings: []string{"2:条文编号不连续：第五条 之后是 第七条"},
		},
		{
			name:     "missing 之一 is a gap",
			body:     "第十条 甲。\n第十条之二 乙。",
			want:     []string{"d#10|第十条||甲。", "d#10-2|第十条之二||乙。"},
			warnings: []string{"2:第十条 之后是 第十条之二"},
		},
		{
			name:    "an excerpt may skip articles",
			excerpt: true,
			body:    "第五条 甲。\n第十一条 乙。\n第十一条之二 丙。",
			want:    []string{"d#5|第五条||甲。", "d#11|第十一条||乙。", "d#11-2|第十一条之二||丙。"},
		},
		{
			name:     "numbers going backwards are a warning, even in an excerpt",
			excerpt:  true,
			body:     "第五条 甲。\n第三条 乙。",
			want:     []string{"d#5|第五条||甲。", "d#3|第三条||乙。"},
			warnings: []string{"2:条文编号倒退：第五条 之后是 第三条"},
		},
		{
			name:     "a repeated article number is a problem",
			body:     "第五条 甲。\n\n第六条 乙。\n\n第五条 丙。",
			want:     []string{"d#5|第五条||甲。", "d#6|第六条||乙。", "d#5|第五条||丙。"},
			warnings: []string{"5:条文编号倒退"},
			problems: []string{"5:第五条 重复：第 1 行已有同号条文"},
		},
		{
			name: "bold labels and a space typed inside the label",
			body: "**第一条** 甲。\n第二 条乙。",
			want: []string{"d#1|第一条||甲。", "d#2|第二条||乙。"},
		},
		{
			name: "an article whose label stands alone takes the next paragraphs",
			body: "第一条\n\n甲。\n\n第二条 乙。",
			want: []string{"d#1|第一条||甲。", "d#2|第二条||乙。"},
		},
		{
			name: "without articles, sections at ## headings; deeper headings stay in the text",
			body: "导语。\n## 适用情形\n内容一。\n### 细则\n内容二。\n## 认定程序\n内容三。",
			want: []string{"d#s0|引言||导语。", "d#s1|适用情形||内容一。\n细则\n内容二。", "d#s2|认定程序||内容三。"},
		},
		{
			name: "sections at the outermost heading level present",
			body: "### 甲\n一。\n#### 乙\n二。\n### 丙\n三。",
			want: []string{"d#s1|甲||一。\n乙\n二。", "d#s2|丙||三。"},
		},
		{
			name: "a heading without text is still addressable",
			body: "## 判断口诀：为公还是为私\n## 说明\n内容。",
			want: []string{"d#s1|判断口诀：为公还是为私||", "d#s2|说明||内容。"},
		},
		{
			name: "neither articles nor headings: the whole text",
			body: "段落一。\n\n段落二。",
			want: []string{"d#s0|全文||段落一。\n段落二。"},
		},
		{
			name: "amendments split at 一、二、 items",
			body: "为了惩治犯罪，作如下修改：\n\n一、将刑法第十七条修改为：“已满十六周岁的人犯罪，应当负刑事责任。\n\n“（一）甲；\n\n二、删去刑法第五条。\n\n三、本修正案自公布之日起施行。",
			want: []string{
				"d#s0|引言||为了惩治犯罪，作如下修改：",
				"d#s1|一、将刑法第十七条修改为||将刑法第十七条修改为：“已满十六周岁的人犯罪，应当负刑事责任。\n“（一）甲；",
				"d#s2|二、删去刑法第五条||删去刑法第五条。",
				"d#s3|三、本修正案自公布之日起施行||本修正案自公布之日起施行。",
			},
		},
		{
			name: "items out of sequence do not split",
			body: "一、甲。\n\n三、乙。",
			want: []string{"d#s0|全文||一、甲。\n三、乙。"},
		},
		{
			name: "an empty body has no provisions",
			body: "\n\n<!-- 只有注释 -->\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := chunkBody(chunkInput{File: "f.md", DocID: "d", Title: "标题", Lines: splitLines(tt.body), FirstLine: 1, Part: tt.part, Excerpt: tt.excerpt})
			var got []string
			for _, p := range res.Provisions {
				got = append(got, provLine(p))
				if p.DocID != "d" || p.Document != "标题" {
					t.Errorf("%s: DocID %q Document %q", p.ID, p.DocID, p.Document)
				}
			}
			if strings.Join(got, "\n---\n") != strings.Join(tt.want, "\n---\n") {
				t.Errorf("provisions:\n%s\nwant:\n%s", strings.Join(got, "\n---\n"), strings.Join(tt.want, "\n---\n"))
			}
			checkFindings(t, "warnings", res.Warnings, tt.warnings)
			checkFindings(t, "problems", res.Problems, tt.problems)
			if res.Orphan != tt.orphan {
				t.Errorf("orphan line %d, want %d", res.Orphan, tt.orphan)
			}
		})
	}
}

// checkFindings matches findings one to one against "line:substring".
func checkFindings(t *testing.T, what string, got []Problem, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
		return
	}
	for i, w := range want {
		line, sub, _ := strings.Cut(w, ":")
		if fmt.Sprint(got[i].Line) != line || !strings.Contains(got[i].Msg, sub) {
			t.Errorf("%s[%d] = %s, want line %s containing %q", what, i, findingLine(got[i]), line, sub)
		}
	}
}

func TestChunkNumbersAndLines(t *testing.T) {
	body := "## 第一章 总则\n\n第一条 甲。\n\n第二条之一 乙。"
	res := chunkBody(chunkInput{File: "f.md", DocID: "d", Lines: splitLines(body), FirstLine: 10})
	if len(res.Provisions) != 2 {
		t.Fatalf("got %d provisions", len(res.Provisions))
	}
	p1, p2 := res.Provisions[0], res.Provisions[1]
	if p1.Number != 1 || p1.Sub != 0 || p1.Line != 12 {
		t.Errorf("第一条: number %d sub %d line %d, want 1 0 12", p1.Number, p1.Sub, p1.Line)
	}
	if p2.Number != 2 || p2.Sub != 1 || p2.Line != 14 || p2.ID != "d#2-1" {
		t.Errorf("第二条之一: %s number %d sub %d line %d, want d#2-1 2 1 14", p2.ID, p2.Number, p2.Sub, p2.Line)
	}
	// 第一条 then 第二条之一 skips 第二条.
	checkFindings(t, "warnings", res.Warnings, []string{"14:第一条 之后是 第二条之一"})
}
