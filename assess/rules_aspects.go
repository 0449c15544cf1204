package assess

// aspectRules read the critical criteria and the six aspects. Each rule is
// stated in the plain, unnegated sense; negation and scope are handled once,
// in extract.go, for all of them.
var aspectRules = []rule{
	// 动机态度
	{keys: []string{Motive}, status: Favourable, gap: 10, pats: []string{
		"为了|是为了|目的是|目的就是|就是为了|都是为了|主要是为了|也是为了|出发点是|初衷是|本意是|就是想|只是想|也是想|是想|想着|一心想|为的是|想早点|想尽快|想早日|想让|想给|想帮|为帮|为给|为让|为保|为使|为赶…{publicGoal}",
	}},
	{keys: []string{Motive}, status: Favourable, pats: []string{
		"为群众|为百姓|为老百姓|为民|为村民|为企业|为集体|为大家|为人民|为发展|为了大家",
		"出于公心|出以公心|一心为公|公心|办实事|为民办事|敢于担当|主动作为|干事创业|担当作为|让老百姓|让群众|让村民|方便群众|方便老百姓|方便村民|惠民|便民",
	}},
	{keys: []string{Motive}, status: Unfavourable, gap: 3, pats: []string{
		"为了|是为了|为|目的是|就是想|想着…{selfGoal}",
		"私心|私欲|图私利|图省事|为了省事|怕麻烦|应付检查|做样子|搞形式|谋私心",
	}},
	{keys: []string{Motive, PrivateGain}, status: Unfavourable, gap: 3, pats: []string{
		"为了|是为了…私利|好处|捞钱|捞好处",
	}},

	// 程序方法
	{keys: []string{Procedure}, status: Favourable, pats: []string{
		"{meeting}",
		"经|经过|得到|取得|征得|报经…{approve}|{meeting}|研究|讨论",
		"报请|请示|报批|报备|报送|请求…{approve}",
		"事先|事前|提前|预先…请示|报告|汇报|报备|沟通|报批",
		"跟|和|与|同…{colleague}…商量|商议|研究|讨论|沟通",
	}},
	// 领导不同意 is the negation of 领导同意: the negator sits inside.
	{keys: []string{Procedure}, status: Favourable, gap: 4, fronted: true, pats: []string{
		"{superior}…同意|批准|批复|点头|认可",
	}},
	{keys: []string{Procedure, Concealment}, status: Favourable, pats: []string{
		"事后|过后|随后…报告|汇报|报备|补报|说明情况",
	}},
	{keys: []string{Procedure}, status: Favourable, negOnly: true, pats: []string{
		"请示|汇报|研究|讨论|上会|集体|报备|商量|商议",
	}},
	{keys: []string{Procedure}, status: Unfavourable, gap: 3, pats: []string{
		"自己|个人|一个人|一人|独自|单独|私下|私自…拍板|决定|做主|做的主|说了算|定的|定了|拍的板|决策|签字|签的字|批的|批了|同意的|同意了",
		"个人专断|独断专行|一意孤行|一言堂|先斩后奏|自作主张|家长制|拍脑袋|拍脑门|越权|超越权限|一手操办",
		"擅自…决定|同意|批准|签|开工|动用|使用|挪用|拨付|支付|改变|变更|调整|更改|处置|出借|借给|借出",
		"绕过|绕开|避开|规避|跳过|撇开…集体|班子|党委|程序|审批|会议|招标|上会|研究",
	}},

	// 对错误决策提出反对或改正意见（问责条例第十七条第一款第二项、第二款）
	{keys: []string{Dissent}, status: Favourable, pats: []string{
		"明确表示反对|表示反对|明确反对|当场反对|投了反对票|投反对票|反对票|反对意见|保留意见|书面反对|弃权票",
		"提出|提了|提过|表达了|表达过|表示了|发表了|写了|递交了…反对|不同意见|异议|改正意见|纠正意见|撤销意见|不同看法",
	}},

	// 是否违反明令禁止
	{keys: []string{ExplicitBan}, status: Unfavourable, pats: []string{
		"明令禁止|明确禁止|明文禁止|严令禁止|三令五申|严禁|禁止|顶风|有禁不止|有令不行|我行我素|禁令",
		"{ruleSource}…{forbid}",
		"叫停|喊停|制止…继续|仍然|依然|照样|坚持|还是",
	}},
	{keys: []string{ExplicitBan, Nature}, status: Unfavourable, gap: 6, pats: []string{
		"明知|明明知道|明明知|知道…{forbid}|禁止|违规|违法|违反|不行|不合规|不对|不符合|不合法",
	}},
	{keys: []string{ExplicitBan}, status: Unfavourable, negOnly: true, pats: []string{
		"明确规定|明文规定|明确限制|明确要求|具体规定|相关规定|规定|限制|文件规定",
	}},
	{keys: []string{ExplicitBan}, status: Favourable, gap: 4, pats: []string{
		"政策空白|无章可循|无规可依|探索性试验|探索性实验|法无禁止|界限不清|边界不清",
		"规定|政策|文件|标准|指标|界限|边界|要求…不明确|不清晰|不清楚|模糊|空白|未明确|没有明确|尚未明确|不够明确|还没明确|没明确",
	}},

	// 客观条件
	{keys: []string{Conditions}, status: Favourable, gap: 4, pats: []string{
		"缺乏经验|缺少经验|没有经验|经验不足|没经验|先行先试|探索性|大胆探索|改革探索|属于探索|探索阶段|在探索|试点|没有先例|无先例|没有前例|无章可循|政策空白",
		"第一次|头一次|首次…做|搞|办|负责|接手|遇到|碰到|开展|实施|推行|尝试|处理",
		"受|因为|由于|因…疫情",
		"疫情…影响|冲击|导致|原因|封控",
		"不可抗力|难以预见|无法预见|不可预见|难以预料|无法预料|突发|紧急情况|紧急状态|情况紧急|十分紧急|时间紧迫|时间紧|任务重|工期紧",
		"历史遗留|遗留问题|政策调整|政策变化|政策变动|市场变化|市场波动|行情|客观原因|客观条件|客观因素|客观制约|条件限制|条件所限|迫不得已|不得已",
		"暴雨|洪水|汛情|台风|地震|自然灾害|极端天气|社区团购",
	}},

	// 性质程度
	{keys: []string{Nature}, status: Favourable, pats: []string{
		"无意|无心|疏忽|大意|粗心|失误|过失|不小心|不慎|考虑不周|没想到|没有想到|没料到|没有料到|没有意识到|没意识到|没注意|没有注意|误判|失察|无心之失|一时糊涂|经验主义",
	}},
	{keys: []string{Nature}, status: Unfavourable, pats: []string{
		"明知故犯|知法犯法|明知|执意",
	}},
	// 故意 modifies the predicate after it: 并非故意隐瞒 denies the intent,
	// not the concealment.
	{keys: []string{Nature}, status: Unfavourable, adverb: true, pats: []string{
		"故意|有意|蓄意|存心|成心",
	}},

	// 后果影响
	{keys: []string{Consequence}, status: Unfavourable, pats: []string{
		"造成|导致|带来|引起|产生|酿成|引发|发生|出了…{loss}",
		"损失了|损失达|损失近|损失超过|损失约|重大损失|严重后果|恶劣影响|损失惨重|巨大损失|巨额损失|较大损失|严重损失|国有资产流失|亏损|亏了|白白浪费|血本无归|打了水漂|荒着|荒废|闲置至今|一直闲置|烂尾|停摆|收不回|要不回|钱没了|跑路了|倒闭了",
	}},
	{keys: []string{Consequence}, status: Favourable, gap: 4, pats: []string{
		"损失不大|损失较小|损失很小|影响不大|影响较小|影响很小|零损失|没出事|安然无恙|群众满意|群众认可|效果很好|效果不错",
		"节省|节约|省下|省了…资金|成本|费用|万元|时间|钱",
		"提前…开工|投产|完工|竣工|完成|建成",
		"项目|工程|企业…已经|已|顺利|如期|按期|提前…投产|竣工|建成|完工|运营|投用",
	}},
	{keys: []string{Consequence}, status: Unfavourable, negOnly: true, pats: []string{
		"出问题|出了问题|出现问题|出事|出了事|出现意外|发生意外|出岔子|损失",
	}},

	// 挽回损失
	{keys: []string{Remedy}, status: Favourable, pats: []string{
		"补齐|补正|补办|补上了|补全|补交|补足|补缴|补充完善|完善了|整改到位|已整改|已经整改|完成整改|整改完毕|整改完成|及时整改|立行立改|立即整改|马上整改|落实整改|积极整改|主动整改",
		"进行了|作了|做了|开展了…整改|补救|纠正",
		"完善|补办|补齐|办好|办完…手续",
		"挽回|追回|减少…损失",
		"损失|资金|钱款…挽回|追回|收回",
		"追回|退还|退回|上交|交回|归还|偿还|如数归还|收回|还清…钱|款|资金|礼金|红包|购物卡|礼品|所得|财物|借款|欠款|万元|元",
		"退赔|全额退还|全部退还|如数退还",
		"消除|挽回…影响",
		"采取|采取了…补救|措施",
		"补救措施|及时纠正|纠正了|已纠正|已经纠正|改正了|规范了",
		"全部还上|已经还上|都还上|还清了|归还了|已归还|已退还|全部追回|已追回|追回来了|退赔了|补回来了",
		"重新开具|重开|重新开…发票|票据",
	}},
	{keys: []string{Remedy}, status: Favourable, negOnly: true, pats: []string{
		"整改|纠正|补救|挽回|补齐|补办|补上|改正|弥补|追回|退还|归还",
	}},
}
