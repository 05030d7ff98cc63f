-- Editors' corrections of what the extractor found in an article (package
-- internal/correct): confirm, reject or edit a country, topic, place, actor
-- or event, or add one the extractor missed.
--
-- Corrections live apart from articles.analysis, which a new extraction
-- rewrites whole; they name their finding by a key taken from the text (a
-- code, a span), so they apply again to the new analysis. They are never
-- deleted: revoking one sets revoked, so the history of who judged what
-- stays readable.
--
-- Adding or revoking a correction also sets its article's updated_at, which
-- is how the indexer (migration 0004) learns the article must be indexed
-- again, corrections applied.
CREATE TABLE corrections (
	id         INTEGER PRIMARY KEY,
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	target     TEXT NOT NULL CHECK (target IN ('country', 'topic', 'place', 'actor', 'event')),
	action     TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'edit', 'add')),
	key        TEXT NOT NULL,
	value      TEXT,                       -- JSON object; NULL for confirm and reject
	editor     TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	created    TEXT NOT NULL,              -- RFC 3339 UTC, fixed width
	revoked    TEXT,                       -- NULL while the correction holds
	revoked_by TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX corrections_article ON corrections (article_id, id);

-- Whether an editor confirmed, edited or added the event: the site, the API
-- and the exports mark it.
ALTER TABLE index_events ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
