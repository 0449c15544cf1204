package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/kblive"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

func TestRouteNamesForMetrics(t *testing.T) {
	for pattern, want := range map[string]string{
		"GET /{$}": "get_root", "POST /ask": "post_ask", "POST /kb/upload": "post_kb_upload",
		"GET /history/{id}": "get_history_id", "GET /admin/logs/conversation": "get_admin_logs_conversation",
	} {
		if got := routeName(pattern); got != want {
			t.Errorf("routeName(%q) = %q, want %q", pattern, got, want)
		}
	}
}

func TestObserveSeesEveryRequestUnderItsRoute(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	replica := kblive.NewReplica(store, kblive.ReplicaOptions{})
	svc, err := conversation.New(conversation.Config{Advisor: &fakeAdvisor{}, Store: store, Apply: assess.Apply,
		UserSecret: []byte("0123456789abcdef"), Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string]int{}
	w, err := New(Config{Service: svc, Accounts: store, Index: replica.Index, Log: quiet,
		Observe: func(route string, h http.Handler) http.Handler {
			return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				mu.Lock()
				seen[route]++
				mu.Unlock()
				h.ServeHTTP(rw, r)
			})
		}})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/login", "/login", "/"} {
		w.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(context.Background(), http.MethodGet, path, nil))
	}
	if seen["get_login"] != 2 || seen["get_root"] != 1 {
		t.Errorf("observed %v", seen)
	}
}
