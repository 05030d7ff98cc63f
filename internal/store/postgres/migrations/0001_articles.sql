-- Articles as parsed from their sources, with the extractor's analysis: the
-- same columns as the SQLite store's articles table.
--
-- Times are kept as text, RFC 3339 in UTC with nine fraction digits, as in
-- SQLite: timestamptz holds microseconds, and an article's times must come
-- back to the nanosecond. The fixed width makes the text sort as time; the
-- "C" collation makes it, and the ids, sort byte by byte, as SQLite does.
-- JSON is json, not jsonb, so that any value Go encodes, \u0000 included,
-- is kept and comes back as it went in.
CREATE TABLE articles (
	seq                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id                  text COLLATE "C" NOT NULL UNIQUE,
	input               text NOT NULL,
	external_id         text NOT NULL DEFAULT '',
	format              text NOT NULL DEFAULT '',
	url                 text NOT NULL DEFAULT '',
	canonical_url       text NOT NULL DEFAULT '',
	source              text NOT NULL DEFAULT '',
	title               text NOT NULL DEFAULT '',
	byline              text NOT NULL DEFAULT '',
	language            text NOT NULL DEFAULT '',
	body                text NOT NULL,
	published           text COLLATE "C",             -- NULL when unknown
	published_precision text NOT NULL DEFAULT '',
	published_text      text NOT NULL DEFAULT '',
	retrieved           text COLLATE "C" NOT NULL,
	page_countries      json,                         -- NULL when nil
	page_topics         json,                         -- NULL when nil
	page_comments       text NOT NULL DEFAULT '',
	etag                text NOT NULL DEFAULT '',
	last_modified       text NOT NULL DEFAULT '',
	content_hash        text COLLATE "C" NOT NULL,
	analysis            json,                         -- NULL before extraction
	-- The full-text index's document: the title's words at weight A, the
	-- body's at B. PutArticles computes it from the words as package snippet
	-- splits and folds them (see search.go), so it is not a generated column.
	search              tsvector NOT NULL,
	created_at          timestamptz NOT NULL,
	updated_at          timestamptz NOT NULL
);

CREATE INDEX articles_content_hash ON articles (content_hash);

-- Listing is newest first, undated articles last, as SQLite orders them.
CREATE INDEX articles_newest ON articles (published DESC NULLS LAST, retrieved DESC, seq DESC);

CREATE INDEX articles_search ON articles USING gin (search);

-- The words of the index are stemmed as English, like FTS5's porter
-- tokenizer, but no word is dropped as a stop word: FTS5 keeps them, and a
-- search for "the" or "not" must find what SQLite finds. The text reaches
-- the parser already folded (lower case, no diacritics) and split into
-- words, so the parser only sees words separated by spaces.
CREATE TEXT SEARCH DICTIONARY sitrep_english (TEMPLATE = pg_catalog.snowball, language = english);
CREATE TEXT SEARCH CONFIGURATION sitrep (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION sitrep
	ALTER MAPPING FOR asciiword, word, asciihword, hword, hword_asciipart, hword_part WITH sitrep_english;

-- Writers of articles lock the stripes their ids and content hashes hash to,
-- in stripe order, before they look anything up: two writers storing the same
-- id or the same text then run one after the other, so the second sees the
-- first's row and reports it unchanged or a duplicate, and writers of
-- different articles rarely wait. The content hash cannot be UNIQUE: an
-- update may give an article the text another already has, as in SQLite.
-- Row locks, unlike advisory locks, take no room in the server's lock table,
-- however large the batch.
CREATE TABLE article_locks (
	stripe integer PRIMARY KEY
);

INSERT INTO article_locks (stripe) SELECT generate_series(0, 4095);
