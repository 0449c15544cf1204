package conversation

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"sync"
	"time"

	"rongcuo/internal/chinatime"
)

// MemStore is an in-memory Store for tests. It keeps the same rules as the
// Redis store (the conformance suite in conversationtest runs on both), and
// SetDown makes every call fail as a Redis outage does.
type MemStore struct {
	mu         sync.Mutex
	down       bool
	keep       int
	seen       map[string]bool
	counts     map[string]int64
	users      map[int64]User
	cases      map[int64]Case
	turns      map[int64][]CaseTurn
	pending    map[int64]string
	userChats  map[int64]map[int64]bool
	answers    map[int64]map[string]string // chat → answer id → rating
	once       map[int64]bool              // Change.Once values written
	usage      []UsageRecord
	saves      int
	nextRecord int
}

var _ Store = (*MemStore)(nil)

// ErrDown is what a MemStore set down returns.
var ErrDown = errors.New("memstore: down")

// NewMemStore returns an empty store keeping keep turns per chat (20 when 0).
func NewMemStore(keep int) *MemStore {
	if keep <= 0 {
		keep = 20
	}
	return &MemStore{keep: keep, seen: map[string]bool{}, counts: map[string]int64{}, users: map[int64]User{},
		cases: map[int64]Case{}, turns: map[int64][]CaseTurn{}, pending: map[int64]string{}, userChats: map[int64]map[int64]bool{},
		answers: map[int64]map[string]string{}, once: map[int64]bool{}}
}

// SetDown makes every call fail (true) or work again (false).
func (m *MemStore) SetDown(d bool) { m.mu.Lock(); m.down = d; m.mu.Unlock() }

// Records returns a copy of the usage records, oldest first.
func (m *MemStore) Records() []UsageRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]UsageRecord(nil), m.usage...)
}

// Case returns the chat's current case.
func (m *MemStore) Case(chatID int64) Case {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cases[chatID]
}

// Turns returns the turns of the chat's current case.
func (m *MemStore) Turns(chatID int64) []CaseTurn {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []CaseTurn
	for _, t := range m.turns[chatID] {
		if t.CaseID != "" && t.CaseID == m.cases[chatID].ID {
			out = append(out, t)
		}
	}
	return out
}

// PutUser stores u as it is.
func (m *MemStore) PutUser(u User) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.users[u.ID] = u
}

// Answered reports which of the updates had a usage record written with
// Change.Once.
func (m *MemStore) Answered(ids []int64) map[int64]bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[int64]bool{}
	for _, id := range ids {
		if m.once[id] {
			out[id] = true
		}
	}
	return out
}

// Saves counts the calls to Save that succeeded.
func (m *MemStore) Saves() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.saves
}

// Begin implements Store.
func (m *MemStore) Begin(_ context.Context, b Begin) (Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return Session{}, ErrDown
	}
	now := b.Now
	if now.IsZero() {
		now = time.Now()
	}
	var s Session
	if b.UpdateID != 0 {
		k := strconv.FormatInt(b.ChatID, 10) + "/" + strconv.FormatInt(b.UpdateID, 10)
		s.Duplicate = m.seen[k]
		m.seen[k] = true
	}
	if b.Count && !s.Duplicate {
		uid := strconv.FormatInt(b.UserID, 10)
		mk := uid + ":rl:" + strconv.FormatInt(now.Unix()/60, 10)
		dk := uid + ":q:" + now.In(chinatime.Zone).Format("20060102")
		m.counts[mk]++
		m.counts[dk]++
		s.Minute, s.Today = m.counts[mk], m.counts[dk]
	} else if b.Count {
		uid := strconv.FormatInt(b.UserID, 10)
		s.Minute = m.counts[uid+":rl:"+strconv.FormatInt(now.Unix()/60, 10)] + 1
		s.Today = m.counts[uid+":q:"+now.In(chinatime.Zone).Format("20060102")] + 1
	}
	s.User = m.users[b.UserID]
	s.User.ID = b.UserID
	s.Case = m.cases[b.ChatID]
	s.Pending = m.pending[b.ChatID]
	if b.Answer != "" {
		r, ok := m.answers[b.ChatID][b.Answer]
		s.Answer = AnswerMark{ID: b.Answer, Known: ok, Rating: r}
	}
	for _, t := range m.turns[b.ChatID] {
		if t.CaseID != "" && t.CaseID == s.Case.ID {
			tu := t.Turn
			if tu.Role != "user" && !b.Transcript {
				tu.Text = ""
			}
			s.Turns = append(s.Turns, tu)
		}
	}
	return s, nil
}

// Save implements Store.
func (m *MemStore) Save(_ context.Context, c Change) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return ErrDown
	}
	m.saves++
	caseID := ""
	if c.Case != nil {
		caseID = c.Case.ID
		m.cases[c.ChatID] = *c.Case
	}
	for _, t := range c.Turns {
		m.turns[c.ChatID] = append(m.turns[c.ChatID], CaseTurn{CaseID: caseID, Turn: t})
	}
	if n := len(m.turns[c.ChatID]); n > m.keep {
		m.turns[c.ChatID] = append([]CaseTurn(nil), m.turns[c.ChatID][n-m.keep:]...)
	}
	if c.Pending != nil {
		if *c.Pending == "" {
			delete(m.pending, c.ChatID)
		} else {
			m.pending[c.ChatID] = *c.Pending
		}
	}
	if !c.Seen.IsZero() && c.UserID != 0 {
		u := m.users[c.UserID]
		u.ID, u.Seen = c.UserID, c.Seen.UTC().Truncate(time.Second)
		m.users[c.UserID] = u
	}
	if c.UserID != 0 && c.UserID != c.ChatID && len(c.Turns) > 0 {
		if m.userChats[c.UserID] == nil {
			m.userChats[c.UserID] = map[int64]bool{}
		}
		m.userChats[c.UserID][c.ChatID] = true
	}
	if a := c.Answer; a != nil {
		if m.answers[c.ChatID] == nil {
			m.answers[c.ChatID] = map[string]string{}
		}
		m.answers[c.ChatID][a.ID] = a.Rating
	}
	if c.Usage != nil && c.Once != 0 && m.once[c.Once] {
		c.Usage = nil // written before
	} else if c.Usage != nil && c.Once != 0 {
		m.once[c.Once] = true
	}
	if c.Usage != nil {
		r := *c.Usage
		m.nextRecord++
		r.ID = strconv.Itoa(m.nextRecord)
		m.usage = append(m.usage, r)
	}
	return nil
}

// History implements Store.
func (m *MemStore) History(_ context.Context, chatID int64) ([]CaseTurn, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return nil, ErrDown
	}
	return append([]CaseTurn(nil), m.turns[chatID]...), nil
}

// User implements Store.
func (m *MemStore) User(_ context.Context, id int64) (User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return User{}, ErrDown
	}
	u := m.users[id]
	u.ID = id
	return u, nil
}

// Users implements Store.
func (m *MemStore) Users(_ context.Context, match func(User) bool) ([]User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return nil, ErrDown
	}
	var out []User
	for _, u := range m.users {
		if match(u) {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// RequestAccess implements Store.
func (m *MemStore) RequestAccess(_ context.Context, u User, now time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return false, ErrDown
	}
	old, known := m.users[u.ID]
	if !known || old.Created.IsZero() {
		old.Created = now.UTC().Truncate(time.Second)
	}
	old.ID, old.Name, old.Username = u.ID, u.Name, u.Username
	first := old.Status == ""
	if first {
		old.Status = StatusPending
	}
	m.users[u.ID] = old
	return first, nil
}

// SetStatus implements Store.
func (m *MemStore) SetStatus(_ context.Context, id int64, status string, by int64, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return ErrDown
	}
	u := m.users[id]
	u.ID, u.Status, u.DecidedBy, u.DecidedAt = id, status, by, now.UTC().Truncate(time.Second)
	if u.Created.IsZero() {
		u.Created = u.DecidedAt
	}
	m.users[id] = u
	return nil
}

// SetRole implements Store.
func (m *MemStore) SetRole(_ context.Context, id int64, role string, by int64, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return ErrDown
	}
	u := m.users[id]
	if role == RoleCadre {
		role = ""
	}
	u.ID, u.Role, u.DecidedBy, u.DecidedAt = id, role, by, now.UTC().Truncate(time.Second)
	m.users[id] = u
	return nil
}

// Forget implements Store.
func (m *MemStore) Forget(_ context.Context, chatID int64, pseudonym string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return 0, ErrDown
	}
	for g := range m.userChats[chatID] {
		m.forgetChat(g)
	}
	delete(m.userChats, chatID)
	m.forgetChat(chatID)
	n := 0
	for i, r := range m.usage {
		if r.User == pseudonym && (r.Question != "" || r.Answer != "" || r.Reason != "") {
			r.Question, r.Answer, r.Reason, r.Redacted = "", "", "", true
			m.usage[i] = r
			n++
		}
	}
	return n, nil
}

func (m *MemStore) forgetChat(id int64) {
	delete(m.cases, id)
	delete(m.turns, id)
	delete(m.pending, id)
	delete(m.answers, id)
}
