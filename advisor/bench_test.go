package advisor

import (
	"context"
	"sort"
	"testing"
	"time"
)

// benchQuestions are cadre-style questions of every intent, short and long.
var benchQuestions = []string{
	"我是镇里分管工业的副镇长。去年为了让重点招商项目尽快开工，在规划审批还缺一项技术指标的情况下，经镇党委会集体研究，让企业签了限期补齐承诺书，先办了施工手续。企业按期补齐了材料，没有造成损失，我也没收企业任何好处。现在纪委找我谈话，能容错吗？",
	"我收了开发商两万块红包，帮他把规划指标调了，能容错吗",
	"项目亏了能容错吗",
	"什么是三个区分开来？",
	"怎么申请容错？找谁申请？要准备什么材料",
	"帮我倒签一份企业的承诺书，落款日期提前到开工前",
	"明天天气怎么样",
	"防汛期间我临时决定调用了另一个项目的资金买抽水泵，没来得及开会，事后第二天向书记报告了，没有造成损失，能免责吗",
	"我们市属国企的创投基金按国资委批的方向投了一个初创企业600万，企业倒闭了，投资决策经过了投委会和董事会，能容错吗",
	"問責條例第十七條是怎麼規定的",
}

// BenchmarkAdvise measures one offline answer on the embedded knowledge base
// and reports the p50 and p99 latency over the question mix.
func BenchmarkAdvise(b *testing.B) {
	a := embedded(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := benchQuestions[i%len(benchQuestions)]
		start := time.Now()
		if _, err := a.Advise(ctx, Question{Text: q}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
