// Command vulngate reads govulncheck's JSON output (-format json) on stdin
// and decides what fails CI: a vulnerability that the code calls in a
// required module fails it; one in the Go standard library is reported with
// the Go release that fixes it, since only a toolchain change can fix it;
// vulnerabilities in modules the code requires but does not call are listed.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

func main() {
	failed, err := gate(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vulngate:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}

// message is one object of govulncheck's JSON stream; only the parts read
// here are declared.
type message struct {
	Config *struct {
		GoVersion      string `json:"go_version"`
		DB             string `json:"db"`
		DBLastModified string `json:"db_last_modified"`
	} `json:"config"`
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string `json:"osv"`
		FixedVersion string `json:"fixed_version"`
		Trace        []struct {
			Module   string `json:"module"`
			Version  string `json:"version"`
			Package  string `json:"package"`
			Function string `json:"function"`
		} `json:"trace"`
	} `json:"finding"`
}

// vuln is what is known of one vulnerability after the whole stream.
type vuln struct {
	id, summary, module, version, fixed string
	called                              bool // a finding at symbol level: the code reaches the vulnerable function
}

// gate reports the findings read from r on w and whether CI must fail.
func gate(r io.Reader, w io.Writer) (bool, error) {
	dec := json.NewDecoder(r)
	vulns := map[string]*vuln{}
	summaries := map[string]string{}
	goVersion, seenConfig := "", false
	for {
		var m message
		err := dec.Decode(&m)
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, fmt.Errorf("read govulncheck output: %w", err)
		}
		switch {
		case m.Config != nil:
			seenConfig = true
			goVersion = m.Config.GoVersion
			fmt.Fprintf(w, "vulnerability database %s, Go %s\n", m.Config.DB, m.Config.GoVersion)
		case m.OSV != nil:
			summaries[m.OSV.ID] = m.OSV.Summary
		case m.Finding != nil && len(m.Finding.Trace) > 0:
			f, top := m.Finding, m.Finding.Trace[0]
			v := vulns[f.OSV]
			if v == nil {
				v = &vuln{id: f.OSV, module: top.Module, version: top.Version, fixed: f.FixedVersion}
				vulns[f.OSV] = v
			}
			v.called = v.called || top.Function != ""
		}
	}
	if !seenConfig {
		return false, fmt.Errorf("no govulncheck configuration in the input: is it the output of govulncheck -format json?")
	}
	var ids []string
	for id, v := range vulns {
		v.summary = summaries[id]
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var called, std, unused []*vuln
	for _, id := range ids {
		switch v := vulns[id]; {
		case v.module == "stdlib" && v.called:
			std = append(std, v)
		case v.called:
			called = append(called, v)
		default:
			unused = append(unused, v)
		}
	}
	for _, v := range called {
		fmt.Fprintf(w, "FAIL %s in %s@%s, called by this code; fixed in %s: %s\n", v.id, v.module, v.version, orNone(v.fixed), v.summary)
	}
	if len(std) > 0 {
		fixedIn := ""
		for _, v := range std {
			if newer(v.fixed, fixedIn) {
				fixedIn = v.fixed
			}
			fmt.Fprintf(w, "toolchain %s in the standard library of %s, called by this code; fixed in go%s: %s\n", v.id, goVersion, strings.TrimPrefix(v.fixed, "v"), v.summary)
		}
		fmt.Fprintf(w, "toolchain: %d vulnerabilities of the standard library reach this code; building with go%s or later fixes them (a toolchain change, not a change to this repository)\n",
			len(std), strings.TrimPrefix(fixedIn, "v"))
	}
	for _, v := range unused {
		fmt.Fprintf(w, "not called: %s in %s@%s (fixed in %s): %s\n", v.id, v.module, v.version, orNone(v.fixed), v.summary)
	}
	fmt.Fprintf(w, "%d called in required modules (these fail), %d in the standard library, %d not called\n", len(called), len(std), len(unused))
	return len(called) > 0, nil
}

// newer reports whether version a (v1.26.10) is newer than b; an empty b is
// older than anything.
func newer(a, b string) bool {
	pa, pb := strings.Split(strings.TrimPrefix(a, "v"), "."), strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := range max(len(pa), len(pb)) {
		x, y := num(pa, i), num(pb, i)
		if x != y {
			return x > y
		}
	}
	return false
}

func num(parts []string, i int) int {
	if i >= len(parts) {
		return -1
	}
	n, err := strconv.Atoi(parts[i])
	if err != nil {
		return -1
	}
	return n
}

func orNone(s string) string {
	if s == "" {
		return "no release yet"
	}
	return s
}
