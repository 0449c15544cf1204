package knowledge

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"rongcuo/internal/sharedcorpus"
)

// The figures below were measured on the collection (1,602 Markdown files).
// A naive count of lines starting with 第X条 gives 65,727; the loader's
// 65,489 articles differ by known, checked amounts:
//
//	−235  in the 4 laws filed under two categories (loaded once)
//	−5    quoted in the 52 court cases under 案例/ (skipped)
//	−2    in 法律法规模版.md, the collection's template (a section file)
//	−1    "第三十一条的决定》…", a reference broken across two lines
//	+5    labels typed "第一百二十八 条…", which the naive count misses
//
// The tolerance is zero: the collection is a fixed copy, so any change in
// these counts is a change in the chunker that someone must look at.
const (
	lawsDocuments = 1525 // 1,602 − 20 _index.md − 52 court cases − 1 template − 4 duplicates
	lawsArticles  = 65489
	lawsSubs      = 53 // 第X条之N articles, all in 刑法
	lawsWarnings  = 17 // 4 duplicates, 11 gaps in 飞行基本规则 (the collection lacks most of it), 2 real gaps
)

func TestLoadLaws(t *testing.T) {
	kb, problems := LoadDir(sharedcorpus.LawsDir(t))
	for _, p := range problems {
		t.Errorf("problem: %v", p)
	}
	var articles, subs int
	for _, p := range kb.Provisions() {
		if p.Number > 0 {
			articles++
		}
		if p.Sub > 0 {
			subs++
		}
	}
	if len(kb.Documents) != lawsDocuments || articles != lawsArticles || subs != lawsSubs {
		t.Errorf("loaded %d documents, %d articles (%d with 之N); want %d, %d, %d",
			len(kb.Documents), articles, subs, lawsDocuments, lawsArticles, lawsSubs)
	}
	if len(kb.Warnings) != lawsWarnings {
		for _, w := range kb.Warnings {
			t.Log(w)
		}
		t.Errorf("%d warnings, want %d", len(kb.Warnings), lawsWarnings)
	}
	for _, d := range kb.Documents {
		if !strings.HasPrefix(d.File, sharedcorpus.LawsDir(t)) || d.Verification != Verified || len(d.Provisions) == 0 {
			t.Errorf("%s: file %q, verification %q, %d provisions", d.ID, d.File, d.Verification, len(d.Provisions))
		}
	}
}

func TestLoadLawsSpotChecks(t *testing.T) {
	kb, _ := LoadDir(sharedcorpus.LawsDir(t))
	tests := []struct {
		id, article, chapter, textPrefix string
	}{
		{"公职人员政务处分法(2020-06-20)#11", "第十一条", "第二章 政务处分的种类和适用", "公职人员有下列情形之一的"},
		{"刑法#120-1", "第一百二十条之一", "第二编 分则 / 第二章 危害公共安全罪", "资助恐怖活动组织"},
		{"刑法#120-6", "第一百二十条之六", "第二编 分则 / 第二章 危害公共安全罪", "明知是宣扬恐怖主义"},
		{"总则#1", "第一条", "总则 / 第一章 基本规定", "为了保护民事主体的合法权益"},
		{"人格权编#990", "第九百九十条", "人格权编 / 第一章 一般规定", "人格权是民事主体享有的"},
		{"宪法#序言", "序言", "", "中国是世界上历史最悠久的国家之一。"},
		{"宪法#1", "第一条", "第一章 总纲", "中华人民共和国是工人阶级领导的"},
		{"刑事诉讼法(2018-10-26)#128", "第一百二十八条", "第二编 立案、侦查和提起公诉 / 第二章 侦查 / 第四节 勘验、检查", "侦查人员对于与犯罪有关的场所"},
		{"刑法修正案（十一）#s1", "一、将刑法第十七条修改为", "", "将刑法第十七条修改为"},
	}
	for _, tt := range tests {
		p := kb.Provision(tt.id)
		if p == nil {
			t.Errorf("%s: not found", tt.id)
			continue
		}
		if p.Article != tt.article || p.Chapter != tt.chapter || !strings.HasPrefix(p.Text, tt.textPrefix) || !p.Verified {
			t.Errorf("%s: article %q chapter %q verified %v text %.40q; want %q %q %q…",
				tt.id, p.Article, p.Chapter, p.Verified, p.Text, tt.article, tt.chapter, tt.textPrefix)
		}
	}

	// An article keeps its item paragraphs and no other article's text.
	p := kb.Provision("公职人员政务处分法(2020-06-20)#11")
	if p != nil && (!strings.Contains(p.Text, "\n（一）") || strings.Contains(p.Text, "第十二条")) {
		t.Errorf("政务处分法 第十一条 text: %q", p.Text)
	}

	d := kb.Document("公职人员政务处分法(2020-06-20)")
	if d == nil || d.Title != "中华人民共和国公职人员政务处分法" || d.Short != "公职人员政务处分法" ||
		d.Effective != "2020-06-20" || d.Level != LevelLaw || d.Region != "全国" || d.Status != StatusCurrent {
		t.Errorf("政务处分法 metadata: %+v", d)
	}
	levels := map[string]string{
		"行政法规":     "工伤保险条例(2010-12-20)",
		"规范性文件":    "最高人民法院关于审理名誉权案件若干问题的解答(1993-08-07)",
		"地方性法规/广东": "广东省中新广州知识城条例(2022-01-16)",
	}
	for want, id := range levels {
		d := kb.Document(id)
		if d == nil {
			t.Errorf("%s: not found", id)
			continue
		}
		if got := d.Level + "/" + d.Region; got != want && d.Level != want {
			t.Errorf("%s: level/region %s, want %s", id, got, want)
		}
	}
	for _, d := range kb.Documents {
		if strings.Contains(d.File, string(filepath.Separator)+"案例"+string(filepath.Separator)) {
			t.Errorf("court case %s loaded", d.File)
		}
	}
}

// BenchmarkLoadLaws measures loading the whole collection; live-MB is the
// heap the loaded KB keeps after a collection, the figure that counts
// against the memory budget (allocations are mostly transient).
func BenchmarkLoadLaws(b *testing.B) {
	dir := sharedcorpus.LawsDir(b)
	b.ReportAllocs()
	var kb *KB
	for b.Loop() {
		var problems []Problem
		kb, problems = LoadDir(dir)
		if len(problems) > 0 || len(kb.Documents) != lawsDocuments {
			b.Fatalf("%d documents, %d problems", len(kb.Documents), len(problems))
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kb)
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "live-MB")
}
