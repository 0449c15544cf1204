package assess

import (
	"sort"
	"strings"
)

// opKind is what a function word does to the predicates after it.
type opKind uint8

const (
	opNone   opKind = iota // a word that only looks like an operator: 不断, 无论, 没想到
	opNeg                  // negates the next predicate: 没有, 未, 并非
	opAsk                  // an interrogative: 是否, 有没有 — nothing after it is asserted
	opAskQ                 // an interrogative only inside a question: 什么, 怎么
	opHypo                 // a condition: 如果, 万一 — nothing after it in the clause is asserted
	opReport               // someone else's claim or a fear: 被举报, 担心 — the next predicate is not the cadre's fact
	opHedge                // uncertainty: 可能, 不清楚 — the predicate it touches is not asserted
	opModal                // obligation, promise or plan: 需要, 要求, 承诺 — not a fact yet
	opBreak                // a new event starts: 就, 然后, 结果 — ends a negator's reach
	opWeak                 // 也, 还, 又, 都 — ends a negator's reach but may sit inside a phrase
	opCoord                // joins items of one predicate: 、 和 或
)

// operators, longest first at each position. The opNone entries exist to be
// longer than the negator inside them, so 不断 is not 不 + 断.
var operators = map[string]opKind{}

func init() {
	add := func(k opKind, words ...string) {
		for _, w := range words {
			operators[w] = k
		}
	}
	add(opNeg, "没有", "没", "未", "无", "不", "不是", "并非", "绝非", "决非", "绝无", "毫无", "并无",
		"尚无", "尚未", "未曾", "不曾", "否认", "拒不", "绝不", "决不", "不可能", "冇", "避免了",
		"无法", "并没有", "从未", "从没", "从来没", "从不", "别无", "来不及", "忘了", "忘记", "忘记了",
		"漏了", "疏于",
		// a negator before a word that would otherwise swallow it: only the
		// part before | is the operator (不同意 is 不 + 同意, not 不同 + 意)
		"不|同意", "不|过问", "不|同步", "没|收入", "不|足额")
	add(opNone,
		// words built on 不
		"不断", "不少", "不久", "不同", "不良", "不利", "不当", "不仅", "不但", "不只", "不光", "不管",
		"不论", "不料", "不得不", "不得已", "不禁", "不止", "不妨", "不然", "不过", "不足", "不小心",
		"不慎", "不幸", "不法", "不正之风", "不规范", "不到位", "不力", "不严", "不够", "不对", "不一样",
		"不错", "不容易", "不外乎", "不好意思", "不仅仅", "差不多", "了不起", "对不起", "忍不住",
		"不及时", "不得了", "不作为", "不合格", "不达标", "不一致", "不符", "不配合",
		// words built on 无 and 未
		"无意", "无心", "无论", "无关", "无奈", "无数", "无限", "无偿", "无效", "无疑", "无非",
		"无所谓", "无须", "无需", "无误", "未来", "未必", "未免", "未知", "毫无疑问",
		// 没 that does not negate the following predicate
		"没想到", "没有想到", "没料到", "没有料到", "没意识到", "没有意识到", "没注意", "没有注意",
		"没办法", "没多久", "没过多久", "没关系", "没错", "没什么", "没啥", "并且", "非常")
	add(opAsk, "是否", "是不是", "有没有", "有无", "能否", "可否", "能不能", "可不可以", "要不要",
		"需不需要", "用不用", "该不该", "算不算", "会不会", "属不属于", "行不行", "对不对", "有没")
	add(opAskQ, "什么", "怎么", "怎样", "如何", "哪些", "为什么", "为何", "多少", "吗")
	add(opHypo, "如果", "假如", "假设", "要是", "万一", "倘若", "假使", "若是", "如若", "即使",
		"即便", "哪怕", "一旦")
	add(opReport, "担心", "担忧", "害怕", "生怕", "唯恐", "怕", "恐怕", "怀疑", "被认为", "被怀疑",
		"被指", "被指控", "被控", "被说", "被说成", "被人说", "有人说", "被举报", "有人举报", "举报我",
		"举报说", "被反映", "反映我", "质疑", "被质疑", "指责", "被指责", "传言", "谣言", "误以为",
		"误认为", "以为", "认为我", "说我", "诬告", "诬陷", "被定性", "被认定", "认定我", "扣上",
		"听说", "据说", "怎么证明", "证明我", "说成")
	add(opHedge, "可能", "也许", "或许", "大概", "好像", "似乎", "不确定", "不清楚", "不太清楚",
		"不知道", "不记得", "记不清", "说不清", "不好说", "估计", "不一定", "不太确定")
	add(opModal, "应该", "应当", "需要", "必须", "要求", "本应", "本该", "理应", "承诺", "保证",
		"答应", "限期", "责令", "督促", "准备", "打算", "计划", "想要", "希望", "争取", "将要", "会",
		"想", "要不", "愿意", "肯", "乐意")
	add(opNone, "没想到会", "没有想到会", "没料到会", "想不到会", "想到", "想法", "理想", "思想", "设想", "想象", "想办法", "想不到", "想着", "想早点",
		"想尽快", "想早日", "想让", "想给", "想帮", "是想", "也是想", "就是想", "只是想", "一心想")
	add(opNone, "会议", "开会", "上会", "大会", "会上", "会后", "会前", "社会", "机会", "会计", "协会",
		"学会", "委员会", "办公会", "例会", "会商", "会签", "会审", "理会", "体会", "党委会", "班子会",
		"常委会", "党组会", "两委会", "联席会", "专题会", "职代会", "董事会", "局务会", "镇务会", "常务会",
		"工作会", "座谈会", "约谈会")
	add(opBreak, "就", "便", "才", "然后", "随后", "于是", "所以", "因此", "因而", "结果", "导致", "致使",
		"以致", "以至于", "后来", "之后", "以后", "而且", "从而", "进而", "再", "同时", "接着",
		"现在", "目前", "如今", "眼下")
	add(opNone, "就是", "成就", "就业", "才能", "人才", "刚才", "方才", "再次", "再一次", "再也",
		"首都", "都市", "还是说")
	add(opWeak, "也", "还", "又", "都")
	add(opNone, "还款", "退还", "归还", "偿还", "还清", "还原")
	add(opCoord, "、", "和", "与", "及", "以及", "或", "或者", "跟", "还有", "/", "&")
	opByFirst = map[rune][][]rune{}
	opLen = map[string]int{}
	for w, k := range operators {
		head, _, split := strings.Cut(w, "|")
		rs := []rune(strings.Replace(w, "|", "", 1))
		if split {
			delete(operators, w)
			operators[string(rs)] = k
			opLen[string(rs)] = len([]rune(head))
		}
		opByFirst[rs[0]] = append(opByFirst[rs[0]], rs)
	}
	for _, ws := range opByFirst {
		sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	}
}

var (
	// opByFirst indexes the operators by their first rune, longest first.
	opByFirst map[rune][][]rune
	// opLen is the length of the operator part of words written with |.
	opLen map[string]int
)

// token is one operator occurrence in a clause, in rune indexes of the text.
type token struct {
	kind       opKind
	start, end int
}

// tokenize finds operators in rs[lo:hi] by longest match, left to right.
func tokenize(rs []rune, lo, hi int) []token {
	var out []token
	for i := lo; i < hi; {
		n := 0
		var kind opKind
		for _, w := range opByFirst[rs[i]] {
			if i+len(w) <= hi && hasAt(rs, i, w) {
				n, kind = len(w), operators[string(w)]
				if l, ok := opLen[string(w)]; ok {
					n = l
				}
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		out = append(out, token{kind: kind, start: i, end: i + n})
		i += n
	}
	return out
}
