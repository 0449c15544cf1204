package advisor

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// Intent is decided in layers, on the whole message and on its question
// clauses together:
//
//  1. Over the whole message: a request to falsify, back-date, hide or delete
//     evidence, to dodge an inquiry, to reveal other people's data or the
//     assistant's internals, or an instruction to drop the rules (prompt
//     injection, a dictated or "stamped" conclusion) is refused, whatever else
//     the message says.
//  2. Quoted text (“…”, 「…」, '…') is masked: a quoted statute phrase asks
//     about the phrase, it tells no story.
//  3. A message outside the domain's vocabulary, or inside it only by a
//     look-alike (服务器容错, 考试的容错机会, 投标文件格式容错), is out of scope.
//  4. The question clauses say what is asked: a judgment of a case (能容错吗,
//     会被处分吗), a procedure (怎么申请, 多久, 找谁, 会不会影响提拔, 能不能申诉)
//     or a meaning (什么是, 什么意思, 有什么区别, 哪几个). An own case needs a
//     first-person or own-unit clause that tells a deed: something done at
//     work, not only a sanction received (受了警告处分 asks about a procedure).
//  5. What the rules leave open, the nearest examples of the example bank
//     (intent_bank.go) decide; there is no length rule.

var (
	// Falsifying, hiding or back-dating evidence, or dodging the inquiry.
	// Strong verbs are wrong whatever their object; weak ones (修改, 删除, 补写)
	// only with an object that is evidence: "内容错误怎么修改" is not a request
	// to falsify anything.
	strongVerb  = `(伪造|造假|编造|捏造|篡改|涂改|倒签|做假|做个假|假的|虚构|销毁|藏匿|隐匿|瞒|隐瞒|掩盖|遮掩|统一口径|串供|对口供|攻守同盟|顶包|背锅|顶罪|提前日期|日期提前|往前写|往前改|往前挪|往前调|写早|改早|格式化|彻底删除|做平|平账|抹平|编|仿|模仿|冒签|代签)`
	weakVerb    = `(换掉|换一下|替换|调包|抽掉|拿掉|改动|修改|改一下|改成|改掉|改到|改为|重写|补写|补签|后补|补做|补一份|做一份|弄一份|搞一份|重新做|重做|做一本|另做一本|写一份|写份|写个|弄个|做个|出一份|出个|生成一份|拟一份|删掉|删除|删了|删|清除|清空|撕掉|烧掉|扔掉|藏起来|转移|处理掉|P一下|p一下|修一下|补进去|加进去)`
	evidenceObj = `(参会人员|签到表|参会名单|签名表|报价单|比价单|询价单|记录|纪要|会议记录|日期|时间|签名|签字|材料|台账|凭证|账|票据|发票|合同|证据|聊天|微信|短信|录音|审批单|请示|档案|口径|口供|钱|款|监控|报销表|U盘|u盘|硬盘|电脑|白条|流水|照片|公示|单据|报表|账目|日志|病历|病程记录|分录|报销单|事故报告|原始表|原件|收据)`
	askFrame    = `(请(按照|按|帮|你|给)|怎么|怎样|如何|咋|能不能|能否|可不可以|可以|有没有办法|有什么办法|有啥办法|帮我|帮忙|给我|替我|教我|教教|告诉我|你|想|打算|准备|要不要|需不需要|应该|赶紧|最好|麻烦)`
	clause      = `[^，。；！？,;!?]`

	reRefuse = []guarded{
		// "帮我编造一个理由", "能不能倒签日期"
		mustGuard(askFrame + clause + `{0,20}` + strongVerb),
		// "怎么把会议纪要改成去年的", "帮我写一份去年三月的党委会会议纪要"
		mustGuard(askFrame + clause + `{0,20}` + weakVerb + clause + `{0,16}` + evidenceObj),
		mustGuard(askFrame + clause + `{0,20}` + evidenceObj + clause + `{0,12}` + weakVerb),
		// "会议纪要能不能补签", "聊天记录要不要删"
		mustGuard(evidenceObj + clause + `{0,12}(能不能|能否|可不可以|可以|要不要|怎么|如何|该不该|需不需要)` + clause + `{0,6}(` + strongVerb[1:len(strongVerb)-1] + `|` + weakVerb[1:len(weakVerb)-1] + `)`),
		// "帮我起草一份…会议记录", "日期麻烦挪到开工前"
		mustGuard(askFrame + clause + `{0,10}(起草|拟|写|做|出|补|编)(一)?(份|个|张)` + clause + `{0,16}` + evidenceObj),
		mustGuard(`(帮|你|麻烦|能不能|可不可以|教|怎么|需要|我要)[^。！？!?]{0,40}(日期|时间)[^。！？!?]{0,10}(往前|往后|推后|提前|挪到|改成|改到|改为|写成|写早|写晚|倒|显示成|显示为|弄成)`),
		// "跟施工方把说法统一一下，就说那钱是借的"
		mustGuard(`就说(那|这)?(笔)?(钱|款|东西|卡)?(是)?借的`),
		// "会议记录的日期写错了，帮我改成去年的": the object told before the request
		mustGuard(evidenceObj + `[^。；！？;!?]{0,16}(帮我|给我|替我|麻烦|能不能|你)[^。；！？;!?]{0,4}(改成|改到|改为|写成|倒签|挪到|提前到|往前挪)`),
		// "让会计把账做平，就当没发生过，怎么做最稳妥"
		mustGuard(strongVerb + `[^。；！？;!?]{0,16}(怎么|如何|咋)(做|办|弄|搞)?(才|最|比较)?(稳妥|保险|安全|好)`),
		mustGuard(`就当(没|啥都没)(有)?发生(过)?`),
		// "聊天记录，怎么删才…": the object told before the request
		mustGuard(evidenceObj + `[^。；！？;!?]{0,20}(怎么|如何|咋|能不能|要不要|哪些该|哪些要|哪些得|哪些需要|该不该)[^。；！？;!?]{0,6}(删|销毁|清除|格式化)`),
		// dodging: "让纪委查不出来", "不被发现", "躲过调查"
		// ("账上查不到" states a fact; "怎么才能查不到" asks to make it so.)
		mustGuard(`(怎么|怎样|如何|咋|才能|才会|能不能|有没有办法|让|使|好让|以免|免得|别让|不让|帮我)` + clause + `{0,8}(查不出|查不到|不被(发现|查到|知道)|(纪委|组织|上级|审计|巡察组)(不知道|发现不了|查不到)|躲过|逃过|逃避|规避)`),
		// "改完看不出痕迹": a change no one can see
		mustGuard(`(改|修|弄|做|删)(完|了|好)?` + clause + `{0,4}(看不出|不留)(痕迹|来)`),
		mustGuard(`(像真的|跟真的一样|以假乱真|看不出是假的|看不出来是补的|像原件|跟原件一样|和原件一样)`),
		// "改得前后对得上": a record made consistent with a falsehood
		mustGuard(`(怎么|如何|咋|帮我|给我)[^。！？!?]{0,16}(改|弄|调|理|做)(得|成)[^，。；！？,;!?]{0,4}(前后)?(对得上|一致|对上|圆上|吻合)`),
		// "就说是正常的工作往来": a cover story asked for
		mustGuard(`就说(是|成)?[^，。；！？,;!?]{0,10}(正常|借的|借款|往来|别人收|同事收)`),
		// "才不容易被统计督察发现"
		mustGuard(`(不容易|不会|不至于|别)被[^，。；！？,;!?]{0,8}(发现|查出|查到|看出)`),
		// "要写得看不出是我收的"
		mustGuard(`(写|做|弄|改|说)得[^，。；！？,;!?]{0,4}看不出(来)?(是|有)`),
		// "帮我把情况说明写得漂亮点，那两万块别提": a statement with a fact left out
		mustGuard(`(帮我|给我|替我|你|请)[^。！？!?]{0,10}(写|起草|拟|准备|弄)[^。！？!?]{0,30}(别提|不要提|不提|隐去|略去|略过|省去|省掉)`),
		mustGuard(`(删|删掉|删除|销毁|清掉|清理)[^。！？!?]{0,6}(比较|才|最)?(保险|安全|稳妥)`),
		mustGuard(`(弄|做|搞|出|写|编)(几|两|三|四|五)(份|张)` + clause + `{0,10}(报价单|比价单|询价单|报价|记录|纪要|合同|发票|证明|收据)`),
		// "发票对不上，怎么处理掉比较稳妥", "聊天记录删干净有什么办法"
		mustGuard(evidenceObj + `[^。！？!?]{0,24}(怎么|如何|咋|怎样)(处理掉|弄掉|搞掉|消掉|抹掉|删掉|删|销毁)[^。！？!?]{0,4}(比较|才|最)?(稳妥|保险|安全|干净)`),
		mustGuard(evidenceObj + `[^。！？!?]{0,12}(删干净|删彻底|清干净|彻底删)[^。！？!?]{0,8}(办法|怎么|如何|咋)`),
		// "签到表上加几个没来开会的人的名字，显得是集体决策"
		mustGuard(`(加|添|补|签)[^。！？!?]{0,12}(没来|没到|没参加|没参会|不在场|没出席)[^。！？!?]{0,10}(名字|签名|名单)`),
		mustGuard(`(显得|看起来|看上去|装作|弄得像)(是|像)?[^，。；！？,;!?]{0,6}(集体决策|集体研究|集体决定|开过会|研究过|上过会|讨论过)`),
		// "聊天记录我已经删了，还有哪些地方要清理干净": what else to destroy
		mustGuard(`(我|我们)(已经|都|早就|先)?(删了|删掉了|清了|清掉了|销毁了|处理掉了)[^吗么][^。]{0,30}(还有|还要|哪些|哪里)[^。！？!?]{0,8}(清理|删|销毁|处理掉|清除)`),
		// "帮我编个说法", "编一个理由"
		mustGuard(`(编|编个|编一个|编一套|想个|找个)(说法|理由|借口|故事|证明|材料)`),
		// a document that only the competent organ issues, asked of the assistant
		mustGuard(`(生成|出具|开具|写|做|给我|帮我|伪造|出一份|出份|出个|出一个)` + clause + `{0,24}(盖章|公章|红头|文号|认定书|决定书|认定决定|认定结论|免责证明|批复)`),
		// "以县委的名义写一份批复": a document in an organ's name
		mustGuard(`(请|帮我|帮忙|你|给我|替我|麻烦)` + clause + `{0,4}以` + clause + `{0,8}名义` + clause + `{0,6}(写|出|发|拟|出具|开)(一)?(份|个|张|封|篇)`),
		// "账本里有几页对我不利，我想把它撕掉": the object told before the wish
		mustGuard(evidenceObj + `[^。；！？;!?]{0,20}(想|打算|准备|要不要|能不能|干脆)` + clause + `{0,8}(撕掉|撕了|烧掉|烧了|扔掉|藏起来|销毁|删掉|处理掉)`),
		// "怎么让录像看不出被剪过": a change no one is to notice
		mustGuard(`(让|使|怎么|如何|咋)` + clause + `{0,12}看不出(来)?(被|是|有)?(剪辑|剪过|修改|改过|改动|动过|删过|补的|假的|伪造)`),
		// "怎么删才干净": how to destroy without a trace, whatever the object
		mustGuard(`(怎么|如何|咋|怎样)(才能|才)?(彻底|完全|全部)?(删|删除|销毁|清除|清理|处理)(掉)?(才|得|比较|最)?(干净|彻底|查不到|查不出)`),
		// "帮我写个情况说明交给纪委，…别提我收了…": a statement asked for with a fact left out
		mustGuard(`(帮我|给我|替我|你|请)[^。！？!?]{0,10}(写|起草|拟|准备|弄)[^。！？!?]{0,20}(情况说明|说明|检查|材料|汇报|报告|申请|陈述)[^。！？!?]{0,40}(别提|不要提|不提|别写|不要写|不写|隐去|略去|略过|省去|去掉|跳过|避开|别说|不要说)(我|那|这|收|拿|钱|礼|红包|烟|酒|关系|他|亲)`),
		// "帮我写个情况说明，就说是班子集体研究决定的": a statement asked for that says what was not done
		mustGuard(`(帮我|给我|替我|你帮|请你)[^。！？!?]{0,10}(写|起草|拟|弄|改)[^。！？!?]{0,16}(就说是|就说|就写|说成|写成)[^。！？!?]{0,12}(集体研究|集体决定|上会|开过会|研究决定|程序合规|都合规)`),
		// "…企业送的那张购物卡千万别提", "把收茶叶那段去掉…你帮我改一下": a fact to be left out of what is written
		mustGuard(`(购物卡|红包|礼金|礼品|茶叶|烟|酒|钱)[^。！？!?，,]{0,6}(千万|一定)(别提|不要提|别写|不要写)|(能不能|可不可以|帮我|你帮我|怎么)[^。！？!?]{0,6}把[^。！？!?]{0,12}(那段|这段|那部分|这部分|那句)[^。！？!?]{0,2}(去掉|删掉|拿掉)`),
		// "點樣將啲單據日期改早啲": dates moved earlier
		mustGuard(`(怎么|如何|咋|点样|能不能|帮我|可以)[^。！？!?]{0,8}日期[^。！？!?]{0,4}(改早|往前改|往前挪|写早|提前写)`),
		// "别让乡里看出来": a change no one above is to notice
		mustGuard(`(别让|不让|免得|以免|不要让)[^，。；！？,;!?]{0,6}(看出来|看出|察觉|发觉|看到|看见|发现)`),
		// "把没到场的几个人也加上": people who were not there added to a record
		mustGuard(`(没到|没到场|没来|没参加|没参会|不在场|没出席)[^。！？!?]{0,10}(也)?(加上|加进去|写上|签上|补上|列上)`),
		// "怎么调几笔分录能让两边平了": accounts made to balance
		mustGuard(`(调|做|改|凑)[^，。；！？,;!?]{0,6}(分录|账|账目)[^，。；！？,;!?]{0,8}(平了|做平|对上|两边平)`),
		// "把结论那段改成“经县纪委常委会研究认定”": words of a competent organ put on the answer
		mustGuard(`(改成|写成|写上|加上|署上|改为|弄成|落款)[^。！？!?]{0,4}[“"'「]?经?[^。！？!?”"'」]{0,12}(纪委|监委|常委会|党委会|党组会|组织部)[^。！？!?”"'」]{0,8}(研究|认定|决定|批准)`),
		// "红包其实是立案以后才退的…就写收到当天就退了": a timing the teller says is false, asked to be written
		mustGuard(`(其实|实际上|实际|事实上)[^。]{0,20}(以后|之后|后来|后)才[^。]{0,60}(就写|就说|写成|说成|写上)[^。！？!?]{0,12}(当天|当场|马上|立刻|及时)`),
		// "纪委让我写情况说明。企业送购物卡那段能不能帮我略过去": a part of a statement to be skipped
		mustGuard(`(情况说明|说明材料|检查材料|汇报材料|报告)[^？?]{0,40}(那段|那部分|这段|这部分|那笔|那件事|那些事)[^。！？!?]{0,10}(略过去|略过|跳过|省略|隐去|抹掉|一笔带过|删掉|去掉|拿掉)`),
		// "怎么说才能让他们认成是正常借款", "材料怎么写才像是为了工作": a wrong made to look right
		mustGuard(`(怎么|如何|咋|教我|教教我)[^。！？!?]{0,10}(说|写)[^。！？!?]{0,4}才(能)?(让|像|显得|看起来|算)[^。！？!?]{0,12}(认成|认定为|当成|像是|是正常|为了工作|是借|借款)|(补|补一|补个|补张)(张|份)?借条`),
		// "三个人口径别对不上": accounts agreed among witnesses (串供)
		mustGuard(`(帮我|你帮|教我|替我|给我)[^。！？!?]{0,16}(说法|证词|口径)[^。！？!?]{0,6}(理顺|对好|统一|一致)|(帮我|你帮|教我|替我|怎么|如何)[^。！？!?]{0,10}(串供|统一口径|对口径|对好口径)`),
		// "教我拆成几张办公用品发票入账，要看不出来": spending disguised
		mustGuard(`(拆成|拆分成|化整为零|分成)[^。！？!?]{0,10}(发票|票|笔)[^。！？!?]{0,10}(入账|报销|报掉|走账)|(要|得|让人)看不出来`),
		// "购物卡那段就别提了": a statement asked for with a part left out
		mustGuard(`(帮我|给我|替我|你|请)[^。！？!?]{0,10}(写|起草|拟|准备|弄)[^。！？!?]{0,20}(情况说明|说明|检查|材料|汇报|报告|申请|陈述)[^。]{0,40}(那段|那部分|那些|那件事|那笔|这段|这部分)(就|也)?(别|不要|不)(提|写|说)`),
		// "把“我个人决定”改成“经集体研究”": a personal decision written up as a collective one
		mustGuard(`(改成|写成|改为|说成)[“"'「]?经?(集体研究|集体决定|集体讨论)`),
		// "帮我把招待费拆成几笔会议费报掉": expenses dressed up as something else
		mustGuard(`(帮我|给我|替我|怎么|如何|能不能|你)[^。！？!?]{0,16}(拆成|拆开|分拆|化整为零|换个名目|换成|改成|做成)[^。！？!?]{0,12}(报掉|报销|走账|入账|报了|冲账)`),
		// "白条怎么做成正规票据": an informal record turned into a proper-looking one
		mustGuard(`(怎么|如何|咋|帮我|教我|给我|能不能|可不可以)[^。！？!?]{0,12}(做成|弄成|变成|换成|开成)` + clause + `{0,4}(正规|正式|合规|能报销|能入账)`),
		// "把那一段删掉，改成…": a statement with a fact taken out
		mustGuard(`(帮我|给我|替我|你|请)[^。！？!?]{0,10}(改|修改|写|起草|润色)[^。！？!?]{0,30}(情况说明|说明|检查|材料|汇报|报告)[^。]{0,40}(这一段|那一段|这段|那段|这句|那句|这部分|那部分)[^。！？!?]{0,4}(删掉|删了|去掉|拿掉|删除|改成|改为)`),
		// "转到朋友名下代持": an interest held in someone else's name
		mustGuard(`(怎么|如何|咋|帮我|能不能|可不可以)[^。！？!?]{0,16}代持`),
		// "这样审计查不出关联关系": so that those who check cannot find it
		mustGuard(`(这样|以便|好让|免得|以免)` + clause + `{0,8}(查不出|查不到|看不出|发现不了|不被发现)`),
		// "让他们看不出来是吃饭": an expense hidden from those who check
		mustGuard(`(让|使|好让)` + clause + `{0,6}看不出(来)?(是|有)`),
		// "就写当天电话报备过了": a step written up as taken
		mustGuard(`就写(成)?[^。！？!?]{0,10}(报备过|报告过|请示过|研究过|开过会|上过会|批过|同意过)`),
		// "教我怎么跟纪委说才能不扯出这层关系": coaching to mislead those who check
		mustGuard(`(怎么|如何|咋)(跟|向|对)(纪委|监委|组织|审计|巡察组|调查组|专案组)(说|讲|交代|解释)[^。！？!?]{0,16}(才能|能让|让他们|好让|不扯出|不暴露|认定成|认成|说成|当成)`),
		// "make it look as if a meeting was held"
		mustGuard(`(显得|看起来|弄得像|搞得像|做成|装作|假装)` + clause + `{0,10}(开过会|上过会|集体研究|研究过|请示过|审批过|批过)`),
	}
	// reRefuseTold: the shape of a falsified record ("写成去年五月去现场看过，
	// 其实当时没去"), which is a request when nothing else is said and a
	// confession when the message tells it as done and asks what follows
	// (补做了一份记录，写成集体研究过，其实没开会，能容错吗): see classifyStory.
	reRefuseTold = []guarded{
		mustGuard(`(不露馅|不穿帮|圆过去|圆一下|圆回来|圆谎|瞒过去|瞒得住|蒙混过关|瞒天过海|糊弄过去|应付过去|混过去|串个供|串一下供|对好口径|口径一致|说成是|包装成|粉饰成)`),
		mustGuard(`(写成|写作|填成|说成|报成|改成|弄成)` + clause + `{0,20}[，,\s]*(其实|实际上|但是|但|可是|可)` + clause + `{0,10}(没|不是|并没|未)`),
		mustGuard(`(就说|就写|写成|说成|说是|写的是)[^。；！？;!?]{0,20}[，,](其实|实际上)`),
		// "写成馆务会集体研究的": a decision written up as collective
		mustGuard(`(写成|改成|说成|改为)` + clause + `{0,6}(集体研究|集体决定|集体讨论)`),
		// "让下面几个人统一口径": stories agreed on; a request when nothing
		// else is said, told of someone else or confessed otherwise
		mustGuard(`(对|统一|串|商量)(一下|好|个)?(口径|口供)`),
		mustGuard(`(统一|对好|对一下|串|商量好)[^，。；！？,;!?]{0,4}(说法|口径|口供)|(说法|口径)[^，。；！？,;!?]{0,4}(统一|对好|对上|一致)`),

		// "落款日期写事发第二天": a date set back on a document written now (not
		// 日期写到了事发前, told as done: a confession to assess)
		mustGuard(`(落款|日期|时间)` + clause + `{0,4}(写|签|填|标|打)(成|为|在|到)?[^了，。；！？,;!?]{0,4}(事发|当时|当天|那天|第二天|次日|前一天|去年|上个月|上月|开工前|事前|事发前)`),
		// "把中标写成正常公开招标中的标": an irregular act written up as a regular one
		mustGuard(`(写成|说成|包装成|弄成|报成)` + clause + `{0,8}(正常|合规|公开招标|依法依规)`),
	}

	// Asking for other people's data or the assistant's internals.
	reLeak = mustGuard(`(还有|有)谁[^。！？!?]{0,6}(在)?问(你|过你|了你)|(在这|这里|这儿)问过[^。？?]{0,12}(叫什么|是谁|问的啥|问的什么|问了什么|给我看)|(别人|其他人|他人|谁|哪些人|的人)[^。！？!?]{0,12}(问过|咨询过|用过|申请过)[^。！？!?]{0,16}(列|发我|发给我|告诉我|给我|姓名|名字|单位|结果)|是不是[^。！？!?]{0,1}(用过|问过|咨询过|申请过)[^。！？!?]{0,10}(结果|什么|告诉我|能告诉)|(当事人|别人|他人)的?(姓名|名字|单位)[^。！？!?]{0,6}(发我|发给我|告诉我|给我)|(上一个|上个|前一个|之前那个|刚才那个|前面那个)[^。！？!?]{0,6}(问|咨询|用)[^。！？!?]{0,8}(的人|的用户)|(其他人|别的人|他人|别人)(问|咨询)的[^。！？!?]{0,10}(发我|发给我|给我看|看看|告诉我)|(别人|其他人|他人|那个|局长|镇长|乡长|书记|主任|领导|同事)[^。！？!?]{0,8}(问过你|问你的|问了你|咨询过你|来问过)|(查|查一下|查查|告诉我|给我)[^，。；！？,;!?]{0,10}(身份证号|家庭住址|住址|手机号码|电话号码|行踪|开房记录)|(用户|别人|他人|其他人)[^，。；！？,;!?]{0,8}(问题|回答|记录|对话|聊天)[^，。；！？,;!?]{0,8}(发给我|给我看|告诉我|发我|输出|导出)|(输出|导出|给我|告诉我|发我|发给我|列出|显示|看看)[^，。；！？,;!?]{0,6}(所有|全部|其他|别的)?[^，。；！？,;!?]{0,4}(用户|别人|他人|其他人)的?[^，。；！？,;!?]{0,4}(聊天记录|对话|记录|信息|数据|问题|手机号|电话|身份证|住址|姓名|名单)|(输出|显示|告诉我|泄露|发给我|原样|看看)[^，。；！？,;!?]{0,8}(系统提示|提示词|system prompt|后台|内部设置|配置)|(系统提示|提示词|system prompt|后台|内部设置)[^，。；！？,;!?]{0,12}(发|给我|告诉|输出|看看|显示|原样)|(别人|其他人|他人|有个|那个)(.){0,24}(问过|来问|咨询过)(.){0,20}(说了什么|说了些什么|问了什么|问了些什么|都说了|内容)|(问过|来问|咨询过|来过)(.){0,30}(他|她|他们|对方)(都)?(说|问)(了|的)(些|是)?(什么|啥)|(设定|设置|提示词|系统提示|开发者|prompt|规则表|规则库|关键词|词表)[^。！？!?]{0,16}(贴出来|发出来|原样|给我看|发给我|告诉我|打印|输出)|(其他|别的|别人)[^。！？!?]{0,10}(问过|问的|咨询)[^。！？!?]{0,20}(发给我|给我|告诉我|列出)|(别的|其他|别人|其他人|他人)[^。！？!?]{0,12}(问过|问了|咨询过|聊过)(些)?(什么|啥)|(查|分析|猜|弄清|搞清|打听|找出|找到)(出|到)?[^。！？!?]{0,6}(是谁|谁)[^。！？!?]{0,4}(举报|告|反映|投诉)|(让|叫|逼|劝)(他|她|举报人|对方|他们)[^。！？!?]{0,6}(撤回|撤销|收回)|(来问|问过|咨询过|用过)[^。！？!?]{0,16}的(名字|姓名|单位|电话|身份|信息|联系方式)|(都有谁|有谁|哪些人|哪些干部)[^。！？!?]{0,6}(申请过|问过|用过|咨询过)|(是谁|谁)(举报|告|反映|投诉)(的|了)?我|(列出|导出|发给我|给我|告诉我|输出|显示)[^。！？!?]{0,12}(用户|别人|他人|其他人)[^。！？!?]{0,16}(案例|原文|姓名|单位|名字|记录|对话|问题)|(来咨询|来问|咨询过|问过|来过)[^。！？!?]{0,12}(问题|记录|内容|对话|聊天)[^。！？!?]{0,6}(发给我|给我看|发我|告诉我|看看)|(举报人|举报我的人|举报的人|告我的人|投诉我的人)[^。！？!?]{0,16}(手机|电话|住址|姓名|名字|身份|单位|工作单位|家在哪)[^。！？!?]{0,8}(查出来|查到|告诉我|发给我|发我|给我)|(查|查出|告诉我|打听|弄到|找出)[^。！？!?]{0,6}(举报人|举报我的人|举报的人|告我的人|投诉我的人)[^。！？!?]{0,8}(手机|电话|住址|姓名|名字|身份|单位|工作单位|家在哪)|(手机号|电话号|住址|身份证号|行踪|家庭情况)[^。！？!?]{0,10}(查出来|查到|告诉我|发给我|发我)|(他|她|别人|他人|某某|同事|领导)的?(人事)?(档案|处分记录|个人信息|举报材料|考核材料)[^。！？!?]{0,6}(调出来|调出|调取|查出来|给我看|发给我|发我)|(调出来|调取|调阅|调出)[^。！？!?]{0,6}(给我|发我|让我)(看|瞧)?|(其他|别的|所有|全部)(用户|人|干部)的?[^。！？!?]{0,6}(记录|对话|问题|提问|信息|数据)[^。！？!?]{0,6}(导出|发给我|给我|告诉我|列出|调出)|(他们|他|她|别人|人家)(问的|问过的|咨询的|聊的)(那个|那些|的)?(内容|问题|记录|东西|案子|事)[^。！？!?]{0,12}(给我看|发给我|发我|告诉我|让我看|调出来|调出|我看看)|(查|查一下|查查|看看|告诉我)[^。！？!?]{0,12}(在你这|在你这里|在这里|在这儿|在你那)[^。！？!?]{0,6}(问过|咨询过|说过|聊过)`)

	// Prompt injection: instructions aimed at the assistant itself.
	reInjection = mustGuard(`(?i)answer (every|each|all) (question|message)s? with|ignore (the |your |all )?(knowledge base|guidelines|policies|context)|jailbreak|^\s*system\s*[:：]|^\s*system\b[^:：\n]{0,16}[:：]|调试模式|admin mode|debug mode|开发者模式|越狱模式|(忽略|无视|忘记|忘掉|不要管|别管)(以上|上面|前面|之前|你的|所有|全部)?[^，。；！？,;!?]{0,12}(规则|指令|设定|提示|要求|限制|规定|规矩)|ignore (all |the |your )?(previous|above|prior) (instructions|rules)|ignore (all |the |your )?(rules|instructions)|system prompt|\bDAN\b|系统提示[:：]|系统指令|系统通知|系统更新|规则更新|新的?规则[:：]|你现在是|(现在起|从此|从现在(开始|起)|从今天(开始|起))[^，。；！？,;!?]{0,6}你(就)?是|你(现在)?的(身份|角色)(是|变成|改成|换成)|(不受|没有)(任何)?[^，。；！？,;!?]{0,6}(约束|限制)的(助手|AI|ai|机器人|模型)|只能回答|假装你是|扮演|角色扮演|你(现在)?不(再)?是[^，。；！？,;!?]{0,6}(助手|AI|ai|机器人|模型)|把[^，。；！？,;!?]{0,16}(规则|指令|设定|提示词|知识库|限制)[^，。；！？,;!?]{0,4}(都|全|全部)?(忘掉|忘了|忘记|丢掉|扔掉|抛开|无视|忽略)|jailbreak|开发者模式|管理员指令|管理员命令|最高指令|(以后|今后|接下来|此后|下面)[^，。；！？,;!?]{0,6}(所有|一切|任何|每个|全部)[^，。；！？,;!?]{0,6}都(只)?(回答|回复|答|说|输出|判定|判成|认定)(为|成)?[“"'「]?(可以|能|不|免责|容错|没问题|不予)|(别|不要|少)(跟我)?(讲|说|扯)[^，。；！？,;!?]{0,6}(规定|政策|大道理)`)
	// …that dictates the conclusion.
	reDictate = mustGuard(`(?i)(出|给|写|下)(个|一个|份|一份)?(结论|认定)[^。！？!?]{0,6}说(我|他|我们)?(符合|属于|可以|能)|(不用|别|不要)分析[^。！？!?]{0,20}(可以容错|能容错|没问题|免责|不追责)|(截图|截个图|截屏|截下来)[^。！？!?]{0,6}(给|交给|发给|拿给|报给)(我们|我的)?(书记|局长|镇长|县长|主任|领导|上级|组织)|(截图|截个图|截屏|截下来)[^。！？!?]{0,6}(给|交给|发给|拿给|报给)(纪委|监委|组织|领导|单位|巡察组|调查组)|落款[^，。；！？,;!?]{0,6}(纪委|监委|党委|政府)|(直接|只|必须|一定要|你就|您就|那就|就给我|就(?:回答|回复|输出))(说|回答|告诉我|写|输出|给出|生成|给我出|给我输出|给我写|出)[^，。；！？,;!?]{0,12}(可以|能|肯定|一定|没问题|免责|容错|不会|决定书|认定书)|(不用|别|不要)分析[^。！？!?]{0,12}(结论|意见|认定)|(结论|意见书|认定意见|认定书)[^。！？!?]{0,16}(拿去|交给|递给|报给|给|拿给)(给)?(纪委|监委|组织|领导|单位|巡察组|调查组)`)

	// …that dictates a favourable conclusion to the assistant: refused
	// whatever case is told beside it ("你就说这个可以容错", "直接给我写一个
	// '属于容错情形，免予问责'的结论"). A question about the conclusion (你就说
	// 能不能容错吧) asks for a judgment; see dictatesConclusion.
	reDictateFixed = mustGuard(`(?:(?:你|请)[^，。；！？,;!?]{0,4}(?:就|只|只需要|只要|只管|直接|必须|一定要)?(?:给我|帮我|替我)?|(?:直接|必须|一定要)(?:给我|帮我|替我)|(?:只需要|只管)(?:给我|帮我|替我)?)(说|回答|回复|写|输出|给出|生成|出具|宣布|认定|判定)[^，。；！？,;!?]{0,14}(?:可以容错|能容错|予以容错|属于容错|符合容错|容错情形|免予问责|不予问责|免予处分|不予处分|免责|不追责|不追究|没问题|没有问题)|就(回答|回复|输出)[^，。；！？,;!?]{0,14}(?:可以容错|能容错|予以容错|属于容错|符合容错|容错情形|免予问责|不予问责|免予处分|不予处分|免责|不追责|不追究|没问题|没有问题)`)
	reOpenAsk      = regexp.MustCompile(`能不能|可不可以|能否|是否|可否|会不会|是不是|算不算|有没有|还是|吗|么|嘛|[？?]`)

	// Questions about how to apply, who decides, what to prepare, time
	// limits, appeals and the consequences of a sanction.
	reProcedure = mustGuard(`主动[^，。；！？,;!?]{0,12}(说清楚|讲清楚|交代|说明情况|坦白|说了)[^。！？!?]{0,20}(从轻|减轻|加分|情节)|(从轻|减轻)(处分|处理)?的?(情节|情形)|退休[^。！？!?]{0,20}(还会|还能|还要|会不会)[^。！？!?]{0,6}(处分|处理|追究|问责)|(免职|撤职|降职|免了职)[^。！？!?]{0,10}(还会|会不会)(再)?[^。！？!?]{0,4}(处分|处理)|还会再(给|被|受)[^，。；！？,;!?]{0,6}(处分|处理)|(谁来|由谁|哪个部门|哪一级|哪级)(来)?(认定|决定|受理|审批)|(找|向)(哪一级|哪级|哪个部门)|(多少天|多久|几天|多长时间)[^，。；！？,;!?]{0,4}(出)?结果|公开澄清|(问责|处分|处理|处罚|组织处理)(的)?(方式|形式|种类|类型)[^，。；！？,;!?]{0,6}(哪几种|哪些|几种)|最重的(是|处分|一种)|最重(能|会|可以)?(到|是|判|给)(什么|哪)(程度|一级|种|个|处分|处理)|(必须|需要|要|得)(本人|自己|个人)(写|提出|提交|递交|去提|提)?申请|(纪委|监委|组织|单位)[^，。；！？,;!?]{0,8}主动(考虑|启动|适用|认定)|(还)?(发不发|给不给|扣不扣|停不停|降不降)|(啥子|什么|啥|哪些)程序|(问责|处分|处理|处罚)[^，。；！？,;!?]{0,6}(哪几种|哪些|几种)(方式|形式|种类)|(期间|期内)[^，。；！？,;!?]{0,10}(受限|限制|不能|不得)|(哪些|什么)权利|(去|到|在)?(哪里|哪儿|哪)(能)?(查|查到|找到|看到|下载)|(多久|多长时间|几年|多少年)(以后|之后)?(才)?(能|可以)?(重新)?(任职|提拔|使用|晋升|评优)|(怎么|怎样|如何|咋|去哪|到哪|向谁|找谁|跟谁|由谁|谁来|哪个(部门|机关|单位)|哪里)[^，。；！？,;!?]{0,10}(申请|提出|启动|认定|办理|申诉|复审|复核|申辩|报备|备案|走程序|写申请|提交|反映|操作|进行|纠正|撤销|解除|恢复)|(申请|认定|办理|申诉|复审|复核|报备|容错|解除|撤销)[^，。；！？,;!?]{0,8}(流程|程序|步骤|手续|材料|时限|期限|多久|多长时间|几天|需要什么|要什么|准备|找谁|向谁|谁来|谁认定|谁决定)|(流程|程序|步骤)是(什么|怎样|怎么样)|需要(准备|提交|提供)(哪些|什么)|(多久|多长时间|几天|几个月|多少天)(能|会|可以)?(出|有|作出)?(结果|结论|决定)|(对|不服)[^，。；！？,;!?]{0,12}(不服|申诉|复审|复核)|风险(预)?报备|事前报备|事先报备|提前报备|(什么时候|何时|啥时候)[^，。；！？,;!?]{0,6}(提出|申请|申诉|报备)|(还能|还可以|能不能|可不可以|能否)[^，。；！？,;!?]{0,4}(申请|申诉|复审|复核|申辩|撤销|纠正)|(怎么|如何|怎样)(纠正|澄清|恢复名誉|消除影响)|(诬告|冤枉|不实举报|不实反映)[^，。；！？,;!?]{0,8}(怎么办|咋办|能澄清|能不能澄清|怎么澄清)|(以后|之后|后)[^，。；！？,;!?]{0,4}(还要|还需要|需要)(做什么|干什么|怎么做)|(影响|耽误)[^，。；！？,;!?]{0,6}(提拔|晋升|升职|提职|考核|评优|评先|使用|任用|职级|工资)|(提拔|晋升|升职|提职|晋级|评优|评先|职级|工资档次|涨工资|评职称|职称)[^，。；！？,;!?]{0,8}(吗|么|多久|多长时间|几年|受影响|有影响|影响)|先(向|跟|找|给)[^，。；！？,;!?]{0,6}报备|(多久|多长时间|几年|几个月)[^，。；！？,;!?]{0,6}(不能|不得)?(提拔|晋升|提职)|(处分期|影响期|期满|到期)[^，。；！？,;!?]{0,10}(多久|多长|解除|吗|么)|(自动解除|能不能解除|怎么解除|要不要申请)|(申辩|陈述)[^，。；！？,;!?]{0,10}(吗|么|会不会|能不能)|辩解|说说理由|说理由|听取意见|同一件事|同一事|重复处分|同时给|(走|经过)(什么|哪些)(程序|流程)|(哪些|什么)条件|(工资|补贴|奖金|待遇|津贴|绩效)[^，。；！？,;!?]{0,6}(扣|停发|降|取消|影响)|(扣|停发|降)[^，。；！？,;!?]{0,4}(工资|补贴|奖金|待遇|津贴|绩效)|算谁的|谁的责任|谁来担|谁担责|(情况说明|说明材料|申请书|申请材料|检讨书|检讨|书面检查)[^。？?]{0,10}(怎么|如何|怎样)(写|准备)|(怎么|如何|怎样)(写|准备)[^。？?]{0,6}(情况说明|说明材料|申请书|检讨书)|(应该|该|要|得|去)(找谁|向谁|跟谁)|(是)?谁(来)?(批准|审批|决定|认定|拍板|说了算)的?|(能|可以|有权)(定|决定|批准|认定)(吗|么)|有没有权(限)?|(处分|问责)(能|会)?(轻|重)(一点|一些|点)?(吗|么)[^。]{0,4}有(什么|啥|哪些)规定|(由谁|谁来|哪个(部门|机关|单位))[^，。；！？,;!?]{0,4}(扣|执行|决定|负责|处理)`)

	// Whether a kind of person can be sanctioned at all (退休的人还会被处分吗,
	// 村干部…能给政务处分吗): a rule's reach, whoever's story comes with it.
	reCovered = mustGuard(`(退休|退了休|离职|辞职|调走|调离|非党员|不是党员|村主任|村干部|临时工|合同工|编外)[^。？?]{0,12}(还能|还可以|还会|能|可以|能不能|会不会)(给|被|受|追究)?[^。？?]{0,4}(处分|问责|追责)(吗|么)?`)

	// Questions about what a term means.
	reDefinition = mustGuard(`(哪些情况|哪些情形|什么情况下|什么情形|什么是|啥是|何为|何谓|什么叫|啥叫|怎么理解|如何理解|怎样理解|怎么看待|的含义|什么含义|的意思|什么意思|啥意思|指的是|指什么|是指|定义|概念|有哪些|包括哪些|包括什么|有什么区别|的区别|有何区别|区别是|是什么|是啥|写在哪|哪条规定|哪个文件|出处|出自|依据是什么|哪几种|几个方面|哪几个|哪六个|哪三个|哪四个|是不是一回事|是一回事吗|一样吗|是中央(的)?规定|就叫|叫做|讲讲|解释一下)`)

	// A judgment asked about a case: can it be tolerated, will I be punished.
	reAssessAsk = mustGuard(`(这|这个|这种|这样|这事|我这)(算不算|属不属|是不是|构不构成|够不够)[^，。；！？,;!?]{1,10}|(be tolerated|tolerate it|be excused|be pardoned|be punished|held accountable|be disciplined|(can|could|will) (it |this |that |容错 )?(be )?cover(ed)?\b|qualify for|count as an honest mistake)|(容错|免责)(机制)?(能|可以|可不可以|能不能)?(适用|用上|用)吗|(能|可以|可不可以|能不能|能否|可否|会不会|会|算不算|算|属不属|属于|符合|适用|够不够|按|有没有|有无)[^，。；！？,;!?]{0,16}(容错|免责|免予问责|不予问责|从轻|减轻|被问责|被处分|受处分|处分|问责|追责|担责|被追责|被查|被处理|处理|免掉|免|过失|失误|意外|不可抗力|疏忽|情形|范围|违规|违纪|违法|造假|弄虚作假|挪用|谋私|受贿|失职|渎职|不作为|乱作为|套取|对待|看待|认定)|(容错|免责|容錯)(吗|么|不|嘛|没|吧)|(能|可以|可不可以)容(吗|么|不|一下|一回)|容不容|(算不算|算|属于|是不是)[^，。；！？,;!?]{0,6}(能容|可容)的|(会|要)(被)?(怎么)?(处理|处分|问责|追责)(吗|么|嘛)?[？?]?$|(处理|处分|追究|问责|追责)(我|我们)|有(什么|啥)(后果|影响|处分|风险)|(我|我们)?(有|要负|要承担|担)(什么)?(责任|问题)(吗|么)|这种(情况|事)?(能|算|属于|会)`)

	// The teller does not know: a question before it is reported.
	reNotKnown = mustGuard(`^(我|俺)?(们)?(都|也|真|根本|完全|实在)?(不知道|不清楚|不晓得|搞不清|说不清|记不清|弄不清|不了解)`)

	// An example given to ask about a rule.
	reExample = mustGuard(`^(譬如|比如|比方说|举个例子|打个比方|假设|假如|拿)`)

	// What will happen to me: 会有问题吗, 会被怎么处理, 要紧吗.
	reConsequenceAsk = mustGuard(`(会不会|是不是|会|能不能)(出|有)(问题|事|麻烦)|(是不是|是否|会不会)(就|要)?(完了|完蛋|玩完|毁了|栽了|没救了)|(是不是|是否|会不会|要不要)(就|要|得|会)?(被)?(开除|撤职|免职|降级|辞退|双开|撸掉|拿下|引咎辞职)|(有|会有|算|是)(什么|啥)?(大)?(问题|事|大事|麻烦|风险|责任)(吗|么|嘛|吧)?|(会|要)(被)?怎么(处理|处分|办|样|看)|(会|要)(被)?(怎样|咋样|如何处理)|怎么(看|认定|定性)|要紧吗|严重吗|(大不大|严不严重|严重不)|(要|得|会|该)?(担|承担|负|背)(什么|啥|多大|多少)?(的)?(责|责任|锅)|背(这个|这)?锅|锅(我)?(得|要|该)?背|(受|被)牵连|连累(到)?我|扯(到|上)我|(把|拿)我怎么(样|办)|(会|要)?(被)?(定成|定性为|认定为|算成)|能说清|说得清|(要|会)(被)?追究|从宽|宽大|担责|(算|落|追)(到)?我(头上|身上)|(追|查|找|牵扯|扯)到我|(算|是)谁的(责任|问题|错)|追(我|究)?(的)?责|我(的)?责任|(背|挨|吃)(个|了)?(处分|处理|问责)|(还)?有(希望|戏|救)(吗|么|没|不)`)

	// The speaker or the speaker's unit as the subject of an event.
	reFirstPerson = mustGuard(`(\bI\b|\b[Ww]e\b|\b[Oo]ur\b|\b[Mm]y\b|我|本人|我们|俺|咱|我单位|我局|我镇|我县|我村|我乡|我市|我区|我司|我公司|我所|我院|我厅|我处|我科|我们单位|我们局|我们镇|我们村|我的)`)
	// A deed: something done, with an aspect marker or a time.
	reDeed = mustGuard(`([a-z]ed\b|\btook\b|\bgave\b|\bmade\b|\bpaid\b|\bspent\b|\bgot\b|是(我|我们|俺)[^，。；！？,;!?]{1,8}的|了|过|时候|事后|未经|未走|当时|当初|当年|那时|那会|去年|今年|前年|上个月|上月|年初|年底|之前|以前|曾经|已经|后来|结果|导致|造成|常|经常|每次|每年|一直|总是)`)
	// "我这个", "我们这种情况": the speaker's own case, referred to.
	reOwnCaseRef = mustGuard(`(我|俺|咱|我们|俺们|咱们)(这个|这种|这事|这件事|这次|的情况|的事|的问题|这情况)|(追究|处理|处分|问责|追责)(我|我们|俺)`)
	// A sanction received: an event that makes a question about its
	// consequences a procedure, not a case to assess.
	// reSelfReport and reLighterAsk: owning up, and whether it lightens.
	reSelfReport = mustGuard(`主动[^，。；！？,;!?]{0,12}(说清楚|讲清楚|交代|说明情况|坦白|说了|讲了)|(全说了|都说了|全交代了|都交代了)`)
	reLighterAsk = mustGuard(`(能|可以|能不能|可不可以|算不算|算|会不会)[^，。；！？,;!?]{0,4}(从轻|减轻|加分|轻一点|轻点)`)
	// reToleranceAsk: whether tolerance applies to the teller's own case.
	reToleranceAsk = mustGuard(`(能|可以|可不可以|能不能|能否|可否)(申请|适用|走|按)?(容错|免责)|容错[^，。；！？,;!?]{0,6}(用在我|适用于我|轮到我)`)
	// reInvestigated: the teller under inquiry (纪委找我谈话, 审计说有问题).
	reInvestigated  = mustGuard(`(纪委|监委|审计|巡察|巡视|督查|调查组)[^，。；！？,;!?]{0,8}(谈话|约谈|找我|找了我|调查|在查|立案|说(我们|我)?有问题|点名)|被(查|调查|约谈|谈话|点名|通报)`)
	reSanctionEvent = mustGuard(`(受了|受到|被给了|给了我|给我|挨了|背了|被|整了|吃了|领了|得了|落了)[^，。；！？,;!?]{0,8}(警告|严重警告|记过|记大过|降级|降职|撤职|处分|诫勉|通报|问责|处理|立案|审查|调查|免了职|免职|认定)|已经退休|退休了|退休后|立案审查|(警告|记过|记大过|降级|降职|撤职|诫勉)(处分)?(的)?(处分|决定)|处分(决定)?下来|被通报问责|被问责|被处分`)

	// "诫勉算处分吗", "通报批评是不是问责": classifying a term.
	// Whether one may apply (能不能申请容错): after the facts of a case, an
	// assessment.
	reEligible = mustGuard(`(能不能|能否|可不可以|可否|还能|能|可以)(申请|提出|争取)(容错|免责|容错免责)(吗|么|不)?`)
	// What correcting the error involves (纠错具体要做什么): the steps.
	reCorrectionSteps = mustGuard(`纠错[^，。；！？,;!?]{0,4}(具体|到底|都|一般)?(要|需要|该)?(做什么|做哪些|干什么|怎么做|怎么纠)|(怎么|如何)纠错`)
	// The aspects weighed (看哪些方面, 哪几个方面): the criteria.
	reAspects = mustGuard(`(看|考虑|考量|审查|把握|综合)[^，。；！？,;!?]{0,4}(哪些|哪几个|几个)方面`)
	reTermIsA = mustGuard(`^(诫勉|诫勉谈话|通报|通报批评|组织处理|组织调整|谈话提醒|提醒谈话|批评教育|责令检查|问责|容错|免责|容错免责|免予问责|不予问责|警告|严重警告|记过|记大过|降级|撤职|停职检查|免职|调整职务|责令辞职|政务处分|党纪处分)(算|算不算|属于|属不属|是不是|是)`)

	// Vocabulary of the domain: a question without any of it is out of scope.
	// Generic words (错误, 项目, 审批, 程序) are left out on purpose: "内容错误怎么修改"
	// is not about accountability.
	reDomain = mustGuard(`(容错|纠错|免责|问责|追责|担责|处分|纪律|违纪|违规|违法|纪委|监委|纪检|监察|巡视|巡察|审计|约谈|诫勉|通报批评|党委|党组|党支部|干部|公职人员|公务员|三个区分开来|区分开来|be tolerated|tolerance mechanism|accountability|disciplinary|party committee|gift card|敢于担当|担当作为|不作为|乱作为|失误|过失|过错|失职|渎职|八项规定|明令禁止|集体研究|集体决策|先行先试|试错|谋私|私利|好处费|回扣|受贿|行贿|收受|容缺|未批先建|先建后批|先上车后补票|问责条例|处分条例|政务处分|激励干部|撑腰|负面清单|从轻|减轻处理|免予|不予处分|澄清正名|诬告|报备|风险预申报|组织处理|六个方面|四个原则|不可抗力|党纪责任|追究|宽容失败|利益输送|责任|算谁|七看|六看|几看|七个看|六个看|决策|审查|立案|回避|函询|影响期|警告|记过|记大过|降级|降职|撤职|免职|四种形态|留党察看|停职|引咎辞职|责令辞职|处分期|调查期间|复审|复核决定|申诉|举报信|被举报|举报我|实名举报|向组织|主动说明|说明问题|主动交代|没走招标|没招标|没走程序|没走流程|未经审批|没有审批|没报批|three distinctions)`)

	// Look-alikes: the domain's words used for machines, exams, documents or
	// tenders. A message with one of these and none of the strong words of
	// the domain is out of scope.
	reLookAlike = mustGuard(`(?i)(fault toleran|fault-toleran|error correct|服务器|硬盘|磁盘|raid|双机|热备|集群|数据库|网络|系统架构|代码|程序员|算法|软件|容错率|冗余|考公|公务员考试|行测|申论|科目[一二三四]|驾考|补考|考试|刷题|语法|作文|论文|错别字|内容错误|文件格式|格式|评标|评分|打分|投标文件|招标文件|excel|公式|拼写|功能|标红|输入法|纠错本|错题|作业|二维码|条码|纠错码|模型|神经网络|噪声|年休假|休假|折算|云平台|双活|主备|切换|个税|汇算|交通违章|违章|罚款|驾照|扣分|首违|编码|信道|面试|笔试|结构化|题目|养老金|退休金|公积金|医保|产假|婚假|年假|高考|考研|志愿|电脑|计算机|路由器|系统容错|车险|理赔|保险公司|保单|幼儿园|育儿|小孩|电池|芯片|电路|传感器|新能源汽车|微信消息|撤回消息|打错字|汉明码|校验|plc|判决书|身份证|户口本|私企|民企|外企|私营企业|民营企业|拜占庭|分布式|共识算法|退休年龄|个人有关事项|有关事项报告|调任|转任|遴选|选调|工资待遇|薪酬待遇|福利待遇|执行力|领导力|沟通能力|合同[^，。；！？,;!?]{0,8}(写错|填错|打错|错了)|会计差错|折旧|裁判|球赛|足球|篮球|排球|比分|做题|错题本|家长|孩子|炒股|券商|年终总结|工作总结|述职报告|发言稿|讲话稿|演讲稿|网购|退货|退款|快递|外卖|淘宝|拼多多|闲鱼|租房|房租|押金|租客|勘误|更正启事|python|java|javascript|golang|异常处理)`)
	// Recruitment and exams, even for posts at the commission itself.
	reRecruit = mustGuard(`(招聘|招录|考录|报考|报名条件|笔试|面试|遴选|选调)`)
	// reOutsider: matters of people outside the public service that use the
	// domain's words: a pupil's school sanction, a patient's malpractice
	// claim, a traffic accident's liability, a bank's tolerance of bad loans.
	// reOwnSanction: the sanction is the teller's own (学校说要给我个处分), not a pupil's or a patient's.
	reOwnSanction = mustGuard(`(给|对)(我|俺)(个|一个|了|了个)?(处分|记过|警告|处理)|(我|俺)(被|挨了|受了)(个|一个)?(处分|记过|警告)`)
	reOutsider    = mustGuard(`(我妈|我爸|我爷爷|我奶奶|家里人|老人|亲戚|我家)[^。！？!?]{0,6}(想|要)?申请(低保|养老金|医保|社保|补贴|廉租房|公租房|救助)|(学生|孩子|儿子|女儿|小孩)[^。！？!?]{0,16}(作弊|打架|逃课|记过|开除学籍|留校察看)|(学校|学院)[^。！？!?]{0,6}(的)?(处分|记过)|医疗事故|医疗纠纷|医疗损害|交通事故[^。！？!?]{0,8}(认定|复核)|(不良|坏账)[^。！？!?]{0,6}容忍|转错(账户|账|人|钱)|(证|证书|证件)上[^。！？!?]{0,6}(名字|姓名)[^。！？!?]{0,4}(写错|错了)|翻译成|内存|sql|回滚|冲销|闯红灯|扣了[0-9一二三四五六七八九十]+分|(原告|被告)[^。！？!?]{0,10}(开庭|立案)|(开庭|立案)[^。！？!?]{0,10}(原告|被告)|社保[^。！？!?]{0,8}(补交|断了|断缴)`)
	rePrivateJob  = mustGuard(`(私企|私营企业|民营企业|民企|外企|外资企业|私人公司|私人老板)[^。！？!?，,]{0,6}(上班|工作|打工|员工|职员|干活)|(我们|我们公司|我们厂|本公司)(是|属于)?(一家|一个)?(私企|私营企业|民营企业|民企|外企|外资企业|家族企业)`)
	// rePublicSide: words only the public side uses; a private employer's own sanctions never carry them.
	rePublicSide   = mustGuard(`(纪委|监委|纪检|监察|党员|党纪|政务处分|公款|公车|公费|专款|八项规定|三个区分开来|巡察|国企|国有|事业单位|公务员)`)
	reStrongDomain = mustGuard(`(纪委|监委|公款|公车|公费|专款|纪检|监察|问责|处分|追责|担责|免责|三个区分开来|党员|违纪|违规|八项规定|集体研究|明令禁止|先行先试|巡察|审计发现|被查|被举报)`)
)

// maskStraddles breaks ordinary words that happen to contain a domain word
// across their own boundary: 内容错误 is about content, not 容错.
var maskStraddles = strings.NewReplacer("内容错", "内容·错", "形容错", "形容·错", "笑容错", "笑容·错", "阵容错", "阵容·错", "免责条款", "免·责条款", "免责声明", "免·责声明")

// hasAny reports whether any of the expressions matches s (their union,
// made once per list, reads s in one pass).
func hasAny(s string, res []guarded) bool {
	if len(res) == 0 {
		return false
	}
	k := unionKey{&res[0], len(res)}
	u, ok := unions.Load(k)
	if !ok {
		g := anyOf(res)
		u, _ = unions.LoadOrStore(k, &g)
	}
	return u.(*guarded).MatchString(s)
}

// reCorrected: the teller's own honest slip (填错了, 写错了), which asking
// how to correct is no request to falsify (车险理赔材料填错了怎么修改).
var reCorrected = mustGuard(`(填错|写错|搞错|弄错|打错|录错|输错|笔误|有误)`)

// reNewValue: a correction that names what to write instead (改成去年的)
// may be one.
var reNewValue = mustGuard(`(改成|改到|改为|写成|往前|提前|倒签|` + strongVerb[1:])

func honestCorrection(s string) bool {
	return reCorrected.MatchString(s) && !reNewValue.MatchString(s) && !reDisguise.MatchString(s)
}

// reDisguise is a correction made to pass for the original (换掉原始表，做得
// 像原件): no correction an auditor could see, so no honest one.
var reDisguise = regexp.MustCompile(`像原件|跟原件一样|和原件一样|像真的|跟真的一样|以假乱真|看不出|原始[^，。；！？,;!?]{0,4}换掉|换掉原`)

// classification is the reading of one question.
type classification struct {
	Intent    Intent
	Injection bool   // the text tried to instruct the assistant
	Reason    string // for refused: falsify (evidence), privacy (others' data) or dictate (a fixed conclusion)
}

// classify reads the intent of a question. inCase says the conversation
// already holds a case being assessed, so a short reply such as "没有，都上会了"
// continues it rather than being out of scope. hasFacts says the text itself
// states facts about a case (from the assessment's extractor).
func classify(text string, inCase, hasFacts bool) classification {
	return classifyStory(text, inCase, hasFacts, false)
}

// classifyMessage reads the intent of a message as Read does: on its
// normalised text, knowing the facts the extractor stated and whether it
// found the words of some work.
func classifyMessage(text string, extracted assess.Facts, inCase bool) classification {
	norm := assess.MendTypos(knowledge.Normalize(text))
	return classifyStory(norm, inCase, stated(extracted), extracted[assess.Motive].Inferred)
}

// classifyStory is classify knowing also whether the text describes work a
// cadre does (the extractor found the words of some work): a story about work
// with a question about its consequences is in scope even without the
// domain's own vocabulary (科里聚餐走了接待费，能从宽处理吗).
func classifyStory(text string, inCase, hasFacts, work bool) classification {
	s := maskStraddles.Replace(strings.TrimSpace(text))
	c := classification{Injection: reInjection.MatchString(s)}

	// What the message asks and tells is read once. Quotations ask about
	// their words; they tell no story. Dictated text has spaces for commas:
	// it is read clause by clause with its pauses written as commas.
	masked := maskQuotes(s)
	clauses := masked
	if p := assess.Punctuate(s); p != s {
		clauses = maskQuotes(p)
	}
	asking := askingClauses(clauses)
	asks := questionClausesOf(clauses, asking)
	// Whether any clause asks (anyQuestion), read off the same clauses.
	anyAsks := len(asking) > 0 || strings.ContainsAny(clauses, "?？")
	isDeed, isTold := readDeeds(clauses)
	assessAsk, consequenceAsk := reAssessAsk.MatchString(asks), reConsequenceAsk.MatchString(asks)

	// 1. Refusals, over the whole message, and over it with each quotation
	// folded to one mark (给我出一份“经研究，同意…”的决定书: the words asked
	// for are not the request).
	folded := foldQuotes(s)
	refuse := hasAny(s, reRefuse) || folded != s && hasAny(folded, reRefuse)
	// A falsified record told as done, with a question about what follows
	// and no request to the assistant, is a confession to assess. 我想问,
	// 我想知道: a question announced is no request to act.
	confession := func() bool {
		return isTold && (assessAsk || consequenceAsk) && !reRequest.MatchString(reAskAnnounced.re.ReplaceAllString(s, ""))
	}
	if !refuse && (toldFalsely(s) || folded != s && toldFalsely(folded)) {
		// 补做了一份记录，写成集体研究过，其实没开会，能容错吗.
		refuse = !confession()
	} else if refuse && isDeed && reDoneAfter.MatchString(s) && confession() {
		// 让我把没来的几个名字也签上，我就照着签了…能不能容错: the
		// falsification was asked of the teller and done; the message asks
		// what follows from it, not for one.
		refuse = false
	}
	if refuse && !honestCorrection(s) {
		return classification{Intent: IntentRefused, Injection: c.Injection, Reason: "falsify"}
	}
	if reLeak.MatchString(s) {
		return classification{Intent: IntentRefused, Injection: c.Injection, Reason: "privacy"}
	}
	if c.Injection {
		// An instruction to drop the rules is refused, with or without a
		// case: the answer says why and how to ask instead.
		return classification{Intent: IntentRefused, Injection: true, Reason: "dictate"}
	}
	if dictatesConclusion(s) {
		return classification{Intent: IntentRefused, Reason: "dictate"}
	}
	if (reDictate.MatchString(s) || folded != s && reDictate.MatchString(folded)) && !hasFacts {
		return classification{Intent: IntentRefused, Reason: "dictate"}
	}

	var near *vote
	nearest := func() vote {
		if near == nil {
			v := bank.nearest(s)
			near = &v
		}
		return *near
	}

	// 3. Scope.
	domain := reDomain.MatchString(s) || hasFacts
	// A story of something done with a question about what follows for the
	// teller is the assistant's business, in whatever words.
	storyAsk := (isDeed || isTold || work) && (assessAsk || consequenceAsk)
	if storyAsk {
		domain = true
	}
	if reRecruit.MatchString(masked) && !isDeed && !isTold && !hasFacts {
		// 县纪委监委招聘，笔试考什么: a job at the commission, not a case before it.
		return classification{Intent: IntentOutOfScope}
	}
	if reLookAlike.MatchString(masked) && !reStrongDomain.MatchString(masked) && !(storyAsk && (work || hasFacts) || isDeed && work) {
		return classification{Intent: IntentOutOfScope}
	}
	if rePrivateJob.MatchString(masked) && !rePublicSide.MatchString(masked) {
		// 私企上班，公司规定禁止送礼，会不会被开除: an employer's own rules
		// over someone outside the public service.
		return classification{Intent: IntentOutOfScope}
	}
	if reOutsider.MatchString(masked) && !assessAsk && !consequenceAsk && !reOwnSanction.MatchString(masked) {
		// 儿子考试作弊被记过，学校的处分能撤销吗; 医疗事故鉴定怎么申请: a
		// sanction or a liability that is not a public servant's, whatever
		// words of the domain it uses, unless what follows for the teller
		// is asked (出了医疗事故，我这个科主任会被处分吗).
		return classification{Intent: IntentOutOfScope}
	}
	if !domain && !inCase && (isDeed || isTold) && asks != "" {
		// Something done and a question about it: in scope when its nearest
		// examples, however far, are mostly cases.
		if v := nearest(); v.best > 0.1 {
			if in, share := v.top(); in == IntentAssessment && share >= 0.5 {
				domain = true
			}
		}
	}
	if !domain && !inCase && isTold {
		// A story in words the lists do not have: in scope when its
		// nearest examples are stories of cases.
		if v := nearest(); v.best > 0.2 {
			if in, share := v.top(); in == IntentAssessment && share >= 0.5 {
				domain = true
			}
		}
	}
	if !domain && !inCase {
		if v := nearest(); v.best > 0.45 {
			if in, share := v.top(); share > 0.7 && in != IntentOutOfScope && in != IntentRefused {
				// In the domain in words the list does not have.
				domain = true
			}
		}
		if !domain {
			return classification{Intent: IntentOutOfScope}
		}
	}

	// 4. What the question clauses ask, and whether a case is told.
	covered := reCovered.MatchString(asks)
	// 主动把情况讲清楚，能从轻吗: whether owning up is a lighter-treatment
	// circumstance is a rule, unless the facts of a case are told too.
	selfReport := reSelfReport.MatchString(masked) && reLighterAsk.MatchString(asks)
	procedure := covered || reProcedure.MatchString(asks) || reCorrectionSteps.MatchString(asks) || selfReport
	if procedure && hasFacts && reEligible.MatchString(asks) {
		// 党组会有纪要，能不能申请容错: after facts of a case, whether one
		// may apply is whether the case qualifies, unless the message asks
		// about the procedure besides (还能申请吗，要准备什么材料).
		rest := reEligible.re.ReplaceAllString(asks, "")
		procedure = reProcedure.MatchString(rest) || reCorrectionSteps.MatchString(rest)
	}
	if reTermIsA.MatchString(masked) && !procedure {
		// 诫勉算不算处分: what the measure is. With a period or a process
		// asked too (诫勉了多久不能提拔), the procedure answers both.
		return classification{Intent: IntentDefinition}
	}
	// 会不会算我头上: what follows for the teller, asked after a story.
	judgment := assessAsk || consequenceAsk && (hasFacts || work || isDeed || isTold && strings.ContainsAny(asks, "我俺"))
	definition := reDefinition.MatchString(asks)
	if reAspects.MatchString(asks) && !isDeed {
		// 审理时要综合看哪些方面: the criteria themselves, whoever asks.
		return classification{Intent: IntentDefinition}
	}
	// An example (譬如…, 拿…来说) tells no story of the asker's.
	example := reExample.MatchString(masked)
	deed := !example && (isDeed || hasFacts && isTold)
	story := deed || !example && isTold

	switch {
	case (covered || selfReport) && !hasFacts:
		return classification{Intent: IntentProcedure}
	case inCase && (isBareReply(s) || hasFacts && !procedure && !definition):
		return classification{Intent: IntentAssessment}
	case judgment && deed && !procedure:
		return classification{Intent: IntentAssessment}
	case procedure && !(judgment && deed && !(reSanctionEvent.MatchString(masked) && !isDeed)):
		return classification{Intent: IntentProcedure}
	case judgment && story:
		// 有笔钱打错账户了，…能容错吗: the subject is dropped, the case is told.
		return classification{Intent: IntentAssessment}
	case reToleranceAsk.MatchString(asks) && !procedure && !definition && (reSanctionEvent.MatchString(masked) || reInvestigated.MatchString(masked)):
		// 被通报批评了，说我工作失误，能申请容错吗; 明天纪委谈话，能不能容错:
		// whether the teller's own case qualifies, told too thinly to judge:
		// the assessment asks what happened.
		return classification{Intent: IntentAssessment}
	case definition && !deed:
		return classification{Intent: IntentDefinition}
	case inCase && (judgment || hasFacts):
		return classification{Intent: IntentAssessment}
	}

	// A deed of one's own told without any question, or a fact of the case
	// told in a few words as the answer to one (没拿，一分都没拿; 对，没有上
	// 会): the case itself.
	if (deed || hasFacts && utf8.RuneCountInString(s) <= shortReply && !reAskWord.MatchString(s)) && !anyAsks {
		return classification{Intent: IntentAssessment}
	}

	// 5. The nearest examples decide the rest.
	allowed := []Intent{IntentAssessment, IntentDefinition, IntentProcedure}
	v := bank.nearest(masked, allowed...)
	in, _ := v.top()
	switch {
	case in == IntentAssessment && isTold && !anyAsks:
		// A story told without a question: the case itself.
		return classification{Intent: IntentAssessment}
	case in == IntentAssessment && !deed && !judgment && !(isTold && reWhatNow.MatchString(asks)):
		// An example of a case, but no case told here.
		if definition || v.share[IntentDefinition] >= v.share[IntentProcedure] {
			return classification{Intent: IntentDefinition}
		}
		return classification{Intent: IntentProcedure}
	case in == "":
		if deed {
			return classification{Intent: IntentAssessment}
		}
		return classification{Intent: IntentDefinition}
	}
	return classification{Intent: in}
}

// shortReply is the most runes a bare fact told as a reply has; reAskWord
// the words that make a few words a question all the same (红包包多少合适).
const shortReply = 16

var reAskWord = regexp.MustCompile(`多少|什么|怎么|怎样|哪|吗|呢|几|谁|是否|能否|可否|啥`)

// questionClauses returns the clauses of s that ask something (ending in a
// question mark or particle, or holding an interrogative), joined; when none
// does, the last sentence.
// askingClauses lists the clauses of s that ask something, leaving out
// questions reported as not known.
func askingClauses(s string) []string {
	s = validUTF8(s)
	// Clauses end at commas too: in 我们村没走报备程序，会被处分吗 the
	// question is the last clause, the rest tells the case.
	var clauses []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isClauseEnd(r) {
			clauses = append(clauses, s[start:i])
			start = i
		}
	}
	clauses = append(clauses, s[start:])
	asking := make([]bool, len(clauses))
	for i, c := range clauses {
		asking[i] = asksSomething(c)
	}
	// 名单谁拟的，为啥是这几家，我都不知道: questions the teller says he
	// cannot answer are reported, not asked.
	reported := make([]bool, len(clauses))
	for i := len(clauses) - 2; i >= 0; i-- {
		reported[i] = asking[i] && (reported[i+1] || reNotKnown.MatchString(strings.TrimSpace(clauses[i+1])))
	}
	var parts []string
	for i, c := range clauses {
		// 我也说不清楚具体啥问题: the teller reports what he cannot say.
		if asking[i] && !reported[i] && !reNotKnownWhat.MatchString(strings.TrimSpace(c)) {
			parts = append(parts, c)
		}
	}
	return parts
}

func questionClauses(s string) string {
	return questionClausesOf(s, askingClauses(s))
}

// questionClausesOf is questionClauses given the asking clauses of s.
func questionClausesOf(s string, parts []string) string {
	if len(parts) == 0 {
		return lastSentence(s)
	}
	// When the message asks in so many words (a question mark or particle),
	// clauses that only hold a question word (要从六个方面分析能不能容错) are
	// reported speech, not the question.
	// The message's last clause asks whatever its form (…吗，能不能容错).
	var marked []string
	for i, p := range parts {
		if reMarkedQuestion.MatchString(strings.TrimSpace(p)) || i == len(parts)-1 && strings.HasSuffix(strings.TrimRight(p, "，,。；;！!？? "), strings.TrimRight(lastSentence(s), "，,。；;！!？? ")) {
			marked = append(marked, p)
		}
	}
	if len(marked) > 0 {
		return strings.Join(marked, "")
	}
	return strings.Join(parts, "")
}

// reNotKnownWhat is a clause that reports a question the teller cannot answer.
var reNotKnownWhat = mustGuard(`^(我|俺)?(们)?(都|也|真|根本|完全|实在)?(不知道|不清楚|不晓得|搞不清|说不清|说不清楚|记不清|弄不清|不了解)[^，。；！？,;!?]{0,8}(什么|啥|哪些|哪个|怎么|为啥|为什么|谁)`)

var reMarkedQuestion = mustGuard(`[？?]$|(吗|么|呢|嘛)[，,。]?$|(能|可以|会|算|行|要紧|容错|免责)不[，,。]?$`)

func isClauseEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '?', '!', '；', ';', '\n', '.', '，', ',':
		return true
	}
	return false
}

var reInterrogative = mustGuard(`(吗|么|呢|嘛|吧)[？?]?$|(能|可以|会|算|行|要紧|容错|免责)不[？?]?$|[？?]|(怎么|怎样|如何|咋|点样|点解|什么|啥|哪些|哪个|哪里|谁|多久|多长|几年|几天|几个月|几种|是否|能否|能不能|会不会|可不可以|要不要|算不算|属不属|有没有)`)

// asksSomething reports a clause that asks; the comma or stop that ends it
// does not hide a final 吗 (是同时启动的吗，还是…).
func asksSomething(c string) bool {
	c = strings.TrimRight(strings.TrimSpace(c), "，,。；;！! ")
	// 一直没出过啥事, 也没什么问题: 啥 and 什么 after a negator are
	// indefinite (nothing much), not asking.
	if strings.Contains(c, "啥") || strings.Contains(c, "什么") {
		c = reNegIndefinite.ReplaceAllString(c, "")
	}
	return reInterrogative.MatchString(c)
}

// reWhatNow: what to do now, asked after something told (项目黄了，领导说要
// 追责，咋整): the case is what is asked about.
var reWhatNow = mustGuard(`(怎么办|咋办|咋整|怎么整|怎么弄|咋弄|如何是好|怎么处理好)`)

var reNegIndefinite = regexp.MustCompile(`(没|没有|不|别)[^，。；！？,;!?]{0,3}(什么|啥)`)

func lastSentence(s string) string {
	s = strings.TrimRight(validUTF8(s), "。！？?!；; \n")
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if isClauseEnd(r) {
			return s[i:]
		}
		i -= size
	}
	return s
}

// validUTF8 returns s as its runes spell it: each invalid byte becomes
// U+FFFD, as string([]rune(s)) makes it, and valid text is returned as is.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

// ownDeed reports a first-person or own-unit clause that tells something
// done (an aspect marker or a time in the same clause), other than only a
// sanction received.
func ownDeed(s string) bool {
	own, _ := readDeeds(s)
	return own
}

// readDeeds reads the clauses of s once for ownDeed (own) and for told.
func readDeeds(s string) (own, told bool) {
	own = reOwnCaseRef.MatchString(s)
	// 我是渔政站站长，为照顾几户渔民，让他们出海捕了半个月: a subject said
	// once carries over the clauses of its sentence that name no other.
	speaker := false
	start := 0
	for i := 0; i <= len(s) && !(own && told); {
		r, size := utf8.RuneError, 0
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		sentenceEnd := i == len(s) || isSentenceEnd(r)
		if !sentenceEnd && r != '，' && r != ',' {
			i += size
			continue
		}
		c := s[start:i]
		i += size
		start = i
		if c != "" {
			first := !own && reFirstPerson.MatchString(c)
			if first {
				speaker = true
			} else if !own && reOtherSubject.MatchString(c) {
				speaker = false
			}
			if reDeed.MatchString(c) {
				long := runOn(c)
				sanction := !long && reSanctionEvent.MatchString(c)
				var asks, asked bool
				asksOnce := func() bool {
					if !asked {
						asks, asked = asksSomething(c), true
					}
					return asks
				}
				if !own && (long || !sanction && (first || speaker && !asksOnce())) {
					own = true
				}
				if !told && (long || !sanction && !asksOnce()) {
					told = true
				}
			}
		}
		if sentenceEnd {
			speaker = false
		}
		if size == 0 {
			break
		}
	}
	return own, told
}

// isSentenceEnd reports the marks that end a sentence for ownDeed.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '；', ';', '！', '!', '？', '?', '\n':
		return true
	}
	return false
}

// reOtherSubject: a clause that opens on someone else.
var reOtherSubject = mustGuard(`^(他|她|他们|她们|别人|有人|对方|企业|公司|老板|领导|同事|村民|群众|单位|上级|纪委|审计|巡察组|督查组)`)

// reRequest: words that ask the assistant to produce or do something.
// reAskAnnounced announces a question (我想问一下): it asks nothing done.
var reAskAnnounced = mustGuard(`我想(问|知道|咨询|了解|请教)`)

// reDoneAfter tells the teller went along with it (我就照着签了, 我们就补了):
// the act is done, not asked for.
var reDoneAfter = mustGuard(`(我|我们|俺|俺们)(就|也|都|便)?(照着|照做|照办|跟着)?(签了|补了|写了|改了|做了|填了|照做了|照办了|签上了|补签了)`)

var reRequest = mustGuard(`(帮我|帮忙|给我|替我|教我|麻烦|请你|你(帮|给|来|写|替|教)|怎么(写|说|弄|改|做|办)|如何(写|说|弄|改|做)|咋(写|说|弄|改)|我想|我要|打算|准备|想要|能不能帮|可不可以帮)`)

// runOn reports a long stretch with no punctuation (voice input): it tells
// the story as well as whatever it asks or the sanction it mentions.
func runOn(c string) bool { return utf8.RuneCountInString(c) > 40 }

// maskQuotes replaces the text inside quotation marks with a neutral mark of
// the same length, so quoted words (a statute phrase, a so-called 集体研究)
// count for nothing but the domain.
func maskQuotes(s string) string {
	if !hasQuoteMark(s) {
		return validUTF8(s)
	}
	rs := []rune(s)
	open := -1
	var closer rune
	for i, r := range rs {
		if open < 0 {
			if cl, ok := quotePairs[r]; ok {
				open, closer = i, cl
			}
			continue
		}
		if r == closer {
			if i-open-1 <= maxQuoted {
				for j := open + 1; j < i; j++ {
					rs[j] = '〇'
				}
			}
			open = -1
		}
	}
	return string(rs)
}

const maxQuoted = 60

// foldQuotes writes each quotation of s (up to maxQuoted runes) as one mark.
func foldQuotes(s string) string {
	if !hasQuoteMark(s) {
		return validUTF8(s)
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		cl, ok := quotePairs[rs[i]]
		if !ok || rs[i] == '\'' { // an apostrophe (I'm, don't) opens nothing
			out = append(out, rs[i])
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j] != cl && j-i-1 <= maxQuoted {
			j++
		}
		if j >= len(rs) || rs[j] != cl {
			out = append(out, rs[i])
			continue
		}
		out = append(out, rs[i], '〇', cl)
		i = j
	}
	return string(out)
}

var quotePairs = map[rune]rune{'“': '”', '「': '」', '『': '』', '‘': '’', '"': '"', '\'': '\''}

// hasQuoteMark reports whether s holds a mark that opens a quotation (a key
// of quotePairs); without one, maskQuotes and foldQuotes change nothing.
// Each mark is looked for as bytes: no lead byte of a mark continues a rune,
// so the bytes are found exactly where the rune is.
func hasQuoteMark(s string) bool {
	return strings.IndexByte(s, '"') >= 0 || strings.IndexByte(s, '\'') >= 0 ||
		strings.Contains(s, "“") || strings.Contains(s, "「") || strings.Contains(s, "『") || strings.Contains(s, "‘")
}

// isBareReply reports whether s is just yes, no or unsure.
func isBareReply(s string) bool {
	_, ok := ParseReply(s)
	return ok
}

// dictatesConclusion reports an instruction to the assistant to give a fixed
// favourable conclusion: the verb of saying or writing, then the conclusion,
// with no question about it in the rest of the clause (你就说能不能容错 asks
// for a judgment; 请说明… asks for an explanation).
func dictatesConclusion(s string) bool {
	if !reDictateFixed.MatchString(s) {
		return false
	}
	for _, m := range reDictateFixed.re.FindAllStringSubmatchIndex(s, -1) {
		verb := m[3]
		if verb < 0 {
			verb = m[5]
		}
		if strings.HasPrefix(s[verb:], "明") {
			continue
		}
		if pre := s[m[0]:verb]; strings.Contains(pre, "别") || strings.Contains(pre, "不要") || strings.Contains(pre, "甭") {
			continue // 你别说我不能容错: an objection to a judgment, not one dictated
		}
		end := m[1]
		if i := strings.IndexAny(s[end:], "，。；！,;!\n"); i >= 0 {
			end += i
		} else {
			end = len(s)
		}
		if !reOpenAsk.MatchString(s[m[0]:end]) {
			return true
		}
	}
	return false
}

// toldFalsely reports the shape of a falsified record (reRefuseTold) told by
// the cadre, not of someone else's false account the cadre reports
// (局长对外说是集体研究的，其实是他一个人定的).
func toldFalsely(s string) bool {
	if !hasAny(s, reRefuseTold) {
		return false
	}
	for _, g := range reRefuseTold {
		for _, m := range g.re.FindAllStringIndex(s, -1) {
			lo := strings.LastIndexAny(s[:m[0]], "。；！？;!?\n") + 1 // the sentence: 一个局长…，让下面几个人统一口径
			before := s[lo:m[0]]
			if !reThirdParty.MatchString(before) || strings.ContainsAny(before, "我俺") {
				return true
			}
		}
	}
	return false
}

var reThirdParty = regexp.MustCompile(`他|她|领导|局长|书记|镇长|乡长|县长|主任|老板|对方|别人|有人|上级|同事|厂家|企业|公司`)
