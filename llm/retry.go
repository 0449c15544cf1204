package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// final marks an attempt's error as not to be retried whatever its kind, e.g.
// a stream that failed after its first token was shown.
type final struct{ err error }

func (f final) Error() string { return f.err.Error() }
func (f final) Unwrap() error { return f.err }

// attemptFunc makes one request. Its context carries the retry hint and is
// cancelled with ErrTimeout as its cause when the attempt's time is up.
type attemptFunc func(ctx context.Context) error

// withRetry runs attempt until it succeeds, fails for good, or the retries
// are spent. It returns the attempts made and the last error, unwrapped of
// any final marker.
func (c *Client) withRetry(ctx context.Context, attempt attemptFunc) (int, error) {
	for n := 1; ; n++ {
		hint := &retryHint{}
		err := attempt(context.WithValue(ctx, hintKey{}, hint))
		if err == nil {
			return n, nil
		}
		if ctx.Err() != nil {
			return n, context.Cause(ctx)
		}
		var f final
		if errors.As(err, &f) {
			return n, f.err
		}
		if !retryable(err) || n > c.cfg.MaxRetries {
			return n, err
		}
		wait := c.backoff(n)
		if hint.set {
			if hint.after > c.cfg.MaxRetryAfter {
				return n, fmt.Errorf("%w (the service asks to wait %s)", err, hint.after.Round(time.Second))
			}
			wait = hint.after
		}
		if err := c.sleep(ctx, wait); err != nil {
			return n, err
		}
	}
}

// backoff is full jitter over an exponentially growing, bounded window.
func (c *Client) backoff(attempt int) time.Duration {
	window := c.cfg.BackoffBase << (attempt - 1)
	if window > c.cfg.BackoffMax || window <= 0 {
		window = c.cfg.BackoffMax
	}
	return c.jitter(window)
}

func randomJitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(max) + 1))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// retryable: timeouts, 429, 5xx, streams cut before any token, and broken
// connections. Not other 4xx, nor anything the caller cancelled.
func retryable(err error) bool {
	if s := httpStatus(err); s != 0 {
		return s == http.StatusTooManyRequests || s >= 500
	}
	switch {
	case errors.Is(err, ErrTimeout), errors.Is(err, ErrIncomplete):
		return true
	case errors.Is(err, context.Canceled):
		return false
	case errors.Is(err, context.DeadlineExceeded):
		return true // an HTTP client timeout; the caller's own deadline is checked before
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED):
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// httpStatus is the status code of a service's error reply, or 0.
func httpStatus(err error) int {
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatusCode
	}
	var re *openai.RequestError
	if errors.As(err, &re) {
		return re.HTTPStatusCode
	}
	return 0
}

// deadline returns a context cancelled with ErrTimeout after d, and a reset
// that restarts the clock (streams reset it on every chunk).
func deadline(ctx context.Context, d time.Duration) (context.Context, func(), context.CancelFunc) {
	actx, cancel := context.WithCancelCause(ctx)
	t := time.AfterFunc(d, func() { cancel(ErrTimeout) })
	reset := func() { t.Reset(d) }
	return actx, reset, func() { t.Stop(); cancel(context.Canceled) }
}

// timedOut turns an error caused by the attempt's own deadline into
// ErrTimeout, so it is retried; the caller's cancellation stays as it is.
func timedOut(actx context.Context, err error) error {
	if err != nil && errors.Is(context.Cause(actx), ErrTimeout) {
		return ErrTimeout
	}
	return err
}
