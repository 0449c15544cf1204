// Package chinatime is the clock the users live by: China Standard Time
// (UTC+8, no daylight saving). Days (quotas, statistics, export ranges) begin
// at midnight there, and times shown to people are written in it.
package chinatime

import "time"

// Zone is China Standard Time.
var Zone = time.FixedZone("CST", 8*3600)

// DayStart returns midnight, China time, of the day t falls on.
func DayStart(t time.Time) time.Time {
	y, m, d := t.In(Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Zone)
}

// Minute writes t to the minute in China time, as people read it:
// 2026-05-01 09:30.
func Minute(t time.Time) string { return t.In(Zone).Format("2006-01-02 15:04") }
