package knowledge

import (
	_ "embed"
	"sync"
)

// The built-in legal thesaurus (thesaurus.txt beside this file) links the
// words people use to the words the statutes use (出国 → 出境, 购物卡 →
// 礼品、礼金) and the statutes' own variants of one idea (集体讨论决定,
// 集体研究). Every index applies it, merged with the synonym table of its
// knowledge base, so a law collection imported without any table of its own
// still understands a cadre's words.
//
//go:embed thesaurus.txt
var thesaurusText string

// BuiltinThesaurus returns the built-in groups, parsed once. The file is
// checked by a test, so a malformed line cannot ship; should one slip
// through, the well-formed groups are still used.
var BuiltinThesaurus = sync.OnceValue(func() Synonyms {
	syn, _ := parseSynonyms("thesaurus.txt", thesaurusText)
	return syn
})

// searchSynonyms returns the groups an index expands queries with: the
// built-in thesaurus, then the knowledge base's own table.
func searchSynonyms(kb *KB) Synonyms {
	builtin := BuiltinThesaurus()
	out := make(Synonyms, 0, len(builtin)+len(kb.Synonyms))
	return append(append(out, builtin...), kb.Synonyms...)
}
