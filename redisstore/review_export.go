package redisstore

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/internal/clip"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Export formats.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
)

// ParseDayRange reads an export range of whole days, China Standard Time:
// since and until are YYYY-MM-DD and both days are included. An empty
// until is today; an empty since is six days before until (a week). It
// returns [from, to), or a *RangeError for bad input.
func ParseDayRange(since, until string, now time.Time) (from, to time.Time, err error) {
	end := chinatime.DayStart(now)
	if until != "" {
		if end, err = parseDay(until); err != nil {
			return
		}
	}
	start := end.AddDate(0, 0, -6)
	if since != "" {
		if start, err = parseDay(since); err != nil {
			return
		}
	}
	if start.After(end) {
		a, b := start.Format(time.DateOnly), end.Format(time.DateOnly)
		return from, to, &RangeError{zh: fmt.Sprintf("开始日期 %s 晚于结束日期 %s", a, b), en: fmt.Sprintf("the first day %s is after the last day %s", a, b)}
	}
	if end.Sub(start) > 3660*24*time.Hour {
		return from, to, &RangeError{zh: "时间范围不能超过十年", en: "the range is longer than ten years"}
	}
	return start, end.AddDate(0, 0, 1), nil
}

// RangeError is a day range that cannot be read. Error is the Chinese
// message the bot and the console show; English is the command line's.
type RangeError struct{ zh, en string }

func (e *RangeError) Error() string { return e.zh }

// English says what is wrong in English, for an operator.
func (e *RangeError) English() string { return e.en }

func parseDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), chinatime.Zone)
	if err != nil || t.Year() < 2000 || t.Year() > 9999 {
		v := clip.Runes(s, 20)
		return time.Time{}, &RangeError{zh: fmt.Sprintf("日期“%s”无效，请写成 YYYY-MM-DD，例如 2026-05-01", v), en: fmt.Sprintf("%q is not a day: write YYYY-MM-DD, e.g. 2026-05-01", v)}
	}
	return t, nil
}

// RangeText names a day range [from, to) for people: 2026-05-01 至 2026-05-07.
func RangeText(from, to time.Time) string {
	last := to.In(chinatime.Zone).AddDate(0, 0, -1)
	if f := from.In(chinatime.Zone); f.Format(time.DateOnly) == last.Format(time.DateOnly) {
		return f.Format(time.DateOnly)
	}
	return from.In(chinatime.Zone).Format(time.DateOnly) + " 至 " + last.Format(time.DateOnly)
}

// ReviewExport writes the records with from <= at < to, oldest first, in
// the format (jsonl or csv), and returns how many it wrote. The read is
// audited before anything is written; a range with no records writes
// nothing.
func (s *Store) ReviewExport(ctx context.Context, by Reader, w io.Writer, from, to time.Time, format string) (int, error) {
	if format != FormatJSONL && format != FormatCSV {
		return 0, fmt.Errorf("redisstore: export: format %q: want jsonl or csv", format)
	}
	var recs []conversation.UsageRecord
	if err := s.usageBetween(ctx, from, to, func(r conversation.UsageRecord) { recs = append(recs, r) }); err != nil {
		return 0, fmt.Errorf("redisstore: export: %w", err)
	}
	what := fmt.Sprintf("%s..%s %s", from.In(chinatime.Zone).Format(time.DateOnly), to.In(chinatime.Zone).AddDate(0, 0, -1).Format(time.DateOnly), format)
	if err := s.audit(ctx, by, AuditExport, what, len(recs), time.Now()); err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, nil
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].At.Before(recs[j].At) })
	if err := writeUsage(w, recs, format); err != nil {
		return 0, fmt.Errorf("redisstore: export: %w", err)
	}
	return len(recs), nil
}

// exportColumns are the fields of an exported record: the stream's fields
// (see the package comment) and the entry id.
var exportColumns = []string{"id", "kind", "at", "answer_id", "user", "chat_type", "source", "intent", "verdict",
	"citations", "cases", "mode", "latency_ms", "error", "question", "answer", "model", "prompt_version", "passages",
	"check", "fallback", "rating", "reason", "redacted", "delivery"}

// exportRecord is one JSON line; lists stay lists.
type exportRecord struct {
	ID            string   `json:"id"`
	Kind          string   `json:"kind"`
	At            string   `json:"at"`
	AnswerID      string   `json:"answer_id"`
	User          string   `json:"user"`
	ChatType      string   `json:"chat_type"`
	Source        string   `json:"source,omitempty"`
	Intent        string   `json:"intent,omitempty"`
	Verdict       string   `json:"verdict,omitempty"`
	Citations     []string `json:"citations,omitempty"`
	Cases         []string `json:"cases,omitempty"`
	Mode          string   `json:"mode,omitempty"`
	LatencyMS     *int64   `json:"latency_ms,omitempty"`
	Error         string   `json:"error,omitempty"`
	Question      string   `json:"question,omitempty"`
	Answer        string   `json:"answer,omitempty"`
	Model         string   `json:"model,omitempty"`
	PromptVersion string   `json:"prompt_version,omitempty"`
	Passages      []string `json:"passages,omitempty"`
	Check         string   `json:"check,omitempty"`
	Fallback      string   `json:"fallback,omitempty"`
	Rating        string   `json:"rating,omitempty"`
	Reason        string   `json:"reason,omitempty"`
	Redacted      bool     `json:"redacted,omitempty"`
	Delivery      string   `json:"delivery,omitempty"`
}

func toExport(r conversation.UsageRecord) exportRecord {
	e := exportRecord{ID: r.ID, Kind: r.Kind, At: r.At.In(chinatime.Zone).Format(time.RFC3339Nano), AnswerID: r.AnswerID, User: r.User,
		ChatType: r.ChatType, Source: r.Source, Intent: r.Intent, Verdict: r.Verdict, Citations: r.Citations, Cases: r.Cases,
		Mode: r.Mode, Error: r.Error, Question: r.Question, Answer: r.Answer, Model: r.Model, PromptVersion: r.PromptVersion,
		Passages: r.Passages, Check: r.Check, Fallback: r.Fallback, Rating: r.Rating, Reason: r.Reason, Redacted: r.Redacted,
		Delivery: r.Delivery}
	if r.Kind == conversation.KindAnswer {
		ms := r.Latency.Milliseconds()
		e.LatencyMS = &ms
	}
	return e
}

// writeUsage writes records as JSON lines or as CSV. The CSV starts with a
// UTF-8 byte order mark, without which Excel reads Chinese as mojibake, and
// a cell that a spreadsheet would run as a formula (=, +, -, @) is
// prefixed with an apostrophe.
func writeUsage(w io.Writer, recs []conversation.UsageRecord, format string) error {
	switch format {
	case FormatJSONL:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range recs {
			if err := enc.Encode(toExport(r)); err != nil {
				return err
			}
		}
		return nil
	case FormatCSV:
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		cw.Write(exportColumns)
		for _, r := range recs {
			e := toExport(r)
			latency := ""
			if e.LatencyMS != nil {
				latency = strconv.FormatInt(*e.LatencyMS, 10)
			}
			redacted := ""
			if e.Redacted {
				redacted = "1"
			}
			row := []string{e.ID, e.Kind, e.At, e.AnswerID, e.User, e.ChatType, e.Source, e.Intent, e.Verdict,
				strings.Join(e.Citations, ","), strings.Join(e.Cases, ","), e.Mode, latency, e.Error, e.Question, e.Answer,
				e.Model, e.PromptVersion, strings.Join(e.Passages, ","), e.Check, e.Fallback, e.Rating, e.Reason, redacted, e.Delivery}
			for i := range row {
				row[i] = defuse(row[i])
			}
			cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	}
	return fmt.Errorf("format %q: want jsonl or csv", format)
}

func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
