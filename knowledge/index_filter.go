package knowledge

import (
	"slices"
	"strings"
)

// provisionFilter returns which provisions a search may return, or nil when
// the options filter nothing.
func (ix *Index) provisionFilter(opt SearchOptions) func(uint32) bool {
	if len(opt.Levels) == 0 && len(opt.Statuses) == 0 && strings.TrimSpace(opt.Region) == "" {
		return nil
	}
	region := regionKey(opt.Region)
	ok := make([]bool, len(ix.kb.Documents))
	for i, d := range ix.kb.Documents {
		ok[i] = (len(opt.Levels) == 0 || slices.Contains(opt.Levels, d.Level)) &&
			(len(opt.Statuses) == 0 || slices.Contains(opt.Statuses, d.Status)) &&
			regionApplies(region, d.Region)
	}
	return func(p uint32) bool { return ok[ix.provDoc[p]] }
}

// caseFilter returns which cases a search may return, or nil when the
// options filter nothing.
func (ix *Index) caseFilter(opt SearchOptions) func(uint32) bool {
	if len(opt.Fields) == 0 && len(opt.Outcomes) == 0 && strings.TrimSpace(opt.Region) == "" {
		return nil
	}
	region := regionKey(opt.Region)
	ok := make([]bool, len(ix.caseList))
	for i, c := range ix.caseList {
		ok[i] = (len(opt.Fields) == 0 || slices.Contains(opt.Fields, c.Field)) &&
			(len(opt.Outcomes) == 0 || slices.Contains(opt.Outcomes, c.Outcome)) &&
			regionApplies(region, c.Region)
	}
	return func(c uint32) bool { return ok[c] }
}

// regionSuffixes are dropped from region names before comparing, longest
// first, so 广西壮族自治区 and 广西 name the same place.
var regionSuffixes = []string{
	"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "省", "市", "县", "区",
}

// regionKey normalizes a region name for comparison; "" means no region.
func regionKey(s string) string {
	s = strings.ReplaceAll(Normalize(s), " ", "")
	for _, suf := range regionSuffixes {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			return t
		}
	}
	return s
}

// regionApplies reports whether something of region have (a document's or a
// case's) applies under the query region key want.
func regionApplies(want, have string) bool {
	if want == "" {
		return true
	}
	h := regionKey(have)
	if h == "" || h == "全国" || h == "中央" {
		return true
	}
	return within(want, h) || within(h, want)
}

// within reports whether the place named a lies within or is the place named
// b, by name: 浙江杭州 and 浙江省杭州 lie within 浙江. One-character names are
// too ambiguous to match inside another.
func within(a, b string) bool {
	return a == b || (len([]rune(b)) >= 2 && strings.Contains(a, b))
}
