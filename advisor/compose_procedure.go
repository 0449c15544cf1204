package advisor

import (
	"strings"

	"rongcuo/knowledge"
)

func (a *Advisor) composeProcedure(r *Reading, adv *Advice) string {
	var b answerBuilder
	b.para("**一般程序**（各地容错办法不完全相同，以下是多地办法的共同做法，具体以当地办法为准）",
		"1. 启动：本人或所在单位书面提出容错申请，多地要求在问责或处理决定作出前提出；问责机关也可在启动问责、审查调查时同步研判是否容错；部分地方实行事前风险报备。",
		"2. 受理与调查核实：由纪检监察机关或问责机关调查，听取本人陈述，收集决策记录、会议纪要等证据。",
		"3. 会商与认定：纪委、组织部门等会商，由纪委常委会或党委（党组）集体研究作出认定。",
		"4. 反馈与备案：书面告知本人，函告组织人事部门，报同级党委或政府备案。",
		"5. 结果运用：予以容错免责的，考核、评优、提拔一般不受影响；从轻、减轻处理的，影响期满后按规定使用。")
	b.para("**需要准备的材料**",
		"- 书面申请，如实说明事情经过和容错理由；",
		"- 集体研究的会议纪要或记录、请示报告及批复、当时依据的政策文件；",
		"- 补救、整改和挽回损失的材料；未谋取私利的情况说明。")
	b.para(append([]string{"**时限**", "现有资料中没有找到全国统一的容错认定办理时限，请以当地办法为准；对处理决定不服的复审、复核、申诉时限，见下面引用的规定。"},
		a.deadlineWarning(r)...)...)
	b.para(a.citationSection(r, a.selectCitations(r, 3), adv)...)
	if local := a.localMeasures(); local != "" {
		b.para("**知识库收录的地方办法**", local)
	}
	b.para(disclaimer)
	return b.String()
}

// localMeasures names the local measures in the knowledge base, so a cadre
// knows which places' procedures it can describe.
func (a *Advisor) localMeasures() string {
	var names []string
	for _, d := range a.kb.Documents {
		if d.Level == knowledge.LevelNormative && d.Region != "" && d.Region != "全国" && d.Status == knowledge.StatusCurrent {
			names = append(names, d.Region+"《"+d.Title+"》")
		}
		if len(names) == 8 {
			return strings.Join(names, "、") + "等"
		}
	}
	return strings.Join(names, "、")
}
