package store

import (
	"context"
	"database/sql"

	"convene/model"
)

// LoadDataset writes a whole event (the demo, for instance) in one
// transaction and makes it current.
func (s *Store) LoadDataset(ctx context.Context, ds model.Dataset) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := insertEvent(ctx, tx, ds.Event, now); err != nil {
			return err
		}
		for _, se := range ds.Sessions {
			if _, err := insertSession(ctx, tx, se, now); err != nil {
				return err
			}
		}
		for _, it := range ds.Items {
			if err := insertItem(ctx, tx, it); err != nil {
				return err
			}
		}
		for _, p := range ds.Participants {
			if err := insertParticipant(ctx, tx, p, now); err != nil {
				return err
			}
		}
		for _, c := range ds.CheckIns {
			if err := insertCheckIn(ctx, tx, c); err != nil {
				return err
			}
		}
		for _, t := range ds.Topics {
			if err := insertTopic(ctx, tx, t); err != nil {
				return err
			}
		}
		sid := ""
		if len(ds.Sessions) > 0 {
			sid = ds.Sessions[0].ID
		}
		var err error
		ch, err = setCurrent(ctx, tx, ds.Event.ID, sid)
		return err
	})
	if err != nil {
		return model.EventChanged{}, errorf("load event %q: %w", ds.Event.Name, err)
	}
	return ch, nil
}
