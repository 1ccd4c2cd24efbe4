-- convene schema 5: the paperwork of a seminar.
--
-- A person's name in parts (surname, given name, patronymic) for sign-in
-- sheets and lists sorted by surname; empty in rows from before: the app
-- works the parts out from full_name (surname first) until the record is
-- saved again.
ALTER TABLE participants ADD COLUMN surname    TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN given_name TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN patronymic TEXT NOT NULL DEFAULT '';
-- A person merged into another is kept (so the merge can be undone) but no
-- longer listed anywhere: merged_into names the merge.
ALTER TABLE participants ADD COLUMN merged_into TEXT REFERENCES merges(id) ON DELETE SET NULL;
CREATE INDEX participants_merged ON participants(merged_into);

-- How a check-in reached the database: 'desk' (as the person arrived) or
-- 'paper' (typed in later from a signed sheet; dated at the session's start
-- unless a time was given).
ALTER TABLE checkins ADD COLUMN source TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'paper'));

-- The sectors attendance is counted by (the database's, for every event),
-- in report order, and the organiser's corrections of the automatic
-- category -> sector guess (by folded category).
CREATE TABLE sectors (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
INSERT INTO sectors(name, position) VALUES
    ('government', 1), ('law enforcement', 2), ('judiciary', 3), ('prosecution', 4), ('academia', 5),
    ('civil society', 6), ('media', 7), ('international organisation', 8), ('other', 9);

CREATE TABLE sector_map (
    category_key TEXT PRIMARY KEY, -- the category folded (any case, any script)
    category     TEXT NOT NULL,    -- as the organiser typed it
    sector       TEXT NOT NULL REFERENCES sectors(name) ON UPDATE CASCADE ON DELETE CASCADE
);

-- A merge of two person records: the duplicate (merged_id) into the one
-- kept (kept_id). What it moved is listed in merge_moves, the fields it
-- filled on the kept record (with their values) in filled, so that undoing
-- it restores both exactly. seq orders merges among the check-ins of the
-- desk (the check-in sequence number at the time), for undo.
CREATE TABLE merges (
    id        TEXT PRIMARY KEY,
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kept_id   TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    merged_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    desk      TEXT NOT NULL DEFAULT '',
    seq       INTEGER NOT NULL,
    filled    TEXT NOT NULL DEFAULT '{}', -- JSON: field -> value filled on the kept record
    undone_at TEXT
);
CREATE INDEX merges_event ON merges(event_id, seq);

CREATE TABLE merge_moves (
    merge_id   TEXT NOT NULL REFERENCES merges(id) ON DELETE CASCADE,
    checkin_id TEXT REFERENCES checkins(id) ON DELETE CASCADE,
    topic_id   TEXT REFERENCES topics(id) ON DELETE CASCADE,
    CHECK ((checkin_id IS NULL) <> (topic_id IS NULL))
);
CREATE INDEX merge_moves_merge ON merge_moves(merge_id);
