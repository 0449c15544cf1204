package assess_test

import (
	"slices"
	"testing"

	"rongcuo/assess"
)

// The negation and scope bugs the judgment issue names, and the language
// machinery that fixes them for every cue, not per phrase.
func TestNegationAndScope(t *testing.T) {
	tests := []statusCase{
		// a favourable pattern no longer hides its own negator from the others
		{"negator inside another predicate", "文件并没有明确禁止这样做", assess.ExplicitBan, assess.Favourable},
		{"negator inside another predicate, 未", "上级文件未明确禁止", assess.ExplicitBan, assess.Favourable},
		// pseudo-negation decided by what follows: 没什么 + a noun negates it
		{"没什么 negates a rule", "当时没什么规定不准这么干", assess.ExplicitBan, assess.Favourable},
		{"没想到 does not negate", "没想到会造成这么大的损失", assess.Consequence, assess.Unfavourable},
		// double negation
		{"不是没有 affirms", "不是没有收好处，是收了一点", assess.PrivateGain, assess.Unfavourable},
		// scope ended by 就 and 但
		{"scope ends at 就", "没有请示就直接开工了，后来补报了", assess.Procedure, assess.Unfavourable},
		// a negated verb of finding reaches through the teller it takes as object
		{"没发现我谋私", "初核结论是没发现我谋私", assess.PrivateGain, assess.Favourable},
		{"未查出我收钱", "核查后未查出我收了钱", assess.PrivateGain, assess.Favourable},
		{"scope ends at 但", "没有先例可循，但经过班子会研究", assess.Procedure, assess.Favourable},
		// 会 in a body's name is no obligation word
		{"管委会集体研究", "管委会集体研究后决定先签协议", assess.Procedure, assess.Favourable},
		{"居委会研究", "居委会开会研究同意的", assess.Procedure, assess.Favourable},
		{"村委会集体研究", "村委会集体研究过", assess.Procedure, assess.Favourable},
		{"X务会讨论", "科务会讨论后又报分管局长签了字", assess.Procedure, assess.Favourable},
		{"党委会上", "镇党委会上研究定了先预拨", assess.Procedure, assess.Favourable},
		// conditions, questions, other people's claims and plans assert nothing
		{"a condition", "如果收了好处肯定不能容错", assess.PrivateGain, assess.Unknown},
		{"a question", "收受购物卡算不算违规？", assess.PrivateGain, assess.Unknown},
		{"someone else's claim", "纪委说我收了他两千块", assess.PrivateGain, assess.Unknown},
		{"a claim admitted", "纪委说我给堂弟家多算了面积。这个我认了。", assess.PrivateGain, assess.Unfavourable},
		{"an admission of something else", "有人举报说我收了他两千块。评上是事实。", assess.PrivateGain, assess.Unknown},
		{"planned, not done", "让开发商先交房再补办竣工验收", assess.Remedy, assess.Unknown},
		// quoted statute text asserts nothing
		{"quoted statute", "“上级明令禁止后依然我行我素”指的是什么情况", assess.ExplicitBan, assess.Unknown},
		// a number keeps its classifier: 两个|人, not 两|个人
		{"a number with its classifier", "结果塌了，死了两个人", assess.Consequence, assess.Unfavourable},
		// A-not-A is a question whatever the verb
		{"A-not-A", "这属不属于违反明令禁止", assess.ExplicitBan, assess.Unknown},
	}
	checkStatuses(t, tests)
}

// Statements about one fact that disagree leave it unknown and ask; a
// specific admission is not undone by a general denial; a refusal after an
// offer replaces it.
func TestConflictsAndFacets(t *testing.T) {
	conflict := assess.Extract("我收了他的红包。后来我又说，红包我没收。")
	if f := conflict[assess.PrivateGain]; f.Status != assess.Unknown || !f.Conflict {
		t.Errorf("a fact said both ways: %+v, want unknown and a conflict", f)
	}
	a := assess.Assess(conflict)
	if a.Verdict != assess.NeedsMoreFacts || len(a.FollowUps) == 0 || a.FollowUps[0].Key != assess.PrivateGain {
		t.Errorf("a conflict on private gain: %s %v, want needs_more_facts asking about it first", a.Verdict, a.FollowUps)
	}
	specific := assess.Extract("我一分钱好处没拿，就是过节收了两张购物卡。")
	if specific[assess.PrivateGain].Status != assess.Unfavourable {
		t.Errorf("a specific admission after a general denial: %+v", specific[assess.PrivateGain])
	}
	refused := assess.Extract("老板塞了个红包给我，我当场退回了。")
	if refused[assess.PrivateGain].Status != assess.Favourable {
		t.Errorf("an offer refused on the spot: %+v", refused[assess.PrivateGain])
	}
	partial := assess.Extract("企业送的两万块我后来退了一半。")
	if partial[assess.PrivateGain].Status != assess.Unfavourable {
		t.Errorf("half returned is half kept: %+v", partial[assess.PrivateGain])
	}
}

// Negative-list vocabulary said plainly, by the parties, through relatives
// by marriage, and across clauses.
func TestNegativeListVocabulary(t *testing.T) {
	tests := []struct {
		text string
		key  string
	}{
		{"老板塞了个红包给我，我也没推。", assess.PrivateGain},
		{"过年的时候企业送了两张卡。", assess.PrivateGain},
		{"工程给了我小舅子的施工队。", assess.PrivateGain},
		{"那批材料是从我连襟开的厂进的。", assess.PrivateGain},
		{"督查组两次书面提醒，我觉得这是镇政府的事，就没管。", assess.Inaction},
		{"防汛期间取消休假，我那几天回老家了。", assess.Inaction},
		{"去年因为同样的事被县纪委谈话提醒了。今年又同意了一家。", assess.Repeat},
		{"县里下了文，说一律不准搞。我们还是搞了。", assess.ExplicitBan},
		{"县里要求未经验收的工程一律不得投用。", assess.ExplicitBan},
		{"消防下过整改通知，我觉得不要紧，一直没清。", assess.Inaction},
		{"企业反映的问题我拖了大半年没办。", assess.Inaction},
		{"我爸是乡长，拆迁补偿时给我舅家多算了一百多平。", assess.PrivateGain},
		{"会议记录是后来补的，当时其实没开会。", assess.Concealment},
		{"厂子老板是个讲义气的人，投产那年把他公司5%的干股挂在我一个朋友名下。", assess.PrivateGain},
		{"企业负责人来找了我七八回，副局长也批示过让我尽快办。我怕出事担责，就一直压着没受理。", assess.Inaction},
		{"群众反映过好几次护栏坏了，我一直说没钱没修。", assess.Inaction},
		{"上级督查两次通报溢洪道里有杂物要清，我想着离汛期还早就没马上弄。", assess.Inaction},
		{"会上定了中标单位，散会后我自己改成了我同学的公司。", assess.PrivateGain},
		{"有几组数据不太好看，学生帮我稍微调了调。", assess.Concealment},
		{"上个月一例手术后病人死亡。考虑到影响，当时没有按规定报县卫健局。", assess.Concealment},
		{"我侄子考公务员，面试前我跟面试组的一个熟人打了个招呼，别的啥也没干。", assess.PrivateGain},
		{"有位领导打招呼要照顾一个考生，我让面试组把他的分打高了。", assess.Concealment},
		{"帮开发商快点批了，他事后给了个红包和两盒茶叶。", assess.PrivateGain},
		{"医药代表按用量给科室返点，我们拿来发了加班费。", assess.PrivateGain},
		{"后来审计要来，办公室做了一份党组会纪要，大家都补签了名。", assess.Concealment},
		{"我是安监站长，检查走了个过场，后来仓库爆炸死了三个人。", assess.Inaction},
		{"防火检查每次都去了，就是走个形式，后来山火烧死了两个人。", assess.Inaction},
		{"公司采购时标底我提前透给他了。", assess.PrivateGain},
		{"走访率达不到，就在系统里补录了一批其实没去的记录。", assess.Concealment},
		{"库房漏水档案霉了，我怕挨批没上报，让人悄悄清理掉了。", assess.Concealment},
		{"有个服刑人员家属是搞工程的，请我们几个吃过几顿饭。", assess.EightRules},
		{"为了保住税收大户，我们对一家化工厂偷排的事一直没处理。", assess.Inaction},
		{"我让会计把走访记录补上了，签名是代签的。", assess.Concealment},
		{"值班那天中午和同事喝了两杯。", assess.EightRules},
		{"年底以培训费的名目给职工每人发了两千。", assess.EightRules},
		{"差旅费是以会务费名义报销的。", assess.EightRules},
		{"年底把专项经费的结余当作绩效奖发给了科室职工。", assess.EightRules},
		{"开标前我把别家的报价透给了一个老朋友。", assess.PrivateGain},
		{"食堂承包的老板是我亲家。", assess.PrivateGain},
		{"出差三天，机票住宿都是他订的。", assess.EightRules},
		{"企业给我留了点股份，去年底分红分了一次。", assess.PrivateGain},
		{"巡察问起来我说开过会，其实没开。", assess.Concealment},
		{"谈完合同对方请去唱歌，单是他们买的。", assess.EightRules},
		{"签名是照着以前的签字描的。", assess.Concealment},
		{"检查前把没做的随访记录都补齐了。", assess.Concealment},
		{"人手不够，就把上周的人数往上加一点报了。", assess.Concealment},
		{"我把局里的笔记本电脑借给我外甥用了半年。", assess.PrivateGain},
		{"为了完成任务，把引资额报大了一倍。", assess.Concealment},
		{"人不够数，我把没到的委员的名字也签上了。", assess.Concealment},
		{"女儿出嫁那天用了单位的商务车当婚车。", assess.EightRules},
		{"为了赶进度，我们对没签协议的几户强行拆除了。", assess.Procedure},
		{"施工队缺人手，我把我侄子推荐给了项目经理。", assess.PrivateGain},
		{"报上去的产量比实际高了三成。", assess.Concealment},
		{"课题经费我拿去带家人出去旅游了。", assess.PrivateGain},
		{"设备坏了，就让人把污水走雨水管排了。", assess.Procedure},
		{"那家供应商给科里打了款。", assess.PrivateGain},
		{"我们觉得这事不全是我的活，就一直拖着。", assess.Inaction},
		{"规定每天要去水库巡一趟，我连着十天没去。", assess.Inaction},
		{"几次接受老板安排的晚饭。", assess.EightRules},
		{"漏了的事我叮嘱村干部别往乡里说。", assess.Concealment},
		{"我交代手下不要说出去。", assess.Concealment},
		{"那家公司后来把我女儿聘为法律顾问。", assess.PrivateGain},
		{"没入户的几家也录成已走访。", assess.Concealment},
		{"去外地考察那三天，吃住行全部由供应商安排。", assess.EightRules},
		{"评贫困户时我侄子家也在里面，我在会上帮他说了好话。", assess.PrivateGain},
		{"为了冲业绩，把下季度的销售额提前记到了这个季度。", assess.Concealment},
		{"检查时收了老板两包烟。", assess.PrivateGain},
		{"每次暗访前我都提前给店主打个电话。", assess.PrivateGain},
		{"那几天我没来，让同事替我打卡。", assess.Concealment},
		{"收上来的钱是我们几个人平分了。", assess.PrivateGain},
		{"联系不上的那几户的补偿款先放我这，后来花掉了。", assess.PrivateGain},
		{"为了排名好看，让人往监测点位上喷水。", assess.Concealment},
		{"那个开发商是我老同学，他经常请我喝酒。", assess.EightRules},
		{"防汛值班期间我私自回家了。", assess.Inaction},
		{"登记表上写着我在岗，人其实回家了。", assess.Inaction},
		{"汛期镇里要求取消休假，我还是回县城住了两天。", assess.Inaction},
		{"上会的时候我没提供货商是我小舅子开的。", assess.Concealment},
		{"我堂弟家并不困难，我还是帮他把申请报上去了。", assess.PrivateGain},
		{"检查前把台账也改了。", assess.Concealment},
		{"开发商给我女儿在他们公司安排了一个岗位。", assess.PrivateGain},
		{"几家企业的钱转进来又转出去，资金空转，收入就达标了。", assess.Concealment},
		{"我让会计把这笔支出记成了办公费。", assess.Concealment},
		{"把没完工的两个项目也报成了完工。", assess.Concealment},
		{"我跟评标的专家打过招呼，后来我战友的公司中了标。", assess.PrivateGain},
		{"供货的价格比市场高，多出来的那部分他返给了我。", assess.PrivateGain},
		{"开发商按内部价把一套房子卖给了我。", assess.PrivateGain},
		{"单位有个人一年多没来上班，工资照发，是我点头的。", assess.PrivateGain},
		{"我给一家公司做顾问，拿了人家的顾问费。", assess.PrivateGain},
		{"事先得知要修地铁，就让我弟弟抢购了沿线的门面。", assess.PrivateGain},
		{"给办案的警察打了个电话，让他对我表弟通融一下。", assess.PrivateGain},
		{"单位的春节家庭旅游费用都拿到单位报销了。", assess.EightRules},
		{"迎检那天从邻村借了几十只羊充数。", assess.Concealment},
		{"几个人用公款去旅游了。", assess.EightRules},
		{"单位的保洁外包给了我表妹的公司。", assess.PrivateGain},
		{"过年的时候老板上门表示心意，我也没拒绝。", assess.PrivateGain},
		{"暗访之前我事先告诉了那家酒店的老板。", assess.PrivateGain},
		{"开标前我把底价透露给了一家投标的公司。", assess.PrivateGain},
		{"低保名单上我们多报了三十户。", assess.Concealment},
		{"结余的钱给机关干部发了过节费。", assess.EightRules},
		{"去年老板请我们去海南玩了几天。", assess.PrivateGain},
		{"那天晚上镇里联系不上我，我手机关机了。", assess.Inaction},
		{"那顿饭最后是老板买的单。", assess.EightRules},
		{"看在老同学的情面上，我把他的材料先批了。", assess.PrivateGain},
		{"评标的时候我跟专家提了一句，让多照顾那家。", assess.PrivateGain},
		{"三户条件不够的被我报成了低保户，有一户是我姑姑家。", assess.Concealment},
		{"三户不符合条件的也批了低保，有一户是我姑姑家。", assess.PrivateGain},
		{"我跟评委说了情才中的标。", assess.PrivateGain},
		{"揀咗我細佬開嘅公司做工程。", assess.PrivateGain},
	}
	for _, tt := range tests {
		f := assess.Extract(tt.text)
		if f[tt.key].Status != assess.Unfavourable {
			t.Errorf("%q: %s = %+v, want unfavourable", tt.text, tt.key, f[tt.key])
		}
	}
}

// The lexicon is data: every row names its source, every word list is used,
// and the segmentation keeps body names whole.
func TestLexiconIsData(t *testing.T) {
	rows := assess.Rows()
	if len(rows) < 150 {
		t.Fatalf("%d frames", len(rows))
	}
	for _, r := range rows {
		if r.Source == "" || r.Source == "-" {
			t.Errorf("data/frames.tsv:%d: %q has no source", r.Line, r.Frame)
		}
	}
	for _, w := range assess.Words() {
		if w.Source == "" || w.Source == "-" && w.List != "dict" && !slices.Contains([]string{"word", "neg", "ask", "askq", "hypo", "report", "hedge", "modal", "break", "weak", "coord", "admit", "correct", "tell", "postneg"}, w.List) {
			t.Errorf("word %q (%s) has no source", w.Text, w.List)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"经管委会集体研究", "管委会"},
		{"居委会研究", "居委会"},
		{"死了两个人", "两个"},
	} {
		if !slices.Contains(assess.Segment(tc.in), tc.want) {
			t.Errorf("Segment(%q) = %v, want the word %q", tc.in, assess.Segment(tc.in), tc.want)
		}
	}
}

// A classification offered for confirmation (算…吧) is asked, not asserted;
// a mask frame hides the look-alike predicates inside a construction that
// means something else; homophones of the domain's words are mended.
func TestAskedClassificationsMasksAndHomophones(t *testing.T) {
	tests := []statusCase{
		{"算…吧 is asked", "这个应该算集体研究吧", assess.Procedure, assess.Unknown},
		{"属于…吧 is asked", "这属于临机处置吧", assess.Conditions, assess.Unknown},
		{"a plain statement with 吧 elsewhere", "班子会集体研究决定的", assess.Procedure, assess.Favourable},
		{"paid out of an account", "村里开会定了，从村账上拿了两万把路灯修好了", assess.PrivateGain, assess.Favourable},
		{"money taken from a person", "我从老板那里拿了三千块", assess.PrivateGain, assess.Unfavourable},
		{"an invoice reissued", "发现抬头错了，让对方重新开了发票", assess.Concealment, assess.Unknown},
		{"a false invoice", "找人弄了假发票去报销", assess.Concealment, assess.Unfavourable},
		{"a homophone of 诫勉", "前年被戒免谈话过，这次又出了同样的问题", assess.Repeat, assess.Unfavourable},
		// the words of a decision taken properly, of an emergency, of a slip
		// and of money returned, said plainly
		{"a villagers' representatives' meeting voted", "村两委和村民代表会表决通过的", assess.Procedure, assess.Favourable},
		{"approved by the body named", "这个项目是县发改局审批过的", assess.Procedure, assess.Favourable},
		{"a blizzard with people stranded", "暴雪把国道封了，几百人被困在路上", assess.Conditions, assess.Favourable},
		{"reported in writing the next day", "第二天一早就书面报给了局党组", assess.Procedure, assess.Favourable},
		{"talked it over with the superior", "我跟分管领导碰头商量后先干的", assess.Procedure, assess.Favourable},
		{"an input slip", "把两个人的账号输反了", assess.Nature, assess.Favourable},
		{"money sent back", "多打的钱已经退回", assess.Remedy, assess.Favourable},
		{"the paperwork done afterwards", "合同是后补的", assess.Remedy, assess.Favourable},
		// the negative list said plainly: leisure the parties paid for, a
		// relative's costs on public funds, seized goods taken home, a post
		// given to a relative, a hazard reported and no order to stop,
		// figures pushed up, reports put off until it happened
		{"golf the parties paid for", "跟几个老板去钓鱼，船钱是老板付的", assess.EightRules, assess.Unfavourable},
		{"a relative's ticket on project funds", "项目经费里报销了我儿子的火车票", assess.PrivateGain, assess.Unfavourable},
		{"seized goods taken home", "查扣的那台电脑我拿回家给孩子用了", assess.PrivateGain, assess.Unfavourable},
		{"a post given to a relative", "护林员的名额我让我侄子顶上了", assess.PrivateGain, assess.Unfavourable},
		{"a hazard reported, no order to stop", "有人反映那个作坊有隐患，我去看过后没让他们停", assess.Inaction, assess.Unfavourable},
		{"figures pushed up", "为了过考核把几个村的产值往上调了一些", assess.Concealment, assess.Unfavourable},
		{"reported, then put off", "群众反映过好几次，我一直说等资金到了再弄", assess.Inaction, assess.Unfavourable},
		{"waiting for approval is no delay", "我一直在等上级批复再开工", assess.Inaction, assess.Unknown},
		{"a drink of water on duty", "值班的时候喝了两口水", assess.EightRules, assess.Unknown},
		// what others gave back, others did, or a superior said afterwards
		{"a subsidy partly returned by the firm", "按协议企业要退回扶持资金，已经退了一半", assess.PrivateGain, assess.Unknown},
		{"households that over-reported", "审计查出有两户虚报了面积", assess.Concealment, assess.Unknown},
		{"a ban said after the act", "后来县里说钱不能这么用", assess.ExplicitBan, assess.Unknown},
		{"a ban before the act", "县里早就发文说不能这么用", assess.ExplicitBan, assess.Unfavourable},
		{"a ban later, then defied", "后来上面下文不准搞了，我们没停", assess.ExplicitBan, assess.Unfavourable},
		{"public money lent to a friend", "把村里的钱借给朋友的公司周转了两个月", assess.PrivateGain, assess.Unfavourable},
		{"bought from a relative", "修路的水泥是从我表哥那进的", assess.PrivateGain, assess.Unfavourable},
		// records written afterwards, what was known and not reported,
		// orders to move people not given, work going on before a check,
		// drink on duty, jobs for relatives, seized goods taken, money
		// paid out for nothing
		{"a log written afterwards", "检查前让村里补写了巡查日志", assess.Concealment, assess.Unfavourable},
		{"known and not reported", "我知道他从外地回来 想着都是熟人就没报", assess.Concealment, assess.Unfavourable},
		{"reported or not, asked", "报没报上去我得查查", assess.Concealment, assess.Unknown},
		{"people not moved after the notice", "接到转移通知后 我觉得没事 就没组织群众转移", assess.Inaction, assess.Unfavourable},
		{"work before the check", "监理说基坑还没验收 施工队先干着 我也没拦", assess.Procedure, assess.Unfavourable},
		{"a drink in the duty room", "值班那晚在值班室整了点小酒", assess.EightRules, assess.Unfavourable},
		{"a relative given a job", "把我外甥安排进了环卫所", assess.PrivateGain, assess.Unfavourable},
		{"seized goods taken", "罚没的几条烟我拿回去抽了", assess.PrivateGain, assess.Unfavourable},
		{"money paid out for nothing", "把没花完的经费先打给供应商 实际没买东西", assess.Concealment, assess.Unfavourable},
		// 要 before a verb is a plan or an obligation, and a negator before
		// it stays with its own verb; 非要 insists
		{"a negator does not reach past 要", "现在上面说砍树没审批要处理", assess.Inaction, assess.Unknown},
		{"要 is a plan", "下个月要把台账补齐", assess.Remedy, assess.Unknown},
		{"非要 insists", "老板非要留我们吃饭，我们也没推", assess.EightRules, assess.Unfavourable},
		// a sudden illness or a levee overflowing is an emergency; patrols
		// again and again, a report to the office in charge, a phone call
		// to the superior and a slip corrected count for the cadre
		{"a sudden illness", "老人半夜突发心梗，我没等批就开车送医院了", assess.Conditions, assess.Favourable},
		{"a levee overflowing", "半夜河堤漫水了，我叫了挖机先堵上", assess.Conditions, assess.Favourable},
		{"patrols again and again", "我们巡查了好多次，也报过水利站", assess.Procedure, assess.Favourable},
		{"a phone call to the superior", "天亮后给镇长打电话说了情况", assess.Procedure, assess.Favourable},
		{"a slip corrected", "发现后马上改过来了", assess.Remedy, assess.Favourable},
		// put right at once, money got back, dividends paid to the poor
		{"put right at once", "发现后我马上让对方重新出了结算单", assess.Remedy, assess.Favourable},
		{"money got back", "多付的钱后来全部追了回来", assess.Remedy, assess.Favourable},
		{"dividends paid to beneficiaries", "合作社每年给脱贫户分红", assess.PrivateGain, assess.Unknown},
		// a relative clause's negator stays in it; a court ruling not
		// awaited; checks skipped then use allowed; allowances without a
		// policy; records deleted; misconduct known and let happen; gifts
		// put in the car and kept
		{"a relative clause's negator", "把还没验收的路段按已完工报了上去", assess.Concealment, assess.Unfavourable},
		{"没有 still reaches", "当时没有明确的规定禁止这样做", assess.ExplicitBan, assess.Favourable},
		{"a court ruling not awaited", "没等法院的执行裁定就组织拆了", assess.ExplicitBan, assess.Unfavourable},
		{"a check skipped, use allowed", "没做消防检测，我就同意先投用了", assess.Procedure, assess.Unfavourable},
		{"no time for the check in an emergency is no dereliction", "疫情紧急，来不及做风险评估，指挥部同意先用上了", assess.Inaction, assess.Unknown},
		{"an allowance without a policy", "上面没政策，我们自定了标准，每人每月发五百补贴", assess.EightRules, assess.Unfavourable},
		{"records deleted", "被举报后我把跟老板的聊天记录删了", assess.Concealment, assess.Unfavourable},
		{"known and let happen", "我知道他们在账上做手脚，但没拦", assess.Inaction, assess.Unfavourable},
		{"a gift put in the car and kept", "老板往我车里放了两条烟，到现在还在家里放着", assess.PrivateGain, assess.Unfavourable},
		{"told twice, then left alone", "我跟厂长说了两次，他没改，我也没再管", assess.Inaction, assess.Unfavourable},
		{"dates changed", "我让会计把几笔支出改了日期", assess.Concealment, assess.Unfavourable},
		{"the parties paid, for what is asked", "房子在我表哥名下，但钱是开发商出的", assess.PrivateGain, assess.Unknown},
		{"the parties paid for the house", "房款是开发商出的", assess.PrivateGain, assess.Unfavourable},
		{"the money went to a relative: asked, not asserted", "补贴款都是我爸领的", assess.PrivateGain, assess.Unknown},
		{"a subsidy claimed all the same", "地早就没种了，还是照样报了补贴", assess.Concealment, assess.Unfavourable},
		{"a fish kill alone: how serious is asked", "下游河里出现了死鱼", assess.MajorAccident, assess.Unknown},
		{"dragged on and not done", "整改拖了一年多没完成", assess.Inaction, assess.Unfavourable},
		{"food poisoning named", "食堂出了食物中毒，十几个学生住院", assess.MajorAccident, assess.Unknown},
		// public money paid out to keep a promise; a disliked procedure not
		// followed; a crowd counted in thousands is no money; an omission is
		// a slip; notices by letter then nothing done
		{"public money paid out", "党委研究先拿乡里结余的钱兑现了补贴", assess.PrivateGain, assess.Favourable},
		{"a disliked procedure", "我嫌集体研究太慢，自己拍板定了", assess.Procedure, assess.Unfavourable},
		{"thousands of people are no money", "服务区滞留了几千人", assess.PrivateGain, assess.Unknown},
		{"an omission is a slip", "普查时漏报了两家企业", assess.Nature, assess.Favourable},
		{"notices by letter, nothing done", "县里三次发函让我们清理，我们一直没动", assess.Inaction, assess.Unfavourable},
		{"a check not awaited, then use", "没等消防验收就让新楼投用了", assess.Procedure, assess.Unfavourable},
		{"golf the investor paid for", "陪客商打了两场高尔夫，球费人家付的", assess.EightRules, assess.Unfavourable},
		{"data changed", "我让学生改了几组实验数据", assess.Concealment, assess.Unfavourable},
		{"reported as what it was not", "把意向协议算成签约项目报上去了", assess.Concealment, assess.Unfavourable},
		{"a relative's house on the list", "我老婆娘家在村里，危房补助我给她家报了一户", assess.PrivateGain, assess.Unfavourable},
		{"a relative's crew did the work", "这段路是我小舅子的施工队干的", assess.PrivateGain, assess.Unfavourable},
		{"a loss said to be large", "设备不合格，损失不小", assess.Consequence, assess.Unfavourable},
		{"in the news is no repayment", "堵门的事还上了新闻", assess.Remedy, assess.Unknown},
		{"funds not arrived are no one's inaction", "县里的资金一直没到位", assess.Inaction, assess.Unknown},
		{"most of it got back", "多发的已经追回大半", assess.Remedy, assess.Favourable},
		{"the loss made up", "让供应商补了一批耗材抵损失", assess.Remedy, assess.Favourable},
		{"reported afterwards", "后来报了局党组", assess.Procedure, assess.Favourable},
		{"a warning of flooding is an emergency", "煤矿透水预警，我当即下令停产撤人", assess.Conditions, assess.Favourable},
		{"records entered afterwards", "发现后马上补录了", assess.Remedy, assess.Favourable},
		{"others' families are no relatives", "发现后停发了，家属也把钱退回来了", assess.PrivateGain, assess.Unknown},
		{"goods destroyed are no evidence destroyed", "一批药被误判不合格销毁了", assess.Concealment, assess.Unknown},
		{"a village that did not move its people", "接到预警后通知了各村，有个村没转移出来", assess.Inaction, assess.Unknown},
		{"a reform plan followed", "我们按市里的告知承诺制改革先发了证", assess.Procedure, assess.Favourable},
		{"withdrawn at once", "发现后我们马上撤了证", assess.Remedy, assess.Favourable},
		{"every step taken", "招标、验收、检测一样不落", assess.Procedure, assess.Favourable},
		{"records all there", "实验记录每一季都有", assess.Procedure, assess.Favourable},
		{"no precedent", "这事全省都没先例", assess.Conditions, assess.Favourable},
		{"quotes compared and a legal review", "供应商是比价选的，合同也过了法审", assess.Procedure, assess.Favourable},
		// a party's wish is no plan, and what it asked for is the cadre's act
		{"a party's wish, done", "按老板的要求给他家多算了两户的面积", assess.PrivateGain, assess.Unfavourable},
		{"a party's wish is no plan", "按老板的意思先开了工", assess.Procedure, assess.Unknown},
		{"a plan named further on", "按县里去年定的试点方案先干了", assess.Procedure, assess.Favourable},
		{"没事 is no negator", "安全员两次提醒我塔吊有问题，我觉得没事没停工", assess.Inaction, assess.Unfavourable},
		{"notes turned into invoices", "我让财务把几张白条换成了正规发票", assess.Concealment, assess.Unfavourable},
		{"a relative's bid and no recusal", "我表哥的公司中了局里的标，评标时我是评委，没回避", assess.PrivateGain, assess.Unfavourable},
		{"signed as checked without checking", "验收我根本没去，直接在验收单上签了合格", assess.Inaction, assess.Unfavourable},
		{"a relative put on a list", "低保名单我把我弟弟加进去了", assess.PrivateGain, assess.Unfavourable},
		{"two tables and spirits on public money", "检查组来了，安排吃了两桌，上了两瓶白酒，钱走的经费", assess.EightRules, assess.Unfavourable},
		{"a unit's donated car on the school run", "企业给我们单位捐了一辆车，我开着送孩子上下学", assess.EightRules, assess.Unfavourable},
		{"waiting out an inspection", "我通知企业先停几天，等督察走了再开", assess.Concealment, assess.Unfavourable},
		{"a chemical leak is an emergency", "半夜化工厂泄漏，我带人先疏散了群众", assess.Conditions, assess.Favourable},
		{"relatives put on the relief list", "我把几个不符合条件的亲戚也报进了低保", assess.PrivateGain, assess.Unfavourable},
		{"cards with a businessman", "跟企业老板约着打了几次牌，输赢几千块", assess.EightRules, assess.Unfavourable},
		{"diverted money paid as bonuses", "项目资金被我挪去给单位发了奖金", assess.EightRules, assess.Unfavourable},
		{"public money moved in an emergency is asked about", "防汛紧急，党委研究把修路的专款先挪去买了沙袋", assess.PrivateGain, assess.Unknown},
		// what the cadre asks or cannot remember is not asserted
		{"asked and not remembered", "当时党组会到底有没有正式研究我也记不清了", assess.Procedure, assess.Unknown},
		{"an alternative question", "是班子会定的还是主任一个人拍板的，现在各说各的", assess.Procedure, assess.Unknown},
		{"还是 as still", "我还是按班子会定的方案办的", assess.Procedure, assess.Favourable},
		{"drink on duty by the measure", "值班那天中午，喝了二两白的", assess.EightRules, assess.Unfavourable},
	}
	checkStatuses(t, tests)
	if got := assess.MendTypos("被戒免谈话"); got != "被诫勉谈话" {
		t.Errorf("MendTypos = %q", got)
	}
}

// A question that tries a name on what was told (这算数据造假吗) raises
// nothing new; whether a text was a ban still is an open fact.
func TestNamingQuestionsRaiseNothing(t *testing.T) {
	f := assess.Extract("报表把吨和公斤填反了，发现后马上改过来了，这算数据造假吗")
	if c := f[assess.Concealment]; c.Raised || c.Status == assess.Unfavourable {
		t.Errorf("a naming question raised concealment: %+v", c)
	}
	ban := assess.Extract("县里有个会议纪要说原则上不再新批，这个纪要算不算明令禁止？")
	if b := ban[assess.ExplicitBan]; !b.Raised && b.Status != assess.Unfavourable {
		t.Errorf("whether a minute was a ban is open: %+v", b)
	}
}

// An inquiry alleges nothing; a ban said after the act is a judgment of it;
// a ban learned of afterwards is older than the act and stays open.
func TestInquiriesAndLaterBans(t *testing.T) {
	if f := assess.Extract("纪检组约我谈话，问我有没有失职")[assess.Inaction]; f.Raised || f.Status == assess.Unfavourable {
		t.Errorf("an inquiry raised inaction: %+v", f)
	}
	if f := assess.Extract("乡里开会定的先垫钱修路，后来县里说钱不能这么用")[assess.ExplicitBan]; f.Raised || f.Status == assess.Unfavourable {
		t.Errorf("a judgment after the act was read as a ban: %+v", f)
	}
	if f := assess.Extract("后来听说市里发过通知不让这么办，我们当时没看到")[assess.ExplicitBan]; !f.Raised && f.Status != assess.Unfavourable {
		t.Errorf("a ban learned of later is open: %+v", f)
	}
}

// Others' acts, passives, a verb of its own after the negator and a hedge
// inside a predicate assert nothing against the cadre.
func TestOthersPassivesAndHedgedBans(t *testing.T) {
	notAgainstTheCadre(t, []textKey{
		{"那笔救灾款被挪作他用了", assess.PrivateGain},
		{"没等审批就先让施工队把管道维修了", assess.Inaction},
		{"县里有个文件好像说过不准这么干", assess.ExplicitBan},
		{"验收单上我的名字是别人代签的", assess.Concealment},
		{"有人投诉后工地晚上一直没停", assess.Inaction},
	})
	if f := assess.Extract("我把那笔专款挪作他用了")[assess.PrivateGain]; f.Status != assess.Unfavourable && !f.Raised {
		t.Errorf("the cadre's own misuse: %+v", f)
	}
}

// What others say against the cadre's account of the decision makes it a
// conflict: the answer asks instead of crediting the meeting.
func TestDisputedDecisions(t *testing.T) {
	for _, text := range []string{
		"我记得开过班子会，可办公室主任说没开过",
		"局长当时口头同意的，现在领导不认了",
		"说是党委会研究过，但会议记录翻遍了都找不到",
		"我是按会议精神办的，但会议纪要现在找不到了",
		"项目是集体研究的，但别的班子成员说当时没同意",
	} {
		f := assess.Extract(text)[assess.Procedure]
		if f.Status == assess.Favourable {
			t.Errorf("%q: a disputed decision credited: %+v", text, f)
		}
	}
	if f := assess.Extract("班子会集体研究过，会议记录也在")[assess.Procedure]; f.Status != assess.Favourable {
		t.Errorf("an undisputed decision: %+v", f)
	}
}

// A public car on a private errand is the cadre's when the cadre drove it,
// a subordinate's when a subordinate did; the unit as the subject is the
// cadre's side, its member is not.
func TestWhoseAct(t *testing.T) {
	if f := assess.Extract("周末我开单位的车回老家办了点私事")[assess.EightRules]; f.Status != assess.Unfavourable {
		t.Errorf("the cadre's own errand in the public car: %+v", f)
	}
	if f := assess.Extract("我们局一个科员把执法车私自开回家用了几次")[assess.EightRules]; f.Status == assess.Unfavourable {
		t.Errorf("a subordinate's errand read as the cadre's: %+v", f)
	}
	if f := assess.Extract("我们村把几户的收入往上调了一点")[assess.Concealment]; f.Status != assess.Unfavourable {
		t.Errorf("the village's own doing: %+v", f)
	}
	if f := assess.Extract("我上个月检查时下了整改通知书，矿上还没整改完就出事了")[assess.Procedure]; f.Status == assess.Unfavourable {
		t.Errorf("a step the mine skipped read as the inspector's: %+v", f)
	}
	for _, s := range []string{"工地没验收就先用了，后来出了事故", "手续还没审批就先开工了"} {
		if f := assess.Extract(s)[assess.Procedure]; f.Status != assess.Unfavourable {
			t.Errorf("%s: a place or a paper as the topic made the skipped step someone else's: %+v", s, f)
		}
	}
	if f := assess.Extract("为了拿奖补资金，把完成率往上报了两个点")[assess.Concealment]; f.Status != assess.Unfavourable {
		t.Errorf("a figure reported higher by two points: %+v", f)
	}
}

// Guards against the worst defect: tolerable stories that share words with
// the negative list are not read as negative facts.
func TestTolerableLookAlikesOfNegativeFacts(t *testing.T) {
	notAgainstTheCadre(t, []textKey{
		{"村民反映过好几次 我们一直在争取资金 等资金到了再修", assess.Inaction},
		{"去年村里修水渠，钱是村民自筹加村集体出的，账都公示了", assess.PrivateGain},
		{"垫付时没按规定先报镇三资办审批，事后补了手续", assess.Concealment},
		{"学校留守儿童多，中午没人管饭，行政会商量后先办了午餐托管", assess.Inaction},
		{"用了半年厂家破产了，维保没人管，坏了三个月才修好", assess.Inaction},
		{"系统出错给几户群众多算了补贴", assess.PrivateGain},
		{"报表数据填错了 发现后马上改了数据", assess.Concealment},
		{"政策调整后我们还是按原来的标准报了补贴", assess.Concealment},
		{"疫情紧急，来不及做风险评估，指挥部同意先用上了", assess.Inaction},
		{"值完班我就回家了，第二天一早又来了", assess.Inaction},
		{"房东一直拖着不整改，我们就先断了电", assess.Inaction},
		{"镇党委书记在外地开会联系不上，我当场定了转移", assess.Inaction},
		{"村集体拿30万入股了合作社", assess.PrivateGain},
		{"我表妹不符合条件，我没给她报上去", assess.PrivateGain},
		{"我兼任村会计，工资由镇里统一发", assess.PrivateGain},
		{"县旅游局报了一个乡村旅游项目，局党组研究同意", assess.EightRules},
		{"拆迁补偿多算了两户，是我算错了", assess.Concealment},
		{"给困难群众发了救灾补贴", assess.EightRules},
		{"企业出钱把村里的路修好了", assess.PrivateGain},
		{"车主一直联系不上，我们就贴了告知单", assess.Inaction},
		{"为了预防食物中毒，食堂换了检测办法", assess.MajorAccident},
		{"企业给我们单位送了一面锦旗", assess.PrivateGain},
		{"项目第二次上党委会才通过", assess.Repeat},
		{"发现格式出错后全部重新采集更正了，错数一条也没有上报", assess.Concealment},
		{"村里再次召开村民代表大会表决", assess.Repeat},
		{"我们开展了整治违规吃喝的专项行动", assess.EightRules},
		{"按市里的公车改革方案拍卖了旧车", assess.EightRules},
		{"值班结束后回家休息了", assess.Inaction},
		{"以镇政府的名义发了通知，让各村报数", assess.EightRules},
	})
	if f := assess.Extract("验收那天其实他根本没去现场")[assess.EightRules]; f.Status != "" {
		t.Errorf("not going to a site is no invitation declined: %+v", f)
	}
	for _, text := range []string{"我召开专题会议定了先抽签再施工的办法", "评审全过程有公证"} {
		if f := assess.Extract(text)[assess.Procedure]; f.Status != assess.Favourable {
			t.Errorf("%q: a meeting the cadre chaired, or supervision throughout, is procedure: %+v", text, f)
		}
	}
	if f := assess.Extract("班子是集体研究过的，可会议记录上没有这一项")[assess.Procedure]; !f.Conflict {
		t.Errorf("a decision the minutes do not show is in question: %+v", f)
	}
	if f := assess.Extract("外包公司把一批用户信息泄露了")[assess.Conditions]; f.Status == assess.Favourable {
		t.Errorf("a data leak is no emergency: %+v", f)
	}
	if f := assess.Extract("课题结题了，学院批没批我不记得，好像没有")[assess.Conditions]; f.Status == assess.Favourable {
		t.Errorf("a bare 没有 after research is no failed experiment: %+v", f)
	}
	if a := assess.Assess(assess.Extract("我是医院的医生，手术后病人抢救无效去世了，医院要处分我")); a.Verdict == assess.LikelyTolerable {
		t.Errorf("a death with nothing said of the care is not tolerable on its face: %+v", a.Verdict)
	}
	for _, text := range []string{"商户送来一箱水果，我让他拿回去了", "老板塞来一个信封，我第二天就退回去了"} {
		if f := assess.Extract(text)[assess.PrivateGain]; f.Status != assess.Favourable {
			t.Errorf("%q: a gift sent back replaces the offer: %+v", text, f)
		}
	}
	if f := assess.Extract("事后那个老板给我留了一个车位")[assess.PrivateGain]; !f.Raised && f.Status != assess.Unfavourable {
		t.Errorf("something passed from a party to the cadre is at least asked about: %+v", f)
	}
	// Asked on someone else's behalf, his acts are the case's own; asked
	// about oneself, his are someone else's.
	if f := assess.Extract("隐患通知下来以后，他一直没整改，我们就先断了电")[assess.Inaction]; f.Status == assess.Unfavourable {
		t.Errorf("someone else's inaction is not the teller's: %+v", f)
	}
	if f := assess.Extract("有家化工厂夜里把废水偷偷排进了河里，我们第二天就报告了环保局")[assess.MajorAccident]; f.Status == assess.Unfavourable || !f.Raised {
		t.Errorf("pollution a company caused is asked about, not the cadre's dereliction: %+v", f)
	}
	if f := assess.Extract("我是打电话请示过书记的，书记现在说没印象了")[assess.Procedure]; !f.Conflict {
		t.Errorf("an approval the superior does not remember is in question: %+v", f)
	}
	// A clause that only says the teller is not sure leaves the one before
	// it open; a doubt in it stays.
	if f := assess.Extract("向县里报告是第二天还是第三天，我实在记不清了")[assess.Concealment]; f.Status == assess.Favourable {
		t.Errorf("a report the teller is not sure of is not asserted: %+v", f)
	}
	if a := assess.Assess(assess.Extract("班子会上大家都不同意，我还是拍板干了，结果亏了三百万")); a.Verdict != assess.NotTolerable {
		t.Errorf("a meeting overruled and a loss is a decision taken alone: %s", a.Verdict)
	}
	// A message that opens with a condition on the cadre's own act and asks
	// about it is that case; a condition on what others say is not.
	if f := assess.Extract("如果纪委认定我拿了好处费，能容错吗")[assess.PrivateGain]; f.Status == assess.Unfavourable {
		t.Errorf("a condition on someone else's finding asserts nothing: %+v", f)
	}
	if f := assess.Extract("逢年过节随礼都是礼尚往来")[assess.PrivateGain]; !f.Raised {
		t.Errorf("gifts passed off as custom are asked about: %+v", f)
	}
	if f := assess.Extract("卡是我秘书收下的，我后来才知道")[assess.PrivateGain]; !f.Raised {
		t.Errorf("a gift the cadre's staff took is asked about, not asserted: %+v", f)
	}
	if f := assess.Extract("补贴都是我爸领的，我是村会计")[assess.PrivateGain]; !f.Raised {
		t.Errorf("money a relative received is asked about: %+v", f)
	}
	if f := assess.Extract("纪委话我们发奖没依据，其实是按县里文件发的")[assess.EightRules]; f.Status == assess.Unfavourable {
		t.Errorf("someone else's claim across clauses read as a fact: %+v", f)
	}
	checkStatuses(t, []statusCase{
		{"an invitation declined in the next clause replaces the offer", "老板请我们吃饭，我们没去", assess.EightRules, assess.Favourable},
		{"an allegation found untrue", "有人说我吃了回扣，经组织核查，举报不属实", assess.PrivateGain, assess.Favourable},
		{"an allegation checked and cleared", "有人举报我拿了回扣，纪委核实后，没有发现问题", assess.PrivateGain, assess.Favourable},
		{"the one asked about is the one whose inaction it is", "帮我们站长问问：隐患通知下来以后，他一直没整改", assess.Inaction, assess.Unfavourable},
		{"a date forgotten leaves the meeting standing", "党委会研究过，具体哪天我记不清了", assess.Procedure, assess.Favourable},
		{"a recusal answers a relative's business told before it", "中标的是我姐夫的公司，评标时我申请了回避，全程没参与", assess.PrivateGain, assess.Favourable},
		{"a hypothetical case asked about is the case", "假如我拿了施工方的好处费，工程是集体研究的，能容错吗", assess.PrivateGain, assess.Unfavourable},
		{"a complaint is someone else's claim, not a fact against the approval", "经分管领导批准先做了，事后有人投诉说未经同意", assess.Procedure, assess.Favourable},
		{"an admission (确实如此) states what was raised", "有人举报我收过老板的购物卡，确实如此", assess.PrivateGain, assess.Unfavourable},
		{"an admission with the verb (确实收了) states what was raised", "巡察说我收了老板的卡，确实收了，三张", assess.PrivateGain, assess.Unfavourable},
		{"an allowance paid by a document's standard", "审计说我们违规发了补贴，其实是按照市里文件的标准发的", assess.EightRules, assess.Favourable},
		{"an allowance paid with no policy behind it", "班子会研究给全体干部发了防暑降温费，每人两千，上面没有这个政策", assess.EightRules, assess.Unfavourable},
		{"data changed to pass a check", "为了过检查让学生改了几组实验数据", assess.Concealment, assess.Unfavourable},
		{"more given to a party", "按老板的要求给他家多算了面积", assess.PrivateGain, assess.Unfavourable},
	})
}

// statusCase is one reading: the text, the criterion and its status.
type statusCase struct {
	name string
	text string
	key  string
	want assess.Status
}

// checkStatuses extracts each text and compares the criterion's status
// (an empty status reads as unknown).
// A custom told with 都会 is a fact, not a modal; money a party hands the
// cadre and a record made up to report are negative facts.
func TestHabitsMoneyFromPartiesAndMadeUpReports(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"habitual", "逢年过节企业都会表示一下，一般是购物卡", assess.PrivateGain, assess.Unfavourable},
		{"habitual", "每年中秋供应商总会送几盒月饼到我家", assess.PrivateGain, assess.Unfavourable},
		{"future stays open", "如果企业送购物卡会怎么样", assess.PrivateGain, assess.Unknown},
		{"party's money", "一个商户每月给我两千块，我对他占道经营睁一只眼闭一只眼", assess.PrivateGain, assess.Unfavourable},
		{"cadre's own money", "我给商户两千块押金", assess.PrivateGain, assess.Unknown},
		{"made up", "为了完成招商任务，我们编了几个签约项目报上去", assess.Concealment, assess.Unfavourable},
		{"held back for the cadres", "我们村每年都从惠民资金里扣一点当村干部的误工补贴", assess.PrivateGain, assess.Unfavourable},
		{"offer refused at once", "老板是想送我购物卡，我当场就拒绝了", assess.PrivateGain, assess.Favourable},
		{"denial with the object left out", "他们举报我收了钱，其实我没收", assess.PrivateGain, assess.Favourable},
		{"first to try", "当时文件也没规定，我们是全省第一个试的，失败了", assess.Motive, assess.Favourable},
	})
	for _, s := range []string{"逢年过节企业都会表示一下，一般是购物卡，我也没当回事，这能算容错吗",
		"为了完成招商任务，我们编了几个签约项目报上去，其实企业根本没来，这算不算工作失误可以容错"} {
		if v := assess.Assess(assess.Extract(s)).Verdict; v != assess.NotTolerable {
			t.Errorf("%q: %s, want not_tolerable", s, v)
		}
	}
}

// Words that only look like negative facts, and harm after a skipped check.
func TestLookAlikesAndHarmAfterASkippedCheck(t *testing.T) {
	notAgainstTheCadre(t, []textKey{
		{"项目失败清算，只回收了300万", assess.PrivateGain},
		{"县上通报了我们乡，我又没拿哪个一分钱", assess.Repeat},
		{"上家伪造了仓单骗了我，损失1200万", assess.Concealment},
		{"上游伪造了提单，货款被骗走了", assess.Concealment},
		{"经理办公会审议过，也核了仓单，但没去现场盘库", assess.Inaction},
		{"一个车祸重伤的病人送来，没家属没钱，我签字先抢救", assess.MajorAccident},
	})
	checkStatuses(t, []statusCase{
		{"rhetorical 又", "我又没拿哪个一分钱，咋个就要通报嘛", assess.PrivateGain, assess.Favourable},
		{"a standard issued", "图纸是县上统一下发的，结果化粪池渗了", assess.Procedure, assess.Favourable},
		{"put right", "后头乡里出钱返工都弄好了", assess.Remedy, assess.Favourable},
		{"a check skipped", "没去现场验收就签了字", assess.Procedure, assess.Unfavourable},
		{"death told subject first", "没做荷载验收就先放行，结果桥塌了，司机死了", assess.MajorAccident, assess.Unfavourable},
	})
	s := "为了赶在国庆前通车，指挥部开会决定在一座小桥没做荷载验收的情况下先放行，结果桥塌了，司机死了，能容错吗"
	if v := assess.Assess(assess.Extract(s)).Verdict; v != assess.NotTolerable {
		t.Errorf("%q: %s, want not_tolerable (a death after a skipped check, whoever decided it)", s, v)
	}
	for _, s := range []string{"抗洪抢险时情况紧急，来不及做安全评估就组织群众转移，途中有一位老人滑倒去世了",
		"因为疫情影响工期延误，没做验收就先通车了，结果桥塌了，司机死了"} {
		if v := assess.Assess(assess.Extract(s)).Verdict; v == assess.NotTolerable {
			t.Errorf("%q: %s, a death under conditions stated is not by itself a skipped check", s, v)
		}
	}
}

// Complaints and audit findings ignored, a relative let into a job, a
// clean-up ordered of the very practice, and a loss not recovered.
func TestIgnoredNoticesRelativesAndCleanUps(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"complaints ignored", "居民投诉了好多次我们都置之不理", assess.Inaction, assess.Unfavourable},
		{"audit finding ignored", "审计指出合同到期要重新招标，让我们整改，我觉得没必要，就一直没动", assess.Inaction, assess.Unfavourable},
		{"put right at once", "审计指出问题让我们整改，我们当月就整改到位了", assess.Inaction, assess.Unknown},
		{"relative put on the list", "我小姨家条件其实还行，但是她求我，我就给她报上去了", assess.PrivateGain, assess.Unfavourable},
		{"relative let in", "我侄女刚毕业，我就让她进来了，没走公开招聘", assess.PrivateGain, assess.Unfavourable},
		{"clean-up ordered", "当时市里已经发文清理违规招商优惠，我们还是签了返还协议", assess.ExplicitBan, assess.Unfavourable},
		{"not recovered", "付了500万预付款，对方跑了，钱到现在收不回来", assess.Consequence, assess.Unfavourable},
	})
	s := "我是国企董事长，看中一个项目很划算，来不及上董事会，我自己拍板付了2000万，后来项目出了问题，钱到现在收不回来"
	if v := assess.Assess(assess.Extract(s)).Verdict; v != assess.NotTolerable {
		t.Errorf("%q: %s, want not_tolerable (a decision taken alone with a loss; no time for the board is no emergency)", s, v)
	}
}

// A supplier a friend brought in is asked about; a meeting as the occasion
// of spending decides nothing; what the cadre only believed is not known.
func TestFriendsOccasionsAndBeliefs(t *testing.T) {
	for _, tt := range []textKey{
		{"当时时间紧，供货商是老同学介绍的，价格高了两成", assess.PrivateGain},
	} {
		if f := assess.Extract(tt.text)[tt.key]; !f.Raised || f.Status == assess.Unfavourable {
			t.Errorf("%q: %s = %+v, want raised (asked, not presumed either way)", tt.text, tt.key, f)
		}
	}
	checkStatuses(t, []statusCase{
		{"occasion", "账上少了几千块，我记得是开会的时候花了", assess.Procedure, assess.Unknown},
		{"belief", "我们自认为是批了的，只是批文是另一个局的", assess.Procedure, assess.Unknown},
		{"a meeting still decides", "这件事开会研究过，大家都同意", assess.Procedure, assess.Favourable},
		{"a meeting as a time", "项目出了问题，局里开会的时候我不在", assess.Procedure, assess.Unknown},
		{"report found untrue", "有人说我收了红包，纪委调查后认定举报不实", assess.EightRules, assess.Favourable},
		{"marked done", "让几个社区把没办完的事项在系统里先点了已办结", assess.Concealment, assess.Unfavourable},
	})
}

// Approvals sent up, requirements on every unit, checks done, inaccurate
// counts and records of deaths.
func TestApprovalsRequirementsAndRecords(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"sent up", "春游按文件报批过，也上了保险", assess.Procedure, assess.Favourable},
		{"every unit", "当时是市里要求每个街道都要建的", assess.Procedure, assess.Favourable},
		{"checks done", "我们入户调查过，也公示了", assess.Procedure, assess.Favourable},
	})
	notAgainstTheCadre(t, []textKey{
		{"如果当时不先把人转移出来，后果不堪设想", assess.Inaction},
		{"审计说我们人数统计不准", assess.ExplicitBan},
		{"数据库里有一批死亡人员信息没更新，多发了补贴", assess.MajorAccident},
	})
}

// Perks for the leaders, a renovation discount from the builder, applicants
// sent away to wait; a donation to the village and the trade union are not
// what they look like.
func TestPerksDiscountsAndDonations(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"perks", "春节前用工会经费给班子成员每人发了两千块慰问金", assess.EightRules, assess.Unfavourable},
		{"discount", "其间，施工单位为表示感谢，在本人住房装修时提供了材料和人工优惠，折合约5万元", assess.PrivateGain, assess.Unfavourable},
		{"sent away", "企业来找过我好几次，我就让他们再等等，前后拖了大半年", assess.Inaction, assess.Unfavourable},
	})
	notAgainstTheCadre(t, []textKey{
		{"企业给我们村捐了十万块修路，钱是打到村集体账户的", assess.PrivateGain},
		{"企业给我们村捐了十万块修路，钱是打到村集体账户的", assess.EightRules},
	})
}

// Customs told with a frequency, presents brought across clauses, premium
// liquor on public money, meals with the inspected, figures inflated.
func TestCustomsBanquetsAndInflatedFigures(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"custom", "每年中秋几个老板会来我家坐坐，带点月饼和几张购物卡", assess.PrivateGain, assess.Unfavourable},
		{"premium liquor", "国庆前单位用公款请兄弟单位的人吃饭，上了两瓶五粮液", assess.EightRules, assess.Unfavourable},
		{"meal with the inspected", "下去检查的时候跟商户吃个饭也正常", assess.EightRules, assess.Unfavourable},
		{"inflated", "为了过验收，我们把几户的收入算高了一点", assess.Concealment, assess.Unfavourable},
		{"multiple", "我们把协议投资额在报表里写成了实际的三倍", assess.Concealment, assess.Unfavourable},
		{"relative's contract", "单位食堂是局长的表弟在承包", assess.PrivateGain, assess.Unfavourable},
		{"minutes made up", "后来审计要会议纪要，办公室就补了一份，写成了班子集体研究", assess.Concealment, assess.Unfavourable},
		{"what the record says", "后来审计要会议纪要，办公室就补了一份，写成了班子集体研究", assess.Procedure, assess.Unknown},
		{"data made to look better", "有两组数据不理想，我让学生优化了一下", assess.Concealment, assess.Unfavourable},
		{"claims in another's name", "有几万块劳务费是用学生名字报的，其实给组里买了设备", assess.Concealment, assess.Unfavourable},
		{"a relative's household reported", "分指标的时候我把我大哥家报上去了，他家不算危房", assess.PrivateGain, assess.Unfavourable},
		{"tender terms tailored", "我帮朋友的公司在招标文件里设置了几个门槛，其他公司都进不来", assess.PrivateGain, assess.Unfavourable},
		{"claims in a relative's name", "用我爸的名义报了几个低保名额，其实钱都是我领的", assess.Concealment, assess.Unfavourable},
		{"others say alone", "现在书记说当时是我个人拍板垫资的，我说是党委会上定的", assess.Procedure, assess.Unknown},
		{"the record holds less", "党委会研究过，但会议记录上只写了原则同意", assess.Procedure, assess.Unknown},
		{"diligence papers lost", "投决会开了，但尽调报告现在找不到了", assess.Procedure, assess.Unknown},
		{"water supply stopped", "下游河里死鱼一大片，自来水厂停了两天取水", assess.MajorAccident, assess.Unfavourable},
	})
	for _, tt := range []textKey{
		{"给了三个月整改期，结果整改期里河里死了一批鱼，环保部门还在监测", assess.MajorAccident},
	} {
		if f := assess.Extract(tt.text)[tt.key]; !f.Raised {
			t.Errorf("%q: %s = %+v, want raised (a fish kill alone: how serious is asked)", tt.text, tt.key, f)
		}
	}
	notAgainstTheCadre(t, []textKey{
		{"有人说我给那家公司打了招呼，我没有，后来他们中标了", assess.PrivateGain},
		{"仓库着火了，烧了一批救灾物资", assess.Conditions},
	})
	notAgainstTheCadre(t, []textKey{
		{"明年如果企业会来送礼，我一定拒绝", assess.PrivateGain},
	})
}

func checkStatuses(t *testing.T, tests []statusCase) {
	t.Helper()
	for _, tt := range tests {
		f := assess.Extract(tt.text)
		got := f[tt.key].Status
		if got == "" {
			got = assess.Unknown
		}
		if got != tt.want {
			t.Errorf("%s: %q: %s = %s, want %s (%+v)", tt.name, tt.text, tt.key, got, tt.want, f[tt.key])
		}
	}
}

// textKey is a text and the criterion a check is about.
type textKey struct{ text, key string }

// notAgainstTheCadre extracts each text and fails when its criterion reads
// against the cadre.
func notAgainstTheCadre(t *testing.T, tests []textKey) {
	t.Helper()
	for _, tt := range tests {
		if f := assess.Extract(tt.text)[tt.key]; f.Status == assess.Unfavourable {
			t.Errorf("%q: %s read against the cadre: %+v", tt.text, tt.key, f)
		}
	}
}

// A ban the cadre names is defied only when the cadre acted after it and
// against it: a ban issued later, an act outside it or an act the cadre says
// they did not do leaves the criterion favourable; what the ban forbids is
// not read as the cadre's act; a ban defied in so many words stays.
func TestBansThatDidNotReachTheAct(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"issued later", "我们签约是八月，县里的禁止通知是九月下旬才印发的", assess.ExplicitBan, assess.Favourable},
		{"act before the ban", "市里禁止这种补贴，不过我们是在文件出台前就发完了", assess.ExplicitBan, assess.Favourable},
		{"kept", "我们严格执行了禁令，只是数据录错了", assess.ExplicitBan, assess.Favourable},
		{"outside it", "省里禁止的是新建，我们是改造，不在禁止范围内", assess.ExplicitBan, assess.Favourable},
		{"act denied", "上面严禁私设小金库，我们没有设，钱都在账上", assess.ExplicitBan, assess.Favourable},
		{"act denied, two runes", "市里禁止给企业返还土地出让金，我们没有返还", assess.ExplicitBan, assess.Favourable},
		{"what it forbids is not the cadre's act", "上面严禁私设小金库，我们没有设，钱都在账上", assess.Concealment, assess.Unknown},
		{"named and not denied", "县里发过文件严禁在基本农田上建房，我们村盖了两间仓库", assess.ExplicitBan, assess.Unfavourable},
		{"defied in so many words", "县里严禁汛期施工，我们为了赶进度还是施工了", assess.ExplicitBan, assess.Unfavourable},
		{"the act holds a negator", "文件严禁未批先建，我们没有批就建了", assess.ExplicitBan, assess.Unfavourable},
		{"someone else's denial", "文件严禁私设小金库，他说他们没有设", assess.ExplicitBan, assess.Unfavourable},
		{"kept, said back", "市里明确不让承诺税收返还，我们局里严格按这个来的", assess.ExplicitBan, assess.Favourable},
		{"stopped when it came", "县里四月发文件不准先建后批，我们三月就开工了，文件一到我们就停了", assess.ExplicitBan, assess.Favourable},
	})
}

// Negators placed after what they deny, and words that only contain one.
func TestNegatorsAfterTheObject(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a closing 没有", "我个人一分钱回扣没有", assess.PrivateGain, assess.Favourable},
		{"a closing 没有 in a question", "你们收了回扣没有？", assess.PrivateGain, assess.Unknown},
		{"another predicate's 没 before the teller", "工程款全部还回来了一分没少我自己一分好处没拿", assess.PrivateGain, assess.Favourable},
		{"double negation kept", "并非一分好处没拿", assess.PrivateGain, assess.Unfavourable},
		{"A-not-A waives", "我不管什么规定不规定，先干了再说", assess.ExplicitBan, assess.Unknown},
		{"A-not-A asks", "他收没收好处我不知道", assess.PrivateGain, assess.Unknown},
		{"别 inside 分别", "当天下午我就向县林业局和乡政府分别写了报告", assess.Concealment, assess.Unknown},
		{"an invoice reissued", "审计查出来以后他主动找施工方重开了发票", assess.Concealment, assess.Unknown},
		{"an invoice made up", "找了几张发票把钱报了", assess.Concealment, assess.Unfavourable},
	})
}

// Readings the question sets written after the ban work showed missing, one
// row per construction: who acts in a 把 phrase, how a harm is graded, steps
// skipped or only asked about, claims and hearsay, what the parties gave,
// records made up, and the classifier, potential complements and negators
// that only look like predicates.
func TestReadingsOfPartiesRecordsAndSteps(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"firms inside a 把 phrase are the object", "我们局开会商量后，把几家企业的产值数往上调了一些", assess.Concealment, assess.Unfavourable},
		{"firms as the subject", "几家企业自己把产值数往上调了一些", assess.Concealment, assess.Unknown},
		{"income counted up", "我们镇把几户的收入多算了一些报上去了", assess.Concealment, assess.Unfavourable},
		{"a graded harm is no emergency", "没验收我就同意他们先排了，环保部门定性为重大突发环境事件", assess.Conditions, assess.Unknown},
		{"an emergency that forced the act", "突发山洪，来不及上会我就同意先调了物资", assess.Conditions, assess.Favourable},
		{"a check skipped with 没", "桥没验收完就口头同意先放行", assess.Procedure, assess.Unfavourable},
		{"hearsay of a gift", "听说供应商给了我那个朋友一点介绍费，具体有没有我也不知道", assess.PrivateGain, assess.Unknown},
		{"a party's gift told plainly", "供应商给了我一点介绍费", assess.PrivateGain, assess.Unfavourable},
		{"an inspector's label", "巡察说我们资金拨付进度慢，是不作为", assess.Inaction, assess.Unknown},
		{"ban timing in question", "上级是发过禁令，但项目是在禁令下来之前动工还是之后动工现在说不清了", assess.ExplicitBan, assess.Unknown},
		{"a ban in principle", "县里通知说原则上不允许先建后批，我们还是先建了", assess.ExplicitBan, assess.Unknown},
		{"a ban defied", "县里通知说不允许先建后批，我们还是先建了", assess.ExplicitBan, assess.Unfavourable},
		{"a ban in principle, not defied in words", "县里通知说原则上不允许先建后批，党委会定的先建", assess.ExplicitBan, assess.Unknown},
		{"no recusal with no relative told", "我是评标监督，我当时也没申请回避", assess.PrivateGain, assess.Unknown},
		{"no recusal, a relative uncertain", "中标的老板我不太确定是不是我爱人那边的远房亲戚，我当时也没申请回避", assess.PrivateGain, assess.Unknown},
		{"no recusal, a relative told", "中标的是我表弟的公司，我当时也没申请回避", assess.PrivateGain, assess.Unfavourable},
		{"得 as a complement", "那家公司价格便宜干得也快", assess.PrivateGain, assess.Unknown},
		{"帐 for 账", "两委商量后先从村集体帐上拿了4万垫给民工过年", assess.PrivateGain, assess.Favourable},
		{"a filing skipped is no concealment", "就是没跟街道三资办报备", assess.Concealment, assess.Unknown},
		{"a danger kept from the township", "河堤冒浑水，我就没往镇里报", assess.Concealment, assess.Unfavourable},
		{"warned before, and this time", "去年也出过差不多的事，当时县纪委找我谈过话。这次也是为了留住企业", assess.Repeat, assess.Unfavourable},
		{"a talk about this matter", "纪委找我谈过话了，这次的事能容错吗", assess.Repeat, assess.Unknown},
		{"a rule and what it requires", "按公司制度预付超过100万要上总经理办公会", assess.Procedure, assess.Unknown},
		{"a superior's requirement authorises", "当时是县里要求每个镇都要建的", assess.Procedure, assess.Favourable},
		{"a price below the market is no market change", "按每亩200块租给了一个人，比周边行情低一半", assess.Conditions, assess.Unknown},
		{"the record book empty", "镇长说是党委会研究过的，党委会记录本上那几天是空的", assess.Procedure, assess.Unknown},
		{"someone says no meeting was held", "镇长说研究过，书记说根本没开过会", assess.Procedure, assess.Unknown},
		{"the one who got the lease, claimed a relative", "村里有人说承包的是他亲侄子", assess.PrivateGain, assess.Unknown},
		{"the one who got the lease, a relative", "承包的是我亲侄子", assess.PrivateGain, assess.Unfavourable},
		{"the cadre cannot recall the step", "台风那几天临时买了一批发电机，有没有请示过县里我记不清了", assess.Procedure, assess.Unknown},
		{"a rescue that failed is a death, asked", "有个老人家摔下去，人没抢救过来", assess.MajorAccident, assess.Unknown},
		{"a failed rescue is no lack of emergency", "情况紧急，病人最后没抢救过来", assess.Conditions, assess.Favourable},
		{"a meal paid from public funds", "检查组来了，在酒店安排了一桌，上了几瓶酒，从项目经费里走的账", assess.EightRules, assess.Unfavourable},
		{"leisure the parties paid for", "对接完企业安排大家去山庄吃了顿饭泡了个温泉，钱都是企业那边结的", assess.EightRules, assess.Unfavourable},
		{"project money a firm put up", "项目的钱是企业出的，我们负责协调", assess.EightRules, assess.Unknown},
		{"ordered to stop, went on", "通报里明确要求停工整改，我们白天停晚上干，又干了两个月", assess.ExplicitBan, assess.Unfavourable},
		{"a firm's own pause", "企业停工了一阵，但最后还是按期投产了", assess.ExplicitBan, assess.Unknown},
		{"fees from a party", "他们每个月给我打三千块劳务费", assess.PrivateGain, assess.Unfavourable},
		{"several people decided together", "我们开了审议会，几个人一块儿定的", assess.Procedure, assess.Favourable},
		{"几个人 is not 个人", "几个人一起定的", assess.Procedure, assess.Favourable},
		{"one person decided", "是我一个人定的", assess.Procedure, assess.Unfavourable},
		{"crowds counted with 个", "几百个村民把镇政府围了两天", assess.MajorAccident, assess.Unknown},
		{"an invoice reissued is a remedy", "审计一指出来，第二天我就让施工方重新开了票", assess.Remedy, assess.Favourable},
		{"a rule broken in a rescue is asked", "路口出了车祸，伤员好几个，我让公务车先拉人去医院。按公车管理规定公车不能这么用", assess.ExplicitBan, assess.Unknown},
		{"a ban defied in an emergency", "汛期县里严禁离岗，暴雨那天我还是回家了", assess.ExplicitBan, assess.Unfavourable},
		{"a season ahead is a deadline", "汛期前要赶着通车，没等竣工验收就放行了", assess.Conditions, assess.Unknown},
		{"a disaster ahead is an emergency", "台风来前几个小时，来不及开会", assess.Conditions, assess.Favourable},
		{"有点 counts shares", "后来我家一个亲戚名下在那企业里有点股份，分过几回红", assess.PrivateGain, assess.Unfavourable},
		{"有点 softens", "查得有点走过场", assess.Inaction, assess.Unknown},
		{"a plan from above", "市里的防汛排涝方案要求月底前把泵站建好，手续来唔切，就先开工了", assess.Procedure, assess.Favourable},
		{"meals with a party", "采购期间跟供应商吃了几顿饭", assess.EightRules, assess.Unfavourable},
		{"meals with colleagues", "加完班跟同事吃了顿饭", assess.EightRules, assess.Unknown},
		{"a meal from public money", "验收完用村集体的钱请乡里同志吃了顿饭", assess.EightRules, assess.Unfavourable},
		{"a card loaded for the cadre", "出纳把结余的几千块钱给我充了张加油卡", assess.PrivateGain, assess.Unfavourable},
		{"a relative on a list approved", "低保名单里有我妈，我知道她不太符合条件，还是签字审核通过了", assess.PrivateGain, assess.Unfavourable},
		{"a loss kept from the group", "被骗了货款以后，我事后也没往集团报告", assess.Concealment, assess.Unfavourable},
		{"consulting fees taken", "业余给一家公司做技术指导，每年拿点咨询费", assess.PrivateGain, assess.Unfavourable},
		{"consulting fees paid out", "按财务处的口径给外单位专家发了一笔咨询费", assess.PrivateGain, assess.Unknown},
		{"a report made before acting", "拆之前向街道党工委作了书面报告", assess.Procedure, assess.Favourable},
		{"an objection in writing", "县领导要求马上开工，我书面提过手续不全的意见他没改，我照办了", assess.Dissent, assess.Favourable},
		{"a contractor drawn by open lot", "施工队是从预选名单里公开抽签确定的", assess.Procedure, assess.Favourable},
		{"withdrawn at once", "发现以后我们立马撤回整改", assess.Remedy, assess.Favourable},
		{"a report the teller cannot vouch for", "事后有没有及时跟县里报告，我真记不清了", assess.Procedure, assess.Unknown},
		{"a report only asked about", "事后有没有及时跟县里报告？", assess.Procedure, assess.Unknown},
		{"报 inside 举报", "后来被群众举报了", assess.Procedure, assess.Unknown},
		{"报 inside 申报", "这家企业今年申报了我们局的补贴", assess.Procedure, assess.Unknown},
		{"a report in a word", "物资调完当天就报上去了", assess.Procedure, assess.Favourable},
		{"a ban claimed and never seen", "有人说县里早就发过文件不让先建后批，可我们谁都没见过那个文件", assess.ExplicitBan, assess.Unknown},
		{"a return the parties deny", "企业送来两盒茶叶，我让司机第二天送回去了，可企业那边的人说没收到退回的茶叶", assess.PrivateGain, assess.Unknown},
		{"a payment a contractor denies is no gift", "他说是付给了施工队，施工队说没收到", assess.PrivateGain, assess.Unknown},
		{"tables paid from operating funds", "年底在酒店包了五桌，用的是作业经费，处务会研究过的", assess.EightRules, assess.Unfavourable},
		{"a record of a meeting never held", "专家论证会其实没开成，我就让下面补了一份论证意见，找专家签了字", assess.Concealment, assess.Unfavourable},
		{"formalities completed later", "来不及办手续就先开工了，后来补办了手续", assess.Concealment, assess.Unknown},
		{"a record struck off a list", "我怕被追责，让人在移交清单上把那一盒划掉了", assess.Concealment, assess.Unfavourable},
		{"a job a party gave a relative", "后来那家厂子让我儿子去他们公司上班，工资还挺高", assess.PrivateGain, assess.Unfavourable},
		{"power used on a relative's file", "我姑姑的养老金资格认证过期了，我就用我的权限在后台把她改成已认证，补发了三个月", assess.PrivateGain, assess.Unfavourable},
		{"fees a party paid", "那家公司后来请我给他们客户做了两次讲座，讲课费一共给了六千", assess.PrivateGain, assess.Unfavourable},
		{"a gift named, then taken", "企业给的购物卡说是过节福利，我收了", assess.PrivateGain, assess.Unfavourable},
		{"a gift that could not be refused is taken", "老板过年给我娃塞了个厚红包，推不掉收了", assess.PrivateGain, assess.Unfavourable},
		{"a gift named, then refused", "企业给的购物卡说是过节福利，我没有收下", assess.PrivateGain, assess.Favourable},
		{"a record made to look like a meeting", "我让办公室把会议记录完善了一下，弄成集体研究过的样子", assess.Concealment, assess.Unfavourable},
		{"a renovation at a friend's price", "后来我们家装修，那个开发商介绍的装修队给了个友情价，打了对折", assess.PrivateGain, assess.Unfavourable},
		{"a meal the party arranged", "老板安排了几次工作餐，地方是个会所", assess.EightRules, assess.Unfavourable},
		{"a worker who died, asked", "没等安全防护到位就让工人上去了，结果一个工人摔下来没救过来", assess.MajorAccident, assess.Unfavourable},
		{"opened first, not checked", "我口头同意天桥先通行，没等验收，结果塌了一段，走了两个人", assess.MajorAccident, assess.Unfavourable},
		{"a negator does not cross a new subject", "土地指标还没下来我们党委会研究过了先签了", assess.Procedure, assess.Favourable},
		{"the teller right after the negator is negated", "没有我签字就拨了款", assess.Procedure, assess.Unknown},
		{"a unit's own meeting", "馆委会研究后就在政府采购目录里找了一家书商", assess.Procedure, assess.Favourable},
		{"rework required of the contractor", "我们要求施工方返工，费用全由施工方承担", assess.Remedy, assess.Favourable},
		{"a report by phone", "当天晚上就给书记和县农业局打了电话说情况", assess.Procedure, assess.Favourable},
		{"work recorded as done", "有几户我们实际没上门，就在表上填了已排查", assess.Concealment, assess.Unfavourable},
		{"a meeting with no record", "我记得是开过馆务会的，但那次会没有记录", assess.Procedure, assess.Unknown},
		{"people entered as examined who never came", "把没来体检的老人也录入了系统，显示已完成体检", assess.Concealment, assess.Unfavourable},
		{"the party's claim of a past gift", "企业说过年送过我一张卡，我印象里当场就退了，但找不到退的凭证", assess.PrivateGain, assess.Unknown},
		{"the party's offer in the story", "老板说这点心意你收下，塞了个红包给我，我收了", assess.PrivateGain, assess.Unfavourable},
		{"which came first cannot be told", "县里禁止那类用地的文件是三月份发的，我们签协议也是三月份，到底哪个在前我现在也说不清", assess.ExplicitBan, assess.Unknown},
		{"a ban no one can find", "所长说市里有文件禁止合并发放，可我翻遍了也没找到这个文件", assess.ExplicitBan, assess.Unknown},
		{"a negated saying leaves what was said", "决策会上我没提这家公司实际是我表哥控制的", assess.PrivateGain, assess.Unfavourable},
		{"no objection raised is no dissent", "我没有提出反对意见，项目是集体决定的", assess.Dissent, assess.Unfavourable},
		{"Cantonese 畀", "將工程直接交咗畀佢表哥間公司做，冇招標", assess.PrivateGain, assess.Unfavourable},
	})
	if f := assess.Extract("我们局分管副局长为了赶通车仪式，桥没验收完就口头同意先放行，结果护栏塌了，死了一个人，大家都想帮他申请容错")[assess.MajorAccident]; f.Status != assess.Unfavourable {
		t.Errorf("a death after a skipped check, asked for a colleague: %+v", f)
	}
}

// A step the cadre cannot say was taken is asked, even with an emergency.
func TestUncertainStepIsAsked(t *testing.T) {
	a := assess.Assess(assess.Extract("台风那几天为了保供电，临时从一个老板那里买了一批发电机，有没有请示过县里我记不清了"))
	if a.Verdict != assess.NeedsMoreFacts {
		t.Errorf("verdict %s, want needs_more_facts (%+v)", a.Verdict, a.Criteria)
	}
	// An approval remembered and then owned perhaps misremembered is open.
	checkStatuses(t, []statusCase{
		{"remembered, then perhaps wrong", "资金用到了别的项目上，我记得是县长口头同意的，也可能是我记错了", assess.Procedure, assess.Unknown},
		{"remembered", "资金用到了别的项目上，我记得是县长口头同意的", assess.Procedure, assess.Favourable},
	})
}

// Idioms and approximations that only look like operators: 过意不去 is no
// negator, 大概一半 approximates an amount and hedges nothing; a question
// asked elsewhere leaves a tie the cadre denies settled.
func TestPseudoOperators(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"an idiom, not a negator", "后来那个老板过意不去，给了我两万块钱", assess.PrivateGain, assess.Unfavourable},
		{"an amount approximated", "对方跑了，我们打官司追回了大概一半", assess.Remedy, assess.Favourable},
		{"a hedged recovery", "钱可能追回来了", assess.Remedy, assess.Unknown},
	})
	if f := assess.Extract("我有没有机会免责？我跟供应商没有任何私人关系。")[assess.PrivateGain]; f.Status == assess.Unknown {
		t.Errorf("a tie denied after an unrelated question: private gain %s (%q), want it not left open", f.Status, f.Evidence)
	}
}

// Harm told as what came afterwards (后来出了车祸) is the consequence, not an
// emergency that forced the act: it makes nothing tolerable.
func TestHarmAfterwardsIsNoEmergency(t *testing.T) {
	if f := assess.Extract("学校组织学生去研学，我选的旅行社，后来出了车祸一个学生受伤")[assess.Conditions]; f.Status == assess.Favourable {
		t.Errorf("conditions %s (%q), want no emergency", f.Status, f.Evidence)
	}
	if f := assess.Extract("后半夜突发山洪，我们来不及开会就组织转移")[assess.Conditions]; f.Status != assess.Favourable {
		t.Errorf("an emergency that forced the act: conditions %s, want favourable", f.Status)
	}
}

// A crowd counted with the classifier 个 is still a crowd (几百|个村民).
func TestCrowdCountedWithClassifier(t *testing.T) {
	if f := assess.Extract("为了推进旧改组织了强拆，几百个村民把镇政府围了两天，双方都有人受伤")[assess.MajorAccident]; !f.Raised && f.Status != assess.Unfavourable {
		t.Errorf("a crowd of several hundred is not raised: %+v", f)
	}
}

// A step the teller cannot vouch for makes an emergency story a question.
func TestUnvouchedReportIsAsked(t *testing.T) {
	for _, s := range []string{
		"山火那天我临时调了一辆车去运灭火物资，车被烧坏了。事后有没有及时跟县里报告，我真记不清了",
		"台风那几天临时买了一批发电机，记不清是报了还是没报",
	} {
		if a := assess.Assess(assess.Extract(s)); a.Verdict != assess.NeedsMoreFacts {
			t.Errorf("%s: verdict %s, want needs_more_facts", s, a.Verdict)
		}
	}
}

// A superior telling the cadre to sign is the cadre's own signature, not an
// approval of what was done; a superior who signed is.
func TestToldToSignIsNoApproval(t *testing.T) {
	if a := assess.Assess(assess.Extract("领导让我签字我就签了，现在出事了")); a.Verdict != assess.NeedsMoreFacts {
		t.Errorf("told to sign: verdict %s, want needs_more_facts", a.Verdict)
	}
	if f := assess.Extract("县长签了字，我们才开工的")[assess.Procedure]; f.Status != assess.Favourable {
		t.Errorf("a superior's signature is an approval: %+v", f)
	}
}

// A repeat is the same mistake again: what an earlier warning was for is no
// fact of the case told now, and a matter said to be different is no repeat;
// the same again after a warning still is one.
func TestRepeatNeedsTheSameMistake(t *testing.T) {
	checkVerdicts(t, []verdictCase{
		{"前年我因为开会迟到被批评过一次。今年这事完全不一样，是经局党组研究后先行先试的，出了偏差", assess.LikelyTolerable},
		{"前年我因为开会迟到被批评过一次。这次的事完全不一样，是经局党组研究后先行先试的", assess.NeedsMoreFacts},
		{"前年被提醒过程序不对，今年另一块地又照老办法先办了", assess.NotTolerable},
	})
}

// Accusations, corrections and words that only contain a predicate.
func TestAccusationsAndLookalikeWords(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a correction ends the claim", "被人举报违规审批 其实是县政府常务会定的方案", assess.Procedure, assess.Favourable},
		{"an accusation found untrue", "有人写信告我虚报数字，纪委核查结论是反映不实", assess.Concealment, assess.Favourable},
		{"an anonymous accusation is a claim", "被匿名举报收回扣，纪委查了三个月，查无实据", assess.PrivateGain, assess.Favourable},
		{"缉私 holds no 私分", "我是缉私分局的，扣押的货物因为停电坏了", assess.PrivateGain, assess.Unknown},
		{"虚报 is no report made", "我们虚报了产量", assess.Procedure, assess.Unknown},
		{"an A-not-A question names, it raises nothing", "冻品全坏了，我们当天就报告了，这会不会算我保管失职", assess.Inaction, assess.Unknown},
	})
}

// More words that only look like a reading, and a negator inside a word of
// duration.
func TestDurationNegatorsObjectionsAndContrasts(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a negator with its duration adverb", "提了整改意见，后来一直没去复查", assess.Procedure, assess.Unfavourable},
		{"suggestions to a site are no dissent", "那个工地我们去过两次，提过整改意见", assess.Dissent, assess.Unknown},
		{"an objection in writing", "所长让我按简易程序办，我书面提了意见，他坚持，我就执行了", assess.Dissent, assess.Favourable},
		{"the act told differs from what the ban forbids", "县里严禁乡镇新增隐性债务，我们修路用的是上级下达的专项债资金", assess.ExplicitBan, assess.Unknown},
		{"the act told is what the ban forbids", "县里严禁乡镇新增隐性债务，我们用的是新增的隐性债务", assess.ExplicitBan, assess.Unfavourable},
		{"funds not arrived are a state", "两百多户因为过渡费迟迟没到位，跑到镇政府门口", assess.Inaction, assess.Unknown},
		{"a delay of the cadre's own", "群众反映的问题我们迟迟没处理", assess.Inaction, assess.Unfavourable},
	})
	if a := assess.Assess(assess.Extract("安监站的。提了脚手架整改意见，后来一直没去复查。上个月脚手架塌了，死了一个工人")); a.Verdict != assess.NotTolerable {
		t.Errorf("a death after a check left undone: verdict %s, want not_tolerable", a.Verdict)
	}
}

// Defensive stories: the one bad fact said in passing is still read.
func TestBadFactSaidInPassing(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a suspension ordered, then carried on", "县卫健委发文，没有资质的卫生院一律暂停这类手术。我们院务会研究后决定继续做", assess.ExplicitBan, assess.Unfavourable},
		{"another misfortune is no repeat", "有一户孩子白血病，家里顶梁柱又出了车祸，我们集体研究后先给了临时救助", assess.Repeat, assess.Unknown},
		{"a mistake again is", "去年审计指出的问题今年又出了同样的问题", assess.Repeat, assess.Unfavourable},
		{"an order to stop, then left alone", "督查组通知过该厂必须停，企业说再给两天，我们就没再去管", assess.Inaction, assess.Unfavourable},
		{"rectification asked twice, left undone", "市场监管所来检查过两次，都要求把后厨的排水沟整改，经费一直没批，就一直放着没改", assess.Inaction, assess.Unfavourable},
		{"data made to fit a trend", "有两个试验点的数据不理想，我把那两组数据按其他点的趋势做了修正", assess.Concealment, assess.Unfavourable},
		{"a loss parked out of the accounts", "当年的亏损我们先在往来款里挂着，没有在年报里体现", assess.Concealment, assess.Unfavourable},
		{"a loss disclosed", "当年的亏损已经在年报里如实披露了", assess.Concealment, assess.Unknown},
		{"a check skipped", "流程都走了，就是有一份报关单没核对原件", assess.Procedure, assess.Unknown},
		{"a label asked for is not told", "我这种属于勤勉尽责吧？", assess.Procedure, assess.Unknown},
	})
	if f := assess.Extract("指挥部研究后拆了几处空置房，结果引发聚集，前后有三四百人堵了主干道一整天")[assess.MajorAccident]; !f.Raised {
		t.Errorf("a crowd of three or four hundred is not raised: %+v", f)
	}
}

// More of the bad fact said in passing, and what only looks like it.
func TestBadFactSaidInPassingMore(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a feared accusation is no claim", "我们自己处理了，也怕被说管护不到位，这事就没往上报", assess.Concealment, assess.Unfavourable},
		{"an accuser's account of a meal is a claim", "有人举报说企业请我们吃了饭", assess.EightRules, assess.Unknown},
		{"what the cadre had others do", "我让施工方把检测数据改成了合格", assess.Concealment, assess.Unfavourable},
		{"a hazard kept operating", "查出超量储存，给了一个月整改期，让他们边卖边整改", assess.Inaction, assess.Unfavourable},
		{"a meal stood by a party, attended", "当事人家属非要请我们吃顿饭，我带着几个同事去了，喝了点酒", assess.EightRules, assess.Unfavourable},
		{"a meal offered, refused", "当事人家属非要请我们吃顿饭，我们没去", assess.EightRules, assess.Favourable},
		{"a sample taken again until it passes", "检测有一项超标，我让他们重新取样，取到合格了再上报", assess.Concealment, assess.Unfavourable},
		{"rectification dragged out", "督查反馈让我们整改护栏，我们想着过了雨季再弄，拖了四个多月", assess.Inaction, assess.Unfavourable},
		{"a rescue decided collectively, the patient then gone", "科室集体讨论后先救治后缴费，结果人走了欠费八万多", assess.MajorAccident, assess.Unknown},
	})
	checkVerdicts(t, []verdictCase{
		{"镇党委会研究过，为赶工期没等验收就让群众进去了，后来一场暴雨墙塌了，有两个人没救过来", assess.NotTolerable},
		{"仓库超量储存，我们让企业边卖边整改，结果仓库爆炸，三个工人没了", assess.NotTolerable},
		{"我同意两家企业往河里直排了两天，结果下游死了不少鱼", assess.NotTolerable},
	})
}

// Records made false, pay for those who do not come, a car lent, and a ban
// whose subject is who it binds.
func TestRecordsPayCarsAndBans(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"full attendance signed for absentees", "有两个人常年在外打工不来，我照样给签满勤，工资照发", assess.Concealment, assess.Unfavourable},
		{"pay for absentees", "有两个人常年在外打工不来，工资照发", assess.PrivateGain, assess.Unfavourable},
		{"certified knowing it was false", "领导让我在验收单上签字，我知道那工程其实还没完工，我就签了", assess.Concealment, assess.Unfavourable},
		{"an official car lent to a brother", "单位有辆闲置的公务车，我借给我哥用了两个月", assess.EightRules, assess.Unfavourable},
		{"a record written afterwards for visits not made", "好几户的走访记录是我后面补的，其实没去那么多次", assess.Concealment, assess.Unfavourable},
		{"a ban naming whom it binds", "市里下过通知，开发商一律暂停发预售证，我就给发了", assess.ExplicitBan, assess.Unfavourable},
	})
}

// Tolerable stories whose alarming words do not apply, and the mitigating
// factor shown by what was done.
func TestAlarmingWordsThatDoNotApply(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"subsidies overpaid to households", "试点第一年数据对不上，有些农户多发了补贴，已经全部追回了", assess.EightRules, assess.Unknown},
		{"the teller's own verdict", "说起来是我的失职，校委会开会研究后先抢修了", assess.Inaction, assess.Unknown},
		{"a request not to give", "我在群里说了一句请勿发红包", assess.PrivateGain, assess.Unknown},
		{"someone else accused", "有一户被举报隐瞒收入，是家长藏了经营收入", assess.Concealment, assess.Unknown},
		{"a recusal", "开标前我就书面报告申请回避了，公司换了别人评标", assess.Procedure, assess.Favourable},
		{"what was done is on record", "班主任家访过两次，也书面通知了家长，这些都有记录", assess.Procedure, assess.Favourable},
		{"a ban someone says there was is still asked", "现在有人说市里当时发过通知不让乡镇自己搞光伏项目，我也记不清到底有没有这个文件", assess.ExplicitBan, assess.Unknown},
	})
	if f := assess.Extract("现在有人说市里当时发过通知不让乡镇自己搞光伏项目，我也记不清到底有没有这个文件")[assess.ExplicitBan]; !f.Raised {
		t.Errorf("a ban in question is not raised: %+v", f)
	}
}

// Deaths after a lapse told in other words: called to go at once and put
// off, a required check not completed, told not to report and complying.
func TestLapsesBeforeHarm(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"called to go at once, put off", "镇里电话让我马上去现场，我想着雨太大等天亮再说", assess.Inaction, assess.Unfavourable},
		{"a required check not completed", "在施工单位尚未完成竣工验收的情况下，我口头同意提前通行", assess.Procedure, assess.Unfavourable},
		{"told not to report, complied", "主任让我们先别往上报，说等和家属谈好再说，我就照做了", assess.Concealment, assess.Unfavourable},
	})
	if a := assess.Assess(assess.Extract("在尚未完成竣工验收的情况下，我口头同意提前通行。第三天桥面坍塌，致2人死亡")); a.Verdict != assess.NotTolerable {
		t.Errorf("deaths after a check left incomplete: verdict %s, want not_tolerable", a.Verdict)
	}
}

// Facts left open: a gift whose return the teller cannot vouch for, an
// accusation however phrased, and overcharging that is no taking.
func TestOpenFactsAndAccusations(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a gift whose return is not remembered", "有个供应商塞给我一个红包，我记得当时是想退的，到底退没退我真记不清了", assess.PrivateGain, assess.Unknown},
		{"a gift kept", "有个供应商塞给我一个红包，我没退", assess.PrivateGain, assess.Unfavourable},
		{"an accusation by someone", "被人举报收了工程回扣，调查还没出结果", assess.PrivateGain, assess.Unknown},
		{"an accusation found untrue", "有人举报我收了开发商的钱，纪委查了三个月，结论是举报不实", assess.PrivateGain, assess.Favourable},
		{"overcharging is no taking", "耗材编码套错了，多收了医保基金十几万", assess.PrivateGain, assess.Unknown},
	})
}

// A denial does not settle what an inquiry under way is about.
func TestPendingInquiryKeepsItOpen(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"denied, inquiry under way", "有人举报我收了施工方的钱，我一分钱没拿，纪委正在核查", assess.PrivateGain, assess.Unknown},
		{"denied, no inquiry", "有人举报我收了施工方的钱，我一分钱没拿", assess.PrivateGain, assess.Favourable},
		{"found untrue", "有人举报我收了施工方的钱，纪委核查结论是不属实，另一件事还在调查", assess.PrivateGain, assess.Favourable},
		{"a hidden stake alleged", "有村民举报说那家公司我有暗股", assess.PrivateGain, assess.Unknown},
		{"a hidden stake held", "那家公司我有干股", assess.PrivateGain, assess.Unfavourable},
	})
}

type verdictCase struct {
	text string
	want assess.Verdict
}

func checkVerdicts(t *testing.T, tests []verdictCase) {
	t.Helper()
	for _, tc := range tests {
		if a := assess.Assess(assess.Extract(tc.text)); a.Verdict != tc.want {
			t.Errorf("%s: verdict %s, want %s", tc.text, a.Verdict, tc.want)
		}
	}
}

// Mitigating factors shown by what was done.
func TestMitigationShownByWhatWasDone(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"every step, none left out", "那批器材招标、到货验收、第三方检测一样没落", assess.Procedure, assess.Favourable},
		{"the worst of an epidemic", "疫情最紧的时候我负责物资调配", assess.Conditions, assess.Favourable},
	})
	checkVerdicts(t, []verdictCase{
		{"疫情最紧的时候我在区里负责物资调配，一批捐赠的口罩没来得及登记台账就直接分给了社区医院，都有签收照片", assess.LikelyTolerable},
	})
}

// Spoken and short: dialect negators, a father asked about, public money
// moved to one's own use, and a form of work changed.
func TestSpokenAndShort(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"Sichuan 莫得", "镇党委会定的先施工后补手续，我莫得拿一分钱哦", assess.PrivateGain, assess.Favourable},
		{"public money moved to one's own use", "我先挪了二十万给自己的养殖场周转", assess.PrivateGain, assess.Unfavourable},
		{"asked about a father", "我爸是村主任，村里补偿款下来，他先挪了二十万给自己的养殖场周转", assess.PrivateGain, assess.Unfavourable},
		{"a form of work changed", "为了给企业减负，把季度报表改成从税务系统自动抓取", assess.Concealment, assess.Unknown},
		{"a record changed", "把季度报表改成了达标的数", assess.Concealment, assess.Unfavourable},
	})
}

// Stories in pairs that differ in one fact: each side read its own way.
func TestPairsThatDifferInOneFact(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a rhetorical denial", "我们哪有拿供应商一分好处", assess.PrivateGain, assess.Favourable},
		{"a ban issued later", "我们去年五一搞了外摆试点，市里七月中旬才下文件，要求一律不得外摆", assess.ExplicitBan, assess.Favourable},
		{"a ban obeyed the next day", "市里出了新文件，学校一律不得另收，我们收到文件第二天就停收了", assess.ExplicitBan, assess.Favourable},
		{"a fee charged under a scheme", "经校务会研究，每月收150元，主要用于老师补助", assess.PrivateGain, assess.Unknown},
		{"a filing made afterwards", "事后发现按规定应该先报街道审核，我们没报，做完才补报的", assess.Concealment, assess.Favourable},
		{"a relative among the hires", "临时招了30个合同制护士，其中有一个是我女儿，她没有资格证", assess.PrivateGain, assess.Unfavourable},
	})
	checkVerdicts(t, []verdictCase{
		{"查到消防通道被堵，局务会研究后没让停产，下了限期整改通知。第6天夜里车间起火，三个工人没跑出来", assess.NotTolerable},
		{"查到消防通道被堵，局务会研究后没让停产，下了限期整改通知，企业按期整改完了，没出事", assess.LikelyTolerable},
	})
	if f := assess.Extract("方案一公布，四百多村民不满意，上国道堵了两天，和维持秩序的人员发生冲突")[assess.MajorAccident]; !f.Raised && f.Status != assess.Unfavourable {
		t.Errorf("a crowd told over two clauses is not raised: %+v", f)
	}
}

// The teller's own saying, an inspection never made, a study trip's
// sightseeing, and a job for a relative (asked).
func TestSayingsInspectionsTripsJobs(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"the teller told someone not to report", "我怕挨批，就跟班主任说先别往上报", assess.Concealment, assess.Unfavourable},
		{"an inspection never made", "按规定我每周要去检查一次，那个月我一次都没去", assess.Inaction, assess.Unfavourable},
		{"sightseeing on a study trip", "组织班子成员去学习考察，五天行程其中三天安排了景点", assess.EightRules, assess.Unfavourable},
		{"a party gives a relative a job", "项目结束后，那家企业聘了我爱人做顾问", assess.PrivateGain, assess.Unknown},
		{"a friend's cousin is no relative of the teller", "后来我大学室友说他表哥的公司能弄到一批口罩", assess.PrivateGain, assess.Unknown},
	})
}

// Short and spoken, more: Cantonese gifts, a relative put on a list, a
// growth rate adjusted, a trip a party paid for, and a compound as the
// preposition's object.
func TestSpokenAndShortMore(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"Cantonese red envelope", "收咗承包商一封利是", assess.PrivateGain, assess.Unfavourable},
		{"a relative put on a list", "低保名额给俺老舅整上了，我签的字", assess.PrivateGain, assess.Unfavourable},
		{"a growth rate adjusted", "为完成考核把增速往上调了一点", assess.Concealment, assess.Unfavourable},
		{"a trip a party paid for", "医药代表组织我们去三亚开会，其实就是玩，费用药企出的", assess.EightRules, assess.Unfavourable},
		{"a trip the unit paid for", "去三亚开会，费用单位出的", assess.PrivateGain, assess.Unknown},
		{"with a subsidiary, the teller's act", "跟子公司做了一笔虚增收入", assess.Concealment, assess.Unfavourable},
	})
}

// More defensive stories: a trip a subcontractor booked, a relative
// recommended, cigarettes pressed on the cadre, a report withheld from the
// body above and a cover story.
func TestDefensiveStoriesMore(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a trip a subcontractor booked", "带老婆孩子去三亚，机票酒店是一个分包商帮忙订的，说算他们请客", assess.EightRules, assess.Unfavourable},
		{"a relative recommended", "总包单位找分包，我推荐了我表弟的施工队", assess.PrivateGain, assess.Unfavourable},
		{"cigarettes pressed on the cadre", "老板非塞给我两条中华，我推了两次没推掉就拿回家了", assess.PrivateGain, assess.Unfavourable},
		{"the country's name is no brand", "收到中华人民共和国国家标准的通知", assess.PrivateGain, assess.Unknown},
		{"withheld from the body above", "我怕影响评优，没往教育局报", assess.Concealment, assess.Unfavourable},
		{"a cover story", "让老师们对外统一说是着凉了", assess.Concealment, assess.Unfavourable},
	})
}

// A gift handed in to the discipline office is no gift taken.
func TestGiftHandedIn(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"handed in the next day", "报关行老板把红包塞我车里，我第二天才发现，当天就交给关里纪检组了，有登记回执", assess.PrivateGain, assess.Favourable},
	})
}

// Fields seldom seen: someone else's fraud told in the passive, substituted
// data reported as measured, work started after an approval was refused.
func TestFieldsSeldomSeen(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"someone else's fraud, passive", "死亡信息没有及时共享，被家属冒领了养老金共三万多元，已全部追回", assess.PrivateGain, assess.Unknown},
		{"substituted data reported as measured", "自动站坏了半个月，我让人用旁边站点的数据插补后当实测上报了", assess.Concealment, assess.Unfavourable},
		{"work started after approval was refused", "省局的批复明确不同意在保护范围内建设，项目等不起，我还是同意施工单位先开工了", assess.ExplicitBan, assess.Unfavourable},
	})
}

// Fields seldom seen, more: a relative's entitlement made larger, meals
// booked under another heading, colleagues coached to tell a meeting, stock
// moved in for an inspection.
func TestFieldsSeldomSeenMore(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a relative's entitlement made larger", "他把他表哥的视同缴费年限多认定了六年", assess.PrivateGain, assess.Unfavourable},
		{"meals booked under another heading", "赛事期间每天晚上在酒店吃饭喝酒，费用打进了会务费里报销", assess.EightRules, assess.Unfavourable},
		{"colleagues coached", "审计来查之前，我跟两个科长打了招呼，让他们都说这事开过会研究过", assess.Concealment, assess.Unfavourable},
		{"stock moved in for an inspection", "库里少了80吨，我让保管员从另一个库临时调了一批粮过来顶上，清查完再调回去", assess.Concealment, assess.Unfavourable},
	})
}

// At the boundary: a ban and when it came told in one clause, a defiance
// alleged, a gift sent back, a friend or relative favoured in an aside, the
// cadre's own house in the batch, and a party paying (asked).
func TestAtTheBoundary(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a ban issued later, in one clause", "2021年搞了收费试点。2023年市里才出文件规定不得超过120，我们接到文件就降到120了", assess.ExplicitBan, assess.Favourable},
		{"a defiance alleged", "有人拿县里的文件举报我们，说我们顶风违禁", assess.ExplicitBan, assess.Unknown},
		{"a gift sent back", "销售拎了两盒茶叶来办公室，我当场没收，让他拿回去了", assess.PrivateGain, assess.Favourable},
		{"a friend given more", "其中一户是他当兵时的战友，多给了十几万的装修补偿", assess.PrivateGain, assess.Unfavourable},
		{"a relative doing part of the work", "就是有一段的土方是我小舅子用他的车拉的", assess.PrivateGain, assess.Unfavourable},
		{"a relative taken on", "面试是我牵头的。我女儿刚毕业没工作，也报名被招进来了", assess.PrivateGain, assess.Unfavourable},
		{"the cadre's own house in the batch", "其中有一户是我自己家老宅，顺带一起办了", assess.PrivateGain, assess.Unfavourable},
		{"a party paying, asked", "钱是设计院和施工方掏的", assess.PrivateGain, assess.Unknown},
	})
}

// A fraud found in one of the parties is theirs.
func TestFraudFoundInAParty(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"one of the cooperatives", "后来发现其中一家合作社虚报了社员人数，多领了4万，我们追回来了", assess.Concealment, assess.Unknown},
	})
}

// Reception above the standard, told over two clauses.
func TestReceptionAboveStandard(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"above the standard", "验收组来了三天，我们安排在镇上的农家乐吃住，标准超了些，费用从项目管理费里列支的", assess.EightRules, assess.Unfavourable},
	})
}

// Dictated speech has no punctuation: a question at one end of a long run
// must not make every fact told after it a question.
func TestRunOnSpeech(t *testing.T) {
	g := assess.Extract("我是县医院药剂科主任去年引进了一个新药疗效好但是医药代表按用量给科室返点我们拿来发了加班费我个人一分没拿这种能算容错吗")
	if g[assess.PrivateGain].Status != assess.Unfavourable {
		t.Errorf("the question closing a run-on clause made its facts a question: %+v", g[assess.PrivateGain])
	}
	f := assess.Extract("我想问下我这个情况能不能容错就是上个月发大水河堤有一段管涌我当时联系不上书记就自己拍板调了两台挖机没走采购程序当天晚上就给县防汛办打了电话第二天又补了书面报告")
	if f[assess.Conditions].Status != assess.Favourable || f[assess.Procedure].Status != assess.Favourable {
		t.Errorf("the emergency and the report told after the question: %+v", f)
	}
	if a := assess.Assess(f); a.Verdict != assess.LikelyTolerable {
		t.Errorf("verdict %s, want likely_tolerable", a.Verdict)
	}
}

func TestTimeWordsAndClearedReports(t *testing.T) {
	if f := assess.Extract("疫情那会儿院里集体研究，提前启用了发热门诊")[assess.Procedure]; f.Status != assess.Favourable {
		t.Errorf("那会儿 is a time, not an obligation: %+v", f)
	}
	if f := assess.Extract("去年村里修水渠，钱是村民自筹加村集体出的")[assess.PrivateGain]; f.Raised {
		t.Errorf("money the villagers raised for their own work is asked about: %+v", f)
	}
	for _, s := range []string{
		"有人举报我给表哥多算了面积，后来查清楚了是诬告。",
		"有人举报我给表哥多算了面积，县纪委核查后说我表哥根本不在名单上，举报不实。",
	} {
		if f := assess.Extract(s)[assess.PrivateGain]; f.Status != assess.Favourable {
			t.Errorf("%s: a report found untrue: %+v", s, f)
		}
	}
}

// Accounts that the record or the body concerned contradicts, and money
// someone withheld, leave the fact open: asked, never presumed.
func TestDisputedAccountsAndWithheldMoney(t *testing.T) {
	for _, s := range []string{
		"我说是班子会定的，纪委说会议记录里根本没有这个议题",
		"他说当晚就报告了区里，可区应急局说没收到任何报告",
	} {
		if a := assess.Assess(assess.Extract(s)); a.Verdict == assess.LikelyTolerable {
			t.Errorf("%s: a disputed decision or report read as given: %s", s, a.Verdict)
		}
	}
	f := assess.Extract("后来有村民说补偿款被克扣了，我也不知道是谁扣的，纪委在核实")
	if f[assess.PrivateGain].Status != assess.Unknown || !f[assess.PrivateGain].Raised {
		t.Errorf("money withheld by someone is asked about: %+v", f[assess.PrivateGain])
	}
}

// A gift handed back or in late, or only after an inquiry began, was kept.
func TestLateReturns(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"handed in late", "过年一个老板送了两条烟到我家，过了三个月我才交到纪委", assess.PrivateGain, assess.Unfavourable},
		{"returned after the case was opened", "供应商塞了个红包，立案以后我才退回去", assess.PrivateGain, assess.Unfavourable},
		{"repaid after the case was opened", "说是借的，打了借条，后来他们立案之后我才还的", assess.PrivateGain, assess.Unfavourable},
		{"returned on the spot", "供应商塞了个红包，我当场就退回去了", assess.PrivateGain, assess.Favourable},
	})
	notAgainstTheCadre(t, []textKey{{"审计之后才交了整改报告", assess.PrivateGain}})
}

// A benefit whose link to the cadre's office is said to be unknown is asked.
func TestLinkOpen(t *testing.T) {
	for _, s := range []string{
		"我妈收了别人送的一个红包，说是随礼。我不清楚对方是不是跟我管的企业有关系",
		"那家企业后来给他儿子安排了工作，两者有没有关联还在核实",
	} {
		if a := assess.Assess(assess.Extract(s)); a.Verdict != assess.NeedsMoreFacts {
			t.Errorf("%s: %s, want needs_more_facts", s, a.Verdict)
		}
	}
	if f := assess.Extract("老板给我小舅子安排了工作，这事是否上报有关部门我不清楚")[assess.PrivateGain]; f.Status != assess.Unfavourable {
		t.Errorf("有关部门 is no link: %+v", f)
	}
}

// A word put in for a relative is a negative-list fact; that none was put in
// does not clear a contract the relative's firm won.
func TestWordPutInForARelative(t *testing.T) {
	f := assess.Extract("中标的那家公司是我小舅子开的，他是正常参加投标的，我也没打招呼。")
	if f[assess.PrivateGain].Status != assess.Unfavourable {
		t.Errorf("no word put in read as clearing the relative's contract: %+v", f[assess.PrivateGain])
	}
}

// Mitigating facts told in everyday words: Cantonese time words, an error
// put right and reported to the office above, a plan the county issued,
// weather no one could help, a crowd only threatened.
func TestMitigationInEverydayWords(t *testing.T) {
	tests := []statusCase{
		{"Cantonese next morning", "冇走采购程序。第二朝一早我已经写咗报告交畀区政府", assess.Procedure, assess.Favourable},
		{"error put right", "有一笔劳务费记错了科目，我已经调整过来了", assess.Remedy, assess.Favourable},
		{"report to an office named by level", "我已经跟镇农经站报告了", assess.Procedure, assess.Favourable},
		{"a plan the county issued", "县里出了产业扶持方案，他带着三个村种了羊肚菌", assess.Procedure, assess.Favourable},
		{"weather", "去年夏天连着四十多天高温，菌棒基本全坏了", assess.Conditions, assess.Favourable},
		{"a threatened crowd", "几十户瓜农要去堵路，我跟两委商量后先借钱给合作社付了瓜款", assess.Conditions, assess.Favourable},
		{"a risk filed beforehand", "我们街道办事前就向纪委做了风险报备", assess.Procedure, assess.Favourable},
		{"no money lost", "后来核实是施工方委托收款，钱一分没少", assess.Remedy, assess.Favourable},
		{"a breakdown that could not wait", "冬天锅炉坏了孩子们冻得直哭", assess.Conditions, assess.Favourable},
	}
	checkStatuses(t, tests)
	if f := assess.Extract("几十户瓜农要去堵路，我跟两委商量后先借钱给合作社付了瓜款")[assess.MajorAccident]; f.Raised || f.Status == assess.Unfavourable {
		t.Errorf("a crowd only threatened read as a mass incident: %+v", f)
	}
}

// 调过来 is a transfer to the post, not an error put right.
func TestTransferIsNoRemedy(t *testing.T) {
	if f := assess.Extract("我刚调过来三个月，前任留下一个烂尾项目"); f[assess.Remedy].Status == assess.Favourable {
		t.Errorf("a transfer read as a remedy: %+v", f[assess.Remedy])
	}
}

// A supplier said to be a leader's relative, and pollution of water whose
// extent is not known, are asked, never presumed absent.
func TestRaisedRelativesAndPollution(t *testing.T) {
	if f := assess.Extract("那超市老板是书记的亲戚")[assess.PrivateGain]; !f.Raised {
		t.Errorf("a supplier who is a leader's relative: %+v", f)
	}
	if a := assess.Assess(assess.Extract("填埋场渗滤液漏出去了，环保局说可能污染了地下水，检测报告还没出来，选址是县里定的")); a.Verdict == assess.LikelyTolerable {
		t.Errorf("pollution of unknown extent read as tolerable")
	}
}

// A tie between the parties and someone in the decision that the teller
// cannot rule out is asked.
func TestUnclearTieIsAsked(t *testing.T) {
	f := assess.Extract("总经理让我提前拨了三百万给施工单位，经理办公会后来也追认了。老赵跟那家施工单位老板是什么关系我也说不清。")
	if g := f[assess.PrivateGain]; g.Status != assess.Unknown || !g.Raised {
		t.Errorf("an unclear tie to the parties: %+v", g)
	}
}

// 没等开会就… says the meeting was not waited for: no collective decision,
// a step skipped, which an emergency reported at once excuses.
func TestNotWaitingForTheMeeting(t *testing.T) {
	if f := assess.Extract("我没等开会就叫了两台挖掘机去抢险")[assess.Procedure]; f.Status != assess.Unfavourable {
		t.Errorf("没等开会 read as a meeting held: %+v", f)
	}
	a := assess.Assess(assess.Extract("汛期堤坝管涌，我没等开会就叫了两台挖掘机去抢险，第二天一早向镇里书面报告了"))
	if a.Verdict != assess.LikelyTolerable {
		t.Errorf("an emergency reported at once: %s", a.Verdict)
	}
}

// A death raised by a story of an emergency the cadre answered, with a
// procedure followed or reported and no lapse told, is the emergency's harm:
// likely tolerable with the presumptions stated. An account of a lapse by
// those who saw it, or a crowd the act itself drew, keeps it open.
func TestHarmOfAnEmergencyAnswered(t *testing.T) {
	checkVerdicts(t, []verdictCase{
		// Money paid out in the work and recovered: a work mistake put right.
		{"给养老院拨款时多打了一个零，第二天就追回来了", assess.LikelyTolerable},
		{"暴雨那天夜里发了山洪，我们赶到时已经有一个老人遇难了。我当场借了村民的两台拖拉机转移群众，第二天把经过报给了县防汛办。", assess.LikelyTolerable},
		{"暴雨那天夜里发了山洪，我们赶到时已经有一个老人遇难了。我当场借了村民的两台拖拉机转移群众，第二天把经过报给了县防汛办。可家属说根本没人通知他们转移。", assess.NeedsMoreFacts},
	})
	a := assess.Assess(assess.Extract("暴雨那天夜里发了山洪，我们赶到时已经有一个老人遇难了。我当场借了村民的两台拖拉机转移群众，第二天把经过报给了县防汛办。"))
	presumed := false
	for _, c := range a.Presumed {
		presumed = presumed || c.Key == assess.MajorAccident
	}
	if !presumed {
		t.Errorf("the death's cause is not stated as a presumption: %+v", a.Presumed)
	}
}

// Accounts that differ and results still awaited leave the decisive fact
// open: a superior who says, a clause later, that he did not approve; a
// record that does not hold the meeting; harm whose cause is still being
// established.
func TestDisputedAndAwaitedFactsStayOpen(t *testing.T) {
	checkVerdicts(t, []verdictCase{
		{"我记得党组会上大家都同意了，可会议记录里没这件事。", assess.NeedsMoreFacts},
		{"先开工后补手续是局长在现场口头同意的。现在出了问题，局长说他当时只是让我们抓紧准备，没同意先开工。", assess.NeedsMoreFacts},
		{"镇党委会研究后先让厂子试生产，也报了县里。后来厂房塌了一角，事故原因还在调查。", assess.NeedsMoreFacts},
		{"管委会开会同意企业先试生产，也报了区里。后来下游村民说水有异味，环保局取了样，还在化验。", assess.NeedsMoreFacts},
	})
}

// A return that the next clause says nothing proves leaves the gift open.
func TestUnprovenReturnIsAsked(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a return nothing proves", "老板塞的红包我当天就退回去了，可是没留下任何凭证", assess.PrivateGain, assess.Unknown},
		{"a return", "老板塞的红包我当天就退回去了，还跟纪检组报告了", assess.PrivateGain, assess.Favourable},
	})
}

// Deciding bodies by their everyday names, and the parties' dinners and
// gifts kept out.
func TestBodiesDinnersAndGiftsKeptOut(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"a case review meeting", "局里开了案审会，决定先给企业下整改通知", assess.Procedure, assess.Favourable},
		{"dinners never attended", "开发商那边的饭局我一次都没去", assess.EightRules, assess.Favourable},
		{"gifts kept out", "他们送的礼品连门都没进", assess.PrivateGain, assess.Favourable},
	})
}

// An objection written and handed in is a dissent on record; harm only
// feared is the reason for acting, not harm done.
func TestDissentWrittenAndHarmFeared(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"an objection written", "我觉得手续不全，写了个书面意见交给了分管领导", assess.Dissent, assess.Favourable},
	})
	if f := assess.Extract("仓库电线乱拉，我们连夜清理，就是怕出人命")[assess.MajorAccident]; f.Raised || f.Status == assess.Unfavourable {
		t.Errorf("a death only feared: %+v, want nothing raised", f)
	}
}

// A gift refused in the clause after it was offered is refused; fruit from
// a supplier is a gift like any other.
func TestGiftRefusedInTheNextClause(t *testing.T) {
	checkStatuses(t, []statusCase{
		{"refused in the next clause", "过节时承包商给我送了两箱酒，我没要", assess.PrivateGain, assess.Favourable},
		{"refused with no pause", "过节时承包商送了两箱酒我没要", assess.PrivateGain, assess.Favourable},
		{"an invitation planned and declined", "完工后包工头要请我去吃饭我没去", assess.EightRules, assess.Favourable},
		{"handed in to the integrity account", "验收后施工方塞了个红包我第二天就交到了单位的廉政账户", assess.PrivateGain, assess.Favourable},
		{"returned, told in the passive", "施工方事后送的茶叶被我退了", assess.PrivateGain, assess.Favourable},
		{"sent back with those who brought it", "商户送水果过来我都让拿回去了", assess.PrivateGain, assess.Favourable},
		{"a kickback hinted at and refused", "供应商以前暗示给我回扣我拒绝了", assess.PrivateGain, assess.Favourable},
		{"an offer told as the boss's word, refused by the teller", "开发商说给我个人留点干股我拒绝了", assess.PrivateGain, assess.Favourable},
		{"a rebate offered and refused in one breath", "供货商私下说给我返点我没要", assess.PrivateGain, assess.Favourable},
		{"refused with the question in the same breath", "家长送来两张购物卡我没收这样会挨处分吗", assess.PrivateGain, assess.Favourable},
	})
	// 也没去专门查过 is a check not made, not an invitation declined.
	if f := assess.Extract("桥墩的钢筋我也没去专门查过")[assess.EightRules]; f.Status == assess.Favourable {
		t.Errorf("a check not made read as a meal declined: %+v", f)
	}
	checkStatuses(t, []statusCase{
		{"fruit kept", "供应商送了我一箱水果，我收下了", assess.PrivateGain, assess.Unfavourable},
	})
}
