package places

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

// TestGolden runs Find on the articles of testdata and compares the places
// with the .golden files: text, offsets and resolution, one a line.
func TestGolden(t *testing.T) {
	x := load(t)
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata articles: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			in, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, p := range x.find(string(in)) {
				line, err := json.Marshal(struct {
					Text       string  `json:"text"`
					Start, End int     `json:"-"`
					Span       string  `json:"span"`
					Name       string  `json:"name"`
					Country    string  `json:"country"`
					Admin1     string  `json:"admin1"`
					Feature    string  `json:"feature"`
					Lat, Lon   float64 `json:"-"`
					Point      string  `json:"point"`
				}{Text: p.Text, Span: fmt.Sprintf("%d-%d", p.Start, p.End), Name: p.Name, Country: p.Country,
					Admin1: p.Admin1, Feature: p.Feature, Point: fmt.Sprintf("%.2f,%.2f", p.Lat, p.Lon)})
				if err != nil {
					t.Fatal(err)
				}
				got.Write(line)
				got.WriteByte('\n')
			}
			golden := file[:len(file)-len(".txt")] + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("places of %s differ from %s:\n got:\n%s\nwant:\n%s", file, golden, got.Bytes(), want)
			}
		})
	}
}
