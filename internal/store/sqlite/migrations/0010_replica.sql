-- A file that follows another store's articles (internal/replica: the
-- site's read side over PostgreSQL) keeps how far it has read each source's
-- change feed, so that a restart goes on from there.
CREATE TABLE replica_marks (
	source TEXT PRIMARY KEY,   -- the store followed, without secrets
	time   TEXT NOT NULL,      -- sitrep.ChangeMark.Time
	seq    INTEGER NOT NULL    -- sitrep.ChangeMark.Seq
) STRICT;
