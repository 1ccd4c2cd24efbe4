-- convene schema 1: events, sessions, participants, check-ins, settings.
-- All IDs are random UUIDs; all timestamps are UTC text (RFC 3339).
PRAGMA application_id = 1129207374; -- 'CNVN'

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    venue      TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL DEFAULT '',
    end_date   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    venue      TEXT NOT NULL DEFAULT '',
    date       TEXT NOT NULL DEFAULT '',
    start_time TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_event ON sessions(event_id, position);

CREATE TABLE participants (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    full_name    TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    position     TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    gender       TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT 'manual',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX participants_event ON participants(event_id);

-- Append-only: a check-in and its undo are both rows; the latest row for a
-- (participant, session) pair says whether the person is here.
CREATE TABLE checkins (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    session_id     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('in', 'undo')),
    desk           TEXT NOT NULL DEFAULT '',
    seq            INTEGER NOT NULL
);
CREATE INDEX checkins_session ON checkins(session_id, participant_id, seq);
