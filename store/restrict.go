package store

import (
	"errors"
	"strings"
	"sync"
	"time"

	"convene/model"
)

// ErrNotAllowed is returned by a write that the store's role may not make
// (see Restrict): nothing was changed.
var ErrNotAllowed = errors.New("not allowed for this role") //i18n:key

// Op is a kind of write, as a set of bits: a role may make some of them.
type Op uint32

// The kinds of write.
const (
	// OpCheckIn: check in, undo, un-check, register a walk-in.
	OpCheckIn Op = 1 << iota
	// OpEditPerson: edit a participant (name, organisation, category…).
	OpEditPerson
	// OpEditContacts: change a participant's phone and e-mail when editing
	// (without it, UpdateParticipant keeps the stored ones).
	OpEditContacts
	// OpImport: import a roster.
	OpImport
	// OpTopics: every change of the topics and their timeboxes.
	OpTopics
	// OpAgenda: the agenda and its clock.
	OpAgenda
	// OpEvent: create events and sessions, change the current one, load a
	// dataset.
	OpEvent
	// OpSettings: any setting (the display message, …).
	OpSettings
	// OpDeskSettings: the settings of the store's own desk only
	// (“name@desk”: its screen, session and language).
	OpDeskSettings
	// OpFiles: write files next to the database (backups, snapshots).
	OpFiles

	// OpAll is every write.
	OpAll Op = 1<<iota - 1
)

// OpsFor is what a role may write.
func OpsFor(r model.Role) Op {
	switch r {
	case model.RoleDesk:
		return OpCheckIn | OpEditPerson | OpTopics | OpDeskSettings
	case model.RoleDisplay:
		return OpDeskSettings
	case model.RoleOrganiser:
		return OpAll
	}
	return OpAll // no role: as the organiser
}

// guard is what a restricted view of a store checks before each write.
type guard struct {
	role model.Role
	ops  Op
	desk string
	// waitAfter and onWait: a write that has not finished after waitAfter
	// calls onWait(true) (it is waiting for another writer: an import, a
	// backup, another process), then onWait(false) when it ends.
	waitAfter time.Duration
	onWait    func(waiting bool)
}

// Restrict returns a view of the store for one desk of a role (see
// `convene serve`): it shares the store's connections, reads everything,
// and refuses with ErrNotAllowed every write the role may not make —
// whatever the caller asks, so no key of a restricted desk can write what
// its role does not allow. desk names the desk whose own settings
// (“name@desk”) it may write. Closing a view does nothing; close the store.
func (s *Store) Restrict(role model.Role, desk string) *Store {
	v := *s // a view shares the store's connections
	g := guard{role: role, ops: OpsFor(role), desk: desk}
	if s.guard != nil {
		g.ops &= s.guard.ops
		g.waitAfter, g.onWait = s.guard.waitAfter, s.guard.onWait
	}
	v.guard = &g
	return &v
}

// OnWait returns a view of the store that calls fn(true) when one of its
// writes has waited longer than after for another writer (an import or a
// backup holding the database), and fn(false) when that write ends. fn
// must not block.
func (s *Store) OnWait(after time.Duration, fn func(waiting bool)) *Store {
	v := *s // a view shares the store's connections
	g := guard{role: model.RoleOrganiser, ops: OpAll}
	if s.guard != nil {
		g = *s.guard
	}
	g.waitAfter, g.onWait = after, fn
	v.guard = &g
	return &v
}

// Role is the role a view was restricted to (the organiser for a store
// that is not restricted).
func (s *Store) Role() model.Role {
	if s.guard == nil || s.guard.role == "" {
		return model.RoleOrganiser
	}
	return s.guard.role
}

// Allows reports whether the store may make writes of kind op.
func (s *Store) Allows(op Op) bool { return s.guard == nil || s.guard.ops&op == op }

// isView reports whether s is a view made by Restrict or OnWait.
func (s *Store) isView() bool { return s.guard != nil }

// begin checks that the store may write op, and watches the write for
// waiting: call the returned function when the write is done.
func (s *Store) begin(op Op) (func(), error) {
	if !s.Allows(op) {
		return nil, errorf("%s: %w", s.Role(), ErrNotAllowed)
	}
	if s.guard == nil || s.guard.onWait == nil {
		return func() {}, nil
	}
	var mu sync.Mutex
	waited, done := false, false
	fn := s.guard.onWait
	t := time.AfterFunc(s.guard.waitAfter, func() {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			waited = true
			fn(true)
		}
	})
	return func() {
		t.Stop()
		mu.Lock()
		defer mu.Unlock()
		done = true
		if waited {
			fn(false)
		}
	}, nil
}

// beginSetting is begin for a setting: the desk's own ones need only
// OpDeskSettings.
func (s *Store) beginSetting(key string) (func(), error) {
	if s.guard != nil && s.guard.desk != "" && strings.HasSuffix(key, "@"+s.guard.desk) && s.Allows(OpDeskSettings) {
		return s.begin(OpDeskSettings)
	}
	return s.begin(OpSettings)
}
