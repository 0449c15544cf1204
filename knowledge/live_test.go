package knowledge

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"rongcuo/internal/sharedcorpus"
)

// sameDocument reports how got differs from want, ignoring where each was
// read from (File, Line) and the back pointers.
func sameDocument(want, got *Document) string {
	w, g := *want, *got
	w.File, g.File, w.Provisions, g.Provisions = "", "", nil, nil
	if !reflect.DeepEqual(w, g) {
		return fmt.Sprintf("metadata %+v, want %+v", g, w)
	}
	if len(want.Provisions) != len(got.Provisions) {
		return fmt.Sprintf("%d provisions, want %d", len(got.Provisions), len(want.Provisions))
	}
	for i, wp := range want.Provisions {
		a, b := *wp, *got.Provisions[i]
		a.Line, b.Line, a.Doc, b.Doc = 0, 0, nil, nil
		if !reflect.DeepEqual(a, b) {
			return fmt.Sprintf("provision %d: %+v, want %+v", i, b, a)
		}
	}
	return ""
}

func sameCase(want, got *Case) string {
	w, g := *want, *got
	w.File, g.File, w.Line, g.Line = "", "", 0, 0
	if !reflect.DeepEqual(w, g) {
		return fmt.Sprintf("%+v, want %+v", g, w)
	}
	return ""
}

func TestFormatRoundTripsEmbeddedCorpus(t *testing.T) {
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]string{}
	for _, d := range kb.Documents {
		text := FormatDocument(d)
		items[d.ID] = string(text)
		got, _, problems := ParseFile(d.ID+".md", text)
		if got == nil {
			t.Errorf("%s: not read back: %v\n%s", d.ID, problems, text)
			continue
		}
		if diff := sameDocument(d, got); diff != "" {
			t.Errorf("%s: %s", d.ID, diff)
		}
	}
	for _, c := range kb.Cases {
		text := FormatCase(c)
		items[c.ID] = string(text)
		_, got, problems := ParseFile(c.ID+".md", text)
		if got == nil {
			t.Errorf("%s: not read back: %v\n%s", c.ID, problems, text)
			continue
		}
		if diff := sameCase(c, got); diff != "" {
			t.Errorf("%s: %s", c.ID, diff)
		}
	}

	// The whole base, tables included, loads back from its texts.
	back, problems := LoadTexts(items, string(FormatSynonyms(kb.Synonyms)), string(FormatTerms(kb.Terms)))
	if len(problems) > 0 {
		t.Fatalf("LoadTexts: %v", problems)
	}
	if len(back.Documents) != len(kb.Documents) || len(back.Cases) != len(kb.Cases) {
		t.Errorf("LoadTexts: %d documents, %d cases; want %d, %d", len(back.Documents), len(back.Cases), len(kb.Documents), len(kb.Cases))
	}
	if !reflect.DeepEqual(back.Synonyms, kb.Synonyms) || !reflect.DeepEqual(back.Terms, kb.Terms) {
		t.Errorf("tables differ after the round trip")
	}
	for _, d := range kb.Documents {
		if b := back.Document(d.ID); b == nil || b.File != d.ID {
			t.Errorf("%s: missing after LoadTexts, or named %v", d.ID, b)
		}
	}
}

// The law collection exercises chapters nested four deep, parts of a code,
// prefaces, 之N articles and documents split at 一、二、 items.
func TestFormatRoundTripsLawCollection(t *testing.T) {
	kb, _ := LoadDir(sharedcorpus.LawsDir(t))
	var checked int
	for _, d := range kb.Documents {
		if strings.ContainsFunc(d.ID, func(r rune) bool { return r == ' ' || r == '#' }) {
			continue // not a valid front-matter id; the importer renames these
		}
		got, _, problems := ParseFile(d.ID+".md", FormatDocument(d))
		if got == nil {
			t.Errorf("%s: not read back: %v", d.ID, problems)
			continue
		}
		if diff := sameDocument(d, got); diff != "" {
			t.Errorf("%s: %s", d.ID, diff)
		}
		checked++
	}
	if checked < lawsDocuments-10 {
		t.Errorf("checked only %d of %d documents", checked, lawsDocuments)
	}
}

func TestFormatDocumentKeepsUnverifiedArticlesAndGaps(t *testing.T) {
	src := "---\nid: t\nkind: document\ntitle: 测试规定\nlevel: 规范性文件\nstatus: 现行\nverification: verified\nunverified: 第三条\nexcerpt: true\n---\n" +
		"## 第一章 总则\n第一条 甲。\n\n乙。\n第三条 丙。\n## 第二章 附则\n第四条\n（一）丁。\n"
	d, _, problems := ParseFile("t.md", []byte(src))
	if d == nil {
		t.Fatal(problems)
	}
	text := string(FormatDocument(d))
	for _, want := range []string{"unverified: 3\n", "excerpt: true\n", "## 第二章 附则\n", "第四条 （一）丁。\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	got, _, warnings := ParseFile("t.md", []byte(text))
	if got == nil || len(warnings) > 0 {
		t.Fatalf("read back: %v %v", got, warnings)
	}
	if diff := sameDocument(d, got); diff != "" {
		t.Error(diff)
	}
	if got.Provisions[1].Verified || !got.Provisions[0].Verified {
		t.Errorf("verified marks: %v %v", got.Provisions[0].Verified, got.Provisions[1].Verified)
	}
}

func TestTextFSIsAFileSystem(t *testing.T) {
	fsys := textFS{"b#.md": "乙", "a#.md": "甲", synonymsFile: "出国 出境\n", termsFile: ""}
	if err := fstest.TestFS(fsys, "a#.md", "b#.md", synonymsFile, termsFile); err != nil {
		t.Fatal(err)
	}
}

// Any id the store holds loads and parses: names the loader treats
// specially as files (README, _index, a 案例 folder) mean nothing in an id.
func TestStoredItemsLoadWhateverTheirID(t *testing.T) {
	doc := func(id string) string {
		return "---\nid: " + id + "\nkind: document\ntitle: 测试规定\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n第一条 甲。\n"
	}
	ids := []string{"README", "_index", "案例/判决", "法律/x", "a%2Fb", "."}
	items := map[string]string{}
	for _, id := range ids {
		items[id] = doc(id)
	}
	kb, problems := LoadTexts(items, "", "")
	if len(problems) > 0 {
		t.Fatalf("LoadTexts: %v", problems)
	}
	for _, id := range ids {
		d := kb.Document(id)
		if d == nil || d.File != id || d.Level != LevelNormative {
			t.Errorf("%s: loaded as %+v", id, d)
		}
		d, _, problems := ParseText(id, items[id])
		if d == nil || d.ID != id || d.File != id || len(problems) > 0 {
			t.Errorf("ParseText(%q) = %+v, %v", id, d, problems)
		}
	}
	_, _, problems = ParseText("x", "---\nid: x\nkind: document\n---\n")
	if len(problems) == 0 || problems[0].File != "x" {
		t.Errorf("problems of a bad text: %v", problems)
	}
}
