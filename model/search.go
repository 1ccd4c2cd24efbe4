package model

import (
	"runtime"
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
	fieldPhone = 2 // a run of digits anywhere in the phone number
)

type posting struct {
	person uint32
	field  uint8
}

// MaxQueryWords is how many words of a query are used (nobody types more;
// it also keeps the per-person counters small).
const MaxQueryWords = 16

// Index finds participants by the starts of words in any script. Build it
// once per roster change; Search is then cheap enough to run on every
// keystroke at 100,000 participants.
type Index struct {
	people []Participant // sorted by folded name
	tokens []string      // sorted distinct folded tokens
	posts  [][]posting   // postings per token
	digits []string      // per person: the phone's digits, for runs of digits
	score  []uint16      // scratch: per person, summed score of the current query
	hits   []uint8       // scratch: per person, number of query words matched
	best   []uint8       // scratch: per person, best score for the current word
	seen   []uint32      // scratch: per person, last word epoch seen
	epoch  uint32
	touch  []uint32 // scratch: the people matched by the current word
}

// NewIndex builds an index over people (the slice is copied and sorted by
// name).
func NewIndex(people []Participant) *Index {
	ix := &Index{people: make([]Participant, len(people))}
	copy(ix.people, people)
	// fold every field once, in parallel (folding is most of the work)
	keys := make([]string, len(people))
	nameWords := make([][]string, len(people))
	otherWords := make([][]string, len(people))
	parallel(len(people), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			p := &ix.people[i]
			nameWords[i] = FoldWords(p.FullName)
			keys[i] = strings.Join(nameWords[i], " ")
			for _, s := range []string{p.Organisation, p.Position, p.Email} {
				otherWords[i] = append(otherWords[i], FoldWords(s)...)
			}
		}
	})
	order := make([]int, len(people))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ka, kb := keys[order[a]], keys[order[b]]
		if ka != kb {
			return ka < kb
		}
		return ix.people[order[a]].FullName < ix.people[order[b]].FullName
	})
	sorted := make([]Participant, len(people))
	sortedWords := make([][]string, len(people))
	sortedOther := make([][]string, len(people))
	for i, j := range order {
		sorted[i], sortedWords[i], sortedOther[i] = ix.people[j], nameWords[j], otherWords[j]
	}
	ix.people = sorted

	// Two passes, so that 10,000 people cost a few large allocations rather
	// than one small slice per token: first intern the tokens and list
	// (token, person, field) triples, then lay the postings out by token.
	type triple struct {
		id     int32
		person uint32
		field  uint8
	}
	ids := make(map[string]int32, 6*len(people))
	var toks []string
	var lastPerson []int64 // per token: the last person indexed, to skip repeats
	triples := make([]triple, 0, 24*len(people))
	add := func(tok string, p uint32, f uint8) {
		if tok == "" {
			return
		}
		id, ok := ids[tok]
		if !ok {
			id = int32(len(toks))
			ids[tok] = id
			toks = append(toks, tok)
			lastPerson = append(lastPerson, -1)
		}
		if lastPerson[id] == int64(p) {
			return // fields are added best first: the earlier posting wins
		}
		lastPerson[id] = int64(p)
		triples = append(triples, triple{id, p, f})
	}
	for i, p := range ix.people {
		pi := uint32(i)
		for _, w := range sortedWords[i] {
			add(w, pi, fieldName)
		}
		for _, w := range sortedOther[i] {
			add(w, pi, fieldOther)
		}
		// the phone's digit groups are words; any run of its digits is
		// found by a scan (see Search)
		for _, g := range strings.FieldsFunc(p.Phone, func(r rune) bool { return r < '0' || r > '9' }) {
			add(g, pi, fieldOther)
		}
	}
	type ranked struct {
		tok string
		id  int32
	}
	byTok := make([]ranked, len(toks))
	for i, t := range toks {
		byTok[i] = ranked{t, int32(i)}
	}
	slices.SortFunc(byTok, func(a, b ranked) int { return strings.Compare(a.tok, b.tok) })
	rank := make([]int32, len(toks)) // token id -> position in sorted order
	ix.tokens = make([]string, len(toks))
	for i, r := range byTok {
		rank[r.id] = int32(i)
		ix.tokens[i] = r.tok
	}
	start := make([]int32, len(toks)+1)
	for _, tr := range triples {
		start[rank[tr.id]+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	flat := make([]posting, len(triples))
	fill := append([]int32(nil), start[:len(toks)]...)
	for _, tr := range triples { // triples are in person order, so postings stay in person order
		r := rank[tr.id]
		flat[fill[r]] = posting{tr.person, tr.field}
		fill[r]++
	}
	ix.posts = make([][]posting, len(toks))
	for i := range ix.posts {
		ix.posts[i] = flat[start[i]:start[i+1]:start[i+1]]
	}
	ix.digits = make([]string, len(ix.people))
	for i, p := range ix.people {
		ix.digits[i] = PhoneKey(p.Phone)
	}
	n := len(ix.people)
	ix.score, ix.hits, ix.best, ix.seen = make([]uint16, n), make([]uint8, n), make([]uint8, n), make([]uint32, n)
	return ix
}

// Len is the number of people indexed.
func (ix *Index) Len() int { return len(ix.people) }

// Person returns the i-th person in name order.
func (ix *Index) Person(i int) *Participant { return &ix.people[i] }

// Search returns the positions (for Person) of the people matching query,
// best first: every query word must match the start of a word of the name,
// organisation, position or e-mail, or a run of digits of the phone.
// Whole-word and name matches rank first, then name order. keep, if not
// nil, filters people further (for "checked in" / "not yet here").
// An empty query returns everyone kept, in name order. The result slice
// is appended to dst.
//
// A phone number typed in groups ("8 705 111") is looked for as one run of
// digits, in any of its spellings (see PhoneKey); when nobody has it, the
// groups are looked for as words (a name or an organisation with numbers).
func (ix *Index) Search(dst []int, query string, keep func(i int) bool) []int {
	words := FoldWords(query)
	joined := joinDigits(words)
	if len(joined) < len(words) {
		if dst = ix.search(dst, joined, keep); len(dst) > 0 {
			return dst
		}
	}
	return ix.search(dst, words, keep)
}

func (ix *Index) search(dst []int, words []string, keep func(i int) bool) []int {
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	dst = dst[:0]
	if len(words) == 0 {
		for i := range ix.people {
			if keep == nil || keep(i) {
				dst = append(dst, i)
			}
		}
		return dst
	}
	clear(ix.score)
	clear(ix.hits)
	isDigits := func(w string) bool { return strings.Trim(w, "0123456789") == "" }
	for wi, w := range words {
		ix.epoch++
		ix.touch = ix.touch[:0]
		lo := sort.SearchStrings(ix.tokens, w)
		for t := lo; t < len(ix.tokens) && strings.HasPrefix(ix.tokens[t], w); t++ {
			full := ix.tokens[t] == w
			for _, p := range ix.posts[t] {
				s := uint8(1)
				if p.field == fieldName {
					s += 2
				}
				if full {
					s++
				}
				ix.match(p.person, s, wi)
			}
		}
		// three or more digits: a run anywhere in the phone number (a scan;
		// such queries are rare and the scan is cheap)
		if len(w) >= 3 && isDigits(w) {
			// typed with the trunk prefix 8 (8 705…): the number as stored
			// starts with 7 705…
			trunk := ""
			if len(w) >= 4 && w[0] == '8' {
				trunk = "7" + w[1:]
			}
			for i, d := range ix.digits {
				if len(d) >= len(w) && (strings.Contains(d, w) || trunk != "" && strings.HasPrefix(d, trunk)) {
					ix.match(uint32(i), 1, wi)
				}
			}
		}
		for _, person := range ix.touch {
			ix.score[person] += uint16(ix.best[person])
		}
	}
	// bucket by score (descending), keeping name order inside a bucket
	need := uint8(len(words))
	maxScore := uint16(4 * len(words))
	var buckets [][]int
	if int(maxScore) < 64 {
		var arr [64][]int
		buckets = arr[:maxScore+1]
	} else {
		buckets = make([][]int, maxScore+1)
	}
	for i := range ix.people {
		if ix.hits[i] == need && (keep == nil || keep(i)) {
			s := min(ix.score[i], maxScore)
			buckets[s] = append(buckets[s], i)
		}
	}
	for s := len(buckets) - 1; s >= 0; s-- {
		dst = append(dst, buckets[s]...)
	}
	return dst
}

// parallel runs fn over [0,n) split across the CPUs (small n: inline).
func parallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.NumCPU(), max(1, n/1000))
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, min(n, lo+chunk))
	}
	wg.Wait()
}

// match records that person matched query word wi with score s (the best
// score of the word counts), unless they missed an earlier word.
func (ix *Index) match(person uint32, s uint8, wi int) {
	if wi > 0 && int(ix.hits[person]) < wi {
		return
	}
	if ix.seen[person] != ix.epoch {
		ix.seen[person] = ix.epoch
		ix.best[person] = s
		ix.hits[person]++
		ix.touch = append(ix.touch, person)
	} else if s > ix.best[person] {
		ix.best[person] = s
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

func digitsOf(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}
