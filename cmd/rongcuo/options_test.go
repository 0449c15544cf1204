package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// A bad setting stops a command when its settings are read: one English
// line naming the setting, exit status 2, before anything is connected to.
// REDIS_URL points where nothing answers, so a check that came after the
// connection would report Redis instead.
func TestBadSettingsFailAtParse(t *testing.T) {
	good := map[string]string{
		"TELEGRAM_BOT_TOKEN": testToken, "RONGCUO_USER_SECRET": testSecret, "REDIS_URL": "redis://127.0.0.1:1/0",
	}
	cases := []struct {
		cmd, key, value, want string
	}{
		{"serve", "TELEGRAM_BOT_TOKEN", "", "TELEGRAM_BOT_TOKEN"},
		{"serve", "RONGCUO_USER_SECRET", "short", "at least 16 characters"},
		{"web", "RONGCUO_USER_SECRET", "", "RONGCUO_USER_SECRET"},
		{"serve", "RONGCUO_ADMINS", "12,abc", `RONGCUO_ADMINS: "abc" is not a Telegram user id`},
		{"web", "RONGCUO_STAFF", "-3", `RONGCUO_STAFF: "-3" is not a Telegram user id`},
		{"serve", "RONGCUO_ACCESS", "closed", `access "closed": want open, allowlist or approval`},
		{"serve", "RONGCUO_MODE", "push", `mode "push": want polling or webhook`},
		{"serve", "RONGCUO_MODE", "webhook", "webhook mode needs a webhook URL"},
		{"serve", "RONGCUO_RETENTION", "-1h", "RONGCUO_RETENTION must be a positive duration"},
		{"serve", "RONGCUO_MAX_UPLOAD_MB", "0", "RONGCUO_MAX_UPLOAD_MB must be at least 1"},
		{"serve", "RONGCUO_LOG_LEVEL", "loud", `log level "loud"`},
		{"web", "RONGCUO_LOG_FORMAT", "xml", `log format "xml": want text or json`},
		{"serve", "RONGCUO_HISTORY_TURNS", "many", "not a whole number"},
		{"serve", "OPENAI_STRUCTURED", "xml", `structured output mode "xml" is not auto, schema or tool`},
		{"web", "OPENAI_BASE_URL", "ftp://example", "is not an http(s) URL"},
		{"ask", "OPENAI_STRUCTURED", "xml", `structured output mode "xml"`},
		{"chat", "OPENAI_BASE_URL", "nowhere", "is not an http(s) URL"},
		{"eval", "OPENAI_STRUCTURED", "xml", `structured output mode "xml"`},
	}
	for _, c := range cases {
		t.Run(c.cmd+" "+c.key+"="+c.value, func(t *testing.T) {
			vars := map[string]string{}
			for k, v := range good {
				vars[k] = v
			}
			if strings.HasPrefix(c.key, "OPENAI_") {
				vars["OPENAI_API_KEY"], vars["OPENAI_MODEL"] = "sk-test", "test-model"
			}
			vars[c.key] = c.value
			var stdout, stderr bytes.Buffer
			e := env{getenv: func(k string) string { return vars[k] }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
			var err error
			switch c.cmd {
			case "serve", "web":
				_, err = parseServe(c.cmd, nil, e)
			case "ask":
				err = runAsk(t.Context(), e, &globalOptions{}, []string{"什么是三个区分开来"})
			case "chat":
				err = runChat(t.Context(), e, &globalOptions{}, nil)
			case "eval":
				err = runEval(t.Context(), e, &globalOptions{}, []string{"--quiet"})
			}
			var u usageError
			if !errors.As(err, &u) {
				t.Fatalf("error %v (%T), want a usage error", err, err)
			}
			msg := u.Error()
			if !strings.Contains(msg, c.want) || !strings.HasPrefix(msg, c.cmd+": ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line starting %q and mentioning %q", msg, c.cmd+": ", c.want)
			}
			if stderr.Len() > 0 || stdout.Len() > 0 {
				t.Errorf("the command ran before the setting was checked; stdout %q, stderr %q", stdout.String(), stderr.String())
			}
			if strings.Contains(msg, "sk-test") || strings.Contains(msg, "TEST-TOKEN") {
				t.Errorf("a secret in the error: %q", msg)
			}
		})
	}

	// Offline, the model settings are not read, so they cannot stop a command.
	_, _, err := runCLI(t, map[string]string{"OPENAI_STRUCTURED": "xml"}, "", "ask", "什么是三个区分开来")
	if err != nil {
		t.Errorf("offline ask with an unused bad model setting: %v", err)
	}
}

func TestKBImportRefusesBadDefaultsInEnglish(t *testing.T) {
	_, _, err := runCLI(t, nil, "", "kb", "import", "--dry-run", "--verification", "yes", "x.md")
	var u usageError
	if !errors.As(err, &u) {
		t.Fatalf("error %v, want a usage error", err)
	}
	if want := `rongcuo kb import: invalid verification "yes": want verified, partial, unverified`; u.Error() != want {
		t.Errorf("error %q, want %q", u.Error(), want)
	}
}
