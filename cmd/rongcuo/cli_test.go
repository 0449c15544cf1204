package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rongcuo/knowledge"
	"rongcuo/llm/llmtest"
)

// runCLI runs the command line as main would, with the given environment and
// stdin, and returns what it printed.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err = run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

const tolerableQuestion = "我是副镇长，为了让招商项目尽快开工，经镇党委会集体研究先办了施工手续，当时没有文件禁止，我没收企业任何好处，企业后来按期补齐了材料。能容错吗？"

func TestAskPrintsAnAnswer(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "ask", tolerableQuestion)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"初步判断", "依据", "中国共产党问责条例》第十七条", "逐项分析", "建议", "以上为初步参考意见"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "**") {
		t.Error("terminal output still carries bold markers")
	}
}

func TestAskJSONContract(t *testing.T) {
	out, _, err := runCLI(t, nil, tolerableQuestion, "ask", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"intent", "verdict", "criteria", "citations", "cases", "follow_up", "answer", "mode", "source"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if len(m) != 9 {
		t.Errorf("JSON has %d keys, the contract has 9: %v", len(m), keys(m))
	}
	if m["source"] != "embedded" {
		t.Errorf("source %v, want embedded (no REDIS_URL, no --kb)", m["source"])
	}
	if m["intent"] != "assessment" || m["verdict"] != "likely_tolerable" || m["mode"] != "offline" {
		t.Errorf("intent %v verdict %v mode %v", m["intent"], m["verdict"], m["mode"])
	}
	c := m["citations"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "document", "article", "quote", "verified"} {
		if _, ok := c[k]; !ok {
			t.Errorf("citation lacks %q", k)
		}
	}
	crit := m["criteria"].([]any)[0].(map[string]any)
	for _, k := range []string{"key", "label", "status", "evidence"} {
		if _, ok := crit[k]; !ok {
			t.Errorf("criterion lacks %q", k)
		}
	}

	// verdict belongs to assessments only.
	out, _, err = runCLI(t, nil, "", "ask", "--json", "什么是三个区分开来")
	if err != nil {
		t.Fatal(err)
	}
	m = map[string]any{}
	json.Unmarshal([]byte(out), &m)
	if _, ok := m["verdict"]; ok || m["intent"] != "definition" {
		t.Errorf("definition answer: intent %v, verdict present %v", m["intent"], ok)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAskEmptyQuestionIsAUsageError(t *testing.T) {
	for _, args := range [][]string{{"ask"}, {"ask", "   "}, {"ask", "--json"}} {
		_, _, err := runCLI(t, nil, " \n", args...)
		var u usageError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), "usage: rongcuo ask") {
			t.Errorf("%v: error %v, want the usage message", args, err)
		}
	}
}

// Bytes that are not text are said to be so, not called an empty question.
func TestAskUnreadableQuestionIsAUsageError(t *testing.T) {
	_, _, err := runCLI(t, nil, "\xe9\xe9\xe9", "ask")
	var u usageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "no readable text") {
		t.Errorf("error %v, want the usage message saying the question has no readable text", err)
	}
}

func TestAskInModelModeReportsLLM(t *testing.T) {
	srv := llmtest.New(t)
	srv.Key = "sk-test"
	srv.Push(llmtest.Reply{Content: e2eReading}) // structured assessment; the answer echoes
	env := map[string]string{"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
	out, _, err := runCLI(t, env, "", "ask", "--json", e2eQuestion)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if m["mode"] != "llm" {
		t.Errorf("mode %v, want llm", m["mode"])
	}
}

func TestUnknownCommandAndHelp(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "help")
	if err != nil || !strings.Contains(out, "ask") || !strings.Contains(out, "serve") {
		t.Errorf("help: %v\n%s", err, out)
	}
	_, _, err = runCLI(t, nil, "", "frobnicate")
	var u usageError
	if !errors.As(err, &u) {
		t.Errorf("unknown command: %v, want a usage error", err)
	}
}

func TestKBCommands(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "kb", "list")
	if err != nil || !strings.Contains(out, "wzcl-2019") || !strings.Contains(out, "cases") {
		t.Fatalf("kb list: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "", "kb", "show", "wzcl-2019#17")
	if err != nil || !strings.Contains(out, "可以不予问责或者免予问责") {
		t.Fatalf("kb show provision: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "", "kb", "show", "case-huaian-2023")
	if err != nil || !strings.Contains(out, "事实") {
		t.Fatalf("kb show case: %v\n%s", err, out)
	}
	if _, _, err = runCLI(t, nil, "", "kb", "show", "no-such-id"); err == nil || !strings.Contains(err.Error(), "no-such-id") {
		t.Errorf("kb show unknown id: %v", err)
	}
	out, _, err = runCLI(t, nil, "", "kb", "search", "--json", "--limit", "3", "先行先试 失误 免予问责")
	if err != nil {
		t.Fatal(err)
	}
	var res []searchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) == 0 {
		t.Fatalf("kb search --json: %v\n%s", err, out)
	}
	if res[0].Kind != "provision" || res[0].ID == "" || res[0].Document == "" {
		t.Errorf("first result %+v", res[0])
	}
	// Batch mode: one array per input line.
	out, _, err = runCLI(t, nil, "三个区分开来\n今天天气怎么样\n", "kb", "search", "--json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("batch search printed %d lines, want 2:\n%s", len(lines), out)
	}
	var unrelated []searchResult
	json.Unmarshal([]byte(lines[1]), &unrelated)
	if len(unrelated) != 0 {
		t.Errorf("an unrelated query found %d passages", len(unrelated))
	}
}

func TestKBFromADirectory(t *testing.T) {
	dir := t.TempDir()
	law := "# 测试条例\n\n第一条 为了测试，制定本条例。\n\n第二条 先行先试出现失误的，可以免予问责。\n"
	if err := os.WriteFile(filepath.Join(dir, "测试条例(2020-01-01).md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\nid: x\nkind: document\n---\n"), 0o644)
	out, stderr, err := runCLI(t, nil, "", "--kb", dir, "kb", "search", "先行先试")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "测试条例(2020-01-01)#2") {
		t.Errorf("search on --kb did not find the law's article:\n%s", out)
	}
	if !strings.Contains(stderr, "broken.md") {
		t.Errorf("a malformed file should be reported by name; stderr:\n%s", stderr)
	}
	if _, _, err := runCLI(t, nil, "", "--kb", t.TempDir(), "kb", "list"); err == nil {
		t.Error("an empty knowledge directory should be an error")
	}
}

func TestChatRemembersTheCase(t *testing.T) {
	script := strings.Join([]string{
		"去年为了让项目尽快开工，经镇党委会集体研究，先让企业进场施工，手续后来补齐了。",
		"否", // no explicit ban
		"否", // no private gain
		"/new",
		"/quit",
	}, "\n")
	out, _, err := runCLI(t, nil, script, "chat")
	if err != nil {
		t.Fatal(err)
	}
	first := strings.Index(out, "需要您补充") // needs_more_facts lists its follow-up questions
	final := strings.LastIndex(out, "倾向于可以容错")
	if first < 0 || final < first {
		t.Errorf("chat did not move from needs_more_facts to likely_tolerable after the answers:\n%s", out)
	}
	if !strings.Contains(out, "已记录") || !strings.Contains(out, "已开始新的案例") {
		t.Errorf("chat did not acknowledge the replies or /new:\n%s", out)
	}
}

func TestEvalOnAGoldFile(t *testing.T) {
	gold := filepath.Join(t.TempDir(), "gold.jsonl")
	lines := `{"id":"t1","split":"dev","question":"什么是三个区分开来？","intent":"definition","provisions":["sgqf-2016#s1"],"cases":[]}
{"id":"t2","split":"heldout","question":"明天天气怎么样","intent":"definition","provisions":[],"cases":[]}
{"id":"t3","split":"dev","question":"` + tolerableQuestion + `","intent":"assessment","verdict":"not_tolerable","provisions":["wzcl-2019#17"],"cases":[]}
`
	os.WriteFile(gold, []byte(lines), 0o644)
	out, _, err := runCLI(t, nil, "", "eval", "--gold", gold)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "dev") || !strings.Contains(out, "heldout") {
		t.Errorf("eval does not report both splits:\n%s", out)
	}
	if !strings.Contains(out, "FAIL t3") || strings.Contains(out, "FAIL t1") {
		t.Errorf("eval should report the wrong verdict of t3 and nothing for t1:\n%s", out)
	}
	// A held-out question is never shown, even when it fails: only the
	// aggregates and the confusion matrix.
	if strings.Contains(out, "t2") || strings.Contains(out, "天气") || !strings.Contains(out, "confusion (heldout") {
		t.Errorf("eval shows a held-out question or no held-out confusion matrix:\n%s", out)
	}
	_, _, err = runCLI(t, nil, "", "eval", "--gold", gold, "--gate")
	if err == nil || !strings.Contains(err.Error(), "class accuracy") || !strings.Contains(err.Error(), "polarity inversion") {
		t.Errorf("the gate should fail on the wrong verdict: %v", err)
	}
	os.WriteFile(gold, []byte("{not json\n"), 0o644)
	if _, _, err := runCLI(t, nil, "", "eval", "--gold", gold); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("a malformed gold line should be reported with its line: %v", err)
	}
}

func TestEvalReportsBM25AndHybrid(t *testing.T) {
	srv := llmtest.New(t)
	gold := filepath.Join(t.TempDir(), "gold.jsonl")
	os.WriteFile(gold, []byte(`{"id":"t1","split":"dev","question":"什么是三个区分开来？","intent":"definition","provisions":["sgqf-2016#s1"],"cases":[]}`+"\n"), 0o644)
	env := map[string]string{"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_EMBEDDING_MODEL": "fake-embed", "REDIS_URL": "redis://127.0.0.1:1/0"}
	out, _, err := runCLI(t, env, "", "eval", "--gold", gold)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "retrieval: BM25\n") || !strings.Contains(out, "retrieval: BM25 + dense (hybrid)") {
		t.Errorf("eval with an embedding model should report both retrievals:\n%s", out)
	}
	for _, r := range srv.Requests() {
		if r.Path == "/v1/chat/completions" {
			t.Error("eval called the chat model without --with-model")
		}
	}
}

// A pasted text far longer than any question neither stops the conversation
// nor is lost without notice: it is answered on its first part.
func TestChatSurvivesAHugeLine(t *testing.T) {
	huge := strings.Repeat("为了推进项目，经过集体研究先开工后补手续。", 40000) // about 2.5 MB, past any line buffer
	out, _, err := runCLI(t, nil, huge+"\n什么是三个区分开来\n/quit\n", "chat")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "前 2000 字") || !strings.Contains(out, "要把干部在推进改革中") {
		t.Errorf("a huge line should be answered with a note and the chat should go on:\n%.600s", out)
	}
}

// Cases as staff see them: one 示例 mark for an invented case, and an
// outcome nobody reported shown as such.
func TestKBShowsCasesHonestly(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "kb", "list")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "【示例】【示例】") || !strings.Contains(out, "【示例】") {
		t.Errorf("kb list marks illustrative cases wrongly:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "case-laian-2016") && !strings.Contains(line, knowledge.OutcomeUnreported) {
			t.Errorf("kb list: %s", line)
		}
	}
	out, _, err = runCLI(t, nil, "", "kb", "show", "ill-zhaoshang-rongque")
	if err != nil || strings.Count(out, "示例") < 2 || strings.Contains(out, "【示例，非真实案例】【示例】") || strings.Contains(out, "【示例】【示例】") {
		t.Errorf("kb show illustrative case: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "", "kb", "show", "case-liyang-2016")
	if err != nil || !strings.Contains(out, "outcome: 未见公开报道") || strings.Contains(out, "理由：理由") {
		t.Errorf("kb show unreported case: %v\n%s", err, out)
	}
}

// ask --json says of every case whether it is illustrative.
func TestAskJSONMarksIllustrativeCases(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "ask", "--json", "招商引资时为了让项目尽快落地，在土地指标没落实的情况下先签了协议，经过集体研究，没拿好处，后来企业按期补正了。能容错吗？")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cases []map[string]any `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil || len(m.Cases) == 0 {
		t.Fatalf("ask --json: %v\n%s", err, out)
	}
	for _, c := range m.Cases {
		ill, ok := c["illustrative"].(bool)
		if !ok {
			t.Errorf("case %v has no illustrative flag", c)
		}
		if id, _ := c["id"].(string); ill != strings.HasPrefix(id, "ill-") {
			t.Errorf("case %s: illustrative %v", id, ill)
		}
	}
}

// kb show says what verified wording was checked against, which 款 of a
// partly verified article may be quoted, and how a document stands in time.
func TestKBShowVerificationAndVersions(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "kb", "show", "jlcf-2023#19")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"据转载文本核对", "第十九条（第三款原文已核对，其余为概括，条文原文待核对）", "supersedes: 中国共产党纪律处分条例（2018年）", "renumbered: 第二十二条→第二十三条", "amended: 2023-12"} {
		if !strings.Contains(out, want) {
			t.Errorf("kb show lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, nil, "", "kb", "show", "jcf-2024")
	if !strings.Contains(out, "第四十九条→第五十六条") {
		t.Errorf("kb show jcf-2024 lacks the renumbering:\n%s", out)
	}
}
