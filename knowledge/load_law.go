package knowledge

import (
	"path"
	"regexp"
	"strings"
)

// Plain law Markdown is the format of the national law collection: no front
// matter; "# 标题" (and, for a code split into parts, a second "# 编名" line);
// the adoption and amendment history; a "<!-- INFO END -->" line; then the
// body with "##" 章 headings and one article a line. The collection is the
// verbatim text of the laws, so every article is verified.
//
// Metadata the file does not carry is taken from where it sits:
//
//	id         the file name without ".md": 公职人员政务处分法(2020-06-20)
//	effective  the date in the trailing parentheses of the file name
//	level      from the folders: 行政法规 → 行政法规; 地方性法规 → 地方性法规;
//	           司法解释, 部门规章, 其他 → 规范性文件 (nearest level we have);
//	           宪法, 宪法相关法, 民法典, 民法商法, 行政法, 经济法, 社会法, 刑法,
//	           诉讼与非诉讼程序法 → 法律; elsewhere 法律 when the title is a
//	           中华人民共和国…法, otherwise 规范性文件
//	region     the folder below 地方性法规 (DLC/广东地方法规/地方性法规/广东), or
//	           the folder named "…地方法规"; 全国 otherwise
//	status     现行
//	part       the second "# " line (人格权编), kept in Extra["part"] and
//	           put in front of every chapter (人格权编 / 第一章 一般规定)
//
// Plain files under a folder named 案例 are skipped: in the collection they
// are court judgments on consumer, labour and civil disputes, neither 容错
// cases (they have no outcome or field in our sense) nor rules one may cite,
// and retrieval would otherwise quote a judgment's commentary as if it were
// a provision. Front-matter files in such a folder load as usual.

const (
	infoEnd     = "<!-- INFO END -->"
	casesFolder = "案例"
)

var folderLevels = map[string]string{
	"行政法规":  LevelRegulation,
	"地方性法规": LevelLocalLaw,
	"司法解释":  LevelNormative,
	"部门规章":  LevelNormative,
	"其他":    LevelNormative,
	"宪法":    LevelLaw, "宪法相关法": LevelLaw, "民法典": LevelLaw, "民法商法": LevelLaw,
	"行政法": LevelLaw, "经济法": LevelLaw, "社会法": LevelLaw, "刑法": LevelLaw,
	"诉讼与非诉讼程序法": LevelLaw,
}

var fileDate = regexp.MustCompile(`[(（](\d{4}-\d{2}-\d{2})[)）]$`)

// isCourtCase reports whether a plain file sits in the collection's 案例 tree.
func isCourtCase(name string) bool {
	for _, seg := range strings.Split(path.Dir(name), "/") {
		if seg == casesFolder {
			return true
		}
	}
	return false
}

func parsePlainLaw(name string, lines []string) fileResult {
	res := fileResult{plain: true}
	title, part, bodyStart := lawHeader(lines)
	title, part = strings.Clone(title), strings.Clone(part) // let the file's text go
	if title == "" {
		res.problems = append(res.problems, Problem{name, 1, "既没有 front matter，也没有“# 标题”行，无法识别为知识文件"})
		return res
	}
	id := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if id == "" || id == "." {
		res.problems = append(res.problems, Problem{name, 0, "文件名为空，无法作为 id"})
		return res
	}
	d := &Document{
		ID:           id,
		Title:        title,
		Short:        shortTitle(title),
		Level:        lawLevel(name, title),
		Status:       StatusCurrent,
		Region:       lawRegion(name),
		Verification: Verified,
		File:         name,
	}
	if m := fileDate.FindStringSubmatch(id); m != nil {
		d.Effective = m[1]
	}
	if part != "" {
		d.Extra = map[string]string{"part": part}
	}
	ch := chunkBody(chunkInput{File: name, DocID: id, Title: title, Lines: lines[bodyStart:], FirstLine: bodyStart + 1, Part: part})
	res.problems = append(res.problems, ch.Problems...)
	res.warnings = append(res.warnings, ch.Warnings...)
	if len(ch.Provisions) == 0 {
		res.problems = append(res.problems, Problem{name, bodyStart + 1, "正文为空：没有条文，也没有“##”小节"})
	}
	for _, p := range ch.Provisions {
		p.Verified = true
	}
	d.Provisions = ch.Provisions
	if len(res.problems) == 0 {
		res.doc = d
	}
	return res
}

// lawHeader finds the title, the optional part title (the second "# " line
// of a code split into parts) and where the body starts: after the
// INFO END line, or after the title lines when there is none.
func lawHeader(lines []string) (title, part string, bodyStart int) {
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return "", "", 0
	}
	level, text, ok := parseHeading(strings.TrimSpace(stripLineComments(lines[i])))
	if !ok || level != 1 || text == "" {
		return "", "", 0
	}
	title, bodyStart = text, i+1
	for j := i + 1; j < len(lines); j++ {
		s := strings.TrimSpace(lines[j])
		if s == "" {
			continue
		}
		if level, text, ok := parseHeading(strings.TrimSpace(stripLineComments(s))); ok && level == 1 && part == "" {
			part, bodyStart = text, j+1
			continue
		}
		break
	}
	for j := bodyStart; j < len(lines) && j < bodyStart+200; j++ {
		if strings.TrimSpace(lines[j]) == infoEnd {
			return title, part, j + 1
		}
	}
	return title, part, bodyStart
}

func stripLineComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	s, _ = stripComments(s, false)
	return s
}

func lawLevel(name, title string) string {
	dirs := strings.Split(path.Dir(name), "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		if l, ok := folderLevels[dirs[i]]; ok {
			return l
		}
	}
	if strings.HasPrefix(title, "中华人民共和国") && strings.HasSuffix(strings.TrimSuffix(title, "典"), "法") {
		return LevelLaw
	}
	return LevelNormative
}

func lawRegion(name string) string {
	dirs := strings.Split(path.Dir(name), "/")
	for i, d := range dirs {
		if d == "地方性法规" && i+1 < len(dirs) {
			return dirs[i+1]
		}
	}
	for _, d := range dirs {
		if r, ok := strings.CutSuffix(d, "地方法规"); ok && r != "" {
			return r
		}
	}
	return "全国"
}
