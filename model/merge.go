package model

import (
	"strings"
	"time"
)

// The fields a merge or a re-import may fill in, as they are named to the
// user.
//
//i18n:key
const (
	FieldOrganisation = "organisation"
	FieldPosition     = "position"
	FieldCategory     = "category"
	FieldGender       = "gender"
	FieldPhone        = "phone"
	FieldEmail        = "e-mail"
	FieldNotes        = "notes"
)

// MergeFill is the record kept by a merge of dup into keep: keep's own
// values, with each field keep leaves empty (organisation, position,
// category, gender, phone, e-mail, notes) taken from dup. It returns the
// fields it filled.
func MergeFill(keep, dup Participant) (Participant, []string) {
	var filled []string
	fill := func(dst *string, src, name string) {
		if strings.TrimSpace(*dst) == "" && strings.TrimSpace(src) != "" {
			*dst = src
			filled = append(filled, name)
		}
	}
	fill(&keep.Organisation, dup.Organisation, FieldOrganisation)
	fill(&keep.Position, dup.Position, FieldPosition)
	fill(&keep.Category, dup.Category, FieldCategory)
	if keep.Gender == GenderNotStated && dup.Gender != GenderNotStated {
		keep.Gender = dup.Gender
		filled = append(filled, FieldGender)
	}
	fill(&keep.Phone, dup.Phone, FieldPhone)
	fill(&keep.Email, dup.Email, FieldEmail)
	fill(&keep.Notes, dup.Notes, FieldNotes)
	return keep, filled
}

// MergeRecord is a merge of two person records as the store keeps it.
type MergeRecord struct {
	ID     string
	Kept   Participant
	Merged Participant
	At     time.Time
	Desk   string
	Filled []string
	Undone bool
}
