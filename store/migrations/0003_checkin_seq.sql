-- convene schema 3: check-in order lookups (max(seq)) without a table scan.
CREATE INDEX checkins_seq ON checkins(seq);
