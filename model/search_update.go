package model

import (
	"slices"
	"sort"
	"strings"
	"sync/atomic"
)

// With returns a version of the index with people added or changed: a
// person whose ID is indexed replaces the one in that slot; any other is
// added in the next free slot. Only what changes is copied (the chunks of
// people touched, the name order, the short list of words of the people
// changed since the index was built), so this costs a millisecond or two
// at 100,000 people where a rebuild costs a second; once that list holds
// more than rebaseAfter people, the words are indexed again (slots kept).
// The new version shares ix's scratch space: use the two from one
// goroutine, or Share.
func (ix *Index) With(people ...Participant) *Index {
	c := *ix.core
	u := &updater{c: &c, chunkOwned: map[int]bool{}}
	var moved, touched []uint32
	for _, p := range people {
		if c.event == "" {
			c.event = p.EventID
		}
		slot, found := (&Index{core: &c}).Slot(p.ID)
		if found {
			if c.packed(slot).field(pkFullName) != p.FullName {
				moved = append(moved, uint32(slot))
			}
			u.setPerson(slot, p)
		} else {
			slot = c.n
			u.appendPerson(p)
			moved = append(moved, uint32(slot))
			ix.ids.mu.Lock()
			ix.ids.m[p.ID] = uint32(slot)
			ix.ids.mu.Unlock()
		}
		if !slices.Contains(touched, uint32(slot)) {
			touched = append(touched, uint32(slot))
		}
	}
	gen := gens.Add(1)
	c.log = slices.Clip(c.log) // append copies: another version may append to the same log
	for _, s := range touched {
		c.log = append(c.log, change{gen, s})
	}
	u.redelta(touched)
	if len(moved) > 0 {
		u.reorder(moved)
	}
	if len(c.ddig) > rebaseAfter(c.n) {
		c.rebase()
	}
	return &Index{core: &c, sc: ix.sc}
}

// gens numbers the versions made by With.
var gens atomic.Uint64

// rebaseAfter is how many changed people the delta holds at most (a
// variable for tests).
var rebaseAfter = func(n int) int { return max(2048, n/32) }

// packed is the person in a slot as kept.
func (c *core) packed(slot int) *Packed {
	return &c.chunks[slot>>chunkBits][slot&(chunkSize-1)]
}

// person is the person in a slot.
func (c *core) person(slot int) Participant { return c.packed(slot).Unpack(c.event) }

// tok is one distinct folded word of a person and the field it counts for
// (the name's, when it is in the name).
type tok struct {
	w string
	f uint32
}

// tokensOf lists a person's distinct words as NewIndex posts them: the
// name's first, then the organisation's, position's, e-mail's, and the
// phone's digit groups.
func tokensOf(p *Participant) []tok {
	var out []tok
	add := func(w string, f uint32) {
		for _, t := range out {
			if t.w == w {
				return
			}
		}
		out = append(out, tok{w, f})
	}
	for _, w := range FoldWords(p.FullName) {
		add(w, fieldName)
	}
	for _, s := range [...]string{p.Organisation, p.Position, p.Email} {
		for _, w := range FoldWords(s) {
			add(w, fieldOther)
		}
	}
	for g := range digitGroups(p.Phone) {
		add(g, fieldOther)
	}
	return out
}

// updater makes a new core from a copy of an old one's fields, copying
// each shared array the first time it changes it.
type updater struct {
	c          *core
	chunks     bool
	chunkOwned map[int]bool
}

func (u *updater) ownChunk(k int) {
	if !u.chunks {
		u.c.chunks = slices.Clone(u.c.chunks)
		u.chunks = true
	}
	if !u.chunkOwned[k] && k < len(u.c.chunks) {
		u.c.chunks[k] = slices.Clip(slices.Clone(u.c.chunks[k]))
		u.chunkOwned[k] = true
	}
}

func (u *updater) setPerson(slot int, p Participant) {
	k := slot >> chunkBits
	u.ownChunk(k)
	u.c.chunks[k][slot&(chunkSize-1)] = Pack(&p)
}

func (u *updater) appendPerson(p Participant) {
	k := u.c.n >> chunkBits
	u.ownChunk(k)
	if k == len(u.c.chunks) {
		u.c.chunks = append(u.c.chunks, nil)
		u.chunkOwned[k] = true
	}
	u.c.chunks[k] = append(u.c.chunks[k], Pack(&p)) // an owned chunk: never one an older version reads
	u.c.n++
}

// redelta moves the words and digits of the touched slots into the delta,
// as they are now.
func (u *updater) redelta(touched []uint32) {
	c := u.c
	var stale []uint64
	for _, s := range touched {
		if int(s) >= c.nb {
			continue
		}
		if stale == nil {
			stale = make([]uint64, (c.nb+63)/64)
			copy(stale, c.stale)
		}
		stale[s>>6] |= 1 << (s & 63)
	}
	if stale != nil {
		c.stale = stale
	}
	var fresh []dpost
	ddig := make([]ddigit, 0, len(c.ddig)+len(touched))
	for _, d := range c.ddig {
		if !slices.Contains(touched, d.slot) {
			ddig = append(ddig, d)
		}
	}
	for _, s := range touched {
		p := c.person(int(s))
		for _, t := range tokensOf(&p) {
			fresh = append(fresh, dpost{t.w, s, t.f})
		}
		ddig = append(ddig, ddigit{s, PhoneKey(p.Phone)})
	}
	cmp := func(a, b dpost) int {
		if a.w != b.w {
			return strings.Compare(a.w, b.w)
		}
		return int(a.slot) - int(b.slot)
	}
	slices.SortFunc(fresh, cmp)
	// merge the kept postings (in order already) with the fresh ones
	delta := make([]dpost, 0, len(c.delta)+len(fresh))
	i := 0
	for _, d := range c.delta {
		if slices.Contains(touched, d.slot) {
			continue
		}
		for i < len(fresh) && cmp(fresh[i], d) < 0 {
			delta = append(delta, fresh[i])
			i++
		}
		delta = append(delta, d)
	}
	delta = append(delta, fresh[i:]...)
	c.delta, c.ddig = delta, ddig
}

// reorder puts the moved slots (added people, changed names) in their
// places in the name order.
func (u *updater) reorder(moved []uint32) {
	c := u.c
	isMoved := make([]bool, c.n)
	for _, s := range moved {
		isMoved[s] = true
	}
	name := func(s uint32) string { return c.packed(int(s)).field(pkFullName) }
	key := func(s uint32) string { return Fold(name(s)) }
	keys := make(map[uint32]string, len(moved))
	for _, s := range moved {
		keys[s] = key(s)
	}
	less := func(a uint32, ka string, b uint32, kb string) bool {
		if ka != kb {
			return ka < kb
		}
		if na, nb := name(a), name(b); na != nb {
			return na < nb
		}
		return a < b
	}
	if len(moved) == 1 {
		u.move(moved[0], keys[moved[0]], key, less)
		return
	}
	slices.SortFunc(moved, func(a, b uint32) int {
		if less(a, keys[a], b, keys[b]) {
			return -1
		}
		return 1
	})
	rest := make([]uint32, 0, c.n)
	for _, s := range c.order {
		if !isMoved[s] {
			rest = append(rest, s)
		}
	}
	order := make([]uint32, 0, c.n)
	from := 0
	for _, m := range moved {
		km := keys[m]
		at := from + sort.Search(len(rest)-from, func(i int) bool {
			r := rest[from+i]
			return less(m, km, r, key(r))
		})
		order = append(append(order, rest[from:at]...), m)
		from = at
	}
	order = append(order, rest[from:]...)
	rank := make([]uint32, c.n)
	for r, s := range order {
		rank[s] = uint32(r)
	}
	c.order, c.rank = order, rank
}

// move puts one slot (new, or with a changed name) in its place in the
// name order: one copy of the order and of the ranks.
func (u *updater) move(m uint32, km string, key func(uint32) string, less func(a uint32, ka string, b uint32, kb string) bool) {
	c := u.c
	src := c.order
	from := -1 // m's place in src, if it is there
	if int(m) < len(c.rank) {
		from = int(c.rank[m])
	}
	get := func(i int) uint32 {
		if from >= 0 && i >= from {
			return src[i+1]
		}
		return src[i]
	}
	rest := len(src)
	if from >= 0 {
		rest--
	}
	at := sort.Search(rest, func(i int) bool { r := get(i); return less(m, km, r, key(r)) })
	order := make([]uint32, c.n)
	rank := make([]uint32, c.n)
	copy(rank, c.rank)
	lo, hi := at, c.n-1 // the places whose slot changes
	if from >= 0 {
		lo, hi = min(from, at), max(from, at)
	}
	copy(order[:lo], src[:lo])
	if from >= 0 {
		copy(order[hi+1:], src[hi+1:])
	}
	for i := lo; i <= hi; i++ {
		switch {
		case i == at:
			order[i] = m
		case i < at:
			order[i] = get(i)
		default:
			order[i] = get(i - 1)
		}
		rank[order[i]] = uint32(i)
	}
	c.order, c.rank = order, rank
}
