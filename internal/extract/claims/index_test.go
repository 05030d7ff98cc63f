package claims

import (
	"os"
	"reflect"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// TestSharedIndexAgrees checks that claims read with a token index made
// by the caller are those read with the index Find makes itself.
func TestSharedIndexAgrees(t *testing.T) {
	raw, err := os.ReadFile("testdata/market.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, string(raw))
	want := Find(in)
	wantC := ContradictionsOf(in, want)
	in.Index = text.NewIndex(in.Toks)
	got := Find(in)
	if len(want) == 0 {
		t.Fatal("no claims in testdata/market.txt: the test reads nothing")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("claims with a shared index\n got %+v\nwant %+v", got, want)
	}
	if gotC := ContradictionsOf(in, got); !reflect.DeepEqual(gotC, wantC) {
		t.Errorf("contradictions with a shared index\n got %+v\nwant %+v", gotC, wantC)
	}
}
