package knowledge

import (
	"strconv"
	"strings"
	"testing"
)

// Fuzz seeds: every shape of knowledge file the loader knows.
var fuzzSeeds = []string{
	goodDoc,
	goodCase,
	"# 中华人民共和国民法典\n\n# 人格权编\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n## 第一章  一般规定\n\n第九百八十九条 本编调整因人格权的享有和保护产生的民事关系。\n",
	"## 序言\n\n中国是世界上历史最悠久的国家之一。\n\n## 第一章 总纲\n\n第一条 甲。\n\n第一百二十条之一 乙。\n",
	"导语。\n## 适用情形\n内容一。\n### 细则\n内容二。\n",
	"说明：\n\n一、将刑法第十七条修改为：“甲。\n\n二、删去刑法第五条。\n",
	"---\nbookCollapseSection: true\n---\n",
	"第一条 甲<!-- 注 -->乙。\n<!--\n第二条 被注释。\n-->\n**第三条** 丙。\n第四 条丁。\n第17条：戊。\n",
}

func FuzzParseFile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add("corpus/documents/a.md", []byte(s))
		f.Add("行政法规/某条例(2020-01-01).md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, c, problems := ParseFile(name, data)
		if doc != nil && c != nil {
			t.Fatal("both a document and a case")
		}
		for _, p := range problems {
			if p.File != name || p.Msg == "" || p.Line < 0 {
				t.Errorf("problem %#v for file %q", p, name)
			}
		}
		lines := strings.Count(string(data), "\n") + 1
		if doc != nil {
			if doc.ID == "" || doc.Title == "" || len(doc.Provisions) == 0 {
				t.Errorf("document %q titled %q with %d provisions", doc.ID, doc.Title, len(doc.Provisions))
			}
			checkProvisions(t, doc.ID, doc.Provisions, lines)
			for _, p := range doc.Provisions {
				if p.Verified && doc.Verification != Verified {
					t.Errorf("%s verified in a %s document", p.ID, doc.Verification)
				}
			}
		}
		if c != nil && (c.ID == "" || c.Facts == "" || c.Handling == "" || c.Reasons == "") {
			t.Errorf("case %q with an empty field or section: %+v", c.ID, c)
		}
	})
}

func FuzzChunk(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	f.Add("第五条 甲。\n第七条 乙。\n第三条 丙。\n第三条 丁。", true)
	f.Fuzz(func(t *testing.T, body string, excerpt bool) {
		res := chunkBody(chunkInput{File: "f.md", DocID: "d", Title: "标题", Lines: splitLines(body), FirstLine: 1, Excerpt: excerpt})
		checkProvisions(t, "d", res.Provisions, strings.Count(body, "\n")+1)
		if len(res.Problems) > 0 {
			return
		}
		seen := make(map[string]bool)
		for _, p := range res.Provisions {
			if seen[p.ID] {
				t.Errorf("id %s twice without a problem", p.ID)
			}
			seen[p.ID] = true
		}
	})
}

// checkProvisions asserts what holds for the provisions of any input.
func checkProvisions(t *testing.T, docID string, ps []*Provision, lines int) {
	t.Helper()
	for _, p := range ps {
		if p.DocID != docID || !strings.HasPrefix(p.ID, docID+"#") {
			t.Errorf("provision %q of document %q", p.ID, p.DocID)
		}
		if p.Line < 1 || p.Line > lines {
			t.Errorf("%s: line %d outside 1..%d", p.ID, p.Line, lines)
		}
		if strings.Contains(p.Text, "<!--") {
			t.Errorf("%s: comment left in %q", p.ID, p.Text)
		}
		paras := strings.Split(p.Text, "\n")
		for _, para := range paras {
			if para == "" && p.Text != "" {
				t.Errorf("%s: empty paragraph in %q", p.ID, p.Text)
			}
		}
		anchor := strings.TrimPrefix(p.ID, docID+"#")
		switch {
		case p.Number > 0:
			want := strconv.Itoa(p.Number)
			if p.Sub > 0 {
				want += "-" + strconv.Itoa(p.Sub)
			}
			if anchor != want || !strings.HasPrefix(p.Article, "第") {
				t.Errorf("%s: article %q number %d sub %d", p.ID, p.Article, p.Number, p.Sub)
			}
			// Any later paragraph that reads as an article would have
			// started one.
			for _, para := range paras[1:] {
				if _, ok := parseArticleLabel(para); ok {
					t.Errorf("%s: paragraph %q is an article", p.ID, para)
				}
			}
		case anchor != anchorPreface && (len(anchor) < 2 || anchor[0] != 's'):
			t.Errorf("%s: unnumbered provision with anchor %q", p.ID, anchor)
		}
	}
}
