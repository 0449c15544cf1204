package knowledge

import (
	"io"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

// LoadTexts builds a knowledge base from the texts the live store keeps:
// items maps an id to its knowledge file (FormatDocument or FormatCase
// output, or any file ParseFile reads), synonyms and terms hold the two
// tables. It loads exactly as LoadFS does, on all CPUs; problems and
// warnings name the item's id.
func LoadTexts(items map[string]string, synonyms, terms string) (*KB, []Problem) {
	// An in-memory tree lets the loader's parallel parse and its duplicate
	// rules apply unchanged.
	fsys := make(textFS, len(items)+2)
	for id, text := range items {
		fsys[itemFile(id)] = text
	}
	fsys[synonymsFile] = synonyms
	fsys[termsFile] = terms
	return loadFS(fsys, ".", itemID)
}

// ParseText parses the stored text of one item as LoadTexts does, whatever
// the id: an item called README or _index is knowledge like any other.
// Like ParseFile it returns the document or the case with warnings, or
// neither with the problems; File in all of them is the id.
func ParseText(id, text string) (*Document, *Case, []Problem) {
	r := parseFile(itemFile(id), text)
	problems := r.warnings
	switch {
	case r.doc != nil:
		r.doc.File = id
	case r.kase != nil:
		r.kase.File = id
	default:
		problems = r.problems
	}
	for i := range problems {
		problems[i].File = id
	}
	return r.doc, r.kase, problems
}

// itemFile names an item's text in the loader's terms: the id escaped into
// one file name (no folders to take a level or region from), and the "#"
// ending keeps an id such as README from reading as a README file; an
// escaped id never holds a "#" of its own.
func itemFile(id string) string { return url.PathEscape(id) + "#.md" }

// itemID is the inverse of itemFile, and leaves the tables' names alone.
func itemID(name string) string {
	if n, ok := strings.CutSuffix(name, "#.md"); ok {
		if id, err := url.PathUnescape(n); err == nil {
			return id
		}
	}
	return name
}

// textFS is a read-only fs.FS of texts in one folder, the root. It serves
// the strings as they are, where fstest.MapFS (a testing aid) would need a
// []byte copy of every stored text on each rebuild.
type textFS map[string]string

func (t textFS) Open(name string) (fs.File, error) {
	if name == "." {
		entries := make([]fs.DirEntry, 0, len(t))
		for _, n := range slices.Sorted(maps.Keys(t)) {
			entries = append(entries, fs.FileInfoToDirEntry(textInfo{name: n, size: int64(len(t[n]))}))
		}
		return &textDir{entries: entries}, nil
	}
	text, ok := t[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &textFile{Reader: strings.NewReader(text), info: textInfo{name: name, size: int64(len(text))}}, nil
}

type textFile struct {
	*strings.Reader
	info textInfo
}

func (f *textFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *textFile) Close() error               { return nil }

type textDir struct {
	entries []fs.DirEntry
	read    int
}

func (d *textDir) Stat() (fs.FileInfo, error) { return textInfo{name: ".", dir: true}, nil }
func (d *textDir) Close() error               { return nil }
func (d *textDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}

func (d *textDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n > 0 {
		if len(rest) == 0 {
			return nil, io.EOF
		}
		rest = rest[:min(n, len(rest))]
	}
	d.read += len(rest)
	return rest, nil
}

type textInfo struct {
	name string
	size int64
	dir  bool
}

func (i textInfo) Name() string       { return i.name }
func (i textInfo) Size() int64        { return i.size }
func (i textInfo) ModTime() time.Time { return time.Time{} }
func (i textInfo) IsDir() bool        { return i.dir }
func (i textInfo) Sys() any           { return nil }
func (i textInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
