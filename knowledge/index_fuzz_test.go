package knowledge

import (
	"testing"
	"unicode/utf8"
)

// FuzzQuery feeds arbitrary text to the normalizer, the tokenizer and both
// searches: nothing may panic, normalization must be stable, and hits must
// come best first within the limit.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"问责条例第十七条", "問責條例第十七條之一", "《中国共产党问责条例》（2019）的第二十一条第一款",
		"第第第条条", "第一百零二条之", "ＰＰＰ项目😀\x00\n", "内容错误容错率不作为证据", "出国 购物卡 兼职",
		"\xff\xfe第", "", " ",
	} {
		f.Add(s, 3)
	}
	ix := ixFixture()
	f.Fuzz(func(t *testing.T, q string, limit int) {
		n := Normalize(q)
		if Normalize(n) != n {
			t.Errorf("Normalize is not stable on %q: %q then %q", q, n, Normalize(n))
		}
		if utf8.ValidString(q) && !utf8.ValidString(n) {
			t.Errorf("Normalize(%q) = %q is not valid UTF-8", q, n)
		}
		Tokenize(q)
		limit = limit%40 - 5 // include zero and negative limits
		want := limit
		if want <= 0 {
			want = defaultLimit
		}
		for _, nofloor := range []bool{false, true} {
			hits := ix.Provisions(q, SearchOptions{Limit: limit, NoFloor: nofloor})
			if len(hits) > want {
				t.Errorf("%d provisions for limit %d", len(hits), limit)
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].Score > hits[i-1].Score {
					t.Errorf("provisions out of order for %q", q)
				}
			}
			cases := ix.Cases(q, SearchOptions{Limit: limit, NoFloor: nofloor})
			if len(cases) > want {
				t.Errorf("%d cases for limit %d", len(cases), limit)
			}
		}
	})
}
