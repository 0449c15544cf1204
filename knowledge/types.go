// Package knowledge holds the knowledge base: policy documents split into
// provisions (条), example cases, the synonym table, loading from Markdown files
// and the in-memory search index.
//
// Knowledge files are Markdown. A front-matter file starts with a block
// delimited by lines of "---" holding "key: value" lines (a small YAML subset:
// one key per line, lists comma-separated, lines starting with "#" ignored):
//
//	---
//	id: wzcl-2019
//	kind: document
//	title: 中国共产党问责条例
//	short: 问责条例
//	issuer: 中共中央
//	number:
//	level: 党内法规
//	effective: 2019-09-01
//	status: 现行
//	region: 全国
//	source: https://…
//	verification: verified
//	checked_against: reprint
//	unverified: 第十八条, 第十九条
//	verified_paragraphs: 第十九条第三款
//	amended: 2019-08
//	supersedes: 中国共产党问责条例（2016年）
//	renumbered: 第七条=第八条
//	---
//	## 第一章 总则
//	第三条 问责工作应当坚持以下原则：…
//
// The body of a document keeps 章 headings ("## 第一章 …") and 第X条 articles
// (including 第X条之一); every following paragraph up to the next article
// belongs to the article. A document whose body has no 第X条 articles (a
// summary of a local measure, a speech, a commentary) is split by its "##"
// headings instead, each section being one addressable provision.
//
// checked_against says what verified wording was checked against (reprint:
// only a reprint was at hand; official). verified_paragraphs lists the 款 of
// unverified articles seen word for word (paragraphs.go). amended, repealed,
// supersedes, superseded_by and renumbered place the document among the
// versions of a rule (versions.go); plain law files of one title and
// different dates are linked as versions when they load.
//
// A case file has kind: case and the fields id, title, region, year, field,
// outcome (容错免责, 从轻, 减轻, 不予容错, or 未见公开报道 when the source does
// not report it), criteria, source, illustrative, verification; its body has
// the sections "## 事实", "## 处理" and "## 理由".
//
// Plain law Markdown (no front matter, title on the "# " line, articles as
// 第X条 paragraphs, as in the national law collection) is also accepted; its
// id is the file name without extension.
package knowledge

import (
	"strconv"
	"strings"
)

// Levels of documents, from the most authoritative.
const (
	LevelPartyRule  = "党内法规"
	LevelLaw        = "法律"
	LevelRegulation = "行政法规"
	LevelLocalLaw   = "地方性法规"
	LevelNormative  = "规范性文件"
	LevelSpeech     = "讲话"
	LevelCommentary = "评论"
)

// Levels lists the allowed document levels.
var Levels = []string{LevelPartyRule, LevelLaw, LevelRegulation, LevelLocalLaw, LevelNormative, LevelSpeech, LevelCommentary}

// Document statuses.
const (
	StatusCurrent  = "现行"
	StatusAmended  = "已修订"
	StatusRepealed = "失效"
)

// Statuses lists the allowed document statuses.
var Statuses = []string{StatusCurrent, StatusAmended, StatusRepealed}

// What verified wording was checked against.
const (
	CheckedReprint  = "reprint"  // a reprint: no official publication was at hand
	CheckedOfficial = "official" // the official publication
)

// Verification levels, mirroring the marks of the policy facts: ✅ ◐ ✳.
const (
	Verified   = "verified"   // wording seen in a source; may be quoted
	Partial    = "partial"    // only partly seen; paraphrased
	Unverified = "unverified" // not seen; paraphrased, must be checked
)

// Case outcomes.
const (
	OutcomeExempt   = "容错免责"
	OutcomeLighter  = "从轻"
	OutcomeReduced  = "减轻"
	OutcomeRejected = "不予容错"
	// OutcomeUnreported is a case whose source does not report how it
	// ended: it is shown for its facts and is never a precedent either way.
	OutcomeUnreported = "未见公开报道"
)

// Outcomes lists the allowed case outcomes.
var Outcomes = []string{OutcomeExempt, OutcomeLighter, OutcomeReduced, OutcomeRejected, OutcomeUnreported}

// Fields lists the allowed case fields (the areas where cadres most often ask
// for tolerance).
var Fields = []string{"招商引资", "项目建设", "历史遗留问题", "服务企业", "应急处置", "国企投资", "科研", "基层治理"}

// Document is one policy document: a Party rule, a law, a local measure, a
// speech or a commentary.
type Document struct {
	ID           string
	Title        string // full title without 《》
	Short        string // short name used in answers, e.g. 问责条例
	Issuer       string
	Number       string // document number, e.g. 中发〔2019〕…
	Level        string
	Effective    string // YYYY-MM-DD or YYYY-MM or YYYY
	Status       string
	Region       string // 全国 or a province / city
	Source       string // where the text was seen
	Verification string // Verified, Partial or Unverified
	// CheckedAgainst says what the verified wording was checked against:
	// CheckedReprint (a reprint, no official publication at hand) or
	// CheckedOfficial; empty when not said.
	CheckedAgainst string
	// Rules in time (versions.go); provisions inherit them.
	Amended      string        // date of the latest amendment this text includes
	Repealed     string        // date it ceased to have effect
	Supersedes   string        // the version it replaced: a document id, or a name when not in the knowledge base
	SupersededBy string        // the version that replaced it: a document id, or a name
	Renumbered   []Renumbering // article numbers of the superseded version that changed in this one
	Provisions   []*Provision
	File         string // file the document was loaded from
	Extra        map[string]string
}

// Provision is one addressable passage of a document: an article (第X条) or,
// in documents without articles, one "##" section.
type Provision struct {
	ID       string // DocID + "#" + anchor, e.g. wzcl-2019#17, xf#120-1, js-2017#s2
	DocID    string
	Document string // the document's title, without 《》
	Chapter  string // enclosing 章 / 节 heading, if any
	Article  string // citation anchor: 第十七条, 第十七条之一, or the section heading
	Number   int    // article number (17 for 第十七条 and 第十七条之一); 0 for sections
	Sub      int    // the 之N suffix, 0 when absent
	Text     string // the article's text without its 第X条 label; paragraphs joined by "\n"
	Verified bool   // true when the wording may be quoted as the provision's text
	// VerifiedParas are the paragraphs (款, counted from 1 over the lines of
	// Text) verified word for word in an article not verified as a whole.
	VerifiedParas []int
	Line          int // line in File where the provision starts
	Doc           *Document
}

// Case is one example case of tolerance or of refusal.
type Case struct {
	ID           string
	Title        string
	Region       string
	Year         string
	Field        string
	Outcome      string
	Criteria     []string // the criteria the case turned on, e.g. 动机态度
	Source       string
	Illustrative bool // invented for teaching; every answer that shows it says so
	Verification string
	Facts        string // 事实
	Handling     string // 处理
	Reasons      string // 理由
	File         string
	Line         int
}

// Tolerated reports a case whose reported outcome is tolerance (免责, 从轻 or
// 减轻): a tolerated precedent. A case whose outcome nobody reported is not
// one, whatever its story suggests.
func (c *Case) Tolerated() bool { return ToleratedOutcome(c.Outcome) }

// ToleratedOutcome reports an outcome of tolerance: 容错免责, 从轻 or 减轻.
func ToleratedOutcome(outcome string) bool {
	switch outcome {
	case OutcomeExempt, OutcomeLighter, OutcomeReduced:
		return true
	}
	return false
}

// Illustrative marks: an invented case says so in its title, its place and
// its source, so that no reader takes it for a real one.
const (
	IllustrativeTitleMark  = "【示例】"
	IllustrativeRegionMark = "（示例）"
	IllustrativeSource     = "示例（为说明规则编写，非真实案件）"
)

// DisplayTitle is the title with the 【示例】 mark exactly once for an
// illustrative case (its stored title carries the mark already).
func (c *Case) DisplayTitle() string {
	if !c.Illustrative {
		return c.Title
	}
	return IllustrativeTitleMark + strings.TrimPrefix(c.Title, IllustrativeTitleMark)
}

// IllustrativeProblems lists, in Chinese, the marks an illustrative case
// lacks; none for a real case or a case marked as it should be.
func IllustrativeProblems(c *Case) []string {
	if !c.Illustrative {
		return nil
	}
	var out []string
	if !strings.HasPrefix(c.Title, IllustrativeTitleMark) {
		out = append(out, "示例案例的标题应以“"+IllustrativeTitleMark+"”开头")
	}
	if !strings.Contains(c.Region, "示例") {
		out = append(out, "示例案例的地区应写成“某县"+IllustrativeRegionMark+"”这样的形式")
	}
	if c.Source != IllustrativeSource {
		out = append(out, "示例案例的来源应为“"+IllustrativeSource+"”")
	}
	if c.Verification == Verified || c.Verification == Partial {
		out = append(out, "示例案例不能标为已核实（verification 应为 unverified）")
	}
	return out
}

// KB is a loaded knowledge base.
type KB struct {
	Documents []*Document
	Cases     []*Case
	Synonyms  Synonyms
	Terms     []string  // domain phrases the search index boosts (terms.txt)
	Warnings  []Problem // non-fatal findings, e.g. numbering gaps

	provisions map[string]*Provision
	docs       map[string]*Document
	cases      map[string]*Case
}

// Synonyms is the query-expansion table: each group lists words cadres and
// rules use for the same thing (出国 / 出境). A query containing any word of a
// group also searches for the others.
type Synonyms [][]string

// Problem is a finding about a knowledge file, located by file and line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
	}
	return p.File + ": " + p.Msg
}
