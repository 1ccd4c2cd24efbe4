package model

import (
	"sort"
	"strings"
)

// Field weights used for ranking: a match in the name counts more than one
// in the organisation, position, e-mail or phone, and a whole-word match
// more than a prefix.
const (
	fieldName  = 0
	fieldOther = 1
	fieldPhone = 2 // a run of digits inside the phone number
)

type posting struct {
	person uint32
	field  uint8
}

// Index finds participants by the starts of words in any script. Build it
// once per roster change; Search is then cheap enough to run on every
// keystroke at 100,000 participants.
type Index struct {
	people []Participant // sorted by folded name
	tokens []string      // sorted distinct folded tokens
	posts  [][]posting   // postings per token
	score  []uint16      // scratch: per person, summed score of the current query
	hits   []uint8       // scratch: per person, number of query words matched
	best   []uint8       // scratch: per person, best score for the current word
	seen   []uint32      // scratch: per person, last word epoch seen
	epoch  uint32
}

// NewIndex builds an index over people (the slice is copied and sorted by
// name).
func NewIndex(people []Participant) *Index {
	ix := &Index{people: make([]Participant, len(people))}
	copy(ix.people, people)
	keys := make([]string, len(people))
	for i, p := range ix.people {
		keys[i] = Fold(p.FullName)
	}
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
	for i, j := range order {
		sorted[i] = ix.people[j]
	}
	ix.people = sorted

	byToken := map[string][]posting{}
	add := func(tok string, p uint32, f uint8) {
		if tok == "" {
			return
		}
		ps := byToken[tok]
		if n := len(ps); n > 0 && ps[n-1].person == p && ps[n-1].field <= f {
			return // already indexed for this person with an equal or better field
		}
		byToken[tok] = append(ps, posting{p, f})
	}
	for i, p := range ix.people {
		pi := uint32(i)
		for _, w := range FoldWords(p.FullName) {
			add(w, pi, fieldName)
		}
		for _, s := range []string{p.Organisation, p.Position, p.Email} {
			for _, w := range FoldWords(s) {
				add(w, pi, fieldOther)
			}
		}
		digits := onlyDigits(p.Phone)
		for _, g := range strings.FieldsFunc(p.Phone, func(r rune) bool { return r < '0' || r > '9' }) {
			add(g, pi, fieldOther)
		}
		for k := 0; k+3 <= len(digits); k++ {
			add(digits[k:], pi, fieldPhone)
		}
	}
	ix.tokens = make([]string, 0, len(byToken))
	for t := range byToken {
		ix.tokens = append(ix.tokens, t)
	}
	sort.Strings(ix.tokens)
	ix.posts = make([][]posting, len(ix.tokens))
	for i, t := range ix.tokens {
		ix.posts[i] = byToken[t]
	}
	n := len(ix.people)
	ix.score, ix.hits, ix.best, ix.seen = make([]uint16, n), make([]uint8, n), make([]uint8, n), make([]uint32, n)
	return ix
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
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
func (ix *Index) Search(dst []int, query string, keep func(i int) bool) []int {
	words := FoldWords(query)
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
		digits := isDigits(w)
		lo := sort.SearchStrings(ix.tokens, w)
		for t := lo; t < len(ix.tokens) && strings.HasPrefix(ix.tokens[t], w); t++ {
			full := ix.tokens[t] == w
			for _, p := range ix.posts[t] {
				if p.field == fieldPhone && !digits {
					continue
				}
				if wi > 0 && int(ix.hits[p.person]) < wi {
					continue // missed an earlier word
				}
				s := uint8(1)
				if p.field == fieldName {
					s += 2
				}
				if full {
					s += 1
				}
				if ix.seen[p.person] != ix.epoch {
					ix.seen[p.person] = ix.epoch
					ix.best[p.person] = s
					ix.hits[p.person]++
				} else if s > ix.best[p.person] {
					ix.best[p.person] = s
				}
			}
		}
		// fold this word's best score into the total
		for t := lo; t < len(ix.tokens) && strings.HasPrefix(ix.tokens[t], w); t++ {
			for _, p := range ix.posts[t] {
				if ix.seen[p.person] == ix.epoch && ix.best[p.person] != 0 {
					ix.score[p.person] += uint16(ix.best[p.person])
					ix.best[p.person] = 0
				}
			}
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
