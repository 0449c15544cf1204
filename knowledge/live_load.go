package knowledge

import (
	"net/url"
	"strings"
	"testing/fstest"
)

// LoadTexts builds a knowledge base from the texts the live store keeps:
// items maps an id to its knowledge file (FormatDocument or FormatCase
// output, or any file ParseFile reads), synonyms and terms hold the two
// tables. It loads exactly as LoadFS does, on all CPUs; problems and
// warnings name the item's id.
func LoadTexts(items map[string]string, synonyms, terms string) (*KB, []Problem) {
	// An in-memory tree lets the loader's parallel parse and its duplicate
	// rules apply unchanged; ids are escaped into single file names, and
	// the "#" ending keeps an id such as README from reading as a README file.
	fsys := make(fstest.MapFS, len(items)+2)
	for id, text := range items {
		fsys["items/"+url.PathEscape(id)+"#.md"] = &fstest.MapFile{Data: []byte(text)}
	}
	fsys[synonymsFile] = &fstest.MapFile{Data: []byte(synonyms)}
	fsys[termsFile] = &fstest.MapFile{Data: []byte(terms)}
	return loadFS(fsys, ".", func(name string) string {
		if n, ok := strings.CutPrefix(name, "items/"); ok {
			if id, err := url.PathUnescape(strings.TrimSuffix(n, "#.md")); err == nil {
				return id
			}
		}
		return name
	})
}
