package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"rongcuo/redisstore"
)

// The poller: in polling mode one replica at a time (the holder of a lease
// in Redis) asks Telegram for updates and queues them durably; only then
// does its next request confirm them to Telegram (the offset). Any replica
// answers them from the queue. While Redis cannot take them, the poller
// answers them itself without the queue, as the bot did before there was
// one: the user still gets an answer, without memory.

// leaseTTL is how long the polling lease lasts unless renewed; it is
// renewed every third of it.
const leaseTTL = 15 * time.Second

type poller struct {
	client  *http.Client
	base    string // API address + "/bot" + token + "/"
	timeout time.Duration
	updates *Updates
	parse   func([]byte) (Update, bool)
	log     *slog.Logger
	obs     Observer

	leader atomic.Bool
	down   atomic.Bool // Redis refused the last batch
}

// lease keeps or takes the polling lease until ctx ends, then frees it.
// While Redis does not answer, a poller stays one: no other replica can
// take the lease meanwhile, and users keep getting answers.
func (p *poller) lease(ctx context.Context, q Durable) {
	t := time.NewTicker(leaseTTL / 3)
	defer t.Stop()
	for {
		ok, err := q.Lease(ctx, leaseTTL)
		switch {
		case err != nil && ctx.Err() == nil:
			p.log.Debug("polling lease not renewed", "err", err)
		case err == nil && ok != p.leader.Load():
			p.leader.Store(ok)
			if ok {
				p.log.Info("this replica polls Telegram")
			} else {
				p.log.Info("another replica polls Telegram")
			}
		}
		select {
		case <-ctx.Done():
			rel, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			q.Unlease(rel)
			cancel()
			return
		case <-t.C:
		}
	}
}

func (p *poller) run(ctx context.Context) {
	var offset int64
	var wait time.Duration
	for ctx.Err() == nil {
		if !p.leader.Load() {
			sleep(ctx, time.Second)
			continue
		}
		raws, err := p.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			wait = min(max(2*wait, time.Second), 10*time.Second)
			p.log.Warn("telegram: getUpdates failed; trying again", "in", wait, "err", err)
			sleep(ctx, wait)
			continue
		}
		wait = 0
		if len(raws) == 0 {
			continue
		}
		var batch []redisstore.NewUpdate
		var local []Update
		now := time.Now()
		for _, raw := range raws {
			var h struct {
				ID int64 `json:"update_id"`
			}
			if json.Unmarshal(raw, &h) != nil {
				p.obs.Dropped("unreadable")
				continue
			}
			offset = max(offset, h.ID+1)
			u, ok := p.parse(raw)
			if !ok {
				continue
			}
			u.ID, u.Received = h.ID, now
			batch = append(batch, redisstore.NewUpdate{ID: h.ID, Data: raw, At: now})
			local = append(local, u)
		}
		if err := p.updates.AcceptBatch(ctx, batch); err != nil {
			if !p.down.Swap(true) {
				p.log.Warn("redis does not take updates; answering them here without the queue until it does", "err", err)
			}
			for _, u := range local {
				p.updates.Local(u)
			}
			continue
		}
		if p.down.Swap(false) {
			p.log.Info("redis takes updates again")
		}
	}
}

// getUpdates is one long poll; its offset confirms every update before it.
func (p *poller) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	form := url.Values{}
	if offset > 0 {
		form.Set("offset", strconv.FormatInt(offset, 10))
	}
	form.Set("timeout", strconv.Itoa(int(p.timeout/time.Second)))
	allowed, _ := json.Marshal(allowedUpdates)
	form.Set("allowed_updates", string(allowed))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.client.Do(req)
	if err != nil {
		p.obs.Telegram("getUpdates", "error")
		return nil, errors.New("telegram: getUpdates: " + redactToken(err.Error(), p.base))
	}
	defer resp.Body.Close()
	var body struct {
		OK          bool              `json:"ok"`
		Result      []json.RawMessage `json:"result"`
		Description string            `json:"description"`
		ErrorCode   int               `json:"error_code"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		p.obs.Telegram("getUpdates", "error")
		return nil, fmt.Errorf("telegram: getUpdates: HTTP %d: %w", resp.StatusCode, err)
	}
	if !body.OK {
		outcome := "error"
		if body.ErrorCode == http.StatusTooManyRequests {
			outcome = "retry_after"
		}
		p.obs.Telegram("getUpdates", outcome)
		return nil, fmt.Errorf("telegram: getUpdates: %d %s", body.ErrorCode, body.Description)
	}
	p.obs.Telegram("getUpdates", "ok")
	return body.Result, nil
}

// redactToken keeps the bot token out of an error that quotes the URL.
func redactToken(msg, base string) string {
	i := strings.Index(base, "/bot")
	if i < 0 {
		return msg
	}
	return strings.ReplaceAll(msg, base[i:], "/bot<token>/")
}
