package bot

import (
	"context"
	"sync"
)

// Queue runs updates one chat at a time, in arrival order, and chats in
// parallel: a follow-up answer is never handled before the question it
// answers. Close stops taking updates and waits for those in flight.
type Queue struct {
	handle func(context.Context, Update)
	ctx    context.Context
	max    int

	mu     sync.Mutex
	chats  map[int64][]Update
	closed bool
	wg     sync.WaitGroup
}

// NewQueue runs handle on ctx, which should outlive the intake so updates in
// flight can finish after it stops. max caps the updates waiting per chat;
// beyond it a flooding chat's updates are dropped.
func NewQueue(ctx context.Context, max int, handle func(context.Context, Update)) *Queue {
	return &Queue{handle: handle, ctx: ctx, max: max, chats: map[int64][]Update{}}
}

// Push queues an update and reports whether it was taken.
func (q *Queue) Push(u Update) bool {
	chat := chatOf(u)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return false
	}
	waiting, busy := q.chats[chat]
	if q.max > 0 && len(waiting) >= q.max {
		return false
	}
	q.chats[chat] = append(waiting, u)
	if !busy {
		q.wg.Add(1)
		go q.run(chat)
	}
	return true
}

func (q *Queue) run(chat int64) {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		waiting := q.chats[chat]
		if len(waiting) == 0 {
			delete(q.chats, chat)
			q.mu.Unlock()
			return
		}
		u := waiting[0]
		q.chats[chat] = waiting[1:]
		q.mu.Unlock()
		q.handle(q.ctx, u)
	}
}

// Close stops taking updates and waits until those taken are handled or ctx
// ends.
func (q *Queue) Close(ctx context.Context) error {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	done := make(chan struct{})
	go func() { q.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func chatOf(u Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.Callback != nil:
		return u.Callback.Chat.ID
	}
	return 0
}
