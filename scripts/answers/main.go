// Command answers prints the offline advisor's answers to the dev questions
// of the gold set, one JSON object per question with the facts it carries
// to the next turn, and a second turn for each answer that asks follow-up
// questions. A change meant only to make the advisor faster must leave the
// output byte for byte the same: run it before and after, and diff.
//
// Run from the repository root:
//
//	go run ./scripts/answers > before.txt
//	go run ./scripts/answers -extra "另一个问题" > after.txt
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"rongcuo/advisor"
	"rongcuo/knowledge"
)

// secondTurn is the reply given to an answer that asks for more facts.
const secondTurn = "是的，没有收任何好处，经过集体研究。"

func main() {
	gold := flag.String("gold", "evaluate/gold/dev-*.jsonl", "gold files (a glob) whose questions are asked; never the held-out files")
	var extra []string
	flag.Func("extra", "one more question to ask (repeatable)", func(s string) error { extra = append(extra, s); return nil })
	flag.Parse()
	files, err := filepath.Glob(*gold)
	if err != nil || len(files) == 0 {
		log.Fatalf("answers: no gold file matches %s", *gold)
	}
	sort.Strings(files)
	for _, f := range files {
		if strings.Contains(filepath.Base(f), "heldout") {
			log.Fatalf("answers: %s is held out; its questions are not for looking at", f)
		}
	}
	var questions []string
	for _, f := range files {
		qs, err := readQuestions(f)
		if err != nil {
			log.Fatal(err)
		}
		questions = append(questions, qs...)
	}
	questions = append(questions, extra...)
	kb, err := knowledge.Embedded()
	if err != nil {
		log.Fatal(err)
	}
	a := advisor.New(knowledge.NewIndex(kb), advisor.Options{})
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	ctx := context.Background()
	for i, q := range questions {
		fmt.Fprintf(w, "=== %d %s\n", i, q)
		out, err := a.Advise(ctx, advisor.Question{Text: q})
		if err != nil {
			fmt.Fprintf(w, "error: %v\n", err)
			continue
		}
		check(enc.Encode(out), enc.Encode(out.Facts), enc.Encode(out.FollowUps))
		fmt.Fprintf(w, "note: %q\n", out.Note)
		if len(out.FollowUp) == 0 {
			continue
		}
		next, err := a.Advise(ctx, advisor.Question{Text: secondTurn, Facts: out.Facts,
			History: []advisor.Turn{{Role: "user", Text: q}, {Role: "assistant", Text: out.Answer}}})
		if err != nil {
			fmt.Fprintf(w, "error: %v\n", err)
			continue
		}
		check(enc.Encode(next), enc.Encode(next.Facts))
	}
}

func readQuestions(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var item struct{ Question string }
		if err := json.Unmarshal(sc.Bytes(), &item); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		out = append(out, item.Question)
	}
	return out, sc.Err()
}

func check(errs ...error) {
	for _, err := range errs {
		if err != nil {
			log.Fatal(err)
		}
	}
}
