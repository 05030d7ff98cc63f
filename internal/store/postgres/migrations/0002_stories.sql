-- Stories: articles connected by package connect, as in the SQLite store's
-- migration 0003_stories.sql; see there. JSON is json, times are text, for
-- the reasons given in 0001_articles.sql.

CREATE TABLE story_links (
	article_id   text COLLATE "C" PRIMARY KEY REFERENCES articles (id),
	story_id     text COLLATE "C" NOT NULL,
	role         text NOT NULL,              -- original, syndicated
	duplicate_of text NOT NULL DEFAULT '',   -- the original of a copy
	seen         text COLLATE "C" NOT NULL,  -- published, else retrieved
	state        bytea NOT NULL
);

CREATE INDEX story_links_story ON story_links (story_id);
CREATE INDEX story_links_seen ON story_links (seen);

CREATE TABLE stories (
	id              text COLLATE "C" PRIMARY KEY,
	title           text NOT NULL,
	summary         text NOT NULL DEFAULT '',
	central_article text NOT NULL DEFAULT '',
	first_seen      text COLLATE "C" NOT NULL,
	last_seen       text COLLATE "C" NOT NULL,
	countries       json NOT NULL DEFAULT '[]',
	topics          json NOT NULL DEFAULT '[]',
	article_count   integer NOT NULL DEFAULT 0,
	source_count    integer NOT NULL DEFAULT 0,
	event_count     integer NOT NULL DEFAULT 0,
	claims          json NOT NULL DEFAULT '[]', -- denials tied to no event
	updated_at      timestamptz NOT NULL
);

CREATE INDEX stories_last_seen ON stories (last_seen DESC, id);

CREATE TABLE story_countries (
	story_id text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	country  text COLLATE "C" NOT NULL,
	rank     integer NOT NULL,
	PRIMARY KEY (story_id, country)
);

CREATE INDEX story_countries_country ON story_countries (country, story_id);

CREATE TABLE story_events (
	id             text COLLATE "C" NOT NULL,
	story_id       text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	seq            integer NOT NULL,
	type           text NOT NULL,
	sub_type       text NOT NULL,
	actor1         text NOT NULL DEFAULT '',
	actor2         text NOT NULL DEFAULT '',
	place          json,                       -- NULL when unknown
	date           text NOT NULL DEFAULT '',
	time_precision integer NOT NULL DEFAULT 0,
	fatalities     integer,                    -- NULL when no source gives one
	claims         json NOT NULL DEFAULT '[]',
	PRIMARY KEY (story_id, id)
);

CREATE TABLE event_sources (
	story_id     text COLLATE "C" NOT NULL,
	event_id     text COLLATE "C" NOT NULL,
	seq          integer NOT NULL,
	article_id   text COLLATE "C" NOT NULL,
	event_index  integer NOT NULL,
	source       text NOT NULL DEFAULT '',
	attribution  text NOT NULL DEFAULT '',
	published    text COLLATE "C",
	sub_type     text NOT NULL DEFAULT '',
	place        text NOT NULL DEFAULT '',
	date         text NOT NULL DEFAULT '',
	fatalities   integer,
	PRIMARY KEY (story_id, event_id, seq),
	FOREIGN KEY (story_id, event_id) REFERENCES story_events (story_id, id) ON DELETE CASCADE
);

CREATE INDEX event_sources_article ON event_sources (article_id);

CREATE TABLE story_contradictions (
	story_id text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	seq      integer NOT NULL,
	kind     text NOT NULL,
	event_id text NOT NULL DEFAULT '',
	reason   text NOT NULL,
	sides    json NOT NULL,
	PRIMARY KEY (story_id, seq)
);
