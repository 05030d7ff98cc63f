-- Jobs for workers (sitrep worker, sitrep serve --workers). The queue lives
-- in the database rather than in a process so that several workers share
-- it and a crashed worker's jobs are taken again once its lease runs out;
-- see sitrep.JobQueue. Times are RFC 3339 text in UTC, fixed width, so they
-- compare as text.
CREATE TABLE jobs (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL,
	key          TEXT NOT NULL,
	payload      TEXT NOT NULL,              -- JSON, by kind
	state        TEXT NOT NULL,              -- queued, running, done, failed
	attempts     INTEGER NOT NULL DEFAULT 0, -- claims so far
	max_attempts INTEGER NOT NULL,
	run_after    TEXT NOT NULL,              -- not claimed before: the backoff
	lease_owner  TEXT NOT NULL DEFAULT '',   -- the worker holding or that last held it
	lease_until  TEXT,                       -- NULL unless running
	last_error   TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
) STRICT;

-- One open job per key: a source enqueued twice while it waits or runs is
-- queued once. Running jobs count too, so that no transition back to queued
-- (a retry, a release) can ever meet a second open job with its key.
CREATE UNIQUE INDEX jobs_open_key ON jobs (key) WHERE state IN ('queued', 'running');

-- Claims walk the open jobs oldest first; done and failed ones, the bulk of
-- the table after a while, are not in this index.
CREATE INDEX jobs_open ON jobs (id) WHERE state IN ('queued', 'running');

-- Every claim first looks for running jobs whose lease ran out: few rows.
CREATE INDEX jobs_leases ON jobs (lease_until) WHERE state = 'running';

-- Articles stored by completed jobs and not yet connected into stories.
-- Completing a job queues them in the same transaction, so a crash between
-- storing and connecting loses nothing: whoever holds the "connect" lock
-- connects them later. mark grows when an article is queued again while it
-- waits (an update), so that a connector that read the older version does
-- not clear the newer one.
CREATE TABLE connect_pending (
	seq        INTEGER PRIMARY KEY,
	article_id TEXT NOT NULL UNIQUE,
	mark       INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Named leases that let one worker at a time do a step that must not run
-- twice at once, such as connecting stories from an in-memory index.
-- version grows each time the lock is taken (not renewed).
CREATE TABLE locks (
	name    TEXT PRIMARY KEY,
	owner   TEXT NOT NULL DEFAULT '',
	until   TEXT,                            -- NULL when free
	version INTEGER NOT NULL DEFAULT 0
) STRICT;
