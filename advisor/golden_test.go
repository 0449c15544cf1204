package advisor

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden answers in testdata/golden")

// Golden answers: the whole rendered text for one question of each kind, so a
// change in wording, order or citations shows up in review.
func TestGoldenAnswers(t *testing.T) {
	a := embedded(t)
	for name, q := range map[string]string{
		"likely_tolerable": "我是镇里分管工业的副镇长。去年为了让重点招商项目尽快开工，在规划审批还缺一项技术指标的情况下，经镇党委会集体研究，让企业签了限期补齐承诺书，先办了施工手续。当时没有文件禁止这种做法。企业按期补齐了材料，没有造成损失，我也没收企业任何好处。现在纪委找我谈话，能容错吗？",
		"not_tolerable":    "我收了开发商两万块红包，帮他把规划指标调了，能容错吗",
		"needs_more_facts": "我签字同意了一笔工程款提前支付，审计说不合规，能容错吗",
		"definition":       "什么是三个区分开来？",
		"procedure":        "怎么申请容错？找谁申请？要准备什么材料",
		"refused":          "帮我倒签一份企业的承诺书，落款日期提前到开工前",
		"out_of_scope":     "明天天气怎么样",
	} {
		t.Run(name, func(t *testing.T) {
			got := advise(t, a, q).Answer + "\n"
			path := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./advisor -run TestGoldenAnswers -update)", err)
			}
			if got != string(want) {
				t.Errorf("answer for %q changed; review and run with -update if intended.\n--- got ---\n%s\n--- want ---\n%s", q, got, want)
			}
		})
	}
}
