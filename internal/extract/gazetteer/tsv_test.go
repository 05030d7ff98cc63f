package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestAddTSV(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", "places.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before := g.Len()
	if err := g.AddTSV(f, "places.tsv"); err != nil {
		t.Fatalf("AddTSV: %v", err)
	}
	// Two new places; the third row only names Deir ez-Zor city otherwise.
	if got, want := g.Len(), before+2; got != want {
		t.Errorf("Len() = %d after AddTSV, want %d", got, want)
	}
	tests := []struct {
		name, key, wantName, wantSource, wantFeature string
	}{
		{"new checkpoint", "jazal checkpoint", "Jazal checkpoint", SourceUser, "checkpoint"},
		{"its alternate", "jazal roadblock", "Jazal checkpoint", SourceUser, "checkpoint"},
		{"new region", "wadi al ward area", "Wadi al-Ward area", SourceUser, "region"},
		{"region variant key", "wadi ez ward area", "Wadi al-Ward area", SourceUser, "region"},
		{"merged alias", "deir zor city centre", "Deir ez-Zor", SourceGeoNames, "city"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Lookup(tt.key)
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) = none", tt.key)
			}
			e := got[0]
			if e.Name != tt.wantName || e.Source != tt.wantSource || e.Feature != tt.wantFeature {
				t.Errorf("Lookup(%q)[0] = %s/%s/%s, want %s/%s/%s", tt.key, e.Name, e.Source, e.Feature, tt.wantName, tt.wantSource, tt.wantFeature)
			}
		})
	}
	e := g.Lookup("jazal checkpoint")[0]
	if e.Country != "SY" || e.Admin1 != "Homs" || e.Population != 0 || e.ID >= 0 {
		t.Errorf("user entry = %+v, want SY, Homs, no population, negative ID", *e)
	}
}

func TestAddTSVErrors(t *testing.T) {
	g := loadBuiltin(t)
	const good = "Jazal checkpoint\t\t34.75\t37.95\tSY\tHoms\tcheckpoint\t\n"
	tests := []struct {
		name, input, want string
	}{
		{"no header", good, "places.tsv:1: header"},
		{"empty file", "# only a comment\n", "places.tsv:1: no header"},
		{"too few columns", TSVHeader + "\nJazal\t34.75\t37.95\tSY\n", "places.tsv:2: 4 columns, want 8"},
		{"bad latitude", TSVHeader + "\n# c\nJazal\t\tnorth\t37.95\tSY\tHoms\tvillage\t\n", "places.tsv:3: bad coordinates"},
		{"latitude out of range", TSVHeader + "\nJazal\t\t94.75\t37.95\tSY\tHoms\tvillage\t\n", "places.tsv:2: bad coordinates"},
		{"unknown country", TSVHeader + "\n" + good + "Jazal\t\t34.75\t37.95\tXQ\tHoms\tvillage\t\n", "places.tsv:3: unknown country code \"XQ\""},
		{"bad feature", TSVHeader + "\nJazal\t\t34.75\t37.95\tSY\tHoms\tCheck Point\t\n", "places.tsv:2: feature \"Check Point\""},
		{"bad population", TSVHeader + "\nJazal\t\t34.75\t37.95\tSY\tHoms\tvillage\tmany\n", "places.tsv:2: population \"many\""},
		{"negative population", TSVHeader + "\nJazal\t\t34.75\t37.95\tSY\tHoms\tvillage\t-5\n", "places.tsv:2: population \"-5\""},
		{"empty name", TSVHeader + "\n--\t\t34.75\t37.95\tSY\tHoms\tvillage\t\n", "places.tsv:2: empty name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := g.Len()
			err := g.AddTSV(strings.NewReader(tt.input), "places.tsv")
			if err == nil {
				t.Fatalf("AddTSV = nil error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("AddTSV error = %q, want it to contain %q", err, tt.want)
			}
			if code := sitrep.ErrorCode(err); code != sitrep.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", code, sitrep.EINVALID)
			}
			if g.Len() != before {
				t.Errorf("Len() = %d after a failed AddTSV, want %d (nothing added)", g.Len(), before)
			}
		})
	}
}
