package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"rongcuo/bot/telegramtest"
	"rongcuo/conversation"
	"rongcuo/redisstore"
)

// Replicas of `rongcuo serve` as real processes: this test binary run again
// with RONGCUO_TEST_REPLICA=1 is `rongcuo serve`, so a test can kill one.
func init() {
	if os.Getenv("RONGCUO_TEST_REPLICA") != "1" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, []string{"serve"}, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "rongcuo:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// topology is a Redis deployment the test starts: its URL for rongcuo, and
// how to restart the node that holds the data (or one of them).
type topology struct {
	name    string
	url     string
	restart func()
}

func singleRedis(t testing.TB) topology {
	r := startRedis(t)
	return topology{name: "single", url: r.url(), restart: func() { r.stop(); r.start() }}
}

// clusterRedis is three masters made a cluster with redis-cli.
func clusterRedis(t testing.TB) topology {
	if _, err := exec.LookPath("redis-cli"); err != nil {
		t.Fatal("this test needs redis-cli to create a cluster (apt-get install redis-tools)")
	}
	var nodes []*redisProc
	var addrs []string
	for range 3 {
		n := startRedis(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000")
		nodes = append(nodes, n)
		addrs = append(addrs, "127.0.0.1:"+n.port)
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, a := range addrs {
		deadline := time.Now().Add(waitFor)
		for {
			out, _ := exec.Command("redis-cli", "-h", "127.0.0.1", "-p", strings.TrimPrefix(a, "127.0.0.1:"), "cluster", "info").Output()
			if bytes.Contains(out, []byte("cluster_state:ok")) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("cluster node %s not ok:\n%s", a, out)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	url := "redis://" + addrs[0] + "?addr=" + addrs[1] + "&addr=" + addrs[2]
	return topology{name: "cluster", url: url, restart: func() { nodes[1].stop(); nodes[1].start() }}
}

// sentinelRedis is a master, its replica and two Sentinels watching them.
func sentinelRedis(t testing.TB) topology {
	master := startRedis(t)
	startRedis(t, "--replicaof", "127.0.0.1", master.port)
	var sentinels []string
	for range 2 {
		port := freePortTB(t)
		dir := t.TempDir()
		conf := fmt.Sprintf("port %s\nbind 127.0.0.1\ndir %s\nsentinel monitor rongcuo 127.0.0.1 %s 1\nsentinel down-after-milliseconds rongcuo 5000\nsentinel failover-timeout rongcuo 10000\n", port, dir, master.port)
		path := dir + "/sentinel.conf"
		if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("redis-server", path, "--sentinel")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		sentinels = append(sentinels, "127.0.0.1:"+port)
	}
	url := "redis://" + sentinels[0] + "/0?master_name=rongcuo&addr=" + sentinels[1]
	deadline := time.Now().Add(waitFor)
	for {
		rdb, err := redisstore.Connect(url)
		if err != nil {
			t.Fatal(err)
		}
		err = rdb.Ping(context.Background()).Err()
		rdb.Close()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sentinels do not lead to the master: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// A restart quicker than down-after-milliseconds: the same master
	// comes back, with its append-only file.
	return topology{name: "sentinel", url: url, restart: func() { master.stop(); master.start() }}
}

// replica is one `rongcuo serve` process.
type replica struct {
	cmd    *exec.Cmd
	listen string
	ops    string
	out    *syncBuffer
	done   chan struct{}
}

func startProcess(t testing.TB, env map[string]string) *replica {
	t.Helper()
	r := &replica{listen: "127.0.0.1:" + freePortTB(t), ops: "127.0.0.1:" + freePortTB(t), out: &syncBuffer{}, done: make(chan struct{})}
	r.cmd = exec.Command(os.Args[0], "-test.run=^$")
	r.cmd.Env = append(os.Environ(), "RONGCUO_TEST_REPLICA=1", "RONGCUO_LISTEN="+r.listen, "RONGCUO_OPS_LISTEN="+r.ops)
	for k, v := range env {
		r.cmd.Env = append(r.cmd.Env, k+"="+v)
	}
	r.cmd.Stdout, r.cmd.Stderr = r.out, r.out
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.cmd.Wait(); close(r.done) }()
	t.Cleanup(func() {
		r.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-r.done:
		case <-time.After(waitFor):
			r.cmd.Process.Kill()
			<-r.done
		}
		if t.Failed() {
			log := r.out.String()
			t.Logf("replica %s's log (the end):\n%s", r.listen, log[max(0, len(log)-4000):])
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + r.ops + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(r.out.String(), "webhook listening") {
				return r
			}
		}
		select {
		case <-r.done:
			t.Fatalf("replica exited at start:\n%s", r.out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica not ready:\n%s", r.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *replica) ready() bool {
	resp, err := http.Get("http://" + r.ops + "/readyz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

// loadResult is what a run under faults did.
type loadResult struct {
	updates, answered, duplicates, lost  int
	usageMissing, usageDoubled, usageAll int
	pendingAtKill                        int64
	// unmarked are the answers Telegram accepted before Redis was
	// restarted whose mark never reached Redis: the killed replica's in
	// the window between Telegram accepting an answer and its mark (its
	// requests on the wire at the kill among them), the most that can be
	// sent twice.
	unmarked        int
	backlogAtEnd    int64
	took            time.Duration
	readyAfterRedis time.Duration
}

func (l loadResult) String() string {
	return fmt.Sprintf("%d updates: %d answered, %d duplicate answers, %d unanswered; usage records %d (missing %d, doubled %d); "+
		"%d updates pending at the kill, %d answers accepted and never marked sent, %d queued at the end; %.0f updates/s; ready %v after Redis came back",
		l.updates, l.answered, l.duplicates, l.lost, l.usageAll, l.usageMissing, l.usageDoubled, l.pendingAtKill, l.unmarked, l.backlogAtEnd,
		float64(l.updates)/l.took.Seconds(), l.readyAfterRedis.Round(time.Millisecond))
}

// runReplicas starts two replicas in webhook mode behind a round-robin
// proxy on top, delivers users×each text updates as Telegram does (again
// until a 200), killing one replica after a third of them and restarting
// Redis after two thirds when faults is set, and counts what the users got.
func runReplicas(t testing.TB, top topology, users, each int, faults bool) loadResult {
	api := telegramtest.New(t, testToken)
	prefix := "test:" + conversation.NewID() + ":"
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": testToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": top.url, "RONGCUO_REDIS_PREFIX": prefix,
		"RONGCUO_USER_SECRET": testSecret, "RONGCUO_MODE": "webhook", "RONGCUO_WEBHOOK_SECRET": "hook-secret",
		"RONGCUO_RATE_PER_MINUTE": "0", "RONGCUO_DAILY_QUOTA": "0", "RONGCUO_CHAT_INTERVAL": "1ms", "RONGCUO_SEND_RATE": "0",
		"RONGCUO_QUEUE_RECLAIM": "2s", "RONGCUO_SHUTDOWN_TIMEOUT": "5s", "RONGCUO_RETENTION_EVERY": "0", "RONGCUO_LOG_LEVEL": "info",
	}
	// The proxy's address goes in the webhook URL, so it comes first, with
	// the replicas filled in once they listen.
	var backends []*replica
	var mu sync.Mutex
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := roundRobinHandler(backends)
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	env["RONGCUO_WEBHOOK_URL"] = proxy.URL + "/tg/hook"
	a := startProcess(t, env)
	b := startProcess(t, env)
	mu.Lock()
	backends = []*replica{a, b}
	mu.Unlock()

	store, err := redisstore.Open(context.Background(), top.url, redisstore.Options{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	total := users * each
	var posted atomic.Int64
	var res loadResult
	res.updates = total
	killed, restarted := make(chan struct{}), make(chan struct{})
	var restartAt time.Time
	faultDone := make(chan struct{})
	go func() {
		defer close(faultDone)
		if !faults {
			return
		}
		for posted.Load() < int64(total/3) {
			time.Sleep(5 * time.Millisecond)
		}
		b.cmd.Process.Signal(syscall.SIGKILL)
		<-b.done
		if n, err := store.UpdateQueue("probe").Pending(context.Background()); err == nil {
			res.pendingAtKill = n
		}
		close(killed)
		for posted.Load() < int64(2*total/3) {
			time.Sleep(5 * time.Millisecond)
		}
		restartAt = time.Now()
		top.restart()
		back := time.Now()
		for !a.ready() {
			time.Sleep(5 * time.Millisecond)
		}
		res.readyAfterRedis = time.Since(back)
		close(restarted)
	}()

	start := time.Now()
	var wg sync.WaitGroup
	for u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := telegramtest.From{ID: int64(5000 + u), Name: "用户", Username: fmt.Sprintf("u%d", u)}
			for i := range each {
				id := int64(900_000 + u*each + i)
				text := fmt.Sprintf("第%d号用户的第%d个问题：先行先试出了问题，能容错吗？", u, i)
				for attempt := 0; ; attempt++ {
					code, err := api.PostID(telegramtest.Text(user.ID, "private", user, text), id, "hook-secret")
					if err == nil && code == 200 {
						break
					}
					if attempt > 2000 {
						t.Errorf("update %d never taken: %d %v", id, code, err)
						return
					}
					time.Sleep(20 * time.Millisecond) // Telegram waits before it delivers again
				}
				posted.Add(1)
			}
		}()
	}
	wg.Wait()
	<-faultDone

	// Every update answered: the last message of an answer carries the
	// rating buttons.
	answers := func() map[int64]int {
		per := map[int64]int{}
		for _, c := range api.Calls() {
			if c.Method == "sendMessage" && !c.Failed && strings.Contains(fmt.Sprint(c.Buttons), "👍") {
				per[c.ChatID]++
			}
		}
		return per
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		n := 0
		for _, k := range answers() {
			n += min(k, each)
		}
		if n >= total || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	res.took = time.Since(start)
	time.Sleep(3 * time.Second) // a late duplicate (a reclaim) would show by now
	for u := range users {
		k := answers()[int64(5000+u)]
		res.answered += min(k, each)
		res.duplicates += max(k-each, 0)
		res.lost += max(each-k, 0)
	}
	if faults {
		ids := make([]int64, 0, total)
		for u := range users {
			for i := range each {
				ids = append(ids, int64(900_000+u*each+i))
			}
		}
		sent, err := store.UpdateQueue("probe").SentMessages(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		// Message ids count per chat; an update's chat is in its id.
		type message struct {
			chat int64
			id   int
		}
		marked := map[message]bool{}
		for u, ms := range sent {
			for _, m := range ms {
				marked[message{int64(5000 + (u-900_000)/int64(each)), m}] = true
			}
		}
		for _, c := range api.Calls() {
			if c.Method == "sendMessage" && !c.Failed && strings.Contains(fmt.Sprint(c.Buttons), "👍") && c.At.Before(restartAt) && !marked[message{c.ChatID, c.MessageID}] {
				res.unmarked++
			}
		}
	}
	// Answered updates are acknowledged and leave the stream.
	for wait := time.Now().Add(10 * time.Second); ; {
		res.backlogAtEnd, _ = store.UpdateQueue("probe").Backlog(context.Background())
		if res.backlogAtEnd == 0 || time.Now().After(wait) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Every answer's usage record, once.
	var recs []conversation.UsageRecord
	deadline = time.Now().Add(30 * time.Second)
	for {
		recs, err = store.Usage(context.Background(), "-", "+", int64(total*4))
		if err == nil && len(recs) >= total || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	seen := map[string]int{}
	for _, r := range recs {
		if r.Kind == conversation.KindAnswer {
			seen[r.Question]++
			res.usageAll++
		}
	}
	for u := range users {
		for i := range each {
			switch n := seen[fmt.Sprintf("第%d号用户的第%d个问题：先行先试出了问题，能容错吗？", u, i)]; {
			case n == 0:
				res.usageMissing++
			case n > 1:
				res.usageDoubled += n - 1
			}
		}
	}
	return res
}

// roundRobinHandler is the load balancer in front of the replicas: each
// request goes to the next replica, and to the one after when that one is
// down.
func roundRobinHandler(backends []*replica) http.Handler {
	client := &http.Client{Timeout: 10 * time.Second}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		start := int(rrNext.Add(1))
		for i := range backends {
			b := backends[(start+i)%len(backends)]
			req, _ := http.NewRequest(r.Method, "http://"+b.listen+r.URL.Path, bytes.NewReader(body))
			req.Header = r.Header.Clone()
			resp, err := client.Do(req)
			if err != nil {
				continue // down: the next one
			}
			w.WriteHeader(resp.StatusCode)
			io.Copy(w, resp.Body)
			resp.Body.Close()
			return
		}
		http.Error(w, "no replica answers", http.StatusBadGateway)
	})
}

var rrNext atomic.Int64

// TestReplicasLoseNothingUnderFaults: two replicas behind a round-robin
// proxy on a single Redis, a Cluster of three masters and a Sentinel-watched
// master; 500 updates from 50 users; one replica killed (SIGKILL) after a
// third, the Redis node holding the data restarted after two thirds. Every
// update is answered and has exactly one usage record. An answer is sent
// twice only when Telegram accepted it from the killed replica and the
// replica died before the answer's mark reached Redis: the Bot API takes
// no idempotency key, so that window (one Redis write) stays open.
func TestReplicasLoseNothingUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Redis processes and replicas; not in -short")
	}
	for _, c := range []struct {
		name string
		mk   func(testing.TB) topology
	}{{"single", singleRedis}, {"cluster", clusterRedis}, {"sentinel", sentinelRedis}} {
		t.Run(c.name, func(t *testing.T) {
			top := c.mk(t)
			res := runReplicas(t, top, 50, 10, true)
			t.Logf("%s: %s", top.name, res)
			if res.lost != 0 || res.usageMissing != 0 || res.usageDoubled != 0 || res.backlogAtEnd != 0 {
				t.Errorf("lost or doubled: %s", res)
			}
			if res.duplicates > res.unmarked {
				t.Errorf("%d duplicate answers, more than the %d answers accepted (before Redis was restarted) and never marked sent", res.duplicates, res.unmarked)
			}
		})
	}
}

// BenchmarkReplicas reports updates answered per second by two replicas
// (separate processes, webhook mode, behind the round-robin proxy) on one
// Redis, the real offline advisor answering, with no fault.
func BenchmarkReplicas(b *testing.B) {
	top := singleRedis(b)
	each := max(1, b.N/50)
	b.ResetTimer()
	res := runReplicas(b, top, 50, each, false)
	b.StopTimer()
	if res.lost != 0 {
		b.Fatalf("unanswered: %s", res)
	}
	b.ReportMetric(float64(res.updates)/res.took.Seconds(), "updates/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkReadyAfterRedisReturns reports how long a replica's /readyz
// stays 503 after its Redis answers PING again (stopped with SIGTERM,
// started on its append-only file).
func BenchmarkReadyAfterRedisReturns(b *testing.B) {
	top := singleRedis(b)
	api := telegramtest.New(b, testToken)
	r := startProcess(b, map[string]string{
		"TELEGRAM_BOT_TOKEN": testToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": top.url, "RONGCUO_REDIS_PREFIX": "test:" + conversation.NewID() + ":",
		"RONGCUO_USER_SECRET": testSecret, "RONGCUO_MODE": "webhook", "RONGCUO_WEBHOOK_SECRET": "hook-secret",
		"RONGCUO_WEBHOOK_URL": "http://127.0.0.1:1/tg/hook", "RONGCUO_RETENTION_EVERY": "0",
	})
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		top.restart()
		back := time.Now()
		b.StartTimer()
		for !r.ready() {
			time.Sleep(time.Millisecond)
		}
		total += time.Since(back)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-ready")
}
