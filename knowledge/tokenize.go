package knowledge

import (
	"unicode"
	"unicode/utf8"
)

// maxWordBytes bounds one letter/digit token; longer runs (links, hashes)
// are cut, since only their start can match anything a cadre types.
const maxWordBytes = 40

// Tokenize returns the tokens the index draws from a text, in order: for
// each run of Han characters every character and every pair of adjacent
// characters (问责条例 → 问 问责 责 责条 条 条例 例), and each run of letters
// or digits as one word (ppp, 2019). Punctuation, spaces and symbols separate
// tokens, and pairs never span them. The text is normalized first.
func Tokenize(s string) []string {
	var out []string
	var sc scanner
	sc.scan(s, func(run []rune) {
		for i := range run {
			out = append(out, string(run[i:i+1]))
			if i+1 < len(run) {
				out = append(out, string(run[i:i+2]))
			}
		}
	}, func(w []byte) {
		out = append(out, string(w))
	})
	return out
}

// scanner splits text into runs of Han characters and words, normalizing as
// it reads; its buffers are reused between calls.
type scanner struct {
	run  []rune
	word []byte
}

func (sc *scanner) scan(s string, han func(run []rune), word func(w []byte)) {
	sc.run, sc.word = sc.run[:0], sc.word[:0]
	for _, r := range s {
		r, ok := normRune(r)
		if !ok {
			continue
		}
		switch {
		case isHan(r):
			if len(sc.word) > 0 {
				word(sc.word)
				sc.word = sc.word[:0]
			}
			sc.run = append(sc.run, r)
		case isWordRune(r):
			if len(sc.run) > 0 {
				han(sc.run)
				sc.run = sc.run[:0]
			}
			if len(sc.word)+utf8.RuneLen(r) <= maxWordBytes {
				sc.word = utf8.AppendRune(sc.word, r)
			}
		default:
			if len(sc.run) > 0 {
				han(sc.run)
				sc.run = sc.run[:0]
			}
			if len(sc.word) > 0 {
				word(sc.word)
				sc.word = sc.word[:0]
			}
		}
	}
	if len(sc.run) > 0 {
		han(sc.run)
	}
	if len(sc.word) > 0 {
		word(sc.word)
	}
}

func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
