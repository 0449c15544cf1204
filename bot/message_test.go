package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseCommand(t *testing.T) {
	cases := []struct {
		text, cmd, args string
		isCmd           bool
	}{
		{"/start", "start", "", true},
		{"/Cases 招商 引资", "cases", "招商 引资", true},
		{"/policy@rongcuo_bot 问责", "policy", "问责", true},
		{"/policy@Other_Bot 问责", "", "", true},
		{"/cases\n招商", "cases", "招商", true},
		{"能容错吗 /start", "", "", false},
	}
	for _, c := range cases {
		cmd, args, isCmd := parseCommand(c.text, "rongcuo_bot")
		if cmd != c.cmd || args != c.args || isCmd != c.isCmd {
			t.Errorf("parseCommand(%q) = %q %q %v", c.text, cmd, args, isCmd)
		}
	}
	if got := stripMention("@RongCuo_Bot 先行先试 @rongcuo_bot", "rongcuo_bot"); got != "先行先试" {
		t.Errorf("stripMention = %q", got)
	}
}

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

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start", "/a@b c", "/\n", "/@", "@bot x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cmd, _, isCmd := parseCommand(s, "rongcuo_bot")
		if cmd != "" && (!isCmd || strings.ContainsAny(cmd, " \n@")) {
			t.Fatalf("parseCommand(%q) = %q", s, cmd)
		}
		stripMention(s, "rongcuo_bot")
		parsePending(s, 1, time.Now())
	})
}
