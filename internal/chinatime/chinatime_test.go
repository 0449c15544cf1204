package chinatime

import (
	"testing"
	"time"
)

func TestDayStartIsChinaMidnight(t *testing.T) {
	// 16:30 UTC on 1 May is 00:30 on 2 May in China.
	at := time.Date(2026, 5, 1, 16, 30, 0, 0, time.UTC)
	got := DayStart(at)
	if want := time.Date(2026, 5, 1, 16, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("DayStart(%v) = %v, want %v", at, got, want)
	}
	if got.Location() != Zone {
		t.Errorf("DayStart is in %v, want China time", got.Location())
	}
	if s := Minute(at); s != "2026-05-02 00:30" {
		t.Errorf("Minute = %q", s)
	}
}
