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

// The thesaurus of large collections (thesaurus_laws.txt) adds everyday
// words for the whole range of the laws (年假, 两口子, 坐牢, 退货 …); an
// index applies it only over a large collection (see searchSynonyms).
//
//go:embed thesaurus_laws.txt
var lawThesaurusText string

// BuiltinThesaurus returns the built-in groups, parsed once. The file is
// checked by a test, so a malformed line cannot ship; should one slip
// through, the well-formed groups are still used.
var BuiltinThesaurus = sync.OnceValue(func() Synonyms {
	syn, _ := parseSynonyms("thesaurus.txt", thesaurusText)
	return syn
})

// LawThesaurus returns the groups of the thesaurus of large collections,
// parsed once.
var LawThesaurus = sync.OnceValue(func() Synonyms {
	syn, _ := parseSynonyms("thesaurus_laws.txt", lawThesaurusText)
	return syn
})

// searchSynonyms returns the groups an index expands queries with: the
// built-in thesaurus, the thesaurus of large collections when large is set,
// then the knowledge base's own table; builtin is how many come first from
// the built-in files.
func searchSynonyms(kb *KB, large bool) (groups Synonyms, builtin int) {
	out := append(Synonyms(nil), BuiltinThesaurus()...)
	if large {
		out = append(out, LawThesaurus()...)
	}
	return append(out, kb.Synonyms...), len(out)
}
