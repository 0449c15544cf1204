package knowledge

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// bruteForce scores every document in full and applies the same floor and
// filter, as the reference for max-score pruning.
func bruteForce(p *postings, r *resolved, k int, allow func(uint32) bool, floor bool) []scored {
	need := 0.0
	if floor {
		need = floorCoverage*r.total - 1e-9
	}
	var out []scored
	matched := make([]bool, len(r.ids))
	for d := uint32(0); d < uint32(p.ndocs); d++ {
		if allow != nil && !allow(d) {
			continue
		}
		var s, c float64
		any := false
		for i, id := range r.ids {
			docs, tfs := p.list(id)
			j := sort.Search(len(docs), func(x int) bool { return docs[x] >= d })
			matched[i] = j < len(docs) && docs[j] == d
			if matched[i] {
				tf := float32(tfs[j]) / tfUnit
				s += float64(r.wi[i] * tf / (tf + p.norm[d]))
				c += r.cov[i]
				any = true
			}
		}
		if any && c >= need && (!floor || r.anchored(matched)) && r.strong(matched) {
			out = append(out, scored{d, s})
		}
	}
	sort.Slice(out, func(i, j int) bool { return worse(out[j], out[i]) })
	if len(out) > k {
		out = out[:k]
	}
	return out
}

func sameHits(a, b []scored) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i].score-b[i].score) > 1e-6*math.Max(1, a[i].score) {
			return false
		}
		// Equal scores may come in either order only if truly tied.
		if a[i].doc != b[i].doc && math.Abs(a[i].score-b[i].score) > 1e-9 {
			return false
		}
	}
	return true
}

func TestMaxScoreMatchesExhaustiveScoring(t *testing.T) {
	words := []string{"容错", "纠错", "问责", "免予问责", "集体研究", "招商引资", "项目", "协议", "损失", "干部",
		"处分", "从轻", "减轻", "先行先试", "失误", "内容错误", "不作为", "不作为证据", "应当", "规定", "工作",
		"管理", "出境", "礼品礼金", "兼任职务", "程序", "申请", "认定", "党组织", "纪律", "责任", "决策"}
	filler := []rune("的了在和是有为对与及或等中上下大小人事物年月日")
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		var b strings.Builder
		for range n {
			if rng.IntN(3) == 0 {
				b.WriteRune(filler[rng.IntN(len(filler))])
			} else {
				// Skewed choice, so some words are frequent and some rare.
				b.WriteString(words[int(float64(len(words))*math.Pow(rng.Float64(), 2))])
			}
			if rng.IntN(6) == 0 {
				b.WriteString("，")
			}
		}
		return b.String()
	}
	var docs []*Document
	for i := range 300 {
		d := &Document{ID: "d" + string(rune('a'+i%26)) + strings.Repeat("x", i/26), Title: "文件", Status: StatusCurrent}
		for j := range 10 {
			d.Provisions = append(d.Provisions, &Provision{ID: d.ID + "#" + string(rune('0'+j)), Text: text(5 + rng.IntN(40))})
		}
		docs = append(docs, d)
	}
	ix := NewIndex(New(docs, nil, Synonyms{{"出国", "出境"}}))
	p := ix.prov
	queries := []string{"容错", "内容错误", "招商引资中未经集体研究就签了协议能容错吗", "出国", "应当 规定 工作",
		"先行先试 失误 免予问责", "不作为", "的了在和", "干部处分从轻减轻", "礼品礼金 兼任职务 申请程序"}
	for range 40 {
		queries = append(queries, text(1+rng.IntN(6)))
	}
	filters := []func(uint32) bool{nil, func(d uint32) bool { return d%3 != 0 }}
	for _, q := range queries {
		r := p.resolve(ix.analyze(q))
		for _, k := range []int{1, 3, 10, 50} {
			for _, floor := range []bool{true, false} {
				for fi, allow := range filters {
					want := bruteForce(p, r, k, allow, floor)
					got := p.searchMaxScore(r, k, allow, floor, nil)
					if !sameHits(got, want) {
						t.Fatalf("query %q k=%d floor=%v filter=%d:\n got  %v\n want %v", q, k, floor, fi, got, want)
					}
					byDoc := p.searchByDoc(r, k, allow, floor, nil)
					if !slices.Equal(byDoc, got) {
						t.Fatalf("query %q k=%d floor=%v filter=%d: by document\n got  %v\n want %v", q, k, floor, fi, byDoc, got)
					}
				}
			}
		}
	}
}

// TestSearchByDocIsMaxScore: on the embedded knowledge base, searching by
// document returns what max-score search returns, bit for bit, for
// questions short and long (a case told over several turns), with the
// pinned articles and filters the index passes.
func TestSearchByDocIsMaxScore(t *testing.T) {
	_, ix := embeddedIndex(t)
	turns := append(slices.Clone(sampleQuestions),
		"问责条例第十七条是怎么规定的",
		"我收了开发商两万块红包，帮他把规划指标调了，能容错吗",
		"防汛期间我临时决定调用了另一个项目的资金买抽水泵，没来得及开会，事后第二天向书记报告了",
		"今天天气怎么样？",
	)
	queries := slices.Clone(turns)
	for i := range turns {
		queries = append(queries, strings.Join(turns[:i+1], "\n"))
	}
	for _, p := range ix.KB().Provisions()[:40] {
		queries = append(queries, p.Text)
	}
	filters := []func(uint32) bool{nil, func(d uint32) bool { return d%3 != 0 }}
	lowered := 0 // searches whose hits the synonyms lowered
	for _, q := range queries {
		for _, withThesaurus := range []bool{true, false} {
			plan := ix.analyzeFor(q, withThesaurus)
			for _, pp := range []*postings{ix.prov, ix.cases} {
				r := pp.resolve(plan)
				var pinned []scored
				if pp == ix.prov {
					pinned = ix.pinned(plan, r, nil)
				}
				for _, k := range []int{1, 10, 40} {
					for _, floor := range []bool{true, false} {
						for fi, allow := range filters {
							want := pp.searchMaxScore(r, k, allow, floor, pinned)
							got := pp.searchByDoc(r, k, allow, floor, pinned)
							if !slices.Equal(got, want) {
								t.Fatalf("query %q k=%d floor=%v filter=%d:\n got  %v\n want %v", q, k, floor, fi, got, want)
							}
							wantDedupe := slices.Clone(want)
							dedupeSynonymsByTerm(pp, r, wantDedupe, pinned)
							pp.dedupeSynonyms(r, got, pinned)
							if !slices.Equal(got, want) {
								lowered++
							}
							if !slices.Equal(got, wantDedupe) {
								t.Fatalf("query %q k=%d floor=%v filter=%d: synonyms deduplicated\n got  %v\n want %v", q, k, floor, fi, got, wantDedupe)
							}
						}
					}
				}
				r.release()
			}
			plan.release()
		}
	}
	if lowered == 0 {
		t.Error("no search had hits lowered for synonyms: the test checks nothing")
	}
	t.Logf("%d searches with hits lowered for synonyms", lowered)
}

// dedupeSynonymsByTerm is dedupeSynonyms looking up each term's score in
// each hit on its own, the reference for the one that walks each list once.
func dedupeSynonymsByTerm(p *postings, r *resolved, hits, pinned []scored) {
	for h := range hits {
		if hasDoc(pinned, hits[h].doc) {
			continue
		}
	groups:
		for _, u := range r.syns {
			var typed, added float64
			for _, i := range u.typed {
				s := p.termScore(r, i, hits[h].doc)
				if s == 0 {
					continue groups
				}
				typed += s
			}
			for _, i := range u.added {
				added += p.termScore(r, i, hits[h].doc)
			}
			hits[h].score -= synOverlap * min(typed, added)
		}
	}
}
