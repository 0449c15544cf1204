package main

import (
	"fmt"
	"io"
	"strings"

	"rongcuo/knowledge"
)

// loadKB returns the knowledge base a command reads: the files under --kb DIR
// when given, the embedded corpus otherwise. Problems with single files are
// printed as warnings and the rest still loads; a base with no documents at
// all is an error.
func loadKB(g *globalOptions, stderr io.Writer) (*knowledge.KB, error) {
	if g.KB == "" {
		kb, err := knowledge.Embedded()
		if err != nil {
			return nil, fmt.Errorf("load embedded knowledge base: %w", err)
		}
		return kb, nil
	}
	kb, problems := knowledge.LoadDir(g.KB)
	for _, p := range problems {
		fmt.Fprintln(stderr, "warning:", p.Error())
	}
	if kb == nil || len(kb.Documents) == 0 {
		return nil, fmt.Errorf("no knowledge documents could be loaded from %s", g.KB)
	}
	return kb, nil
}

// loadIndex loads the knowledge base and builds its search index.
func loadIndex(g *globalOptions, stderr io.Writer) (*knowledge.Index, error) {
	kb, err := loadKB(g, stderr)
	if err != nil {
		return nil, err
	}
	return knowledge.NewIndex(kb), nil
}

// plain turns the answer markup into terminal text: bold markers dropped.
func plain(s string) string {
	return strings.ReplaceAll(s, "**", "")
}
