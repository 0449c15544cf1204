package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"rongcuo/assess"
	"rongcuo/conversation"
)

// Faults found by trying the bot as an attacker and an unlucky operator
// would; each test failed before its fix.

// feedback returns the feedback records, and the latest rating per answer
// as /stats counts them.
func feedback(recs []conversation.UsageRecord) (n int, up, down int) {
	latest := map[string]string{}
	for _, r := range recs {
		if r.Kind == conversation.KindFeedback {
			n++
			latest[r.AnswerID] = r.Rating
		}
	}
	for _, r := range latest {
		switch r {
		case "up":
			up++
		case "down":
			down++
		}
	}
	return n, up, down
}

func TestForgedRatingsAreNotCounted(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.Conversation.PerMinute = 0 })
	h.text(private(42), alice, "我先办了手续，能容错吗")
	up, _ := findButton(h.lastSend().Buttons, "👍")
	down, _ := findButton(h.lastSend().Buttons, "👎")

	// Thirty presses naming answers nobody was given.
	for range 30 {
		h.press(private(42), alice, rateData(conversation.NewID(), true))
	}
	// The real answer's id pressed from another chat.
	bob := User{ID: 43, Name: "赵六"}
	h.press(private(43), bob, up.Data)
	if n, _, _ := feedback(h.store.records()); n != 0 {
		t.Fatalf("%d feedback records from forged presses", n)
	}
	cbs := h.out.of("callback")
	if len(cbs) != 31 || cbs[0].CBText != conversation.TextUnknownAnswer || cbs[30].CBText != conversation.TextUnknownAnswer {
		t.Fatalf("forged presses answered %d times, first %q", len(cbs), cbs[0].CBText)
	}

	// The real 👍 counts once however often it is pressed, and a press
	// Telegram delivers again is ignored.
	h.press(private(42), alice, up.Data)
	h.press(private(42), alice, up.Data)
	again := Update{ID: 5000, Callback: &Callback{ID: "again", Chat: private(42), From: alice, MessageID: 5, Data: down.Data}}
	h.bot.Handle(context.Background(), again)
	h.bot.Handle(context.Background(), again)
	n, ups, downs := feedback(h.store.records())
	if n != 2 || ups != 0 || downs != 1 {
		t.Errorf("%d feedback records, %d up / %d down; want 2 records (👍 once, then changed to 👎) counting 0 / 1", n, ups, downs)
	}
	if got := len(h.out.of("callback")); got != 31+4 {
		t.Errorf("%d callback answers; every press (the redelivery too) must be answered once", got)
	}
}

func TestRatingsPassTheAccessPolicyAndTheRateLimit(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.Conversation.PerMinute = 2 })
	h.text(private(42), alice, "能容错吗")
	up, _ := findButton(h.lastSend().Buttons, "👍")
	down, _ := findButton(h.lastSend().Buttons, "👎")
	h.press(private(42), alice, up.Data)   // the second request this minute
	h.press(private(42), alice, down.Data) // the third: over the limit
	if n, ups, _ := feedback(h.store.records()); n != 1 || ups != 1 {
		t.Errorf("%d feedback records (%d up): a rating over the rate limit must not count", n, ups)
	}
	if cbs := h.out.of("callback"); cbs[len(cbs)-1].CBText != txtRateLimited {
		t.Errorf("rating over the limit answered %q", cbs[len(cbs)-1].CBText)
	}

	al := newHarness(t, func(c *settings) { c.Conversation.Access = conversation.AccessAllowlist })
	al.press(private(42), alice, rateData("abcdefgh", true))
	if n, _, _ := feedback(al.store.records()); n != 0 {
		t.Error("an unlisted user's rating was recorded")
	}
	if cbs := al.out.of("callback"); len(cbs) != 1 || cbs[0].CBText != fmt.Sprintf(txtNotAllowed, alice.ID) {
		t.Errorf("unlisted user's rating answered: %+v", cbs)
	}
}

func TestEveryCallbackPassesTheAccessPolicy(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.Conversation.Access = conversation.AccessAllowlist })
	long := newFakeLibrary().provs[1].ID
	for _, data := range []string{provisionData("wzcl-2019#17"), provisionData(long), forgetData(true)} {
		h.press(private(42), alice, data)
	}
	if sends := h.out.of("send"); len(sends) != 0 {
		t.Errorf("an unlisted user got %d messages, first %q", len(sends), sends[0].Out.Text)
	}
	for _, c := range h.out.of("callback") {
		if c.CBText != fmt.Sprintf(txtNotAllowed, alice.ID) {
			t.Errorf("unlisted user's press answered %q", c.CBText)
		}
	}
	// An admin (by the settings) still reads provisions.
	h.press(private(1), User{ID: 1}, provisionData("wzcl-2019#17"))
	if out := h.lastSend(); out.ChatID != 1 || !strings.Contains(out.Text, "第十七条") {
		t.Errorf("admin's 查看原文: %+v", out)
	}

	ap := newHarness(t, func(c *settings) { c.Conversation.Access = conversation.AccessApproval })
	ap.press(private(42), alice, provisionData("wzcl-2019#17"))
	if sends := ap.out.of("send"); len(sends) != 1 || sends[0].Out.ChatID != 1 {
		t.Errorf("under approval a new user's press sends %+v; want only the request to the admin", sends)
	}
}

var errBotAPIDown = errors.New("telegram: send message: dial tcp 127.0.0.1:443: connect: connection refused")

func TestAnswerNotReceivedIsRecordedSo(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.SendBackoff = 1e6 })
	h.out.reject = func(method string, m Out) error {
		if method == "send" {
			return errBotAPIDown
		}
		return nil
	}
	h.text(private(42), alice, "我先办了手续，能容错吗")
	if n := len(h.out.of("send")); n != 4 {
		t.Errorf("%d tries; want the first and 3 retries", n)
	}
	recs := h.store.records()
	if len(recs) != 1 {
		t.Fatalf("%d usage records", len(recs))
	}
	r := recs[0]
	if r.Delivery != conversation.DeliveryFull && r.Delivery != conversation.DeliveryNone {
		t.Errorf("delivery %q", r.Delivery)
	}
	if r.Delivery != conversation.DeliveryNone || !strings.Contains(r.Error, "connection refused") {
		t.Errorf("the usage record of an answer never received: delivery %q, error %q", r.Delivery, r.Error)
	}
	if c := h.store.Case(42); len(c.FollowUps) != 0 || c.AnswerID != "" {
		t.Errorf("the case keeps follow-up questions the user never saw: %+v", c)
	}

	// A failure that passes: the retry delivers and the record says so.
	fails := 2
	h.out.reject = func(method string, m Out) error {
		if method == "send" && fails > 0 {
			fails--
			return errBotAPIDown
		}
		return nil
	}
	h.text(private(42), alice, "我先办了手续，能容错吗")
	recs = h.store.records()
	if r := recs[len(recs)-1]; r.Delivery != conversation.DeliveryFull || r.Error != "" {
		t.Errorf("delivered on the third try: delivery %q, error %q", r.Delivery, r.Error)
	}
	if c := h.store.Case(42); len(c.FollowUps) != 1 || c.AnswerID != recs[len(recs)-1].AnswerID {
		t.Errorf("the delivered answer's case: %+v", c)
	}
}

func TestTypedReplyDuringAnOutageIsNotAQuestion(t *testing.T) {
	h := newHarness(t, nil)
	h.text(private(42), alice, "我先办了手续，能容错吗")
	h.store.setDown(true)
	h.text(private(42), alice, "否")
	if len(h.adv.questions()) != 1 {
		t.Errorf("a typed 否 with the case unreadable went to the advisor as a question: %+v", h.adv.questions()[1].Text)
	}
	if got := h.lastSend().Text; got != txtStoreDown {
		t.Errorf("told %q", got)
	}
}

func TestRateLimitNoticesAreLimited(t *testing.T) {
	h := newHarness(t, func(c *settings) { c.Conversation.PerMinute = 2 })
	for i := range 12 {
		h.text(private(42), alice, fmt.Sprint("问题", i))
	}
	notices := 0
	for _, s := range h.out.of("send") {
		if s.Out.Text == txtRateLimited {
			notices++
		}
	}
	if notices != 1 || len(h.adv.questions()) != 2 {
		t.Errorf("%d rate-limit notices for 10 messages over the limit (advisor asked %d times); want one per minute", notices, len(h.adv.questions()))
	}
	// Presses over the limit are answered (the spinner stops) without a text.
	h.press(private(42), alice, followUpData("abcdefgh", assess.ExplicitBan, assess.Yes))
	if cbs := h.out.of("callback"); len(cbs) != 1 || cbs[0].CBText != "" {
		t.Errorf("a press over the limit: %+v", cbs)
	}
}
