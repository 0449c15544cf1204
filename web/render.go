package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"rongcuo/conversation"
	"rongcuo/importer"
	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func staticFiles() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	return http.FileServer(http.FS(sub))
}

type pages struct{ byName map[string]*template.Template }

var funcs = template.FuncMap{
	"md": markdownHTML,
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return chinatime.Minute(t)
	},
	"roleLabel": func(r string) string { return roleLabel[r] },
	"statusLabel": func(s string) string {
		if l, ok := statusLabel[s]; ok {
			return l
		}
		return s
	},
	"join":  strings.Join,
	"short": func(s string, n int) string { return clip.Line(s, n) },
	"pct": func(a, b int) string {
		if b == 0 {
			return "—"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
	},
	"isStaff": func(r string) bool { return r == conversation.RoleStaff || r == conversation.RoleAdmin },
	"isAdmin": func(r string) bool { return r == conversation.RoleAdmin },
	"ms":      func(d time.Duration) int64 { return d.Milliseconds() },
	"add":     func(a, b int) int { return a + b },
	"list":    func(xs ...string) []string { return xs },
	"metaCell": func(fields map[string]importer.MetaField, key, value string) map[string]any {
		return map[string]any{"Field": fields[key], "Value": value}
	},
	"metaFields": func(meta []importer.MetaField) map[string]importer.MetaField {
		out := map[string]importer.MetaField{}
		for _, f := range meta {
			out[f.Key] = f
		}
		return out
	},
	"previewData": func(p any, csrf string) map[string]any {
		return map[string]any{"Preview": p, "CSRF": csrf}
	},
}

var roleLabel = map[string]string{"admin": "管理员", "staff": "工作人员", "cadre": "干部", "": "干部"}

var statusLabel = map[string]string{"active": "已开通", "pending": "待审批", "denied": "未通过", "": "—"}

// loadPages parses each page with the layout; a page file defines
// "content".
func loadPages() (*pages, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "parts" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// view is what every page's template gets.
type view struct {
	Title  string
	Signed bool
	Name   string
	Role   string
	CSRF   string
	Data   any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, q *request, status int, page, title string, data any) {
	t := s.pages.byName[page]
	if t == nil {
		s.log.Error("no such template", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	v := view{Title: title, Signed: q.signed, Name: q.sess.Name, Role: q.role, CSRF: q.sess.CSRF, Data: data}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		s.log.Error("template failed", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fragment renders one named template of a page without the layout.
func (s *Server) fragment(page, name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := s.pages.byName[page].ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// fail shows a refusal or an error in Chinese with its status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, q *request, status int, msg string) {
	s.render(w, r, q, status, "error", "提示", struct {
		Status int
		Msg    string
	}{status, msg})
}

// markdownHTML renders the answer's Markdown subset (**bold**, lines
// starting "- ", blank lines between paragraphs) as HTML, escaping
// everything else.
func markdownHTML(md string) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.Trim(para, "\n"), "\n")
		if len(lines) == 1 && strings.TrimSpace(lines[0]) == "" {
			continue
		}
		inList := false
		b.WriteString("<p>")
		for i, line := range lines {
			item, isItem := strings.CutPrefix(line, "- ")
			switch {
			case isItem && !inList:
				b.WriteString("</p><ul><li>")
				inList = true
			case isItem:
				b.WriteString("</li><li>")
			case inList:
				b.WriteString("</li></ul><p>")
				inList = false
			case i > 0:
				b.WriteString("<br>")
			}
			if isItem {
				line = item
			}
			b.WriteString(boldHTML(line))
		}
		if inList {
			b.WriteString("</li></ul><p>")
		}
		b.WriteString("</p>")
	}
	return template.HTML(strings.ReplaceAll(b.String(), "<p></p>", ""))
}

func boldHTML(line string) string {
	parts := strings.Split(line, "**")
	var b strings.Builder
	for i, p := range parts {
		open := i%2 == 1 && i < len(parts)-1
		if open {
			b.WriteString("<strong>")
		} else if i > 0 && i%2 == 1 {
			b.WriteString("**")
		}
		b.WriteString(template.HTMLEscapeString(p))
		if open {
			b.WriteString("</strong>")
		}
	}
	return b.String()
}
