-- convene schema 7: each event's time zone (an IANA name such as
-- Asia/Almaty): its times are shown and exported in it, whatever the
-- laptop's clock is set to. Empty: the laptop's own zone (events made
-- before this version, and the demo).
ALTER TABLE events ADD COLUMN zone TEXT NOT NULL DEFAULT '';
