package sharedcorpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestInCI(t *testing.T) {
	for v, want := range map[string]bool{"true": true, "1": true, "TRUE": true, "": false, "false": false, "0": false} {
		if got := InCI(func(string) string { return v }); got != want {
			t.Errorf("CI=%q: InCI %v, want %v", v, got, want)
		}
	}
}

// A missing collection is a skip on a developer's machine and a failure in
// CI. Skip and Fatal end the test that calls them, so each case runs in a
// child process: this test binary, told to be the helper.
func TestMissingCollectionFailsInCI(t *testing.T) {
	if dir := os.Getenv("SHAREDCORPUS_HELPER_DIR"); dir != "" {
		need(t, dir, os.Getenv)
		return
	}
	missing := filepath.Join(t.TempDir(), "laws")
	for _, ci := range []string{"", "true"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMissingCollectionFailsInCI$", "-test.v")
		cmd.Env = append(os.Environ(), "SHAREDCORPUS_HELPER_DIR="+missing, "CI="+ci)
		out, err := cmd.CombinedOutput()
		switch {
		case ci == "" && (err != nil || !strings.Contains(string(out), "--- SKIP")):
			t.Errorf("outside CI a missing collection must skip: %v\n%s", err, out)
		case ci == "true" && (err == nil || !strings.Contains(string(out), "--- FAIL")):
			t.Errorf("in CI a missing collection must fail: %v\n%s", err, out)
		}
	}
	if got := need(t, t.TempDir(), func(string) string { return "true" }); got == "" {
		t.Error("an existing folder must be returned")
	}
}
