package knowledge

import (
	"strings"
	"unicode/utf8"
)

// maxArticle bounds article numbers: the longest Chinese code (民法典) ends
// at 第一千二百六十条, so anything past 9999 is a misreading, not an article.
const maxArticle = 9999

// hanDigit maps Chinese digits to their values; -1 means "not a digit".
func hanDigit(r rune) int {
	switch r {
	case '零', '〇':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

func hanUnit(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// asciiDigit accepts ASCII and full-width digits, which both occur in
// hand-typed documents (第17条, 第１７条).
func asciiDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// isNumeralRune reports whether r can be part of an article number.
func isNumeralRune(r rune) bool {
	return hanDigit(r) >= 0 || hanUnit(r) > 0 || asciiDigit(r) >= 0
}

// ParseNumeral reads a whole string as a positive number written in Arabic
// digits or Chinese numerals: 十七, 一百二十, 一千零四十, 一〇一 (digit by
// digit), 17. It rejects malformed numerals (十十, 一百二) rather than guess,
// because a wrong number would give a wrong citation anchor.
func ParseNumeral(s string) (int, bool) {
	if s == "" || len(s) > 32 {
		return 0, false
	}
	if r, _ := utf8.DecodeRuneInString(s); asciiDigit(r) >= 0 {
		return parseArabic(s)
	}
	if !strings.ContainsAny(s, "十百千") {
		return parseHanPositional(s)
	}
	return parseHanUnits(s)
}

func parseArabic(s string) (int, bool) {
	n := 0
	for _, r := range s {
		d := asciiDigit(r)
		if d < 0 {
			return 0, false
		}
		n = n*10 + d
		if n > maxArticle {
			return 0, false
		}
	}
	return n, n > 0
}

// parseHanPositional reads digit-by-digit numerals such as 一〇一.
func parseHanPositional(s string) (int, bool) {
	n := 0
	for i, r := range s {
		d := hanDigit(r)
		if d < 0 || (i == 0 && d == 0) {
			return 0, false
		}
		n = n*10 + d
		if n > maxArticle {
			return 0, false
		}
	}
	return n, n > 0
}

// parseHanUnits reads numerals with 十/百/千: units must decrease, each unit
// takes at most one digit before it, 零 marks a skipped place, and a bare
// 十 means 一十.
func parseHanUnits(s string) (int, bool) {
	total, pending, lastUnit := 0, -1, 10000
	zero := false // a 零 was seen since the last unit
	for _, r := range s {
		if u := hanUnit(r); u > 0 {
			if u >= lastUnit {
				return 0, false
			}
			if pending < 0 {
				if u != 10 || zero {
					return 0, false
				}
				pending = 1
			}
			total += pending * u
			pending, lastUnit, zero = -1, u, false
			continue
		}
		d := hanDigit(r)
		switch {
		case d < 0:
			return 0, false
		case d == 0:
			if pending >= 0 || zero || lastUnit == 10000 {
				return 0, false
			}
			zero = true
		default:
			if pending >= 0 {
				return 0, false
			}
			pending = d
		}
	}
	if zero && pending < 0 {
		return 0, false // trailing 零
	}
	if pending >= 0 {
		// A trailing digit counts as units only after 十 or 零 (一百零二);
		// 一百二 is colloquial for 120 and never appears in an article label.
		if lastUnit != 10 && !zero {
			return 0, false
		}
		total += pending
	}
	if total <= 0 || total > maxArticle {
		return 0, false
	}
	return total, true
}

// articleLabel is a parsed 第X条 / 第X条之N label at the start of a paragraph.
type articleLabel struct {
	Label  string // as written, e.g. 第十七条之一
	Number int
	Sub    int
	Rest   string // the text after the label and its separator
}

// referenceFollowers are the characters that, right after 第X条, show the
// label is a reference running on from the previous line ("第三十一条的决定",
// "第十条第二款", "第五条至第九条", "第十条之规定"), not the start of an
// article.
const referenceFollowers = "的第至和及或之、，,。；;》）)”\"'"

// parseArticleLabel recognises a paragraph that starts an article: 第, a
// numeral, 条, optionally 之 and a numeral, then a space (ASCII or full
// width) or a colon, the end of the paragraph, or text that does not read as
// a reference. Markdown bold around the label (**第一条**) is accepted.
func parseArticleLabel(p string) (articleLabel, bool) {
	s := p
	bold := strings.HasPrefix(s, "**第")
	if bold {
		s = s[2:]
	}
	if !strings.HasPrefix(s, "第") {
		return articleLabel{}, false
	}
	num, after, ok := cutNumeral(s[len("第"):])
	if !ok {
		return articleLabel{}, false
	}
	// The collection has a few labels typed as "第一百二十八 条": read them,
	// since skipping them would glue the article to the one before.
	after, ok = strings.CutPrefix(strings.TrimLeft(after, " 　"), "条")
	if !ok {
		return articleLabel{}, false
	}
	n, ok := ParseNumeral(num)
	if !ok {
		return articleLabel{}, false
	}
	label := "第" + num + "条"
	sub := 0
	if strings.HasPrefix(after, "之") {
		subNum, rest, ok := cutNumeral(after[len("之"):])
		if ok {
			v, ok := ParseNumeral(subNum)
			if !ok {
				return articleLabel{}, false
			}
			sub, after, label = v, rest, label+"之"+subNum
		}
	}
	if bold {
		var found bool
		if after, found = strings.CutPrefix(after, "**"); !found {
			return articleLabel{}, false
		}
	}
	rest, ok := articleRest(after)
	if !ok {
		return articleLabel{}, false
	}
	return articleLabel{Label: label, Number: n, Sub: sub, Rest: rest}, true
}

// cutNumeral splits s after its leading run of numeral characters.
func cutNumeral(s string) (num, rest string, ok bool) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isNumeralRune(r) {
			break
		}
		i += size
	}
	return s[:i], s[i:], i > 0
}

// articleRest returns the article's first paragraph after its label, or
// false when what follows the label shows it is a reference.
func articleRest(after string) (string, bool) {
	if after == "" {
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(after)
	// A colon after the label is a separator in hand-typed documents
	// (第一条：…), never the continuation of a reference.
	if r == ' ' || r == '\t' || r == '　' || r == '\u00a0' || r == '：' || r == ':' {
		after = after[utf8.RuneLen(r):]
		return strings.TrimSpace(after), true
	}
	if strings.ContainsRune(referenceFollowers, r) || r == utf8.RuneError {
		return "", false
	}
	return after, true
}
