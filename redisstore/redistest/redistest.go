// Package redistest gives each test a Redis client on REDIS_URL (default
// redis://127.0.0.1:6379/0) under a key prefix of its own, and deletes the
// test's keys when it ends. A test fails, never skips, when Redis does not
// answer: storage tests must run against a real Redis. Under -short (make
// test-short) every test that needs Redis is skipped, by Client, Require or
// Needed, before it reaches one.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"rongcuo/redisstore"
)

// URL is the Redis the tests use.
func URL() string {
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/0"
}

// Client returns a client on URL and a fresh key prefix; the keys under the
// prefix are deleted and the client closed when the test ends.
func Client(t testing.TB) (redis.UniversalClient, string) {
	t.Helper()
	Needed(t)
	rdb := connect(t, URL())
	prefix := Prefix(t)
	t.Cleanup(func() {
		Clean(t, rdb, prefix)
		rdb.Close()
	})
	return rdb, prefix
}

// Needed marks a test that needs a Redis (or starts a redis-server): it is
// skipped under -short.
func Needed(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs Redis; not run under -short")
	}
}

// connect opens a client on url, failing the test when Redis does not answer.
func connect(t testing.TB, url string) redis.UniversalClient {
	t.Helper()
	s, err := redisstore.Open(context.Background(), url, redisstore.Options{})
	if err != nil {
		t.Fatalf("redistest: %v; start one or run the tests with ./scripts/with-redis", err)
	}
	return s.Client()
}

// Prefix returns a key prefix unique to this test run.
func Prefix(t testing.TB) string {
	var b [6]byte
	rand.Read(b[:])
	return "test:" + hex.EncodeToString(b[:]) + ":"
}

// Clean deletes every key under prefix, and those whose hash tag starts
// with it ({PREFIX…}).
func Clean(t testing.TB, rdb redis.UniversalClient, prefix string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var keys []string
	for _, match := range []string{prefix + "*", "{" + prefix + "*"} {
		iter := rdb.Scan(ctx, 0, match, 1000).Iterator()
		for iter.Next(ctx) {
			keys = append(keys, iter.Val())
		}
		if err := iter.Err(); err != nil {
			t.Errorf("redistest: clean %s: %v", prefix, err)
			return
		}
	}
	// One DEL per key: on a Cluster the keys sit on different slots.
	pipe := rdb.Pipeline()
	for _, k := range keys {
		pipe.Del(ctx, k)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		t.Errorf("redistest: clean %s: %v", prefix, err)
	}
}

// Require fails the test with a clear message when Redis does not answer at url.
func Require(t testing.TB, url string) {
	t.Helper()
	Needed(t)
	connect(t, url).Close()
}

// RoundTrips counts the network round trips a client makes: one per command
// sent alone and one per pipeline.
type RoundTrips struct{ n atomic.Int64 }

// Count installs a counting hook on rdb.
func Count(rdb redis.UniversalClient) *RoundTrips {
	rt := &RoundTrips{}
	rdb.AddHook(rt)
	return rt
}

// N returns the round trips so far.
func (rt *RoundTrips) N() int64 { return rt.n.Load() }

func (rt *RoundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (rt *RoundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		rt.n.Add(1)
		return next(ctx, cmd)
	}
}

func (rt *RoundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		rt.n.Add(1)
		return next(ctx, cmds)
	}
}
