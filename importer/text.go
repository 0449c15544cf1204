package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"rongcuo/knowledge"
)

// decodeText returns the text of a .txt or .md file: UTF-8 (with or
// without a byte order mark), UTF-16 with a byte order mark (what Windows
// Notepad calls Unicode), or GB18030, which covers GBK and GB2312 files
// saved by older Chinese Windows. Binary data is refused.
func decodeText(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", refuse(name, "这不是文本文件（含有二进制数据）", "binary data (NUL bytes) in a text file")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", refuse(name, "无法识别文件的文字编码，请以 UTF-8 或 GB18030（GBK）编码保存后再上传", "neither UTF-8 nor GB18030")
	}
	return string(out), nil
}

func decodeUTF16(name string, data []byte) (string, error) {
	if len(data)%2 != 0 {
		return "", refuse(name, "UTF-16 文本的长度不完整，文件可能已损坏", "odd length UTF-16 text")
	}
	// The byte order mark sets the byte order and is dropped.
	out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) || bytes.IndexByte(out, 0) >= 0 {
		return "", refuse(name, "UTF-16 文本含有无效字符，文件可能已损坏", "invalid UTF-16 text")
	}
	return string(out), nil
}

// division matches a 编 / 章 / 节 heading line: 第一章 总则, 第二节　权限.
var division = regexp.MustCompile(`^第([一二三四五六七八九十百零〇两0-9０-９]+)(编|分编|章|节)[\s　]*(.*)$`)

// fromLines builds a document from lines of text (a .txt or .docx file, a
// PDF's text, Markdown without front matter): the title, then 编 / 章 / 节
// lines as headings and everything else as paragraphs. notes are findings
// of the reader (Word numbering) shown with the loader's warnings.
func fromLines(name, format string, lines, notes []string, opt Options) (*Item, error) {
	legacy, err := fileID(name)
	if err != nil {
		return nil, err
	}
	id, idFrom := nameSlug(name), IDFromFile
	if id == "" {
		id, idFrom = legacy, IDFromTitle // until the text is read
	}
	var body []string
	title := ""
	for _, l := range lines {
		l = strings.TrimSpace(strings.Map(printable, l))
		if l == "" {
			continue
		}
		if title == "" && len(body) == 0 && looksLikeTitle(l) {
			title = strings.Trim(strings.TrimLeft(l, "# "), "《》")
			continue
		}
		body = append(body, l)
	}
	if len(body) == 0 {
		return nil, refuse(name, "文件里没有可以导入的正文", "no text besides the title")
	}
	if title == "" {
		title = strings.Trim(stem(name), "《》")
	}
	md := toMarkdown(id, title, body)
	doc, _, problems := knowledge.ParseText(id, md)
	if doc == nil {
		return nil, problemsRefusal(name, unlocated(problems))
	}
	if articles(doc) == 0 && !policyVocabulary(title, body) {
		if !opt.Force {
			r := refuse(name, "这份文件看起来不是政策文件：没有“第X条”形式的条文，也没有办法、规定、干部、问责、容错一类的政策用语，没有导入。确需导入的，请选择“仍然导入”（命令行加 --force，网页上勾选“仍然导入”）",
				"no articles and no policy vocabulary")
			r.Forceable = true
			return nil, r
		}
		notes = append(notes, "这份文件没有条文也没有政策用语，按工作人员的要求仍然导入")
	}
	rd := readMeta(title, body, name)
	if idFrom == IDFromTitle {
		id = titleID(title, rd)
		renameDocument(doc, id)
	}
	meta := applyMeta(doc, opt.Defaults, rd)
	if articles(doc) == 0 {
		notes = append(notes, fmt.Sprintf("没有识别到“第X条”形式的条文，已按标题或“一、二、”分为 %d 段导入；如果原文有条文编号，请检查文件", len(doc.Provisions)))
	}
	it, err := finish(name, format, doc, nil, located(unlocated(problems)), notes)
	if it != nil {
		it.Meta, it.IDFrom = meta, idFrom
		if legacy != id {
			it.LegacyID = legacy
		}
	}
	return it, err
}

var fileDate = regexp.MustCompile(`[(（](\d{4}-\d{2}-\d{2})[)）]$`)

// unlocated drops line numbers that point into the generated Markdown,
// which the user never sees.
func unlocated(problems []knowledge.Problem) []knowledge.Problem {
	for i := range problems {
		problems[i].Line = 0
	}
	return problems
}

// printable drops control and private-use characters (Word's field marks,
// symbol-font glyphs), keeping tabs as spaces.
func printable(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case unicode.IsControl(r), unicode.Is(unicode.Co, r), r == utf8.RuneError, r == '\ufeff':
		return -1
	}
	return r
}

// looksLikeTitle accepts a first line that is short and neither an article
// nor a heading nor a sentence.
func looksLikeTitle(l string) bool {
	if utf8.RuneCountInString(l) > 80 || strings.HasSuffix(l, "。") || strings.HasSuffix(l, "；") {
		return false
	}
	if strings.HasPrefix(l, "第") && (isArticle(l) || division.MatchString(l)) {
		return false
	}
	return true
}

func isArticle(l string) bool {
	d, _, _ := knowledge.ParseFile("x.md", []byte("---\nid: x\nkind: document\ntitle: x\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n"+l+"\n"))
	return d != nil && len(d.Provisions) == 1 && d.Provisions[0].Number > 0
}

// toMarkdown writes the knowledge file of a text: 编 headings at "##" and
// 章 and 节 one and two deeper (章 at "##" when there is no 编).
func toMarkdown(id, title string, body []string) string {
	hasPart := false
	for _, l := range body {
		if m := division.FindStringSubmatch(l); m != nil && strings.HasSuffix(m[2], "编") && !isArticle(l) {
			hasPart = true
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\nkind: document\ntitle: %s\nlevel: %s\nstatus: %s\nverification: %s\n---\n",
		id, title, knowledge.LevelNormative, knowledge.StatusCurrent, knowledge.Unverified)
	for _, l := range body {
		if m := division.FindStringSubmatch(l); m != nil && utf8.RuneCountInString(l) <= 40 && !isArticle(l) {
			level := 2
			switch {
			case m[2] == "编" || m[2] == "分编":
			case m[2] == "章" && hasPart:
				level = 3
			case m[2] == "节":
				level = 3
				if hasPart {
					level = 4
				}
			}
			fmt.Fprintf(&b, "\n%s 第%s%s %s\n", strings.Repeat("#", level), m[1], m[2], m[3])
			continue
		}
		if strings.HasPrefix(l, "#") {
			l = "＃" + l[1:] // text, not a Markdown heading
		}
		b.WriteString("\n" + l + "\n")
	}
	return b.String()
}
