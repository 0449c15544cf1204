package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalLawsReportsProductAndBaseline(t *testing.T) {
	dir := t.TempDir()
	law := "# 测试法\n\n第一条 为了测试，制定本法。\n\n第二条 公职人员违反规定出境的，予以记过。\n\n第三条 收受礼品、礼金的，予以警告。\n"
	if err := os.WriteFile(filepath.Join(dir, "测试法(2020-01-01).md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	gold := filepath.Join(t.TempDir(), "laws-dev.jsonl")
	lines := `{"id":"L1","split":"dev","question":"违反规定出境怎么处理","articles":["测试法(2020-01-01)#2"]}
{"id":"L2","split":"dev","question":"收受礼金","articles":["测试法(2020-01-01)#9"]}
{"id":"L3","split":"heldout","question":"礼品礼金","articles":["测试法(2020-01-01)#3"]}
`
	if err := os.WriteFile(gold, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "laws-heldout.jsonl")
	out, stderr, err := runCLI(t, nil, "", "eval", "--laws", dir, "--laws-gold", gold+","+missing)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dev      product", "dev      bm25", "heldout  product", "heldout  bm25", "MISS L2"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval --laws output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "测试法(2020-01-01)#9") || !strings.Contains(stderr, missing) {
		t.Errorf("an unknown gold article and a missing gold file should be warned about; stderr:\n%s", stderr)
	}
	if _, _, err := runCLI(t, nil, "", "eval", "--laws", dir, "--laws-gold", missing); err == nil {
		t.Error("no gold questions at all should be an error")
	}
}
