-- Accounts and comments: the newsroom's editors and admins, their login
-- sessions, readers' comments on articles, and the site's secret keys.
--
-- Why this shape: a session row holds only the SHA-256 of the token the
-- browser has, so reading the database (a backup, a leaked file) logs
-- nobody in. Comments keep every status, including spam, so moderation can
-- be reviewed; readers only ever see published ones, which the
-- (article_id, status) index serves. Secrets sign CSRF tokens and hash
-- clients' addresses; kept here, they survive a restart.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL COLLATE NOCASE UNIQUE, -- ASCII only, so NOCASE folds it all
	role          TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
	password_hash TEXT NOT NULL,                       -- PHC string, argon2id
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
	id         TEXT PRIMARY KEY, -- hex SHA-256 of the token
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE comments (
	id           INTEGER PRIMARY KEY,
	article_id   TEXT NOT NULL REFERENCES articles (id),
	name         TEXT NOT NULL,
	text         TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'spam')),
	created_at   TEXT NOT NULL,
	client_hash  TEXT NOT NULL DEFAULT '',
	moderated_by TEXT NOT NULL DEFAULT '', -- the editor's name, kept if the account goes
	moderated_at TEXT
) STRICT;

CREATE INDEX comments_article ON comments (article_id, status, created_at);
CREATE INDEX comments_status ON comments (status, created_at);

CREATE TABLE secrets (
	name       TEXT PRIMARY KEY,
	value      BLOB NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
