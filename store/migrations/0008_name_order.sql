-- convene schema 8: the check-in list's first page and counts without
-- reading every participant. name_key is the name folded as the search
-- folds it (model.Fold), written by the store with every name; the rows of
-- an older file get theirs when it is migrated (store/migrate.go).
ALTER TABLE participants ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
-- merged_into is in both: the list shows the people not merged into
-- another record, and its counts then read only the index (without it,
-- each of 100,000 rows was read: 136 ms against 6 ms).
CREATE INDEX participants_name ON participants(event_id, merged_into, name_key, full_name);
CREATE INDEX participants_category ON participants(event_id, merged_into, category);
