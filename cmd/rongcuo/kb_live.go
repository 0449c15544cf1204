package main

import (
	"context"
	"fmt"

	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// With REDIS_URL set, every kb command works on the live knowledge base in
// Redis; without it, on the embedded corpus or the --kb files. The first
// command to reach an empty live knowledge base seeds it from the files
// (the embedded corpus, or --kb DIR when given), as `serve` does.

// liveOptions are the Redis settings every kb subcommand takes.
type liveOptions struct {
	RedisURL string
	Prefix   string
	after    func()
}

func (o *liveOptions) declare(s *settings) {
	o.after = secretSetting(s, &o.RedisURL, "redis", "REDIS_URL", "Redis URL of the live knowledge base; empty: the embedded or --kb files (secret)")
	s.String(&o.Prefix, "redis-prefix", "RONGCUO_REDIS_PREFIX", defaultRedisPrefix, "prefix of every Redis key")
}

// parse parses the subcommand's flags and reads the secret from the
// environment; it returns flag.ErrHelp for -h.
func (o *liveOptions) parse(s *settings, args []string) error {
	if err := s.Parse(args); err != nil {
		return err
	}
	o.after()
	return nil
}

func (o *liveOptions) live() bool { return o.RedisURL != "" }

// openLive connects to the live knowledge base, seeding it when empty.
func openLive(ctx context.Context, e env, g *globalOptions, o *liveOptions) (*kblive.Service, *redisstore.Store, error) {
	store, err := redisstore.Open(ctx, o.RedisURL, redisstore.Options{Prefix: o.Prefix})
	if err != nil {
		return nil, nil, err
	}
	svc := kblive.NewService(store, kblive.Options{})
	v, err := store.KBVersion(ctx)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	if v == 0 {
		kb, err := loadKB(g, e.stderr)
		if err != nil {
			store.Close()
			return nil, nil, err
		}
		seeded, err := svc.Seed(ctx, kb)
		if err != nil {
			store.Close()
			return nil, nil, err
		}
		if seeded {
			fmt.Fprintf(e.stderr, "seeded the live knowledge base from the %s: %d documents, %d cases\n", kbOrigin(g), len(kb.Documents), len(kb.Cases))
		}
	}
	return svc, store, nil
}

func kbOrigin(g *globalOptions) string {
	if g.KB != "" {
		return "files under " + g.KB
	}
	return "embedded corpus"
}

// currentKB returns the knowledge base a read command works on.
func currentKB(ctx context.Context, e env, g *globalOptions, o *liveOptions) (*knowledge.KB, error) {
	if !o.live() {
		return loadKB(g, e.stderr)
	}
	svc, store, err := openLive(ctx, e, g, o)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	snap, err := svc.Load(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range snap.Problems {
		fmt.Fprintln(e.stderr, "warning: stored item does not load:", p.Error())
	}
	return snap.KB, nil
}
