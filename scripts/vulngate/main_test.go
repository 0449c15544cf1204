package main

import (
	"strings"
	"testing"
)

// A govulncheck stream cut down to what gate reads: a stdlib vulnerability
// the code calls, one in a required module that it calls, and one in a
// required module that it does not call (found at module level only).
const stream = `{"config":{"go_version":"go1.26.8","db":"file:///db"}}
{"osv":{"id":"GO-1","summary":"net/http loops"}}
{"osv":{"id":"GO-2","summary":"pdf panics"}}
{"osv":{"id":"GO-3","summary":"precis panics"}}
{"finding":{"osv":"GO-1","fixed_version":"v1.26.9","trace":[{"module":"stdlib","version":"v1.26.8","package":"net/http"}]}}
{"finding":{"osv":"GO-1","fixed_version":"v1.26.9","trace":[{"module":"stdlib","version":"v1.26.8","package":"net/http","function":"Do"},{"module":"rongcuo","function":"main"}]}}
{"finding":{"osv":"GO-2","fixed_version":"v0.2.0","trace":[{"module":"example.org/pdf","version":"v0.1.0","package":"example.org/pdf","function":"Open"}]}}
{"finding":{"osv":"GO-3","fixed_version":"v0.41.0","trace":[{"module":"golang.org/x/text","version":"v0.31.0"}]}}
`

func TestGateFailsOnlyOnCalledModuleVulnerabilities(t *testing.T) {
	var out strings.Builder
	failed, err := gate(strings.NewReader(stream), &out)
	if err != nil || !failed {
		t.Fatalf("failed=%v err=%v, want a failure for GO-2\n%s", failed, err, out.String())
	}
	for _, want := range []string{
		"FAIL GO-2 in example.org/pdf@v0.1.0, called by this code; fixed in v0.2.0: pdf panics",
		"toolchain GO-1 in the standard library of go1.26.8",
		"building with go1.26.9 or later",
		"not called: GO-3 in golang.org/x/text@v0.31.0",
		"1 called in required modules (these fail), 1 in the standard library, 1 not called",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	// Without GO-2 only the toolchain is left: reported, not failed.
	var kept []string
	for _, l := range strings.Split(stream, "\n") {
		if !strings.Contains(l, `"GO-2"`) {
			kept = append(kept, l)
		}
	}
	out.Reset()
	if failed, err := gate(strings.NewReader(strings.Join(kept, "\n")), &out); err != nil || failed {
		t.Errorf("stdlib and uncalled findings alone: failed=%v err=%v\n%s", failed, err, out.String())
	}
}

func TestGateRefusesWhatIsNotGovulncheckOutput(t *testing.T) {
	for _, in := range []string{"", "not json", `{"finding":{"osv":"GO-1"}}`} {
		if _, err := gate(strings.NewReader(in), &strings.Builder{}); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestNewer(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"v1.26.10", "v1.26.9", true}, {"v1.26.9", "v1.26.10", false}, {"v1.26.9", "", true}, {"v1.27.0", "v1.26.99", true}, {"v1.26.9", "v1.26.9", false}} {
		if got := newer(c.a, c.b); got != c.want {
			t.Errorf("newer(%s, %s) = %v", c.a, c.b, got)
		}
	}
}
