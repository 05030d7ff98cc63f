package worker

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// IngestPayload is an ingest job's payload: a source to read, or a document
// carried in the job itself.
type IngestPayload struct {
	// Source is a file path (absolute, as the workers read it) or an
	// http(s) URL.
	Source string `json:"source,omitempty"`
	// Document is a whole document (HTML, text, JSON or a JSONL line) when
	// Source is empty: what `sitrep enqueue -` reads from stdin.
	Document string `json:"document,omitempty"`
}

// ExtractPayload is an extract job's payload.
type ExtractPayload struct {
	ArticleID string `json:"article_id"`
}

// IngestSource returns the job that ingests a file path or URL. Its key is
// the source, so a source enqueued twice while the first waits runs once.
func IngestSource(source string) *sitrep.Job {
	return newJob(sitrep.JobIngest, "source:"+source, IngestPayload{Source: source})
}

// IngestDocument returns the job that ingests doc itself. Its key is the
// document's hash.
func IngestDocument(doc string) *sitrep.Job {
	sum := sha256.Sum256([]byte(doc))
	return newJob(sitrep.JobIngest, "document:"+hex.EncodeToString(sum[:]), IngestPayload{Document: doc})
}

// ExtractArticle returns the job that analyses a stored article again.
func ExtractArticle(id string) *sitrep.Job {
	return newJob(sitrep.JobExtract, "extract:"+id, ExtractPayload{ArticleID: id})
}

func newJob(kind sitrep.JobKind, key string, payload any) *sitrep.Job {
	b, _ := json.Marshal(payload) // plain structs of strings: cannot fail
	return &sitrep.Job{Kind: kind, Key: key, Payload: b}
}

// describe names a job for messages: its kind and source, shortened.
func describe(j *sitrep.Job) string {
	what := j.Key
	switch j.Kind {
	case sitrep.JobIngest:
		var p IngestPayload
		if json.Unmarshal(j.Payload, &p) == nil && p.Source != "" {
			what = p.Source
		}
	case sitrep.JobExtract:
		var p ExtractPayload
		if json.Unmarshal(j.Payload, &p) == nil {
			what = p.ArticleID
		}
	}
	if len(what) > 80 {
		what = what[:77] + "..."
	}
	return fmt.Sprintf("job %d (%s %s)", j.ID, j.Kind, strings.ToValidUTF8(what, "?"))
}
