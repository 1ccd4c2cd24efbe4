-- convene schema 5: personal data. A participant's consent to have their
-- contacts shared (yes, no, or '' = unknown, which counts as no); a
-- pseudonym number per participant, stable within the event (P-0001…),
-- given in the order people were registered and never reused; and the
-- record of each purge of contacts or names.

ALTER TABLE participants ADD COLUMN consent TEXT NOT NULL DEFAULT '' CHECK (consent IN ('', 'yes', 'no'));
ALTER TABLE participants ADD COLUMN pseudonym INTEGER;
ALTER TABLE events ADD COLUMN next_pseudonym INTEGER NOT NULL DEFAULT 1;

UPDATE participants SET pseudonym = r.n
FROM (SELECT id, row_number() OVER (PARTITION BY event_id ORDER BY created_at, rowid) AS n FROM participants) AS r
WHERE participants.id = r.id;
UPDATE events SET next_pseudonym = 1 + (SELECT coalesce(max(pseudonym), 0) FROM participants WHERE event_id = events.id);
CREATE UNIQUE INDEX participants_pseudonym ON participants(event_id, pseudonym);
-- A new participant takes the event's next number (store: reservePseudonyms).

CREATE TABLE purges (
    id        TEXT PRIMARY KEY,
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    what      TEXT NOT NULL CHECK (what IN ('contacts', 'names')), -- names: contacts and names
    people    INTEGER NOT NULL,  -- participants whose data was removed
    snapshots INTEGER NOT NULL DEFAULT 0 -- rolling snapshots rewritten or removed
);
CREATE INDEX purges_event ON purges(event_id, at);
