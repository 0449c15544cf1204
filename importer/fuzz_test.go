package importer

import (
	"os"
	"testing"
)

// Every parser of outside input must answer any bytes with an item or a
// refusal, never a panic, and an item must hold a knowledge file that
// reads back.

func checkFile(t *testing.T, name string, data []byte) {
	it, err := File(name, data, Options{MaxUnpacked: 8 << 20})
	if err != nil {
		if _, ok := err.(*Refusal); !ok {
			t.Fatalf("error is not a Refusal: %T %v", err, err)
		}
		return
	}
	if it.Doc == nil && it.Case == nil || it.Text == "" {
		t.Fatalf("item without content: %+v", it)
	}
}

func FuzzDocx(f *testing.F) {
	f.Add(buildZip(f, [2]string{partDocument, documentXML(para("标题", ""), para("甲。", numPr("1", 0)))}, [2]string{partNumbering, numberingXML}, [2]string{partStyles, stylesXML}))
	f.Add(buildZip(f, [2]string{"a.txt", "x"}))
	f.Fuzz(func(t *testing.T, data []byte) { checkFile(t, "f.docx", data) })
}

func FuzzText(f *testing.F) {
	f.Add([]byte(plainRules))
	f.Add([]byte{0xFF, 0xFE, 0x2C, 0x7B})
	f.Add([]byte{0xB5, 0xDA, 0xD2, 0xBB, 0xCC, 0xF5})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFile(t, "f.txt", data)
		checkFile(t, "f.md", data)
	})
}

func FuzzPDF(f *testing.F) {
	if data, err := os.ReadFile("testdata/sample.pdf"); err == nil {
		f.Add(data)
	}
	f.Add(minimalPDF([]byte("BT /F1 12 Tf 72 720 Td (Rules of tolerance for officials.) Tj ET"), true))
	f.Fuzz(func(t *testing.T, data []byte) { checkFile(t, "f.pdf", data) })
}
