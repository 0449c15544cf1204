package conversation

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"rongcuo/internal/chinatime"
)

// Role is the higher of the role the settings give and the one stored.
func (s *Service) Role(id int64, stored User) string {
	switch {
	case s.admins[id] || stored.Role == RoleAdmin:
		return RoleAdmin
	case s.staff[id] || stored.Role == RoleStaff:
		return RoleStaff
	}
	return RoleCadre
}

// Admit applies the access policy to a person about to ask something. When
// they may not, it returns what to tell them. A first request under the
// approval policy is recorded and announced (OnAccessRequest).
func (s *Service) Admit(ctx context.Context, p Person, st State) (bool, string) {
	stored := st.User
	if r := s.Role(p.ID, stored); r == RoleAdmin || r == RoleStaff {
		return true, ""
	}
	if stored.Status == StatusDenied {
		return false, TextDenied
	}
	if s.cfg.Access == AccessOpen {
		return true, ""
	}
	if !st.OK {
		if s.recentlyVerified(p.ID) {
			return true, ""
		}
		return false, TextCantVerify
	}
	if stored.Status == StatusActive {
		s.markVerified(p.ID)
		return true, ""
	}
	if s.cfg.Access == AccessAllowlist {
		return false, fmt.Sprintf(TextNotAllowed, p.ID)
	}
	if stored.Status == "" {
		first, err := s.cfg.Store.RequestAccess(ctx, User{ID: p.ID, Name: p.Name, Username: p.Username}, time.Now())
		if err != nil {
			s.log.Warn("access request not stored", "user", p.ID, "err", err)
			return false, TextCantVerify
		}
		if first {
			s.mu.Lock()
			fns := make([]func(context.Context, Person), len(s.requested))
			copy(fns, s.requested)
			s.mu.Unlock()
			for _, fn := range fns {
				fn(ctx, p)
			}
		}
	}
	return false, TextPending
}

// Limited reports whether the request loaded in st is over the rate limit or
// the daily quota, and what to tell the user. A user is told once per
// window (the minute, the day) and process: later requests over the limit
// get "" and nothing should be sent, so a flood costs no flood of notices.
func (s *Service) Limited(st State) (string, bool) {
	if !st.OK {
		return "", false
	}
	now := time.Now()
	if s.cfg.PerDay > 0 && st.Today > int64(s.cfg.PerDay) {
		if s.firstNotice("d", st.User.ID, now.In(chinatime.Zone).Format("20060102"), now) {
			return fmt.Sprintf(TextQuotaExceeded, s.cfg.PerDay), true
		}
		return "", true
	}
	if s.cfg.PerMinute > 0 && st.Minute > int64(s.cfg.PerMinute) {
		if s.firstNotice("m", st.User.ID, strconv.FormatInt(now.Unix()/60, 10), now) {
			return TextRateLimited, true
		}
		return "", true
	}
	return "", false
}

// firstNotice reports whether the user is told of a limit for the first
// time in the window, and marks it told.
func (s *Service) firstNotice(kind string, user int64, window string, now time.Time) bool {
	k := kind + ":" + strconv.FormatInt(user, 10) + ":" + window
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, told := s.told[k]; told {
		return false
	}
	if len(s.told) > 10000 {
		for k, at := range s.told {
			if now.Sub(at) > 25*time.Hour {
				delete(s.told, k)
			}
		}
	}
	s.told[k] = now
	return true
}

const verifiedFor = 10 * time.Minute

func (s *Service) markVerified(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.verified[id] = now
	if len(s.verified) > 10000 {
		for k, t := range s.verified {
			if now.Sub(t) > verifiedFor {
				delete(s.verified, k)
			}
		}
	}
}

func (s *Service) recentlyVerified(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.verified[id]
	return ok && time.Since(t) < verifiedFor
}

// Errors of the admin actions; each channel says them in its own words.
var (
	ErrNotAdmin         = errors.New("conversation: only an admin may do this")
	ErrStoreDown        = errors.New("conversation: the store cannot be reached")
	ErrIsAdmin          = errors.New("conversation: the user is an admin")
	ErrAlreadyStaff     = errors.New("conversation: the user is staff already")
	ErrRoleFromSettings = errors.New("conversation: the role comes from the settings")
	ErrNotStaff         = errors.New("conversation: the user is not staff")
)

// Decide approves (yes) or denies a user's access on an admin's word and
// returns the user as they were before.
func (s *Service) Decide(ctx context.Context, admin, id int64, yes bool) (User, error) {
	if err := s.mustBeAdmin(ctx, admin); err != nil {
		return User{}, err
	}
	target, err := s.cfg.Store.User(ctx, id)
	if err != nil {
		return User{}, fmt.Errorf("%w: %v", ErrStoreDown, err)
	}
	status := StatusDenied
	if yes {
		status = StatusActive
	}
	if err := s.cfg.Store.SetStatus(ctx, id, status, admin, time.Now()); err != nil {
		s.log.Warn("access decision not stored", "user", id, "err", err)
		return target, fmt.Errorf("%w: %v", ErrStoreDown, err)
	}
	return target, nil
}

// Grant gives a user the staff role (yes) or takes a granted one back, on an
// admin's word. Roles from the settings are changed there, not here. It
// returns the stored role afterwards.
func (s *Service) Grant(ctx context.Context, admin, id int64, yes bool) (string, error) {
	if err := s.mustBeAdmin(ctx, admin); err != nil {
		return "", err
	}
	return s.setStaff(ctx, admin, id, yes)
}

// setStaff is Grant once the caller is known to be an admin.
func (s *Service) setStaff(ctx context.Context, admin, id int64, yes bool) (string, error) {
	stored, err := s.cfg.Store.User(ctx, id)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrStoreDown, err)
	}
	role := s.Role(id, stored)
	switch {
	case role == RoleAdmin:
		return "", ErrIsAdmin
	case yes && role == RoleStaff:
		return "", ErrAlreadyStaff
	case !yes && s.staff[id]:
		return "", ErrRoleFromSettings
	case !yes && role != RoleStaff:
		return "", ErrNotStaff
	}
	newRole := RoleStaff
	if !yes {
		newRole = RoleCadre
	}
	if err := s.cfg.Store.SetRole(ctx, id, newRole, admin, time.Now()); err != nil {
		s.log.Warn("role not stored", "user", id, "err", err)
		return "", err
	}
	s.log.Info("role changed", "user", id, "role", newRole, "by", admin)
	return newRole, nil
}

func (s *Service) mustBeAdmin(ctx context.Context, id int64) error {
	if s.admins[id] {
		return nil
	}
	u, err := s.cfg.Store.User(ctx, id)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrStoreDown, err)
	}
	if s.Role(id, u) != RoleAdmin {
		return ErrNotAdmin
	}
	return nil
}

// PendingUsers lists the access requests waiting for an admin, for an admin.
func (s *Service) PendingUsers(ctx context.Context, admin int64) ([]User, error) {
	if err := s.mustBeAdmin(ctx, admin); err != nil {
		return nil, err
	}
	return s.cfg.Store.Users(ctx, func(u User) bool { return u.Status == StatusPending })
}

// Users lists every stored user, for an admin.
func (s *Service) Users(ctx context.Context, admin int64) ([]User, error) {
	if err := s.mustBeAdmin(ctx, admin); err != nil {
		return nil, err
	}
	return s.cfg.Store.Users(ctx, func(User) bool { return true })
}
