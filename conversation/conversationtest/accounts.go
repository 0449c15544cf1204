package conversationtest

import (
	"context"
	"testing"
	"time"

	"rongcuo/conversation"
)

// RunAccounts runs the suite every conversation.Accounts must pass; open
// returns a fresh, empty store.
func RunAccounts(t *testing.T, open func(t *testing.T) conversation.Accounts) {
	t.Run("Accounts", func(t *testing.T) { accounts(t, open(t)) })
	t.Run("Sessions", func(t *testing.T) { sessions(t, open(t)) })
	t.Run("LoginTokens", func(t *testing.T) { loginTokens(t, open(t)) })
	t.Run("Throttle", func(t *testing.T) { throttle(t, open(t)) })
}

// eventually waits for cond, polling, for at most five seconds: expiry is
// the store's own clock's business.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func accounts(t *testing.T, s conversation.Accounts) {
	ctx := context.Background()
	a, err := s.PutAccount(ctx, conversation.Account{Name: "Wang", Hash: "h1"})
	if err != nil {
		t.Fatal(err)
	}
	if a.UserID < conversation.WebUserBase || a.Created.IsZero() {
		t.Errorf("new account: %+v", a)
	}
	b, _ := s.PutAccount(ctx, conversation.Account{Name: "li", Hash: "h2"})
	if b.UserID == a.UserID {
		t.Error("two accounts share a user id")
	}
	again, err := s.PutAccount(ctx, conversation.Account{Name: "WANG", Hash: "h3"})
	if err != nil || again.UserID != a.UserID || again.Hash != "h3" {
		t.Errorf("updating a password: %+v %v", again, err)
	}
	got, ok, err := s.Account(ctx, "wang")
	if err != nil || !ok || got.Hash != "h3" || got.UserID != a.UserID || got.Name != "Wang" {
		t.Errorf("lookup: %+v %v %v", got, ok, err)
	}
	tg, _ := s.PutAccount(ctx, conversation.Account{Name: "tele", UserID: 42, Hash: "h4"})
	if tg.UserID != 42 {
		t.Errorf("an account for a known user got id %d", tg.UserID)
	}
	list, err := s.AccountList(ctx)
	if err != nil || len(list) != 3 || list[0].Name != "li" || list[2].Name != "Wang" {
		t.Errorf("list: %+v %v", list, err)
	}
	if ok, _ := s.RemoveAccount(ctx, "Wang"); !ok {
		t.Error("removing an account reported none")
	}
	if ok, _ := s.RemoveAccount(ctx, "wang"); ok {
		t.Error("removing twice reported one")
	}
	if _, ok, _ := s.Account(ctx, "wang"); ok {
		t.Error("a removed account still signs in")
	}
	if list, _ := s.AccountList(ctx); len(list) != 2 {
		t.Errorf("after removal: %+v", list)
	}
}

func sessions(t *testing.T, s conversation.Accounts) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	for _, ls := range []conversation.LoginSession{
		{ID: "s1", UserID: 5, Name: "wang", CSRF: "c1", Created: now, Seen: now},
		{ID: "s2", UserID: 5, Name: "wang", CSRF: "c2", Created: now, Seen: now},
		{ID: "s3", UserID: 6, Name: "li", CSRF: "c3", Created: now, Seen: now},
	} {
		if err := s.PutSession(ctx, ls, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := s.LoginSession(ctx, "s1")
	if err != nil || !ok || got.UserID != 5 || got.CSRF != "c1" || got.Name != "wang" || !got.Created.Equal(now) {
		t.Errorf("session: %+v %v %v", got, ok, err)
	}
	later := now.Add(time.Minute)
	if err := s.TouchSession(ctx, "s1", later, time.Hour); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.LoginSession(ctx, "s1"); !got.Seen.Equal(later) {
		t.Errorf("touched session seen %v, want %v", got.Seen, later)
	}
	if err := s.EndSession(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.LoginSession(ctx, "s1"); ok {
		t.Error("an ended session lives on")
	}
	if n, err := s.EndSessions(ctx, 5); err != nil || n != 1 {
		t.Errorf("logout everywhere ended %d, %v; want the one left", n, err)
	}
	if _, ok, _ := s.LoginSession(ctx, "s2"); ok {
		t.Error("logout everywhere left a session")
	}
	if _, ok, _ := s.LoginSession(ctx, "s3"); !ok {
		t.Error("another user's session ended")
	}
	if err := s.TouchSession(ctx, "s2", later, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.LoginSession(ctx, "s2"); ok {
		t.Error("touching an ended session revived it")
	}
	if err := s.PutSession(ctx, conversation.LoginSession{ID: "idle", UserID: 7, Created: now, Seen: now}, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the idle session to end", func() bool { _, ok, _ := s.LoginSession(ctx, "idle"); return !ok })
}

func loginTokens(t *testing.T, s conversation.Accounts) {
	ctx := context.Background()
	if err := s.PutLoginToken(ctx, "t1", 42, time.Minute); err != nil {
		t.Fatal(err)
	}
	if id, ok, err := s.TakeLoginToken(ctx, "t1"); err != nil || !ok || id != 42 {
		t.Errorf("first use: %d %v %v", id, ok, err)
	}
	if _, ok, _ := s.TakeLoginToken(ctx, "t1"); ok {
		t.Error("a login token worked twice")
	}
	if _, ok, _ := s.TakeLoginToken(ctx, "never"); ok {
		t.Error("an unknown token worked")
	}
	// An expired token never works; taking it also deletes it, so the
	// check is a single take after the token's time has certainly passed.
	s.PutLoginToken(ctx, "t2", 42, 30*time.Millisecond)
	start := time.Now()
	eventually(t, "the token's time to pass", func() bool { return time.Since(start) > 100*time.Millisecond })
	if _, ok, _ := s.TakeLoginToken(ctx, "t2"); ok {
		t.Error("an expired token worked")
	}
}

func throttle(t *testing.T, s conversation.Accounts) {
	ctx := context.Background()
	for i := 1; i <= 3; i++ {
		if n, err := s.Fail(ctx, "acct:wang", time.Hour); err != nil || n != int64(i) {
			t.Fatalf("failure %d counted as %d, %v", i, n, err)
		}
	}
	if n, _ := s.Failures(ctx, "acct:wang"); n != 3 {
		t.Errorf("failures = %d", n)
	}
	if n, _ := s.Failures(ctx, "ip:1.2.3.4"); n != 0 {
		t.Errorf("another key has %d", n)
	}
	if err := s.ClearFailures(ctx, "acct:wang"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Failures(ctx, "acct:wang"); n != 0 {
		t.Errorf("cleared failures = %d", n)
	}
	s.Fail(ctx, "short", 50*time.Millisecond)
	eventually(t, "the failure window to pass", func() bool { n, _ := s.Failures(ctx, "short"); return n == 0 })
}
