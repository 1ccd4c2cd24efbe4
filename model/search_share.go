package model

// Share returns an index over the same people that shares everything
// read-only with ix (people, tokens, postings) but has its own scratch
// space, so that several desks can search one roster at the same time,
// each with its own copy of this small part (about 8 bytes a person). The
// people must not be modified through either index.
func (ix *Index) Share() *Index {
	n := len(ix.people)
	return &Index{
		people: ix.people, tokens: ix.tokens, posts: ix.posts, digits: ix.digits,
		score: make([]uint16, n), hits: make([]uint8, n), best: make([]uint8, n), seen: make([]uint32, n),
	}
}

// People returns the indexed people in name order (shared: do not modify).
func (ix *Index) People() []Participant { return ix.people }
