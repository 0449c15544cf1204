package advisor

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// Retrieval runs the cadre's own words against the index and, for an
// assessment, adds concept queries derived from what the assessment found:
// a case that turns on private gain needs the provisions on private gain even
// when the cadre never used the rules' words for it. The ranked lists are
// fused by weighted reciprocal rank, so no query's raw scores dominate.

type weightedQuery struct {
	text   string
	weight float64
}

// Concept queries, in the rules' own vocabulary.
const (
	qBasis       = "推进改革 缺乏经验 先行先试 失误和错误 明知故犯 区分开来 探索性试验 推动发展 无意过失 不予问责 免予问责"
	qPilot       = "推进改革 缺乏经验 先行先试 失误 尚无明确限制 探索性试验 推动发展 无意过失"
	qForce       = "不可抗力 难以预见 造成损失 履职尽责 不追究"
	qPrivate     = "谋取私利 利益输送 收受财物 违纪违法行为 不能容错 谋取不正当利益"
	qBan         = "上级明令禁止 我行我素 违纪违法 明令禁止"
	qRemedy      = "挽回损失 消除不良影响 从轻 减轻 补救措施"
	qCollective  = "集体决策 民主决策 决策程序 集体研究"
	qDespot      = "个人专断 一意孤行 规避集体决策 拍脑袋 决策严重失误 终身责任追究 倒查责任"
	qInaction    = "不作为 慢作为 敷衍塞责 推诿扯皮 不担当 失职失责 应当问责"
	qConceal     = "隐瞒不报 弄虚作假 伪造 隐匿 毁灭证据 串供 不能容错 从重"
	qAccident    = "重特大安全责任事故 严重环境污染 生态破坏 重特大群体性事件 不予容错"
	qEightRules  = "违反中央八项规定精神 作风问题 吃请宴请 礼品礼金 消费卡 公款吃喝 不能以容错处理"
	qRepeat      = "重复出现同样的失误 不得从轻 免予责任追究"
	qLighter     = "主动交代 配合调查 如实说明 从轻 减轻处分"
	qLenient     = "可以从轻或者减轻 免予或者不予 情节轻微 政务处分"
	qDissent     = "集体决策中对错误决策提出明确反对意见或者保留意见 对上级错误决定提出改正或者撤销意见未被采纳 有关人员对严重失误的决策表示不同意见 减免责任"
	qDefinition  = "三个区分开来 容错纠错 定义"
	qProcedure   = "容错 申请 受理 调查核实 认定 反馈 备案 程序"
	qCorrection  = "纠错 整改 补救 纠正 有错必纠"
	qReview      = "复审 复核 申诉 不服"
	qPromotion   = "考核 提拔 晋升 不受影响 影响期"
	qClarify     = "澄清正名 诬告陷害 不实反映"
	qRefuseLight = "主动交代 党纪处分 配合核实审查 如实说明本人违纪违法事实 从轻 减轻"
	qRefuseHeavy = "伪造 隐匿 毁灭证据 串供 从重"
)

// sectorQueries point a case in a particular sector, or of a cadre who is not
// a Party member, to the rules written for it: the cadre says 课题 and 经费,
// the rule says 科学技术研究开发项目.
var sectorQueries = []struct {
	cue   guarded
	query weightedQuery
}{
	{mustGuard(`(科研|课题|研发|实验|科学技术|结题|项目经费|研究所|高校)`),
		weightedQuery{"科学技术人员 探索性强 风险高 科学技术研究开发项目 勤勉尽责 免责 宽容失败", 0.8}},
	{mustGuard(`(国企|国有企业|央企|国资|创投|基金|董事会|集团公司|市属企业|投资亏|投资损失)`),
		weightedQuery{"企业 经营投资 依法合规经营 勤勉尽责 没有牟取非法利益 免责 国有资产损失", 0.8}},
	{mustGuard(`(疫情|防疫|防汛|抗洪|台风|地震|抢险|救灾|突发|紧急|应急)`),
		weightedQuery{"应急处置 紧急状态 突发事件 临机决断 事后及时履行报告程序 不予问责 免予问责", 0.6}},
	{mustGuard(`(不是党员|非党员|群众身份|事业单位|公务员|公职人员|国企员工|村委会主任)`),
		weightedQuery{"公职人员 政务处分 从轻 减轻 免予 不予 情节轻微", 1}},
}

// sectorCues reads the cues of sectorQueries in one pass over a case.
var sectorCues = func() *guardSet {
	cues := make([]guarded, len(sectorQueries))
	for i, sq := range sectorQueries {
		cues[i] = sq.cue
	}
	return newGuardSet(cues)
}()

// conceptQueries returns the concept queries for a reading.
func conceptQueries(r *Reading) []weightedQuery {
	switch r.Intent {
	case IntentAssessment:
		qs := assessmentQueries(r.Assessment, r.Facts)
		cues := sectorCues.scan(r.norm)
		for i, sq := range sectorQueries {
			if cues.match(i) {
				qs = append(qs, sq.query)
			}
		}
		return qs
	case IntentProcedure:
		return []weightedQuery{{qProcedure, 0.6}, {qReview, 0.3}, {qCorrection, 0.3}}
	case IntentDefinition:
		qs := []weightedQuery{{qDefinition, 0.3}}
		if strings.Contains(r.norm, "区分开来") || strings.Contains(r.norm, "容错") {
			// Where the idea is written into the rules.
			qs = append(qs, weightedQuery{qPilot, 0.8})
		}
		if strings.Contains(r.norm, "政务处分") || strings.Contains(r.norm, "公务员") {
			// The law's words for tolerance: lighter, reduced, exempted.
			qs = append(qs, weightedQuery{qLenient, 0.6})
		}
		return qs
	case IntentRefused:
		if r.refusal != "falsify" {
			return nil // a request for others' data or a fixed conclusion cites nothing
		}
		return []weightedQuery{{qRefuseLight, 1}, {qRefuseHeavy, 1}}
	}
	return nil
}

func assessmentQueries(a assess.Assessment, f assess.Facts) []weightedQuery {
	st := func(k string) assess.Status { return f[k].Status }
	if a.Verdict == assess.NotTolerable {
		// The basis is what rules tolerance out, then what still lightens it.
		var qs []weightedQuery
		for _, c := range a.Negative {
			if q := negativeQuery[c.Key]; q != "" {
				qs = append(qs, weightedQuery{q, 1})
			}
			if q := distinctionQuery[c.Key]; q != "" {
				qs = append(qs, weightedQuery{q, 0.6})
			}
		}
		return append(qs, weightedQuery{qLighter, 0.5})
	}
	qs := []weightedQuery{{qBasis, 0.8}, {qPilot, 0.7}}
	if st(assess.Dissent) == assess.Favourable {
		qs = append(qs, weightedQuery{qDissent, 1})
	}
	if st(assess.Conditions) == assess.Favourable {
		qs = append(qs, weightedQuery{qForce, 0.4})
	}
	switch st(assess.Procedure) {
	case assess.Favourable:
		qs = append(qs, weightedQuery{qCollective, 0.4})
	case assess.Unfavourable:
		qs = append(qs, weightedQuery{qDespot, 0.6})
	}
	if st(assess.Remedy) == assess.Favourable {
		qs = append(qs, weightedQuery{qRemedy, 0.5})
	}
	return qs
}

// distinctionQuery is the wording of the 三个区分开来 that rules an item out.
var distinctionQuery = map[string]string{
	assess.PrivateGain: "把为推动发展的无意过失 同为谋取私利的违纪违法行为区分开来",
	assess.ExplicitBan: "把上级尚无明确限制的探索性试验中的失误和错误 同上级明令禁止后依然我行我素的违纪违法行为区分开来",
}

// negativeQuery is the rules' vocabulary for each negative-list item.
var negativeQuery = map[string]string{
	assess.PrivateGain:   qPrivate,
	assess.ExplicitBan:   qBan,
	assess.Inaction:      qInaction,
	assess.Concealment:   qConceal,
	assess.MajorAccident: qAccident,
	assess.EightRules:    qEightRules,
	assess.Repeat:        qRepeat,
	assess.Procedure:     qDespot, // 个人专断 with a loss
}

// conceptCache keeps the results of the concept queries: they are fixed
// texts over an index that does not change, so each is searched once.
type conceptCache struct {
	prov sync.Map // query → []knowledge.ProvisionHit
	cs   sync.Map // query → []knowledge.CaseHit
}

func (c *conceptCache) provisions(ix *knowledge.Index, q string) []knowledge.ProvisionHit {
	if v, ok := c.prov.Load(q); ok {
		return v.([]knowledge.ProvisionHit)
	}
	hits := ix.Provisions(q, knowledge.SearchOptions{Limit: 20})
	c.prov.Store(q, hits)
	return hits
}

func (c *conceptCache) cases(ix *knowledge.Index, q string) []knowledge.CaseHit {
	if v, ok := c.cs.Load(q); ok {
		return v.([]knowledge.CaseHit)
	}
	hits := ix.Cases(q, knowledge.SearchOptions{Limit: 10})
	c.cs.Store(q, hits)
	return hits
}

// strongScore is the BM25 score of a clear match. In an assessment the
// cadre's narrative is normalised by its best score or this, whichever is
// larger: a story that matches nothing in particular must not outweigh the
// concept queries. Other lists are normalised by their own best.
const strongScore = 40.0

// rrfK damps the weight of top ranks where a list has no usable scores and
// fusion falls back to reciprocal rank.
const rrfK = 10

// ranked is one ranked list entering the fusion.
type ranked[T any] struct {
	hits   []T
	weight float64
	floor  float64 // the list is normalised by max(best score, floor)
}

// retrieve fills the reading's provisions and cases.
func (a *Advisor) retrieve(ctx context.Context, r *Reading) {
	if r.Intent == IntentOutOfScope {
		return
	}
	user := r.CaseText
	primary, userCases := a.ix.SearchNormalized(r.norm, knowledge.SearchOptions{Limit: 20}, knowledge.SearchOptions{Limit: 10})
	// An in-scope question whose own words match nothing is answered as such;
	// concept queries must not fill the gap for definitions and procedures.
	if len(primary) == 0 && (r.Intent == IntentDefinition || r.Intent == IntentProcedure) {
		return
	}
	userList := ranked[knowledge.ProvisionHit]{hits: primary, weight: 1}
	switch r.Intent {
	case IntentAssessment:
		userList.floor = strongScore
	case IntentRefused:
		// The request itself is not the question: what helps is the rules
		// on owning up and on what falsifying costs.
		userList.weight = 0
	}
	lists := []ranked[knowledge.ProvisionHit]{userList}
	for _, cq := range r.concepts {
		lists = append(lists, ranked[knowledge.ProvisionHit]{hits: a.concepts.provisions(a.ix, cq.text), weight: cq.weight})
	}
	caseLists := []ranked[knowledge.CaseHit]{{hits: userCases, weight: 1}}
	if r.Intent == IntentAssessment {
		// Cases that turned on the same facts are similar even in other words.
		for _, cq := range r.concepts {
			caseLists = append(caseLists, ranked[knowledge.CaseHit]{hits: a.concepts.cases(a.ix, cq.text), weight: cq.weight * 0.2})
		}
	}
	if a.opts.Vectors != nil {
		// Dense hits join the fusion as one more list each, normalised by
		// their own best cosine; on failure BM25 stands alone.
		if dense, err := a.opts.Vectors.SearchProvisions(ctx, user, 20); err == nil && len(dense) > 0 {
			lists = append(lists, ranked[knowledge.ProvisionHit]{hits: dense, weight: 1})
		}
		if dense, err := a.opts.Vectors.SearchCases(ctx, user, 10); err == nil && len(dense) > 0 {
			caseLists = append(caseLists, ranked[knowledge.CaseHit]{hits: dense, weight: 1})
		}
	}
	fused := fuseProvisions(lists, 30)
	a.applyPriors(fused, r.norm)
	fused = a.restatedVersions(fused)
	if len(fused) > 12 {
		fused = fused[:12]
	}
	r.Provisions = withGoverning(governing.provisions(a.kb, r), fused)
	r.Cases = fuseCases(caseLists, 10)
}

// withGoverning puts the governing provisions first, scored just above the
// best hit, and keeps the rest of the ranking after them.
func withGoverning(gov []*knowledge.Provision, hits []knowledge.ProvisionHit) []knowledge.ProvisionHit {
	if len(gov) == 0 {
		return hits
	}
	top := 1.0
	if len(hits) > 0 {
		top = hits[0].Score
	}
	out := make([]knowledge.ProvisionHit, 0, len(gov)+len(hits))
	in := map[string]bool{}
	for i, p := range gov {
		out = append(out, knowledge.ProvisionHit{Provision: p, Score: top * (1.2 - 0.01*float64(i))})
		in[p.ID] = true
	}
	for _, h := range hits {
		if !in[h.Provision.ID] {
			out = append(out, h)
		}
	}
	return out
}

// fuseProvisions merges ranked lists by the weighted sum of each hit's score
// relative to its list's best. The fused score replaces the raw one.
func fuseProvisions(lists []ranked[knowledge.ProvisionHit], limit int) []knowledge.ProvisionHit {
	return fuse(lists, limit,
		func(h knowledge.ProvisionHit) string { return h.Provision.ID },
		func(h knowledge.ProvisionHit) float64 { return h.Score },
		func(h knowledge.ProvisionHit, s float64) knowledge.ProvisionHit { h.Score = s; return h })
}

// fuseCases is fuseProvisions for cases.
func fuseCases(lists []ranked[knowledge.CaseHit], limit int) []knowledge.CaseHit {
	return fuse(lists, limit,
		func(h knowledge.CaseHit) string { return h.Case.ID },
		func(h knowledge.CaseHit) float64 { return h.Score },
		func(h knowledge.CaseHit, s float64) knowledge.CaseHit { h.Score = s; return h })
}

// fuseEntry is one distinct hit being fused: its key, where it was first
// found (lists[list].hits[pos]) and its fused score so far.
type fuseEntry struct {
	key       string
	list, pos int32
	score     float64
}

// fuseScratch is fuse's scratch space, reused between questions: a
// question fuses a hundred hits or more, twice.
type fuseScratch struct {
	entries []fuseEntry
	at      map[string]int // key → index in entries
}

var fuseScratches = sync.Pool{New: func() any { return &fuseScratch{at: map[string]int{}} }}

func fuse[T any](lists []ranked[T], limit int, id func(T) string, scoreOf func(T) float64, withScore func(T, float64) T) []T {
	sc := fuseScratches.Get().(*fuseScratch)
	defer fuseScratches.Put(sc)
	entries, at := sc.entries[:0], sc.at
	clear(at)
	for li, l := range lists {
		top := l.floor
		for _, h := range l.hits {
			top = math.Max(top, scoreOf(h))
		}
		for rank, h := range l.hits {
			k := id(h)
			i, seen := at[k]
			if !seen {
				i = len(entries)
				at[k] = i
				entries = append(entries, fuseEntry{key: k, list: int32(li), pos: int32(rank)})
			}
			// Each list's scores relative to its best, so a large gap
			// between the first and the third hit survives the fusion; a
			// list without usable scores falls back to reciprocal rank.
			if top > 0 {
				entries[i].score += l.weight * scoreOf(h) / top
			} else {
				entries[i].score += l.weight / float64(rrfK+rank+1)
			}
		}
	}
	// Higher scores first, then by key: the keys are distinct, so the order
	// is total and the same whatever the sorting algorithm.
	slices.SortFunc(entries, func(a, b fuseEntry) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	out := make([]T, min(len(entries), limit))
	for i := range out {
		e := entries[i]
		out[i] = withScore(lists[e.list].hits[e.pos], e.score)
	}
	sc.entries = entries[:0]
	return out
}
