package main

import (
	"context"
	"net"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// redisProc is a redis-server the test started on a free loopback port, its
// data (append-only, fsync on every write) in a directory of the test's, so
// it can be stopped and started again with what it held.
type redisProc struct {
	t    testing.TB
	port string
	dir  string
	args []string
	cmd  *exec.Cmd
}

// startRedis starts a redis-server with extra arguments; it is killed when
// the test ends. Under -short the test is skipped before anything starts.
func startRedis(t testing.TB, extra ...string) *redisProc {
	t.Helper()
	redistest.Needed(t)
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Fatal("this test starts its own redis-server, which is not installed (apt-get install redis-server)")
	}
	r := &redisProc{t: t, port: freePortTB(t), dir: t.TempDir(), args: extra}
	r.start()
	t.Cleanup(r.kill)
	return r
}

func (r *redisProc) url() string { return "redis://127.0.0.1:" + r.port + "/0" }

func (r *redisProc) start() {
	r.t.Helper()
	args := append([]string{"--port", r.port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
		"--appendfsync", "always", "--dir", r.dir, "--protected-mode", "no"}, r.args...)
	r.cmd = exec.Command("redis-server", args...)
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.wait()
}

// wait waits until the server answers PING (LOADING counts as not yet).
func (r *redisProc) wait() {
	r.t.Helper()
	rdb, err := redisstore.Connect("redis://127.0.0.1:" + r.port + "/0")
	if err != nil {
		r.t.Fatal(err)
	}
	defer rdb.Close()
	deadline := time.Now().Add(waitFor)
	for {
		err := rdb.Ping(context.Background()).Err()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("redis-server on port %s did not start: %v", r.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop shuts the server down as an operator would (SIGTERM) and waits.
func (r *redisProc) stop() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Signal(syscall.SIGTERM)
		r.cmd.Wait()
		r.cmd = nil
	}
}

func (r *redisProc) kill() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Kill()
		r.cmd.Wait()
		r.cmd = nil
	}
}

// freePortTB returns a free loopback port whose cluster bus port (the port
// plus 10,000) is free too.
func freePortTB(t testing.TB) string {
	t.Helper()
	for range 100 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		if port >= 55000 {
			continue
		}
		bus, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000))
		if err != nil {
			continue
		}
		bus.Close()
		return strconv.Itoa(port)
	}
	t.Fatal("no free port below 55000")
	return ""
}
