package importer

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// The id of a file without front matter. An id names a document in
// commands, links and the change log, and importing a file whose id is
// taken replaces that document, so it must mean something and stay the
// same when the same text is imported again:
//
//   - a file name in ASCII that says something (wzcl-2019.txt,
//     "County Measures.docx") gives its slug: lower case, runs of other
//     characters as "-" (wzcl-2019, county-measures);
//   - any other name (gbk.txt, 新建文本文档.txt, document (1).pdf,
//     IMG_2041.pdf, 县容错办法.docx: there is no pinyin here) gives an id
//     built from what the text says: the level, the province or 全国 where
//     the text names one, the year of the effective date, and a short hash
//     of the title (norm-hubei-2022-3fa2b1); the same text gives the same
//     id;
//   - staff's id (Options.ID, kb import --id, the bot and the web form)
//     stands;
//   - the live knowledge base keeps the id a document was first imported
//     under: a file imported before ids were made this way had its file
//     name as id (Item.LegacyID), and importing it again replaces that
//     document instead of adding a second one.
//
// Plain law Markdown keeps its file name as id: the law collection's ids
// are its file names, and its versions are linked by them.

// Where an item's id came from (Item.IDFrom); "" is a front matter's id.
const (
	IDFromFile   = "file"   // the file's name
	IDFromTitle  = "title"  // the level, place, year and title
	IDFromStaff  = "staff"  // given by staff
	IDFromStored = "stored" // the id the knowledge base already holds the document under
)

// IDNotes say where an id came from, for staff.
var IDNotes = map[string]string{
	IDFromFile:   "按文件名生成",
	IDFromTitle:  "按层级、地区、年份和标题生成",
	IDFromStaff:  "工作人员指定",
	IDFromStored: "沿用知识库中已有的 id",
}

// MaxIDLen is the longest id staff may give, in characters.
const MaxIDLen = 64

// CheckID reports an id staff gave that cannot name a document: empty,
// too long, or with whitespace or a character that ids, provision anchors,
// links or button data use (# | / \ ?).
func CheckID(id string) error {
	bad := func(why string) error {
		return &Refusal{Msg: fmt.Sprintf("id“%s”无效：%s", id, why), Cause: fmt.Sprintf("invalid id %q: %s", id, why)}
	}
	switch {
	case id == "":
		return bad("不能为空")
	case utf8.RuneCountInString(id) > MaxIDLen:
		return bad(fmt.Sprintf("不能超过 %d 个字符", MaxIDLen))
	case strings.IndexFunc(id, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("#|/\\?", r)
	}) >= 0:
		return bad("不能含空白或 # | / \\ ? 这些字符")
	}
	return nil
}

// SetID gives the document of an item another id (staff's, or the one the
// knowledge base holds it under) and writes its text again.
func (it *Item) SetID(id, from string) error {
	if err := CheckID(id); err != nil {
		return err
	}
	if it.Doc == nil {
		return &Refusal{File: it.Name, Msg: "案例的 id 由案例本身决定，不能另行指定", Cause: "set the id of a case"}
	}
	renameDocument(it.Doc, id)
	again, err := finish(it.Name, it.Format, it.Doc, nil, nil, nil)
	if err != nil {
		return err
	}
	it.Doc, it.Text, it.IDFrom = again.Doc, again.Text, from
	return nil
}

// Rename gives a document another id, checking it.
func Rename(d *knowledge.Document, id string) error {
	if err := CheckID(id); err != nil {
		return err
	}
	renameDocument(d, id)
	return nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// meaningless are the words of file names that say nothing about the text:
// encodings, formats, the names programs give new files.
var meaningless = map[string]bool{
	"gbk": true, "gb2312": true, "gb18030": true, "big5": true, "utf8": true, "utf": true, "utf16": true, "ansi": true,
	"unicode": true, "ascii": true, "txt": true, "text": true, "doc": true, "docx": true, "pdf": true, "md": true,
	"file": true, "files": true, "document": true, "documents": true, "new": true, "untitled": true, "unnamed": true,
	"noname": true, "test": true, "tmp": true, "temp": true, "copy": true, "scan": true, "scanned": true, "download": true,
	"upload": true, "export": true, "output": true, "input": true, "data": true, "draft": true, "final": true,
	"attachment": true, "img": true, "image": true, "dsc": true, "page": true, "wendang": true, "fujian": true,
	"xinjian": true, "wenjian": true, "microsoft": true, "word": true, "wps": true,
}

// maxSlug is the longest slug of a file name, in bytes.
const maxSlug = 48

// nameSlug is the slug of an ASCII file name that says something, or "".
func nameSlug(name string) string {
	s := strings.TrimSpace(stem(name))
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return ""
		}
	}
	slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(slug) > maxSlug {
		slug = slug[:maxSlug]
		if i := strings.LastIndexByte(slug, '-'); i > maxSlug/2 {
			slug = slug[:i]
		}
		slug = strings.Trim(slug, "-")
	}
	for _, w := range strings.Split(slug, "-") {
		if says(w) {
			return slug
		}
	}
	return ""
}

// says reports whether a word of a file name says something: two letters
// or more, not a word programs name files with, not a hash.
func says(w string) bool {
	letters := 0
	hex := true
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			letters++
		}
		hex = hex && (r >= '0' && r <= '9' || r >= 'a' && r <= 'f')
	}
	return letters >= 2 && !meaningless[w] && !(hex && len(w) >= 8 && letters < len(w))
}

// levelCodes are the levels in an id.
var levelCodes = map[string]string{
	knowledge.LevelPartyRule: "party", knowledge.LevelLaw: "law", knowledge.LevelRegulation: "reg",
	knowledge.LevelLocalLaw: "local", knowledge.LevelNormative: "norm", knowledge.LevelSpeech: "speech",
	knowledge.LevelCommentary: "comment",
}

// provinces are the provincial divisions in an id; below them a place has
// no spelling here.
var provinces = []struct{ name, code string }{
	{"北京", "beijing"}, {"天津", "tianjin"}, {"河北", "hebei"}, {"山西", "shanxi"}, {"内蒙古", "neimenggu"},
	{"辽宁", "liaoning"}, {"吉林", "jilin"}, {"黑龙江", "heilongjiang"}, {"上海", "shanghai"}, {"江苏", "jiangsu"},
	{"浙江", "zhejiang"}, {"安徽", "anhui"}, {"福建", "fujian"}, {"江西", "jiangxi"}, {"山东", "shandong"},
	{"河南", "henan"}, {"湖北", "hubei"}, {"湖南", "hunan"}, {"广东", "guangdong"}, {"广西", "guangxi"},
	{"海南", "hainan"}, {"重庆", "chongqing"}, {"四川", "sichuan"}, {"贵州", "guizhou"}, {"云南", "yunnan"},
	{"西藏", "xizang"}, {"陕西", "shaanxi"}, {"甘肃", "gansu"}, {"青海", "qinghai"}, {"宁夏", "ningxia"},
	{"新疆", "xinjiang"}, {"香港", "hongkong"}, {"澳门", "macao"}, {"台湾", "taiwan"},
}

// provinceCode is the province a name starts with (after 中共), or "".
func provinceCode(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "中国共产党"), "中共")
	for _, p := range provinces {
		if strings.HasPrefix(s, p.name) {
			return p.code
		}
	}
	return ""
}

// titleID is the id of a text whose file name says nothing: its level, its
// province (or cn for a national text), the year it takes effect and a
// hash of its title, all as the text reads (not as staff corrected them,
// so that the same text always gets the same id).
func titleID(title string, rd reading) string {
	parts := []string{cmp.Or(levelCodes[rd.values[MetaLevel]], "doc")}
	region := rd.values[MetaRegion]
	switch code := cmp.Or(provinceCode(region), provinceCode(rd.values[MetaIssuer]), provinceCode(title)); {
	case code != "":
		parts = append(parts, code)
	case region == "全国":
		parts = append(parts, "cn")
	}
	if y, _, _ := strings.Cut(rd.values[MetaEffective], "-"); len(y) == 4 {
		parts = append(parts, y)
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(title), "")))
	return strings.Join(append(parts, hex.EncodeToString(sum[:3])), "-")
}
