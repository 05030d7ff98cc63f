-- Articles as parsed from their sources, with the extractor's analysis.
--
-- seq is the rowid the full-text index refers to. It is declared INTEGER
-- PRIMARY KEY so that VACUUM cannot renumber it behind the index's back; the
-- article id is the unique key every query and other table uses.
CREATE TABLE articles (
	seq                 INTEGER PRIMARY KEY,
	id                  TEXT NOT NULL UNIQUE,
	input               TEXT NOT NULL,
	external_id         TEXT NOT NULL DEFAULT '',
	format              TEXT NOT NULL DEFAULT '',
	url                 TEXT NOT NULL DEFAULT '',
	canonical_url       TEXT NOT NULL DEFAULT '',
	source              TEXT NOT NULL DEFAULT '',
	title               TEXT NOT NULL DEFAULT '',
	byline              TEXT NOT NULL DEFAULT '',
	language            TEXT NOT NULL DEFAULT '',
	body                TEXT NOT NULL,
	published           TEXT,                       -- RFC 3339 UTC, fixed width; NULL when unknown
	published_precision TEXT NOT NULL DEFAULT '',
	published_text      TEXT NOT NULL DEFAULT '',
	retrieved           TEXT NOT NULL,              -- RFC 3339 UTC, fixed width
	page_countries      TEXT,                       -- JSON array; NULL when nil
	page_topics         TEXT,                       -- JSON array; NULL when nil
	page_comments       TEXT NOT NULL DEFAULT '',
	etag                TEXT NOT NULL DEFAULT '',
	last_modified       TEXT NOT NULL DEFAULT '',
	content_hash        TEXT NOT NULL,
	analysis            TEXT,                       -- JSON of sitrep.Analysis; NULL before extraction
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL
) STRICT;

CREATE INDEX articles_content_hash ON articles (content_hash);

-- Listing is newest first. SQLite sorts NULL lowest, so scanning this index
-- backwards puts undated articles last.
CREATE INDEX articles_newest ON articles (published, retrieved);

-- Full-text index over title and body. It is external-content: the text lives
-- once, in articles.
--
-- PutArticles adds a new article's index entry itself, in the same
-- transaction, instead of through an AFTER INSERT trigger: a statement that
-- fires a trigger runs in a statement savepoint, and FTS5 writes its pending
-- index data to disk at every savepoint, which made ingest spend half its
-- time merging one-article index segments. Without the trigger FTS5 flushes
-- once per batch. Whoever inserts into articles must therefore also insert
-- into articles_fts. Updates and deletes are rarer and go through triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title,
	body,
	content = 'articles',
	content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;

-- Only a change of text reindexes; storing an analysis does not.
CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, body ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
	INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
