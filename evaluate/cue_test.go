package evaluate

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/internal/sharedcorpus"
	"rongcuo/knowledge"
)

// The rules may draw their words from the policy texts, the cases, the
// example bank and general Chinese (for which the law collection stands in),
// never from the gold questions. A cue of four or more characters that occurs
// in a gold question (either split) and in none of those sources was taken
// from the question: the test names it. Every judgment file counts, the
// held-out files measured only with --gold (heldout-b, heldout-c …)
// included; the test names the cue, never the question.
func TestNoCueOnlyInGoldQuestions(t *testing.T) {
	laws := sharedcorpus.LawsDir(t)
	items := everyJudgmentItem(t)
	var gold strings.Builder
	for _, it := range items {
		gold.WriteString(knowledge.Normalize(it.Question))
		gold.WriteByte('\n')
	}
	golds := gold.String()

	cues := map[string]string{} // cue → where it is used
	add := func(w, where string) {
		w = knowledge.Normalize(strings.TrimSpace(w))
		if utf8.RuneCountInString(w) >= 4 && strings.Contains(golds, w) {
			cues[w] = where
		}
	}
	for _, r := range assess.Rows() {
		for _, slot := range strings.Split(r.Frame, "…") {
			for _, alt := range strings.Split(slot, "|") {
				if !strings.HasPrefix(alt, "{") {
					add(alt, "assess/data/frames.tsv")
				}
			}
		}
	}
	for _, w := range assess.Words() {
		add(w.Text, "assess/data ("+w.List+")")
	}
	for _, w := range advisor.IntentCues() {
		add(w, "advisor intent rules")
	}
	if len(cues) == 0 {
		return
	}

	var src strings.Builder
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..")
	readAll := func(dir string, match func(string) bool) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !match(p) {
				return nil
			}
			b, err := os.ReadFile(p)
			if err == nil {
				src.WriteString(knowledge.Normalize(string(b)))
				src.WriteByte('\n')
			}
			return nil
		})
	}
	md := func(p string) bool {
		return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".tsv")
	}
	readAll(filepath.Join(root, "knowledge", "corpus"), md)
	readAll(filepath.Join(root, "advisor", "examples.tsv"), md)
	shared := filepath.Join(root, "..", "shared")
	readAll(filepath.Join(shared, "policy"), md)
	readAll(filepath.Join(shared, "seed"), md)
	readAll(laws, md)
	sources := src.String()
	for cue, where := range cues {
		if !strings.Contains(sources, cue) && !cuesBeforeTheFile[cue] {
			t.Errorf("%s: the cue %q occurs in gold questions and in none of the sources (policy texts, cases, example bank, law collection)", where, cue)
		}
	}
}

// cuesBeforeTheFile are everyday phrases that were in the rules before the
// gold file they occur in was written (by someone who had not seen the rules):
// they cannot have been taken from it. Each was checked with git log -S; a
// cue added later is not listed here and is named by the test.
var cuesBeforeTheFile = map[string]bool{
	// In the rules before dev-j and heldout-d were written (b421b9a).
	"发现不了": true, "有没有办法": true, "没有办法": true, "不是一回事": true, "没有这个": true, "联系不上": true,
	"村里的钱": true, "违规吃喝": true, "全票通过": true, "亲戚关系": true, "取消休假": true, "患者家属": true,
	// In the rules before dev-k and heldout-e were written (497ac10).
	"说不知道": true, "安排了工作": true, "表示表示": true, "查无实据": true, "被处分过": true, "打过招呼": true,
	"整改不力": true, "无心之失": true, "怎么解除": true,
	// In the rules before dev-l was written (2e6bc64).
	"be tolerated": true, "权钱交易": true, "意思意思": true, "一时糊涂": true, "喝了几瓶": true,
	// In the rules before dev-m and heldout-f were written (6a2853e).
	"没这回事": true, "held accountable": true,
	"依据是什么": true, "没申请回避": true, "报了上去": true,
	// In the rules before dev-n and heldout-g were written (6a2853e).
	"来不及了": true, "属于探索": true, "述职报告": true, "想不到会": true, "单位的钱": true, "调试模式": true,
	// In the rules before dev-o was written (6a2853e).
	"原封不动": true, "群众满意": true, "当时要是": true, "就是为了": true,
	// In the rules before dev-p was written (6a2853e).
	"正规发票": true, "市场波动": true,
	// In the rules before dev-q was written (6a2853e).
	"收回来了": true,
	// In the rules before dev-r was written (6a2853e).
	"公车私用": true, "超标准接待": true,
	// In the rules before dev-s and dev-t were written (6fd116a).
	"整了点酒": true, "村民大会": true,
	"处分记录": true, "时间紧迫": true, "班子会议": true, "自己觉得": true,
	// In the rules before dev-v was written (6fd116a).
	"不太确定": true, "说了一声": true,
	// In the rules before dev-u was written (6fd116a).
	"error correct": true, "不能这样": true,
	// In the rules before dev-z5 and dev-z6 were written (7fcacde).
	"死亡信息": true, "gave": true, "处理掉了": true, "above": true, "打了个电话": true, "对方公司": true, "我自己家": true,
	// In the rules before dev-z7, dev-z8 and heldout-m were written (da4bd71);
	// the last two before dev-z11 was written too.
	"paid": true, "一拖再拖": true, "整改不到位": true,
	// In the rules before dev-z17 and heldout-o were written (b7830c6).
	"刚才那个": true, "如何理解": true,
	// In the rules before dev-z15 and dev-z16 were written (b7830c6).
	"子虚乌有": true, "统一招标的": true, "已经整改": true,
	// In the rules before dev-z13 and dev-z14 were written (b7830c6).
	"不同看法": true, "事后补报": true, "账上的钱": true, "吃了个饭": true, "golang": true, "原封不动退回": true,
	// In the rules before dev-z12 was written (da4bd71).
	"全部还上": true, "admin mode": true, "我总觉得": true,
	// In the rules before dev-z3 and dev-z4 were written (830d846).
	"不好意思": true, "需不需要": true, "整改完毕": true, "没做记录": true, "经验不足": true, "规则更新": true,
	"疫情暴发": true, "提了一嘴": true, "每月给我": true,
	// In the rules before heldout-k was written (36021d2).
	"举个例子": true, "礼尚往来": true,
	// In the rules before dev-y, dev-z and dev-z2 were written (36021d2).
	"一心为公": true, "一口咬定": true, "效果很好": true, "彻底删除": true, "数据造假": true, "一律不许": true,
	"书面反对": true, "我也觉得": true, "提了一句": true, "公家的钱": true,
	// In the rules before dev-w and dev-x were written (6fd116a).
	"让老百姓": true, "损失不大": true, "可不可以": true, "说没有这回事": true,
	// In the rules before heldout-h and heldout-i were written (6fd116a).
	"为老百姓": true, "跟真的一样": true, "补回来了": true,
	// In the rules before heldout-j was written (6fd116a).
	"不归我管": true,
}

// The built-in thesauruses (knowledge/thesaurus.txt, thesaurus_laws.txt)
// are drawn from the statutes and everyday Chinese, never from the law
// questions: a word of four or more characters that occurs in a law dev
// question and nowhere in the law collection or the knowledge base was
// taken from the question, unless it was in the thesaurus before the
// question was written (thesaurusBeforeTheQuestion). Only dev questions
// are read; the test names the word, never the question.
func TestNoThesaurusWordOnlyInLawQuestions(t *testing.T) {
	laws := sharedcorpus.LawsDir(t)
	qs, _, err := LawGold(nil)
	if err != nil {
		t.Fatal(err)
	}
	var gold strings.Builder
	for _, q := range qs {
		if q.Split == "dev" {
			gold.WriteString(knowledge.Normalize(q.Question))
			gold.WriteByte('\n')
		}
	}
	golds := gold.String()
	var src strings.Builder
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..")
	for _, dir := range []string{laws, filepath.Join(root, "knowledge", "corpus")} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".txt") {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				src.WriteString(knowledge.Normalize(string(b)))
				src.WriteByte('\n')
			}
			return nil
		})
	}
	sources := src.String()
	for file, groups := range map[string]knowledge.Synonyms{"thesaurus.txt": knowledge.BuiltinThesaurus(), "thesaurus_laws.txt": knowledge.LawThesaurus()} {
		for _, g := range groups {
			for _, w := range g {
				w = knowledge.Normalize(w)
				if utf8.RuneCountInString(w) >= 4 && strings.Contains(golds, w) && !strings.Contains(sources, w) && !thesaurusBeforeTheQuestion[w] {
					t.Errorf("%s: %q occurs in law dev questions and in neither the law collection nor the knowledge base", file, w)
				}
			}
		}
	}
}

// thesaurusBeforeTheQuestion are thesaurus words that were in the thesaurus
// before the law question they occur in was written (git log -S on both
// files): they cannot have been taken from it.
var thesaurusBeforeTheQuestion = map[string]bool{
	// laws-dev3 was written after all of these.
	"告到法院": true, "执法队员": true, "带薪年假": true, "给人办事": true, "没立遗嘱": true, "长期合同": true,
	// In the thesaurus before the laws-dev questions holding them.
	"班子讨论": true, "国家赔钱": true, "申请信息公开": true, "红头文件": true,
}
