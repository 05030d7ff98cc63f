-- Live feeds (package internal/feeds): the subscriptions `sitrep serve`
-- polls and what each poll did, so editors see which feeds flow and which
-- are stuck. Version 7; 5 and 6 belong to accounts and corrections, and
-- migrations apply by number whether or not every lower number exists.
--
-- Times are fixed-width RFC 3339 UTC text like the other tables, so that
-- next_poll compares as time; NULL for "never".
--
-- feed_items remembers every entry a feed listed, keyed by its GUID (else
-- its link), so that an entry is fetched once however many polls still list
-- it. done marks an entry stored or given up on; one whose fetch failed for
-- a passing reason stays not done and is tried again at the next poll.

CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	url           TEXT NOT NULL UNIQUE,      -- normalised by sitrep.FeedURL
	title         TEXT NOT NULL DEFAULT '',
	added         TEXT NOT NULL,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_polled   TEXT,
	last_success  TEXT,
	last_status   TEXT NOT NULL DEFAULT '',
	last_error    TEXT NOT NULL DEFAULT '',
	error_count   INTEGER NOT NULL DEFAULT 0, -- failed polls since the last success
	next_poll     TEXT NOT NULL,
	items         INTEGER NOT NULL DEFAULT 0, -- items stored as articles, all polls
	last_items    INTEGER NOT NULL DEFAULT 0  -- items stored by the last poll
) STRICT;

CREATE INDEX feeds_next_poll ON feeds (next_poll);

CREATE TABLE feed_items (
	feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	key        TEXT NOT NULL,                -- GUID or id, else link
	url        TEXT NOT NULL DEFAULT '',
	article_id TEXT NOT NULL DEFAULT '',     -- '' until stored
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	done       INTEGER NOT NULL DEFAULT 0,
	first_seen TEXT NOT NULL,
	PRIMARY KEY (feed_id, key)
) STRICT, WITHOUT ROWID;
