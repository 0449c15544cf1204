package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"rongcuo/internal/hanzi"
)

// Normalize maps s to the form used for matching, never for display:
// traditional characters become simplified (問責條例 → 问责条例), full-width
// ASCII becomes half-width, ASCII letters are lower-cased, line breaks and
// tabs become spaces (they separate words), and other control characters,
// invisible format characters and emoji are dropped. The index applies the
// same mapping to documents and queries, so either side may be written in
// either script.
func Normalize(s string) string {
	if plainASCII(s) {
		return s
	}
	// Text already normalized (the same question is normalized by several
	// steps) is returned as it is; otherwise the unchanged start is copied
	// and the rest mapped.
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if n, ok := normRune(r); ok && n == r && (r != utf8.RuneError || size > 1) {
			i += size
			continue
		}
		var b strings.Builder
		b.Grow(len(s))
		b.WriteString(s[:i])
		for _, r := range s[i:] {
			if n, ok := normRune(r); ok {
				b.WriteRune(n)
			}
		}
		return b.String()
	}
	return s
}

// plainASCII reports whether s is already normalized ASCII, the common case
// for identifiers and English input, so Normalize can return it unchanged.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') || c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// normRune maps one rune for matching; ok is false when the rune is dropped.
func normRune(r rune) (rune, bool) {
	switch {
	case r < 0x80:
		switch {
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A'), true
		case r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f':
			return ' ', true
		case r < 0x20 || r == 0x7f:
			return 0, false
		}
		return r, true
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs
		return hanzi.Simplified(r), true
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, true
	case r == 0x3000: // ideographic space
		return ' ', true
	case isEmoji(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return 0, false
	}
	return r, true
}

// isEmoji covers pictographs, dingbats, regional indicators, skin tones and
// the invisible joiners and selectors that build emoji sequences.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, emoticons, flags, symbols
		r >= 0x2600 && r <= 0x27BF,   // miscellaneous symbols, dingbats
		r >= 0x2B00 && r <= 0x2BFF,   // arrows and stars (⭐)
		r >= 0x2300 && r <= 0x23FF,   // technical symbols (⌚ ⏰)
		r >= 0xFE00 && r <= 0xFE0F,   // variation selectors
		r >= 0xE0000 && r <= 0xE007F, // tags
		r == 0x200D, r == 0x20E3:     // zero-width joiner, keycap
		return true
	}
	return false
}
