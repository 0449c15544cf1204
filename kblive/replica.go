package kblive

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"rongcuo/knowledge"
)

// Replica keeps a search index of the live knowledge base. It rebuilds
// when a change is announced and also checks the version counter every
// Poll, so a lost announcement (a reconnect, a replica that was busy)
// delays a change by one period at most, never forever. Searches read the
// current index without locks; a rebuild swaps in a new one whole.
type Replica struct {
	store Store
	opt   ReplicaOptions
	cur   atomic.Pointer[Live]
}

// Live is one built state: the snapshot and its index.
type Live struct {
	*Snapshot
	Index *knowledge.Index
}

// ReplicaOptions tune a replica; zero values take the defaults.
type ReplicaOptions struct {
	Poll     time.Duration // version check period; default 30 s
	Log      *slog.Logger  // default: discard
	OnChange func(*Live)   // called after each rebuild (to swap an advisor's index, say)
	// NoSubscribe relies on polling alone; for tests of the polling path.
	NoSubscribe bool
}

// NewReplica returns a replica; call Load, then Run.
func NewReplica(store Store, opt ReplicaOptions) *Replica {
	if opt.Poll <= 0 {
		opt.Poll = 30 * time.Second
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Replica{store: store, opt: opt}
}

// Current returns the state in use; nil before the first Load.
func (r *Replica) Current() *Live { return r.cur.Load() }

// Index returns the index in use; an empty one before the first Load.
func (r *Replica) Index() *knowledge.Index {
	if l := r.cur.Load(); l != nil {
		return l.Index
	}
	return knowledge.NewIndex(nil)
}

// Version returns the version in use; 0 before the first Load.
func (r *Replica) Version() int64 {
	if l := r.cur.Load(); l != nil {
		return l.Version
	}
	return 0
}

// Load builds the index from the store now.
func (r *Replica) Load(ctx context.Context) error {
	snap, err := load(ctx, r.store)
	if err != nil {
		return err
	}
	for _, p := range snap.Problems {
		r.opt.Log.Warn("kb item did not load", "item", p.File, "problem", p.Msg)
	}
	live := &Live{Snapshot: snap, Index: knowledge.NewIndex(snap.KB)}
	// A slow rebuild must not replace a newer one built meanwhile.
	for {
		old := r.cur.Load()
		if old != nil && old.Version > live.Version {
			return nil
		}
		if r.cur.CompareAndSwap(old, live) {
			break
		}
	}
	r.opt.Log.Info("kb loaded", "version", live.Version, "documents", len(snap.KB.Documents), "cases", len(snap.KB.Cases))
	if r.opt.OnChange != nil {
		r.opt.OnChange(live)
	}
	return nil
}

// Run keeps the index current until ctx ends. Storage errors are logged
// and retried on the next tick; Run returns nil when ctx ends.
func (r *Replica) Run(ctx context.Context) error {
	var changes <-chan int64
	subscribe := func() {
		if r.opt.NoSubscribe {
			return
		}
		ch, err := r.store.KBSubscribe(ctx)
		if err != nil {
			r.opt.Log.Warn("kb change subscription failed; polling only until it works", "err", err)
			return
		}
		changes = ch
	}
	subscribe()
	tick := time.NewTicker(r.opt.Poll)
	defer tick.Stop()
	warned := int64(-1) // the older store version last warned about
	for {
		select {
		case <-ctx.Done():
			return nil
		case v, ok := <-changes:
			if !ok {
				changes = nil // closed: resubscribe on the next tick
				continue
			}
			if v > r.Version() {
				r.reload(ctx)
			}
		case <-tick.C:
			if changes == nil {
				subscribe()
			}
			v, err := r.store.KBVersion(ctx)
			if err != nil {
				r.opt.Log.Warn("kb version check failed", "err", err)
				continue
			}
			switch cur := r.Version(); {
			case v > cur:
				r.reload(ctx)
			case v < cur && v != warned:
				// A flushed or restored Redis: Load would build an index
				// only to keep the newer one, on every tick.
				r.opt.Log.Warn("kb version in the store is older than the one in use; keeping the current index", "store", v, "current", cur)
				warned = v
			}
		}
	}
}

func (r *Replica) reload(ctx context.Context) {
	if err := r.Load(ctx); err != nil && ctx.Err() == nil {
		r.opt.Log.Warn("kb reload failed; keeping the current index", "err", err)
	}
}
