package redisstore

import (
	"context"
	"fmt"
	"sort"
	"time"

	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
)

// Dashboard is what the console's admin overview shows for a period.
type Dashboard struct {
	UsageWindow
	Days       []DayCount
	TopCited   []Count                    // provisions cited most, most first
	OutOfScope []conversation.UsageRecord // latest out-of-scope questions with their text, newest first
	Unanswered []conversation.UsageRecord // latest questions that got no answer (an error), newest first
	LLM        int                        // answers written by the model or falling back from it
}

// DayCount is one day of the dashboard.
type DayCount struct {
	Day       time.Time // midnight, China Standard Time
	Questions int
	Up, Down  int
}

// Count is a thing and how often it was seen.
type Count struct {
	ID string
	N  int
}

const dashboardListed = 10

// ReviewDashboard computes the overview of the last days (today included);
// the read is audited first.
func (s *Store) ReviewDashboard(ctx context.Context, by Reader, days int, now time.Time) (Dashboard, error) {
	days = min(max(days, 1), 366)
	today := chinatime.DayStart(now)
	since, until := today.AddDate(0, 0, -(days-1)), now.Add(time.Millisecond)
	win := newWindow(since, until)
	d := Dashboard{Days: make([]DayCount, days)}
	for i := range d.Days {
		d.Days[i].Day = since.AddDate(0, 0, i)
	}
	dayOf := func(t time.Time) int {
		i := int(chinatime.DayStart(t).Sub(since).Hours()+12) / 24
		return min(max(i, 0), days-1)
	}
	cited := map[string]int{}
	latestRating := map[string]conversation.UsageRecord{}
	n := 0
	err := s.usageBetween(ctx, since, until, func(r conversation.UsageRecord) {
		n++
		win.add(r)
		switch r.Kind {
		case conversation.KindAnswer:
			d.Days[dayOf(r.At)].Questions++
			for _, c := range r.Citations {
				cited[c]++
			}
			if r.Mode == "llm" || r.Fallback != "" {
				d.LLM++
			}
			if r.Intent == "out_of_scope" && r.Question != "" {
				d.OutOfScope = append(d.OutOfScope, r)
			}
			if (r.Error != "" && r.Intent == "") && r.Question != "" {
				d.Unanswered = append(d.Unanswered, r)
			}
		case conversation.KindFeedback:
			k := r.AnswerID + "|" + r.User
			if old, ok := latestRating[k]; r.Rating != "" && (!ok || !r.At.Before(old.At)) {
				latestRating[k] = r
			}
		}
	})
	if err != nil {
		return Dashboard{}, fmt.Errorf("redisstore: dashboard: %w", err)
	}
	for _, r := range latestRating {
		switch r.Rating {
		case "up":
			d.Days[dayOf(r.At)].Up++
		case "down":
			d.Days[dayOf(r.At)].Down++
		}
	}
	d.UsageWindow = win.done()
	for id, c := range cited {
		d.TopCited = append(d.TopCited, Count{ID: id, N: c})
	}
	sort.Slice(d.TopCited, func(i, j int) bool {
		a, b := d.TopCited[i], d.TopCited[j]
		return a.N > b.N || a.N == b.N && a.ID < b.ID
	})
	d.TopCited = d.TopCited[:min(len(d.TopCited), dashboardListed)]
	d.OutOfScope = newestFirst(d.OutOfScope)
	d.Unanswered = newestFirst(d.Unanswered)
	what := fmt.Sprintf("dashboard, last %d days", days)
	if err := s.audit(ctx, by, AuditStats, what, n, now); err != nil {
		return Dashboard{}, err
	}
	return d, nil
}

func newestFirst(rs []conversation.UsageRecord) []conversation.UsageRecord {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].At.After(rs[j].At) })
	return rs[:min(len(rs), dashboardListed)]
}
