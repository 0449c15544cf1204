package importer

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// A PDF has no paragraphs, only glyphs placed on pages. The reader takes
// the text of every page through the fonts' ToUnicode maps, groups it into
// lines by position, drops page numbers and joins the lines a paragraph was
// wrapped into. A PDF whose text is empty (a scan) or garbled (fonts
// without a Unicode map) is refused, never stored as garbage.

// msgNoText is what staff read about a scanned or garbled PDF.
const msgNoText = "无法从此 PDF 提取文字，请上传 Word 或文本版本"

// pdfTimeout bounds the reading of one PDF. The parser follows the file's
// own structure, and a crafted file can still send it round in circles; the
// upload is then refused rather than holding the staff member's chat (and a
// worker) forever. The reading goroutine cannot be stopped and runs on until
// it ends or the process does.
var pdfTimeout = 30 * time.Second

func pdfLines(name string, data []byte, maxUnpacked int64) ([]string, error) {
	if err := pdfBombCheck(name, data, maxUnpacked); err != nil {
		return nil, err
	}
	type result struct {
		lines []string
		err   error
	}
	done := make(chan result, 1)
	read, limit := readPDF, pdfTimeout
	go func() {
		lines, err := read(name, data)
		done <- result{lines, err}
	}()
	select {
	case r := <-done:
		return r.lines, r.err
	case <-time.After(limit):
		return nil, refuse(name, "PDF 文件结构异常，读取超时，请上传 Word 或文本版本", "pdf reading took longer than %s", limit)
	}
}

// readPDF extracts the text lines of a PDF; a variable so a test can stand
// in a parser that never finishes.
var readPDF = func(name string, data []byte) (lines []string, err error) {
	// The parser panics on many malformed files; a panic is a corrupt file.
	defer func() {
		if r := recover(); r != nil {
			lines, err = nil, refuse(name, "PDF 文件已损坏，无法读取", "pdf parser panic: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) || errors.Is(err, pdf.ErrInvalidPassword) {
			return nil, refuse(name, "PDF 已加密，无法读取，请取消密码后再上传", "encrypted PDF: %v", err)
		}
		return nil, refuse(name, "PDF 文件已损坏，无法读取", "open pdf: %v", err)
	}
	var text strings.Builder
	var glyphs int
	for _, p := range pdfPages(r) {
		for _, l := range pageLines(p) {
			if pageNumber.MatchString(l) {
				continue
			}
			lines = append(lines, l)
			text.WriteString(l)
			glyphs += utf8.RuneCountInString(l)
		}
	}
	if !readable(text.String()) {
		return nil, refuse(name, msgNoText, "no readable text (%d characters extracted)", glyphs)
	}
	return joinWrapped(lines), nil
}

// pageNumber matches the lines a page footer holds: 3, - 3 -, 第 3 页, 第3页 共5页.
var pageNumber = regexp.MustCompile(`^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$`)

// readable reports whether extracted text is real text: enough of it, and
// nearly all of it letters, digits and punctuation of Chinese or ASCII.
// Fonts without a Unicode map give control characters, private-use code
// points or Latin-1 letters in place of Chinese.
func readable(s string) bool {
	var good, bad, han int
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case unicode.Is(unicode.Han, r):
			good++
			han++
		case r < 0x80 && unicode.IsPrint(r),
			r >= 0x3000 && r <= 0x303F, // CJK punctuation
			r >= 0xFF00 && r <= 0xFFEF, // full-width forms
			r >= 0x2010 && r <= 0x206F: // general punctuation: “”—…
			good++
		default:
			bad++
		}
	}
	total := good + bad
	return total >= 10 && bad*20 <= total && (han > 0 || good >= 50)
}

// Bounds of the page tree walk; real documents stay far inside them.
const (
	maxPageDepth = 64
	maxPageNodes = 1 << 16
)

// pdfPage is a page and the resources in force for it.
type pdfPage struct {
	v, resources pdf.Value
}

// pdfPages lists the pages in order, walking the page tree itself, bounded
// in depth and in nodes visited. The library's Page(i) follows a /Kids that
// leads back to an ancestor forever, NumPage trusts /Count (a billion
// costs a billion lookups), and a page's inherited resources are looked up
// along /Parent, which can be a cycle too: here they come from the path
// walked.
func pdfPages(r *pdf.Reader) []pdfPage {
	var out []pdfPage
	budget := maxPageNodes
	var walk func(node, resources pdf.Value, depth int)
	walk = func(node, resources pdf.Value, depth int) {
		if budget--; budget < 0 || depth > maxPageDepth {
			return
		}
		if own := node.Key("Resources"); !own.IsNull() {
			resources = own
		}
		switch node.Key("Type").Name() {
		case "Page":
			out = append(out, pdfPage{node, resources})
		case "Pages":
			kids := node.Key("Kids")
			for i := 0; i < kids.Len() && budget > 0; i++ {
				walk(kids.Index(i), resources, depth+1)
			}
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), pdf.Value{}, 0)
	return out
}

// glyphRun is text drawn by one show-text operator.
type glyphRun struct {
	x, y, size float64
	s          string
}

// pageLines interprets the page's content stream for its text operators
// only. The library's own Content() is not used: it appends a decoded "\n"
// after every TJ, which a subset font maps to some Chinese character.
func pageLines(p pdfPage) []string {
	contents := p.v.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil
	}
	var runs []glyphRun
	type state struct {
		ctm           [6]float64
		tm, tlm       [6]float64
		font          pdf.Font
		enc           pdf.TextEncoding
		size, leading float64
		twoByte       bool
	}
	ident := [6]float64{1, 0, 0, 1, 0, 0}
	st := state{ctm: ident, tm: ident, tlm: ident}
	var stack []state
	show := func(raw string) {
		if st.enc == nil {
			return
		}
		s := st.enc.Decode(raw)
		if s == "" {
			return
		}
		m := mul(st.tm, st.ctm)
		size := st.size * math.Hypot(m[0], m[1])
		runs = append(runs, glyphRun{x: m[4], y: m[5], size: size, s: s})
		// Advance: exact for simple fonts; one em a glyph for CID fonts,
		// whose widths the library does not read (order is all that counts).
		adv := 0.0
		if st.twoByte {
			adv = float64(len([]rune(s))) * st.size
		} else {
			for i := 0; i < len(raw); i++ {
				adv += st.font.Width(int(raw[i])) / 1000 * st.size
			}
		}
		st.tm = mul([6]float64{1, 0, 0, 1, adv, 0}, st.tm)
	}
	nums := func(args []pdf.Value) []float64 {
		out := make([]float64, len(args))
		for i, a := range args {
			out[i] = a.Float64()
		}
		return out
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			stack = append(stack, st)
		case "Q":
			if n := len(stack) - 1; n >= 0 {
				st, stack = stack[n], stack[:n]
			}
		case "cm":
			if a := nums(args); len(a) == 6 {
				st.ctm = mul([6]float64(a), st.ctm)
			}
		case "BT":
			st.tm, st.tlm = ident, ident
		case "Tf":
			if len(args) == 2 {
				st.font = pdf.Font{V: p.resources.Key("Font").Key(args[0].Name())}
				st.enc = st.font.Encoder()
				st.size = args[1].Float64()
				st.twoByte = st.font.V.Key("Subtype").Name() == "Type0"
			}
		case "TL":
			if len(args) == 1 {
				st.leading = args[0].Float64()
			}
		case "Td", "TD":
			if a := nums(args); len(a) == 2 {
				if op == "TD" {
					st.leading = -a[1]
				}
				st.tlm = mul([6]float64{1, 0, 0, 1, a[0], a[1]}, st.tlm)
				st.tm = st.tlm
			}
		case "Tm":
			if a := nums(args); len(a) == 6 {
				st.tlm = [6]float64(a)
				st.tm = st.tlm
			}
		case "T*", "'", "\"":
			st.tlm = mul([6]float64{1, 0, 0, 1, 0, -st.leading}, st.tlm)
			st.tm = st.tlm
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				v := args[0]
				for i := 0; i < v.Len(); i++ {
					x := v.Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
					} else {
						st.tm = mul([6]float64{1, 0, 0, 1, -x.Float64() / 1000 * st.size, 0}, st.tm)
					}
				}
			}
		}
	})
	return groupLines(runs)
}

// mul multiplies two PDF matrices [a b c d e f].
func mul(m, n [6]float64) [6]float64 {
	return [6]float64{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// groupLines puts runs whose baselines lie within half a glyph of each
// other on one line, lines from the top of the page down, runs left to
// right.
func groupLines(runs []glyphRun) []string {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].y > runs[j].y })
	var lines []string
	for i := 0; i < len(runs); {
		tol := math.Max(runs[i].size/2, 1)
		j := i + 1
		for j < len(runs) && runs[i].y-runs[j].y <= tol {
			j++
		}
		line := runs[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].x < line[b].x })
		var b strings.Builder
		for _, r := range line {
			b.WriteString(r.s)
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			lines = append(lines, s)
		}
		i = j
	}
	return lines
}

// joinWrapped joins the lines of a wrapped paragraph: a line that does not
// end a sentence continues on the next, unless the next starts an article,
// a heading or an item.
func joinWrapped(lines []string) []string {
	var out []string
	for _, l := range lines {
		if n := len(out); n > 0 && !endsParagraph(out[n-1]) && !startsParagraph(l) {
			out[n-1] += l
			continue
		}
		out = append(out, l)
	}
	return out
}

func endsParagraph(l string) bool {
	r := []rune(l)
	return len(r) == 0 || strings.ContainsRune("。；：！？;:!?」』”）)", r[len(r)-1]) || len(r) < 25
}

var paragraphStart = regexp.MustCompile(`^(第[一二三四五六七八九十百千零〇两0-9０-９]+[条章节编]|[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])`)

func startsParagraph(l string) bool { return paragraphStart.MatchString(l) }

// pdfBombCheck inflates every Flate stream of the file, counting, before
// the parser sees it: the parser inflates streams whole, and a small file
// can expand to gigabytes.
func pdfBombCheck(name string, data []byte, maxUnpacked int64) error {
	left := maxUnpacked
	rest := data
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			return nil
		}
		rest = rest[i+len("stream"):]
		if bytes.HasPrefix(rest, []byte("\r\n")) {
			rest = rest[2:]
		} else if len(rest) > 0 && (rest[0] == '\n' || rest[0] == '\r') {
			rest = rest[1:]
		} else {
			continue // "endstream", or the word inside a string
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest))
		if err != nil {
			continue // not Flate: nothing to inflate
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, left+1))
		zr.Close()
		if left -= n; left < 0 {
			return refuse(name, "PDF 解压后过大，超过上限，已拒绝（可能是恶意构造的文件）",
				"flate streams unpack past %d bytes", maxUnpacked)
		}
	}
}
