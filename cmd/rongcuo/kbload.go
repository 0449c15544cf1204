package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
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

// cliAdvisor builds the advisor of ask, chat and eval: the knowledge base of
// --kb or the embedded one, and model mode when its settings are present.
// The returned function releases what it opened.
func cliAdvisor(ctx context.Context, e env, g *globalOptions, mo *modelOptions) (*advisor.Advisor, func(), error) {
	ix, err := loadIndex(g, e.stderr)
	if err != nil {
		return nil, nil, err
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
		return nil, nil, err
	}
	return advisor.New(ix, opts), release, nil
}
