package redisstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Options tune the store. Zero values take the defaults.
type Options struct {
	Prefix      string        // key prefix, default "rongcuo:"
	HistoryKeep int           // turns kept per chat, default 20
	HistoryTTL  time.Duration // how long a quiet chat's turns and case live, default 30 days
	UsageMaxLen int64         // approximate length cap of the usage stream, default 1,000,000
	Retention   time.Duration // how long usage records keep their texts, default 180 days (see Retain)
}

func (o Options) withDefaults() Options {
	if o.Prefix == "" {
		o.Prefix = "rongcuo:"
	}
	if o.HistoryKeep <= 0 {
		o.HistoryKeep = 20
	}
	if o.HistoryTTL <= 0 {
		o.HistoryTTL = 30 * 24 * time.Hour
	}
	if o.UsageMaxLen <= 0 {
		o.UsageMaxLen = 1_000_000
	}
	if o.Retention <= 0 {
		o.Retention = DefaultRetention
	}
	return o
}

// Store is the bot's Redis storage. It is safe for concurrent use.
type Store struct {
	rdb   redis.UniversalClient
	opts  Options
	batch *batcher // Begin's and Save's round trips, shared under load
}

// New returns a store on an existing client.
func New(rdb redis.UniversalClient, opts Options) *Store {
	return &Store{rdb: rdb, opts: opts.withDefaults(), batch: &batcher{rdb: rdb}}
}

// Connect opens a client for a redis:// or rediss:// URL: a single node, a
// Sentinel group when the URL has master_name=, or a Cluster when it lists
// further nodes with addr=. Timeouts not set in the URL are kept short so a
// Redis outage costs a user a second, not a minute.
func Connect(rawURL string) (redis.UniversalClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("redisstore: REDIS_URL is not a valid URL")
	}
	q := u.Query()
	switch {
	case q.Has("master_name"):
		o, err := redis.ParseFailoverURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse sentinel URL: %w", err)
		}
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = short(o.DialTimeout), short(o.ReadTimeout), short(o.WriteTimeout)
		o.Protocol = resp(o.Protocol)
		return redis.NewFailoverClient(o), nil
	case q.Has("addr"):
		o, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse cluster URL: %w", err)
		}
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = short(o.DialTimeout), short(o.ReadTimeout), short(o.WriteTimeout)
		o.Protocol = resp(o.Protocol)
		return redis.NewClusterClient(o), nil
	default:
		o, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse URL: %w", err)
		}
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = short(o.DialTimeout), short(o.ReadTimeout), short(o.WriteTimeout)
		o.Protocol = resp(o.Protocol)
		if o.MaxRetries == 0 {
			o.MaxRetries = 1
		}
		return redis.NewClient(o), nil
	}
}

// Open connects to the Redis at rawURL (see Connect) and returns a store on
// it once Redis has answered, within five seconds: how every command that
// needs Redis starts, so a wrong URL or a Redis that is down says so at once.
func Open(ctx context.Context, rawURL string, opts Options) (*Store, error) {
	rdb, err := Connect(rawURL)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		rdb.Close()
		return nil, &UnreachableError{URL: Redacted(rawURL), Err: err}
	}
	return New(rdb, opts), nil
}

// UnreachableError is Open's error when Redis does not answer: the address
// (password masked) and the cause.
type UnreachableError struct {
	URL string
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("redisstore: cannot reach Redis at %s: %v", e.URL, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// resp is the protocol spoken unless the URL names one (protocol=3): RESP2,
// since the store uses nothing RESP3 adds (push notifications, client-side
// caching), and go-redis then skips looking for push notifications before
// every reply, which cost about a tenth of the bot's own CPU per message.
func resp(p int) int {
	if p == 0 {
		return 2
	}
	return p
}

func short(d time.Duration) time.Duration {
	if d == 0 {
		return time.Second
	}
	return d
}

// Redacted returns the URL with any password replaced, for logs.
func Redacted(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redisstore: ping: %w", err)
	}
	return nil
}

// Close closes the client.
func (s *Store) Close() error { return s.rdb.Close() }

// Client returns the underlying client (for hooks in benchmarks).
func (s *Store) Client() redis.UniversalClient { return s.rdb }

func (s *Store) chatKey(chatID int64, suffix string) string {
	return s.opts.Prefix + "{c:" + strconv.FormatInt(chatID, 10) + "}:" + suffix
}

func (s *Store) userKey(userID int64) string {
	return s.opts.Prefix + "{u:" + strconv.FormatInt(userID, 10) + "}"
}

func (s *Store) usageKey() string { return s.opts.Prefix + "usage" }
func (s *Store) usersKey() string { return s.opts.Prefix + "users" }
