package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/internal/clip"
	"rongcuo/knowledge"
)

type harness struct {
	t     *testing.T
	bot   *Bot
	store *memStore
	adv   *fakeAdvisor
	out   *fakeSender
	upd   atomic.Int64
}

func newHarness(t *testing.T, edit func(*settings)) *harness {
	t.Helper()
	h := &harness{t: t, store: newMemStore()}
	h.start(settings{
		Config:       Config{Library: newFakeLibrary(), Store: h.store},
		Conversation: conversation.Config{Store: h.store.MemStore, PerMinute: 5, PerDay: 50},
	}, edit)
	return h
}

// settings are the bot's and its conversation service's, for a test to
// change.
type settings struct {
	Config
	Conversation conversation.Config
}

// start makes the harness's bot and its conversation service from st with
// the fakes and settings every test shares, then edit applied.
func (h *harness) start(st settings, edit func(*settings)) {
	h.t.Helper()
	h.adv, h.out = &fakeAdvisor{answer: assessing}, newFakeSender()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st.Conversation.Advisor, st.Conversation.Apply, st.Conversation.Admins = h.adv, fakeApply, []int64{1}
	st.Conversation.UserSecret, st.Conversation.Log = []byte("0123456789abcdef0123"), log
	st.Sender, st.Username, st.Groups, st.Config.Log = h.out, "rongcuo_bot", true, log
	if edit != nil {
		edit(&st)
	}
	svc, err := conversation.New(st.Conversation)
	if err != nil {
		h.t.Fatal(err)
	}
	st.Service = svc
	b, err := New(st.Config)
	if err != nil {
		h.t.Fatal(err)
	}
	h.bot = b
}

var alice = User{ID: 42, Name: "李 四", Username: "lisi"}

func (h *harness) text(chat Chat, from User, text string) {
	h.bot.Handle(context.Background(), Update{ID: h.upd.Add(1), Message: &Message{ID: 9, Chat: chat, From: from, Text: text}})
}

func (h *harness) msg(m Message) {
	h.bot.Handle(context.Background(), Update{ID: h.upd.Add(1), Message: &m})
}

func (h *harness) press(chat Chat, from User, data string) {
	h.bot.Handle(context.Background(), Update{ID: h.upd.Add(1), Callback: &Callback{ID: "cb", Chat: chat, From: from, MessageID: 5, Data: data}})
}

func private(id int64) Chat { return Chat{ID: id, Type: ChatPrivate} }

// lastSend returns the last message sent.
func (h *harness) lastSend() Out {
	h.t.Helper()
	s := h.out.of("send")
	if len(s) == 0 {
		h.t.Fatal("nothing was sent")
	}
	return s[len(s)-1].Out
}

func findButton(rows [][]Button, prefix string) (Button, bool) {
	for _, row := range rows {
		for _, b := range row {
			if strings.HasPrefix(b.Text, prefix) || strings.HasPrefix(b.Data, prefix) {
				return b, true
			}
		}
	}
	return Button{}, false
}

func TestQuestionIsAnsweredWithButtonsAndSaved(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "我为了项目<先干后批>，能容错吗？")
	out := h.lastSend()
	if !out.HTML || !strings.Contains(out.Text, "<b>初步判断：需要补充事实。</b>") || !strings.Contains(out.Text, "&lt;先干后批&gt;") {
		t.Errorf("answer not rendered with the user's words escaped:\n%s", out.Text)
	}
	if !strings.Contains(out.Text, "当时有文件明确禁止这种做法吗？") {
		t.Errorf("follow-up question missing from the text:\n%s", out.Text)
	}
	for _, want := range []string{"1 是", "1 否", "1 不清楚", "查看原文：问责条例第十七条", "👍", "👎"} {
		if _, ok := findButton(out.Buttons, want); !ok {
			t.Errorf("no %q button in %+v", want, out.Buttons)
		}
	}
	recs := h.store.records()
	if len(recs) != 1 {
		t.Fatalf("usage records = %d", len(recs))
	}
	r := recs[0]
	if r.Kind != conversation.KindAnswer || r.Intent != "assessment" || r.Verdict != "needs_more_facts" || r.ChatType != "private" ||
		strings.Join(r.Citations, ",") != "wzcl-2019#17" || strings.Join(r.Cases, ",") != "case-1" || r.Mode != "offline" ||
		r.Question != "我为了项目<先干后批>，能容错吗？" || r.Answer == "" || len(r.User) != 64 || r.User == "42" || r.At.IsZero() {
		t.Errorf("usage record = %+v", r)
	}
	if h.store.Case(42).AnswerID != r.AnswerID || len(h.store.Turns(42)) != 2 {
		t.Errorf("case not saved with the answer: %+v turns=%d", h.store.Case(42), len(h.store.Turns(42)))
	}

	// The second question carries the first as history.
	h.text(private(42), alice, "补充：经过了集体研究")
	qs := h.adv.questions()
	if len(qs[1].History) != 2 || qs[1].History[0].Text != "我为了项目<先干后批>，能容错吗？" || qs[1].Facts[assess.Motive].Status != assess.Favourable {
		t.Errorf("second question lacks the conversation: %+v", qs[1])
	}
}

func TestFollowUpButtonUpdatesTheFactsAndReassesses(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "我先办了手续")
	no, _ := findButton(h.lastSend().Buttons, "1 否")
	h.press(private(42), alice, no.Data)

	cbs := h.out.of("callback")
	if len(cbs) != 1 || cbs[0].CBText != "已记录：否" {
		t.Fatalf("callback answers: %+v", cbs)
	}
	qs := h.adv.questions()
	if len(qs) != 2 || qs[1].Text != "否" || qs[1].Facts[assess.ExplicitBan].Status != assess.Favourable {
		t.Fatalf("re-assessment not asked with the answer applied: %+v", qs)
	}
	recs := h.store.records()
	if last := recs[len(recs)-1]; last.Source != "followup" || last.Verdict != "likely_tolerable" || !strings.Contains(last.Question, "明确禁止") {
		t.Errorf("follow-up usage record = %+v", last)
	}
	// The same button again is stale: the case has a newer answer.
	h.press(private(42), alice, no.Data)
	if cbs := h.out.of("callback"); cbs[len(cbs)-1].CBText != txtStale {
		t.Errorf("stale press answered %q", cbs[len(cbs)-1].CBText)
	}
	if len(h.adv.questions()) != 2 {
		t.Error("a stale press must not re-ask the advisor")
	}
}

func TestTypedBareReplyAnswersTheFirstFollowUp(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "我先办了手续")
	h.text(private(42), alice, "不是")
	qs := h.adv.questions()
	if qs[1].Facts[assess.ExplicitBan].Status != assess.Favourable {
		t.Errorf("typed 不是 not applied to the open follow-up: %+v", qs[1].Facts)
	}
}

func TestTamperedCallbackDataGetsAPoliteAnswer(t *testing.T) {
	h := newHarness(t, nil)
	for _, data := range []string{"", "zz", "f|AAAA|motive|y", "f|abcdefgh|not_a_key|y", "f|abcdefgh|motive|q", "a|-5|y", "x|maybe", strings.Repeat("p", 65), "p|不存在#1"} {
		h.press(private(42), alice, data)
	}
	cbs := h.out.of("callback")
	if len(cbs) != 9 {
		t.Fatalf("every press must be answered: %d", len(cbs))
	}
	for _, c := range cbs {
		if c.CBText != txtBadButton && c.CBText != txtStale && c.CBText != txtNoProvision {
			t.Errorf("unexpected answer %q", c.CBText)
		}
	}
	if len(h.adv.questions()) != 0 || len(h.out.of("send")) != 0 {
		t.Error("tampered data must not act")
	}
}

func TestProvisionButtonShowsTheFullTextEscaped(t *testing.T) {
	h := newHarness(t, nil)
	h.press(private(42), alice, provisionData("wzcl-2019#17"))
	out := h.lastSend()
	if !strings.Contains(out.Text, "<b>《中国共产党问责条例》第十七条</b>") || !strings.Contains(out.Text, "免予问责：&lt;一&gt;") {
		t.Errorf("provision text:\n%s", out.Text)
	}
	long := newFakeLibrary().provs[1].ID
	data := provisionData(long)
	if len(data) > MaxCallbackData || !strings.HasPrefix(data, "h|") {
		t.Fatalf("long id data %q", data)
	}
	h.press(private(42), alice, data)
	if out := h.lastSend(); !strings.Contains(out.Text, "长编号条文") || !strings.Contains(out.Text, "待核对") {
		t.Errorf("hashed provision text:\n%s", out.Text)
	}
	// Staff replace that document by another with as many provisions: the
	// new long id is found too.
	lib := h.bot.cfg.Library.(*fakeLibrary)
	lib.provs[1] = &knowledge.Provision{ID: strings.Repeat("另一份很长的文件", 4) + "#1", Document: "另一份文件", Article: "第一条", Text: "替换后的条文"}
	h.press(private(42), alice, provisionData(lib.provs[1].ID))
	if out := h.lastSend(); !strings.Contains(out.Text, "替换后的条文") {
		t.Errorf("a long id after the knowledge base changed:\n%s", out.Text)
	}
}

func TestFeedbackWithReason(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "能容错吗")
	down, _ := findButton(h.lastSend().Buttons, "👎")
	h.press(private(42), alice, down.Data)
	if h.lastSend().Text != txtAskReason {
		t.Fatalf("no reason asked: %q", h.lastSend().Text)
	}
	h.text(private(42), alice, "引用的条文不对")
	if h.lastSend().Text != txtReasonThanks {
		t.Errorf("reason not acknowledged: %q", h.lastSend().Text)
	}
	recs := h.store.records()
	var rating, reason conversation.UsageRecord
	for _, r := range recs {
		if r.Kind == conversation.KindFeedback && r.Reason == "" {
			rating = r
		}
		if r.Kind == conversation.KindFeedback && r.Reason != "" {
			reason = r
		}
	}
	if rating.Rating != "down" || reason.Reason != "引用的条文不对" || rating.AnswerID != recs[0].AnswerID || reason.AnswerID != recs[0].AnswerID {
		t.Errorf("feedback records: %+v / %+v", rating, reason)
	}
	if len(h.adv.questions()) != 1 {
		t.Error("the reason must not go to the advisor")
	}
	// The next message is a question again.
	h.text(private(42), alice, "新问题")
	if len(h.adv.questions()) != 2 {
		t.Error("after the reason, messages are questions again")
	}
}

func TestDuplicateUpdateIsAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	u := Update{ID: 99, Message: &Message{Chat: private(42), From: alice, Text: "能容错吗"}}
	h.bot.Handle(context.Background(), u)
	h.bot.Handle(context.Background(), u)
	if n := len(h.out.of("send")); n != 1 {
		t.Errorf("sent %d messages for one update delivered twice", n)
	}
}

func TestRateLimitAndQuota(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.Conversation.PerMinute = 2; c.Conversation.PerDay = 100 })
	for i := range 3 {
		h.text(private(42), alice, fmt.Sprint("问题", i))
	}
	if h.lastSend().Text != txtRateLimited || len(h.adv.questions()) != 2 {
		t.Errorf("third question in a minute: %q, advisor asked %d times", h.lastSend().Text, len(h.adv.questions()))
	}
	h = newHarness(t, func(c *settings) { c.Conversation.PerMinute = 0; c.Conversation.PerDay = 1 })
	h.text(private(42), alice, "一")
	h.text(private(42), alice, "二")
	if want := fmt.Sprintf(txtQuotaExceeded, 1); h.lastSend().Text != want {
		t.Errorf("over the daily quota: %q", h.lastSend().Text)
	}
}

func TestGroups(t *testing.T) {
	group := Chat{ID: -100, Type: ChatSupergroup}
	h := newHarness(t, nil)
	h.text(group, alice, "大家好，今天开会")
	if n := len(h.out.all()); n != 0 {
		t.Fatalf("a group message without a mention got %d requests", n)
	}
	h.msg(Message{Chat: group, From: alice, Text: "@rongcuo_bot 先行先试出了问题能容错吗", Mentioned: true})
	qs := h.adv.questions()
	if len(qs) != 1 || strings.Contains(qs[0].Text, "@rongcuo_bot") {
		t.Errorf("mentioned question: %+v", qs)
	}
	h.msg(Message{Chat: group, From: alice, Text: "补充一下", ReplyToBot: true})
	if len(h.adv.questions()) != 2 {
		t.Error("a reply to the bot must be answered")
	}
	h.text(group, alice, "/help@other_bot")
	if len(h.out.of("send")) != 2 {
		t.Error("a command for another bot must be ignored")
	}

	off := newHarness(t, func(c *settings) { c.Groups = false })
	off.msg(Message{Chat: group, From: alice, Text: "@rongcuo_bot 你好", Mentioned: true})
	off.msg(Message{Chat: group, From: alice, Text: "@rongcuo_bot 在吗", Mentioned: true})
	sends := off.out.of("send")
	if len(sends) != 1 || sends[0].Out.Text != fmt.Sprintf(txtGroupsOff, "rongcuo_bot") || len(off.adv.questions()) != 0 {
		t.Errorf("groups off: %+v", sends)
	}
}

func TestEverythingElseAUserCanSend(t *testing.T) {
	h := newHarness(t, nil)
	cases := []struct {
		m    Message
		want string
	}{
		{Message{Kind: KindPhoto}, txtNotText},
		{Message{Kind: KindVoice}, txtNotText},
		{Message{Kind: KindDocument, Text: "说明"}, txtNotText},
		{Message{Kind: KindSticker}, txtSticker},
		{Message{Kind: KindLocation}, txtLocation},
		{Message{Kind: KindText, Text: "改过的", Edited: true}, txtEdited},
		{Message{Kind: KindText, Text: "转发的", Forwarded: true}, txtForwarded},
		{Message{Kind: KindText, Text: strings.Repeat("长", 2001)}, fmt.Sprintf(txtTooLong, 2001, 2000)},
		{Message{Kind: KindText, Text: "/nosuch"}, txtUnknownCommand},
		{Message{Kind: KindText, Text: "   "}, txtEmptyQuestion},
	}
	for _, c := range cases {
		c.m.Chat, c.m.From = private(42), alice
		h.msg(c.m)
		if got := h.lastSend().Text; got != c.want {
			t.Errorf("kind %v %q: replied %q, want %q", c.m.Kind, clip.Line(c.m.Text, 10), got, c.want)
		}
	}
	before := len(h.out.all())
	h.msg(Message{Chat: private(42), From: alice, Kind: KindService})
	h.msg(Message{Chat: private(42), From: User{ID: 5, IsBot: true}, Text: "bot"})
	if len(h.out.all()) != before {
		t.Error("service messages and other bots get silence")
	}
	if len(h.adv.questions()) != 0 {
		t.Error("none of these reach the advisor")
	}
}

func TestPanicIsRecoveredWithAnApology(t *testing.T) {
	h := newHarness(t, nil)
	h.adv.answer = func(advisor.Question) (advisor.Advice, error) { panic("boom") }
	h.text(private(42), alice, "能容错吗")
	if h.lastSend().Text != txtSorry {
		t.Errorf("after a panic: %q", h.lastSend().Text)
	}
	h.adv.answer = assessing
	h.text(private(42), alice, "再问一次")
	if !strings.Contains(h.lastSend().Text, "初步判断") {
		t.Error("the bot must keep working after a panic")
	}
}

func TestAdvisorErrorIsTold(t *testing.T) {
	h := newHarness(t, nil)
	h.adv.answer = func(advisor.Question) (advisor.Advice, error) { return advisor.Advice{}, errors.New("index gone") }
	h.text(private(42), alice, "能容错吗")
	if h.lastSend().Text != txtAdvisorFailed {
		t.Errorf("advisor failure: %q", h.lastSend().Text)
	}
	if r := h.store.records(); len(r) != 1 || !strings.Contains(r[0].Error, "index gone") {
		t.Errorf("failure not in the usage record: %+v", r)
	}
}

func TestStoreDownAnswersWithoutMemoryAndRecovers(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "第一个问题")
	h.store.setDown(true)
	h.text(private(42), alice, "第二个问题")
	out := h.lastSend()
	if !strings.HasPrefix(out.Text, escapeHTML(txtHistoryDown)) || !strings.Contains(out.Text, "第二个问题") {
		t.Errorf("answer during the outage:\n%s", out.Text)
	}
	if qs := h.adv.questions(); len(qs[1].History) != 0 {
		t.Error("no history can be given while the store is down")
	}
	h.store.setDown(false)
	h.text(private(42), alice, "第三个问题")
	qs := h.adv.questions()
	if len(qs[2].History) != 2 || qs[2].History[0].Text != "第一个问题" {
		t.Errorf("history after recovery: %+v", qs[2].History)
	}
	if strings.Contains(h.lastSend().Text, escapeHTML(txtHistoryDown)) {
		t.Error("the outage notice must go once the store is back")
	}
}

func TestStoreDownButtonsAndNewSaySo(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "我先办了手续")
	no, _ := findButton(h.lastSend().Buttons, "1 否")
	h.store.setDown(true)
	h.press(private(42), alice, no.Data)
	if cbs := h.out.of("callback"); cbs[len(cbs)-1].CBText != txtStoreDown {
		t.Errorf("a follow-up pressed while the store is down: %q", cbs[len(cbs)-1].CBText)
	}
	h.text(private(42), alice, "/new")
	if h.lastSend().Text != txtStoreDown {
		t.Errorf("/new while the store is down: %q", h.lastSend().Text)
	}
	if len(h.adv.questions()) != 1 {
		t.Error("nothing is asked while the case cannot be read")
	}
}

func TestGrantedRolesWhileTheStoreIsDown(t *testing.T) {
	h := newHarness(t, nil)
	granted := User{ID: 9, Name: "授权人员"}
	h.store.PutUser(conversation.User{ID: granted.ID, Role: conversation.RoleAdmin})
	h.store.setDown(true)
	for _, cmd := range []string{"/kbstatus", "/stats"} {
		h.text(private(granted.ID), granted, cmd)
		if h.lastSend().Text != txtCantVerify {
			t.Errorf("%s by a granted admin while the store is down: %q", cmd, h.lastSend().Text)
		}
	}
	h.msg(Message{Chat: private(granted.ID), From: granted, Kind: KindDocument, Document: &Document{FileID: "f", Name: "a.md", Size: 3}})
	if h.lastSend().Text != txtCantVerify {
		t.Errorf("an upload by a granted admin while the store is down: %q", h.lastSend().Text)
	}
	h.text(private(alice.ID), alice, "/kbstatus")
	if h.lastSend().Text != txtCantVerify {
		t.Errorf("a cadre's role cannot be told either: %q", h.lastSend().Text)
	}
}

func TestApprovalPolicy(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.Conversation.Access = conversation.AccessApproval })
	admin := User{ID: 1, Name: "管理员"}
	h.text(private(42), alice, "能容错吗")
	sends := h.out.of("send")
	if len(sends) != 2 {
		t.Fatalf("want a notice to the user and a request to the admin: %+v", sends)
	}
	var req Out
	for _, s := range sends {
		if s.Out.ChatID == 1 {
			req = s.Out
		} else if s.Out.Text != txtPending {
			t.Errorf("user told %q", s.Out.Text)
		}
	}
	if !strings.Contains(req.Text, "李 四 @lisi") || len(h.adv.questions()) != 0 {
		t.Fatalf("admin request: %+v", req)
	}
	h.text(private(42), alice, "还在吗")
	if n := len(h.out.of("send")); n != 3 {
		t.Errorf("admins must be asked once: %d sends", n)
	}
	approve, _ := findButton(req.Buttons, "✅")
	h.press(private(42), alice, approve.Data) // not an admin, and pending: refused by the access policy
	if cbs := h.out.of("callback"); cbs[len(cbs)-1].CBText != txtPending {
		t.Errorf("non-admin approval: %q", cbs[len(cbs)-1].CBText)
	}
	h.press(private(1), admin, approve.Data)
	if h.lastSend().ChatID != 42 || h.lastSend().Text != txtApproved {
		t.Errorf("user not told of approval: %+v", h.lastSend())
	}
	if edits := h.out.of("edit"); len(edits) != 1 || !strings.Contains(edits[0].Out.Text, "已批准") {
		t.Errorf("admin message not updated: %+v", edits)
	}
	h.text(private(42), alice, "能容错吗")
	if len(h.adv.questions()) != 1 {
		t.Error("an approved user is answered")
	}
}

func TestAllowlistAndWhoami(t *testing.T) {
	h := newHarness(t, func(c *settings) {
		c.Conversation.Access = conversation.AccessAllowlist
		c.Conversation.Staff = []int64{7}
	})
	h.text(private(42), alice, "能容错吗")
	if h.lastSend().Text != fmt.Sprintf(txtNotAllowed, 42) {
		t.Errorf("not on the list: %q", h.lastSend().Text)
	}
	h.text(private(7), User{ID: 7}, "/whoami")
	if got := h.lastSend().Text; !strings.Contains(got, "用户 ID：7") || !strings.Contains(got, "工作人员") {
		t.Errorf("whoami: %q", got)
	}
}

func TestCommands(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "/start")
	if out := h.lastSend(); !out.HTML || !strings.Contains(out.Text, "请勿输入任何涉密信息或敏感信息") {
		t.Errorf("/start: %q", out.Text)
	}
	h.text(private(42), alice, "/policy 问责")
	out := h.lastSend()
	if !strings.Contains(out.Text, "《中国共产党问责条例》第十七条") || !strings.Contains(out.Text, "&lt;一&gt;") {
		t.Errorf("/policy: %s", out.Text)
	}
	if b, ok := findButton(out.Buttons, "1. 查看原文"); !ok || b.Data != "p|wzcl-2019#17" {
		t.Errorf("/policy buttons: %+v", out.Buttons)
	}
	h.text(private(42), alice, "/cases 招商")
	if out := h.lastSend(); !strings.Contains(out.Text, "容缺审批案") || !strings.Contains(out.Text, "&lt;&gt;") {
		t.Errorf("/cases: %s", out.Text)
	}
	h.text(private(42), alice, "/cases 不存在的")
	if !strings.Contains(h.lastSend().Text, "没有找到") {
		t.Errorf("/cases nothing: %q", h.lastSend().Text)
	}

	h.text(private(42), alice, "我的案子")
	oldCase := h.store.Case(42).ID
	h.text(private(42), alice, "/new")
	if h.lastSend().Text != txtNewCase || h.store.Case(42).ID == oldCase {
		t.Errorf("/new: %q", h.lastSend().Text)
	}
	h.text(private(42), alice, "另一个案子")
	if qs := h.adv.questions(); len(qs[len(qs)-1].History) != 0 {
		t.Error("a new case starts without the old case's turns")
	}

	h.text(private(42), alice, "/forget")
	confirm, ok := findButton(h.lastSend().Buttons, "确认删除")
	if !ok {
		t.Fatalf("/forget asks first: %+v", h.lastSend())
	}
	if len(h.store.Turns(42)) == 0 {
		t.Fatal("nothing deleted before confirmation")
	}
	h.press(private(42), alice, confirm.Data)
	if len(h.store.Turns(42)) != 0 {
		t.Error("turns not deleted")
	}
	for _, r := range h.store.records() {
		if r.Kind == conversation.KindAnswer && (!r.Redacted || r.Question != "") {
			t.Errorf("record not redacted: %+v", r)
		}
	}
	if edits := h.out.of("edit"); len(edits) == 0 || !strings.HasPrefix(edits[len(edits)-1].Out.Text, "已删除") {
		t.Errorf("confirmation not updated: %+v", edits)
	}
}

func TestForgetPressedOutsideThePrivateChatErasesNothing(t *testing.T) {
	h := newHarness(t, nil)
	group := Chat{ID: -100, Type: ChatSupergroup}
	h.msg(Message{Chat: group, From: alice, Text: "@rongcuo_bot 先行先试出了问题能容错吗", Mentioned: true})
	h.press(group, alice, forgetData(true))
	if cbs := h.out.of("callback"); cbs[len(cbs)-1].CBText != txtForgetPrivate {
		t.Errorf("forget pressed in a group: %q", cbs[len(cbs)-1].CBText)
	}
	if h.store.Case(group.ID).ID == "" {
		t.Error("the group's conversation was erased for everyone")
	}
	for _, r := range h.store.records() {
		if r.Redacted {
			t.Errorf("record redacted: %+v", r)
		}
	}
}

func TestRejectedHTMLIsResentAsPlainText(t *testing.T) {
	h := newHarness(t, nil)
	h.out.reject = func(method string, m Out) error {
		if method == "send" && m.HTML {
			return fmt.Errorf("x: %w", ErrRejected)
		}
		return nil
	}
	h.text(private(42), alice, "能容错吗")
	sends := h.out.of("send")
	if len(sends) != 2 || !sends[0].Refused || sends[1].Out.HTML || strings.Contains(sends[1].Out.Text, "**") ||
		!strings.Contains(sends[1].Out.Text, "初步判断：需要补充事实。") || len(sends[1].Out.Buttons) == 0 {
		t.Errorf("fallback: %+v", sends)
	}
}

func TestLongAnswerIsSplitWithButtonsOnTheLast(t *testing.T) {
	h := newHarness(t, nil)
	var paras []string
	for i := 0; len(strings.Join(paras, "\n\n")) < 30000; i++ {
		paras = append(paras, fmt.Sprintf("**第%d段** %s", i, strings.Repeat("容错纠错", 40)))
	}
	long := strings.Join(paras, "\n\n")
	h.adv.answer = func(q advisor.Question) (advisor.Advice, error) {
		return advisor.Advice{Intent: advisor.IntentDefinition, Answer: long, Mode: "offline"}, nil
	}
	h.text(private(42), alice, "什么是容错")
	sends := h.out.of("send")
	if len(sends) < 3 {
		t.Fatalf("a %d-character answer went out in %d messages", len([]rune(long)), len(sends))
	}
	for i, s := range sends {
		if UTF16Len(s.Out.Text) > 4096 {
			t.Errorf("message %d is %d units long", i, UTF16Len(s.Out.Text))
		}
		if (len(s.Out.Buttons) > 0) != (i == len(sends)-1) {
			t.Errorf("buttons belong under the last message only (message %d)", i)
		}
		if !strings.HasPrefix(s.Out.Text, "<b>第") {
			t.Errorf("message %d does not start at a paragraph: %q", i, clip.Line(s.Out.Text, 20))
		}
	}
}

func TestStreamingDraftIsReplacedByTheAnswer(t *testing.T) {
	h := newHarness(t, nil)
	h.adv.answer = func(q advisor.Question) (advisor.Advice, error) {
		q.OnText("初步")
		if err := h.waitSent(1); err != nil {
			return advisor.Advice{}, err
		}
		q.OnText("初步判断")
		return assessing(q)
	}
	h.text(private(42), alice, "能容错吗")
	sends, edits := h.out.of("send"), h.out.of("edit")
	if len(sends) != 1 || !strings.HasPrefix(sends[0].Out.Text, "初步") || sends[0].Out.HTML {
		t.Fatalf("draft: %+v", sends)
	}
	last := edits[len(edits)-1]
	if last.EditID != 1 || !last.Out.HTML || !strings.Contains(last.Out.Text, "<b>初步判断") || len(last.Out.Buttons) == 0 {
		t.Errorf("final edit: %+v", last)
	}
}

// waitSent waits until n messages were sent.
func (h *harness) waitSent(n int) error {
	return h.out.wait("a message", func() bool { return len(h.out.of("send")) >= n })
}

func TestSlowAnswerShowsTyping(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.TypingAfter = time.Millisecond })
	h.adv.answer = func(q advisor.Question) (advisor.Advice, error) {
		if err := h.out.wait("the typing indicator", func() bool { return len(h.out.of("typing")) > 0 }); err != nil {
			return advisor.Advice{}, err
		}
		return assessing(q)
	}
	h.text(private(42), alice, "能容错吗")
	if !strings.Contains(h.lastSend().Text, "初步判断") {
		t.Errorf("slow answer: %q", h.lastSend().Text)
	}
}
