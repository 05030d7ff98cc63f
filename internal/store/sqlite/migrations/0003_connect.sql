-- Stories: articles connected by package connect (near-duplicates, stories,
-- merged events). Version 3; version 2 belongs to the gazetteer tables, and
-- migrations apply by number whether or not every lower number exists.
--
-- story_links says where each connected article went, with the connector's
-- own state for it (opaque here), so a later run can connect new articles to
-- stored stories. The other tables are the stories as published: each story
-- is rewritten whole whenever an article joins it, so they are never patched.

CREATE TABLE story_links (
	article_id   TEXT PRIMARY KEY REFERENCES articles (id),
	story_id     TEXT NOT NULL,
	role         TEXT NOT NULL,              -- original, syndicated
	duplicate_of TEXT NOT NULL DEFAULT '',   -- the original of a copy
	seen         TEXT NOT NULL,              -- RFC 3339 UTC: published, else retrieved
	state        BLOB NOT NULL
) STRICT;

CREATE INDEX story_links_story ON story_links (story_id);
CREATE INDEX story_links_seen ON story_links (seen);

CREATE TABLE stories (
	id              TEXT PRIMARY KEY,
	title           TEXT NOT NULL,
	summary         TEXT NOT NULL DEFAULT '',
	central_article TEXT NOT NULL DEFAULT '',
	first_seen      TEXT NOT NULL,
	last_seen       TEXT NOT NULL,
	countries       TEXT NOT NULL DEFAULT '[]', -- JSON array of alpha-2 codes
	topics          TEXT NOT NULL DEFAULT '[]', -- JSON array of labels
	article_count   INTEGER NOT NULL DEFAULT 0,
	source_count    INTEGER NOT NULL DEFAULT 0,
	event_count     INTEGER NOT NULL DEFAULT 0,
	claims          TEXT NOT NULL DEFAULT '[]', -- JSON: denials tied to no event
	updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX stories_last_seen ON stories (last_seen);

-- One row per country of a story, for listing by country.
CREATE TABLE story_countries (
	story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	country  TEXT NOT NULL,
	rank     INTEGER NOT NULL,
	PRIMARY KEY (story_id, country)
) STRICT, WITHOUT ROWID;

CREATE INDEX story_countries_country ON story_countries (country, story_id);

-- The timeline: merged events in order (seq), with the merged values.
CREATE TABLE story_events (
	id             TEXT NOT NULL,
	story_id       TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	seq            INTEGER NOT NULL,
	type           TEXT NOT NULL,
	sub_type       TEXT NOT NULL,
	actor1         TEXT NOT NULL DEFAULT '',
	actor2         TEXT NOT NULL DEFAULT '',
	place          TEXT,                       -- JSON of sitrep.EventPlace; NULL when unknown
	date           TEXT NOT NULL DEFAULT '',
	time_precision INTEGER NOT NULL DEFAULT 0,
	fatalities     INTEGER,                    -- lowest of the sources; NULL when none gives one
	claims         TEXT NOT NULL DEFAULT '[]', -- JSON array of sitrep.StoryClaim
	PRIMARY KEY (story_id, id)
) STRICT;

-- Each article's report of an event, with its own values.
CREATE TABLE event_sources (
	story_id     TEXT NOT NULL,
	event_id     TEXT NOT NULL,
	seq          INTEGER NOT NULL,
	article_id   TEXT NOT NULL,
	event_index  INTEGER NOT NULL,
	source       TEXT NOT NULL DEFAULT '',
	attribution  TEXT NOT NULL DEFAULT '',
	published    TEXT,
	sub_type     TEXT NOT NULL DEFAULT '',
	place        TEXT NOT NULL DEFAULT '',
	date         TEXT NOT NULL DEFAULT '',
	fatalities   INTEGER,
	PRIMARY KEY (story_id, event_id, seq),
	FOREIGN KEY (story_id, event_id) REFERENCES story_events (story_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX event_sources_article ON event_sources (article_id);

CREATE TABLE story_contradictions (
	story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	seq      INTEGER NOT NULL,
	kind     TEXT NOT NULL,
	event_id TEXT NOT NULL DEFAULT '',
	reason   TEXT NOT NULL,
	sides    TEXT NOT NULL,                    -- JSON array of sitrep.ContradictionSide
	PRIMARY KEY (story_id, seq)
) STRICT;
