package advisor

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// The provision that governs what a cadre faces is cited first: which system
// applies to the person (Party discipline, government sanctions,
// accountability, the civil service, a state enterprise, research) and what
// they ask (a consequence, a period, an appeal, mitigation) select it, by the
// table in governing.tsv. Retrieval fills what the table leaves.

//go:embed governing.tsv
var governingTSV string

type govRule struct {
	intent, verdict string
	refusal         string // why a refused question was refused (falsify, privacy, dictate)
	negative        []string
	notNegative     []string
	concern         []string
	facts           map[string]assess.Status
	cues, notCues   []string
	cite            []string
}

type governingTable struct {
	cues  map[string]guarded
	rules []govRule
	// set holds the cues, read from a text in one pass; cueAt is each
	// cue's index in it.
	set   *guardSet
	cueAt map[string]int
}

var governing = mustGoverning(governingTSV)

func mustGoverning(tsv string) *governingTable {
	g, err := parseGoverning(tsv)
	if err != nil {
		panic("advisor: governing.tsv: " + err.Error()) // embedded data is part of the program
	}
	return g
}

func parseGoverning(tsv string) (*governingTable, error) {
	g := &governingTable{cues: map[string]guarded{}}
	for n, line := range strings.Split(tsv, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("line %d: %d fields, want 4", n+1, len(f))
		}
		switch f[0] {
		case "cue":
			if _, err := regexp.Compile(f[2]); err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			g.cues[f[1]] = mustGuard(f[2])
		case "rule":
			r := govRule{facts: map[string]assess.Status{}, cite: strings.Fields(f[2])}
			for _, c := range strings.Fields(f[1]) {
				k, v, _ := strings.Cut(c, "=")
				switch k {
				case "intent":
					r.intent = v
				case "verdict":
					r.verdict = v
				case "refusal":
					r.refusal = v
				case "negative":
					r.negative = append(r.negative, v)
				case "!negative":
					r.notNegative = append(r.notNegative, v)
				case "concern":
					r.concern = append(r.concern, v)
				case "fact":
					key, st, _ := strings.Cut(v, ":")
					r.facts[key] = assess.Status(st)
				case "cue":
					r.cues = append(r.cues, v)
				case "!cue":
					r.notCues = append(r.notCues, v)
				default:
					return nil, fmt.Errorf("line %d: unknown condition %q", n+1, c)
				}
			}
			for _, c := range append(append([]string(nil), r.cues...), r.notCues...) {
				if _, ok := g.cues[c]; !ok {
					return nil, fmt.Errorf("line %d: unknown cue %q", n+1, c)
				}
			}
			g.rules = append(g.rules, r)
		default:
			return nil, fmt.Errorf("line %d: %q is neither cue nor rule", n+1, f[0])
		}
	}
	var cues []guarded
	g.cueAt = map[string]int{}
	for name, c := range g.cues {
		g.cueAt[name] = len(cues)
		cues = append(cues, c)
	}
	g.set = newGuardSet(cues)
	return g, nil
}

// Rules returns every provision id the table may cite, for a test that
// checks them against the knowledge base.
func GoverningIDs() []string {
	var out []string
	for _, r := range governing.rules {
		out = append(out, r.cite...)
	}
	return out
}

// provisions returns the governing provisions for a reading, in order,
// without repeats, those the knowledge base holds.
func (g *governingTable) provisions(kb *knowledge.KB, r *Reading) []*knowledge.Provision {
	matched := map[string]bool{}
	var text *setScan
	cue := func(name string) bool {
		v, ok := matched[name]
		if !ok {
			if text == nil {
				text = g.set.scan(r.norm)
			}
			v = text.match(g.cueAt[name])
			matched[name] = v
		}
		return v
	}
	negative, open := map[string]bool{}, map[string]bool{}
	for _, c := range r.Assessment.Negative {
		negative[c.Key] = true
	}
	for _, c := range r.Assessment.Conflicting {
		open[c.Key] = true
	}
	var out []*knowledge.Provision
	seen := map[string]bool{}
rules:
	for _, rule := range g.rules {
		if rule.intent != "" && rule.intent != string(r.Intent) {
			continue
		}
		if rule.verdict != "" && rule.verdict != string(r.Assessment.Verdict) {
			continue
		}
		if rule.refusal != "" && rule.refusal != r.refusal {
			continue
		}
		for _, k := range rule.negative {
			if !negative[k] {
				continue rules
			}
		}
		for _, k := range rule.notNegative {
			if negative[k] {
				continue rules
			}
		}
		for _, k := range rule.concern {
			if !negative[k] && !open[k] {
				continue rules
			}
		}
		for k, st := range rule.facts {
			if r.Facts[k].Status != st {
				continue rules
			}
		}
		for _, c := range rule.cues {
			if !cue(c) {
				continue rules
			}
		}
		for _, c := range rule.notCues {
			if cue(c) {
				continue rules
			}
		}
		for _, id := range rule.cite {
			if seen[id] {
				continue
			}
			seen[id] = true
			if p := kb.Provision(id); p != nil && p.Doc != nil && p.Doc.Status == knowledge.StatusCurrent {
				out = append(out, p)
			}
		}
	}
	return out
}
