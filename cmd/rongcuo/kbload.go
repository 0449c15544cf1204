package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"rongcuo/advisor"
	"rongcuo/knowledge"
)

// Defaults shared by the commands that may reach Redis.
const (
	defaultRedisURL    = "redis://127.0.0.1:6379/0"
	defaultRedisPrefix = "rongcuo:"
)

// loadKB returns the knowledge base a command reads: the files under --kb DIR
// when given, the embedded corpus otherwise. Problems with single files are
// printed as warnings and the rest still loads; a base with no documents at
// all is an error.
func loadKB(g *globalOptions, stderr io.Writer) (*knowledge.KB, error) {
	if g.KB == "" {
		kb, err := knowledge.Embedded()
		if err != nil {
			return nil, fmt.Errorf("load embedded knowledge base: %w", err)
		}
		return kb, nil
	}
	// A folder that cannot be read at all is the operator's error, said as
	// such; problems inside single files are the knowledge files' own.
	if _, err := os.Stat(g.KB); err != nil {
		return nil, err
	}
	kb, problems := knowledge.LoadDir(g.KB)
	for _, p := range problems {
		fmt.Fprintln(stderr, "warning:", p.Error())
	}
	if kb == nil || len(kb.Documents) == 0 {
		return nil, fmt.Errorf("no knowledge documents could be loaded from %s", g.KB)
	}
	return kb, nil
}

// loadIndex loads the knowledge base and builds its search index.
func loadIndex(g *globalOptions, stderr io.Writer) (*knowledge.Index, error) {
	kb, err := loadKB(g, stderr)
	if err != nil {
		return nil, err
	}
	return knowledge.NewIndex(kb), nil
}

// plain turns the answer markup into terminal text: bold markers dropped.
func plain(s string) string {
	return strings.ReplaceAll(s, "**", "")
}

// Where the knowledge base of ask, chat and eval comes from, as `ask --json`
// names it.
const (
	sourceEmbedded = "embedded" // the corpus built into the binary
	sourceFiles    = "files"    // the files under --kb DIR
	sourceLive     = "live"     // the live knowledge base in Redis, as serve reads it
)

// cliIndex returns the index ask, chat and eval work on and its source. With
// REDIS_URL set it is the live knowledge base, exactly as serve reads it
// (seeded from the embedded corpus or --kb DIR when empty); when Redis cannot
// be read the command goes on with the files and says so on stderr.
func cliIndex(ctx context.Context, e env, g *globalOptions) (*knowledge.Index, string, error) {
	if url := e.getenv("REDIS_URL"); url != "" {
		prefix := e.getenv("RONGCUO_REDIS_PREFIX")
		if prefix == "" {
			prefix = defaultRedisPrefix
		}
		kb, err := currentKB(ctx, e, g, &liveOptions{RedisURL: url, Prefix: prefix})
		if err == nil {
			return knowledge.NewIndex(kb), sourceLive, nil
		}
		fmt.Fprintf(e.stderr, "warning: the live knowledge base cannot be read, answering from the %s instead: %s\n", kbOrigin(g), operatorMessage(err))
	}
	ix, err := loadIndex(g, e.stderr)
	if g.KB != "" {
		return ix, sourceFiles, err
	}
	return ix, sourceEmbedded, err
}

// cliAdvisor builds the advisor of ask, chat and eval (see cliSourceAdvisor).
func cliAdvisor(ctx context.Context, e env, g *globalOptions, mo *modelOptions) (*advisor.Advisor, func(), error) {
	adv, _, release, err := cliSourceAdvisor(ctx, e, g, mo)
	return adv, release, err
}

// cliSourceAdvisor builds the advisor of ask, chat and eval on the knowledge
// base of cliIndex, with model mode when its settings are present, and
// returns the knowledge base's source. The returned function releases what
// it opened.
func cliSourceAdvisor(ctx context.Context, e env, g *globalOptions, mo *modelOptions) (*advisor.Advisor, string, func(), error) {
	ix, source, err := cliIndex(ctx, e, g)
	if err != nil {
		return nil, "", nil, err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var cache advisor.VectorCache
	release := func() {}
	if mo.vectorsEnabled() {
		url := e.getenv("REDIS_URL")
		if url == "" {
			url = defaultRedisURL
		}
		prefix := e.getenv("RONGCUO_REDIS_PREFIX")
		if prefix == "" {
			prefix = defaultRedisPrefix
		}
		cache, release = redisVectorCache(ctx, url, prefix, log)
	}
	opts, err := mo.advisorOptions(ctx, ix.KB(), cache, log)
	if err != nil {
		release()
		return nil, "", nil, err
	}
	return advisor.New(ix, opts), source, release, nil
}
