package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

// The default knowledge base, shipped in the binary. The README.md in the
// folder keeps the pattern valid while the folder has no knowledge files
// yet; LoadFS skips README files.
//
//go:embed corpus
var corpusFS embed.FS

// Embedded loads the knowledge base shipped in the binary. Any malformed
// file is an error, listing every problem with file and line: the shipped
// corpus is validated by a test, so a problem here is a build mistake.
func Embedded() (*KB, error) {
	return loadStrict(corpusFS, "corpus")
}

// loadStrict loads a tree that must be whole: every problem is an error,
// and so is a tree without documents.
func loadStrict(fsys fs.FS, root string) (*KB, error) {
	kb, problems := LoadFS(fsys, root)
	if len(problems) > 0 {
		errs := make([]error, len(problems))
		for i, p := range problems {
			errs[i] = p
		}
		return nil, fmt.Errorf("knowledge: load embedded corpus: %d problems:\n%w", len(problems), errors.Join(errs...))
	}
	if len(kb.Documents) == 0 {
		return nil, fmt.Errorf("knowledge: load embedded corpus: no documents under %s/", root)
	}
	return kb, nil
}
