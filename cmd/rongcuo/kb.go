package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"rongcuo/internal/clip"
	"rongcuo/internal/terminal"
	"rongcuo/knowledge"
)

const kbUsage = `usage: rongcuo kb list
       rongcuo kb show ID
       rongcuo kb search [--json] [--limit N] [QUERY]   (no QUERY: one query per line on stdin)
       rongcuo kb import [--dry-run] [--yes] [--force] [--by NAME] [--verification V] [--level L] [--region R] [--issuer I] [--status S] [--effective D] PATH...
       rongcuo kb export DIR
       rongcuo kb retire [--yes] [--by NAME] ID
       rongcuo kb history ID
       rongcuo kb diff ID V1 V2
       rongcuo kb status

With REDIS_URL set every command works on the live knowledge base in Redis
(seeded from the embedded corpus, or --kb DIR, when empty); without it, on
the embedded corpus or the --kb files. import, retire, history, diff and
status need REDIS_URL; import --dry-run and export work without it.
Every subcommand takes -h for its flags.`

func runKB(ctx context.Context, e env, g *globalOptions, args []string) error {
	if len(args) == 0 {
		return usagef("%s", kbUsage)
	}
	switch args[0] {
	case "list":
		return kbList(ctx, e, g, args[1:])
	case "show":
		return kbShow(ctx, e, g, args[1:])
	case "search":
		return kbSearch(ctx, e, g, args[1:])
	case "import":
		return kbImport(ctx, e, g, args[1:])
	case "export":
		return kbExport(ctx, e, g, args[1:])
	case "retire":
		return kbRetire(ctx, e, g, args[1:])
	case "history":
		return kbHistory(ctx, e, g, args[1:])
	case "diff":
		return kbDiff(ctx, e, g, args[1:])
	case "status":
		return kbStatus(ctx, e, g, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, kbUsage)
		return nil
	}
	return usagef("rongcuo kb: unknown subcommand %q\n%s", args[0], kbUsage)
}

// kbSettings starts the settings of a kb subcommand, the Redis ones
// declared into o; -h prints the kb usage and the subcommand's flags.
func kbSettings(name string, e env, o *liveOptions) *settings {
	s := newSettings("kb "+name, e.getenv, e.stdout, e.stderr)
	o.declare(s)
	s.fs.Usage = func() { fmt.Fprintln(s.fs.Output(), kbUsage); s.fs.PrintDefaults() }
	return s
}

// readSettings parses the flags of a subcommand that takes only the Redis
// settings and positional arguments.
func readSettings(name string, e env, args []string) (*liveOptions, []string, error) {
	o := &liveOptions{}
	s := kbSettings(name, e, o)
	if err := o.parse(s, args); err != nil {
		return nil, nil, err
	}
	return o, s.Args(), nil
}

func kbList(ctx context.Context, e env, g *globalOptions, args []string) error {
	o, args, err := readSettings("list", e, args)
	if err != nil {
		return helpOK(err)
	}
	if len(args) > 0 {
		return usagef("%s", kbUsage)
	}
	kb, err := currentKB(ctx, e, g, o)
	if err != nil {
		return err
	}
	// Columns aligned by display width: a Chinese character takes two.
	rows := [][]string{{"ID", "LEVEL", "STATUS", "VERIFICATION", "PROVISIONS", "TITLE"}}
	for _, d := range kb.Documents {
		rows = append(rows, []string{d.ID, d.Level, d.Status, d.Verification, strconv.Itoa(len(d.Provisions)), d.Title})
	}
	fmt.Fprint(e.stdout, terminal.Table(rows))
	fmt.Fprintln(e.stdout)
	rows = [][]string{{"CASE ID", "FIELD", "OUTCOME", "YEAR", "REGION", "TITLE"}}
	for _, c := range kb.Cases {
		rows = append(rows, []string{c.ID, c.Field, c.Outcome, c.Year, c.Region, c.DisplayTitle()})
	}
	fmt.Fprint(e.stdout, terminal.Table(rows))
	fmt.Fprintf(e.stdout, "\n%d documents, %d provisions, %d cases\n", len(kb.Documents), len(kb.Provisions()), len(kb.Cases))
	return nil
}

func kbShow(ctx context.Context, e env, g *globalOptions, args []string) error {
	o, args, err := readSettings("show", e, args)
	if err != nil {
		return helpOK(err)
	}
	if len(args) != 1 {
		return usagef("%s", kbUsage)
	}
	kb, err := currentKB(ctx, e, g, o)
	if err != nil {
		return err
	}
	id := args[0]
	w := e.stdout
	if p := kb.Provision(id); p != nil {
		writeProvision(w, p)
		return nil
	}
	if d := kb.Document(id); d != nil {
		writeDocumentHeader(w, d)
		for _, p := range d.Provisions {
			fmt.Fprintln(w)
			writeProvisionText(w, p)
		}
		return nil
	}
	if c := kb.Case(id); c != nil {
		writeCase(w, c)
		return nil
	}
	return fmt.Errorf("no document, provision or case with id %q (see `rongcuo kb list`)", id)
}

// helpOK turns -h into a clean exit.
func helpOK(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func unverifiedMark(p *knowledge.Provision) string {
	switch {
	case p.Verified:
		return ""
	case len(p.VerifiedParas) > 0:
		var paras []string
		for _, i := range p.VerifiedParas {
			paras = append(paras, "第"+knowledge.FormatNumeral(i)+"款")
		}
		return "（" + strings.Join(paras, "、") + "原文已核对，其余为概括，条文原文待核对）"
	}
	return "（概括，条文原文待核对）"
}

// checkedWords says what a document's verified wording was checked against.
func checkedWords(d *knowledge.Document) string {
	switch {
	case d.Verification == knowledge.Unverified:
		return ""
	case d.CheckedAgainst == knowledge.CheckedReprint:
		return "据转载文本核对（未见官方文本）"
	case d.CheckedAgainst == knowledge.CheckedOfficial:
		return "据官方文本核对"
	}
	return ""
}

func writeDocumentHeader(w io.Writer, d *knowledge.Document) {
	fmt.Fprintf(w, "《%s》\n", d.Title)
	var renumbered []string
	for _, r := range d.Renumbered {
		renumbered = append(renumbered, r.Old+"→"+r.New)
	}
	for _, kv := range [][2]string{{"id", d.ID}, {"short", d.Short}, {"issuer", d.Issuer}, {"number", d.Number}, {"level", d.Level},
		{"effective", d.Effective}, {"amended", d.Amended}, {"repealed", d.Repealed}, {"status", d.Status},
		{"supersedes", d.Supersedes}, {"superseded_by", d.SupersededBy}, {"renumbered", strings.Join(renumbered, "、")},
		{"region", d.Region}, {"source", d.Source}, {"verification", d.Verification}, {"checked", checkedWords(d)}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "%s: %s\n", kv[0], kv[1])
		}
	}
	fmt.Fprintf(w, "provisions: %d\n", len(d.Provisions))
}

func writeProvision(w io.Writer, p *knowledge.Provision) {
	if p.Doc != nil {
		writeDocumentHeader(w, p.Doc)
	}
	fmt.Fprintln(w)
	if p.Chapter != "" {
		fmt.Fprintln(w, p.Chapter)
	}
	writeProvisionText(w, p)
}

func writeProvisionText(w io.Writer, p *knowledge.Provision) {
	fmt.Fprintf(w, "[%s] %s%s\n%s\n", p.ID, p.Article, unverifiedMark(p), p.Text)
}

func writeCase(w io.Writer, c *knowledge.Case) {
	fmt.Fprintln(w, c.DisplayTitle())
	if c.Illustrative {
		fmt.Fprintln(w, "（为说明规则编写的示例，非真实案例）")
	}
	for _, kv := range [][2]string{{"id", c.ID}, {"region", c.Region}, {"year", c.Year}, {"field", c.Field}, {"outcome", c.Outcome},
		{"criteria", strings.Join(c.Criteria, "、")}, {"source", c.Source}, {"verification", c.Verification}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "%s: %s\n", kv[0], kv[1])
		}
	}
	fmt.Fprintf(w, "\n事实：%s\n\n处理：%s\n\n理由：%s\n", c.Facts, c.Handling, c.Reasons)
}

// searchResult is one element of the `kb search --json` contract.
type searchResult struct {
	ID       string  `json:"id"`
	Document string  `json:"document"`
	Article  string  `json:"article"`
	Kind     string  `json:"kind"`
	Score    float64 `json:"score"`
}

func kbSearch(ctx context.Context, e env, g *globalOptions, args []string) error {
	o := &liveOptions{}
	s := kbSettings("search", e, o)
	var asJSON bool
	var limit int
	s.Bool(&asJSON, "json", "", false, "print the ranked passages as a JSON array")
	s.Int(&limit, "limit", "", 10, "most results to print: provisions, then cases (up to half of them)")
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	if limit <= 0 {
		return usagef("rongcuo kb search: --limit must be at least 1")
	}
	kb, err := currentKB(ctx, e, g, o)
	if err != nil {
		return err
	}
	ix := knowledge.NewIndex(kb)
	search := func(q string) []searchResult { return searchAll(ix, q, limit) }
	if query := strings.Join(s.Args(), " "); strings.TrimSpace(query) != "" {
		res := search(query)
		if asJSON {
			return writeJSONLine(e.stdout, res)
		}
		printResults(e.stdout, ix.KB(), res)
		return nil
	}
	// Batch mode: one query per line, one result line each, flushed at once.
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	out := bufio.NewWriter(e.stdout)
	for sc.Scan() {
		if ctx.Err() != nil {
			break
		}
		res := search(sc.Text())
		if asJSON {
			if err := writeJSONLine(out, res); err != nil {
				return err
			}
		} else {
			printResults(out, ix.KB(), res)
			fmt.Fprintln(out)
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return sc.Err()
}

// searchAll returns at most limit results: provisions, then cases, each
// kind best first. The kinds are scored on different scales, so they are not
// merged by score; when both match, cases take up to half of the places
// (none at limit 1) and either kind fills what the other leaves.
func searchAll(ix *knowledge.Index, q string, limit int) []searchResult {
	res := []searchResult{}
	if strings.TrimSpace(q) == "" {
		return res
	}
	opt := knowledge.SearchOptions{Limit: limit}
	provs, cases := ix.Provisions(q, opt), ix.Cases(q, opt)
	nc := min(len(cases), limit/2)
	np := min(len(provs), limit-nc)
	nc = min(len(cases), limit-np)
	for _, h := range provs[:np] {
		res = append(res, searchResult{ID: h.Provision.ID, Document: h.Provision.Document, Article: h.Provision.Article, Kind: "provision", Score: round3(h.Score)})
	}
	for _, h := range cases[:nc] {
		res = append(res, searchResult{ID: h.Case.ID, Document: h.Case.Title, Article: "", Kind: "case", Score: round3(h.Score)})
	}
	return res
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printResults(w io.Writer, kb *knowledge.KB, res []searchResult) {
	if len(res) == 0 {
		fmt.Fprintln(w, "没有找到相关条文或案例。")
		return
	}
	for _, r := range res {
		switch r.Kind {
		case "provision":
			fmt.Fprintf(w, "%7.3f  %-22s 《%s》%s\n", r.Score, r.ID, r.Document, r.Article)
			if p := kb.Provision(r.ID); p != nil {
				fmt.Fprintf(w, "         %s\n", clip.Line(p.Text, 80))
			}
		default:
			fmt.Fprintf(w, "%7.3f  %-22s 案例：%s\n", r.Score, r.ID, r.Document)
		}
	}
}
