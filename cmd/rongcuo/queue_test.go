package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/bot/telegramtest"
)

// blockedAdvisor never answers until released.
type blockedAdvisor struct{ entered, release chan struct{} }

func (s blockedAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	select {
	case s.entered <- struct{}{}:
	default:
	}
	<-s.release
	return advisor.Advice{Intent: advisor.IntentDefinition, Answer: "迟到的回答", Mode: "offline"}, nil
}

type echoAdvisor struct{}

func (echoAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	return advisor.Advice{Intent: advisor.IntentDefinition, Answer: "答：" + q.Text, Mode: "offline"}, nil
}

func TestServeShutdownLeavesTheBacklogForTheNextStart(t *testing.T) {
	blocked := blockedAdvisor{entered: make(chan struct{}, 1), release: make(chan struct{})}
	defer close(blocked.release)
	first := startServe(t, map[string]string{"RONGCUO_SHUTDOWN_TIMEOUT": "200ms"}, serveDeps{advisor: blocked})
	var ids []int64
	for _, q := range []string{"问题一", "问题二", "问题三"} {
		ids = append(ids, first.api.Push(telegramtest.Text(cadre.ID, "private", cadre, q)))
	}
	<-blocked.entered // the first in hand, the others waiting behind it
	if err := first.stop(); err != nil {
		t.Fatal(err)
	}
	log := first.stderr.String()
	if !strings.Contains(log, "updates left unanswered") || !strings.Contains(log, "updates=3") {
		t.Errorf("the shutdown does not say how many updates were left:\n%s", log)
	}
	for _, id := range ids {
		if !strings.Contains(log, strconv.FormatInt(id, 10)) {
			t.Errorf("update %d not named in the shutdown log", id)
		}
	}
	if n := first.count(cadre.ID); n != 0 {
		t.Fatalf("%d answers before the restart", n)
	}

	// The next start (same Redis, same bot) answers all three, each once.
	next := startReplica(t, first.api, map[string]string{"RONGCUO_REDIS_PREFIX": first.prefix}, serveDeps{advisor: echoAdvisor{}})
	for _, q := range []string{"问题一", "问题二", "问题三"} {
		next.waitMessage(t, cadre.ID, 0, "答："+q)
	}
	if n := next.count(cadre.ID); n != 3 {
		t.Errorf("%d answers for 3 updates:\n%s", n, telegramtest.Dump(next.api.Calls()))
	}
}

// Two replicas in polling mode: one polls (the lease holder), both answer;
// when the poller stops, the other takes over polling.
func TestServeOnePollerAmongReplicas(t *testing.T) {
	a := startServe(t, nil, serveDeps{advisor: echoAdvisor{}})
	b := startReplica(t, a.api, map[string]string{"RONGCUO_REDIS_PREFIX": a.prefix}, serveDeps{advisor: echoAdvisor{}})
	polls := func(r *running) bool { return strings.Contains(r.stderr.String(), "this replica polls Telegram") }
	eventually(t, "a poller", func() bool { return polls(a) || polls(b) })
	if polls(a) == polls(b) {
		t.Fatalf("both replicas or neither poll: a %v b %v", polls(a), polls(b))
	}
	first, other := a, b
	if polls(b) {
		first, other = b, a
	}
	first.api.Push(telegramtest.Text(cadre.ID, "private", cadre, "问题一"))
	other.waitMessage(t, cadre.ID, 0, "答：问题一")

	if err := first.stop(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the other replica to take over polling", func() bool { return polls(other) })
	other.api.Push(telegramtest.Text(cadre.ID, "private", cadre, "问题二"))
	other.waitMessage(t, cadre.ID, 0, "答：问题二")
	if n := other.count(cadre.ID); n != 2 {
		t.Errorf("%d answers to 2 questions", n)
	}
}

// A stop that comes while the bot is still deleting the webhook before it
// polls is a clean stop, not a failure.
func TestServeStoppedBeforeItPollsStopsCleanly(t *testing.T) {
	api := telegramtest.New(t, testToken)
	target, err := url.Parse(api.URL())
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(target)
	deleting, release := make(chan struct{}, 1), make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/deleteWebhook") {
			forward.ServeHTTP(w, r)
			return
		}
		// The fake API records the call; its answer is held until the bot
		// gives up on it (or the test ends).
		forward.ServeHTTP(httptest.NewRecorder(), r)
		select {
		case deleting <- struct{}{}:
		default:
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release)
	r := startReplica(t, api, map[string]string{"TELEGRAM_API_URL": slow.URL}, serveDeps{advisor: echoAdvisor{}})
	select {
	case <-deleting:
	case <-time.After(waitFor):
		t.Fatal("serve never asked to delete the webhook")
	}
	if err := r.stop(); err != nil {
		t.Errorf("stopped while deleting the webhook: %v, want a clean stop", err)
	}
}
