package knowledge

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// withFiller adds documents of unrelated filler articles until the
// collection is large (uniDropMinDocs provisions), so that the priors of a
// large collection apply.
func withFiller(docs ...*Document) []*Document {
	n := 0
	for _, d := range docs {
		n += len(d.Provisions)
	}
	for i := 0; n < uniDropMinDocs; i++ {
		d := &Document{ID: fmt.Sprintf("f%d", i), Title: fmt.Sprintf("填充法%d", i), Status: StatusCurrent, Level: LevelLaw}
		for j := 0; j < 100; j++ {
			d.Provisions = append(d.Provisions, &Provision{
				ID: fmt.Sprintf("f%d#%d", i, j+1), DocID: d.ID, Document: d.Title, Number: j + 1,
				Text: "船舶航行应当遵守航道规则，保持瞭望。"})
			n++
		}
		docs = append(docs, d)
	}
	return docs
}

// The thesaurus of large collections expands a cadre's everyday word (年假)
// to the statute's (年休假) over a law collection, and stays out of a small
// curated knowledge base.
func TestLawThesaurusAppliesToLargeCollectionsOnly(t *testing.T) {
	leave := lawDoc("njx", "职工带薪年休假条例", "2008-01-01",
		[2]string{"", "职工累计工作已满1年不满10年的，年休假5天。"},
		[2]string{"", "单位确因工作需要不能安排职工休年休假的，经职工本人同意，可以不安排职工休年休假。"},
		[2]string{"", "本条例自2008年1月1日起施行。"})
	big := NewIndex(New(withFiller(leave), nil, nil))
	hits := big.Provisions("一年能休几天年假", SearchOptions{})
	if len(hits) == 0 || hits[0].Provision.DocID != "njx" {
		t.Errorf("large collection: got %v, want an article of the 年休假 regulation first", topIDs(hits, 3))
	}
	hasGroup := func(ix *Index, word string) bool {
		for _, g := range ix.syn {
			if slices.Contains(g, word) {
				return true
			}
		}
		return false
	}
	if !hasGroup(big, "年假") {
		t.Error("large collection: the group of 年假 is missing")
	}
	small := NewIndex(New([]*Document{leave}, nil, nil))
	if hasGroup(small, "年假") {
		t.Error("small knowledge base: the thesaurus of large collections applied")
	}
	if g := LawThesaurus(); len(g) < 50 {
		t.Fatalf("thesaurus of large collections has %d groups", len(g))
	}
	if _, problems := parseSynonyms("thesaurus_laws.txt", lawThesaurusText); len(problems) > 0 {
		t.Fatalf("thesaurus_laws.txt: %v", problems)
	}
}

// Several candidates of one law lift each other above a lone candidate of
// another law that scored a little higher; pinned articles take no part.
func TestLawSupport(t *testing.T) {
	ix := &Index{provDoc: []uint32{0, 1, 1, 1, 2}}
	hits := []scored{{0, 10}, {1, 9}, {2, 8}, {3, 7}}
	ix.lawSupport(hits, nil)
	order := slices.Clone(hits)
	slices.SortFunc(order, func(a, b scored) int {
		if worse(b, a) {
			return -1
		}
		return 1
	})
	if order[0].doc != 1 {
		t.Errorf("order %v: want the best of the law with three candidates (1) first", order)
	}
	// Support multiplies: the best law's best candidate gains
	// lawSupportWeight exactly.
	if got, want := hits[1].score, 9*(1+lawSupportWeight); got != want {
		t.Errorf("score of 1 = %v, want %v", got, want)
	}
	pinned := []scored{{4, 100}}
	hits = []scored{{4, 100}, {0, 10}}
	ix.lawSupport(hits, pinned)
	if hits[0].score != 100 || hits[1].score != 10*(1+lawSupportWeight) {
		t.Errorf("with a pinned article: %v; the pinned one must keep its score and not count as support", hits)
	}
}

// In a large collection, a question that names what a law is about
// (政府采购) favours that law's articles over another law's that shares
// more of its words; and one that asks whether it is too late (过了多久就
// 申请不了) finds the article on the limitation period (时效).
func TestLawNameAndLapseInLargeCollections(t *testing.T) {
	procurement := lawDoc("cg", "中华人民共和国政府采购法", "2014-08-31",
		[2]string{"第九章 附则", "对因严重自然灾害所实施的紧急采购，不适用本法。"},
		[2]string{"第一章 总则", "政府采购应当遵循公开透明原则。"})
	relief := lawDoc("jz", "自然灾害救助条例", "2019-03-02",
		[2]string{"第五章 救助款物管理", "采购自然灾害救助物资的，依照有关政府采购的规定组织实施；紧急采购的，从其规定。"})
	arbitration := lawDoc("zc", "中华人民共和国劳动争议调解仲裁法", "2008-05-01",
		[2]string{"第三章 仲裁", "劳动争议申请仲裁的时效期间为一年。仲裁时效期间从当事人知道或者应当知道其权利被侵害之日起计算。劳动关系存续期间因拖欠劳动报酬发生争议的，劳动者申请仲裁不受仲裁时效期间的限制。"},
		[2]string{"第三章 仲裁", "劳动争议仲裁委员会收到仲裁申请之日起五日内，认为符合受理条件的，应当受理。"})
	ix := NewIndex(New(withFiller(procurement, relief, arbitration), nil, nil))
	wantFirst(t, ix, map[string]string{
		"发大水紧急采购救灾物资，也得按政府采购那一套走吗": "cg#1",
		"被辞退想申请劳动仲裁，过了多久就申请不了了":    "zc#1",
	})
	for title, want := range map[string]string{
		"中华人民共和国政府采购法": "政府采购", "中华人民共和国行政许可法": "行政许可", "中华人民共和国预算法": "",
		"信访工作条例": "信访工作", "国务院关于高级专家退休问题的补充规定": "",
	} {
		if got := nameCore(title); got != want {
			t.Errorf("nameCore(%s) = %q, want %q", title, got, want)
		}
	}
}

// The thesaurus of large collections carries the everyday words of the
// main fields of the laws to the statutes' (假材料 → 提供虚假材料,
// 机动经费 → 预备费, 亮证 → 出示执法证件, 楼上扔 → 抛掷物品).
func TestLawThesaurusEverydayWords(t *testing.T) {
	law := lawDoc("x", "某法", "2020-01-01",
		[2]string{"", "行政许可申请人隐瞒有关情况或者提供虚假材料申请行政许可的，行政机关不予受理。"},
		[2]string{"", "各级一般公共预算应当按照本级一般公共预算支出额的百分之一至百分之三设置预备费。"},
		[2]string{"", "执法人员应当出示执法证件。"},
		[2]string{"", "禁止从建筑物中抛掷物品。"},
		[2]string{"", "行政机关应当公开行政许可的事项、依据、条件、数量、程序、期限。"},
		[2]string{"", "饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任。"},
		[2]string{"", "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"},
		[2]string{"", "违反规定选拔任用公职人员的，予以警告、记过或者记大过。"})
	ix := NewIndex(New(withFiller(law), nil, nil))
	wantFirst(t, ix, map[string]string{
		"拿假材料去申请会怎样":    "x#1",
		"政府留的机动经费按什么比例": "x#2",
		"执法队上门没亮证":      "x#3",
		"楼上扔下来花盆":       "x#4",
		"邻居家被狗咬了":       "x#6",
		"干了半年老板一直没签合同":  "x#7",
		"有人跑官要官":        "x#8",
	})
}

// In a large collection, of a law and an administrative regulation that say
// the same, the law's article comes first.
func TestLawBeforeRegulationInLargeCollections(t *testing.T) {
	reg := lawDoc("reg", "公务员处分条例", "2007-06-01",
		[2]string{"", "受处分的期间为：警告，6个月；记过，12个月；记大过，18个月。"})
	reg.Level = LevelRegulation
	law := lawDoc("law", "公职人员政务处分法", "2020-07-01",
		[2]string{"", "受处分的期间为：警告，6个月；记过，12个月；记大过，18个月。"})
	ix := NewIndex(New(withFiller(reg, law), nil, nil))
	hits := ix.Provisions("记大过处分的期间多长", SearchOptions{})
	if len(hits) < 2 || hits[0].Provision.DocID != "law" {
		t.Errorf("got %v, want the law's article first", topIDs(hits, 2))
	}
}

// In a large collection the single characters of a question are searched
// at uniWeight and ranked at singlesWeight: a candidate that shares one
// gains what the character adds at the higher weight; one that shares none
// keeps its score.
func TestSinglesReweighedOnCandidates(t *testing.T) {
	law := lawDoc("s", "某法", "2020-01-01",
		[2]string{"", "学校不得分设重点班和非重点班。"},
		[2]string{"", "学校应当按照规定招收学生。"})
	ix := NewIndex(New(withFiller(law), nil, nil))
	r := ix.prov.resolve(ix.analyze("学校能不能分快班"))
	var singles []int
	for i, weak := range r.weak {
		if weak {
			singles = append(singles, i)
		}
	}
	if len(singles) == 0 {
		t.Fatal("the question has no single characters")
	}
	hits := []scored{{doc: ix.docFirst[0], score: 10}, {doc: ix.docFirst[0] + 1, score: 10}}
	var want [2]float64
	for h := range hits {
		for _, i := range singles {
			want[h] += ix.prov.termScore(r, i, hits[h].doc)
		}
	}
	ix.prov.reweighSingles(r, hits, nil)
	for h := range hits {
		if got := hits[h].score - 10; math.Abs(got-float64(singlesWeight/uniWeight-1)*want[h]) > 1e-9 {
			t.Errorf("candidate %d gained %.4f, want %.4f", h, got, float64(singlesWeight/uniWeight-1)*want[h])
		}
	}
	if want[0] <= 0 {
		t.Error("the article sharing 班 and 分 gained nothing")
	}
}

// In a large collection, of two laws that say the same, the one another
// text cites by name comes first; a text that names itself, or a name no
// document bears, makes nothing cited.
func TestCitedLawFirstInLargeCollections(t *testing.T) {
	lone := lawDoc("lone", "某区域海关查验规定", "2020-01-01",
		[2]string{"", "违法行为在六个月内没有被发现的，不再处罚。"},
		[2]string{"", "《某区域海关查验规定》由海关总署解释。"})
	cited := lawDoc("cited", "中华人民共和国治安管理处罚法", "2020-01-01",
		[2]string{"", "违法行为在六个月内没有被发现的，不再处罚。"})
	citing := lawDoc("citing", "某市养犬管理条例", "2020-01-01",
		[2]string{"", "违反本条例的，依照《治安管理处罚法》处理；参照《不存在的法》。"})
	ix := NewIndex(New(withFiller(lone, cited, citing), nil, nil))
	if got := ix.cited[:3]; !slices.Equal(got, []bool{false, true, false}) {
		t.Fatalf("cited = %v, want only the 治安管理处罚法", got)
	}
	hits := ix.Provisions("违法行为六个月内没有被发现还能处罚吗", SearchOptions{})
	if len(hits) < 2 || hits[0].Provision.DocID != "cited" {
		t.Errorf("got %v, want the cited law's article first", topIDs(hits, 2))
	}
	// A small curated knowledge base has no such prior.
	if small := NewIndex(New([]*Document{lone, cited, citing}, nil, nil)); small.cited != nil {
		t.Error("a small knowledge base computed cited documents")
	}
}

// The statutes' conventions for everyday words hold across laws: days
// counted in 日 (每天 → 每日), 到期 → 期满, 不给 → 不予, 司机 → 驾驶人,
// 斑马线 → 人行横道, 冻住 → 冻结, 删掉 → 删除, 档次 → 等次.
func TestLawThesaurusStatutoryConventions(t *testing.T) {
	law := lawDoc("c", "某法", "2020-01-01",
		[2]string{"", "侵犯公民人身自由的，每日赔偿金按照国家上年度职工日平均工资计算。"},
		[2]string{"", "请假期满无正当理由逾期不归的，给予处分。"},
		[2]string{"", "依法确定为国家秘密的政府信息，不予公开。"},
		[2]string{"", "机动车行经人行横道时，应当减速行驶；遇行人正在通过人行横道，应当停车让行。"},
		[2]string{"", "监察机关可以依照规定查询、冻结涉案单位和个人的存款、汇款。"},
		[2]string{"", "个人信息处理者应当主动删除个人信息。"},
		[2]string{"", "定期考核的结果分为优秀、称职、基本称职和不称职四个等次。"})
	ix := NewIndex(New(withFiller(law), nil, nil))
	wantFirst(t, ix, map[string]string{
		"关错了一天赔多少":     "c#1",
		"假到期了不回来":      "c#2",
		"哪些信息政府可以不给看":  "c#3",
		"过斑马线要停吗":      "c#4",
		"能冻住银行卡里的钱吗":   "c#5",
		"能让平台把我的资料删掉吗": "c#6",
		"考核结果有几个档次":    "c#7",
	})
}

// A question asking for the kinds of a thing, someone's duties or whom a
// body reaches gains the statutes' word for it (种类, 职责, 范围) in a large
// collection, and favours the article of that shape over one that merely
// repeats the question's words.
func TestKindsDutiesAndScopeForms(t *testing.T) {
	law := lawDoc("k", "某监督法", "2020-01-01",
		[2]string{"第二章 监督范围", "监督机关对下列公职人员和有关人员进行监督：（一）机关中的公务员；（二）国有企业管理人员。"},
		[2]string{"", "监督委员会由主任、副主任若干人、委员若干人组成，监督委员会主任每届任期同本级人民代表大会每届任期相同。"},
		[2]string{"", "单位的主要负责人对本单位安全生产工作负有下列职责：（一）建立健全安全生产责任制；（二）组织制定规章制度。"},
		[2]string{"", "单位的主要负责人是本单位安全生产第一责任人，对本单位的安全生产工作全面负责，主要负责人应当到场。"},
		[2]string{"", "监督处分的种类为：警告、记过、记大过、降级、撤职、开除。"},
		[2]string{"", "给予监督处分，应当与违法行为的性质、情节、危害程度相当，处分决定应当送达处分对象本人。"})
	ix := NewIndex(New(withFiller(law), nil, nil))
	wantFirst(t, ix, map[string]string{
		"监督委员会管哪些人":          "k#1",
		"单位主要负责人在安全生产上要管哪些事": "k#3",
		"监督处分一共分几档":          "k#5",
	})
}

// Everyday words of many laws reach the statutes' words: 交钱 → 收取费用,
// 保释 → 取保候审, 扣分 → 记分, 半个月 → 十五日, 过户 → 转移登记, 中院 →
// 中级人民法院, 网吧 → 互联网上网服务营业场所.
func TestLawThesaurusEverydayActs(t *testing.T) {
	law := lawDoc("e", "某法", "2020-01-01",
		[2]string{"", "复议机关受理复议申请，不得向申请人收取任何费用。"},
		[2]string{"", "人民法院、人民检察院和公安机关对犯罪嫌疑人可以取保候审。"},
		[2]string{"", "对机动车驾驶人违反道路交通安全法律、法规的行为，除依法给予行政处罚外，实行累积记分制度。"},
		[2]string{"", "申请人应当自收到决定书之日起十五日内提出。"},
		[2]string{"", "不动产转移登记应当由当事人共同申请。"},
		[2]string{"", "复议申请人可以委托一至二名代理人参加复议。"},
		[2]string{"", "中级人民法院管辖对县级以上地方人民政府所作的行政行为提起诉讼的第一审行政案件。"},
		[2]string{"", "互联网上网服务营业场所不得允许未成年人进入。"},
		[2]string{"", "以勒索财物为目的，敲诈勒索公私财物的，处拘留。"})
	sand := lawDoc("s", "某河道法", "2020-01-01",
		[2]string{"", "禁止在禁采区、禁采期采砂。"},
		[2]string{"", "当事人主动供述行政机关尚未掌握的违法行为的，应当从轻或者减轻行政处罚。"},
		[2]string{"", "国家工作人员挪用公款归个人使用，进行非法活动的，或者挪用公款数额较大、进行营利活动的，是挪用公款罪。"},
		[2]string{"", "挪用公款超过三个月未还的，是挪用公款罪。"})
	ix := NewIndex(New(withFiller(law, sand), nil, nil))
	wantFirst(t, ix, map[string]string{
		"申请复议要交钱吗":          "e#1",
		"家里人被抓了能保释吗":        "e#2",
		"开车违章会扣分吗":          "e#3",
		"收到决定书后半个月内能提吗":     "e#4",
		"买房子过户要两个人一起去吗":     "e#5",
		"告县政府要去市中院吗":        "e#7",
		"网吧能让初中生进吗":         "e#8",
		"有人上门讹钱怎么办":         "e#9",
		"河道里挖沙要批吗":          "s#1",
		"执法的还不知道我自己说出来能少罚吗": "s#2",
		"会计拿单位的钱去炒股":        "s#3",
	})
}

// An article of the asked shape is raised by lawFormBoost in a large
// collection and by formBoost in a small curated one.
func TestFormBoostByCollectionSize(t *testing.T) {
	law := lawDoc("b", "某复议法", "2020-01-01",
		[2]string{"", "申请人可以申请复议，复议机关应当受理。"},
		[2]string{"", "申请人可以自收到决定之日起六十日内申请复议。"})
	for _, c := range []struct {
		name  string
		docs  []*Document
		boost float64
	}{
		{"large", withFiller(law), lawFormBoost},
		{"small", []*Document{law}, formBoost},
	} {
		ix := NewIndex(New(c.docs, nil, nil))
		q := ix.analyze("多少天内申请复议")
		a, b := ix.docFirst[0], ix.docFirst[0]+1
		hits := ix.rerank(q, []scored{{doc: a, score: 10}, {doc: b, score: 10}}, nil, 2)
		q.release()
		if len(hits) != 2 || hits[0].doc != b {
			t.Fatalf("%s: got %v, want the article with a time limit first", c.name, hits)
		}
		if got := hits[0].score / hits[1].score; math.Abs(got-(1+c.boost)) > 1e-9 {
			t.Errorf("%s: raised by %.3f, want %.3f", c.name, got, 1+c.boost)
		}
	}
}
