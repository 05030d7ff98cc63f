// Package samples embeds the fictional sample corpus (see README.md here) so
// `sitrep demo` works from the binary alone.
package samples

import "embed"

// FS holds the corpus: html/*.html, text/*.txt and batch.jsonl.
//
//go:embed html text batch.jsonl
var FS embed.FS
