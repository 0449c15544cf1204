package knowledge

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestVersionMetadataOfTheCorpus(t *testing.T) {
	kb := corpusKB(t)
	for id, want := range map[string]struct{ supersedes, renumbered string }{
		// From the law texts (TestJCFRenumberingComesFromTheLawTexts checks it).
		"jcf-2024": {"中华人民共和国监察法（2018年）", ""},
		// What the policy facts state: 问责条例 2016 第七条 (问责方式) is the
		// 2019 第八条; 纪律处分条例 2018 第二十二条 is the 2023 第二十三条.
		"wzcl-2019": {"中国共产党问责条例（2016年）", "第七条=第八条"},
		"jlcf-2023": {"中国共产党纪律处分条例（2018年）", "第二十二条=第二十三条"},
	} {
		d := kb.Document(id)
		if d == nil {
			t.Fatalf("no %s", id)
		}
		if d.Supersedes != want.supersedes || want.renumbered != "" && formatRenumbered(d.Renumbered) != want.renumbered || d.Amended == "" || !d.InForce() {
			t.Errorf("%s: supersedes %q, renumbered %q, amended %q", id, d.Supersedes, formatRenumbered(d.Renumbered), d.Amended)
		}
		// Provisions inherit their document's dates.
		if p := d.Provisions[0]; p.Effective() != d.Effective || p.Supersedes() != d.Supersedes || p.Amended() != d.Amended || !p.InForce() {
			t.Errorf("%s: provision does not inherit its document's versions", p.ID)
		}
	}
	if r, ok := kb.Document("jcf-2024").RenumberedFrom(49, 0); !ok || r.New != "第五十六条" || r.NewNum != 56 {
		t.Errorf("监察法 2018 第四十九条: %+v %v", r, ok)
	}
}

// Versions of one law among plain law files are linked when they load;
// parts of one code, and the same file filed twice, are not.
func TestLawVersionsLinkedAtLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"宪法相关法/某法(2010-01-01).md": {Data: []byte("# 中华人民共和国某法\n\n<!-- INFO END -->\n\n第一条 为了规范某事，制定本法。\n\n第二条 当事人对处理决定不服的，可以在一个月内申请复审。\n")},
		"宪法相关法/某法(2020-06-01).md": {Data: []byte("# 中华人民共和国某法\n\n<!-- INFO END -->\n\n第一条 为了规范某事，制定本法。\n\n第二条 新增的一条规定，与旧法无关的内容在这里。\n\n第三条 当事人对处理决定不服的，可以在一个月内申请复审。\n")},
		"宪法相关法/另法(2020-06-01).md": {Data: []byte("# 中华人民共和国另法\n\n<!-- INFO END -->\n\n第一条 另一部法律。\n")},
	}
	kb, problems := LoadFS(fsys, ".")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	old, cur, other := kb.Document("某法(2010-01-01)"), kb.Document("某法(2020-06-01)"), kb.Document("另法(2020-06-01)")
	if old.Status != StatusAmended || old.SupersededBy != cur.ID || cur.Supersedes != old.ID || other.Supersedes != "" || other.SupersededBy != "" {
		t.Fatalf("links: old %s→%q, cur ←%q, other %q/%q", old.Status, old.SupersededBy, cur.Supersedes, other.Supersedes, other.SupersededBy)
	}
	if got := formatRenumbered(cur.Renumbered); got != "第二条=第三条" {
		t.Errorf("renumbered %q, want 第二条=第三条", got)
	}
	if kb.Current(old) != cur || kb.Predecessor(cur) != old || len(kb.Versions(old)) != 2 || old.InForce() || !cur.InForce() {
		t.Error("chain")
	}
	for date, want := range map[string][2]bool{"2015": {true, false}, "2020-05": {true, false}, "2020-07-01": {false, true}, "2020": {true, true}, "2009": {false, false}} {
		if got := [2]bool{kb.InForceOn(old, date), kb.InForceOn(cur, date)}; got != want {
			t.Errorf("in force on %s: old %v, new %v; want %v", date, got[0], got[1], want)
		}
	}
	// Written and read back, the links stay.
	d, _, _ := ParseFile("x.md", FormatDocument(cur))
	if d == nil || d.Supersedes != old.ID || formatRenumbered(d.Renumbered) != "第二条=第三条" {
		t.Errorf("round trip: %+v", d)
	}
	d, _, _ = ParseFile("y.md", FormatDocument(old))
	if d == nil || d.SupersededBy != cur.ID || d.Status != StatusAmended {
		t.Errorf("round trip of the old version: %+v", d)
	}
}

func TestVerifiedParagraphs(t *testing.T) {
	kb := corpusKB(t)
	p := kb.Provision("jlcf-2023#19")
	const para3 = "党员行为虽然造成损失或者后果，但不是出于故意或者过失，而是由于不可抗力等原因所引起的，不追究党纪责任。"
	if p == nil || p.Verified || !slices.Equal(p.VerifiedParas, []int{3}) || p.Paragraphs()[2] != para3 {
		t.Fatalf("jlcf-2023#19: verified %v, paragraphs %v", p.Verified, p.VerifiedParas)
	}
	if !p.QuoteVerified("不可抗力等原因所引起的，不追究党纪责任") || p.QuoteVerified("免予党纪处分") || p.ParaVerified(1) || !p.ParaVerified(3) {
		t.Error("only the third paragraph may be quoted")
	}
	if p.ParaLabel(3) != "第十九条第三款" {
		t.Errorf("label %s", p.ParaLabel(3))
	}
	// Written back and read again, the paragraph stays verified.
	d, _, problems := ParseFile("x.md", FormatDocument(p.Doc))
	if d == nil || !slices.Equal(d.Provisions[findIndex(d, "第十九条")].VerifiedParas, []int{3}) {
		t.Errorf("round trip lost the verified paragraph: %v", problems)
	}
}

func findIndex(d *Document, article string) int {
	for i, p := range d.Provisions {
		if p.Article == article {
			return i
		}
	}
	return -1
}

func TestVersionFieldProblems(t *testing.T) {
	doc := func(extra string) string {
		return "---\nid: d\nkind: document\ntitle: 某条例\nlevel: 党内法规\nstatus: 现行\nverification: verified\n" + extra + "---\n第一条 某规定。\n\n第二条 第一款。\n\n第二款。\n"
	}
	for _, c := range []struct{ name, extra, want string }{
		{"superseded yet current", "superseded_by: e\n", "已被取代的文件 status 不能是现行"},
		{"repealed yet current", "repealed: 2020\n", "status 应为失效"},
		{"bad renumbering", "supersedes: c\nrenumbered: 第一条-第二条\n", "第N条=第M条"},
		{"renumbered without supersedes", "renumbered: 第一条=第二条\n", "须用 supersedes"},
		{"bad date", "amended: 2020-13\n", "amended 的值“2020-13”无效"},
		{"paragraph out of range", "unverified: 第二条\nverified_paragraphs: 第二条第三款\n", "第二条只有 2 段"},
		{"paragraph of no article", "verified_paragraphs: 第九条第一款\n", "不是本文件的条文"},
		{"checked against", "checked_against: 网上\n", "checked_against 的值“网上”无效"},
	} {
		d, _, problems := ParseFile("d.md", []byte(doc(c.extra)))
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, p.Msg)
		}
		if d != nil || !strings.Contains(strings.Join(msgs, "；"), c.want) {
			t.Errorf("%s: doc %v, problems %v; want %q", c.name, d != nil, msgs, c.want)
		}
	}
	d, _, problems := ParseFile("d.md", []byte(doc("unverified: 第二条\nverified_paragraphs: 第二条第二款\nsupersedes: 某条例（2010年）\nrenumbered: 第三条=第二条\n")))
	if d == nil || !slices.Equal(d.Provisions[1].VerifiedParas, []int{2}) || d.Supersedes != "某条例（2010年）" || len(d.Renumbered) != 1 {
		t.Errorf("valid fields: %v %+v", problems, d)
	}
}

func TestCorpusSaysWhatVerifiedWordingWasCheckedAgainst(t *testing.T) {
	for _, d := range corpusKB(t).Documents {
		if d.Verification == Verified && d.CheckedAgainst == "" {
			t.Errorf("%s is verified but does not say against what (checked_against)", d.ID)
		}
	}
}

func TestFormatNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 17: "十七", 20: "二十", 56: "五十六", 100: "一百", 105: "一百零五", 110: "一百一十", 1260: "一千二百六十", 1005: "一千零五", 2000: "二千"} {
		if got := FormatNumeral(n); got != want {
			t.Errorf("FormatNumeral(%d) = %s, want %s", n, got, want)
		}
		if back, ok := ParseNumeral(FormatNumeral(n)); !ok || back != n {
			t.Errorf("ParseNumeral(FormatNumeral(%d)) = %d %v", n, back, ok)
		}
	}
	if ArticleLabel(17, 1) != "第十七条之一" {
		t.Error(ArticleLabel(17, 1))
	}
}

func TestArticleRefs(t *testing.T) {
	ix := NewIndex(corpusKB(t))
	refs := ix.ArticleRefs("监察法第四十九条规定的复审期限是多久")
	if len(refs) != 1 || refs[0].Number != 49 || len(refs[0].Docs) == 0 || refs[0].Docs[0].ID != "jcf-2024" || refs[0].Label() != "第四十九条" {
		t.Errorf("refs %+v", refs)
	}
}
