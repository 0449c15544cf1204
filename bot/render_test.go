package bot

import (
	"math/rand/v2"
	"strings"
	"testing"

	"rongcuo/bot/telegramtest"
)

func TestHTML(t *testing.T) {
	cases := []struct{ md, want string }{
		{"a < b & c > d", "a &lt; b &amp; c &gt; d"},
		{"**初步判断：**可以", "<b>初步判断：</b>可以"},
		{"- 您提到“<b>集体研究</b>”", "• 您提到“&lt;b&gt;集体研究&lt;/b&gt;”"},
		{"**一** 和 **二**", "<b>一</b> 和 <b>二</b>"},
		{"只有一个 ** 星号", "只有一个 ** 星号"},
		{"**a** b **", "<b>a</b> b **"},
		{"**跨\n行**", "**跨\n行**"},
		{"&amp;已经转义", "&amp;amp;已经转义"},
	}
	for _, c := range cases {
		got := HTML(c.md)
		if got != c.want {
			t.Errorf("HTML(%q) = %q, want %q", c.md, got, c.want)
		}
		if err := telegramtest.CheckHTML(got); err != nil {
			t.Errorf("HTML(%q) is not valid Telegram HTML: %v", c.md, err)
		}
	}
	if got := Plain("**初步判断**\n- 一条"); got != "初步判断\n• 一条" {
		t.Errorf("Plain = %q", got)
	}
}

func TestUTF16Len(t *testing.T) {
	if n := UTF16Len("容错👍a"); n != 5 {
		t.Errorf("UTF16Len = %d, want 5 (the emoji is a surrogate pair)", n)
	}
}

func TestSplitKeepsParagraphsWhole(t *testing.T) {
	var paras []string
	for i := 0; len([]rune(strings.Join(paras, "\n\n"))) < 10000; i++ {
		paras = append(paras, "**第"+string(rune('一'+i))+"段** "+strings.Repeat("容错<纠错>&", 30))
	}
	md := strings.Join(paras, "\n\n")
	pieces := Split(md, MaxMessage)
	if len(pieces) < 3 {
		t.Fatalf("%d pieces for %d characters", len(pieces), len([]rune(md)))
	}
	if strings.Join(pieces, "\n\n") != md {
		t.Error("pieces joined at paragraph breaks must give back the text")
	}
	for i, p := range pieces {
		h := HTML(p)
		if UTF16Len(h) > MaxMessage {
			t.Errorf("piece %d renders to %d units", i, UTF16Len(h))
		}
		if err := telegramtest.CheckHTML(h); err != nil {
			t.Errorf("piece %d: %v", i, err)
		}
	}
}

func TestSplitCutsAnOverlongLine(t *testing.T) {
	line := strings.Repeat("没有换行的很长一段话&<>😀", 700) // 14,000 characters
	pieces := Split(line, MaxMessage)
	if strings.Join(pieces, "") != line {
		t.Fatal("pieces of one line must join back to it")
	}
	for i, p := range pieces {
		if n := UTF16Len(HTML(p)); n > MaxMessage {
			t.Errorf("piece %d renders to %d units", i, n)
		}
	}
	if len(pieces) < 4 {
		t.Errorf("only %d pieces", len(pieces))
	}
}

func TestSplitHTMLLinesNeverCutsATagOrEntity(t *testing.T) {
	html := "<b>标题</b>\n" + strings.Repeat("正文&amp;", 2000)
	for i, p := range splitHTMLLines(html, 1000) {
		if err := telegramtest.CheckHTML(p); err != nil {
			t.Errorf("piece %d: %v", i, err)
		}
		if UTF16Len(p) > 1000 {
			t.Errorf("piece %d is %d units", i, UTF16Len(p))
		}
	}
}

func FuzzRenderAndSplit(f *testing.F) {
	f.Add("**a** <b> & - list\n\npara")
	f.Add(strings.Repeat("字", 5000))
	f.Fuzz(func(t *testing.T, md string) {
		for _, p := range Split(md, 200) {
			h := HTML(p)
			if UTF16Len(h) > 200 {
				t.Fatalf("piece renders to %d units", UTF16Len(h))
			}
			if err := telegramtest.CheckHTML(h); err != nil {
				t.Fatalf("invalid HTML %q: %v", h, err)
			}
		}
	})
}

// htmlBound never falls below the HTML's real length, so Split may skip
// rendering a text it bounds below the limit.
func TestHTMLBoundHoldsTheHTML(t *testing.T) {
	for _, md := range []string{
		"", "纯文本", "**粗体** 与 <标签> & 符号", "- 列表\n- **a**b**c**\n\n段落 ***", "😀 emoji **😀**",
		"**", "****", "*a*", "&&&<<<>>>", "- - -",
	} {
		if b, n := htmlBound(md), UTF16Len(HTML(md)); b < n {
			t.Errorf("%q: bound %d below the HTML's %d", md, b, n)
		}
	}
	long := strings.Repeat("**字** <&> ", 600)
	if got := Split(long, MaxMessage); len(got) < 2 {
		t.Errorf("a text whose HTML is too long was not cut: %d piece(s)", len(got))
	}
}

// htmlReference is how HTML rendered before it wrote into one buffer.
func htmlReference(md string) string {
	return eachLine(md, func(line string) string {
		parts := strings.Split(line, "**")
		if len(parts) < 3 {
			return escapeHTML(line)
		}
		var b strings.Builder
		for i, p := range parts {
			switch {
			case i == 0:
			case i%2 == 1 && i < len(parts)-1:
				b.WriteString("<b>")
			case i%2 == 0:
				b.WriteString("</b>")
			default:
				b.WriteString("**")
			}
			b.WriteString(escapeHTML(p))
		}
		return b.String()
	})
}

func TestHTMLAsBefore(t *testing.T) {
	for _, md := range []string{
		"", "\n", "\n\n", "纯文本", "**粗体** 与 <标签> & 符号", "- 列表\n- **a**b**c**\n\n段落 ***", "😀 emoji **😀**",
		"**", "****", "*****", "*a*", "&&&<<<>>>", "- - -", "- ", "-", "a**b", "**a**b**", "x\n- **<y>**\n-z\n ", "a&amp;b<b>",
		"**简要回答** 可以容错。\n\n- 依据《条例》第十七条\n- 情形 **A** 与 **B**\n\n**追问**",
	} {
		if got, want := HTML(md), htmlReference(md); got != want {
			t.Errorf("HTML(%q) = %q, was %q", md, got, want)
		}
	}
}

// Texts made of the characters that matter, at random: HTML renders them
// as before.
func TestHTMLAsBeforeRandom(t *testing.T) {
	alphabet := []string{"*", "*", "-", " ", "\n", "<", ">", "&", "a", "字", "😀"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		md := b.String()
		if got, want := HTML(md), htmlReference(md); got != want {
			t.Fatalf("HTML(%q) = %q, was %q", md, got, want)
		}
	}
}
