package assess_test

import (
	"testing"

	"rongcuo/assess"
)

// variantCases are phrasings written the way cadres write, apart from the
// extraction table and without looking at the patterns: a check that the
// rules generalise beyond the sentences they were written from. Only the
// statuses are checked.
var variantCases = []struct {
	text string
	want map[string]assess.Status
}{
	{"这笔钱我一分也没往自己兜里揣", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"整个过程我没有得到任何个人好处", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"决定是镇长办公会上定的", map[string]assess.Status{assess.Procedure: assess.Favourable}},
	{"这事没经过班子讨论，是我拍的板", map[string]assess.Status{assess.Procedure: assess.Unfavourable}},
	{"那时候上面还没有出台相关规定", map[string]assess.Status{assess.ExplicitBan: assess.Favourable}},
	{"我也是想早点把路修好，让老百姓出行方便", map[string]assess.Status{assess.Motive: assess.Favourable}},
	{"事情发生后我们马上组织整改，损失全部追回来了", map[string]assess.Status{assess.Remedy: assess.Favourable}},
	{"没造成什么损失", map[string]assess.Status{assess.Consequence: assess.Favourable}},
	{"后来出了安全事故，死了两个工人", map[string]assess.Status{assess.MajorAccident: assess.Unknown, assess.Consequence: assess.Unfavourable}},
	{"我们村干部没有一个人拿好处", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"是不是明令禁止的我也说不好", map[string]assess.Status{assess.ExplicitBan: assess.Unknown}},
	{"要是纪委认定我违规了怎么办", map[string]assess.Status{assess.ExplicitBan: assess.Unknown, assess.Nature: assess.Unknown}},
	{"材料是后来补做的，日期写的是当时的", map[string]assess.Status{assess.Concealment: assess.Unfavourable}},
	{"中午陪客商吃饭时喝了点酒，下午接着上班", map[string]assess.Status{assess.EightRules: assess.Unfavourable}},
	{"用单位的车送孩子上学", map[string]assess.Status{assess.EightRules: assess.Unfavourable}},
	{"推来推去，最后没人管", map[string]assess.Status{assess.Inaction: assess.Unfavourable}},
	{"这个问题去年巡察时就指出过，今年又出现了", map[string]assess.Status{assess.Repeat: assess.Unfavourable}},
	{"并非为了个人私利", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"我确实没有请示县里就动工了", map[string]assess.Status{assess.Procedure: assess.Unfavourable}},
	{"经过村民代表会议表决同意", map[string]assess.Status{assess.Procedure: assess.Favourable}},
	{"因为是新的改革试点，没有现成经验可以借鉴", map[string]assess.Status{assess.Conditions: assess.Favourable}},
	{"当时台风马上要来，来不及开会研究", map[string]assess.Status{assess.Conditions: assess.Favourable, assess.Procedure: assess.Unfavourable}},
	{"他们说我吃拿卡要，其实根本没有这回事", map[string]assess.Status{assess.PrivateGain: assess.Unknown}},
	{"老板塞给我一个红包，我没敢收", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"没有瞒报，也没有漏报", map[string]assess.Status{assess.Concealment: assess.Favourable}},
	{"后来上级检查时我把台账改了", map[string]assess.Status{assess.Concealment: assess.Unfavourable}},
	{"这个做法我们请示过区里，区里口头同意了", map[string]assess.Status{assess.Procedure: assess.Favourable}},
	{"项目到现在还没完工，已经造成了一些浪费", map[string]assess.Status{assess.Consequence: assess.Unfavourable}},
	{"这个决定是党组会上大家一起定的", map[string]assess.Status{assess.Procedure: assess.Favourable}},
	{"我没跟任何人商量就签了字", map[string]assess.Status{assess.Procedure: assess.Unfavourable}},
	{"当时县里没有任何文件说不能这么做", map[string]assess.Status{assess.ExplicitBan: assess.Favourable}},
	{"市里去年就下文严禁这种操作了", map[string]assess.Status{assess.ExplicitBan: assess.Unfavourable}},
	{"整个事情我没拿过企业一分好处", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"他们公司中标后给我转了五万块", map[string]assess.Status{assess.PrivateGain: assess.Unfavourable}},
	{"我小舅子的施工队承接了这个工程", map[string]assess.Status{assess.PrivateGain: assess.Unfavourable}},
	{"当时就是想着给群众办点好事", map[string]assess.Status{assess.Motive: assess.Favourable}},
	{"我也是第一次碰到这种情况，没什么经验", map[string]assess.Status{assess.Conditions: assess.Favourable}},
	{"因为突发暴雨，来不及按程序走", map[string]assess.Status{assess.Conditions: assess.Favourable}},
	{"我当时确实是粗心大意了", map[string]assess.Status{assess.Nature: assess.Favourable}},
	{"目前没有造成任何经济损失", map[string]assess.Status{assess.Consequence: assess.Favourable}},
	{"项目停工半年，国家损失了三千多万", map[string]assess.Status{assess.Consequence: assess.Unfavourable}},
	{"多收的钱已经全部退还给群众了", map[string]assess.Status{assess.Remedy: assess.Favourable}},
	{"问题发现到现在快一年了，还没整改到位", map[string]assess.Status{assess.Remedy: assess.Unfavourable}},
	{"那天值班的时候和同事喝了两杯", map[string]assess.Status{assess.EightRules: assess.Unfavourable}},
	{"把单位的福利费拿来给大家发了购物卡", map[string]assess.Status{assess.EightRules: assess.Unfavourable}},
	{"群众反映了好几次，我一直拖着没处理", map[string]assess.Status{assess.Inaction: assess.Unfavourable}},
	{"我没有隐瞒任何情况，全部如实说明了", map[string]assess.Status{assess.Concealment: assess.Favourable}},
	{"检查组来之前，我让会计把账做平了", map[string]assess.Status{assess.Concealment: assess.Unfavourable}},
	{"这次事故没有造成人员伤亡", map[string]assess.Status{assess.MajorAccident: assess.Favourable}},
	{"工地塌方，三名工人遇难", map[string]assess.Status{assess.MajorAccident: assess.Unknown, assess.Consequence: assess.Unfavourable}},
	{"我以前从没犯过类似错误", map[string]assess.Status{assess.Repeat: assess.Favourable}},
	{"同样的问题上次巡察已经指出过，这次又犯了", map[string]assess.Status{assess.Repeat: assess.Unfavourable}},
	{"不知道这种情况算不算谋取私利", map[string]assess.Status{assess.PrivateGain: assess.Unknown}},
	{"假如我当时请示了领导，结果会不会不一样", map[string]assess.Status{assess.Procedure: assess.Unknown}},
	{"我怕别人说我以权谋私", map[string]assess.Status{assess.PrivateGain: assess.Unknown}},
	{"既没有向上级请示，也没有集体研究", map[string]assess.Status{assess.Procedure: assess.Unfavourable}},
	{"我承认这件事不是集体决定的", map[string]assess.Status{assess.Procedure: assess.Unfavourable}},
	{"这笔钱我没有装进自己口袋，都用在村里了", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"这件事是镇党政联席会议定的，我只是执行", map[string]assess.Status{assess.Procedure: assess.Favourable}},
	{"我没有开会研究，直接让他们先干了", map[string]assess.Status{assess.Procedure: assess.Unfavourable}},
	{"国家对这类用地早有禁止性规定", map[string]assess.Status{assess.ExplicitBan: assess.Unfavourable}},
	{"这种做法当时在全省都属于探索", map[string]assess.Status{assess.Conditions: assess.Favourable}},
	{"我们都是第一次搞这种改革，谁也没经验", map[string]assess.Status{assess.Conditions: assess.Favourable}},
	{"说实话我当时是知道这样不合规的", map[string]assess.Status{assess.Nature: assess.Unfavourable}},
	{"我是疏忽了，没有仔细核对", map[string]assess.Status{assess.Nature: assess.Favourable}},
	{"从头到尾我没收过老板一分钱，也没吃过他一顿饭", map[string]assess.Status{assess.PrivateGain: assess.Favourable}},
	{"我老婆在那家公司有股份", map[string]assess.Status{assess.PrivateGain: assess.Unfavourable}},
	{"企业给的两万块感谢费我收了", map[string]assess.Status{assess.PrivateGain: assess.Unfavourable}},
	{"目的就是让这个烂尾楼项目早日盘活", map[string]assess.Status{assess.Motive: assess.Favourable}},
	{"项目最后黄了，损失了八百多万", map[string]assess.Status{assess.Consequence: assess.Unfavourable}},
	{"好在没有造成什么实际损失", map[string]assess.Status{assess.Consequence: assess.Favourable}},
	{"欠企业的钱我们已经全部还清了", map[string]assess.Status{assess.Remedy: assess.Favourable}},
	{"到目前为止，损失一分都没有追回", map[string]assess.Status{assess.Remedy: assess.Unfavourable}},
	{"用公款请上级检查组吃了几顿饭", map[string]assess.Status{assess.EightRules: assess.Unfavourable}},
	{"我开公车去接了一趟孩子", map[string]assess.Status{assess.EightRules: assess.Unfavourable}},
	{"对群众反映的问题，我们科室一直在推", map[string]assess.Status{assess.Inaction: assess.Unfavourable}},
	{"接到通知后我第一时间赶到了现场", map[string]assess.Status{assess.Inaction: assess.Unknown}},
	{"上面来检查的时候，我让人把不合格的记录撕掉了", map[string]assess.Status{assess.Concealment: assess.Unfavourable}},
	{"事情发生后我立即如实向纪委说明了情况", map[string]assess.Status{assess.Concealment: assess.Favourable}},
	{"工厂违规排污，附近河道严重污染", map[string]assess.Status{assess.MajorAccident: assess.Unfavourable}},
	{"这是我们单位第二次被通报同类问题", map[string]assess.Status{assess.Repeat: assess.Unfavourable}},
	{"请问集体研究过的事情出了问题还要追责吗", map[string]assess.Status{assess.Procedure: assess.Unknown}},
	{"万一被认定为个人专断怎么办", map[string]assess.Status{assess.Procedure: assess.Unknown}},
	{"领导说我这是乱作为，我觉得很冤", map[string]assess.Status{assess.Inaction: assess.Unknown}},
	{"我没有隐瞒，也没有篡改任何记录，更没有收受任何好处", map[string]assess.Status{assess.Concealment: assess.Favourable, assess.PrivateGain: assess.Favourable}},
	{"虽然经过了班子会研究，但事后证明这个决策是错误的", map[string]assess.Status{assess.Procedure: assess.Favourable}},
	{"不是我不愿意整改，是企业一直不配合", map[string]assess.Status{assess.Remedy: assess.Unknown}},
}

func TestExtractVariants(t *testing.T) {
	for _, tc := range variantCases {
		got := assess.Extract(tc.text)
		for key, want := range tc.want {
			st := got[key].Status
			if st == "" {
				st = assess.Unknown
			}
			if st != want {
				t.Errorf("%s: %s = %s, want %s (evidence %q)", tc.text, key, st, want, got[key].Evidence)
			}
		}
	}
}
