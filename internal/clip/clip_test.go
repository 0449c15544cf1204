package clip

import "testing"

func TestRunes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"容错纠错机制", 6, "容错纠错机制"},
		{"容错纠错机制", 4, "容错纠错…"},
		{"容错纠错机制", 0, "…"},
		{"", 3, ""},
		{"abc", 2, "ab…"},
		{"a😀b", 2, "a😀…"},
		{"abc", -1, "…"},
	} {
		if got := Runes(c.s, c.n); got != c.want {
			t.Errorf("Runes(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

func TestLine(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"第一条\n  为了\t规范\r\n", 20, "第一条 为了 规范"},
		{"  第一条\n为了规范容错纠错工作", 6, "第一条 为了…"},
	} {
		if got := Line(c.s, c.n); got != c.want {
			t.Errorf("Line(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
