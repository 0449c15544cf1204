package advisor

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"maps"
	"slices"
	"sync"
	"time"
)

// DefaultAnswerCache is the answer cache size serve uses (Options.AnswerCache).
const DefaultAnswerCache = 2048

// memo keeps the offline advisor's recent answers by everything the answer
// is computed from: the question's text, the case's earlier turns and facts,
// and the year (an act dated later than the current year is not an act).
// The offline advisor is a pure function of these and its index, which never
// changes under it (a new knowledge base is a new Advisor), so a repeated
// question gets the answer it would have got, without the work. Questions
// asked at once with the same key are computed once. An advisor with a
// model or vectors has no memo: their answers depend on services outside.
type memo struct {
	max int

	mu       sync.Mutex
	cur, old map[memoKey]Advice // two generations: cur fills, then becomes old
	inflight map[memoKey]*memoCall
}

// memoKey is a 128-bit digest of a question: two 64-bit hashes under seeds
// chosen at random when the process starts, so nobody can make two
// questions collide on purpose, and by chance about never.
type memoKey [2]uint64

var memoSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

type memoCall struct {
	done chan struct{}
	adv  Advice
	err  error
}

func newMemo(max int) *memo {
	return &memo{max: max, cur: map[memoKey]Advice{}, inflight: map[memoKey]*memoCall{}}
}

// advise returns the answer for q from the memo, or computes it once with
// compute and keeps it. An error is not kept.
func (m *memo) advise(ctx context.Context, q Question, compute func() (Advice, error)) (Advice, error) {
	start := time.Now()
	key := keyOf(q, start.Year())
	m.mu.Lock()
	if adv, ok := m.lookup(key); ok {
		m.mu.Unlock()
		return answered(adv, start), nil
	}
	if c, ok := m.inflight[key]; ok {
		m.mu.Unlock()
		select {
		case <-c.done:
		case <-ctx.Done():
			return Advice{}, ctx.Err()
		}
		if c.err != nil {
			return compute() // its error may have been its caller's context
		}
		return answered(c.adv, start), nil
	}
	c := &memoCall{done: make(chan struct{}), err: errNotAnswered}
	m.inflight[key] = c
	m.mu.Unlock()
	// Deferred, so a panic in compute (recovered by the caller's caller)
	// leaves no one waiting for it: they compute for themselves.
	defer func() {
		m.mu.Lock()
		delete(m.inflight, key)
		if c.err == nil {
			m.store(key, c.adv)
		}
		m.mu.Unlock()
		close(c.done)
	}()
	adv, err := compute()
	c.adv, c.err = cloneAdvice(adv), err
	return adv, err
}

// errNotAnswered stands for a computation that ended without an answer.
var errNotAnswered = errors.New("advisor: the answer was not worked out")

// lookup finds key, moving an entry of the old generation to the current
// one. m.mu is held.
func (m *memo) lookup(key memoKey) (Advice, bool) {
	if adv, ok := m.cur[key]; ok {
		return adv, true
	}
	adv, ok := m.old[key]
	if ok {
		m.store(key, adv)
	}
	return adv, ok
}

// store keeps an answer; once the current generation holds half the cap it
// becomes the old one and the answers not asked again since are dropped.
// m.mu is held.
func (m *memo) store(key memoKey, adv Advice) {
	if len(m.cur) >= (m.max+1)/2 {
		m.old, m.cur = m.cur, make(map[memoKey]Advice, (m.max+1)/2)
	}
	m.cur[key] = adv
}

// answered returns a copy of a kept answer for the caller to own, with the
// time this answer took.
func answered(adv Advice, start time.Time) Advice {
	adv = cloneAdvice(adv)
	adv.Usage.Total = time.Since(start)
	return adv
}

// cloneAdvice copies everything a caller could change in place.
func cloneAdvice(a Advice) Advice {
	a.Criteria = slices.Clone(a.Criteria)
	a.Citations = slices.Clone(a.Citations)
	a.Cases = slices.Clone(a.Cases)
	a.FollowUp = slices.Clone(a.FollowUp)
	a.FollowUps = slices.Clone(a.FollowUps)
	a.Facts = maps.Clone(a.Facts)
	a.Usage.Passages = slices.Clone(a.Usage.Passages)
	return a
}

// keyOf digests every input of the offline answer. Every field is written
// with its length, so no two different questions write the same bytes.
func keyOf(q Question, year int) memoKey {
	var key memoKey
	for i, seed := range memoSeeds {
		var h maphash.Hash
		h.SetSeed(seed)
		writeQuestion(&h, q, year)
		key[i] = h.Sum64()
	}
	return key
}

func writeQuestion(h *maphash.Hash, q Question, year int) {
	num := func(n int) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(n))
		h.Write(b[:])
	}
	str := func(s string) {
		num(len(s))
		h.WriteString(s)
	}
	num(year)
	str(q.Text)
	// A turn's time is left out: the advisor reads the turns' words only
	// (TestMemoIgnoresOnlyTurnTimes), and with it no second turn would
	// ever be found.
	num(len(q.History))
	for _, t := range q.History {
		str(t.Role)
		str(t.Text)
	}
	keys := make([]string, 0, len(q.Facts))
	for k := range q.Facts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	num(len(keys))
	for _, k := range keys {
		f := q.Facts[k]
		str(k)
		str(string(f.Status))
		str(f.Evidence)
		str(f.Other)
		flags := 0
		for i, b := range []bool{f.Answered, f.Inferred, f.Conflict, f.Raised, f.AmidEmergency} {
			if b {
				flags |= 1 << i
			}
		}
		num(flags)
	}
}
