package knowledge

import (
	"regexp"
	"slices"
	"strings"
)

// Versions. A collection may hold several versions of one law (监察法 of
// 2018 and of 2024), whose articles often read alike. The version in force
// is preferred: the other versions' articles have their scores multiplied by
// supersededFactor, so that of two equal articles the one in force comes
// first and a near-equal old one falls below it. A question that names a
// year (2018年的监察法) or asks for the old text (修订前) lifts the penalty;
// one that names a year prefers the version in force in that year instead.
//
// A document is superseded when its status says so (已修订, 失效) or when
// another document of the same title (without a trailing parenthesis) has a
// later effective date.

const supersededFactor = 0.8

// versionCue finds a year, or a word asking for an older text, in a question.
var versionCue = regexp.MustCompile(`修订前|修改前|修正前|旧版|老版|原来的规定|以前的规定|当时的规定`)

// yearCue finds a year named as one: 2018年, 2018版, (2018).
var yearCue = regexp.MustCompile(`((?:19|20)\d\d)(?:年|版|\))`)

// versionCues returns the year a normalized question names and whether it
// asks for an older text.
func versionCues(text string) (year string, old bool) {
	_, year, old = enactmentAndVersion(text)
	return year, old
}

// versionCues0 is versionCues given whether the text holds one of
// versionWords (when versionCue is a list of words: see textCues).
func versionCues0(text string, hasWord bool) (year string, old bool) {
	// A year is written in ASCII digits (\d): most questions have none.
	if strings.ContainsAny(text, "0123456789") {
		if m := yearCue.FindStringSubmatch(text); m != nil {
			year = m[1]
		}
	}
	if versionWords != nil {
		return year, hasWord
	}
	return year, versionCue.MatchString(text)
}

// versionWords are versionCue's words when it is a plain list of them.
var versionWords = plainWords(versionCue.String())

// plainWords returns the alternatives of an expression that is only a list
// of literal words separated by |, nil for any other.
func plainWords(expr string) []string {
	words := strings.Split(expr, "|")
	for _, w := range words {
		if w == "" || regexp.QuoteMeta(w) != w {
			return nil
		}
	}
	return words
}

// versionKey is what the versions of one document share.
func versionKey(d *Document) string {
	return strings.ReplaceAll(stripParen(Normalize(d.Title)), " ", "")
}

// versions groups the documents of an index by versionKey.
type versions struct {
	group      []int32 // per document: its group, or -1 when it has no other version
	members    [][]uint32
	superseded []bool // per document
}

func newVersions(docs []*Document) *versions {
	v := &versions{group: make([]int32, len(docs)), superseded: make([]bool, len(docs))}
	byKey := map[string][]uint32{}
	for i, d := range docs {
		k := versionKey(d)
		byKey[k] = append(byKey[k], uint32(i))
		v.superseded[i] = d.Status == StatusAmended || d.Status == StatusRepealed
	}
	for i := range v.group {
		v.group[i] = -1
	}
	for _, ds := range byKey {
		if len(ds) < 2 {
			continue
		}
		g := int32(len(v.members))
		v.members = append(v.members, ds)
		latest := ds[0]
		for _, d := range ds {
			v.group[d] = g
			if docs[d].Effective > docs[latest].Effective {
				latest = d
			}
		}
		for _, d := range ds {
			if docs[d].Effective < docs[latest].Effective {
				v.superseded[d] = true
			}
		}
	}
	for _, d := range replacedDocs(docs) {
		v.superseded[d] = true
	}
	return v
}

// Replacements between texts of different titles. A collection keeps a
// regulation after the law that replaced it (法律援助条例 of 2003 beside
// the 法律援助法 of 2021, 印花税暂行条例 beside the 印花税法), and a text
// after the one that took its place under a new name (个体工商户条例,
// 促进个体工商户发展条例); the one replaced is treated as an older
// version. Two signs are read from the texts themselves:
//
//   - a national law and a national regulation (条例, 暂行条例) of the same
//     name but for the kind, the law the later: the law replaced it;
//   - a closing article that repeals texts by name (《个体工商户条例》同时废止):
//     each text of that name which took effect before the repealing one
//     was replaced (a text of the repealing one's own title is one of its
//     versions already, and a later text that took the repealed name, as
//     the 国家安全法 of 2015 did, is not touched).

// repealTail is how many closing articles of a text are read for repeals.
const repealTail = 3

func replacedDocs(docs []*Document) []uint32 {
	byName := map[string][]uint32{}
	for i, d := range docs {
		k := plainName(d.Title)
		byName[k] = append(byName[k], uint32(i))
	}
	var out []uint32
	for i, d := range docs {
		name := plainName(d.Title)
		if core, ok := strings.CutSuffix(name, "法"); ok && d.Level == LevelLaw && core != "" {
			for _, kind := range []string{"条例", "暂行条例"} {
				for _, o := range byName[core+kind] {
					if o := docs[o]; o.Level != LevelLocalLaw && o.Level != LevelNormative && o.Effective < d.Effective {
						out = append(out, uint32(slices.Index(docs, o)))
					}
				}
			}
		}
		for _, p := range d.Provisions[max(0, len(d.Provisions)-repealTail):] {
			for _, r := range repealedNames(p.Text) {
				if r == name {
					continue
				}
				for _, o := range byName[r] {
					if docs[o].Effective < d.Effective {
						out = append(out, o)
					}
				}
			}
		}
		_ = i
	}
	return out
}

// plainName is a title without the national prefix, a trailing
// parenthesis or spaces.
func plainName(title string) string {
	t := stripParen(strings.ReplaceAll(Normalize(title), " ", ""))
	for _, p := range nationalPrefixes {
		t = strings.TrimPrefix(t, p)
	}
	return t
}

// repealedNames returns the plain names of the texts a sentence of an
// article repeals: those quoted in 《》 in a sentence that says 同时废止
// or 予以废止.
func repealedNames(text string) []string {
	if !strings.Contains(text, "废止") {
		return nil
	}
	var out []string
	for _, sentence := range strings.Split(text, "。") {
		if !strings.Contains(sentence, "同时废止") && !strings.Contains(sentence, "予以废止") {
			continue
		}
		for rest := sentence; ; {
			_, after, ok := strings.Cut(rest, "《")
			if !ok {
				break
			}
			name, next, ok := strings.Cut(after, "》")
			if !ok {
				break
			}
			out = append(out, plainName(name))
			rest = next
		}
	}
	return out
}

// factor returns the version multiplier of a document for a question: 1 for
// the version in force, supersededFactor for an older one; with a year named,
// 1 for the version in force in that year and supersededFactor for the
// others of its group.
func (v *versions) factor(docs []*Document, d uint32, year string, cue bool) float64 {
	if year != "" && v.group[d] >= 0 {
		if v.inForceIn(docs, d, year) {
			return 1
		}
		return supersededFactor
	}
	if cue || !v.superseded[d] {
		return 1
	}
	return supersededFactor
}

// inForceIn reports whether document d is the version of its group in force
// in the given year: the latest one that took effect in or before it.
func (v *versions) inForceIn(docs []*Document, d uint32, year string) bool {
	eff := docs[d].Effective
	if eff == "" || eff[:min(4, len(eff))] > year {
		return false
	}
	for _, o := range v.members[v.group[d]] {
		oe := docs[o].Effective
		if o != d && oe > eff && oe[:min(4, len(oe))] <= year {
			return false
		}
	}
	return true
}

// with returns document d and its other versions.
func (v *versions) with(d uint32) []uint32 {
	if v.group[d] < 0 {
		return []uint32{d}
	}
	return v.members[v.group[d]]
}
