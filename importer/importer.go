// Package importer turns the files staff upload into knowledge documents and
// cases: Markdown (front matter or plain law), plain text (UTF-8, UTF-16
// with a byte order mark, or GB18030), Word .docx and text PDF. Every file
// becomes the canonical front-matter text the live knowledge base stores
// (knowledge.FormatDocument), read back once so that what is previewed is
// exactly what is stored and exported.
//
// # Metadata of files without front matter
//
// A .txt, .docx or .pdf file, and a Markdown file without front matter,
// carries no metadata, so the importer supplies it:
//
//	id            staff's (Options.ID); else the slug of an ASCII file name
//	              that says something; else the level, province, year and a
//	              hash of the title (id.go): the same file gives the same id,
//	              so uploading a revised file replaces the document (with a
//	              version check). Plain law Markdown keeps its file name.
//	title         the "# " line of plain law Markdown; otherwise the first
//	              line of text when it is short and not an article or a
//	              chapter heading (《》 removed); otherwise the file name
//	level, region, issuer, status, effective
//	              what staff give (Defaults: flags, buttons, a form), else
//	              what the text says (meta.go: the issuer line, 自…起施行,
//	              the signature date, the place the issuer or title starts
//	              with, the kind of title), else the defaults 规范性文件, 全国,
//	              现行; plain law files of the collection take level and
//	              region from their folders and the date from their name.
//	              Every value not stated by the file or staff is flagged as
//	              a guess in Item.Meta and kept in the stored text under
//	              "guessed" until someone corrects it (SetField,
//	              kblive.Service.Correct)
//	number        a 〔2022〕19号 line near the top
//	verification  Defaults.Verification, else unverified: an uploaded text
//	              is paraphrased, never quoted as the provision's wording,
//	              until staff say it was checked against the official text
//	source        Defaults.Source, if given
//
// A file with no articles and no policy vocabulary (a note, not a policy)
// is refused unless Options.Force.
//
// Front-matter files keep every field they declare.
package importer

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"rongcuo/knowledge"
)

// Limits and defaults.
const (
	DefaultMaxFileSize = 20 << 20  // the most Telegram lets a bot download
	DefaultMaxUnpacked = 100 << 20 // the text a .docx or .pdf may unpack to
)

// Options tune an import; zero values take the defaults.
type Options struct {
	MaxFileSize int64 // bytes
	MaxUnpacked int64 // bytes a compressed file may expand to in all
	Defaults    Metadata
	// Force takes a file that does not look like a policy document (no
	// articles and no policy vocabulary), which is otherwise refused.
	Force bool
	// ID is staff's id for the one document of a file without front
	// matter (kb import --id); "" derives it (see id.go).
	ID string
}

// Metadata fills the fields of documents whose files have no front matter.
type Metadata struct {
	Level        string
	Status       string
	Region       string
	Verification string
	Issuer       string
	Source       string
	Effective    string // YYYY, YYYY-MM or YYYY-MM-DD
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxUnpacked <= 0 {
		o.MaxUnpacked = DefaultMaxUnpacked
	}
	return o
}

// Check reports metadata values the knowledge format would reject.
func (m Metadata) Check() error {
	for _, f := range []struct {
		name, value string
		allowed     []string
	}{
		{"level", m.Level, knowledge.Levels},
		{"status", m.Status, knowledge.Statuses},
		{"verification", m.Verification, []string{knowledge.Verified, knowledge.Partial, knowledge.Unverified}},
	} {
		if f.value != "" && !slices.Contains(f.allowed, f.value) {
			return &Refusal{Msg: fmt.Sprintf("%s 的值“%s”无效，允许的值：%s", f.name, f.value, strings.Join(f.allowed, "、")),
				Cause: fmt.Sprintf("invalid %s %q: want %s", f.name, f.value, strings.Join(f.allowed, ", "))}
		}
	}
	if m.Effective != "" && !dateRe.MatchString(m.Effective) {
		return &Refusal{Msg: fmt.Sprintf("effective 的值“%s”无效，应写成 2023-05-01、2023-05 或 2023", m.Effective), Cause: fmt.Sprintf("invalid effective %q", m.Effective)}
	}
	return nil
}

// Item is one file read as a document or a case.
type Item struct {
	Name     string // the file's name as given (a path under an imported folder)
	Format   string // md, txt, docx or pdf
	Doc      *knowledge.Document
	Case     *knowledge.Case
	Text     string   // the canonical knowledge file that is stored
	Warnings []string // findings that do not stop the import, in Chinese
	// Meta is a document's level, region, issuer, status and effective date
	// as read or guessed, guesses flagged, for staff to check and correct.
	Meta []MetaField
	// IDFrom says where the id of a file without front matter came from
	// (IDFromFile, IDFromTitle, IDFromStaff, IDFromStored); "" for a front
	// matter's id.
	IDFrom string
	// LegacyID is the id the importer used to give this file (its name),
	// when it now gives another: the live knowledge base keeps a document
	// imported under it under it.
	LegacyID string

	plainLaw bool // plain law Markdown: its versions are linked across a batch
}

// ID returns the id of the document or case.
func (it *Item) ID() string {
	if it.Doc != nil {
		return it.Doc.ID
	}
	return it.Case.ID
}

// Articles returns the numbered articles (第X条) of a document, 0 for a case.
func (it *Item) Articles() int {
	if it.Doc == nil {
		return 0
	}
	return articles(it.Doc)
}

func articles(d *knowledge.Document) int {
	n := 0
	for _, p := range d.Provisions {
		if p.Number > 0 {
			n++
		}
	}
	return n
}

// Title returns the title of the document or case.
func (it *Item) Title() string {
	if it.Doc != nil {
		return it.Doc.Title
	}
	return it.Case.Title
}

// Refusal is a file the importer will not take. Msg tells the person who
// sent it why, in Chinese; Cause says it in English for operators' logs.
type Refusal struct {
	File  string
	Msg   string
	Cause string
	// Forceable marks a file refused only because it does not look like a
	// policy document: staff can insist (Options.Force, 仍然导入).
	Forceable bool
	// Skip marks a file that is simply not knowledge (a README, a folder's
	// index page, a court judgment of the law collection): in a folder it
	// is skipped, not an error that stops the import.
	Skip bool
}

func (r *Refusal) Error() string {
	if r.File == "" {
		return "importer: " + r.Cause
	}
	return "importer: " + r.File + ": " + r.Cause
}

// UserMessage returns the reason for the person who sent the file.
func (r *Refusal) UserMessage() string {
	if r.File == "" {
		return r.Msg
	}
	return r.File + "：" + r.Msg
}

func refuse(name, msg, cause string, a ...any) *Refusal {
	return &Refusal{File: name, Msg: msg, Cause: fmt.Sprintf(cause, a...)}
}

// Signatures of the containers the importer recognises by content.
var (
	sigZip = []byte("PK\x03\x04")
	sigOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sigPDF = []byte("%PDF-")
)

// File reads one file. name is its path as the user gave it (slash or OS
// separated); its folders matter only for plain law Markdown, whose level
// and region the loader reads from them.
func File(name string, data []byte, opt Options) (*Item, error) {
	opt = opt.withDefaults()
	name = strings.ReplaceAll(name, "\\", "/")
	if err := opt.Defaults.Check(); err != nil {
		return nil, err
	}
	if opt.ID != "" {
		if err := CheckID(opt.ID); err != nil {
			return nil, err
		}
	}
	it, err := readFile(name, data, opt)
	if err != nil || opt.ID == "" {
		return it, err
	}
	if it.IDFrom == "" {
		return nil, refuse(name, fmt.Sprintf("这份文件的 front matter 已写明 id“%s”，指定的 id 只用于没有 front matter 的文件", it.ID()), "--id given for a file with front matter (id %s)", it.ID())
	}
	if err := it.SetID(opt.ID, IDFromStaff); err != nil {
		return nil, err
	}
	it.LegacyID = ""
	return it, nil
}

func readFile(name string, data []byte, opt Options) (*Item, error) {
	if int64(len(data)) > opt.MaxFileSize {
		return nil, refuse(name, fmt.Sprintf("文件太大（%s），上限为 %s", size(int64(len(data))), size(opt.MaxFileSize)),
			"file of %d bytes exceeds the %d-byte limit", len(data), opt.MaxFileSize)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, refuse(name, "文件是空的", "empty file")
	}
	ext := strings.ToLower(path.Ext(name))
	if bytes.HasPrefix(data, sigOLE) {
		return nil, refuse(name, "这是加密的 Office 文件或旧版 Word（.doc）文件，无法读取。请取消密码并另存为 .docx 后再上传",
			"OLE compound file (encrypted OOXML or legacy .doc)")
	}
	if base := strings.ToLower(path.Base(name)); stem(base) == "readme" || base == "_index.md" {
		return nil, skip(name, "说明文件或目录页，不是知识文件", "README or section index")
	}
	switch ext {
	case ".md", ".markdown":
		text, err := decodeText(name, data)
		if err != nil {
			return nil, err
		}
		return fromMarkdown(name, text, opt)
	case ".txt":
		text, err := decodeText(name, data)
		if err != nil {
			return nil, err
		}
		return fromLines(name, "txt", splitLines(text), nil, opt)
	case ".docx":
		if !bytes.HasPrefix(data, sigZip) {
			return nil, refuse(name, "文件不是有效的 .docx（Word 文档），可能已损坏或只是改了扩展名", "not a zip container")
		}
		lines, notes, err := docxLines(name, data, opt.MaxUnpacked)
		if err != nil {
			return nil, err
		}
		return fromLines(name, "docx", lines, notes, opt)
	case ".pdf":
		if !bytes.Contains(data[:min(len(data), 1024)], sigPDF) { // readers accept junk before the header
			return nil, refuse(name, "文件不是有效的 PDF，可能已损坏或只是改了扩展名", "no %%PDF- header")
		}
		lines, err := pdfLines(name, data, opt.MaxUnpacked)
		if err != nil {
			return nil, err
		}
		return fromLines(name, "pdf", lines, nil, opt)
	case ".doc":
		return nil, refuse(name, "不支持旧版 Word（.doc）文件，请另存为 .docx 后再上传", "legacy .doc format")
	case "":
		return nil, refuse(name, "文件没有扩展名，无法判断类型；支持 .md .txt .docx .pdf", "no file extension")
	}
	return nil, refuse(name, fmt.Sprintf("不支持 %s 文件；支持 .md .txt .docx .pdf", ext), "unsupported file type %s", ext)
}

func skip(name, msg, cause string) *Refusal {
	return &Refusal{File: name, Msg: msg, Cause: cause, Skip: true}
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// fromMarkdown reads a front-matter file as it is, plain law Markdown with
// the defaults applied, and anything else as text.
func fromMarkdown(name, text string, opt Options) (*Item, error) {
	lines := splitLines(text)
	if first := firstNonBlank(lines); strings.TrimSpace(first) == "---" {
		doc, kase, problems := knowledge.ParseFile(name, []byte(text))
		if doc == nil && kase == nil {
			if len(problems) == 0 {
				return nil, skip(name, "front matter 没有 id 和 kind，不是知识文件（说明文件或目录页）", "front matter without id or kind")
			}
			return nil, problemsRefusal(name, problems)
		}
		it, err := finish(name, "md", doc, kase, located(problems), nil)
		if it != nil && it.Doc != nil {
			from := map[string]string{}
			for _, k := range MetaKeys {
				from[k] = "文件自带"
			}
			it.Meta = metaOf(it.Doc, from, Guessed(it.Doc), nil)
		}
		return it, err
	}
	if !strings.HasPrefix(strings.TrimSpace(firstNonBlank(lines)), "# ") {
		return fromLines(name, "md", lines, nil, opt)
	}
	if isCourtCase(name) {
		return nil, skip(name, "法律汇编“案例”目录下的法院判决，既不是容错案例，也不是可引用的条文", "court judgment under 案例/")
	}
	id, err := fileID(name)
	if err != nil {
		return nil, err
	}
	doc, _, problems := knowledge.ParseFile(name, []byte(text))
	if doc == nil {
		return nil, problemsRefusal(name, problems)
	}
	level, region := knowledge.LawFolderMeta(name)
	rd := readMeta(doc.Title, bodyLines(lines), name)
	if level != "" {
		// A file of the law collection: its folders and file name say what
		// it is, and its status follows from the versions beside it.
		rd.values[MetaLevel], rd.from[MetaLevel] = level, "法律汇编的分类目录"
		rd.values[MetaStatus], rd.from[MetaStatus] = knowledge.StatusCurrent, "法律汇编收录的版本（新旧版本按文件名日期判断）"
		if rd.values[MetaIssuer] == "" {
			rd.from[MetaIssuer] = "法律汇编文本未载明"
		}
		rd.guessed = slices.DeleteFunc(rd.guessed, func(k string) bool { return k == MetaLevel || k == MetaIssuer })
	}
	if region != "" {
		rd.values[MetaRegion], rd.from[MetaRegion] = region, "法律汇编的地区目录"
		rd.guessed = slices.DeleteFunc(rd.guessed, func(k string) bool { return k == MetaRegion })
	}
	if doc.Effective != "" {
		rd.values[MetaEffective], rd.from[MetaEffective] = doc.Effective, "文件名中的日期（法律汇编的版本日期）"
		rd.guessed = slices.DeleteFunc(rd.guessed, func(k string) bool { return k == MetaEffective })
	}
	meta := applyMeta(doc, opt.Defaults, rd)
	if doc.ID != id {
		renameDocument(doc, id)
	}
	it, err := finish(name, "md", doc, nil, located(problems), nil)
	if it != nil {
		it.plainLaw, it.Meta, it.IDFrom = true, meta, IDFromFile
	}
	return it, err
}

func isCourtCase(name string) bool {
	for _, seg := range strings.Split(path.Dir(name), "/") {
		if seg == "案例" {
			return true
		}
	}
	return false
}

// applyMeta sets the metadata of a document whose file had none: what
// staff gave, else what the text says (rd), else the defaults; it records
// the guessed fields in the document and returns the fields for the preview.
func applyMeta(d *knowledge.Document, m Metadata, rd reading) []MetaField {
	from := map[string]string{}
	var guessed []string
	defaults := map[string]string{MetaLevel: knowledge.LevelNormative, MetaRegion: "全国", MetaStatus: knowledge.StatusCurrent}
	staff := map[string]string{MetaLevel: m.Level, MetaRegion: m.Region, MetaIssuer: m.Issuer, MetaStatus: m.Status, MetaEffective: m.Effective}
	for _, k := range MetaKeys {
		v, f, guess := staff[k], "工作人员指定", false
		switch {
		case v != "":
		case rd.values[k] != "":
			v, f, guess = rd.values[k], rd.from[k], slices.Contains(rd.guessed, k)
		case defaults[k] != "":
			v, f, guess = defaults[k], "默认值（文中未写明）", true
		case rd.from[k] != "":
			f = rd.from[k] // known to be absent, as in the law collection's texts
		default:
			f, guess = "文中未找到", true
		}
		switch k {
		case MetaLevel:
			d.Level = v
		case MetaRegion:
			d.Region = v
		case MetaIssuer:
			d.Issuer = v
		case MetaStatus:
			d.Status = v
		case MetaEffective:
			d.Effective = v
		}
		from[k] = f
		if guess {
			guessed = append(guessed, k)
		}
	}
	if d.Number == "" {
		d.Number = rd.number
	}
	d.Verification = cmp.Or(m.Verification, knowledge.Unverified)
	d.Source = m.Source
	for _, p := range d.Provisions {
		p.Verified = d.Verification == knowledge.Verified
	}
	setGuessed(d, guessed)
	return metaOf(d, from, guessed, rd.cands)
}

func renameDocument(d *knowledge.Document, id string) {
	for _, p := range d.Provisions {
		_, anchor, _ := strings.Cut(p.ID, "#")
		p.ID, p.DocID = id+"#"+anchor, id
	}
	d.ID = id
}

var unsafeID = regexp.MustCompile(`[\s#]+`)

// fileID is the id of a file without front matter: its name without the
// extension, with no whitespace and no "#".
func fileID(name string) (string, error) {
	id := strings.Trim(unsafeID.ReplaceAllString(strings.TrimSpace(stem(name)), "_"), "_")
	if id == "" {
		return "", refuse(name, "文件名为空，无法生成 id，请给文件起一个名字", "empty file name")
	}
	return id, nil
}

// stem is a file's base name without its extension.
func stem(name string) string {
	base := path.Base(name)
	return strings.TrimSuffix(base, path.Ext(base))
}

// finish writes the canonical text and reads it back: the item holds what a
// replica will load from the store, not what the file happened to say.
func finish(name, format string, doc *knowledge.Document, kase *knowledge.Case, warnings, notes []string) (*Item, error) {
	var text, id string
	if doc != nil {
		text, id = string(knowledge.FormatDocument(doc)), doc.ID
	} else {
		// An invented case must say so wherever it is shown.
		if ps := knowledge.IllustrativeProblems(kase); len(ps) > 0 {
			return nil, refuse(name, "示例案例缺少“示例”标记，没有导入："+strings.Join(ps, "；"), "illustrative case %s without the illustrative marks", kase.ID)
		}
		text, id = string(knowledge.FormatCase(kase)), kase.ID
	}
	d2, c2, problems := knowledge.ParseText(id, text)
	if d2 == nil && c2 == nil {
		return nil, problemsRefusal(name, problems)
	}
	return &Item{Name: name, Format: format, Doc: d2, Case: c2, Text: text, Warnings: append(notes, warnings...)}, nil
}

func problemsRefusal(name string, problems []knowledge.Problem) *Refusal {
	msgs := located(problems)
	if len(msgs) == 0 {
		msgs = []string{"内容无法识别为知识文件"}
	}
	if len(msgs) > 5 {
		msgs = append(msgs[:5], fmt.Sprintf("（另有 %d 处问题）", len(msgs)-5))
	}
	cause := "rejected by the knowledge loader"
	if len(problems) > 0 {
		cause += ": " + problems[0].Error()
	}
	return &Refusal{File: name, Msg: "无法导入：" + strings.Join(msgs, "；"), Cause: cause}
}

func located(problems []knowledge.Problem) []string {
	var out []string
	for _, p := range problems {
		if p.Line > 0 {
			out = append(out, fmt.Sprintf("第 %d 行：%s", p.Line, p.Msg))
		} else {
			out = append(out, p.Msg)
		}
	}
	return out
}

func firstNonBlank(lines []string) string {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
}
