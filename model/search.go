package model

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Field weights used for ranking: a match in the name counts more than one
// in the organisation, position, e-mail or phone, and a whole-word match
// more than a prefix.
const (
	fieldName  = 0
	fieldOther = 1
)

// MaxQueryWords is how many words of a query are used (nobody types more;
// it also keeps the per-person counters small).
const MaxQueryWords = 16

// People are kept in chunks, so that a change copies one chunk, not the
// whole roster.
const (
	chunkBits = 10
	chunkSize = 1 << chunkBits
)

// Index finds participants by the starts of words in any script. Every
// person has a slot, a number that stays theirs in every later version of
// the index (With adds or replaces people without rebuilding; a new person
// gets the next slot); a freshly built index numbers the slots in name
// order. Search is cheap enough to run on every keystroke at 100,000
// participants.
//
// An index is immutable but for its search scratch space: versions made by
// With share everything unchanged with the one they came from, and Share
// gives another goroutine its own scratch space over the same people.
type Index struct {
	*core
	sc *scratch
}

// core is the part of an index that versions share; it is never modified
// once made (With copies what it changes). The words of most people are in
// base, built once; those of people changed or added since are in delta,
// a short list searched beside it.
type core struct {
	n      int
	event  string     // the event of everyone indexed
	chunks [][]Packed // by slot
	order  []uint32   // slots in name order
	rank   []uint32   // per slot: its place in order
	*base
	stale []uint64 // bit per base slot: its words and digits in base are out of date
	delta []dpost  // the postings of people changed or added since base, by word
	ddig  []ddigit // their phone digits
	ids   *idMap   // ID -> slot, shared by every version
	log   []change // every With since NewIndex: which slots it touched
}

// change is one slot touched by one With (gen tells the versions apart).
type change struct {
	gen  uint64
	slot uint32
}

// base is the bulk of an index: the postings of slots 0 to nb-1 as they
// were when it was built.
type base struct {
	nb     int
	tokens []string // sorted distinct folded words
	flat   []uint32 // every token's postings, slot<<1 | field, by token then ascending slot
	pstart []int32  // per token: where its postings start in flat (one more entry at the end)
	digits []byte   // every slot's phone digits, each followed by a 0 byte
	dstart []uint32 // per slot: where its digits start (nb+1 entries)
}

// dpost is a posting of a person changed or added since base.
type dpost struct {
	w    string
	slot uint32
	f    uint32
}

type ddigit struct {
	slot   uint32
	digits string
}

// idMap maps IDs to slots for every version of one index: entries are only
// added (a slot is never reused), and a lookup is checked against the
// version asking (a version made from an older one may have given the
// same new slot to someone else).
type idMap struct {
	mu sync.RWMutex
	m  map[string]uint32
}

// scratch is the per-searcher working space of Search.
type scratch struct {
	score []uint16 // per slot: summed score of the current query
	hits  []uint8  // per slot: query words matched
	best  []uint8  // per slot: best score for the current word
	seen  []uint32 // per slot: the last word epoch seen
	epoch uint32
	touch []uint32 // the slots matched by the current word
	cand  []uint32
	ranks []uint32
}

func (sc *scratch) ensure(n int) {
	if len(sc.hits) >= n {
		return
	}
	m := n + n/8 + 16
	sc.score = append(sc.score, make([]uint16, m-len(sc.score))...)
	sc.hits = append(sc.hits, make([]uint8, m-len(sc.hits))...)
	sc.best = append(sc.best, make([]uint8, m-len(sc.best))...)
	sc.seen = append(sc.seen, make([]uint32, m-len(sc.seen))...)
}

// NewIndex builds an index over people (packed; slots in name order), all
// of one event.
func NewIndex(people []Participant) *Index {
	packed := make([]Packed, len(people))
	event := ""
	for i := range people {
		packed[i] = Pack(&people[i])
		event = people[i].EventID
	}
	return NewIndexPacked(event, packed)
}

// NewIndexPacked builds an index over the people of an event, packed. The
// index keeps the slice (in name order), so the caller must not use it
// afterwards: a roster just read is indexed without a second copy of it.
func NewIndexPacked(event string, people []Packed) *Index {
	n := len(people)
	b := newBuilder(n)
	for i := range people {
		b.add(&people[i])
	}
	rankOf := b.sortTokens()
	// people in name order: the folded words compared as words (the same
	// order as their text joined by spaces), then the name as written
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int {
		a, z := b.name[b.nameAt[x]:b.nameAt[x+1]], b.name[b.nameAt[y]:b.nameAt[y+1]]
		for k := range min(len(a), len(z)) {
			if a[k] != z[k] {
				return int(rankOf[a[k]] - rankOf[z[k]])
			}
		}
		if len(a) != len(z) {
			return len(a) - len(z)
		}
		return strings.Compare(people[x].field(pkFullName), people[y].field(pkFullName))
	})
	permute(people, order)
	c := &core{n: n, event: event, ids: &idMap{m: make(map[string]uint32, n)}}
	c.chunks = make([][]Packed, 0, (n+chunkSize-1)/chunkSize)
	for lo := 0; lo < n; lo += chunkSize {
		hi := min(n, lo+chunkSize)
		c.chunks = append(c.chunks, people[lo:hi:hi])
	}
	c.order, c.rank = make([]uint32, n), make([]uint32, n)
	for slot := range n {
		c.order[slot], c.rank[slot] = uint32(slot), uint32(slot)
		c.ids.m[people[slot].ID()] = uint32(slot)
	}
	c.base = b.base(order, rankOf, c.packed)
	return &Index{core: c, sc: &scratch{}}
}

// permute reorders people in place so that people[s] is the one that was
// at order[s].
func permute(people []Packed, order []int32) {
	done := make([]bool, len(people))
	for s := range people {
		if done[s] {
			continue
		}
		tmp := people[s]
		j := s
		for {
			done[j] = true
			next := int(order[j])
			if next == s {
				people[j] = tmp
				break
			}
			people[j] = people[next]
			j = next
		}
	}
}

// rebase builds the base again from the people as they are now, keeping
// their slots, and empties the delta.
func (c *core) rebase() {
	b := newBuilder(c.n)
	slots := make([]int32, c.n)
	for s := range c.n {
		b.add(c.packed(s))
		slots[s] = int32(s)
	}
	c.base = b.base(slots, b.sortTokens(), c.packed)
	c.stale, c.delta, c.ddig = nil, nil, nil
}

// builder folds each person's words into token ids, remembering the folded
// form of every name word, organisation and position it has seen (rosters
// repeat them: most of the folding is then a map lookup).
type builder struct {
	ids    map[string]int32 // folded word -> token id
	toks   []string
	cache  map[string][]int32 // a name word, an organisation or a position -> its token ids
	name   []int32            // every person's name tokens, in order
	nameAt []int32
	post   []int32 // every person's distinct tokens: id<<1 | field, name first
	postAt []int32
	last   []int32 // per token: the last person it was posted for
	person int32
	sorted []int32 // token ids in word order (sortTokens)
}

// sortTokens sorts the words and returns each token id's place. Every
// person is added by then: the maps that folded their words go, so the
// garbage collector may take them while the postings are laid out.
func (b *builder) sortTokens() []int32 {
	b.ids, b.cache, b.last = nil, nil, nil
	byTok := make([]int32, len(b.toks))
	for i := range byTok {
		byTok[i] = int32(i)
	}
	slices.SortFunc(byTok, func(x, y int32) int { return strings.Compare(b.toks[x], b.toks[y]) })
	rankOf := make([]int32, len(b.toks))
	for r, id := range byTok {
		rankOf[id] = int32(r)
	}
	b.sorted = byTok
	return rankOf
}

// base lays out the postings and phone digits of the people added: slot s
// holds the person added order[s]-th, and person(s) returns it.
func (b *builder) base(order, rankOf []int32, person func(slot int) *Packed) *base {
	n := len(order)
	x := &base{nb: n, tokens: make([]string, len(b.sorted))}
	for r, id := range b.sorted {
		x.tokens[r] = b.toks[id]
	}
	x.dstart = make([]uint32, 0, n+1)
	x.digits = make([]byte, 0, 12*n)
	for slot := range n {
		x.dstart = append(x.dstart, uint32(len(x.digits)))
		x.digits = append(append(x.digits, PhoneKey(person(slot).field(pkPhone))...), 0)
	}
	x.dstart = append(x.dstart, uint32(len(x.digits)))
	// postings, laid out by token in one allocation, each list by slot
	start := make([]int32, len(x.tokens)+1)
	for _, e := range b.post {
		start[rankOf[e>>1]+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	flat := make([]uint32, len(b.post))
	fill := slices.Clone(start[:len(x.tokens)])
	for slot, i := range order {
		for _, e := range b.post[b.postAt[i]:b.postAt[i+1]] {
			t := rankOf[e>>1]
			flat[fill[t]] = uint32(slot)<<1 | uint32(e&1)
			fill[t]++
		}
	}
	x.flat, x.pstart = flat, start
	return x
}

// posts are the postings of a token.
func (x *base) posts(t int) []uint32 { return x.flat[x.pstart[t]:x.pstart[t+1]] }

func newBuilder(n int) *builder {
	return &builder{
		ids: make(map[string]int32, n/2+64), cache: make(map[string][]int32, n/2+64),
		name: make([]int32, 0, 3*n), nameAt: make([]int32, 1, n+1),
		post: make([]int32, 0, 14*n), postAt: make([]int32, 1, n+1),
	}
}

func (b *builder) intern(w string) int32 {
	if id, ok := b.ids[w]; ok {
		return id
	}
	id := int32(len(b.toks))
	b.ids[w] = id
	b.toks = append(b.toks, w)
	b.last = append(b.last, -1)
	return id
}

// folded returns the token ids of s, folding it only the first time.
func (b *builder) folded(s string) []int32 {
	if ids, ok := b.cache[s]; ok {
		return ids
	}
	var ids []int32
	for _, w := range FoldWords(s) {
		ids = append(ids, b.intern(w))
	}
	b.cache[s] = ids
	return ids
}

func (b *builder) posting(id int32, field int32) {
	if b.last[id] == b.person {
		return // fields are added best first: the earlier posting wins
	}
	b.last[id] = b.person
	b.post = append(b.post, id<<1|field)
}

func (b *builder) add(p *Packed) {
	for w := range strings.FieldsSeq(p.field(pkFullName)) {
		for _, id := range b.folded(w) {
			b.name = append(b.name, id)
			b.posting(id, fieldName)
		}
	}
	for _, s := range [...]string{p.field(pkOrganisation), p.field(pkPosition)} {
		for _, id := range b.folded(s) {
			b.posting(id, fieldOther)
		}
	}
	for _, w := range FoldWords(p.field(pkEmail)) {
		b.posting(b.intern(w), fieldOther)
	}
	// the phone's digit groups are words; any run of its digits is found
	// by a scan (see Search)
	for g := range digitGroups(p.field(pkPhone)) {
		b.posting(b.intern(g), fieldOther)
	}
	b.nameAt = append(b.nameAt, int32(len(b.name)))
	b.postAt = append(b.postAt, int32(len(b.post)))
	b.person++
}

// digitGroups yields the runs of ASCII digits of s.
func digitGroups(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for i := 0; i < len(s); {
			if s[i] < '0' || s[i] > '9' {
				i++
				continue
			}
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if !yield(s[i:j]) {
				return
			}
			i = j
		}
	}
}

// Len is the number of people indexed (slots are 0 to Len()-1).
func (ix *Index) Len() int { return ix.n }

// Person returns the person in a slot.
func (ix *Index) Person(slot int) Participant { return ix.person(slot) }

// Category is the category of the person in a slot (without unpacking
// the rest, for counts over everyone).
func (ix *Index) Category(slot int) string { return ix.packed(slot).field(pkCategory) }

// Gender is the gender of the person in a slot.
func (ix *Index) Gender(slot int) Gender { return Gender(ix.packed(slot).field(pkGender)) }

// ID is the ID of the person in a slot.
func (ix *Index) ID(slot int) string { return ix.packed(slot).ID() }

// Nth returns the slot of the r-th person in name order.
func (ix *Index) Nth(r int) int { return int(ix.order[r]) }

// Slot finds a person's slot by ID.
func (ix *Index) Slot(id string) (int, bool) {
	ix.ids.mu.RLock()
	s, ok := ix.ids.m[id]
	ix.ids.mu.RUnlock()
	if ok && int(s) < ix.n && ix.ID(int(s)) == id {
		return int(s), true
	}
	if !ok {
		return -1, false
	}
	for slot := range ix.n { // the map was given this ID by another version
		if ix.ID(slot) == id {
			return slot, true
		}
	}
	return -1, false
}

// ChangedSince returns the slots whose people were added or changed
// between old and ix, when ix was made from old by With (ok is false when
// it was not: another index, built anew).
func (ix *Index) ChangedSince(old *Index) (slots []int, ok bool) {
	if old == nil || ix.ids != old.ids || len(old.log) > len(ix.log) || !slices.Equal(ix.log[:len(old.log)], old.log) {
		return nil, false
	}
	for _, c := range ix.log[len(old.log):] {
		if !slices.Contains(slots, int(c.slot)) {
			slots = append(slots, int(c.slot))
		}
	}
	return slots, true
}

// Share returns an index over the same people that shares everything
// read-only with ix but has its own scratch space, so that several desks
// can search one roster at the same time.
func (ix *Index) Share() *Index { return &Index{core: ix.core, sc: &scratch{}} }

// Search returns the slots of the people matching query, best first:
// every query word must match the start of a word of the name,
// organisation, position or e-mail, or a run of digits of the phone.
// Whole-word and name matches rank first, then name order. keep, if not
// nil, filters people further (for "checked in" / "not yet here"). An
// empty query returns everyone kept, in name order. The result slice is
// appended to dst[:0].
//
// A phone number typed in groups ("8 705 111") is looked for as one run of
// digits, in any of its spellings (see PhoneKey); when nobody has it, the
// groups are looked for as words (a name or an organisation with numbers).
func (ix *Index) Search(dst []int, query string, keep func(slot int) bool) []int {
	words := FoldWords(query)
	joined := joinDigits(words)
	if len(joined) < len(words) {
		if dst = ix.search(dst, joined, keep); len(dst) > 0 {
			return dst
		}
	}
	return ix.search(dst, words, keep)
}

func (ix *Index) search(dst []int, words []string, keep func(slot int) bool) []int {
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	dst = dst[:0]
	if len(words) == 0 {
		dst = slices.Grow(dst, ix.n)
		for _, s := range ix.order {
			if keep == nil || keep(int(s)) {
				dst = append(dst, int(s))
			}
		}
		return dst
	}
	sc := ix.sc
	sc.ensure(ix.n)
	clear(sc.score[:ix.n])
	clear(sc.hits[:ix.n])
	for wi, w := range words {
		sc.epoch++
		sc.touch = sc.touch[:0]
		lo := sort.SearchStrings(ix.tokens, w)
		hi := lo + sort.Search(len(ix.tokens)-lo, func(k int) bool { return !strings.HasPrefix(ix.tokens[lo+k], w) })
		for t := lo; t < hi; t++ {
			s := uint8(1)
			if len(ix.tokens[t]) == len(w) {
				s++
			}
			if ix.stale == nil {
				for _, p := range ix.posts(t) {
					sc.match(p>>1, s+2*uint8(1-p&1), wi)
				}
				continue
			}
			for _, p := range ix.posts(t) {
				if ix.stale[p>>7]&(1<<(p>>1&63)) == 0 {
					sc.match(p>>1, s+2*uint8(1-p&1), wi)
				}
			}
		}
		for i := sort.Search(len(ix.delta), func(i int) bool { return ix.delta[i].w >= w }); i < len(ix.delta) && strings.HasPrefix(ix.delta[i].w, w); i++ {
			d := ix.delta[i]
			s := uint8(1)
			if len(d.w) == len(w) {
				s++
			}
			sc.match(d.slot, s+2*uint8(1-d.f), wi)
		}
		// three or more digits: a run anywhere in a phone number
		if len(w) >= 3 && strings.Trim(w, "0123456789") == "" {
			ix.digitRuns(w, wi)
		}
		for _, s := range sc.touch {
			sc.score[s] += uint16(sc.best[s])
		}
	}
	// The people who matched every word are those the last word touched.
	// Put them in name order (a scan over everyone when they are many, a
	// sort when few), then in buckets by score, best first.
	maxScore := uint16(4 * len(words))
	var count [4*MaxQueryWords + 1]int
	cand := sc.cand[:0]
	if len(sc.touch) > ix.n/16 {
		need := uint8(len(words))
		for _, s := range ix.order {
			if sc.hits[s] == need && (keep == nil || keep(int(s))) {
				cand = append(cand, s)
				count[min(sc.score[s], maxScore)]++
			}
		}
	} else {
		ranks := sc.ranks[:0]
		for _, s := range sc.touch {
			ranks = append(ranks, ix.rank[s])
		}
		slices.Sort(ranks)
		for _, r := range ranks {
			if s := ix.order[r]; keep == nil || keep(int(s)) {
				cand = append(cand, s)
				count[min(sc.score[s], maxScore)]++
			}
		}
		sc.ranks = ranks
	}
	sc.cand = cand
	var at [4*MaxQueryWords + 1]int
	off := 0
	for s := int(maxScore); s >= 0; s-- {
		at[s] = off
		off += count[s]
	}
	dst = slices.Grow(dst, len(cand))[:len(cand)]
	for _, s := range cand {
		k := min(sc.score[s], maxScore)
		dst[at[k]] = int(s)
		at[k]++
	}
	return dst
}

// digitRuns matches (with score 1) everyone whose phone holds the digits
// w. Numbers are kept as PhoneKey spells them (7 705…), so w typed with the
// trunk prefix 8 (8 705…) also matches a number that starts with 7 705….
func (ix *Index) digitRuns(w string, wi int) {
	ix.digitRun(w, false, wi)
	if len(w) >= 4 && w[0] == '8' {
		ix.digitRun("7"+w[1:], true, wi)
	}
}

func (ix *Index) digitRun(w string, prefix bool, wi int) {
	pat := []byte(w)
	for pos := 0; pos < len(ix.digits); {
		k := bytes.Index(ix.digits[pos:], pat)
		if k < 0 {
			break
		}
		at := uint32(pos + k)
		s := sort.Search(ix.nb, func(i int) bool { return ix.dstart[i+1] > at })
		if (!prefix || at == ix.dstart[s]) && (ix.stale == nil || ix.stale[s>>6]&(1<<(s&63)) == 0) {
			ix.sc.match(uint32(s), 1, wi)
		}
		pos = int(ix.dstart[s+1])
	}
	for _, d := range ix.ddig {
		if prefix && strings.HasPrefix(d.digits, w) || !prefix && strings.Contains(d.digits, w) {
			ix.sc.match(d.slot, 1, wi)
		}
	}
}

// joinDigits joins the digit groups of a phone number typed with spaces
// ("8 705 123") into one run of digits, so that it is found whatever way
// the number was written down.
func joinDigits(words []string) []string {
	isDigits := func(w string) bool { return w != "" && strings.Trim(w, "0123456789") == "" }
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		j := i
		for isDigits(w) && j+1 < len(words) && isDigits(words[j+1]) {
			j++
			w += words[j]
		}
		if j > i && len(w) < 3 {
			w = words[i] // too short to be a phone number: the words stay
			j = i
		}
		out = append(out, w)
		i = j
	}
	return out
}

func digitsOf(s string) string { return string(appendDigits(nil, s)) }

// match records that slot s matched query word wi with score v (the best
// score of the word counts), unless it missed an earlier word.
func (sc *scratch) match(s uint32, v uint8, wi int) {
	if wi > 0 && int(sc.hits[s]) < wi {
		return
	}
	if sc.seen[s] != sc.epoch {
		sc.seen[s] = sc.epoch
		sc.best[s] = v
		sc.hits[s]++
		sc.touch = append(sc.touch, s)
	} else if v > sc.best[s] {
		sc.best[s] = v
	}
}

func appendDigits(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return b
}
