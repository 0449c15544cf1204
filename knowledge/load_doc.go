package knowledge

import (
	"fmt"
	"strings"
)

// documentKeys are the front-matter keys a document's fields take; any other
// key (note, adopted, …) is kept in Document.Extra.
var documentKeys = map[string]bool{
	"id": true, "kind": true, "title": true, "short": true, "issuer": true, "number": true,
	"level": true, "effective": true, "status": true, "region": true, "source": true,
	"verification": true, "unverified": true, "excerpt": true, "verified_paragraphs": true, "checked_against": true,
	"amended": true, "repealed": true, "supersedes": true, "superseded_by": true, "renumbered": true,
}

// parseDocument builds a document from a front-matter file. body holds the
// lines after the front matter; bodyLine is the file line of body[0].
func parseDocument(file string, fm *frontMatter, body []string, bodyLine int) fileResult {
	var res fileResult
	res.problems = append(res.problems, fm.require(file, "id", "kind", "title", "level", "status", "verification")...)
	res.problems = append(res.problems, fm.id(file)...)
	res.problems = append(res.problems, fm.oneOf(file, "level", Levels)...)
	res.problems = append(res.problems, fm.oneOf(file, "status", Statuses)...)
	res.problems = append(res.problems, fm.oneOf(file, "verification", verifications)...)
	res.problems = append(res.problems, fm.date(file, "effective")...)
	if v := fm.get("checked_against"); v != "" && v != CheckedReprint && v != CheckedOfficial {
		res.problems = append(res.problems, Problem{file, fm.line("checked_against"), fmt.Sprintf("checked_against 的值“%s”无效，允许的值：%s、%s", v, CheckedReprint, CheckedOfficial)})
	}
	excerpt, ps := fm.boolean(file, "excerpt")
	res.problems = append(res.problems, ps...)

	d := &Document{
		ID:           fm.get("id"),
		Title:        strings.Trim(fm.get("title"), "《》"),
		Short:        strings.Trim(fm.get("short"), "《》"),
		Issuer:       fm.get("issuer"),
		Number:       fm.get("number"),
		Level:        fm.get("level"),
		Effective:    fm.get("effective"),
		Status:       fm.get("status"),
		Region:       fm.get("region"),
		Source:       fm.get("source"),
		Verification: fm.get("verification"),
		File:         file,

		CheckedAgainst: fm.get("checked_against"),
		Amended:        fm.get("amended"),
		Repealed:       fm.get("repealed"),
		Supersedes:     fm.get("supersedes"),
		SupersededBy:   fm.get("superseded_by"),
	}
	res.problems = append(res.problems, versionProblems(file, fm, d)...)
	if d.Short == "" {
		d.Short = shortTitle(d.Title)
	}
	for _, k := range fm.keys {
		if !documentKeys[k] {
			if d.Extra == nil {
				d.Extra = make(map[string]string)
			}
			d.Extra[k] = fm.get(k)
		}
	}
	if len(res.problems) > 0 {
		return res
	}

	ch := chunkBody(chunkInput{File: file, DocID: d.ID, Title: d.Title, Lines: body, FirstLine: bodyLine, Excerpt: excerpt})
	res.problems = append(res.problems, ch.Problems...)
	res.warnings = append(res.warnings, ch.Warnings...)
	if ch.Orphan > 0 {
		res.warnings = append(res.warnings, Problem{file, ch.Orphan, "这里的文字不属于任何条文，没有收入知识库（条文应以“第X条”开头）"})
	}
	if len(ch.Provisions) == 0 {
		res.problems = append(res.problems, Problem{file, bodyLine, "正文为空：没有条文，也没有“##”小节"})
	}
	d.Provisions = ch.Provisions
	res.problems = append(res.problems, markVerified(file, fm, d)...)
	res.problems = append(res.problems, markVerifiedParas(file, fm, d)...)
	if len(res.problems) == 0 {
		res.doc = d
	}
	return res
}

// markVerified sets Provision.Verified: only a verified document's
// provisions may be quoted, minus the articles its "unverified" key names.
// A name that matches no provision is a problem, since the article it meant
// would otherwise be quoted as verified.
func markVerified(file string, fm *frontMatter, d *Document) []Problem {
	docVerified := d.Verification == Verified
	for _, p := range d.Provisions {
		p.Verified = docVerified
	}
	var problems []Problem
	for _, ref := range splitList(fm.get("unverified")) {
		p := findProvision(d, ref)
		if p == nil {
			problems = append(problems, Problem{file, fm.line("unverified"), fmt.Sprintf("unverified 中的“%s”不是本文件的条文", ref)})
			continue
		}
		p.Verified = false
	}
	return problems
}

// findProvision resolves a reference written in front matter: 第十八条,
// 第17条之一, 18, a section anchor (s2) or a section heading.
func findProvision(d *Document, ref string) *Provision {
	num, sub := 0, 0
	if a, ok := parseArticleLabel(ref); ok && a.Rest == "" {
		num, sub = a.Number, a.Sub
	} else if n, ok := ParseNumeral(ref); ok {
		num = n
	}
	for _, p := range d.Provisions {
		switch {
		case num > 0 && p.Number == num && p.Sub == sub,
			p.ID == d.ID+"#"+ref,
			p.Article == ref:
			return p
		}
	}
	return nil
}

// shortTitle drops the 中华人民共和国 prefix national laws carry.
func shortTitle(title string) string {
	if s := strings.TrimPrefix(title, "中华人民共和国"); s != "" {
		return s
	}
	return title
}
