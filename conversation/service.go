// Package conversation is the channel-agnostic conversation service: asking,
// follow-up answers (是 / 否 / 不清楚), new cases, feedback, forgetting, the
// access policy, rate limits and quotas, and the usage records, over a Store.
// The Telegram bot and the web console are adapters: they turn what arrives
// into calls on a Service and what it produces (an Output) into messages or
// pages. Users, roles and usage records are its core types; a person who
// reaches it through both channels is one User.
package conversation

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
)

// Access policies.
const (
	AccessOpen      = "open"      // anyone may ask
	AccessAllowlist = "allowlist" // only users an admin made active (and admins and staff)
	AccessApproval  = "approval"  // new users are pending until an admin approves
)

// Advisor answers a question; *advisor.Advisor satisfies it.
type Advisor interface {
	Advise(ctx context.Context, q advisor.Question) (advisor.Advice, error)
}

// Config is everything the service needs. Advisor, Store and Apply are
// required.
type Config struct {
	Advisor Advisor
	Store   Store
	// Apply records a follow-up answer in the case facts (assess.Apply).
	Apply func(f assess.Facts, key string, r assess.Reply, question string) assess.Facts

	Admins     []int64 // RONGCUO_ADMINS
	Staff      []int64 // RONGCUO_STAFF
	Access     string  // AccessOpen (default), AccessAllowlist or AccessApproval
	PerMinute  int     // questions per user per minute; 0 means no limit
	PerDay     int     // questions per user per day; 0 means no limit
	MaxText    int     // longest question in characters; 0 means 2,000
	UserSecret []byte  // key of the pseudonymous user ids in usage records
	Log        *slog.Logger

	// UsageBuffer is how many usage records wait in memory while the store
	// is down; 0 means DefaultUsageBuffer.
	UsageBuffer int
	// UsageSpool, when set, is a file the waiting usage records are also
	// written to, read back at the next start.
	UsageSpool string
	// Observer is told of answers and of the usage buffer, for metrics.
	Observer Observer
}

// Service is the conversation service. It is safe for concurrent use.
type Service struct {
	cfg    Config
	admins map[int64]bool
	staff  map[int64]bool
	log    *slog.Logger
	obs    Observer

	buf      *usageBuffer
	flushing atomic.Bool

	mu sync.Mutex
	// verified remembers users recently seen active, so restricted access
	// policies keep serving them while the store is down.
	verified map[int64]time.Time
	// told remembers the limit notices given, one per user and window.
	told map[string]time.Time
	// requested are told of a user's first access request (the bot asks the
	// admins in Telegram).
	requested []func(context.Context, Person)
}

// New returns a service.
func New(cfg Config) (*Service, error) {
	if cfg.Advisor == nil || cfg.Store == nil || cfg.Apply == nil {
		return nil, errors.New("conversation: advisor, store and apply are required")
	}
	switch cfg.Access {
	case "":
		cfg.Access = AccessOpen
	case AccessOpen, AccessAllowlist, AccessApproval:
	default:
		return nil, fmt.Errorf("conversation: access policy %q: want open, allowlist or approval", cfg.Access)
	}
	if len(cfg.UserSecret) < 16 {
		return nil, errors.New("conversation: the user id secret must be at least 16 bytes")
	}
	if cfg.MaxText <= 0 {
		cfg.MaxText = 2000
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.UsageBuffer <= 0 {
		cfg.UsageBuffer = DefaultUsageBuffer
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	s := &Service{cfg: cfg, log: cfg.Log, obs: cfg.Observer, admins: map[int64]bool{}, staff: map[int64]bool{}, verified: map[int64]time.Time{},
		told: map[string]time.Time{}, buf: &usageBuffer{max: cfg.UsageBuffer, spool: cfg.UsageSpool}}
	if cfg.UsageSpool != "" {
		n, err := s.buf.loadSpool()
		if err != nil {
			return nil, fmt.Errorf("conversation: read the usage spool %s: %w", cfg.UsageSpool, err)
		}
		if n > 0 {
			cfg.Log.Info("usage records from the spool wait for the store", "records", n, "spool", cfg.UsageSpool)
			s.obs.UsageBuffered(n)
		}
	}
	for _, id := range cfg.Admins {
		s.admins[id] = true
	}
	for _, id := range cfg.Staff {
		s.staff[id] = true
	}
	return s, nil
}

// Access returns the access policy in force.
func (s *Service) Access() string { return s.cfg.Access }

// Admins returns the admins the settings name.
func (s *Service) Admins() []int64 { return append([]int64(nil), s.cfg.Admins...) }

// Staff returns the staff the settings name.
func (s *Service) Staff() []int64 { return append([]int64(nil), s.cfg.Staff...) }

// StaffBySettings reports whether the settings make id staff (a role that
// only the settings can take away).
func (s *Service) StaffBySettings(id int64) bool { return s.staff[id] }

// OnAccessRequest registers fn to be told when a user first asks for access
// under the approval policy.
func (s *Service) OnAccessRequest(fn func(context.Context, Person)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requested = append(s.requested, fn)
}

// Person is who makes a request, as the channel knows them.
type Person struct {
	ID       int64
	Name     string // display name, for admins deciding access
	Username string
}

// Chat is where a request is made. The web is the user's own chat: its id is
// the user's, as a Telegram private chat's is, so both channels share one
// conversation.
type Chat struct {
	ID   int64
	Type string // private, group, supergroup (Telegram) or web
}

// ChatWeb is the chat type of the web console.
const ChatWeb = "web"

// State is a request's loaded state; OK is false when the store could not be
// reached and the service answers without memory.
type State struct {
	Session
	OK   bool
	Once int64 // Begin.Once
}

// Load loads what a request needs; a store that is down gives a State with OK
// false, and the request goes on without memory.
func (s *Service) Load(ctx context.Context, b Begin) State {
	sess, err := s.cfg.Store.Begin(ctx, b)
	if err != nil {
		s.log.Warn("store unavailable; answering without history", "chat", b.ChatID, "err", err)
		return State{Once: b.Once}
	}
	return State{Session: sess, OK: true, Once: b.Once}
}

// User loads one user.
func (s *Service) User(ctx context.Context, id int64) (User, error) {
	return s.cfg.Store.User(ctx, id)
}

// Pseudonym is the id under which the user's usage records are kept.
func (s *Service) Pseudonym(id int64) string { return Pseudonym(s.cfg.UserSecret, id) }

// answerIDLen is the length of answer ids: 8 base32 characters, 40 random bits.
const answerIDLen = 8

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewID returns a new answer or case id.
func NewID() string {
	var b [5]byte
	rand.Read(b[:])
	return strings.ToLower(idEncoding.EncodeToString(b[:]))
}

// IsAnswerID reports whether s has the form of an answer id.
func IsAnswerID(s string) bool {
	if len(s) != answerIDLen {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return true
}
