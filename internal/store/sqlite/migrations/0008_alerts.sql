-- Alerts: saved searches over newly indexed events (package alerts), the
-- outbox of their webhook deliveries, and the stories marked breaking.
--
-- Exactly once: alert_deliveries has one row per (alert, event key), and
-- the matcher inserts those rows in the same transaction that moves the
-- alert's cursor past the events, so a crash either records both or
-- neither, and a re-indexed event finds its row already there. The
-- dispatcher then works through the pending rows (an outbox); a row is
-- never deleted while its alert lives, so it also feeds the alert's Atom
-- feed.
--
-- AUTOINCREMENT so that a deleted alert's id, which names it in feed URLs
-- and webhook payloads, is never given to another.

CREATE TABLE alerts (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT NOT NULL,
	query       TEXT NOT NULL DEFAULT '',
	actor       TEXT NOT NULL DEFAULT '',
	country     TEXT NOT NULL DEFAULT '',
	event_type  TEXT NOT NULL DEFAULT '',
	lat         REAL NOT NULL DEFAULT 0,
	lon         REAL NOT NULL DEFAULT 0,
	radius_km   REAL NOT NULL DEFAULT 0,     -- 0: no place filter
	webhook_url TEXT NOT NULL DEFAULT '',
	secret      TEXT NOT NULL DEFAULT '',    -- HMAC key of the webhook signature
	feed_token  TEXT NOT NULL UNIQUE,        -- opens the Atom feed without a session
	owner       TEXT NOT NULL DEFAULT '',
	created     TEXT NOT NULL,
	cursor      TEXT NOT NULL DEFAULT ''     -- how far it has matched; package alerts' encoding
) STRICT;

-- state: none (no webhook: feed only), pending, delivered, failed.
-- next_attempt is when a pending row is due; a claim moves it forward by a
-- lease, so a dispatcher that dies mid-POST leaves the row to be retried.
CREATE TABLE alert_deliveries (
	id           TEXT PRIMARY KEY,            -- sent as X-Sitrep-Delivery
	alert_id     INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
	event_key    TEXT NOT NULL,
	event_id     TEXT NOT NULL DEFAULT '',
	payload      TEXT NOT NULL,               -- the JSON body, fixed at match time
	matched_at   TEXT NOT NULL,
	state        TEXT NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt TEXT,                        -- NULL unless pending
	delivered_at TEXT,
	last_error   TEXT NOT NULL DEFAULT '',
	UNIQUE (alert_id, event_key)
) STRICT;

CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt) WHERE state = 'pending';
CREATE INDEX alert_deliveries_matched ON alert_deliveries (alert_id, matched_at);

-- Stories whose article rate surged. Not a foreign key: the connector
-- replaces a story row whole whenever an article joins it, which would
-- cascade the mark away; the detector rewrites this table every run.
CREATE TABLE story_breaking (
	story_id      TEXT PRIMARY KEY,
	since         TEXT NOT NULL,
	updated       TEXT NOT NULL,
	recent        INTEGER NOT NULL,
	baseline_rate REAL NOT NULL
) STRICT;
