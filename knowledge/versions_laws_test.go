package knowledge

import (
	"path/filepath"
	"testing"

	"rongcuo/internal/sharedcorpus"
)

// The two versions of 监察法 in the law collection are linked when loaded,
// and the renumbering of 监察法 in the shipped knowledge base is what they
// give, article by article: read from the texts, never guessed.
func TestJCFRenumberingComesFromTheLawTexts(t *testing.T) {
	laws, _ := LoadDir(filepath.Join(sharedcorpus.LawsDir(t), "宪法相关法"))
	old, cur := laws.Document("监察法(2018-03-20)"), laws.Document("监察法(2024-12-25)")
	if old == nil || cur == nil {
		t.Fatal("the collection lacks a version of 监察法")
	}
	if old.Status != StatusAmended || old.SupersededBy != cur.ID || cur.Supersedes != old.ID || laws.Current(old) != cur {
		t.Errorf("versions not linked: 2018 %s → %q, 2024 ← %q", old.Status, old.SupersededBy, cur.Supersedes)
	}
	want := formatRenumbered(cur.Renumbered)
	if got := formatRenumbered(corpusKB(t).Document("jcf-2024").Renumbered); got != want || want == "" {
		t.Errorf("jcf-2024 renumbered:\n%s\nthe law texts give:\n%s", got, want)
	}
	if r, ok := cur.RenumberedFrom(49, 0); !ok || r.New != "第五十六条" {
		t.Errorf("2018 第四十九条 → %+v %v", r, ok)
	}
	if kp, p := corpusKB(t).Provision("jcf-2024#56"), findProvision(cur, "第五十六条"); kp == nil || p == nil || kp.Text != p.Text {
		t.Error("jcf-2024#56 differs from the collection")
	}
	// 民法典 is filed as one file per part, all of one date: parts, not versions.
	all, _ := LoadDir(filepath.Join(sharedcorpus.LawsDir(t), "民法典"))
	for _, d := range all.Documents {
		if d.SupersededBy != "" || d.Supersedes != "" {
			t.Errorf("%s linked as a version (%q / %q)", d.ID, d.Supersedes, d.SupersededBy)
		}
	}
}

// BenchmarkLinkLawVersions measures linking the versions of the whole law
// collection (about 80 pairs), renumbering included.
func BenchmarkLinkLawVersions(b *testing.B) {
	kb, _ := LoadDir(sharedcorpus.LawsDir(b))
	for b.Loop() {
		for _, d := range kb.Documents {
			d.Supersedes, d.SupersededBy, d.Renumbered = "", "", nil
		}
		LinkLawVersions(kb.Documents)
	}
}
