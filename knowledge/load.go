package knowledge

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"rongcuo/internal/parallel"
)

// Loading reports two kinds of findings, both as Problems naming file and
// line:
//
//   - problems (the second result of LoadFS and LoadDir) are errors: the file
//     they name was rejected as a whole and is not in the KB (a missing or
//     invalid field, a duplicate id, two articles with one number, a synonym
//     group of one word). A malformed file never loads half-way, because a
//     wrong article anchor or an unverified text marked verified would be
//     cited as if it were right.
//   - kb.Warnings are findings about files that did load and are usable as
//     they are: numbering gaps and steps backwards, text outside any article,
//     case sections or keys that were ignored.

// fileResult is what one file yields.
type fileResult struct {
	doc      *Document
	kase     *Case
	synonyms Synonyms
	terms    []string
	problems []Problem
	warnings []Problem
	plain    bool // a plain law file (no front matter)
}

// ParseFile parses one knowledge file; name is its slash-separated path,
// which gives a plain law file its id, level and region. It returns the
// document or the case in the file, or neither when the file is not a
// knowledge file (README.md, _index.md, a section file whose front matter
// has no id or kind, a court case of the law collection) or is malformed.
// When a document or case is returned, problems are warnings about it; when
// neither is, problems say why the file was rejected (none for a file that
// is simply not a knowledge file).
func ParseFile(name string, data []byte) (doc *Document, c *Case, problems []Problem) {
	r := parseFile(name, string(data))
	if r.doc == nil && r.kase == nil {
		return nil, nil, r.problems
	}
	return r.doc, r.kase, r.warnings
}

func parseFile(name, data string) fileResult {
	base := path.Base(name)
	if base == "_index.md" || strings.EqualFold(base, "README.md") {
		return fileResult{}
	}
	if !utf8.ValidString(data) {
		return fileResult{problems: []Problem{{name, 0, "不是 UTF-8 编码的文本"}}}
	}
	lines := splitLines(strings.TrimPrefix(data, "\ufeff"))
	if !hasFrontMatter(lines) {
		if isCourtCase(name) {
			return fileResult{}
		}
		return parsePlainLaw(name, lines)
	}
	fm, problems := parseFrontMatter(name, lines)
	if len(problems) > 0 {
		return fileResult{problems: problems}
	}
	if fm.get("id") == "" && fm.get("kind") == "" {
		return fileResult{} // a section file (Hugo _index-style), not knowledge
	}
	body, bodyLine := lines[fm.end+1:], fm.end+2
	switch kind := fm.get("kind"); kind {
	case "document":
		return parseDocument(name, fm, body, bodyLine)
	case "case":
		return parseCase(name, fm, body, bodyLine)
	case "":
		return fileResult{problems: []Problem{{name, 1, "缺少必填字段 kind（document 或 case）"}}}
	default:
		return fileResult{problems: []Problem{{name, fm.line("kind"), fmt.Sprintf("kind 的值“%s”无效，允许的值：document、case", kind)}}}
	}
}

// splitLines splits text into lines without their "\n" or "\r\n".
func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, "\r") {
			lines[i] = l[:len(l)-1]
		}
	}
	return lines
}

// LoadFS loads every knowledge file under root in fsys: Markdown documents
// and cases (front matter or plain law Markdown), synonyms.txt and terms.txt,
// wherever they are. Malformed files are reported in problems and skipped;
// everything else loads. Files load in lexical path order, so when two files
// share an id the first one wins. A second front-matter file with a taken id
// is a problem; a second plain law file with the same name is only a
// warning, because the law collection files some laws under two categories
// and the file name (title and date) says it is the same law.
func LoadFS(fsys fs.FS, root string) (*KB, []Problem) {
	return loadFS(fsys, root, func(name string) string { return name })
}

// LoadDir loads the knowledge files under dir (see LoadFS); file names in
// documents and problems are paths under dir as the user would type them.
func LoadDir(dir string) (*KB, []Problem) {
	return loadFS(os.DirFS(dir), ".", func(name string) string {
		return filepath.Join(dir, filepath.FromSlash(name))
	})
}

// loadFS does the work of LoadFS; display turns a path in fsys into the
// file name shown in documents, cases and problems. Paths in fsys, not
// displayed ones, go to the parser: a plain law file's level and region come
// from its folders inside the tree, never from where the tree sits.
func loadFS(fsys fs.FS, root string, display func(string) string) (*KB, []Problem) {
	var names []string
	var problems []Problem
	// The walk goes on past unreadable entries; each becomes a problem.
	_ = fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, Problem{File: name, Msg: "无法读取：" + err.Error()})
			return nil
		}
		if !d.IsDir() && isKnowledgeFile(name) {
			names = append(names, name)
		}
		return nil
	})
	results := parseAll(fsys, names)

	var docs, plain []*Document
	var cases []*Case
	var syn Synonyms
	var terms []string
	var warnings []Problem
	owner := make(map[string]string) // id -> file; documents and cases share one namespace
	for i, r := range results {
		problems = append(problems, r.problems...)
		syn = append(syn, r.synonyms...)
		terms = append(terms, r.terms...)
		id, file := "", names[i]
		switch {
		case r.doc != nil:
			id = r.doc.ID
		case r.kase != nil:
			id = r.kase.ID
		default:
			continue
		}
		if first, dup := owner[id]; dup {
			if r.plain {
				warnings = append(warnings, Problem{file, 0, fmt.Sprintf("同名法律已从 %s 载入，本文件跳过", display(first))})
			} else {
				problems = append(problems, Problem{file, 1, fmt.Sprintf("id“%s”重复：%s 已使用，本文件未载入", id, display(first))})
			}
			continue
		}
		owner[id] = file
		warnings = append(warnings, r.warnings...)
		if r.doc != nil {
			docs = append(docs, r.doc)
			if r.plain {
				plain = append(plain, r.doc)
			}
		} else {
			cases = append(cases, r.kase)
		}
	}
	relocate(docs, cases, problems, warnings, display)
	LinkLawVersions(plain)
	kb := New(docs, cases, syn)
	kb.Terms = dedupe(terms)
	kb.Warnings = append(warnings, kb.Warnings...)
	return kb, problems
}

func relocate(docs []*Document, cases []*Case, problems, warnings []Problem, display func(string) string) {
	for _, d := range docs {
		d.File = display(d.File)
	}
	for _, c := range cases {
		c.File = display(c.File)
	}
	for i := range problems {
		problems[i].File = display(problems[i].File)
	}
	for i := range warnings {
		warnings[i].File = display(warnings[i].File)
	}
}

func isKnowledgeFile(name string) bool {
	base := path.Base(name)
	return strings.EqualFold(path.Ext(base), ".md") || base == synonymsFile || base == termsFile
}

// parseAll reads and parses the files on all CPUs; results keep the order
// of names, so loading stays deterministic.
func parseAll(fsys fs.FS, names []string) []fileResult {
	results := make([]fileResult, len(names))
	parallel.For(len(names), func(i int) { results[i] = loadOne(fsys, names[i]) })
	return results
}

func loadOne(fsys fs.FS, name string) fileResult {
	data, err := readFileString(fsys, name)
	if err != nil {
		return fileResult{problems: []Problem{{File: name, Msg: "无法读取：" + err.Error()}}}
	}
	switch path.Base(name) {
	case synonymsFile:
		syn, problems := parseSynonyms(name, data)
		return fileResult{synonyms: syn, problems: problems}
	case termsFile:
		return fileResult{terms: parseTerms(data)}
	}
	return parseFile(name, data)
}

// readFileString reads a file straight into a string, sparing the copy
// that string(fs.ReadFile(…)) makes of every byte of a large corpus.
func readFileString(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() < 1<<30 {
		b.Grow(int(st.Size()))
	}
	// A pooled chunk, not io.Copy: an *os.File's WriteTo allocates a fresh
	// 32 KB buffer on every call.
	chunk := readChunks.Get().(*[]byte)
	defer readChunks.Put(chunk)
	for {
		n, err := f.Read(*chunk)
		b.Write((*chunk)[:n])
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

var readChunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

func dedupe(words []string) []string {
	seen := make(map[string]bool, len(words))
	out := words[:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
