package bot

import (
	"strings"
	"testing"
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
	})
}
