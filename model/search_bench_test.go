package model_test

import (
	"fmt"
	"testing"

	"convene/model"
	"convene/model/rostergen"
)

// BenchmarkIndexChange compares putting one changed person into an index
// of 100,000 distinct people (With: an edit or a walk-in, as another
// window's or desk's change arrives) with building the index again, which
// is what a change cost before (README, Performance).
//
//	go test ./model -run '^$' -bench IndexChange -benchtime 20x
func BenchmarkIndexChange(b *testing.B) {
	people := rostergen.People(100_000, 1)
	b.Run("with/edit", func(b *testing.B) {
		ix := model.NewIndex(people)
		i := 0
		for b.Loop() {
			p := people[(i*7919)%len(people)]
			p.Organisation, p.FullName = fmt.Sprint("Жаңа ұйым ", i), p.FullName+" Жаңа"
			ix = ix.With(p)
			i++
		}
	})
	b.Run("with/walk-in", func(b *testing.B) {
		ix := model.NewIndex(people)
		i := 0
		for b.Loop() {
			ix = ix.With(model.Participant{ID: fmt.Sprint("walk-in-", i), FullName: fmt.Sprint("Жаңа Қатысушы ", i), Phone: "+7 701 000 00 00"})
			i++
		}
	})
	b.Run("rebuild", func(b *testing.B) {
		for b.Loop() {
			model.NewIndex(people)
		}
	})
}
