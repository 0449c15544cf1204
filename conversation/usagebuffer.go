package conversation

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Usage records the store could not take (Redis down) wait in a bounded
// buffer, mirrored to a spool file when one is configured so a restart does
// not lose them either, and are written when the store answers again: after
// the next save that works, and every few seconds from Run. Records beyond
// the bound are dropped and counted.

// DefaultUsageBuffer is how many usage records wait for the store at most.
const DefaultUsageBuffer = 10_000

// buffered is a usage record waiting, with the Once it was saved with.
type buffered struct {
	UsageRecord
	Once int64 `json:",omitempty"`
}

type usageBuffer struct {
	flush   sync.Mutex // held by FlushUsage
	mu      sync.Mutex
	recs    []buffered
	max     int
	dropped int64
	spool   string
}

// Observer is told what the service does, for metrics. Every method must be
// cheap and safe for concurrent use.
type Observer interface {
	// Answered is called once per answer given (or failed): the channel
	// ("telegram" or "web"), the advisor's intent, verdict and mode,
	// whether a model answer fell back to offline, and how long it took.
	Answered(channel, intent, verdict, mode string, fallback bool, took time.Duration)
	// UsageBuffered reports the records waiting for the store.
	UsageBuffered(n int)
	// UsageDropped counts a record dropped because the buffer was full.
	UsageDropped()
}

type noObserver struct{}

func (noObserver) Answered(string, string, string, string, bool, time.Duration) {}
func (noObserver) UsageBuffered(int)                                            {}
func (noObserver) UsageDropped()                                                {}

// Channel names the channel of a chat for metrics: "web" or "telegram".
func Channel(c Chat) string {
	if c.Type == ChatWeb {
		return ChatWeb
	}
	return "telegram"
}

func (s *Service) observe(chat Chat, rec *UsageRecord) {
	s.obs.Answered(Channel(chat), rec.Intent, rec.Verdict, rec.Mode, rec.Fallback != "", rec.Latency)
}

// save writes a change; when the store fails, the change's usage record is
// buffered. It reports whether the usage record is kept (written or
// buffered).
func (s *Service) save(ctx context.Context, c Change) bool {
	err := s.cfg.Store.Save(ctx, c)
	if err == nil {
		s.flushSoon()
		return true
	}
	s.log.Warn("not saved; the usage record waits for the store", "chat", c.ChatID, "err", err)
	if c.Usage == nil {
		return false
	}
	return s.buffer(*c.Usage, c.Once)
}

// buffer keeps a record for later; false when the buffer is full and the
// record is dropped.
func (s *Service) buffer(r UsageRecord, once int64) bool {
	b := s.buf
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.recs) >= b.max {
		b.dropped++
		s.obs.UsageDropped()
		s.log.Error("usage record dropped: the buffer is full while the store is down", "kind", r.Kind, "answer", r.AnswerID, "dropped", b.dropped)
		return false
	}
	b.recs = append(b.recs, buffered{r, once})
	if b.spool != "" {
		if err := appendSpool(b.spool, buffered{r, once}); err != nil {
			s.log.Warn("usage spool not written; the record is kept in memory only", "err", err)
		}
	}
	s.obs.UsageBuffered(len(b.recs))
	return true
}

// UsageBuffered returns the records waiting for the store and how many were
// dropped since the start.
func (s *Service) UsageBuffered() (waiting int, dropped int64) {
	s.buf.mu.Lock()
	defer s.buf.mu.Unlock()
	return len(s.buf.recs), s.buf.dropped
}

// flushSoon starts a flush in the background when records wait and none is
// running.
func (s *Service) flushSoon() {
	s.buf.mu.Lock()
	waiting := len(s.buf.recs) > 0
	s.buf.mu.Unlock()
	if !waiting || !s.flushing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.flushing.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s.FlushUsage(ctx)
	}()
}

// FlushUsage writes the buffered records, oldest first, until the store
// fails; it returns how many it wrote. One flush runs at a time: two would
// write the same records.
func (s *Service) FlushUsage(ctx context.Context) (int, error) {
	s.buf.flush.Lock()
	defer s.buf.flush.Unlock()
	s.buf.mu.Lock()
	recs := append([]buffered(nil), s.buf.recs...)
	s.buf.mu.Unlock()
	n := 0
	var err error
	for i := range recs {
		if err = s.cfg.Store.Save(ctx, Change{Usage: &recs[i].UsageRecord, Once: recs[i].Once}); err != nil {
			break
		}
		n++
	}
	if n > 0 {
		b := s.buf
		b.mu.Lock()
		b.recs = b.recs[n:]
		left := len(b.recs)
		if b.spool != "" {
			if werr := writeSpool(b.spool, b.recs); werr != nil {
				s.log.Warn("usage spool not rewritten; written records may be written again after a restart", "err", werr)
			}
		}
		b.mu.Unlock()
		s.obs.UsageBuffered(left)
		s.log.Info("buffered usage records written", "records", n, "waiting", left)
	}
	if err != nil {
		return n, fmt.Errorf("conversation: flush usage records: %w", err)
	}
	return n, nil
}

// Run writes buffered usage records every period while they wait, until
// ctx ends; then it tries once more and says what is left (kept in the
// spool file when there is one, lost otherwise).
func (s *Service) Run(ctx context.Context, period time.Duration) {
	if period <= 0 {
		period = 5 * time.Second
	}
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			s.FlushUsage(fctx)
			cancel()
			if left, _ := s.UsageBuffered(); left > 0 {
				if s.buf.spool != "" {
					s.log.Warn("usage records still wait for the store; kept in the spool file for the next start", "records", left, "spool", s.buf.spool)
				} else {
					s.log.Error("usage records lost at shutdown: the store did not answer and no spool file is set (RONGCUO_USAGE_SPOOL)", "records", left)
				}
			}
			return
		case <-t.C:
			if left, _ := s.UsageBuffered(); left > 0 {
				s.FlushUsage(ctx)
			}
		}
	}
}

// loadSpool reads the records a previous run left in the spool file.
func (b *usageBuffer) loadSpool() (int, error) {
	f, err := os.Open(b.spool)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var r buffered
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue // a line cut by a crash
		}
		if len(b.recs) >= b.max {
			b.dropped++
			continue
		}
		b.recs = append(b.recs, r)
	}
	return len(b.recs), sc.Err()
}

func appendSpool(path string, r buffered) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(append(line, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeSpool replaces the spool file with recs, through a rename so a crash
// leaves the old or the new one whole.
func writeSpool(path string, recs []buffered) error {
	if len(recs) == 0 {
		err := os.Remove(path)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".usage-spool-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			continue
		}
		w.Write(append(line, '\n'))
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
