package hanzi

import "testing"

func TestSimplified(t *testing.T) {
	for in, want := range map[rune]rune{'問': '问', '責': '责', '條': '条', '黨': '党', '幹': '干', '煩': '烦', '问': '问', 'a': 'a', '，': '，'} {
		if got := Simplified(in); got != want {
			t.Errorf("Simplified(%c) = %c, want %c", in, got, want)
		}
	}
}

func TestTableIsSane(t *testing.T) {
	n := 0
	Pairs(func(trad, simp rune) {
		n++
		if Simplified(trad) != simp {
			t.Errorf("%c: Simplified gives %c, the table says %c", trad, Simplified(trad), simp)
		}
	})
	if n < 500 || n > 4000 {
		t.Fatalf("table has %d pairs, want a few hundred to a few thousand", n)
	}
}
