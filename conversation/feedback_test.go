package conversation

import (
	"fmt"
	"testing"
	"time"
)

func TestPendingReasonWindow(t *testing.T) {
	now := time.Now()
	v := pendingValue("abcdefgh", 42, now)
	if ans, ok := parsePending(v, 42, now.Add(time.Minute)); !ok || ans != "abcdefgh" {
		t.Errorf("fresh: %q %v", ans, ok)
	}
	if _, ok := parsePending(v, 43, now); ok {
		t.Error("another user's 👎 must not take this user's message")
	}
	if _, ok := parsePending(v, 42, now.Add(reasonWindow+time.Second)); ok {
		t.Error("an old 👎 must not take a new question as its reason")
	}
	for _, bad := range []string{"", "x|1|2", "abcdefgh|x|1", "abcdefgh|42", "abcdefgh|42|y", fmt.Sprintf("abcdefgh|42x|%d", now.Unix()),
		fmt.Sprintf("abcdefgh|42|%d|1", now.Unix())} {
		if _, ok := parsePending(bad, 42, now); ok {
			t.Errorf("parsePending(%q) accepted", bad)
		}
	}
}

func FuzzParsePending(f *testing.F) {
	for _, s := range []string{"abcdefgh|42|1700000000", "x|1|2", "|||", "abcdefgh|-1|0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ans, ok := parsePending(s, 42, time.Unix(1700000000, 0)); ok && !IsAnswerID(ans) {
			t.Fatalf("parsePending(%q) took %q", s, ans)
		}
	})
}
