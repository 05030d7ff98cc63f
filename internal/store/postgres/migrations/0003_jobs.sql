-- Jobs for workers, the connect queue and named leases: the SQLite store's
-- migration 0009_jobs.sql, where the reasons are given. Workers on several
-- machines claim jobs with FOR UPDATE SKIP LOCKED, so a claim never waits
-- for another worker's claim. Times are timestamptz (microseconds are
-- plenty for leases) and come from the workers' clocks, as in SQLite:
-- leases last minutes, far longer than clocks drift apart.
CREATE TABLE jobs (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind         text NOT NULL,
	key          text COLLATE "C" NOT NULL,
	payload      json NOT NULL,
	state        text NOT NULL,              -- queued, running, done, failed
	attempts     integer NOT NULL DEFAULT 0,
	max_attempts integer NOT NULL,
	run_after    timestamptz NOT NULL,
	lease_owner  text NOT NULL DEFAULT '',
	lease_until  timestamptz,                -- NULL unless running
	last_error   text NOT NULL DEFAULT '',
	created_at   timestamptz NOT NULL,
	updated_at   timestamptz NOT NULL
);

CREATE UNIQUE INDEX jobs_open_key ON jobs (key) WHERE state IN ('queued', 'running');

CREATE INDEX jobs_open ON jobs (id) WHERE state IN ('queued', 'running');

CREATE INDEX jobs_leases ON jobs (lease_until) WHERE state = 'running';

CREATE TABLE connect_pending (
	seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	article_id text COLLATE "C" NOT NULL UNIQUE,
	mark       bigint NOT NULL DEFAULT 1
);

CREATE TABLE locks (
	name    text COLLATE "C" PRIMARY KEY,
	owner   text NOT NULL DEFAULT '',
	until   timestamptz,                     -- NULL when free
	version bigint NOT NULL DEFAULT 0
);
