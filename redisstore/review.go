package redisstore

import (
	"context"
	"fmt"
	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Admin review of the usage records. The records are read by time: the
// stream is in the order records were stored, except that a redacted copy
// (after /forget or the retention period) is stored again at the end with
// its original "at", so a read of a time range scans from the range's start
// to the end of the stream and keeps the records whose "at" falls inside.

// skew allows for the clocks of the bot and of Redis, which stamps the
// stream ids, to differ.
const skew = time.Hour

// usageBetween calls fn on every record with since <= At < until, in
// stream order.
func (s *Store) usageBetween(ctx context.Context, since, until time.Time, fn func(conversation.UsageRecord)) error {
	start := "-"
	if !since.IsZero() {
		start = strconv.FormatInt(max(since.Add(-skew).UnixMilli(), 0), 10)
	}
	return s.scanUsage(ctx, start, "+", func(r conversation.UsageRecord) (bool, error) {
		if !r.At.Before(since) && r.At.Before(until) {
			fn(r)
		}
		return true, nil
	})
}

// UsageWindow holds the figures of one period.
type UsageWindow struct {
	Since, Until time.Time
	Questions    int            // answers given (follow-up answers included)
	FollowUps    int            // of them, answers to a 是 / 否 / 不清楚 button
	Users        int            // distinct pseudonymous users who asked
	Intents      map[string]int // answers per intent
	Verdicts     map[string]int // assessments per verdict
	Modes        map[string]int // answers per mode: offline, llm
	Fallbacks    int            // model answers that fell back to offline
	Errors       int            // answers that recorded an error
	Undelivered  int            // answers the user did not receive in full
	Up, Down     int            // latest rating per rated answer
	P50, P95     time.Duration  // answer latency
}

// UsageStats is /stats: today and the last seven days (today included).
type UsageStats struct {
	At    time.Time
	Today UsageWindow
	Week  UsageWindow
}

type windowBuilder struct {
	w        UsageWindow
	users    map[string]bool
	latency  []time.Duration
	ratings  map[string]string // answer id → latest rating
	ratedAts map[string]time.Time
}

func newWindow(since, until time.Time) *windowBuilder {
	return &windowBuilder{w: UsageWindow{Since: since, Until: until, Intents: map[string]int{}, Verdicts: map[string]int{}, Modes: map[string]int{}},
		users: map[string]bool{}, ratings: map[string]string{}, ratedAts: map[string]time.Time{}}
}

func (b *windowBuilder) add(r conversation.UsageRecord) {
	if r.At.Before(b.w.Since) || !r.At.Before(b.w.Until) {
		return
	}
	switch r.Kind {
	case conversation.KindAnswer:
		w := &b.w
		w.Questions++
		if r.Source == "followup" {
			w.FollowUps++
		}
		b.users[r.User] = true
		if r.Intent != "" {
			w.Intents[r.Intent]++
		}
		if r.Verdict != "" {
			w.Verdicts[r.Verdict]++
		}
		if r.Mode != "" {
			w.Modes[r.Mode]++
		}
		if r.Fallback != "" {
			w.Fallbacks++
		}
		if r.Error != "" {
			w.Errors++
		}
		if r.Delivery != "" && r.Delivery != conversation.DeliveryFull {
			w.Undelivered++
		}
		if r.Latency > 0 {
			b.latency = append(b.latency, r.Latency)
		}
	case conversation.KindFeedback:
		// A 👎 and the reason after it are two records of one rating; an
		// answer rated again counts once, as last rated.
		k := r.AnswerID
		if r.Rating != "" && !r.At.Before(b.ratedAts[k]) {
			b.ratings[k], b.ratedAts[k] = r.Rating, r.At
		}
	}
}

func (b *windowBuilder) done() UsageWindow {
	w := b.w
	w.Users = len(b.users)
	for _, r := range b.ratings {
		switch r {
		case "up":
			w.Up++
		case "down":
			w.Down++
		}
	}
	sort.Slice(b.latency, func(i, j int) bool { return b.latency[i] < b.latency[j] })
	w.P50, w.P95 = percentile(b.latency, 50), percentile(b.latency, 95)
	return w
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (p*len(sorted)+99)/100 - 1
	return sorted[max(i, 0)]
}

// ReviewStats computes the figures of today and of the last seven days;
// the read is audited first.
func (s *Store) ReviewStats(ctx context.Context, by Reader, now time.Time) (UsageStats, error) {
	today := chinatime.DayStart(now)
	until := now.Add(time.Millisecond)
	day, week := newWindow(today, until), newWindow(today.AddDate(0, 0, -6), until)
	n := 0
	err := s.usageBetween(ctx, week.w.Since, until, func(r conversation.UsageRecord) {
		n++
		day.add(r)
		week.add(r)
	})
	if err != nil {
		return UsageStats{}, fmt.Errorf("redisstore: usage stats: %w", err)
	}
	if err := s.audit(ctx, by, AuditStats, "今天及最近 7 天", n, now); err != nil {
		return UsageStats{}, err
	}
	return UsageStats{At: now, Today: day.done(), Week: week.done()}, nil
}

// LoggedAnswer is an answer as /logs shows it: the record and the latest
// feedback on it.
type LoggedAnswer struct {
	conversation.UsageRecord
	Rating string // up, down or empty
	Reason string // the reason given after 👎, if any
}

// logsScanLimit bounds how far back /logs looks for matching answers.
const logsScanLimit = 50_000

// ReviewLogs returns the last n answers that pass the filter, newest
// first, each with its feedback; redacted answers have nothing to show and
// are left out. The read is audited first.
func (s *Store) ReviewLogs(ctx context.Context, by Reader, n int, f LogFilter) ([]LoggedAnswer, error) {
	if n <= 0 {
		n = 10
	}
	out, _, err := s.logPage(ctx, n, f, "")
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf("last %d, filter: %s", n, f)
	if err := s.audit(ctx, by, AuditLogs, what, len(out), time.Now()); err != nil {
		return nil, err
	}
	return out, nil
}

// ReviewLogPage is ReviewLogs a page at a time: the answers older than the
// record before (a stream id; "" for the newest), and the cursor of the
// next page ("" when this was the last). The read is audited first.
func (s *Store) ReviewLogPage(ctx context.Context, by Reader, n int, f LogFilter, before string) ([]LoggedAnswer, string, error) {
	n = min(max(n, 1), 500)
	out, next, err := s.logPage(ctx, n, f, before)
	if err != nil {
		return nil, "", err
	}
	what := fmt.Sprintf("page of %d before %q, filter: %s", n, before, f)
	if err := s.audit(ctx, by, AuditLogs, what, len(out), time.Now()); err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// logPage scans the stream from its end: feedback newer than the cursor
// still reaches the answers it rates.
func (s *Store) logPage(ctx context.Context, n int, f LogFilter, before string) ([]LoggedAnswer, string, error) {
	type feedback struct{ rating, reason string }
	fb := map[string]*feedback{} // answer id → latest feedback (seen first, going back)
	var out []LoggedAnswer
	end, scanned := "+", 0
	cut, hasCut := parseStreamID(before)
	// The first read asks for a few times the page, for the common case
	// of a first page without a filter; later reads grow to scanPage.
	batch := int64(min(4*n+16, scanPage))
	for len(out) < n && scanned < logsScanLimit {
		page, err := s.rdb.XRevRangeN(ctx, s.usageKey(), end, "-", batch).Result()
		if err != nil {
			return nil, "", fmt.Errorf("redisstore: read logs: %w", err)
		}
		for _, m := range page {
			r := parseUsage(m)
			scanned++
			switch {
			case r.Kind == conversation.KindFeedback:
				e := fb[r.AnswerID]
				if e == nil {
					e = &feedback{rating: r.Rating}
					fb[r.AnswerID] = e
				}
				if e.reason == "" {
					e.reason = r.Reason
				}
			case r.Kind == conversation.KindAnswer && !r.Redacted && len(out) < n:
				if id, ok := parseStreamID(r.ID); hasCut && (!ok || !id.less(cut)) {
					continue
				}
				var rating, reason string
				if e := fb[r.AnswerID]; e != nil {
					rating, reason = e.rating, e.reason
				}
				if f.match(&r, rating) {
					out = append(out, LoggedAnswer{UsageRecord: r, Rating: rating, Reason: reason})
				}
			}
		}
		if int64(len(page)) < batch {
			break
		}
		end = "(" + page[len(page)-1].ID
		batch = min(2*batch, scanPage)
	}
	next := ""
	if len(out) == n {
		next = out[n-1].ID
	}
	return out, next, nil
}

type streamID struct{ ms, seq uint64 }

func (a streamID) less(b streamID) bool { return a.ms < b.ms || a.ms == b.ms && a.seq < b.seq }

func parseStreamID(s string) (streamID, bool) {
	a, b, ok := strings.Cut(s, "-")
	ms, err1 := strconv.ParseUint(a, 10, 64)
	seq, err2 := strconv.ParseUint(b, 10, 64)
	return streamID{ms, seq}, ok && err1 == nil && err2 == nil
}

// Users returns the stored users that pass match, read in pipelined
// batches.
func (s *Store) Users(ctx context.Context, match func(conversation.User) bool) ([]conversation.User, error) {
	ids, err := s.UserIDs(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []conversation.User
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 500)]
		ids = ids[len(batch):]
		pipe := s.rdb.Pipeline()
		cmds := make([]*redis.MapStringStringCmd, len(batch))
		for i, id := range batch {
			cmds[i] = pipe.HGetAll(ctx, s.userKey(id))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return nil, fmt.Errorf("redisstore: list users: %w", err)
		}
		for i, c := range cmds {
			if m := c.Val(); len(m) > 0 {
				if u := parseUser(batch[i], m); match(u) {
					out = append(out, u)
				}
			}
		}
	}
	return out, nil
}
