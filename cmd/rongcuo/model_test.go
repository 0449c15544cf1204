package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/knowledge"
	"rongcuo/llm/llmtest"
	"rongcuo/prompts"
	"rongcuo/redisstore/redistest"
)

// parseModel parses the model settings alone from an environment.
func parseModel(t *testing.T, env map[string]string, args ...string) (*modelOptions, error) {
	t.Helper()
	var out bytes.Buffer
	s := newSettings("test", func(k string) string { return env[k] }, &out, &out)
	o := &modelOptions{}
	addModelSettings(s, o)
	if err := s.Parse(args); err != nil {
		return nil, err
	}
	return o, nil
}

func embeddedKB(t *testing.T) *knowledge.KB {
	t.Helper()
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

func TestModelSettingsOffWithoutKeyAndModel(t *testing.T) {
	for _, env := range []map[string]string{
		{},
		{"OPENAI_MODEL": "gpt-4o-mini"},
		{"OPENAI_API_KEY": "sk-x"},
		{"OPENAI_EMBEDDING_MODEL": "text-embedding-3-small"},
	} {
		o, err := parseModel(t, env)
		if err != nil {
			t.Fatal(err)
		}
		opts, err := o.advisorOptions(context.Background(), nil, nil, nil)
		if err != nil || opts.Model != nil || opts.Vectors != nil {
			t.Errorf("%v: %+v, %v; want offline", env, opts, err)
		}
	}
}

func TestModelSettingsNeverShowTheKey(t *testing.T) {
	const key = "sk-very-secret-key-123"
	var out bytes.Buffer
	s := newSettings("test", func(k string) string { return map[string]string{"OPENAI_API_KEY": key}[k] }, &out, &out)
	o := &modelOptions{}
	addModelSettings(s, o)
	s.fs.PrintDefaults()
	if strings.Contains(out.String(), key) {
		t.Errorf("help shows the key:\n%s", out.String())
	}
	if err := s.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if o.resolve(); o.Key != key {
		t.Errorf("key from the environment not read: %q", o.Key)
	}
	o2, _ := parseModel(t, map[string]string{"OPENAI_API_KEY": key}, "--openai-key", "sk-flag")
	if o2.resolve(); o2.Key != "sk-flag" {
		t.Errorf("the flag does not win over the environment: %q", o2.Key)
	}
}

func TestModelSettingsErrors(t *testing.T) {
	if _, err := parseModel(t, map[string]string{"OPENAI_TIMEOUT": "soon"}); err == nil {
		t.Error("bad timeout accepted")
	}
	for name, env := range map[string]map[string]string{
		"structured mode": {"OPENAI_API_KEY": "k", "OPENAI_MODEL": "m", "OPENAI_STRUCTURED": "xml"},
		"base URL":        {"OPENAI_API_KEY": "k", "OPENAI_MODEL": "m", "OPENAI_BASE_URL": "localhost:11434"},
		"temperature":     {"OPENAI_API_KEY": "k", "OPENAI_MODEL": "m", "OPENAI_TEMPERATURE": "NaN"},
		"redact file":     {"OPENAI_API_KEY": "k", "OPENAI_MODEL": "m", "RONGCUO_REDACT_FILE": filepath.Join(t.TempDir(), "missing.txt")},
	} {
		o, err := parseModel(t, env)
		if err != nil {
			t.Fatal(err)
		}
		_, err = o.advisorOptions(context.Background(), embeddedKB(t), nil, nil)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("%s: err = %v, want a usage error", name, err)
		}
	}
}

// The personal details of the case, each of which must stay on this side.
var caseDetails = []string{"13812345678", "11010519491231002X", "6222021234567890123", "zhang.wei@example.gov.cn", "苏A12345", "张伟", "青山镇人民政府"}

const e2eQuestion = "我是青山镇人民政府分管工业的副镇长张伟。去年为了让重点招商项目尽快开工，经镇党委会集体研究，让企业签了限期补齐承诺书，先办了施工手续。" +
	"企业按期补齐了材料，没有造成损失，我也没收企业任何好处。现在纪委找我谈话，能容错吗？我的手机13812345678，身份证11010519491231002X，" +
	"工资卡6222021234567890123，邮箱zhang.wei@example.gov.cn，公车苏A12345。"

var e2eReading = `{"criteria":[
 {"key":"motive","status":"favourable","evidence":"为了让重点招商项目尽快开工"},
 {"key":"procedure","status":"favourable","evidence":"经镇党委会集体研究"},
 {"key":"private_gain","status":"favourable","evidence":"我也没收企业任何好处"},
 {"key":"explicit_ban","status":"unknown","evidence":""}],
 "verdict":"needs_more_facts",
 "follow_up":[{"key":"explicit_ban","question":"当时有文件明确禁止这种做法吗？","if_yes":"unfavourable"}],
 "uncertain":[]}`

func modelAdvisor(t *testing.T, srv *llmtest.Server, extra map[string]string) *advisor.Advisor {
	t.Helper()
	env := map[string]string{
		"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat",
		"RONGCUO_REDACT_NAMES": "张伟,青山镇人民政府",
	}
	for k, v := range extra {
		env[k] = v
	}
	o, err := parseModel(t, env)
	if err != nil {
		t.Fatal(err)
	}
	kb := embeddedKB(t)
	opts, err := o.advisorOptions(context.Background(), kb, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if opts.Model == nil {
		t.Fatal("model mode not on")
	}
	return advisor.New(knowledge.NewIndex(kb), opts)
}

func TestModelModeEndToEnd(t *testing.T) {
	srv := llmtest.New(t)
	srv.Key = "sk-test"
	srv.Push(llmtest.Reply{Content: e2eReading, Prompt: 800, Completion: 120}) // the assessment; the answer echoes its prompt
	a := modelAdvisor(t, srv, nil)
	var streamed bytes.Buffer
	sp := &streamPrinter{w: &streamed}
	adv, err := a.Advise(context.Background(), advisor.Question{Text: e2eQuestion, OnText: sp.OnText})
	if err != nil {
		t.Fatal(err)
	}
	if adv.Intent != advisor.IntentAssessment || adv.Mode != advisor.ModeLLM {
		t.Fatalf("intent %q, mode %q (fallback %q)", adv.Intent, adv.Mode, adv.Usage.Fallback)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 2 || reqs[0].Chat.Stream || !reqs[1].Chat.Stream {
		t.Fatalf("%d chat requests; want the structured assessment, then the streamed answer", len(reqs))
	}
	for i, r := range reqs {
		var decoded strings.Builder
		for _, m := range r.Chat.Messages {
			decoded.WriteString(m.Content)
		}
		for _, d := range caseDetails {
			if strings.Contains(string(r.Body), d) || strings.Contains(decoded.String(), d) {
				t.Errorf("request %d carried %q to the model service", i+1, d)
			}
		}
	}
	for _, d := range caseDetails {
		if !strings.Contains(adv.Answer, d) {
			t.Errorf("the answer the user sees lacks %q, restored from its placeholder", d)
		}
	}
	if !strings.HasSuffix(adv.Answer, "依程序认定。") {
		t.Errorf("answer does not end with the reference-opinion line")
	}
	u := adv.Usage
	if u.Model != "fake-chat" || u.PromptVersion != prompts.Version || u.PromptTokens < 800 || u.CompletionTokens == 0 || len(u.Passages) == 0 || !strings.Contains(u.Check, "assessment=model") {
		t.Errorf("usage %+v", u)
	}
	for _, c := range adv.Citations {
		p := a.Index().KB().Provision(c.ID)
		if p == nil || !strings.Contains(p.Text, c.Quote) {
			t.Errorf("citation %+v is not an exact part of a stored provision", c)
		}
	}
	b, _ := json.Marshal(adv)
	if !bytes.Contains(b, []byte(`"mode":"llm"`)) {
		t.Errorf("ask --json would not report mode llm: %s", b)
	}
	if streamed.Len() == 0 {
		t.Error("nothing streamed to the terminal")
	}
}

func TestModelModeFallsBackToOffline(t *testing.T) {
	cases := map[string]struct {
		env     map[string]string
		replies []llmtest.Reply
		reason  string
	}{
		"server errors": {map[string]string{"OPENAI_RETRIES": "1"},
			[]llmtest.Reply{{Status: 500}, {Status: 503}, {Status: 500}, {Status: 502}}, "status code: 502"},
		"slow service": {map[string]string{"OPENAI_TIMEOUT": "50ms", "OPENAI_RETRIES": "0"},
			[]llmtest.Reply{{Delay: 2 * time.Second}, {Delay: 2 * time.Second}}, "timeout"},
		"stream cut": {map[string]string{"OPENAI_RETRIES": "0"},
			[]llmtest.Reply{{Content: e2eReading}, {Content: "初步判断：倾向于可以容错。依据如下", Cut: true, CutAfter: 3}}, "EOF"},
		"invalid assessment twice, then an empty answer": {nil,
			[]llmtest.Reply{{Content: "{}"}, {Content: "不是JSON"}, {Content: "  "}}, "empty"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Push(c.replies...)
			a := modelAdvisor(t, srv, c.env)
			adv, err := a.Advise(context.Background(), advisor.Question{Text: e2eQuestion})
			if err != nil {
				t.Fatal(err)
			}
			if adv.Mode != advisor.ModeOffline || !strings.HasPrefix(adv.Answer, "智能问答服务暂时不可用") || !strings.Contains(adv.Usage.Fallback, c.reason) {
				t.Errorf("mode %q, fallback %q, answer starts %q", adv.Mode, adv.Usage.Fallback, firstLine(adv.Answer))
			}
		})
	}
}

// A service that does not answer in time is not asked again for the answer
// after the assessment timed out: the cadre gets the offline answer after one
// wait, not two.
func TestModelModeSlowServiceFallsBackAfterOneWait(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Delay: 2 * time.Second}, llmtest.Reply{Delay: 2 * time.Second})
	a := modelAdvisor(t, srv, map[string]string{"OPENAI_TIMEOUT": "50ms", "OPENAI_RETRIES": "0"})
	adv, err := a.Advise(context.Background(), advisor.Question{Text: e2eQuestion})
	if err != nil {
		t.Fatal(err)
	}
	if adv.Mode != advisor.ModeOffline || !strings.Contains(adv.Usage.Fallback, "timeout") {
		t.Errorf("mode %q, fallback %q", adv.Mode, adv.Usage.Fallback)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d requests to a service that timed out, want 1", n)
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func TestModelModeRateLimitedThenAnswered(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "0"}, llmtest.Reply{Content: e2eReading},
		llmtest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "0"})
	a := modelAdvisor(t, srv, nil)
	adv, err := a.Advise(context.Background(), advisor.Question{Text: e2eQuestion})
	if err != nil {
		t.Fatal(err)
	}
	if adv.Mode != advisor.ModeLLM || len(srv.ChatRequests()) != 4 {
		t.Errorf("mode %q after %d requests (fallback %q)", adv.Mode, len(srv.ChatRequests()), adv.Usage.Fallback)
	}
}

func TestModelModeEmbeddings(t *testing.T) {
	srv := llmtest.New(t)
	o, err := parseModel(t, map[string]string{"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_EMBEDDING_MODEL": "fake-embed"})
	if err != nil {
		t.Fatal(err)
	}
	kb := embeddedKB(t)
	cache := &advisor.MapVectorCache{}
	opts, err := o.advisorOptions(context.Background(), kb, cache, nil)
	if err != nil || opts.Vectors == nil || opts.Model != nil {
		t.Fatalf("options %+v, %v", opts, err)
	}
	passages := len(kb.Provisions()) + len(kb.Cases)
	var embedded, batches int
	for _, r := range srv.Requests() {
		embedded += len(r.Embed.Input)
		batches++
		if len(r.Embed.Input) > 64 {
			t.Errorf("a batch of %d texts", len(r.Embed.Input))
		}
	}
	if embedded < passages-5 || batches < passages/64 {
		t.Errorf("%d texts in %d batches for %d passages", embedded, batches, passages)
	}
	// A second start embeds nothing.
	before := len(srv.Requests())
	if _, err := o.advisorOptions(context.Background(), kb, cache, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("%d embedding requests on a second start with a warm cache", n)
	}
	// Retrieval fuses the dense hits of provisions and cases; one embedding
	// of the query serves both.
	a := advisor.New(knowledge.NewIndex(kb), opts)
	adv, err := a.Advise(context.Background(), advisor.Question{Text: "先行先试出现失误能不能免责？手机13812345678"})
	if err != nil {
		t.Fatal(err)
	}
	if adv.Mode != advisor.ModeOffline {
		t.Errorf("mode %q without a chat model", adv.Mode)
	}
	for _, r := range srv.Requests()[before:] {
		if strings.Contains(strings.Join(r.Embed.Input, ""), "13812345678") {
			t.Error("a query went to the embedding service unredacted")
		}
	}
	if n := len(srv.Requests()) - before; n != 1 {
		t.Errorf("%d embedding requests for one question, want 1", n)
	}
}

func TestRedactFileAndList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.txt")
	os.WriteFile(path, []byte("# 人名和单位\n李四\n王五、青山镇\n"), 0o600)
	o, err := parseModel(t, map[string]string{"RONGCUO_REDACT_FILE": path, "RONGCUO_REDACT_NAMES": "张三，赵六"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := o.redactor()
	if err != nil {
		t.Fatal(err)
	}
	got := r.Session().Redact("张三、李四、王五、赵六在青山镇")
	if strings.ContainsAny(got, "张李王赵青") {
		t.Errorf("names left: %q", got)
	}
}

func TestStreamPrinter(t *testing.T) {
	var out bytes.Buffer
	p := &streamPrinter{w: &out}
	for _, s := range []string{"**初步", "**初步判断**：可以[", "**初步判断**：可以[P", "**初步判断**：可以容错。"} {
		p.OnText(s)
	}
	if out.String() != "初步判断：可以容错。" {
		t.Fatalf("streamed %q", out.String())
	}
	p.finish(advisor.Advice{Answer: "**初步判断**：可以容错。", Mode: advisor.ModeLLM, FollowUp: []string{"有文件禁止吗？"}})
	if got := out.String(); strings.Count(got, "可以容错") != 1 || !strings.Contains(got, "有文件禁止吗？") {
		t.Errorf("after finish: %q", got)
	}
	out.Reset()
	p = &streamPrinter{w: &out}
	p.OnText("依据《问责条例》第九十九条")
	p.finish(advisor.Advice{Answer: "依据〔所引条文不在知识库中，已删去〕", Mode: advisor.ModeLLM})
	if !strings.Contains(out.String(), "核对引用后的答复") || !strings.HasSuffix(strings.TrimSpace(out.String()), "已删去〕") {
		t.Errorf("checked answer not printed: %q", out.String())
	}
}

func TestRedisVectorCache(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	redistest.Require(t, redistest.URL())
	cache, closeCache := redisVectorCache(context.Background(), redistest.URL(), redistest.Prefix(t), log)
	defer closeCache()
	if cache == nil {
		t.Fatal("no cache on a reachable Redis")
	}
	none, closeNone := redisVectorCache(context.Background(), "redis://127.0.0.1:1/0", "", log)
	defer closeNone()
	if none != nil {
		t.Error("a cache on an unreachable Redis")
	}
}
