package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"rongcuo/bot"
	"rongcuo/internal/chinatime"
	"rongcuo/redisstore"
)

const logsUsage = `usage: rongcuo logs export [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format jsonl|csv] [--out FILE]
       rongcuo logs stats
       rongcuo logs retain [--retention 4320h]
       rongcuo logs audit [--limit N]

The usage records in Redis (REDIS_URL): export writes the records of a range
of days, China Standard Time, both included (default: the last 7 days,
JSON lines on stdout); stats prints the figures of /stats; retain drops the
texts of records older than the retention period now (serve does it every
hour); audit lists who read the records. Every read (export, stats, audit)
is recorded in the audit under --by (default $USER). Every subcommand takes
-h for its flags.`

func runLogs(ctx context.Context, e env, g *globalOptions, args []string) error {
	if len(args) == 0 {
		return usagef("%s", logsUsage)
	}
	switch args[0] {
	case "export":
		return logsExport(ctx, e, args[1:])
	case "stats":
		return logsStats(ctx, e, args[1:])
	case "retain":
		return logsRetain(ctx, e, args[1:])
	case "audit":
		return logsAudit(ctx, e, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, logsUsage)
		return nil
	}
	return usagef("rongcuo logs: unknown subcommand %q\n%s", args[0], logsUsage)
}

// logsOptions are the settings every logs subcommand takes.
type logsOptions struct {
	RedisURL  string
	Prefix    string
	By        string
	Retention time.Duration
	secret    func()
}

func newLogsSettings(name string, e env, o *logsOptions) *settings {
	s := newSettings("logs "+name, e.getenv, e.stdout, e.stderr)
	o.secret = secretSetting(s, &o.RedisURL, "redis", "REDIS_URL", "Redis URL (default "+defaultRedisURL+") (secret)")
	s.String(&o.Prefix, "redis-prefix", "RONGCUO_REDIS_PREFIX", defaultRedisPrefix, "prefix of every Redis key")
	by := e.getenv("USER")
	if by == "" {
		by = "cli"
	}
	s.String(&o.By, "by", "RONGCUO_OPERATOR", by, "who reads the records, as the audit records it")
	s.fs.Usage = func() { fmt.Fprintln(s.fs.Output(), logsUsage); s.fs.PrintDefaults() }
	return s
}

func (o *logsOptions) parse(s *settings, args []string) error {
	if err := s.Parse(args); err != nil {
		return err
	}
	o.secret()
	if o.RedisURL == "" {
		o.RedisURL = defaultRedisURL
	}
	if s.NArg() > 0 {
		return usagef("%s: unexpected argument %q", s.fs.Name(), s.Arg(0))
	}
	if strings.TrimSpace(o.By) == "" {
		return usagef("%s: --by must name who reads the records", s.fs.Name())
	}
	return nil
}

func (o *logsOptions) reader() redisstore.Reader { return redisstore.Reader{Who: o.By, Via: "cli"} }

func (o *logsOptions) open(ctx context.Context) (*redisstore.Store, error) {
	return redisstore.Open(ctx, o.RedisURL, redisstore.Options{Prefix: o.Prefix, Retention: o.Retention})
}

func logsExport(ctx context.Context, e env, args []string) error {
	o := &logsOptions{}
	s := newLogsSettings("export", e, o)
	var since, until, format, out string
	s.String(&since, "since", "", "", "first day, YYYY-MM-DD (default: six days before --until)")
	s.String(&until, "until", "", "", "last day, YYYY-MM-DD (default: today)")
	s.String(&format, "format", "", redisstore.FormatJSONL, "jsonl or csv")
	s.String(&out, "out", "", "", "file to write (default: standard output)")
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	format = strings.ToLower(format)
	if format != redisstore.FormatJSONL && format != redisstore.FormatCSV {
		return usagef("logs export: --format %q: want jsonl or csv", format)
	}
	from, to, err := redisstore.ParseDayRange(since, until, time.Now())
	var bad *redisstore.RangeError
	if errors.As(err, &bad) {
		return usagef("logs export: %s", bad.English())
	}
	if err != nil {
		return usagef("logs export: %v", err)
	}
	store, err := o.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	// Written whole once the read is audited, so a failure leaves no file
	// behind.
	var buf bytes.Buffer
	n, err := store.ReviewExport(ctx, o.reader(), &buf, from, to, format)
	if err != nil {
		return err
	}
	span := strings.ReplaceAll(redisstore.RangeText(from, to), " 至 ", " to ")
	if out == "" {
		_, err = e.stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(out, buf.Bytes(), 0o600)
	}
	if err != nil {
		return fmt.Errorf("logs export: %w", err)
	}
	if n == 0 {
		// An empty range is an answer, not a failure: a script gets an
		// empty file and exit status 0.
		fmt.Fprintf(e.stderr, "no usage records from %s (China Standard Time); the export is empty\n", span)
		return nil
	}
	fmt.Fprintf(e.stderr, "exported %d records from %s as %s\n", n, span, format)
	return nil
}

func logsStats(ctx context.Context, e env, args []string) error {
	o := &logsOptions{}
	s := newLogsSettings("stats", e, o)
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	store, err := o.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.ReviewStats(ctx, o.reader(), time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, bot.StatsText(st))
	return nil
}

func logsRetain(ctx context.Context, e env, args []string) error {
	o := &logsOptions{}
	s := newLogsSettings("retain", e, o)
	s.Duration(&o.Retention, "retention", "RONGCUO_RETENTION", redisstore.DefaultRetention, "how long usage records keep their texts")
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	if o.Retention <= 0 {
		return usagef("logs retain: --retention must be a positive duration such as 4320h")
	}
	store, err := o.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	cutoff := time.Now().Add(-o.Retention)
	res, err := store.Retain(ctx, cutoff)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "dropped the texts of %d records stored before %s (read %d records since the last run)\n",
		res.Redacted, cutoff.In(chinatime.Zone).Format("2006-01-02 15:04:05 CST"), res.Scanned)
	return nil
}

func logsAudit(ctx context.Context, e env, args []string) error {
	o := &logsOptions{}
	s := newLogsSettings("audit", e, o)
	var limit int
	s.Int(&limit, "limit", "", 50, "entries shown, newest first")
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	if limit <= 0 {
		return usagef("logs audit: --limit must be at least 1")
	}
	store, err := o.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	entries, err := store.ReviewAudit(ctx, o.reader(), limit)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintln(e.stdout, "no admin reads recorded yet")
		return nil
	}
	fmt.Fprintln(e.stdout, bot.AuditText(entries))
	return nil
}
