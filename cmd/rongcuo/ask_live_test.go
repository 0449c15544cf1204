package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	liveRules    = "某市无人机巡检容错办法\n第一章 总则\n第一条 干部在无人机巡检改革中先行先试出现失误，经集体研究决策且未谋取私利的，可以容错免责。\n第二条 本办法自发布之日起施行。\n"
	liveQuestion = "我在无人机巡检改革中先行先试出现了失误，经过集体研究，没有谋取私利，能容错免责吗？"
)

// With REDIS_URL set, ask reads the live knowledge base as serve does: a
// document imported there is cited, and --json names the source.
func TestAskReadsTheLiveKnowledgeBase(t *testing.T) {
	k := newKBEnv(t)
	dir := t.TempDir()
	writeFile(t, dir, "巡检容错办法.txt", liveRules)
	k.must("", "kb", "import", "--yes", dir)

	out := k.must("", "ask", "--json", liveQuestion)
	var got struct {
		Source    string `json:"source"`
		Citations []struct {
			Document string `json:"document"`
		} `json:"citations"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Source != "live" {
		t.Errorf("source %q, want live", got.Source)
	}
	cited := false
	for _, c := range got.Citations {
		cited = cited || strings.Contains(c.Document, "无人机巡检")
	}
	if !cited {
		t.Errorf("ask did not cite the document imported into the live knowledge base:\n%s", out)
	}

	// Without REDIS_URL the same question is answered from the embedded corpus.
	out, _, err := runCLI(t, nil, "", "ask", "--json", liveQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "无人机巡检容错") || !strings.Contains(out, `"source": "embedded"`) {
		t.Errorf("without REDIS_URL ask should use the embedded corpus:\n%s", out)
	}
}

// Redis being unreachable is normal: ask answers from the files and says why.
func TestAskFallsBackWhenRedisIsDown(t *testing.T) {
	env := map[string]string{"REDIS_URL": "redis://127.0.0.1:1/0"}
	out, stderr, err := runCLI(t, env, "", "ask", "--json", tolerableQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"source": "embedded"`) || !strings.Contains(stderr, "live knowledge base cannot be read") {
		t.Errorf("want an embedded answer and a warning; stdout:\n%s\nstderr:\n%s", out, stderr)
	}
	// The warning is one line in the operator's terms, without the
	// prefixes of the packages the error came through.
	want := "warning: the live knowledge base cannot be read, answering from the embedded corpus instead: cannot reach Redis at redis://127.0.0.1:1/0: connection refused\n"
	if stderr != want {
		t.Errorf("stderr:\n%q\nwant\n%q", stderr, want)
	}
}
