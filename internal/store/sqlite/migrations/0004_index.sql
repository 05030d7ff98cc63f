-- The read side of the site, the JSON API and the exports (package
-- internal/index): each article's analysis spread into tables that can be
-- filtered and sorted without decoding JSON, so that a country page, a map
-- of a week's events or a CSV export of one actor's events is an index
-- range scan.
--
-- Every row here is derived from articles and can be rebuilt from it: the
-- indexer reads articles whose updated_at is newer than what it indexed,
-- deletes their rows and writes them anew. Nothing else writes these tables.
--
-- countries, topics and event_types repeat, in one row, what the tables
-- below hold, so that the facets of a search that matches half the corpus
-- read one row per match instead of four.
--
-- seen is when an article was published, in the fixed-width RFC 3339 text
-- of articles.published, so it sorts as time; '' when the article gives no
-- date, so that undated articles list last and match no date range. It is
-- copied into the per-entity tables so that "newest articles of X" reads one
-- index range.

CREATE INDEX index_articles_updated_at ON articles (updated_at);

CREATE TABLE index_articles (
	seq         INTEGER PRIMARY KEY,        -- articles.seq
	id          TEXT NOT NULL UNIQUE,       -- articles.id
	updated_at  TEXT NOT NULL,              -- articles.updated_at when indexed
	seen        TEXT NOT NULL,
	published   TEXT,                       -- NULL when unknown
	retrieved   TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	source_slug TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	byline      TEXT NOT NULL DEFAULT '',
	url         TEXT NOT NULL DEFAULT '',   -- canonical URL, else URL
	summary     TEXT NOT NULL DEFAULT '',   -- the first paragraph, clipped
	countries   TEXT NOT NULL DEFAULT '',   -- space-separated alpha-2, most relevant first
	topics      TEXT NOT NULL DEFAULT '',   -- space-separated topic codes, most relevant first
	event_types INTEGER NOT NULL DEFAULT 0, -- bit i set: an asserted event of type i (index.EventTypes)
	event_count INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX index_articles_seen ON index_articles (seen, seq);
CREATE INDEX index_articles_source ON index_articles (source_slug, seen, seq);
CREATE INDEX index_articles_updated ON index_articles (updated_at);

CREATE TABLE index_article_countries (
	code  TEXT NOT NULL,     -- ISO 3166-1 alpha-2
	seen  TEXT NOT NULL,
	seq   INTEGER NOT NULL,
	name  TEXT NOT NULL,
	score REAL NOT NULL,
	rank  INTEGER NOT NULL,  -- 0 for the article's main country
	PRIMARY KEY (code, seen, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX index_article_countries_seq ON index_article_countries (seq);

CREATE TABLE index_article_topics (
	code  TEXT NOT NULL,     -- IPTC media topic, "medtop:20000056"
	seen  TEXT NOT NULL,
	seq   INTEGER NOT NULL,
	label TEXT NOT NULL,
	score REAL NOT NULL,
	rank  INTEGER NOT NULL,
	PRIMARY KEY (code, seen, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX index_article_topics_seq ON index_article_topics (seq);

CREATE TABLE index_article_actors (
	slug     TEXT NOT NULL,  -- URL key of the actor's name
	seen     TEXT NOT NULL,
	seq      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	kind     TEXT NOT NULL DEFAULT '',
	country  TEXT NOT NULL DEFAULT '',
	mentions INTEGER NOT NULL,
	PRIMARY KEY (slug, seen, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX index_article_actors_seq ON index_article_actors (seq);

CREATE TABLE index_article_places (
	key      TEXT NOT NULL,  -- "sy/al-qamishli": country and name slug
	seen     TEXT NOT NULL,
	seq      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	country  TEXT NOT NULL DEFAULT '',
	admin1   TEXT NOT NULL DEFAULT '',
	feature  TEXT NOT NULL DEFAULT '',
	lat      REAL NOT NULL,
	lon      REAL NOT NULL,
	mentions INTEGER NOT NULL,
	PRIMARY KEY (key, seen, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX index_article_places_seq ON index_article_places (seq);

-- One row per event of an article's analysis. id is seq * 1000 + the
-- event's position, so it survives re-indexing. day is the event's date,
-- else the day the article was seen, so every event sorts and filters by a
-- day. asserted is 0 for negated and hypothetical events, which the map,
-- the API and the exports leave out unless asked.
CREATE TABLE index_events (
	id             INTEGER PRIMARY KEY,
	seq            INTEGER NOT NULL,
	idx            INTEGER NOT NULL,
	day            TEXT NOT NULL,            -- YYYY-MM-DD
	date           TEXT NOT NULL DEFAULT '', -- as the analysis gave it
	time_precision INTEGER NOT NULL DEFAULT 0,
	type           TEXT NOT NULL,
	sub_type       TEXT NOT NULL DEFAULT '',
	actor1         TEXT NOT NULL DEFAULT '',
	actor1_slug    TEXT NOT NULL DEFAULT '',
	actor1_kind    TEXT NOT NULL DEFAULT '',
	actor2         TEXT NOT NULL DEFAULT '',
	actor2_slug    TEXT NOT NULL DEFAULT '',
	actor2_kind    TEXT NOT NULL DEFAULT '',
	assoc1         TEXT NOT NULL DEFAULT '', -- "; "-separated, as ACLED writes them
	assoc2         TEXT NOT NULL DEFAULT '',
	place          TEXT NOT NULL DEFAULT '',
	place_key      TEXT NOT NULL DEFAULT '',
	country        TEXT NOT NULL DEFAULT '',
	admin1         TEXT NOT NULL DEFAULT '',
	lat            REAL,                     -- NULL when the event has no place
	lon            REAL,
	geo_precision  INTEGER NOT NULL DEFAULT 0,
	fatalities     INTEGER,                  -- NULL when the text gives no figure
	negated        INTEGER NOT NULL DEFAULT 0,
	hypothetical   INTEGER NOT NULL DEFAULT 0,
	reported       INTEGER NOT NULL DEFAULT 0,
	asserted       INTEGER NOT NULL DEFAULT 1,
	trigger        TEXT NOT NULL DEFAULT '',
	notes          TEXT NOT NULL DEFAULT ''  -- the sentence that reports it
) STRICT;

CREATE INDEX index_events_day ON index_events (day, id);
CREATE INDEX index_events_country ON index_events (country, day, id);
CREATE INDEX index_events_type ON index_events (type, day, id);
CREATE INDEX index_events_actor1 ON index_events (actor1_slug, day, id);
CREATE INDEX index_events_actor2 ON index_events (actor2_slug, day, id);
CREATE INDEX index_events_place ON index_events (place_key, day, id);
CREATE INDEX index_events_seq ON index_events (seq);
-- Counting the map's events by country reads this index alone.
CREATE INDEX index_events_counts ON index_events (asserted, country, type);
