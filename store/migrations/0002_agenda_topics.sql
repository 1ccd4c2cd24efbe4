-- convene schema 2: agenda items and discussion topics, both with a clock
-- stored as timestamps (started, paused, ended) plus accumulated seconds.

CREATE TABLE agenda_items (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    presenter       TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT 'other',
    planned_minutes INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes >= 0),
    notes           TEXT NOT NULL DEFAULT '',
    pinned_start    TEXT NOT NULL DEFAULT '',
    skipped         INTEGER NOT NULL DEFAULT 0,
    extra_seconds   INTEGER NOT NULL DEFAULT 0,
    started_at      TEXT,
    paused_at       TEXT,
    paused_seconds  REAL NOT NULL DEFAULT 0,
    ended_at        TEXT
);
CREATE INDEX agenda_items_session ON agenda_items(session_id, position);

CREATE TABLE topics (
    id               TEXT PRIMARY KEY,
    event_id         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    session_id       TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    title            TEXT NOT NULL,
    details          TEXT NOT NULL DEFAULT '',
    raised_by        TEXT NOT NULL DEFAULT 'floor' CHECK (raised_by IN ('participant', 'floor', 'anonymous')),
    participant_id   TEXT REFERENCES participants(id) ON DELETE SET NULL,
    status           TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'discussing', 'done', 'parked')),
    votes            INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    timebox_minutes  INTEGER NOT NULL DEFAULT 10,
    notes            TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    extra_seconds    INTEGER NOT NULL DEFAULT 0,
    started_at       TEXT,
    paused_at        TEXT,
    paused_seconds   REAL NOT NULL DEFAULT 0,
    ended_at         TEXT,
    merged_into      TEXT REFERENCES topics(id) ON DELETE CASCADE, -- deleting a topic deletes what was merged into it
    created_at       TEXT NOT NULL
);
CREATE INDEX topics_event ON topics(event_id);

CREATE TABLE topic_actions (
    id       TEXT PRIMARY KEY,
    topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    what     TEXT NOT NULL,
    who      TEXT NOT NULL DEFAULT '',
    due      TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
