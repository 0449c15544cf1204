package importer

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// buildZip writes a zip of the given parts, in order.
func buildZip(t testing.TB, parts ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func para(text string, pPr string) string {
	return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func numPr(numID string, ilvl int) string {
	return `<w:numPr><w:ilvl w:val="` + string(rune('0'+ilvl)) + `"/><w:numId w:val="` + numID + `"/></w:numPr>`
}

func documentXML(paras ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + strings.Join(paras, "") + `<w:sectPr/></w:body></w:document>`
}

// numberingXML defines list 1 as 第%1条 in Chinese numerals with (%2)
// items below it, and list 2 through the ArticleStyle paragraph style.
const numberingXML = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`

const stylesXML = `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Base"><w:pPr>` + `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ArticleStyle"><w:basedOn w:val="Base"/></w:style>
</w:styles>`

func TestDocxRebuildsWordNumbering(t *testing.T) {
	doc := documentXML(
		para("某县容错纠错办法", ""),
		para("第一章 总则", ""),
		para("为了鼓励担当作为，制定本办法。", numPr("1", 0)),
		para("容错应当符合下列条件：", numPr("1", 0)),
		para("出于公心；", numPr("1", 1)),
		para("经过集体决策。", numPr("1", 1)),
		para("重点事项", numPr("3", 0)), // a bullet: no label
		para("本办法自印发之日起施行。", numPr("1", 0)),
	)
	data := buildZip(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{partDocument, doc}, [2]string{partNumbering, numberingXML})
	it, err := File("县办法.docx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := it.Doc.Provisions
	if it.Doc.Title != "某县容错纠错办法" || len(ps) != 3 {
		t.Fatalf("title %q, %d provisions:\n%s", it.Doc.Title, len(ps), it.Text)
	}
	if ps[0].Article != "第一条" || ps[0].Chapter != "第一章 总则" || ps[2].Article != "第三条" {
		t.Errorf("articles %q %q %q, chapter %q", ps[0].Article, ps[1].Article, ps[2].Article, ps[0].Chapter)
	}
	if want := "容错应当符合下列条件：\n（一）出于公心；\n（二）经过集体决策。\n重点事项"; ps[1].Text != want {
		t.Errorf("第二条 text %q, want %q", ps[1].Text, want)
	}
	if len(it.Warnings) == 0 || !strings.Contains(it.Warnings[0], "已按文档的编号格式还原 5 处") {
		t.Errorf("warnings %q: want the note that 5 labels were rebuilt", it.Warnings)
	}
	if it.Doc.Verification != "unverified" || !strings.HasPrefix(it.Doc.ID, "norm-") || it.Format != "docx" {
		t.Errorf("defaults: %+v", it.Doc)
	}
}

func TestDocxNumberingThroughStylesAndOverrides(t *testing.T) {
	doc := documentXML(
		para("某办法", ""),
		para("甲。", `<w:pStyle w:val="ArticleStyle"/>`),
		para("乙。", `<w:pStyle w:val="ArticleStyle"/>`),
	)
	data := buildZip(t, [2]string{partDocument, doc}, [2]string{partNumbering, numberingXML}, [2]string{partStyles, stylesXML})
	it, err := File("x.docx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := it.Doc.Provisions; len(ps) != 2 || ps[0].Article != "第十条" || ps[1].Article != "第十一条" {
		t.Fatalf("want 第十条 and 第十一条 from the style's list with its start override:\n%s", it.Text)
	}
}

func TestDocxWarnsWhenNumberingCannotBeRebuilt(t *testing.T) {
	doc := documentXML(para("某办法", ""), para("第一条 甲。", ""), para("乙。", numPr("7", 0)))
	it, err := File("x.docx", buildZip(t, [2]string{partDocument, doc}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Warnings) == 0 || !strings.Contains(strings.Join(it.Warnings, ""), "找不到它的编号格式") {
		t.Errorf("warnings %q: want a warning about the numbering that could not be rebuilt", it.Warnings)
	}
}

func TestDocxRefusals(t *testing.T) {
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create(partDocument)
	w.Write([]byte(documentXML(para("标题", ""))))
	w.Write(bytes.Repeat([]byte(" "), 8<<20)) // 8 MB of spaces compress to about 8 KB; the test limit is 4 MB
	zw.Close()
	encrypted := buildZip(t, [2]string{partDocument, documentXML(para("x", ""))})
	encrypted[6] |= 1 // the local header's flag: encrypted
	central := bytes.LastIndex(encrypted, []byte("PK\x01\x02"))
	encrypted[central+8] |= 1

	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"renamed zip", buildZip(t, [2]string{"photos/a.jpg", "jpeg"}, [2]string{"readme.txt", "hi"}), "不是 Word 文档"},
		{"not a zip", []byte("这只是改了扩展名的文本"), "不是有效的 .docx"},
		{"truncated zip", buildZip(t, [2]string{partDocument, documentXML(para("x", ""))})[:40], "已损坏"},
		{"zip bomb", bomb.Bytes(), "解压后过大"},
		{"encrypted entry", encrypted, "已加密"},
		{"OLE (encrypted docx or .doc)", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "加密的 Office 文件或旧版 Word"},
		{"broken XML", buildZip(t, [2]string{partDocument, "<w:document><w:body><w:p>"}), "已损坏"},
		{"no text", buildZip(t, [2]string{partDocument, documentXML()}), "没有可以导入的正文"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := File("x.docx", tt.data, Options{MaxUnpacked: 4 << 20})
			r, ok := err.(*Refusal)
			if !ok || !strings.Contains(r.UserMessage(), tt.want) || r.Skip {
				t.Fatalf("err = %v; want a refusal saying %q", err, tt.want)
			}
			if strings.ContainsAny(r.Error(), "的是了") {
				t.Errorf("operator error %q should be English", r.Error())
			}
		})
	}
}

func TestHanNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 11: "十一", 20: "二十", 101: "一百零一", 110: "一百一十", 1260: "一千二百六十", 1005: "一千零五"} {
		if got := hanNumber(n); got != want {
			t.Errorf("hanNumber(%d) = %q, want %q", n, got, want)
		}
	}
}
