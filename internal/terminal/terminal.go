// Package terminal lays out text for a terminal: the display width of
// Chinese text (two columns a character), columns aligned by it, and the
// answer markup (**bold**, "- " items) as bold headings and list items with
// a hanging indent. Whether output is a terminal decides it: piped output
// stays plain text, and NO_COLOR turns the bold off.
package terminal

import (
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
	"golang.org/x/text/width"
)

// IsTerminal reports whether v (a reader or writer) is a terminal: an
// *os.File on one, or anything with an IsTerminal method saying so (tests).
func IsTerminal(v any) bool {
	switch f := v.(type) {
	case interface{ IsTerminal() bool }:
		return f.IsTerminal()
	case *os.File:
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

// Style is how text is laid out for one output.
type Style struct {
	Bold  bool // ANSI bold for **…**
	Width int  // columns to wrap list items at; 0: no wrapping
}

// StyleFor returns the style for writing to w: plain text unless w is a
// terminal; there, bold unless NO_COLOR is set or TERM is dumb, and
// wrapped at the terminal's width (COLUMNS, else 80, when it cannot be asked).
func StyleFor(w any, getenv func(string) string) Style {
	if !IsTerminal(w) {
		return Style{}
	}
	s := Style{Bold: getenv("NO_COLOR") == "" && getenv("TERM") != "dumb", Width: 80}
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			s.Width = cols
			return s
		}
	}
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 0 {
		s.Width = n
	}
	return s
}

// Width returns the columns s takes on a terminal: East Asian wide and
// full-width characters take two, combining marks none.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r == utf8.RuneError || r < 0x20:
		return 0
	case r >= 0x300 && r <= 0x36F, r == 0x200B, r == 0xFE0F:
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// Pad returns s followed by spaces up to n columns.
func Pad(s string, n int) string {
	if w := Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// Table lays out rows as columns aligned by display width, two spaces
// apart; the last column is not padded.
func Table(rows [][]string) string {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			if i == len(row)-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(Pad(cell, widths[i]))
			b.WriteString("  ")
		}
		b.WriteString("\n")
	}
	return b.String()
}
