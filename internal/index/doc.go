// Package index keeps the read side of sitrep: every stored article's
// analysis spread into tables (migration 0004, tables index_*) that the site,
// the JSON API and the exports filter and sort without decoding JSON.
//
// The tables are derived data. Sync brings them up to date with the articles
// table, reading only articles changed since the last run, so it is cheap to
// call often; Run calls it on a timer. Queries never write.
package index
