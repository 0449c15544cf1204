package knowledge

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"rongcuo/internal/sharedcorpus"
)

// benchQuestions is a mixed set of questions as cadres type them: cases,
// rule look-ups by article, definitions, procedure, traditional characters,
// and a few unrelated ones.
var benchQuestions = []string{
	"招商引资中未经集体研究就签了协议能容错吗",
	"问责条例第十七条",
	"公务员法第五十九条",
	"先行先试出现失误可以免予问责吗",
	"我在项目建设中为赶工期没有履行招标程序先开工了，会被处分吗",
	"什么是三个区分开来",
	"容错纠错的申请程序是什么",
	"收了企业送的购物卡还能容错吗",
	"领导干部在企业兼职有什么规定",
	"因公出国超期停留怎么处理",
	"集体决策中提出反对意见的人要不要承担责任",
	"不可抗力造成的损失要追究责任吗",
	"主动挽回损失能不能从轻处分",
	"政务处分法第十一条规定了哪些从轻情形",
	"纪律处分条例第十七条",
	"违反中央八项规定精神能否容错",
	"国企投资亏损了决策人要担责吗",
	"应急处置中临机决断动用资金事后报告算不算违规",
	"基层干部不作为慢作为如何问责",
	"被人诬告了怎么澄清正名",
	"受到诫勉处理影响提拔吗",
	"警告处分的影响期是多久",
	"历史遗留问题处理中出现偏差能否容错",
	"科研经费使用不规范可以容错吗",
	"服务企业过程中违规审批会被追责吗",
	"弄虚作假骗取补助如何处理",
	"行政机关工作人员玩忽职守造成重大损失怎么定罪",
	"监察机关对公职人员调查的程序",
	"刑法第三百九十七条",
	"重大行政决策应当经过哪些程序",
	"优化营商环境条例对容错有什么规定",
	"科学技术进步法关于宽容失败的规定",
	"問責條例第十七條",
	"幹部容錯免責的條件",
	"ＰＰＰ项目合同违约责任",
	"土地出让金减免未经审批",
	"政府采购中未公开招标的法律责任",
	"审计发现违规发放津贴补贴怎么处理",
	"安全生产事故责任追究",
	"环境污染造成生态破坏的责任",
	"群体性事件处置不当问责",
	"党员干部重复出现同样错误还能容错吗",
	"隐瞒证据伪造材料会从重处分吗",
	"公职人员违法所得如何处理",
	"上级明令禁止后继续实施的后果",
	"为谋取私利违规决策的处理",
	"改革创新中的无意过失",
	"今天天气怎么样",
	"如何办理护照",
	"推荐一家火锅店",
}

var benchLawsKB struct {
	once sync.Once
	kb   *KB
}

// benchLaws loads the law collection with the package's own loader, once.
func benchLaws(b *testing.B) *KB {
	dir := sharedcorpus.LawsDir(b) // skips when the collection is absent
	benchLawsKB.once.Do(func() {
		kb, problems := LoadDir(dir)
		if len(kb.Documents) == 0 {
			b.Fatalf("no documents loaded from %s (%d problems)", dir, len(problems))
		}
		benchLawsKB.kb = kb
	})
	return benchLawsKB.kb
}

func benchHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

func BenchmarkIndexLaws(b *testing.B) {
	kb := benchLaws(b)
	before := benchHeapMB()
	var ix *Index
	b.ResetTimer()
	for b.Loop() {
		ix = nil
		ix = NewIndex(kb)
	}
	b.StopTimer()
	after := benchHeapMB()
	b.ReportMetric(after, "heap-MB")
	b.ReportMetric(after-before, "index-MB")
	b.ReportMetric(float64(len(ix.provs)), "provisions")
	runtime.KeepAlive(ix)
}

func BenchmarkQueryLaws(b *testing.B) {
	benchQueries(b, NewIndex(benchLaws(b)), time.Millisecond, "ms")
}

func BenchmarkQueryEmbedded(b *testing.B) {
	kb, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	benchQueries(b, NewIndex(kb), time.Microsecond, "us")
}

func benchQueries(b *testing.B, ix *Index, unit time.Duration, name string) {
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, q := range benchQuestions {
			start := time.Now()
			ix.Provisions(q, SearchOptions{})
			lat = append(lat, time.Since(start))
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))]) / float64(unit)
	}
	b.ReportMetric(pct(0.50), "p50-"+name)
	b.ReportMetric(pct(0.99), "p99-"+name)
	b.ReportMetric(float64(len(benchQuestions)), "queries/op")
}
