package redisstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// SetLogger routes go-redis's own log lines (a pool that cannot dial, a
// Sentinel switching masters…) through log at warning level, instead of
// the library printing them to stderr; a line repeated within ten seconds
// is said once, with the count of the repeats. It sets the library's
// logger for the whole process.
func SetLogger(log *slog.Logger) {
	redis.SetLogger(&slogLogger{log: log})
}

type slogLogger struct {
	log *slog.Logger

	mu       sync.Mutex
	last     string
	lastAt   time.Time
	repeated int
}

func (l *slogLogger) Printf(ctx context.Context, format string, v ...any) {
	line := strings.TrimSpace(fmt.Sprintf(format, v...))
	now := time.Now()
	l.mu.Lock()
	if line == l.last && now.Sub(l.lastAt) < 10*time.Second {
		l.repeated++
		l.mu.Unlock()
		return
	}
	repeated := l.repeated
	l.last, l.lastAt, l.repeated = line, now, 0
	l.mu.Unlock()
	if repeated > 0 {
		l.log.WarnContext(ctx, "redis client", "detail", line, "repeats_before", repeated)
		return
	}
	l.log.WarnContext(ctx, "redis client", "detail", line)
}

// OnError calls fn with the command's name ("pipeline" for a pipeline)
// whenever a command sent by the store fails; redis.Nil (no such key) is
// not a failure.
func (s *Store) OnError(fn func(op string)) {
	s.rdb.AddHook(errorHook{fn})
}

type errorHook struct{ fn func(op string) }

func (h errorHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h errorHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if failed(err) {
			h.fn(cmd.Name())
		}
		return err
	}
}

func (h errorHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if failed(err) {
			h.fn("pipeline")
		}
		return err
	}
}

func failed(err error) bool { return err != nil && !errors.Is(err, redis.Nil) }
