-- Gazetteers imported with `sitrep gazetteer import` (package gazimport): the
-- places of GeoNames dumps and of other tables (OCHA, Who's On First), and
-- the code lists that name GeoNames divisions and countries. The extractor
-- adds them to its built-in gazetteer at start-up.
--
-- Each imported file is one source. Its rows are keyed by (source, id), so a
-- re-import updates them in place. Every import of a source takes the next
-- run number; a row records the run that added it, the last run that changed
-- it and the last run that saw it, so the import reports added, updated and
-- unchanged rows and, once complete, deletes the rows the file no longer has.

CREATE TABLE gazetteer_sources (
	name          TEXT PRIMARY KEY,      -- file base name or --source
	format        TEXT NOT NULL,         -- geonames, admin1, admin2, countryinfo, table
	path          TEXT NOT NULL,         -- as given to the last import
	run           INTEGER NOT NULL,      -- the last import begun
	complete_run  INTEGER NOT NULL DEFAULT 0, -- the last import that finished
	rows          INTEGER NOT NULL DEFAULT 0, -- rows stored by the last complete import
	imported_at   TEXT NOT NULL          -- RFC 3339 UTC, when the last import began
) STRICT;

CREATE TABLE gazetteer_places (
	source       TEXT NOT NULL,
	id           TEXT NOT NULL,              -- geonameid, or the table's id column
	name         TEXT NOT NULL,
	alternates   TEXT NOT NULL DEFAULT '',   -- |-separated
	lat          REAL NOT NULL,
	lon          REAL NOT NULL,
	country      TEXT NOT NULL DEFAULT '',   -- ISO 3166-1 alpha-2
	admin1       TEXT NOT NULL DEFAULT '',   -- names, as a table gives them
	admin2       TEXT NOT NULL DEFAULT '',
	admin1_code  TEXT NOT NULL DEFAULT '',   -- GeoNames codes, named at load time
	admin2_code  TEXT NOT NULL DEFAULT '',
	feature      TEXT NOT NULL,              -- sitrep's kind: city, village, airport, wadi, ...
	feature_code TEXT NOT NULL DEFAULT '',   -- GeoNames class.code (P.PPL) or the table's own type
	population   INTEGER NOT NULL DEFAULT 0,
	geonameid    INTEGER NOT NULL DEFAULT 0, -- 0 when unknown
	digest       INTEGER NOT NULL,           -- hash of the columns above, to tell updates
	added_run    INTEGER NOT NULL,
	updated_run  INTEGER NOT NULL,
	seen_run     INTEGER NOT NULL,
	PRIMARY KEY (source, id)
) STRICT, WITHOUT ROWID;

-- GeoNames code lists: admin1CodesASCII.txt (level admin1, code "SY.07"),
-- admin2Codes.txt (admin2, "SY.07.170793") and countryInfo.txt (country,
-- "SY").
CREATE TABLE gazetteer_codes (
	source      TEXT NOT NULL,
	code        TEXT NOT NULL,
	level       TEXT NOT NULL,
	name        TEXT NOT NULL,
	ascii_name  TEXT NOT NULL DEFAULT '',
	geonameid   INTEGER NOT NULL DEFAULT 0,
	population  INTEGER NOT NULL DEFAULT 0,
	digest      INTEGER NOT NULL,
	added_run   INTEGER NOT NULL,
	updated_run INTEGER NOT NULL,
	seen_run    INTEGER NOT NULL,
	PRIMARY KEY (source, code)
) STRICT, WITHOUT ROWID;

CREATE INDEX gazetteer_codes_code ON gazetteer_codes (code);
