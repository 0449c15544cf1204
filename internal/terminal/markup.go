package terminal

import "strings"

const (
	boldOn  = "\x1b[1m"
	boldOff = "\x1b[0m"
)

// Render lays out answer markup: **bold** spans, lines starting "- " as list
// items, blank lines between paragraphs. Plainly (the zero Style) the bold
// markers are dropped and nothing else changes; with Bold they become ANSI
// bold; with Width list items become "• " items whose continuation lines
// hang under their first character, and other lines wrap at the width.
func Render(md string, s Style) string {
	lines := strings.Split(md, "\n")
	for i, line := range lines {
		item := strings.HasPrefix(line, "- ")
		if item && s.Width > 0 {
			line = "• " + line[2:]
		}
		if s.Width > 0 {
			indent := 0
			if item {
				indent = 2
			}
			line = wrap(line, s.Width, indent)
		}
		lines[i] = bold(line, s.Bold)
	}
	return strings.Join(lines, "\n")
}

// bold turns **…** into ANSI bold, or drops the markers.
func bold(line string, on bool) string {
	if !on {
		return strings.ReplaceAll(line, "**", "")
	}
	var b strings.Builder
	open := false
	for {
		i := strings.Index(line, "**")
		if i < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:i])
		if open {
			b.WriteString(boldOff)
		} else {
			b.WriteString(boldOn)
		}
		open = !open
		line = line[i+2:]
	}
	if open {
		b.WriteString(boldOff)
	}
	return b.String()
}

// noLineStart are characters that must not begin a line (Chinese closing
// punctuation): the character before them goes down with them.
const noLineStart = "，。、；：？！）》」』”’…%,.;:?!)"

// wrap breaks line into lines of at most width columns (the ** markers take
// none), indenting the continuation lines by indent columns. Chinese text
// breaks between any two characters; a Latin word or number is kept whole
// where it fits on a line.
func wrap(line string, width, indent int) string {
	if width <= indent+4 || Width(strings.ReplaceAll(line, "**", "")) <= width {
		return line
	}
	var out []string
	rs := []rune(line)
	start, cols, limit := 0, 0, width
	for i := 0; i < len(rs); i++ {
		if rs[i] == '*' && i+1 < len(rs) && rs[i+1] == '*' {
			i++
			continue
		}
		w := runeWidth(rs[i])
		if cols+w <= limit {
			cols += w
			continue
		}
		cut := i
		if strings.ContainsRune(noLineStart, rs[cut]) && cut-1 > start {
			cut--
		}
		if isWordRune(rs[cut]) && cut > start && isWordRune(rs[cut-1]) {
			j := cut
			for j > start && isWordRune(rs[j-1]) {
				j--
			}
			if j > start {
				cut = j
			}
		}
		out = append(out, strings.TrimRight(string(rs[start:cut]), " "))
		for cut < len(rs) && rs[cut] == ' ' {
			cut++
		}
		start, i, cols, limit = cut, cut-1, 0, width-indent
	}
	out = append(out, string(rs[start:]))
	pad := strings.Repeat(" ", indent)
	for k := 1; k < len(out); k++ {
		out[k] = pad + out[k]
	}
	return strings.Join(out, "\n")
}

func isWordRune(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '-' || r == '.' || r == '/')
}
