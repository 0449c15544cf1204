package assess_test

import (
	"strings"
	"testing"

	"rongcuo/assess"
)

// expect is what one criterion should read as: its status and the evidence
// span (ignored for Unknown).
type expect struct {
	st assess.Status
	ev string
}

func fav(ev string) expect   { return expect{assess.Favourable, ev} }
func unfav(ev string) expect { return expect{assess.Unfavourable, ev} }

var unknown = expect{st: assess.Unknown}

type extractCase struct {
	name string
	text string
	want map[string]expect
}

// extractCases are the sentences of the brief and realistic variants. Each
// asserts the criteria it is about; a key left out is not checked.
var extractCases = []extractCase{
	// private gain
	{"gain denied", "我没有收受任何好处", map[string]expect{assess.PrivateGain: fav("没有收受任何好处")}},
	{"gain denied colloquial 没收", "我也没收企业任何好处", map[string]expect{assess.PrivateGain: fav("没收企业任何好处")}},
	{"gain denied formal", "未谋取私利", map[string]expect{assess.PrivateGain: fav("未谋取私利")}},
	{"gain denied object first", "一分钱没拿", map[string]expect{assess.PrivateGain: fav("一分钱没拿")}},
	{"gain denied object first with 都", "俺一分钱都没拿过", map[string]expect{assess.PrivateGain: fav("一分钱都没拿过")}},
	{"gain admitted", "我收受了好处", map[string]expect{assess.PrivateGain: unfav("收受了好处")}},
	{"gain admitted money", "收了对方两万元", map[string]expect{assess.PrivateGain: unfav("收了对方两万元")}},
	{"gain admitted kickback", "拿了回扣", map[string]expect{assess.PrivateGain: unfav("拿了回扣")}},
	{"gain to relative", "工程给亲戚的公司做了", map[string]expect{assess.PrivateGain: unfav("工程给亲戚的公司做了")}},
	{"gain banquet", "我接受过企业吃请", map[string]expect{
		assess.PrivateGain: unfav("接受过企业吃请"), assess.EightRules: unfav("接受过企业吃请")}},
	{"gain never", "我从来没有收过企业一分钱", map[string]expect{assess.PrivateGain: fav("从来没有收过企业一分钱")}},
	{"gain 不存在", "不存在利益输送", map[string]expect{assess.PrivateGain: fav("不存在利益输送")}},
	{"gain colloquial 压根", "压根没收过他们啥好处", map[string]expect{assess.PrivateGain: fav("压根没收过他们啥好处")}},
	{"gift returned on the spot", "对方送的礼品我当场退回了", map[string]expect{
		assess.PrivateGain: fav("对方送的礼品我当场退回了"), assess.EightRules: fav("对方送的礼品我当场退回了")}},

	// 其实 corrects what the sentence said before; the cadre's own account so corrected was false
	{"correction of own account", "纪委谈话时我说那件事是班子集体研究定的，其实是我自己拍板的", map[string]expect{
		assess.Procedure:   unfav("是我自己拍板的"),
		assess.Concealment: unfav("我说那件事是班子集体研究定的，其实是我自己拍板的")}},
	{"correction of own denial", "谈话时我说没收过他的钱，其实收了两千", map[string]expect{
		assess.PrivateGain: unfav("收了两千"), assess.Concealment: unfav("我说没收过他的钱，其实收了两千")}},
	{"correction of a narration is no concealment", "大家以为是集体研究定的，其实是我自己拍板的", map[string]expect{
		assess.Procedure: unfav("是我自己拍板的"), assess.Concealment: {st: assess.Unknown}}},
	{"其实 agreeing with what was said", "我说实话，其实是我没看仔细，漏了一项材料", map[string]expect{
		assess.Concealment: {st: assess.Unknown}}},

	// what came of the act is no emergency that forced it; an order answered late; a report withheld
	{"collapse told as the result", "还没完成竣工验收我就同意先通行了，结果桥面坍塌，死了两个人", map[string]expect{
		assess.Conditions: {st: assess.Unknown}, assess.MajorAccident: unfav("死了两个人")}},
	{"order answered late", "镇里半夜打电话让我们去堤上查管涌，我觉得问题不大，第二天早上才过去", map[string]expect{
		assess.Inaction: unfav("第二天早上才过去")}},
	{"report withheld, the other person the object", "知道他偷跑出去了，就没劝他回来也没往上报", map[string]expect{
		assess.Concealment: unfav("没往上报")}},

	// an accusation runs on into the clause after it; a report as a time does not
	{"accusation carried into the next clause", "有人举报我在拆迁里优亲厚友，给亲戚多算了面积，纪委正在核实", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}}},
	{"report as a time", "被举报以后我有点慌，把微信记录删了", map[string]expect{
		assess.Concealment: unfav("把微信记录删了")}},
	{"allegation checked and found untrue", "有人举报我收了施工方的红包，纪委查了一个多月，结论是没这回事", map[string]expect{
		assess.PrivateGain: fav("结论是没这回事")}},
	{"a body the question is about", "当时董事会到底有没有正式过会我也记不太清了", map[string]expect{
		assess.Procedure: {st: assess.Unknown}}},
	{"a body that decided", "董事会研究同意后签的合同", map[string]expect{
		assess.Procedure: fav("董事会研究同意后签的合同")}},
	{"post-negation denies due diligence", "我们前期风险评估不足", map[string]expect{
		assess.Procedure: unfav("前期风险评估不足")}},
	{"due diligence done", "我们做了风险评估，企业资信也查了", map[string]expect{
		assess.Procedure: fav("做了风险评估")}},
	{"payout to others stopped", "养牛场老板资金链断了，停发分红，本金最后追回九成", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}}},
	{"no report to the town", "汛期夜里河堤冒浑水，我找人堆了沙袋，就没往镇里报", map[string]expect{
		assess.Concealment: unfav("没往镇里报")}},
	{"fees paid to the cadre", "每个月他们给我打点车马费，三千块", map[string]expect{
		assess.PrivateGain: unfav("每个月他们给我打点车马费")}},
	{"a job for a son at the firm", "我儿子毕业后，在他们公司找了个岗位", map[string]expect{
		assess.PrivateGain: unfav("在他们公司找了个岗位")}},
	{"figures dressed up in scare quotes", "收入数据差一点，我们在报表上稍微“优化”了一下", map[string]expect{
		assess.Concealment: unfav("在报表上稍微“优化”了一下")}},
	{"someone else's account told to the cadre", "组里的人跟我说没有收过钱，其实收了两千", map[string]expect{
		assess.PrivateGain: unfav("收了两千"), assess.Concealment: {st: assess.Unknown}}},
	{"the cadre's verdict on himself", "我觉得是我失职，想主动找纪委说清楚", map[string]expect{
		assess.Inaction: {st: assess.Unknown}}},
	{"the commission's verdict is raised", "纪委认为我失职，要问责", map[string]expect{
		assess.Inaction: {st: assess.Unknown}}},
	{"use before acceptance, then deaths", "我口头让施工方在没验收的情况下先放行了新桥的人行道，结果护栏塌了，掉下去两个人没救过来", map[string]expect{
		assess.MajorAccident: unfav("掉下去两个人没救过来"), assess.Procedure: unfav("口头让施工方在没验收的情况下先放行了新桥的人行道")}},
	{"presents found in the car", "去企业调研，走的时候后备箱里多了点东西，回家才发现是两盒茶叶和几张卡", map[string]expect{
		assess.PrivateGain: unfav("走的时候后备箱里多了点东西")}},
	{"a relative supplying the unit", "学校食堂的米面油这几年一直是我爱人娘家兄弟在供", map[string]expect{
		assess.PrivateGain: unfav("学校食堂的米面油这几年一直是我爱人娘家兄弟在供")}},
	{"went to the superiors and told it", "天亮我就跑到书记镇长办公室把经过原原本本讲了", map[string]expect{
		assess.Procedure: fav("跑到书记镇长办公室把经过原原本本讲了")}},
	{"wages owed to workers are no money taken", "包工头跑了，二十几个老乡的工钱眼看拿不到", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}}},
	{"a meal with a party the cadre deals with is asked", "项目定下来以后，我跟那个老板吃过一次饭", map[string]expect{
		assess.EightRules: {st: assess.Unknown}}},
	{"a meal paid for himself", "我跟老板吃过饭，是我自己付的钱", map[string]expect{
		assess.EightRules: fav("是我自己付的钱")}},
	{"signed as done what was not done", "检查的时候我签了字说现场看过，其实那天我没去", map[string]expect{
		assess.Concealment: unfav("其实那天我没去")}},
	{"a donation to the village, the verb first", "村里收到一家企业捐给村集体的二十万，用来修路", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}, assess.EightRules: {st: assess.Unknown}}},
	{"work on the cadre's house left unpaid", "我让施工队把我家的院墙顺便修了，没给钱，他们说算了", map[string]expect{
		assess.PrivateGain: unfav("没给钱")}},
	{"liquor from a developer, kept", "开发商过年给我送了两瓶茅台，我想着不收不给面子就收下了", map[string]expect{
		assess.PrivateGain: unfav("开发商过年给我送了两瓶茅台")}},
	{"a relative paid without working", "我老婆在我管的项目里挂了个名拿工资，其实她没上过班", map[string]expect{
		assess.PrivateGain: unfav("其实她没上过班")}},
	{"a loss moved into next year's books", "领导让我把一笔亏损挪到下一年度做账，我照做了", map[string]expect{
		assess.Concealment: unfav("领导让我把一笔亏损挪到下一年度做账")}},
	{"research whose approach did not work", "科研项目按合同做了三年，技术路线走不通失败了，经费都按规定用的", map[string]expect{
		assess.Conditions: fav("技术路线走不通失败了")}},
	{"an allegation said to be cleared up", "纪委查了三个月，结论是举报不实。回扣的事说清楚了", map[string]expect{
		assess.PrivateGain: fav("回扣的事说清楚了")}},
	{"a dam near overtopping and no answer from above", "水库水位离坝顶不到一米，县防指电话一直打不通，我就自己决定开闸泄洪，开闸后十分钟我就给县水利局值班室报告了", map[string]expect{
		assess.Conditions: fav("县防指电话一直打不通"), assess.Procedure: fav("给县水利局值班室报告了")}},
	{"relief paid to the household's card", "所里开会研究后给了两万，那两万块是直接打到她的银行卡上的", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}}},
	{"money the contractor took, told in the next clause", "其中一家电梯公司发票不规范，多拿了4万，我们已经全额追回来了", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}}},
	{"areas reported larger", "我们在丈量表上把几户的面积报大了", map[string]expect{
		assess.Concealment: unfav("在丈量表上把几户的面积报大了")}},
	{"a ban in a document is asked", "县里年初专门发过文，说扶贫资金一律不得用于楼堂馆所", map[string]expect{
		assess.ExplicitBan: {st: assess.Unknown}}},
	{"gift cards brought every holiday", "企业那边为了感谢我们办事快，每逢过节都送点购物卡，我都收着分给同事了", map[string]expect{
		assess.PrivateGain: unfav("每逢过节都送点购物卡")}},
	{"deaths under-reported", "实际死了两个工人，我让项目部上报的时候只报了一个", map[string]expect{
		assess.Concealment: unfav("我让项目部上报的时候只报了一个")}},
	{"experts listed who were not there", "就让财务按专家咨询费的名义虚列了几个校外专家，把钱拿出来发给学生", map[string]expect{
		assess.Concealment: unfav("让财务按专家咨询费的名义虚列了几个校外专家")}},
	{"paid back afterwards is no meal paid for", "我们在农家乐安排了两桌，上了几瓶茅台，钱从招商经费里出。那两瓶酒钱后来我自己掏了补上", map[string]expect{
		assess.EightRules: unfav("上了几瓶茅台")}},
	{"tourism is the work, not a trip", "县委常委会决定全县A级景区春节期间免门票，为了把旅游淡季盘活", map[string]expect{
		assess.EightRules: {st: assess.Unknown}, assess.Procedure: fav("县委常委会决定全县A级景区春节期间免门票")}},
	{"an oral instruction the superior now denies", "上级领导口头让我们先干，可是现在领导说他从没说过这话，我们手里也没有任何书面的东西", map[string]expect{
		assess.Procedure: {st: assess.Unknown}}},
	{"free work on the cadre's home", "开发商免费给我家装修了厨房，我后来帮他协调了用地指标", map[string]expect{
		assess.PrivateGain: unfav("开发商免费给我家装修了厨房")}},
	{"warnings not taken seriously", "事故前安全员提醒过好几次我都没当回事", map[string]expect{
		assess.Inaction: unfav("没当回事")}},
	{"a call to the office above as a report", "没家属没钱，我签字先抢救、先用药，绕过了欠费审批流程，我当时也给医务科打了电话报备", map[string]expect{
		assess.Procedure: fav("给医务科打了电话报备")}},
	{"patients brought in are no harm done", "那天高速上几车连撞，一下送来十一个重伤的，我让全部先救后缴费", map[string]expect{
		assess.MajorAccident: {st: assess.Unknown}}},
	{"a load test skipped, then a death", "施工方说来不及做荷载检测，我想着局党组开会定过要保工期，就同意先投用了，结果看台塌了，一名学生死亡", map[string]expect{
		assess.MajorAccident: unfav("一名学生死亡")}},
	{"no report afterwards is a skipped step, nothing hidden", "抗旱那阵我没上会也没请示，直接动用一笔项目资金给村里打井，事后也没报告", map[string]expect{
		assess.Procedure: unfav("事后也没报告"), assess.Concealment: {st: assess.Unknown}}},
	{"a figure wrong by a misreading", "我把统计口径理解错了，数字报高了，发现后主动向县统计局更正", map[string]expect{
		assess.Concealment: {st: assess.Unknown}}},
	{"a trip the supplier arranged later", "供应商后来安排我们设备科几个人去三亚玩了五天", map[string]expect{
		assess.PrivateGain: unfav("供应商后来安排我们设备科几个人去三亚玩了五天")}},
	{"relatives' debts written off", "里面有几户是我亲戚，他们的欠费我让收费处直接核销了", map[string]expect{
		assess.PrivateGain: unfav("他们的欠费我让收费处直接核销了")}},
	{"interest kept", "借给一个朋友，收了点利息，利息我自己留着了", map[string]expect{
		assess.PrivateGain: unfav("利息我自己留着了")}},
	{"supplies from a relative's factory", "直接从我小舅子的厂里调了两千条，价格比市场高一截", map[string]expect{
		assess.PrivateGain: unfav("直接从我小舅子的厂里调了两千条")}},
	{"a card returned on the spot", "老板过年送过我一张卡，我当场就退了", map[string]expect{
		assess.PrivateGain: fav("当场就退了")}},
	{"cards every month from a middleman", "有个中介每个月给我几张购物卡，让我把他代办的件往前排", map[string]expect{
		assess.PrivateGain: unfav("有个中介每个月给我几张购物卡")}},
	{"a relative approved who did not qualify", "低保名单里有我妈，我知道她其实不符合条件，还是签字审核通过了", map[string]expect{
		assess.PrivateGain: unfav("还是签字审核通过了")}},
	{"a relative who qualified is asked, not held against", "低保名单里有我妈，她符合条件，是村民代表评议通过的", map[string]expect{
		assess.PrivateGain: {st: assess.Unknown}}},
	{"a state of things is no inaction", "我们在土地指标还没完全落实的情况下就和企业签了投资协议", map[string]expect{
		assess.Inaction: {st: assess.Unknown}}},
	{"called to the scene, came hours late", "县里通知我马上到场我在外地喝喜酒拖了三个多小时才到现场", map[string]expect{
		assess.Inaction: unfav("县里通知我马上到场我在外地喝喜酒拖了三个多小时才到现场")}},
	{"opened before the acceptance check, then deaths", "没等质量验收就开放了，结果桥面塌了，死了两个人", map[string]expect{
		assess.MajorAccident: unfav("死了两个人")}},
	{"a forced clearance set off a siege", "我带人强行推平了几户的地，后来几百个村民围堵了镇政府两天", map[string]expect{
		assess.MajorAccident: unfav("后来几百个村民围堵了镇政府两天")}},
	{"renovation at half price", "那个开发商给我家装修只收了五折，说是朋友价", map[string]expect{
		assess.PrivateGain: unfav("那个开发商给我家装修只收了五折")}},
	{"public assets let cheaply to a friend", "未经评估把一处国有厂房低价租给了他朋友控股的公司", map[string]expect{
		assess.PrivateGain: unfav("未经评估把一处国有厂房低价租给了他朋友控股的公司")}},
	{"unfinished works reported finished", "把几个没完工的项目报成了已完工，数据也改了", map[string]expect{
		assess.Concealment: unfav("把几个没完工的项目报成了已完工")}},
	{"figures mistyped and put right", "数据录错了，发现后马上改了", map[string]expect{
		assess.Concealment: {st: assess.Unknown}}},
	{"accounts adjusted when the funds came", "校委会开会决定先从公用经费里预付了取暖费，经费到了以后已经调账", map[string]expect{
		assess.Concealment: {st: assess.Unknown}}},
	{"interest paid to the cadre", "我先垫了十万进去，村委会同意按月息两分给我算利息", map[string]expect{
		assess.PrivateGain: unfav("村委会同意按月息两分给我算利息")}},
	{"a returned gift registered with the commission", "供应商过年托人送来两张超市卡，我当场就退了，还在公司纪检那里做了登记", map[string]expect{
		assess.PrivateGain: fav("当场就退了")}},
	{"invitations declined", "老板几次要请我们吃饭，都推了，最后一次是在食堂吃的工作餐", map[string]expect{
		assess.EightRules: fav("都推了")}},
	{"the duty car taking a patient to hospital", "半夜村里一个老人突发脑梗，我就开了值班的公务车把人送到县医院，人抢救过来了", map[string]expect{
		assess.EightRules: {st: assess.Unknown}}},
	{"an official car for one's own child", "周末我开公车送孩子去医院看病", map[string]expect{
		assess.EightRules: unfav("周末我开公车送孩子去医院看病")}},
	{"a vote of the villagers' representatives", "我妈符合低保条件，评议的时候我主动申请回避，是村民代表投票、镇里入户核查后才批的", map[string]expect{
		assess.Procedure: fav("是村民代表投票、镇里入户核查后")}},
	{"a meeting someone says never took place", "我记得是村民代表评议过的，可村会计说那次评议根本没开成", map[string]expect{
		assess.Procedure: {st: assess.Unknown}}},
	{"each paid for his meal", "中午在厂食堂吃了顿饭，饭钱我们俩各自付了", map[string]expect{
		assess.EightRules: fav("饭钱我们俩各自付了")}},
	{"a fear does not carry", "当时怕影响评优，就没往上报", map[string]expect{
		assess.Concealment: unfav("没往上报")}},

	// procedure
	{"procedure not collective", "这个事未经集体研究", map[string]expect{assess.Procedure: unfav("这个事未经集体研究")}},
	{"procedure no meeting", "没有上会就定了", map[string]expect{assess.Procedure: unfav("没有上会")}},
	{"procedure alone", "是我一个人拍板的", map[string]expect{assess.Procedure: unfav("是我一个人拍板的")}},
	{"procedure personal", "属于个人决定", map[string]expect{assess.Procedure: unfav("属于个人决定")}},
	{"procedure party committee", "经党委会集体研究", map[string]expect{assess.Procedure: fav("经党委会集体研究")}},
	{"procedure town committee", "经镇党委会研究决定", map[string]expect{assess.Procedure: fav("经镇党委会研究决定")}},
	{"procedure team meeting", "班子会议讨论通过后实施的", map[string]expect{assess.Procedure: fav("班子会议讨论通过后实施的")}},
	{"procedure county approval", "报请县里同意后才开工", map[string]expect{assess.Procedure: fav("报请县里同意后")}},
	{"procedure not through", "没有经过集体研究", map[string]expect{assess.Procedure: unfav("没有经过集体研究")}},
	{"procedure leader refused", "领导不同意，我还是坚持做了", map[string]expect{assess.Procedure: unfav("领导不同意")}},
	{"procedure talked over", "我和村干部商量后决定的", map[string]expect{assess.Procedure: fav("和村干部商量后决定的")}},
	{"procedure not talked over", "这个项目是我自己决定的，没跟班子商量", map[string]expect{assess.Procedure: unfav("没跟班子商量")}},
	{"procedure unauthorised", "没有经过领导同意就擅自拨付了资金", map[string]expect{assess.Procedure: unfav("擅自拨付了资金")}},
	{"procedure emergency", "当时是紧急情况，来不及上会，事后及时向党委报告了", map[string]expect{
		assess.Procedure: fav("事后及时向党委报告了"), assess.Conditions: fav("是紧急情况"),
		assess.Concealment: fav("事后及时向党委报告了")}},

	// explicit ban
	{"ban explicit", "上级明令禁止过这种做法", map[string]expect{assess.ExplicitBan: unfav("上级明令禁止过这种做法")}},
	{"ban document", "文件明确不允许这样操作", map[string]expect{assess.ExplicitBan: unfav("文件明确不允许这样操作")}},
	{"ban knowingly", "明知不能做还是做了", map[string]expect{
		assess.ExplicitBan: unfav("明知不能做"), assess.Nature: unfav("明知不能做")}},
	{"ban none then", "当时没有明确规定", map[string]expect{assess.ExplicitBan: fav("没有明确规定")}},
	{"ban policy silent", "政策没有禁止", map[string]expect{assess.ExplicitBan: fav("政策没有禁止")}},
	{"ban no limit yet", "上级尚无明确限制", map[string]expect{assess.ExplicitBan: fav("上级尚无明确限制")}},
	{"ban rule unclear", "那时候技术指标还没明确", map[string]expect{assess.ExplicitBan: fav("技术指标还没明确")}},

	// motive
	{"motive project", "为了让项目尽快开工", map[string]expect{assess.Motive: fav("为了让项目尽快开工")}},
	{"motive people", "就是想为群众办实事", map[string]expect{assess.Motive: fav("就是想为群众办实事")}},
	{"motive public heart", "完全出于公心", map[string]expect{assess.Motive: fav("完全出于公心")}},
	{"motive self", "说白了是为了自己", map[string]expect{assess.Motive: unfav("说白了是为了自己")}},
	{"motive self denied", "我没有为了自己，全是为了村里的发展", map[string]expect{assess.Motive: fav("全是为了村里的发展")}},
	{"motive self wins over goal", "为了自己的政绩项目", map[string]expect{assess.Motive: unfav("为了自己的政绩项目")}},

	// conditions, nature
	{"conditions inexperience", "我们缺乏经验", map[string]expect{assess.Conditions: fav("缺乏经验")}},
	{"conditions pilot", "这是先行先试的改革", map[string]expect{assess.Conditions: fav("这是先行先试的改革")}},
	{"conditions epidemic", "因为疫情影响，项目亏损了", map[string]expect{
		assess.Conditions: fav("因为疫情影响"), assess.Consequence: unfav("项目亏损了")}},
	{"conditions legacy", "这是历史遗留问题", map[string]expect{assess.Conditions: fav("这是历史遗留问题")}},
	{"nature slip", "我一时疏忽", map[string]expect{assess.Nature: fav("一时疏忽")}},
	{"nature not deliberate", "这事其实不是我故意的", map[string]expect{assess.Nature: fav("这事其实不是我故意的")}},
	{"nature deliberate", "我是明知故犯", map[string]expect{assess.Nature: unfav("是明知故犯")}},
	{"nature denied intent keeps the act", "我并非故意隐瞒", map[string]expect{
		assess.Nature: fav("并非故意隐瞒"), assess.Concealment: unfav("并非故意隐瞒")}},

	// consequence, remedy
	{"consequence none", "没有造成损失", map[string]expect{assess.Consequence: fav("没有造成损失")}},
	{"consequence no bad effect", "未造成不良影响", map[string]expect{assess.Consequence: fav("未造成不良影响")}},
	{"consequence coordinated", "没有造成损失和不良影响", map[string]expect{assess.Consequence: fav("没有造成损失和不良影响")}},
	{"consequence heavy", "这件事造成重大损失", map[string]expect{assess.Consequence: unfav("这件事造成重大损失")}},
	{"consequence unexpected", "我没想到会造成这么大的损失", map[string]expect{
		assess.Nature: fav("没想到会造成这么大的损失"), assess.Consequence: unfav("没想到会造成这么大的损失")}},
	{"remedy completed", "材料已补齐", map[string]expect{assess.Remedy: fav("材料已补齐")}},
	{"remedy rectified", "发现问题后及时整改", map[string]expect{assess.Remedy: fav("发现问题后及时整改")}},
	{"remedy loss recovered", "挽回了全部损失", map[string]expect{assess.Remedy: fav("挽回了全部损失")}},
	{"remedy formalities", "后来补办了手续", map[string]expect{assess.Remedy: fav("补办了手续")}},
	{"remedy not done", "至今没有整改", map[string]expect{assess.Remedy: unfav("至今没有整改")}},
	{"remedy ordered only", "上级要求我们立即整改", map[string]expect{assess.Remedy: unknown}},
	{"remedy promised only", "让企业签了限期补齐承诺书", map[string]expect{assess.Remedy: unknown}},

	// negative list
	{"eight rules banquet", "用公款吃喝", map[string]expect{assess.EightRules: unfav("用公款吃喝")}},
	{"eight rules allowances", "违规发放津补贴", map[string]expect{assess.EightRules: unfav("违规发放津补贴")}},
	{"eight rules gift cards", "收受了购物卡", map[string]expect{
		assess.EightRules: unfav("收受了购物卡"), assess.PrivateGain: unfav("收受了购物卡")}},
	{"eight rules official car", "公车私用", map[string]expect{assess.EightRules: unfav("公车私用")}},
	{"eight rules drinking on duty", "值班时喝了酒", map[string]expect{assess.EightRules: unfav("值班时喝了酒")}},
	{"inaction shirking", "相关科室互相推诿", map[string]expect{assess.Inaction: unfav("相关科室互相推诿")}},
	{"inaction dragging", "拖着不办", map[string]expect{assess.Inaction: unfav("拖着不办")}},
	{"inaction late", "接到抢险指令后，我迟迟不到现场", map[string]expect{assess.Inaction: unfav("迟迟不到现场")}},
	{"inaction denied", "我没有推诿", map[string]expect{assess.Inaction: fav("没有推诿")}},
	{"concealment", "隐瞒不报", map[string]expect{assess.Concealment: unfav("隐瞒不报")}},
	{"concealment backdated", "合同是倒签的", map[string]expect{assess.Concealment: unfav("合同是倒签的")}},
	{"concealment forged", "补签了假材料", map[string]expect{assess.Concealment: unfav("补签了假材料")}},
	{"concealment tampered", "篡改了会议记录", map[string]expect{assess.Concealment: unfav("篡改了会议记录")}},
	{"concealment denied", "没有隐瞒", map[string]expect{assess.Concealment: fav("没有隐瞒")}},
	{"concealment not reported", "既没有劝返，也没有上报", map[string]expect{
		assess.Inaction: unfav("没有劝返"), assess.Concealment: unfav("没有上报")}},
	{"accident major", "发生了重大安全事故", map[string]expect{assess.MajorAccident: unfav("发生了重大安全事故")}},
	// A death is a serious consequence; it is dereliction with serious harm
	// only with a lapse (assess_test.go), so alone it is raised and asked.
	{"accident death", "工地上死了两个工人", map[string]expect{
		assess.MajorAccident: unknown, assess.Consequence: unfav("工地上死了两个工人")}},
	{"accident pollution", "造成严重环境污染", map[string]expect{assess.MajorAccident: unfav("造成严重环境污染")}},
	{"accident mass incident", "引发了群体性事件", map[string]expect{assess.MajorAccident: unfav("引发了群体性事件")}},
	{"accident none", "没有人员伤亡", map[string]expect{
		assess.MajorAccident: fav("没有人员伤亡"), assess.Consequence: fav("没有人员伤亡")}},
	{"accident hazard is not an accident", "为加快重大安全事故隐患整改", map[string]expect{assess.MajorAccident: unknown}},
	{"repeat again", "今年又一次出现同样问题", map[string]expect{assess.Repeat: unfav("又一次出现同样问题")}},
	{"repeat punished before", "以前也因为这个被处理过", map[string]expect{assess.Repeat: unfav("因为这个被处理过")}},
	{"repeat never before", "以前从来没有被处理过", map[string]expect{assess.Repeat: fav("以前从来没有被处理过")}},

	// negation and scope
	{"neither nor", "没有收钱也没有吃请", map[string]expect{assess.PrivateGain: fav("没有吃请")}},
	{"both denied", "既没有隐瞒也没有伪造", map[string]expect{assess.Concealment: fav("没有伪造")}},
	{"not but", "不是个人决定而是集体研究", map[string]expect{assess.Procedure: fav("集体研究")}},
	{"double negation", "不是没有集体研究", map[string]expect{assess.Procedure: fav("不是没有集体研究")}},
	{"coordinated objects", "没有收受礼品、礼金", map[string]expect{
		assess.PrivateGain: fav("没有收受礼品、礼金"), assess.EightRules: fav("没有收受礼品、礼金")}},
	{"negation stops at 就", "没有经验就收了对方的钱", map[string]expect{
		assess.Conditions: fav("没有经验"), assess.PrivateGain: unfav("收了对方的钱")}},
	{"turn after condition", "如果有问题我负责，但我没有收任何好处", map[string]expect{assess.PrivateGain: fav("没有收任何好处")}},
	{"no meeting but unwilling", "不是我不想上会，是时间来不及", map[string]expect{assess.Procedure: unknown}},

	// nothing asserted
	{"question whether", "是否需要集体研究？", map[string]expect{assess.Procedure: unknown}},
	{"question yes-no", "收了好处吗？", map[string]expect{assess.PrivateGain: unknown}},
	{"question A-not-A after", "集体研究过没有？", map[string]expect{assess.Procedure: unknown}},
	{"question general case", "收受购物卡算不算违反八项规定？", map[string]expect{
		assess.PrivateGain: unknown, assess.EightRules: unknown}},
	{"question own fact", "我收了两张购物卡，算不算违规？", map[string]expect{assess.PrivateGain: unfav("收了两张购物卡")}},
	{"question own fact one clause", "我没有上会算不算个人专断？", map[string]expect{assess.Procedure: unfav("没有上会")}},
	{"hypothetical", "如果收了好处会怎样", map[string]expect{assess.PrivateGain: unknown}},
	{"hypothetical carried", "要是当时没上会，而且收了钱，会怎么处理", map[string]expect{
		assess.Procedure: unknown, assess.PrivateGain: unknown}},
	{"fear", "担心被认为谋私", map[string]expect{assess.PrivateGain: unknown}},
	{"allegation", "有人举报我收了好处", map[string]expect{assess.PrivateGain: unknown}},
	{"allegation denied", "有人举报我收了好处，其实我一分钱都没拿", map[string]expect{assess.PrivateGain: fav("一分钱都没拿")}},
	{"hedge before", "我不清楚当时有没有文件禁止", map[string]expect{assess.ExplicitBan: unknown}},
	{"hedge possible loss", "可能造成一定损失", map[string]expect{assess.Consequence: unknown}},
	{"checking a hedge after", "是否上会记不清了", map[string]expect{assess.Procedure: unknown}},

	// narratives
	{"narrative ANSWER example",
		"我是镇里分管工业的副镇长。去年为了让重点招商项目尽快开工，在规划审批还缺一项技术指标的情况下，经镇党委会集体研究，让企业签了限期补齐承诺书，先办了施工手续。企业按期补齐了材料，没有造成损失，我也没收企业任何好处。现在纪委找我谈话，能容错吗？",
		map[string]expect{
			assess.Motive: fav("为了让重点招商项目尽快开工"), assess.Procedure: fav("经镇党委会集体研究"),
			assess.PrivateGain: fav("没收企业任何好处"), assess.Consequence: fav("没有造成损失"),
			assess.Remedy: fav("企业按期补齐了材料"), assess.ExplicitBan: unknown}},
	{"narrative village loan",
		"我是村支书。夏收时承包大户拖欠租金，村民不让收割，我和村干部商量后，借给承包户8万元村集体资金，化解了矛盾。钱后来全部还上了，我没从中拿一分钱。",
		map[string]expect{
			assess.Procedure: fav("和村干部商量后"), assess.Remedy: fav("全部还上了"),
			assess.PrivateGain: fav("没从中拿一分钱"), assess.ExplicitBan: unknown}},
	{"narrative emergency invoice",
		"审计发现防汛堤防加固工程款支付对象与合同主体不一致，我审核时没注意，签了“情况属实”。这是应急工程，我一时疏忽，事后主动让承建公司重开了规范发票。",
		map[string]expect{assess.Nature: fav("一时疏忽"), assess.Remedy: fav("事后主动让承建公司重开了规范发票")}},
	{"narrative mixed accident",
		"为了赶工期，我没有上会，自己拍板让施工队先进场。后来出了事故，但我没有隐瞒，第一时间向镇里报告了。",
		map[string]expect{
			assess.Motive: fav("为了赶工期"), assess.Procedure: unfav("自己拍板让施工队先进场"),
			assess.Consequence: unfav("出了事故"), assess.Concealment: fav("第一时间向镇里报告了"),
			assess.MajorAccident: unknown}},
	{"narrative against ban",
		"去年镇里搞人居环境整治，我负责。上级三令五申不准搞一刀切，我们为了赶进度还是把群众的柴堆全清走了，引发了群众聚集上访。",
		map[string]expect{
			assess.ExplicitBan: unfav("上级三令五申不准搞一刀切"), assess.Motive: fav("为了赶进度"),
			assess.MajorAccident: unfav("引发了群众聚集上访")}},
	{"narrative without punctuation",
		"我当时为了项目尽快落地没有经过集体研究就让企业先施工了也没收任何好处现在被问责了能不能容错",
		map[string]expect{
			assess.Motive: fav("为了项目尽快落地"), assess.Procedure: unfav("没有经过集体研究"),
			assess.PrivateGain: fav("没收任何好处")}},
	{"narrative repeat",
		"前年我们就因为项目资金拨付不规范被审计通报过，今年又出现了同样的问题。",
		map[string]expect{assess.Repeat: unfav("又出现了同样的问题")}},
	{"narrative admission beats later denial",
		"我收了老板两万元，不过我没有给他任何关照，也没有隐瞒。",
		map[string]expect{assess.PrivateGain: unfav("收了老板两万元"), assess.Concealment: fav("没有隐瞒")}},

	// phone typing: homophone slips, spaces, dialect
	{"typo 研就", "没有经过集体研就", map[string]expect{assess.Procedure: unfav("没有经过集体研就")}},
	{"typo 手受", "我没有手受任何好处", map[string]expect{assess.PrivateGain: fav("没有手受任何好处")}},
	{"typo 党为会", "经党为会研究同意的", map[string]expect{assess.Procedure: fav("经党为会研究同意的")}},
	{"dialect 木有", "木有隐瞒", map[string]expect{assess.Concealment: fav("木有隐瞒")}},
	{"typo 推委", "我们没有推委扯皮", map[string]expect{assess.Inaction: fav("没有推委扯皮")}},
	{"spaces", "没有收 受 任何 好处", map[string]expect{assess.PrivateGain: fav("没有收 受 任何 好处")}},

	// traditional characters and full-width punctuation
	{"traditional gain and procedure", "我沒有收受任何好處，經鎮黨委會集體研究。", map[string]expect{
		assess.PrivateGain: fav("沒有收受任何好處"), assess.Procedure: fav("經鎮黨委會集體研究")}},
	{"traditional personal decision", "未經集體研究，是我個人決定的。", map[string]expect{assess.Procedure: unfav("是我個人決定的")}},
	{"traditional ban", "上級明令禁止後我們依然我行我素", map[string]expect{assess.ExplicitBan: unfav("上級明令禁止後我們依然我行我素")}},
	{"traditional concealment", "沒有隱瞞，也沒有偽造材料", map[string]expect{assess.Concealment: fav("沒有偽造材料")}},
	{"full-width punctuation", "没有造成损失；已补办手续！", map[string]expect{
		assess.Consequence: fav("没有造成损失"), assess.Remedy: fav("已补办手续")}},
	{"full-width digits", "收了对方２万元", map[string]expect{assess.PrivateGain: unfav("收了对方２万元")}},
}

func TestExtract(t *testing.T) {
	for _, tc := range extractCases {
		t.Run(tc.name, func(t *testing.T) {
			got := assess.Extract(tc.text)
			for key, w := range tc.want {
				g := got[key]
				st := g.Status
				if st == "" {
					st = assess.Unknown
				}
				if st != w.st {
					t.Errorf("%s: status %s, want %s (evidence %q)", key, st, w.st, g.Evidence)
					continue
				}
				if w.st == assess.Unknown {
					continue
				}
				if g.Evidence != w.ev {
					t.Errorf("%s: evidence %q, want %q", key, g.Evidence, w.ev)
				}
				if !strings.Contains(tc.text, g.Evidence) {
					t.Errorf("%s: evidence %q is not in the text", key, g.Evidence)
				}
			}
		})
	}
}

func TestExtractTableSize(t *testing.T) {
	if len(extractCases) < 60 {
		t.Fatalf("%d extraction cases, want at least 60", len(extractCases))
	}
}

// Every case reads the same in traditional characters, with the evidence
// cut from the traditional text.
func TestExtractTraditional(t *testing.T) {
	for _, tc := range extractCases {
		trad := assess.ToTraditional(tc.text)
		got := assess.Extract(trad)
		for key, w := range tc.want {
			g := got[key]
			st := g.Status
			if st == "" {
				st = assess.Unknown
			}
			if st != w.st {
				t.Errorf("%s: %s: status %s, want %s", trad, key, st, w.st)
				continue
			}
			if w.st != assess.Unknown && g.Evidence != assess.ToTraditional(w.ev) {
				t.Errorf("%s: %s: evidence %q, want %q", trad, key, g.Evidence, assess.ToTraditional(w.ev))
			}
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	long := strings.Repeat(answerExample, 2000/len([]rune(answerExample))+1)
	long = string([]rune(long)[:2000])
	for _, bc := range []struct{ name, text string }{{"answer-example", answerExample}, {"2000-chars", long}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				assess.Extract(bc.text)
			}
		})
	}
}
