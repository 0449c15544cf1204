package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// kbEnv runs rongcuo commands against one live knowledge base: a Redis key
// prefix of its own, deleted when the test ends.
type kbEnv struct {
	t      *testing.T
	env    map[string]string
	store  *redisstore.Store
	prefix string
}

func newKBEnv(t *testing.T) *kbEnv {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	return &kbEnv{t: t, env: map[string]string{"REDIS_URL": redistest.URL(), "RONGCUO_REDIS_PREFIX": prefix, "USER": "tester"},
		store: redisstore.New(rdb, redisstore.Options{Prefix: prefix}), prefix: prefix}
}

// ttyReader is standard input from a person at a terminal.
type ttyReader struct{ *strings.Reader }

func (ttyReader) IsTerminal() bool { return true }

// run runs one command with stdin typed at a terminal; it returns stdout
// and the error.
func (k *kbEnv) run(stdin string, args ...string) (string, error) {
	k.t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(name string) string { return k.env[name] }
	err := run(context.Background(), args, getenv, ttyReader{strings.NewReader(stdin)}, &out, &errOut)
	return out.String(), err
}

func (k *kbEnv) must(stdin string, args ...string) string {
	k.t.Helper()
	out, err := k.run(stdin, args...)
	if err != nil {
		k.t.Fatalf("rongcuo %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const droneRules = "某市无人机巡检管理办法\n第一章 总则\n第一条 无人机巡检应当由取得飞手资质的人员操作。\n第二条 巡检数据应当妥善保存。\n"

func TestKBImportConfirmHistoryDiffRetire(t *testing.T) {
	k := newKBEnv(t)
	dir := t.TempDir()
	file := writeFile(t, dir, "drone-rules.txt", droneRules)

	out := k.must("", "kb", "import", "--dry-run", file)
	if !strings.Contains(out, "【新增】《某市无人机巡检管理办法》") || !strings.Contains(out, "条文：2 条") || !strings.Contains(out, "没有保存") {
		t.Errorf("dry run:\n%s", out)
	}
	out = k.must("n\n", "kb", "import", "--by", "张三", file)
	if !strings.Contains(out, "已取消，知识库没有改动") {
		t.Errorf("answer n:\n%s", out)
	}
	if _, err := k.run("", "kb", "show", "drone-rules"); err == nil {
		t.Fatal("stored without confirmation")
	}
	// Without a terminal no one can confirm: the preview, nothing stored,
	// and a failure a script sees.
	var piped bytes.Buffer
	err := run(context.Background(), []string{"kb", "import", "--by", "张三", file}, func(n string) string { return k.env[n] }, strings.NewReader("y\n"), &piped, &piped)
	if err == nil || !strings.Contains(err.Error(), "nothing was saved") || !strings.Contains(err.Error(), "--yes") || !strings.Contains(piped.String(), "【新增】") {
		t.Errorf("import without a terminal: %v\n%s", err, piped.String())
	}
	if _, err := k.run("", "kb", "show", "drone-rules"); err == nil {
		t.Fatal("stored without a terminal and without --yes")
	}
	out = k.must("y\n", "kb", "import", "--by", "张三", file)
	if !strings.Contains(out, "已保存：1 份文件（2 条条文）、0 个案例，知识库版本 2") {
		t.Errorf("answer y:\n%s", out)
	}
	if out := k.must("", "kb", "search", "飞手资质"); !strings.Contains(out, "drone-rules#1") {
		t.Errorf("kb search on the live knowledge base:\n%s", out)
	}
	if out := k.must("", "kb", "show", "drone-rules#1"); !strings.Contains(out, "（概括，条文原文待核对）") {
		t.Errorf("an uploaded text must be unverified by default:\n%s", out)
	}

	writeFile(t, dir, "drone-rules.txt", strings.Replace(droneRules, "妥善保存", "保存三年", 1))
	out = k.must("", "kb", "import", "--yes", "--by", "李四", file)
	if !strings.Contains(out, "【修改（现为第 1 版）】") || !strings.Contains(out, "条文新增 0、修改 1、删除 0") {
		t.Errorf("second version:\n%s", out)
	}
	out = k.must("", "kb", "history", "drone-rules")
	if !strings.Contains(out, "张三") || !strings.Contains(out, "李四") || strings.Count(out, "\n") != 3 {
		t.Errorf("history:\n%s", out)
	}
	out = k.must("", "kb", "diff", "drone-rules", "1", "2")
	if !strings.Contains(out, "- 巡检数据应当妥善保存。") || !strings.Contains(out, "+ 巡检数据应当保存三年。") {
		t.Errorf("diff:\n%s", out)
	}
	if _, err := k.run("", "kb", "diff", "drone-rules", "1", "9"); err == nil || operatorMessage(err) != "no text for drone-rules revision 9" {
		t.Errorf("diff with a missing revision: %v", err)
	}

	out = k.must("", "kb", "retire", "--yes", "--by", "王五", "drone-rules")
	if !strings.Contains(out, "已停用") {
		t.Errorf("retire:\n%s", out)
	}
	if _, err := k.run("", "kb", "show", "drone-rules"); err == nil {
		t.Error("a retired document is still shown")
	}
	if out := k.must("", "kb", "status"); !strings.Contains(out, "知识库版本 4") || !strings.Contains(out, "王五  停用《某市无人机巡检管理办法》") {
		t.Errorf("status:\n%s", out)
	}
}

func TestKBImportRefusesABadBatchWhole(t *testing.T) {
	k := newKBEnv(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", droneRules)
	writeFile(t, dir, "b.pdf", "not a pdf at all")
	out, err := k.run("", "kb", "import", "--yes", dir)
	if err == nil || !strings.Contains(out, "整批没有保存") || !strings.Contains(out, "b.pdf：文件不是有效的 PDF") {
		t.Fatalf("err %v\n%s", err, out)
	}
	if v, _ := k.store.KBVersion(context.Background()); v != 1 {
		t.Errorf("version %d after a refused batch, want 1 (the seed)", v)
	}
}

// An export imports back to the same knowledge base: into itself it
// changes nothing, and a fresh knowledge base seeded from it holds the same
// texts and tables.
func TestKBExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	k := newKBEnv(t)
	dir := t.TempDir()
	k.must("", "kb", "import", "--yes", writeFile(t, dir, "drone-rules.txt", droneRules))
	k.must("", "kb", "retire", "--yes", "wzcl-2019")
	exp := filepath.Join(t.TempDir(), "export")
	if out := k.must("", "kb", "export", exp); !strings.Contains(out, "exported 39 documents and 38 cases") {
		t.Errorf("export: %s", out)
	}
	if out := k.must("", "kb", "import", "--yes", exp); !strings.Contains(out, "77 项与知识库中的现有版本相同") || !strings.Contains(out, "没有需要保存的变化") {
		t.Errorf("import of the export into the same knowledge base:\n%s", out)
	}

	other := newKBEnv(t)
	other.must("", "--kb", exp, "kb", "status")
	a, err := k.store.KBSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := other.store.KBSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Items, b.Items) || !reflect.DeepEqual(a.Tables, b.Tables) {
		t.Errorf("round trip differs: %d vs %d items", len(a.Items), len(b.Items))
	}
	if _, err := k.run("", "kb", "export", exp); err == nil {
		t.Error("export into a non-empty folder must be refused")
	}
}

func TestKBCommandsWithoutRedis(t *testing.T) {
	env := func(string) string { return "" }
	dir := t.TempDir()
	file := writeFile(t, dir, "drone-rules.txt", droneRules)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"kb", "import", "--dry-run", file}, env, strings.NewReader(""), &out, &out); err != nil || !strings.Contains(out.String(), "未连接知识库") {
		t.Errorf("offline dry run: %v\n%s", err, out.String())
	}
	for _, args := range [][]string{{"kb", "import", file}, {"kb", "retire", "x"}, {"kb", "history", "x"}, {"kb", "status"}} {
		err := run(context.Background(), args, env, strings.NewReader(""), &out, &out)
		if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), "REDIS_URL") {
			t.Errorf("%v without Redis: %v", args, err)
		}
	}
	exp := filepath.Join(t.TempDir(), "e")
	out.Reset()
	if err := run(context.Background(), []string{"kb", "export", exp}, env, strings.NewReader(""), &out, &out); err != nil || !strings.Contains(out.String(), "exported 39 documents") {
		t.Errorf("export of the embedded corpus: %v %s", err, out.String())
	}
	if err := run(context.Background(), []string{"kb", "import", "--dry-run", "--level", "文件", file}, env, strings.NewReader(""), &out, &out); err == nil {
		t.Error("a bad --level must be refused")
	}
}

// Ids that make one file name (a/b and a／b, A and a) are all exported,
// and the export loads back to every one of them.
func TestKBExportKeepsIDsWhoseFileNamesCollide(t *testing.T) {
	src := t.TempDir()
	ids := []string{"x/y", "x／y", "A", "a"}
	for i, id := range ids {
		writeFile(t, src, fmt.Sprintf("%d.md", i), "---\nid: "+id+"\nkind: document\ntitle: 测试规定"+id+"\nlevel: 规范性文件\nstatus: 现行\nverification: unverified\n---\n第一条 甲。\n")
	}
	exp := filepath.Join(t.TempDir(), "e")
	var out bytes.Buffer
	env := func(string) string { return "" }
	if err := run(context.Background(), []string{"--kb", src, "kb", "export", exp}, env, strings.NewReader(""), &out, &out); err != nil {
		t.Fatalf("export: %v\n%s", err, out.String())
	}
	entries, err := os.ReadDir(filepath.Join(exp, "documents"))
	if err != nil || len(entries) != len(ids) {
		t.Fatalf("%d files exported for %d documents: %v", len(entries), len(ids), err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		if names[strings.ToLower(e.Name())] {
			t.Errorf("%s: two names differing only in case", e.Name())
		}
		names[strings.ToLower(e.Name())] = true
	}
	kb, problems := knowledge.LoadDir(exp)
	for _, id := range ids {
		if kb.Document(id) == nil {
			t.Errorf("%s: missing after the round trip (%v)", id, problems)
		}
	}
}

// Wrong arguments are reported before Redis is reached: here, a Redis no
// one listens on.
func TestKBLiveCommandsCheckArgumentsFirst(t *testing.T) {
	env := func(name string) string {
		if name == "REDIS_URL" {
			return "redis://127.0.0.1:1/0"
		}
		return ""
	}
	for _, args := range [][]string{{"kb", "history"}, {"kb", "diff", "x", "1"}, {"kb", "status", "extra"}} {
		var out bytes.Buffer
		err := run(context.Background(), args, env, strings.NewReader(""), &out, &out)
		if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), "usage: rongcuo "+strings.Join(args[:2], " ")) {
			t.Errorf("%v: %v, want its usage", args, err)
		}
	}
}

// kb import shows what it read or guessed about a document, takes staff's
// corrections as flags, and refuses a file that is not a policy unless
// forced.
func TestKBImportMetadataAndForce(t *testing.T) {
	env := func(string) string { return "" }
	dir := t.TempDir()
	county := writeFile(t, dir, "county.md", "# 某县数字乡村建设容错免责办法\n\n中共某县委办公室\n\n第一条 为了鼓励干部担当作为，制定本办法。\n\n第二条 本办法自2023年5月1日起施行。\n")
	lunch := writeFile(t, dir, "lunch.txt", "今天中午吃什么\n\n楼下新开了一家面馆，牛肉面二十块。\n")
	run1 := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"kb", "import", "--dry-run"}, args...), env, strings.NewReader(""), &out, &out)
		return out.String(), err
	}
	out, err := run1(county)
	if err != nil || !strings.Contains(out, "地区：某县（❓推断") || !strings.Contains(out, "施行日期：2023-05-01（正文") {
		t.Errorf("preview: %v\n%s", err, out)
	}
	out, err = run1("--region", "湖北省某县", "--effective", "2023-05", county)
	if err != nil || !strings.Contains(out, "地区：湖北省某县（工作人员指定）") || !strings.Contains(out, "施行日期：2023-05（工作人员指定）") {
		t.Errorf("corrected by flags: %v\n%s", err, out)
	}
	if _, err := run1("--effective", "明年", county); err == nil {
		t.Error("a bad --effective accepted")
	}
	out, err = run1(lunch)
	if err == nil || !strings.Contains(out, "看起来不是政策文件") {
		t.Errorf("lunch note: %v\n%s", err, out)
	}
	if out, err = run1("--force", lunch); err != nil || !strings.Contains(out, "仍然导入") {
		t.Errorf("forced: %v\n%s", err, out)
	}

	// The id: made from the text when the file name says nothing, staff's
	// with --id, for one file only.
	gbk := writeFile(t, dir, "gbk.txt", "某县数字乡村建设容错免责办法\n\n第一条 为了鼓励干部担当作为，制定本办法。\n\n第二条 本办法自2023年5月1日起施行。\n")
	if out, err = run1(gbk); err != nil || !regexp.MustCompile(`id: norm-2023-[0-9a-f]{6}（按层级、地区、年份和标题生成）`).MatchString(out) {
		t.Errorf("id from the text: %v\n%s", err, out)
	}
	if out, err = run1("--id", "county-digital-2023", gbk); err != nil || !strings.Contains(out, "id: county-digital-2023（工作人员指定）") {
		t.Errorf("--id: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"--id", "a b", gbk}, {"--id", "x", gbk, county}, {"--id", "x", dir}} {
		if _, err := run1(args...); err == nil || !strings.Contains(err.Error(), "id") {
			t.Errorf("%q: %v", args, err)
		}
	}
	if out, err := run1("--id", "x", county); err != nil || !strings.Contains(out, "id: x（工作人员指定）") {
		t.Errorf("--id for plain Markdown: %v\n%s", err, out)
	}
}
