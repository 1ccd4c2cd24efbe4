package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// idsOf lists the IDs of slots.
func idsOf(ix *Index, slots []int) []string {
	out := make([]string, len(slots))
	for i, s := range slots {
		out[i] = ix.Person(s).ID
	}
	return out
}

// sameIndex checks that two indexes over the same people find the same
// people in the same order for every query, and agree on name order.
func sameIndex(t *testing.T, got, want *Index, queries []string) {
	t.Helper()
	if got.Len() != want.Len() {
		t.Fatalf("Len %d, want %d", got.Len(), want.Len())
	}
	for r := range want.Len() {
		if g, w := got.Person(got.Nth(r)).ID, want.Person(want.Nth(r)).ID; g != w {
			t.Fatalf("name order %d: %s, want %s", r, g, w)
		}
	}
	for s := range got.Len() {
		id := got.Person(s).ID
		if slot, ok := got.Slot(id); !ok || slot != s {
			t.Fatalf("Slot(%s) = %d, %v; want %d", id, slot, ok, s)
		}
	}
	for _, q := range queries {
		g, w := idsOf(got, got.Search(nil, q, nil)), idsOf(want, want.Search(nil, q, nil))
		if !slices.Equal(g, w) {
			t.Fatalf("Search(%q):\n got %v\nwant %v", q, g, w)
		}
	}
}

var updateQueries = []string{"", "n", "nurl", "нурланова ай", "a", "court", "prok", "7", "77", "770", "1234", "example", "p1", "ivanov ai", "zz", "omar"}

// distinctPeople are makePeople with a word of their own in every name,
// so that name order has no ties.
func distinctPeople(n int) []Participant {
	people := makePeople(n)
	for i := range people {
		people[i].FullName += " " + strings.Map(func(r rune) rune { return 'a' + (r - '0') }, fmt.Sprint(i))
	}
	return people
}

func TestWithAddsAndReplacesLikeARebuild(t *testing.T) {
	t.Run("delta", func(t *testing.T) { withLikeRebuild(t) })
	t.Run("rebased", func(t *testing.T) {
		was := rebaseAfter
		defer func() { rebaseAfter = was }()
		rebaseAfter = func(int) int { return 7 }
		withLikeRebuild(t)
	})
}

func withLikeRebuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	all := distinctPeople(3000)
	ix := NewIndex(all[:2000])
	cur := slices.Clone(all[:2000])
	next := 2000
	for step := range 60 {
		var batch []Participant
		for range 1 + rng.IntN(4) {
			switch rng.IntN(3) {
			case 0: // a new person
				p := all[next]
				next++
				batch = append(batch, p)
				cur = append(cur, p)
			default: // an edit: name, organisation, phone or e-mail
				i := rng.IntN(len(cur))
				p := cur[i]
				switch rng.IntN(4) {
				case 0:
					p.FullName = all[rng.IntN(len(all))].FullName + " Жаңа " + p.ID
				case 1:
					p.Organisation = "Жаңа ұйым " + fmt.Sprint(step)
				case 2:
					p.Phone = fmt.Sprintf("+7 777 %03d 12 34", step)
				case 3:
					p.Email = ""
				}
				cur[i] = p
				batch = append(batch, p)
			}
		}
		before := ix
		ix = ix.With(batch...)
		if before.Len() > ix.Len() {
			t.Fatal("the index shrank")
		}
		if step%10 == 9 {
			sameIndex(t, ix, NewIndex(cur), updateQueries)
		}
	}
	sameIndex(t, ix, NewIndex(cur), updateQueries)
}

func TestWithLeavesTheOldVersionAlone(t *testing.T) {
	people := makePeople(1500)
	old := NewIndex(people)
	before := make([][]string, len(updateQueries))
	for i, q := range updateQueries {
		before[i] = idsOf(old, old.Search(nil, q, nil))
	}
	p := people[3]
	p.FullName, p.Phone = "Ахметова Ұлжан", "+7 701 999 00 00"
	nx := old.With(p, Participant{ID: "new", FullName: "Нурланова Айгерим", Organisation: "Court"})
	for i, q := range updateQueries {
		if got := idsOf(old, old.Share().Search(nil, q, nil)); !slices.Equal(got, before[i]) {
			t.Fatalf("the old version's Search(%q) changed", q)
		}
	}
	if _, ok := old.Slot("new"); ok {
		t.Error("the old version finds a person added after it")
	}
	if s, ok := nx.Slot("new"); !ok || s != 1500 {
		t.Errorf("the new person's slot = %d, %v; want 1500", s, ok)
	}
	if s, _ := nx.Slot(p.ID); nx.Person(s).FullName != "Ахметова Ұлжан" || old.Person(s).FullName == "Ахметова Ұлжан" {
		t.Error("the edit is not in the new version only")
	}
	if got := idsOf(nx, nx.Search(nil, "19990000", nil)); !slices.Equal(got, []string{p.ID}) {
		t.Errorf("the new phone: %v", got)
	}
}

func TestWithOnTwoBranches(t *testing.T) {
	// Two versions made from one: each gives its new person the same slot.
	base := NewIndex(makePeople(10))
	a := base.With(Participant{ID: "a", FullName: "Alpha"})
	b := base.With(Participant{ID: "b", FullName: "Beta"})
	if s, ok := a.Slot("a"); !ok || a.Person(s).ID != "a" {
		t.Error("branch a lost its person")
	}
	if s, ok := b.Slot("b"); !ok || b.Person(s).ID != "b" {
		t.Error("branch b lost its person")
	}
	if _, ok := a.Slot("b"); ok {
		t.Error("branch a finds branch b's person")
	}
	if got := idsOf(b, b.Search(nil, "alpha", nil)); len(got) != 0 {
		t.Errorf("branch b finds %v", got)
	}
}

func BenchmarkWith100k(b *testing.B) {
	people := makePeople(100_000)
	ix := NewIndex(people)
	i := 0
	for b.Loop() {
		p := people[i%len(people)]
		if i%2 == 0 {
			p.FullName = strings.ToUpper(p.FullName) + " Жаңа"
		}
		ix = ix.With(p, Participant{ID: fmt.Sprint("w", i), FullName: "Walk In " + fmt.Sprint(i), Phone: "+7 700 000 00 00"})
		i++
	}
}

func BenchmarkNewIndex100k(b *testing.B) {
	people := makePeople(100_000)
	for b.Loop() {
		NewIndex(people)
	}
}

func TestChangedSince(t *testing.T) {
	base := NewIndex(makePeople(20))
	p := base.Person(3)
	p.Organisation = "Жаңа"
	a := base.With(p)
	b := a.With(Participant{ID: "new", FullName: "Жаңа адам"}, p)
	if got, ok := b.ChangedSince(base); !ok || !slices.Equal(got, []int{3, 20}) {
		t.Errorf("b since base = %v, %v; want [3 20]", got, ok)
	}
	if got, ok := b.ChangedSince(a); !ok || !slices.Equal(got, []int{20, 3}) {
		t.Errorf("b since a = %v, %v; want [20 3]", got, ok)
	}
	if got, ok := a.ChangedSince(a); !ok || len(got) != 0 {
		t.Errorf("a since a = %v, %v", got, ok)
	}
	if _, ok := a.ChangedSince(b); ok {
		t.Error("an older version is not made from a newer one")
	}
	if _, ok := NewIndex(makePeople(20)).ChangedSince(base); ok {
		t.Error("another index is not made from this one")
	}
	c := base.With(Participant{ID: "other", FullName: "Басқа"})
	if _, ok := c.ChangedSince(a); ok {
		t.Error("a sibling version is not made from its sibling")
	}
}
