package redisstore

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// go-redis prints some failures (a pool that cannot dial, say) on stderr
// through a global logger of its own, before the error they cause reaches
// the store's caller, which reports that error once in its own words. Until
// SetLogger routes them (serve does, to its log), those lines are dropped: a
// command-line user whose Redis is down reads one clear line.
func init() { redis.SetLogger(silent{}) }

type silent struct{}

func (silent) Printf(context.Context, string, ...any) {}
