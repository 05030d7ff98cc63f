// Package data embeds sitrep's curated lexicons and generated gazetteer so
// the binary needs no files at run time. Each data file has its own small Go
// file here with its go:embed variable; every file starts with comments that
// say where its knowledge comes from.
package data
