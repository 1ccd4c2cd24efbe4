package serve

import (
	"context"
	"sync"
	"sync/atomic"

	"convene/model"
	"convene/store"
)

// roster is the server's one search index per event, shared read-only by
// every desk (each gets its own scratch space with Share). It is built
// once, and again only after an import or a write by another program; a
// person saved at a desk goes into it as one change.
type roster struct {
	st    *store.Store
	gen   atomic.Int64 // bumped by every change of the people
	build sync.Mutex   // one build at a time
	mu    sync.Mutex
	ix    map[string]cached
}

type cached struct {
	ix  *model.Index
	gen int64
}

func newRoster(st *store.Store) *roster { return &roster{st: st, ix: map[string]cached{}} }

// invalidate says the people changed (never blocks).
func (r *roster) invalidate() { r.gen.Add(1) }

// saved puts a saved person into the index of their event, if it is
// built, as one change (model.Index.With): the desks' next Index gets it
// without a rebuild.
func (r *roster) saved(p model.Participant) {
	r.build.Lock() // not while a build reads the people
	defer r.build.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.ix[p.EventID]
	if !ok {
		return
	}
	if c.gen != r.gen.Load() {
		delete(r.ix, p.EventID) // out of date anyway: the next Index builds it
		return
	}
	r.ix[p.EventID] = cached{ix: c.ix.With(p), gen: c.gen}
}

func (r *roster) get(eventID string, gen int64) *model.Index {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.ix[eventID]; ok && c.gen == gen {
		return c.ix
	}
	return nil
}

// Index implements ui.Roster.
func (r *roster) Index(ctx context.Context, eventID string) (*model.Index, error) {
	gen := r.gen.Load()
	if ix := r.get(eventID, gen); ix != nil {
		return ix.Share(), nil
	}
	r.build.Lock()
	defer r.build.Unlock()
	gen = r.gen.Load()
	if ix := r.get(eventID, gen); ix != nil {
		return ix.Share(), nil // another desk built it meanwhile
	}
	people, _, err := r.st.RosterPeople(ctx, eventID)
	if err != nil {
		return nil, err
	}
	ix := model.NewIndexPacked(eventID, people)
	r.mu.Lock()
	r.ix[eventID] = cached{ix: ix, gen: gen}
	r.mu.Unlock()
	return ix.Share(), nil
}
