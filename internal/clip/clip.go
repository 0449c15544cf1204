// Package clip shortens text for display: a field in a message, a line of a
// listing, an excerpt in an error. Lengths are in characters (runes), which
// is what a reader counts in Chinese text; a clipped text ends in "…".
package clip

import "strings"

// Mark ends a text that was clipped.
const Mark = "…"

// Runes returns s when it has at most n characters, otherwise its first n
// characters followed by Mark.
func Runes(s string, n int) string {
	if n < 0 {
		n = 0
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + Mark
		}
		count++
	}
	return s
}

// Line is Runes on s made one line: every run of white space, line breaks
// included, becomes one space, and leading and trailing space goes.
func Line(s string, n int) string {
	return Runes(strings.Join(strings.Fields(s), " "), n)
}
