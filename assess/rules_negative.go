package assess

// negativeRules read the negative list: each predicate is Unfavourable when
// stated, and its negation (没有隐瞒) is Favourable.
var negativeRules = []rule{
	// 谋取私利
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 6, pats: []string{
		"{gainStrong}…{money}",
	}},
	{keys: []string{PrivateGain}, status: Unfavourable, pats: []string{
		"{gainVerb}…{gainObj}",
		"谋取|牟取|谋求|获取|输送…利益|好处|私利",
		"受贿|索贿|行贿|贪污|挪用公款|利益输送|输送利益|中饱私囊|以权谋私|谋私|谋私利|徇私|吃回扣|回扣|好处费|吃请|吃拿卡要|权钱交易|私利|不正当利益|个人利益|私人利益|揩油|雁过拔毛",
		"利用|借助…职权|职务|职便|权力…为|给|帮|谋",
	}},
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 3, pats: []string{
		"给|交给|包给|发包给|转包给|分包给|介绍给|让给|指定给|指定|安排给|照顾|关照…{relative}",
	}},
	{keys: []string{PrivateGain}, status: Unfavourable, pats: []string{
		"{relative}…入股|持股|参股|占股|干股|挂名|股份|股权",
	}},
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 4, pats: []string{
		"{relative}…{company}…中标|承包|承接|拿到|接了|做了|干了|揽到|拿下|供货|包了",
		"投了|投资|借给|拨给|拨付给|付给|采购|买了|签了|签约|租给|卖给…{relative}",
	}},
	// 插手招投标: a word in the tender for someone is a favour, whoever won.
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 10, pats: []string{
		"帮|给|替|为…{relative}…打招呼|打了招呼|说情|说了情|疏通|关照|走后门|开后门",
		"招标|投标|评标|竞标|比选…打招呼|打了招呼|说情|说了情|关照|透露|泄露",
	}},
	// 一分钱都没拿: the object comes first and the negator sits inside.
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 4, fronted: true, pats: []string{
		"一毛钱|一厘钱|一针一线|{gainObj}…拿|收|要|取|沾|捞|贪|得|落|占",
	}},
	{keys: []string{PrivateGain, EightRules}, status: Unfavourable, gap: 8, pats: []string{
		"{gainStrong}|接受|收到…{gift}",
		"收礼|收红包|收礼金",
		"接受|参加|去了…宴请|吃请|请吃|饭局|吃请",
		"老板|企业|对方|商人|开发商|承包商|包工头|施工方|企业主|供应商…请…吃饭|吃喝|喝酒|宴请|唱歌|洗脚|按摩|钓鱼|旅游",
	}},
	{keys: []string{PrivateGain, EightRules}, status: Favourable, gap: 6, pats: []string{
		"拒收|拒绝|婉拒|谢绝|当场退回|当即退回|当面退回|当场退还…{gift}|好处|红包|礼金|宴请|吃请|钱",
		"{gift}|好处费|礼金|钱…当场退回|当即退回|当面退回|当场退还|当场退了|拒收|婉拒|谢绝|退了回去|原封不动",
	}},
	{keys: []string{PrivateGain, EightRules}, status: Unfavourable, gap: 4, fronted: true, pats: []string{
		"{gift}…收|拿|要|留|收下",
	}},
	// 钱没往自己兜里揣, 没装进腰包
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 8, fronted: true, pats: []string{
		"一分钱|一分|分文|钱|资金|好处…兜里|腰包|口袋|私囊|自己家",
	}},
	{keys: []string{PrivateGain}, status: Unfavourable, gap: 4, pats: []string{
		"装进|揣进|放进|落入|流入|揣到|装到…腰包|口袋|兜里|私囊|自己家",
		// money that reached the cadre's own account
		"给我|向我|往我…转了|转账|打了|汇了|转来|打来|转过|打过…{money}|钱|款",
		"转给我|打给我|汇给我|转到我|打到我…{money}|钱|款|账",
	}},
	// 没敢收, 没收下: refusing with the object left out
	{keys: []string{PrivateGain}, status: Unfavourable, negOnly: true, pats: []string{
		"收下|敢收|敢要|敢拿|收过|要过|拿过",
	}},

	// 违反中央八项规定精神
	{keys: []string{EightRules}, status: Unfavourable, pats: []string{
		"公款…吃喝|宴请|请客|吃饭|吃了|喝了|大吃|旅游|游玩|度假|消费|送礼|购买礼品",
		"公司的钱|单位的钱|集体的钱|公家的钱|项目经费|经费|budget…旅游|游玩|度假|出国玩|海外游|境外游|tour|旅行",
		"超标准|超标|超规格…接待|吃|用餐|宴请|住宿|请客|吃饭",
		"上了|喝了|摆了|开了|用了…茅台|五粮液|高档酒|名酒|高档白酒|好酒|洋酒",
		"高档酒店|高档餐厅|豪华酒店|五星级酒店|私人会所|高档会所…吃|宴请|接待|请|消费|喝",
		"公款…请…吃|喝|饭|客|宴",
		"大吃大喝|违规吃喝|公款吃喝|超标准接待|超标接待|违规接待|违规宴请|高档烟酒|私人会所|大操大办|借机敛财|公车私用|私车公养|违规使用公车|公车改装|酒驾|醉驾|酒后驾驶|赌博|八项规定|四风",
		"开|用|坐|驾驶|开着…公车|公务车|单位的车…回家|办私事|私事|孩子|家人|老婆|亲戚|旅游|钓鱼|接送|自用|买菜|婚礼|老家",
		"违规|滥|乱|擅自|多…发放|发了|发…津补贴|津贴|补贴|奖金|福利|加班费|购物卡|慰问金|实物|年终奖",
		"{duty}…{drink}",
		"{drink}…上班|值班|驾驶|开车|开公车|执勤|处置|参会|开会|执行任务",
		"上班|工作时间|上班时间|值班…打牌|打麻将|赌博|玩游戏|炒股|钓鱼",
		"发|发了|发放|买了|购买|买…购物卡|消费卡|超市卡|加油卡|礼品卡",
	}},

	// 敷衍塞责、推诿扯皮、不作为
	{keys: []string{Inaction}, status: Unfavourable, pats: []string{
		"不归我管|不归我们管|不是我们的事|不是我的事|不是我们的活|不关我们的事|不关我的事|不属于我们管|与我们无关|跟我们无关|就没弄|就没管|也没管|也没弄|一直没弄|一直没管|一直没处理|一直没推动|一直没落实|长期没推动|始终没推动|没去弄|没去管",
		"不归…管",
		"推诿|扯皮|踢皮球|推脱|推卸|推给|敷衍|应付了事|走过场|不作为|慢作为|懒作为|假作为|懒政|怠政|庸政|拖着不办|拖延|拖着|一拖再拖|久拖不决|搁置|不闻不问|视而不见|置之不理|置若罔闻|撒手不管|袖手旁观|不管不顾|不理不睬|不担当|失职|渎职|玩忽职守|不履职|推三阻四|能推就推|推来推去|互相推|相互推|你推我|一直在推|一直推|总是推|往外推|推出去|没人管|无人管|没人负责|无人负责|不了了之|未按要求整改|整改不力|整改不到位|拖了很久|拖了好久",
	}},
	// 以没收到书面意见为由: whatever the excuse says, it is an excuse.
	{keys: []string{Inaction}, status: Unfavourable, gap: 12, anyGap: true, pats: []string{
		"以…为由|作为理由|当理由|作借口|当借口|为借口",
	}},
	// 迟迟 is delay itself; its negator also negates what follows.
	{keys: []string{Inaction}, status: Unfavourable, transparent: true, pats: []string{
		"迟迟没有|迟迟没|迟迟不|迟迟未",
	}},
	{keys: []string{Inaction}, status: Favourable, negOnly: true, pats: []string{
		"劝返|劝阻|制止|处置|到场|到岗|赶到|赶赴|到现场|去现场|赶到现场|推进|落实|履职|履行职责|作为|处理|理会|过问|整治",
		"采取|采取了…措施",
	}},

	// 隐瞒不报、弄虚作假
	{keys: []string{Concealment}, status: Unfavourable, pats: []string{
		"隐瞒|瞒报|瞒着|瞒下|谎报|虚报|漏报|知情不报|隐瞒不报|不报|不上报|压着不报|倒签|伪造|篡改|销毁|编造|捏造|造假|作假|做假|弄虚作假|假材料|假记录|假账|做假账|假数据|假签名|假发票|涂改|串供|统一口径|攻守同盟|隐匿|藏匿|掩盖|欺瞒|蒙混|糊弄",
		"补签…假|日期|时间|会议纪要|纪要|记录|签名|签字",
		"补做|补写|补造|后补|事后补…会议纪要|纪要|记录|签字|签名|台账",
		"日期…写|填|签…当时|之前|以前|提前|往前",
		"倒填|倒签|日期提前|提前日期|提前了日期|往前签|往前写|写早|填早",
		"按达标|按已达标|按合格|按完成|按已完成|当成达标|算作达标…填|报|写|统计",
		"虚增|注水|数据造假|虚假数据|编数据|假数字|虚报数据|数字造假",
		"把…台账|记录|数据|账目|账|凭证|纪要|日期|签名|报表…改了|改成|改掉|修改了|抹掉|删了|删掉|撕了|撕掉|撕毁|烧了|烧掉|扔掉|毁掉|藏起来|做平|抹平",
		"做平|平账|调账|做了手脚|动了手脚|做手脚|动手脚",
		"事后补|后补|补写…会议纪要|纪要|记录|签字|签名",
		"删除|删掉|删了|撕掉|烧掉|毁掉…记录|数据|聊天记录|证据|台账|纪要|凭证",
	}},
	{keys: []string{Concealment}, status: Favourable, gap: 4, pats: []string{
		"如实|主动|及时|第一时间|立即|马上|立刻|当即|当天…上报|报告|汇报|说明|交代|反映|报备",
		"向…组织|纪委|监委|上级|领导|党委|镇里|县里|区里|市里|主管部门|书记…报告|汇报|说明|上报|反映",
	}},
	{keys: []string{Concealment}, status: Favourable, negOnly: true, pats: []string{
		"上报|报告|汇报|说明情况|如实说明|向上反映",
	}},
	// 没说这层关系: a conflict of interest kept from the meeting.
	{keys: []string{Concealment}, status: Favourable, negOnly: true, gap: 4, pats: []string{
		"说|讲|提|说明|披露|申报|报告|回避…这层关系|这个关系|亲属关系|利害关系|亲戚关系|关联关系",
	}},

	// 重特大安全事故、严重环境污染、群体性事件
	{keys: []string{MajorAccident, Consequence}, status: Unfavourable, pats: []string{
		"重大事故|重大安全事故|重特大|特大事故|重大责任事故|较大事故|较大安全事故|死亡|身亡|遇难|丧生|死了人|出了人命|人命|伤亡|人员伤亡|严重污染|严重环境污染|环境污染事故|生态破坏|破坏生态|污水直排|群体性事件|群体事件|聚集上访|集体上访|围堵政府|冲击政府|重大舆情",
		"直排…长江|黄河|江|河|湖|海|水库",
		"死了…人|工人|村民|群众|孩子|学生|名|个",
	}},
	{keys: []string{MajorAccident}, status: Unfavourable, negOnly: true, pats: []string{
		"安全事故|事故|出事故",
	}},

	// 重复出现同样的失误
	{keys: []string{Repeat}, status: Unfavourable, pats: []string{
		"又犯|又出现|又发生|又出了|又一次犯|重复出现|重复发生|重复犯|屡次|屡犯|屡教不改|一犯再犯|一而再|老毛病|旧病复发|再犯",
		"再次|又一次|再一次|一再|多次|第二次|第三次…出现|发生|犯|违反|被问责|被处理|被通报|被批评|出了",
		"同样|类似|相同|一样…问题|错误|失误|情况…又|再次|再|重复|还是",
	}},
	// 以前从没被处分过: the negator sits inside.
	{keys: []string{Repeat}, status: Unfavourable, gap: 20, fronted: true, pats: []string{
		"以前|之前|此前|过去|上次|上回|前年|早年…被处理过|被处分过|被问责过|被通报过|被批评过|被诫勉过|被约谈过|被警告过|受过处分|受过处理|受到过处分|受到过处理|挨过处分|处分过|问责过|处理过|通报过|批评过|受过批评",
		"曾|曾经…被处理|被处分|被问责|被通报|受到处分|受到处理|受处分|受过处分|受过处理",
	}},
	{keys: []string{Repeat}, status: Favourable, pats: []string{
		"初犯|第一次犯|头一次犯|第一次出现|头一回犯|首次出现",
	}},
	{keys: []string{Repeat}, status: Unfavourable, negOnly: true, pats: []string{
		"出过|出现过|发生过|犯过…类似|同样|相同|这样|这类|这种…问题|错误|失误",
	}},
}
