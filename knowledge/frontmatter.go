package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"rongcuo/internal/clip"
)

// frontMatter is the "---" block at the top of a knowledge file: a small
// YAML subset, one "key: value" a line, "#" lines ignored.
type frontMatter struct {
	fields map[string]fmField
	keys   []string // in file order
	end    int      // 0-based index of the closing "---" line
}

type fmField struct {
	value string
	line  int
}

// hasFrontMatter reports whether the file starts with a "---" line.
func hasFrontMatter(lines []string) bool {
	return len(lines) > 0 && strings.TrimSpace(lines[0]) == "---"
}

// parseFrontMatter reads the block that starts at lines[0]. A full-width
// colon is accepted beside the ASCII one because staff type these files
// with a Chinese input method.
func parseFrontMatter(file string, lines []string) (*frontMatter, []Problem) {
	fm := &frontMatter{fields: make(map[string]fmField), end: -1}
	var problems []Problem
	for i := 1; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i])
		if s == "---" {
			fm.end = i
			break
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		key, value, ok := cutKey(s)
		if !ok {
			problems = append(problems, Problem{file, i + 1, fmt.Sprintf("front matter 行应为“key: value”，实际为“%s”", clip.Runes(s, 40))})
			continue
		}
		if prev, dup := fm.fields[key]; dup {
			problems = append(problems, Problem{file, i + 1, fmt.Sprintf("字段 %s 重复（第 %d 行已有）", key, prev.line)})
			continue
		}
		fm.fields[key] = fmField{value, i + 1}
		fm.keys = append(fm.keys, key)
	}
	if fm.end < 0 {
		problems = append(problems, Problem{file, 1, "front matter 没有结束的“---”行"})
	}
	return fm, problems
}

// cutKey splits "key: value"; a key is ASCII letters, digits, "_" or "-".
func cutKey(s string) (key, value string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	key = strings.TrimSpace(s[:i])
	for _, r := range key {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return "", "", false
		}
	}
	sep := ":"
	if s[i] != ':' {
		sep = "："
	}
	return strings.ToLower(key), strings.TrimSpace(s[i+len(sep):]), key != ""
}

func (fm *frontMatter) get(key string) string { return fm.fields[key].value }

// line returns the line of key, or the first line of the block when the key
// is absent, so every problem still points somewhere.
func (fm *frontMatter) line(key string) int {
	if f, ok := fm.fields[key]; ok {
		return f.line
	}
	return 1
}

// require reports every missing or empty required key.
func (fm *frontMatter) require(file string, keys ...string) []Problem {
	var out []Problem
	for _, k := range keys {
		if fm.get(k) == "" {
			out = append(out, Problem{file, 1, "缺少必填字段 " + k})
		}
	}
	return out
}

// oneOf checks that key, when present, holds one of the allowed values.
func (fm *frontMatter) oneOf(file, key string, allowed []string) []Problem {
	v := fm.get(key)
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return []Problem{{file, fm.line(key), fmt.Sprintf("%s 的值“%s”无效，允许的值：%s", key, v, strings.Join(allowed, "、"))}}
}

// boolean reads a true/false key; absent means false.
func (fm *frontMatter) boolean(file, key string) (bool, []Problem) {
	v := fm.get(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(strings.ToLower(v))
	if err != nil {
		return false, []Problem{{file, fm.line(key), fmt.Sprintf("%s 的值“%s”无效，允许的值：true、false", key, v)}}
	}
	return b, nil
}

// date checks the YYYY, YYYY-MM or YYYY-MM-DD form of key, when present.
func (fm *frontMatter) date(file, key string) []Problem {
	v := fm.get(key)
	if v == "" || validDate(v) {
		return nil
	}
	return []Problem{{file, fm.line(key), fmt.Sprintf("%s 的值“%s”无效，应为 YYYY、YYYY-MM 或 YYYY-MM-DD", key, v)}}
}

func validDate(v string) bool {
	parts := strings.Split(v, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return false
	}
	limits := []int{9999, 12, 31}
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > limits[i] {
			return false
		}
	}
	return true
}

// id checks that the id can be part of a provision id (DocID#anchor) and a
// command-line argument.
func (fm *frontMatter) id(file string) []Problem {
	v := fm.get("id")
	if v == "" || !strings.ContainsFunc(v, func(r rune) bool { return r == '#' || unicode.IsSpace(r) }) {
		return nil
	}
	return []Problem{{file, fm.line("id"), fmt.Sprintf("id“%s”不能含空白或“#”", v)}}
}

// splitList splits a comma-separated value; Chinese commas and 、 count too.
func splitList(v string) []string {
	f := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == '、' })
	out := f[:0]
	for _, s := range f {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var verifications = []string{Verified, Partial, Unverified}
