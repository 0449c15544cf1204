package conversation

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"
)

// MemAccounts is an in-memory Accounts for tests, with a clock tests can
// move (Now) so timeouts need no sleeping.
type MemAccounts struct {
	mu       sync.Mutex
	Now      func() time.Time
	down     bool
	accounts map[string]Account
	next     int64
	sessions map[string]memSession
	tokens   map[string]memToken
	fails    map[string]memToken
}

type memSession struct {
	s       LoginSession
	expires time.Time
}

type memToken struct {
	n       int64
	expires time.Time
}

var _ Accounts = (*MemAccounts)(nil)

// NewMemAccounts returns an empty store on the real clock.
func NewMemAccounts() *MemAccounts {
	return &MemAccounts{Now: time.Now, accounts: map[string]Account{}, sessions: map[string]memSession{},
		tokens: map[string]memToken{}, fails: map[string]memToken{}}
}

// SetDown makes every call fail (true) or work again (false).
func (m *MemAccounts) SetDown(d bool) { m.mu.Lock(); m.down = d; m.mu.Unlock() }

func (m *MemAccounts) check() error {
	if m.down {
		return ErrDown
	}
	return nil
}

// PutAccount implements Accounts.
func (m *MemAccounts) PutAccount(_ context.Context, a Account) (Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return Account{}, err
	}
	k := strings.ToLower(a.Name)
	if old, ok := m.accounts[k]; ok {
		old.Hash = a.Hash
		m.accounts[k] = old
		return old, nil
	}
	if a.UserID == 0 {
		m.next++
		a.UserID = WebUserBase + m.next
	}
	if a.Created.IsZero() {
		a.Created = m.Now().UTC().Truncate(time.Second)
	}
	m.accounts[k] = a
	return a, nil
}

// Account implements Accounts.
func (m *MemAccounts) Account(_ context.Context, name string) (Account, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return Account{}, false, err
	}
	a, ok := m.accounts[strings.ToLower(name)]
	return a, ok, nil
}

// AccountList implements Accounts.
func (m *MemAccounts) AccountList(_ context.Context) ([]Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return nil, err
	}
	out := make([]Account, 0, len(m.accounts))
	for _, a := range m.accounts {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// RemoveAccount implements Accounts.
func (m *MemAccounts) RemoveAccount(_ context.Context, name string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return false, err
	}
	k := strings.ToLower(name)
	_, ok := m.accounts[k]
	delete(m.accounts, k)
	return ok, nil
}

// PutSession implements Accounts.
func (m *MemAccounts) PutSession(_ context.Context, s LoginSession, idle time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return err
	}
	m.sessions[s.ID] = memSession{s: s, expires: m.Now().Add(idle)}
	return nil
}

// LoginSession implements Accounts.
func (m *MemAccounts) LoginSession(_ context.Context, id string) (LoginSession, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return LoginSession{}, false, err
	}
	e, ok := m.sessions[id]
	if !ok || !m.Now().Before(e.expires) {
		delete(m.sessions, id)
		return LoginSession{}, false, nil
	}
	return e.s, true, nil
}

// TouchSession implements Accounts.
func (m *MemAccounts) TouchSession(_ context.Context, id string, seen time.Time, idle time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return err
	}
	if e, ok := m.sessions[id]; ok {
		e.s.Seen, e.expires = seen, m.Now().Add(idle)
		m.sessions[id] = e
	}
	return nil
}

// EndSession implements Accounts.
func (m *MemAccounts) EndSession(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return err
	}
	delete(m.sessions, id)
	return nil
}

// EndSessions implements Accounts.
func (m *MemAccounts) EndSessions(_ context.Context, userID int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return 0, err
	}
	n := 0
	for id, e := range m.sessions {
		if e.s.UserID == userID {
			if m.Now().Before(e.expires) {
				n++
			}
			delete(m.sessions, id)
		}
	}
	return n, nil
}

// PutLoginToken implements Accounts.
func (m *MemAccounts) PutLoginToken(_ context.Context, tokenHash string, userID int64, ttl time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return err
	}
	m.tokens[tokenHash] = memToken{n: userID, expires: m.Now().Add(ttl)}
	return nil
}

// TakeLoginToken implements Accounts.
func (m *MemAccounts) TakeLoginToken(_ context.Context, tokenHash string) (int64, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return 0, false, err
	}
	t, ok := m.tokens[tokenHash]
	delete(m.tokens, tokenHash)
	if !ok || !m.Now().Before(t.expires) {
		return 0, false, nil
	}
	return t.n, true, nil
}

// Fail implements Accounts.
func (m *MemAccounts) Fail(_ context.Context, key string, window time.Duration) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return 0, err
	}
	f, ok := m.fails[key]
	if !ok || !m.Now().Before(f.expires) {
		f = memToken{expires: m.Now().Add(window)}
	}
	f.n++
	m.fails[key] = f
	return f.n, nil
}

// Failures implements Accounts.
func (m *MemAccounts) Failures(_ context.Context, key string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return 0, err
	}
	f, ok := m.fails[key]
	if !ok || !m.Now().Before(f.expires) {
		return 0, nil
	}
	return f.n, nil
}

// ClearFailures implements Accounts.
func (m *MemAccounts) ClearFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(); err != nil {
		return err
	}
	delete(m.fails, key)
	return nil
}
