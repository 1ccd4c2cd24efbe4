-- convene schema 9: an un-check can be given back. unchecked marks the undo
-- row a deliberate un-check wrote (a desk's x, a command), not the one a
-- ctrl+z wrote to take back a check-in: the desk's ctrl+z then undoes its
-- last action whichever it was — a check-in, an un-check or a merge —
-- instead of un-checking its last check-in after an un-check.
ALTER TABLE checkins ADD COLUMN unchecked INTEGER NOT NULL DEFAULT 0;
