package assess

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
)

// The extractor's knowledge is data, embedded from data/, each row with the
// source its words come from (a policy text, a case, or general Chinese
// usage; never a test question):
//
//   - data/frames.tsv: the predicates, one per row: keys (criteria, comma
//     separated), polarity (+ favourable, - unfavourable when stated plainly),
//     facet (the fact within the criterion the row is about: statements about
//     one facet that disagree are a conflict, statements about different
//     facets are not), options, the frame, source and a note. A frame is a
//     sequence of slots separated by "…"; a slot lists alternatives separated
//     by "|", and {name} stands for every word of a word list. Up to gap runes
//     (default defaultGap) may sit between slots, as long as no new event
//     starts there and, unless fronted, no negator sits there. Options:
//     gap=N; negonly (says something only when negated: 没有请示); fronted
//     (object first, negators in the gaps count: 一分钱都没拿); transparent
//     (its own negator also reaches the next predicate: 迟迟没有); adverb
//     (modifies the next predicate: 并非故意); anygap (takes negators in its
//     gaps without counting them: 以没收到通知为由); weak (a presumption that
//     gives way to any plain statement about the criterion); override (a later
//     statement that replaces an earlier one of the same facet instead of
//     conflicting with it: 红包当场退回了 after an offer, 老板塞了个红包); offer
//     (what the parties gave, which an override replaces); wide (reaches
//     across clauses, see wide.go); raise (names a negative-list topic
//     without saying what happened: unless something plain is said about the
//     criterion, it is unknown and asked, never presumed absent); mask
//     (asserts nothing and hides the predicates of its criteria that lie
//     within it: 从村账上拿了五万 is a payment, not money taken).
//   - data/words.tsv: the word lists frames name in braces.
//   - data/triggers.tsv: the function words that govern predicates (negators,
//     interrogatives, conditions, reports of other people's claims, hedges,
//     obligations, event breaks, coordinators) and words that only look like
//     them (kind "word").
//   - data/dict.tsv: further words for segmentation, so that no predicate or
//     trigger is read inside a longer word (收 in 验收, 会 in 管委会).
//
//go:embed data/*.tsv
var dataFS embed.FS

// Row is one frame of the lexicon as written in data/frames.tsv.
type Row struct {
	Keys     []string
	Polarity Status
	Facet    string
	Options  string
	Frame    string
	Source   string
	Note     string
	Line     int
}

// Word is one entry of a word list, a trigger or a dictionary word.
type Word struct {
	Text   string
	List   string // the word list, the trigger kind, or "dict"
	Source string
}

var (
	lexicon   map[string][]string // word lists by name
	lexRows   []Row
	rules     []rule
	lexWords  []Word
	dictWords map[string][]string // segmentation words: text → parts (one part unless written with |)
)

func init() {
	if err := loadLexicon(); err != nil {
		panic("assess: " + err.Error()) // the embedded data is part of the program
	}
}

// Rows returns the lexicon's frames, for tests and tools.
func Rows() []Row { return append([]Row(nil), lexRows...) }

// Words returns every word of the word lists, triggers and dictionary.
func Words() []Word { return append([]Word(nil), lexWords...) }

// Expand returns the literal alternatives of a frame's slots, word lists
// expanded, for tests and tools.
func Expand(frame string) [][]string {
	var out [][]string
	for _, slot := range strings.Split(frame, "…") {
		var alts []string
		for _, a := range strings.Split(slot, "|") {
			if strings.HasPrefix(a, "{") && strings.HasSuffix(a, "}") {
				alts = append(alts, lexicon[a[1:len(a)-1]]...)
				continue
			}
			alts = append(alts, a)
		}
		out = append(out, alts)
	}
	return out
}

func tsvLines(name string, fields int, each func(line int, f []string) error) error {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return err
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < fields {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, i+1, len(f), fields)
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if err := each(i+1, f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

func loadLexicon() error {
	lexicon = map[string][]string{}
	dictWords = map[string][]string{}
	addDict := func(w string) {
		parts := strings.Split(w, "|")
		dictWords[strings.Join(parts, "")] = parts
	}
	operators = map[string]opKind{}
	err := tsvLines("triggers.tsv", 3, func(_ int, f []string) error {
		k, ok := opKinds[f[0]]
		if !ok {
			return fmt.Errorf("unknown trigger kind %q", f[0])
		}
		w := strings.ReplaceAll(f[1], "|", "")
		if !strings.Contains(f[1], "|") {
			// A word written with | (不|同意) is cut into its parts, which
			// are the triggers; the whole is only a dictionary word.
			operators[w] = k
		}
		lexWords = append(lexWords, Word{Text: w, List: f[0], Source: f[2]})
		addDict(f[1])
		return nil
	})
	if err != nil {
		return err
	}
	err = tsvLines("words.tsv", 3, func(_ int, f []string) error {
		if _, dup := lexicon[f[0]]; dup {
			return fmt.Errorf("word list %s twice", f[0])
		}
		for _, w := range strings.Split(f[2], "|") {
			if w == "" {
				return fmt.Errorf("empty word in %s", f[0])
			}
			lexicon[f[0]] = append(lexicon[f[0]], w)
			lexWords = append(lexWords, Word{Text: w, List: f[0], Source: f[1]})
			if !startsWithNegator(w) {
				// 没整改 stays 没 + 整改, so the negator is seen.
				addDict(w)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = tsvLines("dict.tsv", 2, func(_ int, f []string) error {
		lexWords = append(lexWords, Word{Text: strings.ReplaceAll(f[0], "|", ""), List: "dict", Source: f[1]})
		addDict(f[0])
		return nil
	})
	if err != nil {
		return err
	}
	err = tsvLines("frames.tsv", 7, func(line int, f []string) error {
		row := Row{Facet: f[2], Options: f[3], Frame: f[4], Source: f[5], Note: f[6], Line: line}
		for _, k := range strings.Split(f[0], ",") {
			if _, ok := byKey[k]; !ok {
				return fmt.Errorf("unknown criterion %q", k)
			}
			row.Keys = append(row.Keys, k)
		}
		switch f[1] {
		case "+":
			row.Polarity = Favourable
		case "-":
			row.Polarity = Unfavourable
		default:
			return fmt.Errorf("polarity %q, want + or -", f[1])
		}
		if row.Facet == "-" {
			row.Facet = ""
		}
		r := rule{keys: row.Keys, status: row.Polarity, facet: row.Facet, pats: []string{row.Frame}, line: line}
		if row.Options != "-" {
			for _, o := range strings.Fields(row.Options) {
				switch {
				case strings.HasPrefix(o, "gap="):
					n, err := strconv.Atoi(o[4:])
					if err != nil || n < 0 {
						return fmt.Errorf("bad %s", o)
					}
					r.gap = n
				case o == "negonly":
					r.negOnly = true
				case o == "fronted":
					r.fronted = true
				case o == "transparent":
					r.transparent = true
				case o == "adverb":
					r.adverb = true
				case o == "anygap":
					r.anyGap = true
				case o == "weak":
					r.weak = true
				case o == "override":
					r.override = true
				case o == "wide":
					r.wide = true
				case o == "raise":
					r.raise = true
				case o == "offer":
					r.offer = true
				case o == "mask":
					r.mask = true
				default:
					return fmt.Errorf("unknown option %q", o)
				}
			}
		}
		for _, slot := range strings.Split(row.Frame, "…") {
			for _, a := range strings.Split(slot, "|") {
				if a == "" {
					return fmt.Errorf("empty alternative in %q", row.Frame)
				}
				if strings.HasPrefix(a, "{") {
					if _, ok := lexicon[strings.Trim(a, "{}")]; !ok {
						return fmt.Errorf("unknown word list %s", a)
					}
				}
			}
		}
		lexRows = append(lexRows, row)
		rules = append(rules, r)
		return nil
	})
	if err != nil {
		return err
	}
	// A deciding body with a place word (党委会上, 班子会后) is the body and
	// the place word, not 党委 + 会上.
	for _, w := range lexicon["meeting"] {
		if strings.HasSuffix(w, "会") {
			for _, loc := range []string{"上", "后", "前", "中"} {
				if _, ok := dictWords[w+loc]; !ok {
					dictWords[w+loc] = []string{w, loc}
				}
			}
		}
	}
	othersWords = nil
	for _, w := range lexicon["others"] {
		othersWords = append(othersWords, []rune(w))
	}
	dict = buildDict(dictWords)
	var narrow, wide []rule
	for _, r := range rules {
		if r.wide {
			wide = append(wide, r)
		} else {
			narrow = append(narrow, r)
		}
	}
	patternIndex = compile(narrow, lexicon)
	wideIndex = compile(wide, lexicon)
	return nil
}

// startsWithNegator reports whether w begins with a negating trigger.
func startsWithNegator(w string) bool {
	rs := []rune(w)
	for n := len(rs) - 1; n > 0; n-- {
		if operators[string(rs[:n])] == opNeg {
			return true
		}
	}
	return false
}

var opKinds = map[string]opKind{"word": opNone, "neg": opNeg, "ask": opAsk, "askq": opAskQ, "hypo": opHypo,
	"report": opReport, "hedge": opHedge, "modal": opModal, "break": opBreak, "weak": opWeak, "coord": opCoord, "admit": opAdmit}
