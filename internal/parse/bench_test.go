package parse_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func benchFiles(b *testing.B, exts ...string) (names []string, files [][]byte, size int64) {
	b.Helper()
	for _, tc := range goldenCases {
		if !strings.HasSuffix(tc.file, exts[0]) && (len(exts) < 2 || !strings.HasSuffix(tc.file, exts[1])) {
			continue
		}
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			b.Fatal(err)
		}
		names, files, size = append(names, tc.file), append(files, data), size+int64(len(data))
	}
	return names, files, size
}

func benchDocuments(b *testing.B, exts ...string) {
	names, files, size := benchFiles(b, exts...)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if _, err := parse.Document(parse.Input{Name: names[i], Data: data, Retrieved: retrieved}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDocumentHTML parses the HTML fixtures, full readability path.
func BenchmarkDocumentHTML(b *testing.B) {
	benchDocuments(b, ".html")
}

// BenchmarkDocumentText parses the plain-text fixtures.
func BenchmarkDocumentText(b *testing.B) {
	benchDocuments(b, ".txt", ".md")
}

// BenchmarkLines parses a JSONL batch of 1,000 records.
func BenchmarkLines(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "batch.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	batch := bytes.Repeat(data, 100)
	b.SetBytes(int64(len(batch)))
	b.ReportAllocs()
	for b.Loop() {
		err := parse.Lines(bytes.NewReader(batch), "batch.jsonl", retrieved, func(int, *sitrep.Article, error) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}
