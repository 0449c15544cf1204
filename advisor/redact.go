package advisor

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Before any text leaves for an outside model service, personal details are
// replaced with placeholders such as 〔电话1〕, and the placeholders in the
// reply are turned back into the original text before the user sees it. The
// same detail gets the same placeholder throughout one answer, so the model
// can still tell who is who.
//
// Found by pattern: mobile and landline phone numbers, 18-digit ID-card
// numbers (last character a digit or X), bank-card numbers (16 to 19 digits,
// optionally in groups), e-mail addresses and licence plates. Names of people
// and units cannot be found by pattern; staff list them (see NewRedactor).

// Kinds of redacted details, as their placeholders name them.
const (
	kindPhone = "电话"
	kindID    = "身份证号"
	kindCard  = "银行卡号"
	kindEmail = "邮箱"
	kindPlate = "车牌"
	kindName  = "人名"
	kindUnit  = "单位"
)

type pattern struct {
	kind string
	re   *regexp.Regexp
	// edge reports whether a rune may sit right before or after a match
	// without making it part of something longer.
	edge func(r rune) bool
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

func notAlnum(r rune) bool {
	return notDigit(r) && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z')
}

func notEmailRune(r rune) bool { return notAlnum(r) && !strings.ContainsRune("._%+-", r) }

// Order matters: an ID card is also 18 digits, so it is taken before cards;
// e-mail addresses before phone numbers inside them.
var patterns = []pattern{
	{kindEmail, regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`), notEmailRune},
	{kindID, regexp.MustCompile(`[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]`), notAlnum},
	{kindCard, regexp.MustCompile(`\d{4}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?|\d{16,19}`), notDigit},
	{kindPhone, regexp.MustCompile(`(?:\+?86[ \-]?)?1[3-9]\d(?:[ \-]?\d{4}){2}|\(?0\d{2,3}\)?[ \-]\d{7,8}|0\d{2,3}\d{7,8}`), notDigit},
	{kindPlate, regexp.MustCompile(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z][·•\- ]?[A-Za-z0-9]{4,5}[A-Za-z0-9挂学警]`), notAlnum},
}

// unitSuffixes mark a listed name as a unit rather than a person.
var unitSuffixes = []string{"局", "委", "办", "厅", "部", "院", "所", "公司", "集团", "中心", "政府", "党委", "党组", "镇", "乡", "街道", "村", "社区", "学校", "大学", "医院", "银行", "站", "队", "处", "科", "会", "社", "厂", "店"}

// Redactor holds the names staff listed. It is read-only and safe for
// concurrent use; each answer takes a Session of its own.
type Redactor struct {
	names []listed // longest first, so 张三丰 goes before 张三
}

type listed struct {
	text, kind string
}

// NewRedactor returns a redactor for the pattern kinds plus the listed names
// of people and units. Entries shorter than two characters are ignored: they
// would match inside ordinary words.
func NewRedactor(names []string) *Redactor {
	seen := map[string]bool{}
	var out []listed
	for _, n := range names {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) < 2 || seen[n] {
			continue
		}
		seen[n] = true
		kind := kindName
		for _, s := range unitSuffixes {
			if strings.HasSuffix(n, s) {
				kind = kindUnit
				break
			}
		}
		out = append(out, listed{n, kind})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].text) > len(out[j].text) })
	return &Redactor{names: out}
}

// ParseNameList reads a staff list of names: one per line or separated by
// commas (ASCII or Chinese) or 、; "#" starts a comment line.
func ParseNameList(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// Session redacts the texts of one answer and restores the reply.
func (r *Redactor) Session() *Redaction {
	if r == nil {
		r = &Redactor{}
	}
	return &Redaction{r: r, placeholder: map[string]string{}, original: map[string]string{}, counts: map[string]int{}}
}

// Redaction is one answer's table of placeholders. Not safe for concurrent
// use.
type Redaction struct {
	r           *Redactor
	placeholder map[string]string // original -> placeholder
	original    map[string]string // placeholder -> original
	counts      map[string]int
}

// Redact returns text with every personal detail replaced by its placeholder.
func (s *Redaction) Redact(text string) string {
	for _, p := range patterns {
		text = s.replacePattern(text, p)
	}
	for _, n := range s.r.names {
		if strings.Contains(text, n.text) {
			text = strings.ReplaceAll(text, n.text, s.holder(n.kind, n.text))
		}
	}
	return text
}

// Len is how many distinct details were replaced.
func (s *Redaction) Len() int { return len(s.original) }

func (s *Redaction) replacePattern(text string, p pattern) string {
	locs := p.re.FindAllStringIndex(text, -1)
	if locs == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		before, _ := utf8.DecodeLastRuneInString(text[:l[0]])
		after, _ := utf8.DecodeRuneInString(text[l[1]:])
		if (l[0] > 0 && !p.edge(before)) || (l[1] < len(text) && !p.edge(after)) {
			continue
		}
		b.WriteString(text[last:l[0]])
		b.WriteString(s.holder(p.kind, text[l[0]:l[1]]))
		last = l[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

func (s *Redaction) holder(kind, value string) string {
	if h, ok := s.placeholder[value]; ok {
		return h
	}
	s.counts[kind]++
	h := "〔" + kind + strconv.Itoa(s.counts[kind]) + "〕"
	s.placeholder[value] = h
	s.original[h] = value
	return h
}

// A model may change the brackets of a placeholder; any of these is read as
// the placeholder.
var placeholderRe = regexp.MustCompile(`[〔\[【［(（]\s*(电话|身份证号|银行卡号|邮箱|车牌|人名|单位)\s*(\d{1,3})\s*[〕\]】］)）]`)

// Restore puts the original details back in place of their placeholders.
// Placeholders this session did not make are left as they are.
func (s *Redaction) Restore(text string) string {
	if len(s.original) == 0 {
		return text
	}
	return placeholderRe.ReplaceAllStringFunc(text, func(m string) string {
		sub := placeholderRe.FindStringSubmatch(m)
		if orig, ok := s.original["〔"+sub[1]+sub[2]+"〕"]; ok {
			return orig
		}
		return m
	})
}
