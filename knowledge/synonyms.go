package knowledge

import (
	"fmt"
	"strings"
	"unicode"
)

// The two plain-text tables of a knowledge base, loaded from wherever they
// sit in the tree (several files merge):
//
//	synonyms.txt  one group a line: 出国 出境 因私出国（境）; words are
//	              separated by spaces, 、, "," or "，"; a group needs two words
//	terms.txt     one domain phrase a line (容错, 三个区分开来): phrases the
//	              search index boosts over incidental bigrams
//
// In both, "#" starts a comment that runs to the end of the line.
const (
	synonymsFile = "synonyms.txt"
	termsFile    = "terms.txt"
)

func parseSynonyms(file, data string) (Synonyms, []Problem) {
	var syn Synonyms
	var problems []Problem
	for i, line := range splitLines(data) {
		words := strings.FieldsFunc(uncomment(line), func(r rune) bool {
			return unicode.IsSpace(r) || r == '、' || r == ',' || r == '，'
		})
		if len(words) == 0 {
			continue
		}
		words = dedupe(words)
		if len(words) < 2 {
			problems = append(problems, Problem{file, i + 1, fmt.Sprintf("同义词组“%s”至少要有两个不同的词", words[0])})
			continue
		}
		syn = append(syn, words)
	}
	return syn, problems
}

func parseTerms(data string) []string {
	var terms []string
	for _, line := range splitLines(data) {
		if t := strings.TrimSpace(uncomment(line)); t != "" {
			terms = append(terms, t)
		}
	}
	return terms
}

func uncomment(line string) string {
	s, _, _ := strings.Cut(line, "#")
	return strings.TrimPrefix(s, "\ufeff")
}
