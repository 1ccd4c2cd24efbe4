-- convene schema 4: the clock undo log, per event. Every clock action
-- (agenda start, pause, resume, next, extend, shorten, skip, reset, finish;
-- topic discuss, pause, resume, extend, park, reopen) writes one entry in
-- the same transaction, with the exact stored clock state of every row it
-- changed before (b_) and after (a_) it. Store.UndoClock restores the
-- before-state of a desk's newest entry not yet undone, if every row still
-- holds the after-state.

CREATE TABLE clock_undo (
    id         INTEGER PRIMARY KEY AUTOINCREMENT, -- the order of the actions
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    desk       TEXT NOT NULL,
    at         TEXT NOT NULL,
    domain     TEXT NOT NULL CHECK (domain IN ('agenda', 'topic')),
    session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE, -- agenda entries
    subject_id TEXT NOT NULL,  -- the agenda item or topic acted on
    title      TEXT NOT NULL,  -- its title at the time
    action     TEXT NOT NULL,  -- start, pause, extend, discuss, park…
    undone_at  TEXT            -- set once undone
);
CREATE INDEX clock_undo_desk ON clock_undo(event_id, desk, id);

-- One row per agenda item or topic the action changed.
CREATE TABLE clock_undo_rows (
    id       INTEGER PRIMARY KEY,
    undo_id  INTEGER NOT NULL REFERENCES clock_undo(id) ON DELETE CASCADE,
    item_id  TEXT REFERENCES agenda_items(id) ON DELETE CASCADE,
    topic_id TEXT REFERENCES topics(id) ON DELETE CASCADE,
    b_status TEXT, b_skipped INTEGER, b_extra_seconds INTEGER, b_started_at TEXT, b_paused_at TEXT, b_paused_seconds REAL, b_ended_at TEXT,
    a_status TEXT, a_skipped INTEGER, a_extra_seconds INTEGER, a_started_at TEXT, a_paused_at TEXT, a_paused_seconds REAL, a_ended_at TEXT,
    CHECK ((item_id IS NULL) <> (topic_id IS NULL))
);
CREATE INDEX clock_undo_rows_undo ON clock_undo_rows(undo_id);
CREATE INDEX clock_undo_rows_item ON clock_undo_rows(item_id);
CREATE INDEX clock_undo_rows_topic ON clock_undo_rows(topic_id);

-- An entry is whole or gone: deleting an item or topic it changed (also by
-- cascade from its session or event) deletes the whole entry, so an undo
-- never restores half an action.
CREATE TRIGGER agenda_items_drop_undo BEFORE DELETE ON agenda_items BEGIN
    DELETE FROM clock_undo WHERE id IN (SELECT undo_id FROM clock_undo_rows WHERE item_id = OLD.id);
END;
CREATE TRIGGER topics_drop_undo BEFORE DELETE ON topics BEGIN
    DELETE FROM clock_undo WHERE id IN (SELECT undo_id FROM clock_undo_rows WHERE topic_id = OLD.id);
END;
