package terminal

import (
	"os"
	"strings"
	"testing"
)

func TestWidthCountsChineseAsTwoColumns(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "现行": 4, "A市B区": 6, "（示例）": 8, "✅ 动机": 7, "": 0} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestTableAlignsByDisplayWidth(t *testing.T) {
	out := Table([][]string{{"ID", "LEVEL", "TITLE"}, {"wzcl-2019", "党内法规", "中国共产党问责条例"}, {"x", "法律", "公务员法"}})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	// Each column starts at the same display column on every line.
	col := func(line, cell string) int { return Width(line[:strings.Index(line, cell)]) }
	if a, b, c := col(lines[0], "TITLE"), col(lines[1], "中国共产党"), col(lines[2], "公务员法"); a != b || b != c {
		t.Errorf("TITLE at columns %d, %d, %d:\n%s", a, b, c, out)
	}
	if strings.HasSuffix(lines[1], " ") {
		t.Error("the last column is padded")
	}
}

func TestRenderPlainDropsOnlyTheMarkers(t *testing.T) {
	md := "**初步判断：倾向于可以容错。**\n关键在于公心。\n\n**依据**\n- 《问责条例》第十七条：可以不予问责。"
	if got, want := Render(md, Style{}), strings.ReplaceAll(md, "**", ""); got != want {
		t.Errorf("plain render:\n%s\nwant\n%s", got, want)
	}
}

func TestRenderOnATerminal(t *testing.T) {
	item := "- 《中国共产党问责条例》第十七条：有下列情形之一的，可以不予问责或者免予问责：在推进改革中因缺乏经验、先行先试出现的失误，尚无明确限制的探索性试验中的失误。"
	got := Render("**依据**\n"+item, Style{Bold: true, Width: 40})
	lines := strings.Split(got, "\n")
	if lines[0] != "\x1b[1m依据\x1b[0m" {
		t.Errorf("heading %q, want it bold", lines[0])
	}
	if !strings.HasPrefix(lines[1], "• 《中国") || len(lines) < 4 {
		t.Fatalf("item not laid out as a bullet over several lines:\n%s", got)
	}
	for _, l := range lines[1:] {
		if Width(l) > 40 {
			t.Errorf("line wider than 40 columns (%d): %q", Width(l), l)
		}
	}
	for _, l := range lines[2:] {
		if !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "   ") {
			t.Errorf("continuation %q does not hang under the item's text", l)
		}
		if r := []rune(strings.TrimSpace(l)); strings.ContainsRune("，。、；：", r[0]) {
			t.Errorf("continuation starts with closing punctuation: %q", l)
		}
	}
	// The words survive the layout.
	joined := strings.ReplaceAll(strings.Join(lines[1:], ""), " ", "")
	if want := strings.ReplaceAll("•"+item[2:], " ", ""); joined != want {
		t.Errorf("text changed by wrapping:\n%s\nwant\n%s", joined, want)
	}
	if got := Render("- see the file example.org/path and more words here", Style{Width: 24}); !strings.Contains(got, "\n  example.org/path") {
		t.Errorf("a Latin word that fits a line was split: %q", got)
	}
}

type fakeTTY struct{}

func (fakeTTY) IsTerminal() bool { return true }

func TestStyleFor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	if s := StyleFor(&strings.Builder{}, env()); s != (Style{}) {
		t.Errorf("piped output must be plain: %+v", s)
	}
	if s := StyleFor(fakeTTY{}, env("COLUMNS", "100")); !s.Bold || s.Width != 100 {
		t.Errorf("terminal: %+v", s)
	}
	if s := StyleFor(fakeTTY{}, env("NO_COLOR", "1")); s.Bold || s.Width != 80 {
		t.Errorf("NO_COLOR: %+v", s)
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a file is not a terminal")
	}
}
