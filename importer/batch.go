package importer

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"rongcuo/internal/parallel"
	"rongcuo/knowledge"
)

// Batch is what a set of files gives: the items to store, the files
// skipped as not knowledge (with why) and the files refused (with why). A
// batch with refusals is not stored at all.
type Batch struct {
	Items   []*Item
	Skipped []Skipped
	Refused []*Refusal
}

// Skipped is a file left out of a batch without error.
type Skipped struct {
	Name   string
	Reason string // Chinese
}

// Source is one file to import: its name (a path under an imported folder,
// slash-separated) and its content.
type Source struct {
	Name string
	Data []byte
}

// Extensions the importer reads; other files in a folder are skipped.
var Extensions = []string{".md", ".markdown", ".txt", ".docx", ".pdf"}

// tables are the knowledge base's word lists: not documents, and not
// changed by importing.
var tables = map[string]bool{"synonyms.txt": true, "terms.txt": true}

// Paths reads files and folders. A file is named by its base name; the
// files in a folder by their path under it, since plain law Markdown takes
// its level and region from its folders. Only a path that cannot be read
// at all is an error.
func Paths(paths []string, opt Options) (*Batch, error) {
	var srcs []Source
	var skipped []Skipped
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("importer: %w", err)
		}
		if !st.IsDir() {
			data, err := readLimited(p, opt.withDefaults().MaxFileSize)
			if err != nil {
				return nil, err
			}
			srcs = append(srcs, Source{Name: filepath.Base(p), Data: data})
			continue
		}
		err = filepath.WalkDir(p, func(file string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("importer: %w", err)
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(p, file)
			rel = filepath.ToSlash(rel)
			if !importable(rel) {
				skipped = append(skipped, Skipped{rel, "不是可导入的文件类型（支持 .md .txt .docx .pdf）"})
				return nil
			}
			if tables[path.Base(rel)] {
				skipped = append(skipped, Skipped{rel, "同义词表、术语表不通过导入更新"})
				return nil
			}
			data, err := readLimited(file, opt.withDefaults().MaxFileSize)
			if err != nil {
				return err
			}
			srcs = append(srcs, Source{Name: rel, Data: data})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	b := Files(srcs, opt)
	b.Skipped = append(skipped, b.Skipped...)
	return b, nil
}

// readLimited reads a file, reading no more than one byte past the limit
// so that File can refuse it by size.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("importer: read %s: %w", name, err)
	}
	return data, nil
}

func importable(name string) bool {
	return slices.Contains(Extensions, strings.ToLower(path.Ext(name)))
}

// Files reads files on all CPUs and settles ids taken twice in path order,
// as the loader does: a second plain law file with the same name is the
// same law filed under two categories and is skipped; a second file with
// front matter and a taken id is refused.
func Files(srcs []Source, opt Options) *Batch {
	srcs = slices.Clone(srcs) // the caller's order stays as it was
	slices.SortStableFunc(srcs, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
	items := make([]*Item, len(srcs))
	errs := make([]error, len(srcs))
	parallel.For(len(srcs), func(i int) { items[i], errs[i] = File(srcs[i].Name, srcs[i].Data, opt) })

	b := &Batch{}
	owner := map[string]*Item{}
	ownerData := map[string][]byte{}
	for i, it := range items {
		if err := errs[i]; err != nil {
			r, ok := err.(*Refusal)
			if !ok {
				r = refuse(srcs[i].Name, "无法读取", "%v", err)
			}
			if r.Skip {
				b.Skipped = append(b.Skipped, Skipped{r.File, r.Msg})
			} else {
				b.Refused = append(b.Refused, r)
			}
			continue
		}
		if first, dup := owner[it.ID()]; dup {
			inCollection := func(name string) bool { level, _ := knowledge.LawFolderMeta(name); return level != "" }
			switch {
			case it.plainLaw && first.plainLaw && inCollection(it.Name) && inCollection(first.Name):
				b.Skipped = append(b.Skipped, Skipped{it.Name, fmt.Sprintf("与 %s 是同名法律（同一部法律收在两个分类下），已跳过", first.Name)})
			case bytes.Equal(srcs[i].Data, ownerData[it.ID()]):
				b.Skipped = append(b.Skipped, Skipped{it.Name, fmt.Sprintf("与 %s 是同一份文件（内容相同），只导入一次", first.Name)})
			case it.IDFrom == IDFromTitle:
				b.Refused = append(b.Refused, refuse(it.Name, fmt.Sprintf("与 %s 标题相同（id 都是“%s”）但内容不同，请分开导入并为其中一份指定 id，否则后一份会替换前一份", first.Name, it.ID()),
					"duplicate id %q from the title (also %s), different content", it.ID(), first.Name))
			case it.IDFrom != "":
				b.Refused = append(b.Refused, refuse(it.Name, fmt.Sprintf("与 %s 文件名相同（id 都是“%s”）但内容不同，请改名后再导入，否则后一份会替换前一份", first.Name, it.ID()),
					"duplicate id %q from the file name (also %s), different content", it.ID(), first.Name))
			default:
				b.Refused = append(b.Refused, refuse(it.Name, fmt.Sprintf("id“%s”重复：%s 已使用", it.ID(), first.Name), "duplicate id %q (also %s)", it.ID(), first.Name))
			}
			continue
		}
		owner[it.ID()], ownerData[it.ID()] = it, srcs[i].Data
		b.Items = append(b.Items, it)
	}
	linkVersions(b)
	return b
}

// linkVersions links the versions of a law among the plain law files of a
// batch, as the loader does (knowledge.LinkLawVersions), and writes the
// texts of the items it changed again.
func linkVersions(b *Batch) {
	var docs []*knowledge.Document
	before := map[*knowledge.Document]string{}
	for _, it := range b.Items {
		if it.Doc != nil && it.plainLaw {
			docs = append(docs, it.Doc)
			before[it.Doc] = it.Text
		}
	}
	knowledge.LinkLawVersions(docs)
	for _, it := range b.Items {
		if _, ok := before[it.Doc]; !ok || it.Doc == nil {
			continue
		}
		if text := string(knowledge.FormatDocument(it.Doc)); text != it.Text {
			it.Text = text
		}
	}
}
