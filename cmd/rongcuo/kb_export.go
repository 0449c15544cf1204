package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"rongcuo/knowledge"
)

// kbExport writes the knowledge base as files that import back to the same
// knowledge base: documents/ID.md and cases/ID.md in the canonical form
// the live store keeps, and synonyms.txt and terms.txt.
func kbExport(ctx context.Context, e env, g *globalOptions, args []string) error {
	o, args, err := readSettings("export", e, args)
	if err != nil {
		return helpOK(err)
	}
	if len(args) != 1 {
		return usagef("usage: rongcuo kb export DIR")
	}
	dir := args[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("export: %s is not empty; name a new or empty folder", dir)
	}
	kb, err := currentKB(ctx, e, g, o)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"synonyms.txt": knowledge.FormatSynonyms(kb.Synonyms),
		"terms.txt":    knowledge.FormatTerms(kb.Terms),
	}
	names := exportNames{}
	for _, d := range kb.Documents {
		files[names.next("documents", d.ID)] = knowledge.FormatDocument(d)
	}
	for _, c := range kb.Cases {
		files[names.next("cases", c.ID)] = knowledge.FormatCase(c)
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	fmt.Fprintf(e.stdout, "exported %d documents and %d cases to %s\n", len(kb.Documents), len(kb.Cases), dir)
	return nil
}

// exportNames hands out file names, each once. Two ids can make one name
// (a/b and a／b), or names differing only in case, which are one file on
// some systems: the later one gets a numbered name rather than overwriting.
type exportNames map[string]bool // lower-cased paths taken

func (n exportNames) next(folder, id string) string {
	name := fileName(id)
	stem := strings.TrimSuffix(name, ".md")
	for i := 2; n[strings.ToLower(folder+"/"+name)]; i++ {
		name = stem + "~" + strconv.Itoa(i) + ".md"
	}
	n[strings.ToLower(folder+"/"+name)] = true
	return filepath.Join(folder, name)
}

// fileName makes an id a file name; the id itself is in the front matter,
// so the name only has to be unique and safe.
func fileName(id string) string {
	r := strings.NewReplacer("/", "／", "\\", "＼", ":", "：", "*", "＊", "?", "？", "\"", "＂", "<", "＜", ">", "＞", "|", "｜")
	name := r.Replace(id)
	if strings.HasPrefix(name, ".") {
		name = "_" + name
	}
	// README.md and _index.md are not knowledge files to the loader.
	if lower := strings.ToLower(name); lower == "readme" || lower == "_index" {
		name += "_"
	}
	return name + ".md"
}
