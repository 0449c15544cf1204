package kblive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"rongcuo/advisor"
	"rongcuo/knowledge"
)

// Answerer answers one question; *advisor.Advisor is one.
type Answerer interface {
	Advise(ctx context.Context, q advisor.Question) (advisor.Advice, error)
}

// AdvisorOptions tune an Advisor; zero values take the defaults.
type AdvisorOptions struct {
	// Build makes the advisor of a rebuilt state (model mode, vector
	// cache…); nil: the offline advisor on its index.
	Build func(*Live) (Answerer, error)
	Log   *slog.Logger // default: discard
	// OnVersion is told the version in use after each swap (a metric).
	OnVersion func(int64)
}

// Advisor answers from the live knowledge base: a Replica's OnChange
// (Swap) builds an advisor on each rebuilt index and swaps the pair in
// whole. A question already being answered finishes on the advisor it
// started with; rebuilds that finish out of order never put an older
// version back.
type Advisor struct {
	opt AdvisorOptions

	cur      atomic.Pointer[advisorState]
	mu       sync.Mutex    // orders swaps; guards changed and firstErr
	changed  chan struct{} // closed at each swap
	firstErr error
}

type advisorState struct {
	version int64
	ix      *knowledge.Index
	adv     Answerer
}

// NewAdvisor returns an advisor with nothing loaded: pass its Swap as the
// replica's OnChange, then Load the replica.
func NewAdvisor(opt AdvisorOptions) *Advisor {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Build == nil {
		opt.Build = offline
	}
	return &Advisor{opt: opt, changed: make(chan struct{})}
}

func offline(l *Live) (Answerer, error) {
	return advisor.New(l.Index, advisor.Options{AnswerCache: advisor.DefaultAnswerCache}), nil
}

// Swap puts an advisor built on l in use (the replica's OnChange). When
// the first build fails nothing is put in use and Err says why; a later
// failure answers offline on the new index and logs it.
func (a *Advisor) Swap(l *Live) {
	adv, err := a.opt.Build(l)
	if err != nil {
		if a.cur.Load() == nil {
			a.mu.Lock()
			a.firstErr = err
			a.mu.Unlock()
			return
		}
		a.opt.Log.Error("advisor not rebuilt; answering offline on the new knowledge base", "version", l.Version, "err", err)
		adv, _ = offline(l)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if cur := a.cur.Load(); cur != nil && cur.version > l.Version {
		return
	}
	a.cur.Store(&advisorState{version: l.Version, ix: l.Index, adv: adv})
	a.firstErr = nil
	if a.opt.OnVersion != nil {
		a.opt.OnVersion(l.Version)
	}
	close(a.changed)
	a.changed = make(chan struct{})
}

// Err returns why the first build failed (bad model settings, say), or nil
// once an advisor is in use.
func (a *Advisor) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.firstErr
}

// errNotLoaded is returned by Advise before the first Swap.
var errNotLoaded = errors.New("kblive: no knowledge base loaded yet")

// Advise answers on the advisor in use.
func (a *Advisor) Advise(ctx context.Context, q advisor.Question) (advisor.Advice, error) {
	cur := a.cur.Load()
	if cur == nil {
		return advisor.Advice{}, errNotLoaded
	}
	return cur.adv.Advise(ctx, q)
}

// Index returns the index in use; an empty one before the first Swap.
func (a *Advisor) Index() *knowledge.Index {
	if cur := a.cur.Load(); cur != nil {
		return cur.ix
	}
	return knowledge.NewIndex(nil)
}

// Version returns the version in use; 0 before the first Swap.
func (a *Advisor) Version() int64 {
	if cur := a.cur.Load(); cur != nil {
		return cur.version
	}
	return 0
}

// Ready is the readiness check of the knowledge base: loaded and holding
// documents.
func (a *Advisor) Ready(context.Context) error {
	cur := a.cur.Load()
	switch {
	case cur == nil:
		return errors.New("no knowledge base loaded yet")
	case cur.ix == nil || cur.ix.KB() == nil || len(cur.ix.KB().Documents) == 0:
		return fmt.Errorf("knowledge base version %d holds no documents", cur.version)
	}
	return nil
}

// Wait reports, once it does or ctx ends, whether answers come from
// version v or later.
func (a *Advisor) Wait(ctx context.Context, v int64) bool {
	for {
		a.mu.Lock()
		cur, ch := a.cur.Load(), a.changed
		a.mu.Unlock()
		if cur != nil && cur.version >= v {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-ch:
		}
	}
}
