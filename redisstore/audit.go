package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Every admin read of the usage records (logs, export, stats, and reading
// the audit itself) goes through a Review* method that first appends an
// entry to the audit stream (PREFIXaudit): who, through what, when, what
// they asked for and how many records it returned. The read fails when the
// entry cannot be written, so no read goes unrecorded.
//
//	at       RFC 3339 time, UTC
//	who      the reader: "tg:USERID" for a Telegram admin, the operator's
//	         name for the command line
//	via      telegram or cli
//	action   stats, logs, export or audit
//	what     the request: the filter, the date range, the format
//	records  how many records the reader got

// Reader is who reads the records, for the audit.
type Reader struct {
	Who string // "tg:123" for a Telegram admin, a name on the command line
	Via string // telegram or cli
}

// Audit actions.
const (
	AuditStats  = "stats"
	AuditLogs   = "logs"
	AuditExport = "export"
	AuditAudit  = "audit"
)

// AuditEntry is one recorded admin read.
type AuditEntry struct {
	ID      string
	At      time.Time
	Who     string
	Via     string
	Action  string
	What    string
	Records int
}

const auditMaxLen = 1_000_000

func (s *Store) auditKey() string { return s.opts.Prefix + "audit" }

// audit records a read before its result is handed out.
func (s *Store) audit(ctx context.Context, by Reader, action, what string, records int, now time.Time) error {
	if by.Who == "" || by.Via == "" {
		return errors.New("redisstore: audit: a read of usage records must say who reads and how")
	}
	err := s.rdb.XAdd(ctx, &redis.XAddArgs{Stream: s.auditKey(), MaxLen: auditMaxLen, Approx: true, Values: []any{
		"at", now.UTC().Format(time.RFC3339Nano), "who", by.Who, "via", by.Via, "action", action, "what", what,
		"records", strconv.Itoa(records),
	}}).Err()
	if err != nil {
		return fmt.Errorf("redisstore: audit: %w", err)
	}
	return nil
}

// ReviewAudit returns the last n audit entries, newest first; reading the
// audit is itself recorded, first.
func (s *Store) ReviewAudit(ctx context.Context, by Reader, n int) ([]AuditEntry, error) {
	if n <= 0 {
		n = 20
	}
	ms, err := s.rdb.XRevRangeN(ctx, s.auditKey(), "+", "-", int64(n)).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: read audit: %w", err)
	}
	if err := s.audit(ctx, by, AuditAudit, fmt.Sprintf("last %d", n), len(ms), time.Now()); err != nil {
		return nil, err
	}
	out := make([]AuditEntry, len(ms))
	for i, m := range ms {
		str := func(k string) string { v, _ := m.Values[k].(string); return v }
		e := AuditEntry{ID: m.ID, Who: str("who"), Via: str("via"), Action: str("action"), What: str("what")}
		e.At, _ = time.Parse(time.RFC3339Nano, str("at"))
		e.Records, _ = strconv.Atoi(str("records"))
		out[i] = e
	}
	return out, nil
}
