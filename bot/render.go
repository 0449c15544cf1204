package bot

import (
	"strings"
	"unicode/utf8"
)

// Advice.Answer is a small Markdown subset: "**bold**" spans, "- " list
// lines and blank lines between paragraphs. Everything else is text, so
// everything else is escaped: a user's words or a provision's text can never
// become markup.

// MaxMessage is the longest message the bot sends, in UTF-16 code units,
// safely below Telegram's 4,096.
const MaxMessage = 4000

// escapeHTML escapes the three characters Telegram's HTML parser treats
// specially outside attributes.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	writeEscaped(&b, s)
	return b.String()
}

// HTML renders the Markdown subset as Telegram HTML: a "- " list line gets
// a bullet, matched "**" pairs of a line become <b>, an unmatched "**"
// stays as text, and the rest is escaped. It writes into one buffer: the
// bot renders every answer it sends.
func HTML(md string) string {
	var b strings.Builder
	b.Grow(len(md) + 64)
	for {
		line, rest, more := strings.Cut(md, "\n")
		if item, ok := strings.CutPrefix(line, "- "); ok {
			b.WriteString("• ")
			line = item
		}
		writeBoldHTML(&b, line)
		if !more {
			return b.String()
		}
		b.WriteByte('\n')
		md = rest
	}
}

// writeBoldHTML writes one line with its matched "**" pairs as <b>.
func writeBoldHTML(b *strings.Builder, line string) {
	parts := strings.Count(line, "**") + 1
	if parts < 3 {
		writeEscaped(b, line)
		return
	}
	for i := range parts {
		p, rest, _ := strings.Cut(line, "**")
		switch {
		case i == 0:
		case i%2 == 1 && i < parts-1:
			b.WriteString("<b>")
		case i%2 == 0:
			b.WriteString("</b>")
		default: // an odd "**" left at the end
			b.WriteString("**")
		}
		writeEscaped(b, p)
		line = rest
	}
}

// writeEscaped writes s escaped as escapeHTML does.
func writeEscaped(b *strings.Builder, s string) {
	for s != "" {
		i := strings.IndexAny(s, "<>&")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		}
		s = s[i+1:]
	}
}

// Plain renders the Markdown subset as plain text, for when Telegram rejects
// the HTML.
func Plain(md string) string { return eachLine(md, boldPlain) }

// eachLine renders the Markdown subset line by line: a "- " list line gets
// a bullet, and render does the rest of the line.
func eachLine(md string, render func(string) string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "- "); ok {
			l = "• " + rest
		}
		lines[i] = render(l)
	}
	return strings.Join(lines, "\n")
}

// boldPlain drops the "**" of a line that has a pair of them.
func boldPlain(line string) string {
	if strings.Count(line, "**") >= 2 {
		return strings.ReplaceAll(line, "**", "")
	}
	return line
}

// UTF16Len is a text's length as Telegram counts it.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// htmlBound is at least the length of md's HTML, in UTF-16 units, found
// without rendering it: an escaped character grows to its entity, a "*"
// to at most half of "</b>", the rest keeps its length ("- " becomes "• ").
func htmlBound(md string) int {
	n := 0
	for _, r := range md {
		switch {
		case r == '<' || r == '>':
			n += 4
		case r == '&':
			n += 5
		case r == '*', r >= 0x10000:
			n += 2
		default:
			n++
		}
	}
	return n
}

// Split cuts Markdown into pieces whose HTML is at most max UTF-16 units:
// between paragraphs where it can, then between lines, and only inside a line
// that alone is too long.
func Split(md string, max int) []string {
	if htmlBound(md) <= max || UTF16Len(HTML(md)) <= max {
		return []string{md}
	}
	var out []string
	cur := ""
	flush := func() {
		if strings.TrimSpace(cur) != "" {
			out = append(out, cur)
		}
		cur = ""
	}
	add := func(unit, sep string) bool {
		next := unit
		if cur != "" {
			next = cur + sep + unit
		}
		if UTF16Len(HTML(next)) <= max {
			cur = next
			return true
		}
		return false
	}
	for _, para := range strings.Split(md, "\n\n") {
		if add(para, "\n\n") {
			continue
		}
		flush()
		if add(para, "") {
			continue
		}
		for _, line := range strings.Split(para, "\n") {
			if add(line, "\n") {
				continue
			}
			flush()
			if add(line, "") {
				continue
			}
			for _, piece := range cutLine(line, max) {
				if !add(piece, "") {
					flush()
					cur = piece
				}
			}
		}
		flush()
	}
	flush()
	return out
}

// cutLine cuts one over-long line into pieces whose HTML fits.
func cutLine(line string, max int) []string {
	var out []string
	for line != "" {
		cost, n := 0, 0
		for i, r := range line {
			switch r {
			case '<', '>':
				cost += 4
			case '&':
				cost += 5
			default:
				cost += UTF16Len(string(r))
			}
			if cost > max {
				break
			}
			n = i + utf8.RuneLen(r)
		}
		// Bold pairs inside the piece add a few units; shrink until it fits.
		for n > 0 && UTF16Len(HTML(line[:n])) > max {
			n = shrink(line, n*9/10)
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(line)
		}
		out = append(out, line[:n])
		line = line[n:]
	}
	return out
}

// shrink moves n back to the start of the rune it falls in.
func shrink(s string, n int) int {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}
