package claims

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden is what the golden file records: the claims with their spans as
// text, and the contradictions.
type golden struct {
	Claims         []goldenClaim          `json:"claims"`
	Contradictions []sitrep.Contradiction `json:"contradictions"`
}

type goldenClaim struct {
	sitrep.Claim
	Content string `json:"content"`
}

// TestGolden runs Find and Contradictions on an original article and
// compares the result with testdata/market.golden.json; go test -update
// rewrites the file after a reviewed change.
func TestGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/market.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	in := input(t, s)
	cs := Find(in)
	g := golden{Contradictions: Contradictions(s, cs, in.Quantities)}
	for _, c := range cs {
		g.Claims = append(g.Claims, goldenClaim{Claim: c, Content: runeSlice(s, c.ContentStart, c.ContentEnd)})
	}
	got, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const path = "testdata/market.golden.json"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("Find on testdata/market.txt differs from %s:\n%s", path, got)
	}
}
