package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"rongcuo/conversation"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// The staff and admin tests run the core on a real Redis and the real live
// knowledge base, with Telegram's files and menus faked.

type fakeFiles struct {
	mu        sync.Mutex
	data      map[string][]byte
	downloads []string
	sent      []sentFile
}

type sentFile struct {
	chatID        int64
	name, caption string
	data          []byte
}

var _ Files = (*fakeFiles)(nil)

func (f *fakeFiles) Download(_ context.Context, id string, max int64) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.downloads = append(f.downloads, id)
	d, ok := f.data[id]
	if !ok {
		return nil, fmt.Errorf("no file %s", id)
	}
	if int64(len(d)) > max {
		return nil, ErrTooLarge
	}
	return d, nil
}

func (f *fakeFiles) SendDocument(_ context.Context, chatID int64, name string, data []byte, caption string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, sentFile{chatID, name, caption, data})
	return nil
}

func (f *fakeFiles) downloaded() int { f.mu.Lock(); defer f.mu.Unlock(); return len(f.downloads) }

type fakeMenus struct {
	mu  sync.Mutex
	set map[int64][]Command
}

var _ Menus = (*fakeMenus)(nil)

func (m *fakeMenus) SetCommands(_ context.Context, chatID int64, cmds []Command) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.set[chatID] = cmds
	return nil
}

func (m *fakeMenus) of(id int64) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var names []string
	for _, c := range m.set[id] {
		names = append(names, c.Name)
	}
	return names
}

type liveHarness struct {
	*harness
	rs      *redisstore.Store
	kb      *kblive.Service
	replica *kblive.Replica
	files   *fakeFiles
	menus   *fakeMenus
	waited  []int64
}

var (
	admin  = User{ID: 1, Name: "管理员"}
	worker = User{ID: 7, Name: "工作人员"}
)

func newLiveHarness(t *testing.T, edit func(*settings)) *liveHarness {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	rs := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	svc := kblive.NewService(rs, kblive.Options{})
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Seed(context.Background(), kb); err != nil {
		t.Fatal(err)
	}
	replica := kblive.NewReplica(rs, kblive.ReplicaOptions{})
	if err := replica.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := &liveHarness{harness: &harness{t: t},
		rs: rs, kb: svc, replica: replica, files: &fakeFiles{data: map[string][]byte{}}, menus: &fakeMenus{set: map[int64][]Command{}}}
	h.start(settings{Config: Config{
		Library: IndexLibrary{Index: replica.Index}, Store: rs,
		KB: svc, Review: rs, Files: h.files, Menus: h.menus,
		WaitKB: func(ctx context.Context, v int64) bool {
			h.waited = append(h.waited, v)
			return replica.Load(ctx) == nil && replica.Version() >= v
		},
	}, Conversation: conversation.Config{Store: rs, Staff: []int64{worker.ID}}}, edit)
	return h
}

func (h *liveHarness) upload(from User, name string, data []byte) {
	id := fmt.Sprintf("f%d", h.upd.Load()+1)
	h.files.mu.Lock()
	h.files.data[id] = data
	h.files.mu.Unlock()
	h.msg(Message{ID: 3, Chat: private(from.ID), From: from, Kind: KindDocument, Document: &Document{FileID: id, Name: name, Size: int64(len(data))}})
}

func (h *liveHarness) version() int64 {
	v, err := h.rs.KBVersion(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

func (h *liveHarness) lastCallback() string {
	cbs := h.out.of("callback")
	if len(cbs) == 0 {
		h.t.Fatal("no callback answered")
	}
	return cbs[len(cbs)-1].CBText
}

const localRules = "某县容错纠错实施办法\n第一条 为了鼓励干部担当作为，制定本办法。\n第二条 干部在乡村振兴项目中因政策界限不明出现失误，经集体研究的，可以免予问责。\n第三条 本办法自印发之日起施行。\n"

func TestStaffUploadPreviewConfirmAndStaleButton(t *testing.T) {
	h := newLiveHarness(t, nil)
	before := h.version()
	h.upload(worker, "某县容错纠错实施办法.txt", []byte(localRules))
	preview := h.lastSend()
	for _, want := range []string{"【新增】《某县容错纠错实施办法》", "条文：3 条", "首条：第一条", "末条：第三条"} {
		if !strings.Contains(preview.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview.Text)
		}
	}
	confirm, ok := findButton(preview.Buttons, "✅")
	if !ok {
		t.Fatalf("no confirm button: %+v", preview.Buttons)
	}
	if h.version() != before {
		t.Fatal("a preview must not store anything")
	}

	h.press(private(worker.ID), worker, confirm.Data)
	if h.version() != before+1 || h.lastCallback() != "已保存" {
		t.Fatalf("confirm: version %d → %d, callback %q", before, h.version(), h.lastCallback())
	}
	edits := h.out.of("edit")
	if last := edits[len(edits)-1].Out.Text; !strings.Contains(last, fmt.Sprintf("第 %d 版", before+1)) || !strings.Contains(last, "已生效") {
		t.Errorf("preview not replaced by the outcome: %q", last)
	}
	if p := h.bot.cfg.Library.SearchProvisions("乡村振兴 政策界限不明 免予问责", 3); len(p) == 0 || p[0].Document != "某县容错纠错实施办法" {
		t.Errorf("the new provision is not searchable after confirmation: %+v", p)
	}

	// The same button again: a clear answer, and nothing changes.
	n := len(h.out.of("send"))
	h.press(private(worker.ID), worker, confirm.Data)
	if h.version() != before+1 || h.lastCallback() != txtKBNotSaved {
		t.Errorf("second press: version %d, callback %q", h.version(), h.lastCallback())
	}
	if sends := h.out.of("send"); len(sends) != n+1 || !strings.Contains(sends[n].Out.Text, "已经确认过") {
		t.Errorf("second press not explained: %+v", sends[n:])
	}
}

func TestUploadsRefusedBeforeDownload(t *testing.T) {
	h := newLiveHarness(t, func(c *settings) { c.MaxUpload = 1000 })
	before := h.version()
	cases := []struct {
		from User
		name string
		data []byte
		want string
	}{
		{alice, "办法.txt", []byte(localRules), txtUploadRefused},
		{worker, "病毒.exe", []byte("MZ"), "不支持“病毒.exe”"},
		{worker, "旧文件.doc", []byte("x"), "另存为 .docx"},
		{worker, "很大.txt", make([]byte, 1001), "太大，上限为 1 KB"},
	}
	for _, c := range cases {
		h.upload(c.from, c.name, c.data)
		if got := h.lastSend(); !strings.Contains(got.Text, c.want) || len(got.Buttons) != 0 {
			t.Errorf("%s from %d: %q", c.name, c.from.ID, got.Text)
		}
	}
	if n := h.files.downloaded(); n != 0 {
		t.Errorf("%d refused files were downloaded", n)
	}
	// A size Telegram did not report is caught while downloading.
	h.files.data["big"] = make([]byte, 2000)
	h.msg(Message{Chat: private(worker.ID), From: worker, Kind: KindDocument, Document: &Document{FileID: "big", Name: "big.md"}})
	if !strings.Contains(h.lastSend().Text, "太大") {
		t.Errorf("oversize download: %q", h.lastSend().Text)
	}
	// In a group, even staff are sent to the private chat.
	h.msg(Message{Chat: Chat{ID: -5, Type: ChatGroup}, From: worker, Kind: KindDocument, Mentioned: true, Document: &Document{FileID: "x", Name: "a.md", Size: 3}})
	if h.lastSend().Text != txtPrivateOnly {
		t.Errorf("group upload: %q", h.lastSend().Text)
	}
	if h.version() != before {
		t.Error("a refused upload changed the knowledge base")
	}
}

func TestBadFilesAreRefusedWithTheImportersReason(t *testing.T) {
	h := newLiveHarness(t, nil)
	before := h.version()
	for _, c := range []struct {
		name string
		data []byte
		why  string
	}{
		{"假的.docx", []byte("这只是改了扩展名的文本"), "文件不是有效的 .docx"},
		{"空的.txt", []byte("  \n"), "文件是空的"},
		{"坏的.pdf", []byte("%PDF-1.4 garbage"), "PDF 文件已损坏"},
	} {
		h.upload(worker, c.name, c.data)
		got := h.lastSend()
		if !strings.Contains(got.Text, c.name+"："+c.why) || !strings.Contains(got.Text, "知识库保持原样") || len(got.Buttons) != 0 {
			t.Errorf("%s: %q buttons %d", c.name, got.Text, len(got.Buttons))
		}
	}
	if h.version() != before {
		t.Error("a bad file changed the knowledge base")
	}
}

func TestCancelAndRetire(t *testing.T) {
	h := newLiveHarness(t, nil)
	before := h.version()
	h.upload(worker, "某县容错纠错实施办法.md", []byte(localRules))
	cancel, _ := findButton(h.lastSend().Buttons, "✖")
	confirm, _ := findButton(h.lastSend().Buttons, "✅")
	h.press(private(worker.ID), worker, cancel.Data)
	h.press(private(worker.ID), worker, confirm.Data)
	if h.version() != before || h.lastCallback() != txtKBNotSaved {
		t.Fatalf("confirm after cancel: version %d, %q", h.version(), h.lastCallback())
	}

	// Retire a case found by /kb search, with a confirmation.
	h.text(private(worker.ID), worker, "/kb search 招商引资")
	found := h.lastSend().Text
	caseID := ""
	for _, c := range h.replica.Current().KB.Cases {
		if strings.Contains(found, "<code>"+c.ID+"</code>") {
			caseID = c.ID
			break
		}
	}
	if caseID == "" {
		t.Fatalf("/kb search lists no case id:\n%s", found)
	}
	h.text(private(worker.ID), worker, "/kb show "+caseID)
	if got := h.lastSend().Text; !strings.Contains(got, "案例：") || !strings.Contains(got, "第 1 版") {
		t.Errorf("/kb show case:\n%s", got)
	}
	h.text(private(worker.ID), worker, "/kb retire "+caseID)
	retire, ok := findButton(h.lastSend().Buttons, "✅ 确认停用")
	if !ok || !strings.Contains(h.lastSend().Text, "【停用】") {
		t.Fatalf("retire preview: %+v", h.lastSend())
	}
	h.press(private(worker.ID), worker, retire.Data)
	if h.version() != before+1 || h.replica.Current().KB.Case(caseID) != nil {
		t.Errorf("case not retired: version %d", h.version())
	}
	h.text(private(worker.ID), worker, "/kb retire "+caseID)
	if got := h.lastSend().Text; !strings.Contains(got, "已经停用") {
		t.Errorf("retiring twice: %q", got)
	}
	h.text(private(worker.ID), worker, "/kbstatus")
	if got := h.lastSend().Text; !strings.Contains(got, fmt.Sprintf("知识库第 %d 版", before+1)) || !strings.Contains(got, "tg:7") || !strings.Contains(got, "停用") {
		t.Errorf("/kbstatus:\n%s", got)
	}
}

func TestKBShowDocumentAndProvision(t *testing.T) {
	h := newLiveHarness(t, nil)
	doc := h.replica.Current().KB.Documents[0]
	h.text(private(worker.ID), worker, "/kb show "+doc.ID)
	if got := h.lastSend().Text; !strings.Contains(got, "《"+escapeHTML(doc.Title)+"》") || !strings.Contains(got, fmt.Sprintf("条文：%d 条", len(doc.Provisions))) {
		t.Errorf("/kb show document:\n%s", got)
	}
	p := doc.Provisions[0]
	h.text(private(worker.ID), worker, "/kb show "+p.ID)
	if got := h.lastSend().Text; !strings.Contains(got, escapeHTML(p.Article)) || !strings.Contains(got, "知识库第 1 版") {
		t.Errorf("/kb show provision:\n%s", got)
	}
	h.text(private(worker.ID), worker, "/kb show 没有这个")
	if got := h.lastSend().Text; !strings.Contains(got, "没有 id 为“没有这个”") {
		t.Errorf("/kb show unknown: %q", got)
	}
	h.text(private(worker.ID), worker, "/kb")
	if h.lastSend().Text != txtKBUsage {
		t.Errorf("/kb alone: %q", h.lastSend().Text)
	}
}

func TestStaffCommandsRefuseOthers(t *testing.T) {
	h := newLiveHarness(t, nil)
	for _, cmd := range []string{"/kb search 容错", "/kbstatus", "/addcase", "/kb retire x"} {
		h.text(private(alice.ID), alice, cmd)
		if h.lastSend().Text != txtStaffOnly {
			t.Errorf("%s by a cadre: %q", cmd, h.lastSend().Text)
		}
	}
	// A cadre pressing a staff member's confirmation changes nothing.
	h.upload(worker, "办法.txt", []byte(localRules))
	confirm, _ := findButton(h.lastSend().Buttons, "✅")
	before := h.version()
	h.press(private(alice.ID), alice, confirm.Data)
	if h.lastCallback() != txtStaffOnly || h.version() != before {
		t.Errorf("cadre confirm: %q, version %d → %d", h.lastCallback(), before, h.version())
	}
	// Another staff member may not confirm someone else's preview.
	other := User{ID: 8, Name: "另一位"}
	h.rs.SetRole(context.Background(), other.ID, conversation.RoleStaff, admin.ID, time.Now())
	h.press(private(other.ID), other, confirm.Data)
	if h.version() != before || !strings.Contains(h.lastSend().Text, "只有发起这次修改的人") {
		t.Errorf("someone else's confirm: version %d, %q", h.version(), h.lastSend().Text)
	}
}

func TestAddCaseGuidedFlow(t *testing.T) {
	h := newLiveHarness(t, nil)
	chat := private(worker.ID)
	before := h.version()
	h.text(chat, worker, "/addcase")
	h.text(chat, worker, "某县容缺审批推进项目开工案")
	h.text(chat, worker, "浙江某县")
	fieldPrompt := h.lastSend()
	if _, ok := findButton(fieldPrompt.Buttons, knowledge.Fields[1]); !ok {
		t.Fatalf("no field buttons: %+v", fieldPrompt)
	}
	h.text(chat, worker, "不是领域")
	if !strings.Contains(h.lastSend().Text, "第 3/7 步") {
		t.Errorf("a typed value that is no field asks again: %q", h.lastSend().Text)
	}
	field, _ := findButton(fieldPrompt.Buttons, knowledge.Fields[1])
	h.press(chat, worker, field.Data)
	h.press(chat, worker, field.Data) // pressed twice: the step has moved on
	if h.lastCallback() != txtCaseStale {
		t.Errorf("second press on a passed step: %q", h.lastCallback())
	}
	h.text(chat, worker, "某县在项目审批中对非关键材料实行容缺受理，先行开工，后补齐材料，未造成损失。")
	h.text(chat, worker, knowledge.Outcomes[0]) // typing the outcome works as well as the button
	h.text(chat, worker, "出于公心，经集体研究，及时纠正。")
	h.text(chat, worker, "https://example.org/case")
	preview := h.lastSend()
	if !strings.Contains(preview.Text, "案例《某县容缺审批推进项目开工案》") {
		t.Fatalf("case preview:\n%s", preview.Text)
	}
	if len(h.adv.questions()) != 0 {
		t.Error("the answers were taken as questions")
	}
	confirm, _ := findButton(preview.Buttons, "✅")
	h.press(chat, worker, confirm.Data)
	if h.version() != before+1 {
		t.Fatal("case not stored")
	}
	id := kblive.CaseID(kblive.CaseInput{Title: "某县容缺审批推进项目开工案", Region: "浙江某县"})
	c := h.replica.Current().KB.Case(id)
	if c == nil || c.Field != knowledge.Fields[1] || c.Outcome != knowledge.Outcomes[0] || c.Source != "https://example.org/case" {
		t.Fatalf("stored case: %+v", c)
	}
	// The flow is over: the next message is a question again.
	h.text(chat, worker, "什么是三个区分开来")
	if len(h.adv.questions()) != 1 {
		t.Error("a message after the flow is a question")
	}
}

func TestAddCaseCancelAndLapse(t *testing.T) {
	h := newLiveHarness(t, nil)
	chat := private(worker.ID)
	h.text(chat, worker, "/addcase")
	h.text(chat, worker, "标题")
	h.text(chat, worker, "/cancel")
	if h.lastSend().Text != txtCaseCancelled {
		t.Errorf("/cancel: %q", h.lastSend().Text)
	}
	h.text(chat, worker, "地区？")
	if len(h.adv.questions()) != 1 {
		t.Error("after /cancel a message is a question")
	}
	h.text(chat, worker, "/cancel")
	if h.lastSend().Text != txtNothingToCancel {
		t.Errorf("nothing to cancel: %q", h.lastSend().Text)
	}
	// The cancel button under a prompt.
	h.text(chat, worker, "/addcase")
	x, _ := findButton(h.lastSend().Buttons, "✖ 取消录入")
	h.press(chat, worker, x.Data)
	if h.lastCallback() != "已取消" {
		t.Errorf("cancel button: %q", h.lastCallback())
	}
	// A draft left for over an hour lapses.
	old := draft{Step: stepRegion, By: worker.ID, At: time.Now().Add(-2 * time.Hour).Unix()}
	v := old.value()
	h.rs.Save(context.Background(), conversation.Change{ChatID: worker.ID, Pending: &v})
	h.text(chat, worker, "浙江")
	sends := h.out.of("send")
	if !strings.Contains(sends[len(sends)-2].Out.Text, "超过 1 小时") || len(h.adv.questions()) != 2 {
		t.Errorf("lapsed draft: %q, %d questions", sends[len(sends)-2].Out.Text, len(h.adv.questions()))
	}
}

func TestStaffCallbackData(t *testing.T) {
	good := map[string]callbackData{
		kbData("0123456789abcdef", true): {kind: cbKB, token: "0123456789abcdef", yes: true},
		"k|0123456789abcdef|n":           {kind: cbKB, token: "0123456789abcdef"},
		"c|f|3":                          {kind: cbCase, step: 'f', index: 3},
		"c|o|0":                          {kind: cbCase, step: 'o'},
		"c|x":                            {kind: cbCase, step: 'x'},
	}
	for data, want := range good {
		if got, ok := parseCallback(data); !ok || got != want {
			t.Errorf("parseCallback(%q) = %+v %v, want %+v", data, got, ok, want)
		}
	}
	for _, data := range []string{"k|0123456789abcdeg|y", "k|0123|y", "k|0123456789abcdef|", "c|f|-1", "c|f|01", "c|f|100", "c|z|1", "c|x|1", "c|f"} {
		if _, ok := parseCallback(data); ok {
			t.Errorf("parseCallback(%q) accepted", data)
		}
	}
}

func FuzzStaffCallback(f *testing.F) {
	for _, s := range []string{"k|0123456789abcdef|y", "k|0123456789abcdef|n", "c|f|3", "c|o|0", "c|x", "c|f|99", "k||y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := parseCallback(s)
		if !ok {
			return
		}
		switch c.kind {
		case cbKB:
			if len(c.token) != 16 || kbData(c.token, c.yes) != s {
				t.Fatalf("%q read as token %q", s, c.token)
			}
		case cbCase:
			if c.step != 'x' && (c.step != 'f' && c.step != 'o' || c.index < 0 || c.index >= 100) {
				t.Fatalf("%q read as step %q index %d", s, c.step, c.index)
			}
		}
	})
}

// An upload's preview shows what was read or guessed about the document,
// and a button corrects a guess: the preview that follows shows the value
// staff chose, and confirming stores it.
func TestUploadMetadataCorrectedByButton(t *testing.T) {
	h := newLiveHarness(t, nil)
	h.upload(worker, "某县容错纠错实施办法.txt", []byte(localRules))
	preview := h.lastSend()
	if !strings.Contains(preview.Text, "地区：某县（❓推断") || !strings.Contains(preview.Text, "层级：规范性文件（❓推断") {
		t.Fatalf("preview does not show the guesses:\n%s", preview.Text)
	}
	national, ok := findButton(preview.Buttons, "地区→全国")
	if !ok {
		t.Fatalf("no region button: %+v", preview.Buttons)
	}
	h.press(private(worker.ID), worker, national.Data)
	if h.lastCallback() != "已更正" {
		t.Fatalf("callback %q", h.lastCallback())
	}
	fixed := h.lastSend()
	if !strings.Contains(fixed.Text, "地区：全国（工作人员更正）") {
		t.Fatalf("corrected preview:\n%s", fixed.Text)
	}
	// The old preview's buttons are stale; the new one's confirm works.
	confirm, _ := findButton(fixed.Buttons, "✅")
	before := h.version()
	h.press(private(worker.ID), worker, confirm.Data)
	if h.version() != before+1 {
		t.Fatalf("not stored: version %d", h.version())
	}
	// Someone who is not staff cannot press it.
	h.upload(worker, "某县容错纠错实施办法.txt", []byte(localRules+"第四条 新增。\n"))
	again, ok := findButton(h.lastSend().Buttons, "层级→")
	if !ok {
		t.Fatalf("no level buttons: %+v", h.lastSend().Buttons)
	}
	h.press(private(alice.ID), alice, again.Data)
	if h.lastCallback() != txtStaffOnly {
		t.Errorf("a cadre corrected an upload: %q", h.lastCallback())
	}
}

func TestMetaCallbackData(t *testing.T) {
	data := metaData("0123456789abcdef", "region", "全国")
	if got, ok := parseCallback(data); !ok || got != (callbackData{kind: cbMeta, token: "0123456789abcdef", key: "region", value: "全国"}) {
		t.Errorf("parseCallback(%q) = %+v %v", data, got, ok)
	}
	for _, bad := range []string{"m|0123456789abcdef|z|全国", "m|0123456789abcdef|r|", "m|0123|r|全国", "m|0123456789abcdeg|r|全国", "m|0123456789abcdef|r"} {
		if _, ok := parseCallback(bad); ok {
			t.Errorf("parseCallback(%q) accepted", bad)
		}
	}
}

// A file refused as no policy offers 仍然导入 to staff: pressed, the file
// is downloaded again and previewed forced, and confirming stores it.
func TestUploadRefusedAsNoPolicyCanBeForced(t *testing.T) {
	h := newLiveHarness(t, nil)
	chat := private(worker.ID)
	lunch := []byte("今天中午吃什么\n\n楼下新开了一家面馆，牛肉面二十块，味道还行。\n\n明天试试隔壁的饺子。\n")
	h.upload(worker, "lunch.txt", lunch)
	refused := h.lastSend()
	force, ok := findButton(refused.Buttons, "⚠ 仍然导入")
	if !strings.Contains(refused.Text, "看起来不是政策文件") || !ok {
		t.Fatalf("refusal without 仍然导入:\n%s\n%+v", refused.Text, refused.Buttons)
	}
	h.press(private(alice.ID), alice, force.Data) // not the uploader's chat, not staff
	if h.lastCallback() != txtStaffOnly {
		t.Errorf("a cadre forced an upload: %q", h.lastCallback())
	}
	before, downloads := h.version(), h.files.downloaded()
	h.press(chat, worker, force.Data)
	forced := h.lastSend()
	if h.files.downloaded() != downloads+1 || !strings.Contains(forced.Text, "按工作人员的要求仍然导入") || !strings.Contains(forced.Text, "【新增】《今天中午吃什么》") {
		t.Fatalf("forced preview:\n%s", forced.Text)
	}
	confirm, ok := findButton(forced.Buttons, "✅")
	if !ok {
		t.Fatalf("no confirmation: %+v", forced.Buttons)
	}
	h.press(chat, worker, confirm.Data)
	if h.version() != before+1 {
		t.Fatalf("forced upload not stored: version %d", h.version())
	}
	// The button is spent once the chat has moved on to another upload.
	h.upload(worker, "某县容错纠错实施办法.txt", []byte(localRules))
	h.press(chat, worker, force.Data)
	if h.lastCallback() != txtForceStale {
		t.Errorf("stale 仍然导入: %q", h.lastCallback())
	}
	// A file refused for another reason offers nothing.
	h.upload(worker, "坏的.pdf", []byte("%PDF-1.4 garbage"))
	if _, ok := findButton(h.lastSend().Buttons, "⚠"); ok {
		t.Errorf("仍然导入 offered for a broken file: %+v", h.lastSend().Buttons)
	}
}

// Staff correct any field of an upload, and its id, by replying with
// "字段：值" lines, as kb import's flags do; other messages are questions.
func TestUploadCorrectedByReply(t *testing.T) {
	h := newLiveHarness(t, nil)
	chat := private(worker.ID)
	h.upload(worker, "gbk.txt", []byte(localRules))
	preview := h.lastSend()
	if !strings.Contains(preview.Text, "（按层级、地区、年份和标题生成）") || !strings.Contains(preview.Text, "回复“地区：某县”") {
		t.Fatalf("preview does not show the id or how to correct:\n%s", preview.Text)
	}
	h.text(chat, worker, "id：moumou-county-rules\n地区：湖北省某县\n发文机关：中共某县委办公室\n施行日期：2023-05-01")
	fixed := h.lastSend()
	for _, want := range []string{"id: moumou-county-rules（工作人员指定）", "地区：湖北省某县（工作人员更正）", "发文机关：中共某县委办公室（工作人员更正）", "施行日期：2023-05-01（工作人员更正）"} {
		if !strings.Contains(fixed.Text, want) {
			t.Errorf("corrected preview lacks %q:\n%s", want, fixed.Text)
		}
	}
	if len(h.adv.questions()) != 0 {
		t.Error("the correction was taken as a question")
	}
	// A bad value changes nothing, the good lines with it included.
	h.text(chat, worker, "状态：失效\n层级：文件")
	if !strings.Contains(h.lastSend().Text, "层级的值“文件”无效") {
		t.Errorf("bad level: %q", h.lastSend().Text)
	}
	// A button after a reply corrects the latest preview, and a reply after
	// the button too.
	level, ok := findButton(fixed.Buttons, "层级→")
	if !ok {
		t.Fatalf("no level button: %+v", fixed.Buttons)
	}
	h.press(chat, worker, level.Data)
	h.text(chat, worker, "状态：失效")
	last := h.lastSend()
	if !strings.Contains(last.Text, "状态：失效（工作人员更正）") || !strings.Contains(last.Text, "id: moumou-county-rules") {
		t.Fatalf("second correction:\n%s", last.Text)
	}
	confirm, _ := findButton(last.Buttons, "✅")
	h.press(chat, worker, confirm.Data)
	d := h.replica.Current().KB.Document("moumou-county-rules")
	if d == nil || d.Region != "湖北省某县" || d.Issuer != "中共某县委办公室" || d.Status != "失效" {
		t.Fatalf("stored: %+v", d)
	}
	// With nothing staged, the same kind of line is a question.
	h.text(chat, worker, "地区：湖北省某县")
	if len(h.adv.questions()) != 1 {
		t.Errorf("after confirming, a message is a question: %d", len(h.adv.questions()))
	}
}

func TestForceCallbackData(t *testing.T) {
	if got, ok := parseCallback(forceData); !ok || got.kind != cbForce {
		t.Errorf("parseCallback(%q) = %+v %v", forceData, got, ok)
	}
	for _, bad := range []string{"u|x", "u|f|1", "u|"} {
		if _, ok := parseCallback(bad); ok {
			t.Errorf("parseCallback(%q) accepted", bad)
		}
	}
	fixes, ok := parseFixes("ID: a-b\n 地区：某县 \n\n施行日期：2023")
	if !ok || len(fixes) != 3 || fixes[0] != (fix{"id", "a-b"}) || fixes[1] != (fix{"region", "某县"}) {
		t.Errorf("parseFixes: %+v %v", fixes, ok)
	}
	for _, q := range []string{"什么是容错", "地区：某县\n我是乡镇干部", "备注：无"} {
		if _, ok := parseFixes(q); ok {
			t.Errorf("parseFixes(%q) read a correction", q)
		}
	}
}
