package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A .docx file is a zip of XML parts. The text is in word/document.xml, one
// <w:p> a paragraph. Word's automatic numbering (第一条, 第二条 … typed by
// the list feature, not by the author) is not in the text at all: a
// paragraph only names a list (w:numPr) whose format is in
// word/numbering.xml, possibly through its style in word/styles.xml. The
// reader rebuilds those labels, since without them every article would
// lose its number; what it cannot rebuild is reported.

const (
	partDocument  = "word/document.xml"
	partNumbering = "word/numbering.xml"
	partStyles    = "word/styles.xml"
)

// docxLines returns the paragraphs of a .docx file, with list labels
// rebuilt, and notes for the preview.
func docxLines(name string, data []byte, maxUnpacked int64) (lines, notes []string, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, refuse(name, "文件已损坏，无法作为 .docx 打开", "open zip: %v", err)
	}
	budget := &unpackBudget{left: maxUnpacked, name: name}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if f.Name != partDocument && f.Name != partNumbering && f.Name != partStyles {
			continue
		}
		b, err := budget.read(f)
		if err != nil {
			return nil, nil, err
		}
		parts[f.Name] = b
	}
	doc, ok := parts[partDocument]
	if !ok {
		return nil, nil, refuse(name, "这个 .docx 不是 Word 文档（压缩包里没有 word/document.xml），可能是改了扩展名的其他压缩包",
			"zip without %s", partDocument)
	}
	nums, err := parseNumbering(parts[partNumbering], parts[partStyles])
	if err != nil {
		return nil, nil, refuse(name, "Word 文档的编号定义已损坏", "parse numbering: %v", err)
	}
	paras, err := parseDocument(doc)
	if err != nil {
		return nil, nil, refuse(name, "Word 文档内容已损坏，无法读取", "parse document.xml: %v", err)
	}
	var rebuilt, missing int
	example := ""
	for _, p := range paras {
		ref := p.num
		if !ref.set && p.style != "" {
			ref = nums.styleNum(p.style)
		}
		text := p.text
		if ref.set && ref.numID != "0" {
			label, ok := nums.next(ref)
			switch {
			case !ok:
				missing++
			case label != "":
				rebuilt++
				if example == "" {
					example = label
				}
				text = label + nums.suffix(ref) + text
			}
		}
		lines = append(lines, strings.Split(text, "\n")...)
	}
	if rebuilt > 0 {
		notes = append(notes, fmt.Sprintf("Word 的自动编号不在文字里，已按文档的编号格式还原 %d 处（如“%s”），请核对条文编号", rebuilt, example))
	}
	if missing > 0 {
		notes = append(notes, fmt.Sprintf("有 %d 段使用了 Word 自动编号，但文件里找不到它的编号格式，这些段落的编号（可能是“第X条”）没能还原，请在 Word 中把编号转为文字后重新上传", missing))
	}
	return lines, notes, nil
}

// unpackBudget bounds what the parts of a zip may expand to, whatever
// their headers claim: a zip bomb is refused once it has unpacked the
// budget, not after.
type unpackBudget struct {
	left int64
	name string
}

func (b *unpackBudget) read(f *zip.File) ([]byte, error) {
	if f.Flags&0x1 != 0 {
		return nil, refuse(b.name, "Word 文档已加密，无法读取，请取消密码后再上传", "encrypted zip entry %s", f.Name)
	}
	if f.UncompressedSize64 > uint64(b.left) {
		return nil, b.bomb(f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, refuse(b.name, "文件已损坏，无法作为 .docx 打开", "open %s: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, b.left+1))
	if err != nil {
		return nil, refuse(b.name, "文件已损坏，无法作为 .docx 打开", "read %s: %v", f.Name, err)
	}
	if int64(len(data)) > b.left {
		return nil, b.bomb(f.Name)
	}
	b.left -= int64(len(data))
	return data, nil
}

func (b *unpackBudget) bomb(part string) error {
	return refuse(b.name, "文件解压后过大，超过上限，已拒绝（可能是恶意构造的压缩包）", "%s unpacks past the limit", part)
}

// numRef is a paragraph's list membership.
type numRef struct {
	set   bool
	numID string
	ilvl  int
}

type docPara struct {
	text  string
	style string
	num   numRef
}

// parseDocument reads the paragraphs of document.xml: the text of w:t,
// tabs as spaces, line breaks as new lines; deleted text (w:delText) and
// field codes (w:instrText) are left out by not being w:t. Paragraphs in
// text boxes, nested inside a paragraph, come out as their own.
func parseDocument(data []byte) ([]docPara, error) {
	var out []docPara
	var stack []*docPara
	var text []*strings.Builder
	inT, inPPr := false, false
	err := eachToken(data, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			cur := len(stack) - 1
			switch t.Name.Local {
			case "p":
				stack = append(stack, &docPara{})
				text = append(text, &strings.Builder{})
			case "pPr":
				inPPr = true
			case "t":
				inT = cur >= 0
			case "tab":
				if cur >= 0 && !inPPr {
					text[cur].WriteString(" ")
				}
			case "br", "cr":
				if cur >= 0 {
					text[cur].WriteString("\n")
				}
			case "pStyle":
				if cur >= 0 && inPPr {
					stack[cur].style = attr(t, "val")
				}
			case "numId":
				if cur >= 0 && inPPr {
					stack[cur].num.set, stack[cur].num.numID = true, attr(t, "val")
				}
			case "ilvl":
				if cur >= 0 && inPPr {
					stack[cur].num.ilvl = atoi(attr(t, "val"))
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				if n := len(stack) - 1; n >= 0 {
					p := stack[n]
					p.text = text[n].String()
					out = append(out, *p)
					stack, text = stack[:n], text[:n]
				}
			case "pPr":
				inPPr = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && len(text) > 0 {
				text[len(text)-1].Write(t)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachToken calls f with every token of an XML part in turn; an empty or
// absent part has none.
func eachToken(data []byte, f func(xml.Token)) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		f(tok)
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1000 {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
