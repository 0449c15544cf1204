package importer

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The fixture is a text PDF a word processor made from a short 办法 in
// Chinese: TrueType subset fonts with ToUnicode maps, chapter headings,
// articles and items on lines of their own.
func TestPDFFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.pdf")
	if err != nil {
		t.Fatal(err)
	}
	it, err := File("示例办法.pdf", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := it.Doc
	if d.Title != "某市干部容错纠错工作办法（示例）" || len(d.Provisions) != 6 {
		t.Fatalf("title %q, %d provisions:\n%s", d.Title, len(d.Provisions), it.Text)
	}
	p4 := d.Provisions[3]
	if p4.Article != "第四条" || p4.Chapter != "第二章 容错情形" || !strings.HasPrefix(p4.Text, "干部在推进改革中") || !strings.Contains(p4.Text, "\n（三）积极采取措施挽回损失、消除影响。") {
		t.Errorf("第四条: %+v", p4)
	}
	if last := d.Provisions[5]; last.Article != "第六条" || last.Chapter != "第三章 附则" || last.Text != "本办法由市纪委监委负责解释，自印发之日起施行。" {
		t.Errorf("第六条: %+v", last)
	}
	if strings.Contains(it.Text, "办\n") {
		t.Errorf("a stray glyph after a line:\n%s", it.Text)
	}
}

const (
	onePages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	onePage  = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
)

// minimalPDF writes a one-page PDF whose content stream is content, with
// Helvetica as /F1; xref offsets are computed so the file is well formed.
func minimalPDF(content []byte, flate bool) []byte {
	return treePDF(onePages, onePage, content, flate)
}

// treePDF is minimalPDF with the page tree given: the pages node (object
// 2) and the page (object 3).
func treePDF(pages, page string, content []byte, flate bool) []byte {
	var buf bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	buf.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(pages)
	obj(page)
	filter := ""
	if flate {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(content)
		zw.Close()
		content, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	offs = append(offs, buf.Len())
	fmt.Fprintf(&buf, "4 0 obj\n<< /Length %d%s >>\nstream\n", len(content), filter)
	buf.Write(content)
	buf.WriteString("\nendstream\nendobj\n")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return buf.Bytes()
}

func TestPDFHandMadeTextIsRead(t *testing.T) {
	data := minimalPDF([]byte("BT /F1 12 Tf 72 720 Td (Rules of tolerance for officials, article one.) Tj 0 -20 Td (Second line of the same paragraph.) Tj ET"), true)
	lines, err := pdfLines("x.pdf", data, DefaultMaxUnpacked)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0] != "Rules of tolerance for officials, article one.Second line of the same paragraph." {
		t.Errorf("lines %q", lines)
	}
}

func TestPDFRefusals(t *testing.T) {
	encrypted, err := os.ReadFile("testdata/encrypted.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var bomb bytes.Buffer
	bomb.WriteString("BT /F1 12 Tf 72 720 Td (x) Tj ET\n")
	bomb.Write(bytes.Repeat([]byte(" "), 8<<20)) // past the 4 MB test limit
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"no text (a scan)", minimalPDF([]byte("0 0 m 100 100 l S"), false), msgNoText},
		{"garbled text", minimalPDF([]byte("BT /F1 12 Tf 72 720 Td <8081828384858687888990919293949596979899> Tj ET"), false), msgNoText},
		{"too little text", minimalPDF([]byte("BT /F1 12 Tf 72 720 Td (ab) Tj ET"), false), msgNoText},
		{"corrupt", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"), "已损坏"},
		{"renamed text file", []byte("这不是 PDF，只是改了扩展名的文本"), "不是有效的 PDF"},
		{"encrypted", encrypted, "已加密"},
		{"flate bomb", minimalPDF(bomb.Bytes(), true), "解压后过大"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := File("x.pdf", tt.data, Options{MaxUnpacked: 4 << 20})
			r, ok := err.(*Refusal)
			if !ok || !strings.Contains(r.UserMessage(), tt.want) {
				t.Fatalf("err = %v; want a refusal saying %q", err, tt.want)
			}
		})
	}
}

// A page tree that loops or lies about its size is read in bounded time:
// such files once kept the reader busy forever.
func TestPDFHostilePageTrees(t *testing.T) {
	text := []byte("BT /F1 12 Tf 72 720 Td (Rules for officials) Tj 0 -20 Td (Article one. Officials who try new things in good faith are tolerated.) Tj ET")
	fonts := "/Resources << /Font << /F1 5 0 R >> >>"
	tests := []struct {
		name        string
		pages, page string
		want        string // "" for the text read
	}{
		{"kids lead back to the root", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>", onePage, msgNoText},
		{"a billion pages claimed", "<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>", onePage, ""},
		{"a page its own parent, no resources", onePages, "<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>", ""},
		{"resources inherited from the pages node", "<< /Type /Pages /Kids [3 0 R] /Count 1 " + fonts + " >>", "<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				// Force: the page tree is under test, not whether its
				// text reads as a policy.
				_, err := File("x.pdf", treePDF(tt.pages, tt.page, text, false), Options{Force: true})
				done <- err
			}()
			select {
			case err := <-done:
				r, _ := err.(*Refusal)
				switch {
				case tt.want == "" && err != nil:
					t.Errorf("not read: %v", err)
				case tt.want != "" && (r == nil || !strings.Contains(r.UserMessage(), tt.want)):
					t.Errorf("err = %v; want a refusal saying %q", err, tt.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("still reading after 20 s")
			}
		})
	}
}

func TestReadable(t *testing.T) {
	tests := map[string]bool{
		"第一条 为了鼓励干部担当作为，制定本办法。":                                        true,
		"ÕâÊÇÒ»¶ÎÂÒÂëÎÄ×ÖÕâÊÇÒ»¶ÎÂÒÂë":                                 false, // GBK read as Latin-1
		"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10":                 false,
		"\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009": false,
		"短": false,
	}
	for s, want := range tests {
		if got := readable(s); got != want {
			t.Errorf("readable(%q) = %v, want %v", s, got, want)
		}
	}
}

// A PDF whose reading never finishes is refused after the time limit
// instead of holding the upload forever.
func TestPDFReadingIsTimeBounded(t *testing.T) {
	oldRead, oldLimit := readPDF, pdfTimeout
	t.Cleanup(func() { readPDF, pdfTimeout = oldRead, oldLimit })
	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	readPDF = func(string, []byte) ([]string, error) { <-stuck; return nil, nil }
	pdfTimeout = 50 * time.Millisecond
	data, err := os.ReadFile("testdata/sample.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = pdfLines("slow.pdf", data, DefaultMaxUnpacked)
	r, ok := err.(*Refusal)
	if !ok || !strings.Contains(r.UserMessage(), "超时") {
		t.Fatalf("error %v, want a refusal saying the reading timed out", err)
	}
}
