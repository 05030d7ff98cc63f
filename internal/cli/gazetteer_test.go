package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// geonameRow is a row of the GeoNames geoname table for a made-up place.
func geonameRow(id, name, alternates, lat, lon, class, code, country, admin1 string) string {
	return strings.Join([]string{id, name, name, alternates, lat, lon, class, code, country, "", admin1, "", "", "", "0", "", "300", "Asia/Damascus", "2024-01-01"}, "\t")
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGazetteerCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	geo := writeFile(t, dir, "SY.txt", strings.Join([]string{
		geonameRow("900000001", "Qarmāzah", "Qarmaza,Karmaza", "35.41", "40.02", "P", "PPL", "SY", "07"),
		geonameRow("900000002", "Wādī Khanzīr", "", "35.45", "40.10", "H", "WAD", "SY", "07"),
		geonameRow("900000003", "‘Ayn Qarmāzah", "", "35.412", "40.021", "H", "SPNG", "SY", "07"),
		geonameRow("900000004", "Bad Place", "", "north", "40.0", "P", "PPL", "SY", "07"),
	}, "\n")+"\n")
	table := writeFile(t, dir, "locations.csv", "pcode,type,name_en,name_ar,lat,lon\n"+
		"T1,community,Kafr Zaytunah,كفر زيتونة,35.10,36.55\n"+
		"T2,community,Tall Sufayr,تل صفير,35.60,39.91\n")
	article := writeFile(t, dir, "article.txt", "Shelling hits village\n\n"+
		"Shelling hit the village of Qarmazah in Deir ez-Zor province on Monday, residents said.\n")

	// Before the import the village is unknown.
	code, out, errOut := runMain(t, "", "--db", db, "extract", article)
	if code != 0 {
		t.Fatalf("extract: exit %d, %s", code, errOut)
	}
	if strings.Contains(out, `"Qarmāzah"`) {
		t.Fatalf("extract before import found Qarmāzah: %s", out)
	}

	code, out, errOut = runMain(t, "", "--db", db, "gazetteer", "import", geo)
	if code != 0 {
		t.Fatalf("import: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"geonames, source SY.txt: 4 rows: 2 added, 0 updated, 0 unchanged, 0 removed; 1 skipped, 1 bad",
		"SY        2 added", `bad row SY.txt:4: bad coordinates "north" "40.0"`} {
		if !strings.Contains(out, want) {
			t.Errorf("import output %q lacks %q", out, want)
		}
	}
	code, out, _ = runMain(t, "", "--db", db, "gazetteer", "import", "--quiet", geo)
	if code != 0 || !strings.Contains(out, "0 added, 0 updated, 2 unchanged") {
		t.Errorf("re-import: exit %d, %q; want 2 unchanged", code, out)
	}
	code, out, errOut = runMain(t, "", "--db", db, "gazetteer", "import", "--json", "--country", "SY",
		"--columns", "id=pcode,name=name_en,alt=name_ar,lat=lat,lon=lon", "--columns", "feature=type", table)
	if code != 0 {
		t.Fatalf("import table: exit %d, %s", code, errOut)
	}
	var reps []struct {
		Source    string
		Added     int
		Countries map[string]struct{ Added int }
	}
	if err := json.Unmarshal([]byte(out), &reps); err != nil || len(reps) != 1 {
		t.Fatalf("import --json output %q: %v", out, err)
	}
	if r := reps[0]; r.Source != "locations.csv:SY" || r.Added != 2 || r.Countries["SY"].Added != 2 {
		t.Errorf("import --json = %+v, want source locations.csv:SY, 2 added in SY", r)
	}

	// extract now resolves the village, with the built-in name of its
	// division.
	code, out, errOut = runMain(t, "", "--db", db, "extract", article)
	if code != 0 {
		t.Fatalf("extract: exit %d, %s", code, errOut)
	}
	var a sitrep.Article
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	var found *sitrep.PlaceMention
	for i, p := range a.Analysis.Places {
		if p.Text == "Qarmazah" {
			found = &a.Analysis.Places[i]
		}
	}
	if found == nil || found.Name != "Qarmāzah" || found.Country != "SY" || found.Admin1 != "Deir ez-Zor" || found.GeonameID != 900000001 {
		t.Errorf("extract places = %+v, want Qarmazah resolved to the imported village in Deir ez-Zor", a.Analysis.Places)
	}

	code, out, errOut = runMain(t, "", "--db", db, "gazetteer", "stats")
	if code != 0 {
		t.Fatalf("stats: exit %d, %s", code, errOut)
	}
	for _, want := range []string{"Sources (2), 4 places:", "SY.txt", "locations.csv:SY", "village", "Loaded gazetteer:", "imported: 4 places: 4 new entries"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats output lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = runMain(t, "", "--db", db, "gazetteer", "lookup", "Karmaza")
	if code != 0 {
		t.Fatalf("lookup: exit %d, %s", code, errOut)
	}
	for _, want := range []string{`1 candidates for "Karmaza" (key "karmaza")`, "alternate Qarmāzah", "geonames (SY.txt)", "Deir ez-Zor"} {
		if !strings.Contains(out, want) {
			t.Errorf("lookup output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runMain(t, "", "--db", db, "gazetteer", "lookup", "--json",
		"--context", "Clashes near the village of Tall Sufayr on Sunday.", "Tall Sufayr")
	if code != 0 {
		t.Fatalf("lookup --json: exit %d, %s", code, errOut)
	}
	var res struct {
		Candidates []struct {
			Name, Source, Dataset string
			Chosen                bool
		}
		Resolved *sitrep.PlaceMention
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 1 || !res.Candidates[0].Chosen || res.Candidates[0].Dataset != "locations.csv:SY" || res.Resolved == nil {
		t.Errorf("lookup --json = %s, want the imported village, chosen in context", out)
	}
}

func TestGazetteerImportErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	good := writeFile(t, dir, "SY.txt", geonameRow("900000001", "Qarmāzah", "", "35.41", "40.02", "P", "PPL", "SY", "07")+"\n")
	prose := writeFile(t, dir, "notes.txt", "Some notes\nabout villages\n")
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
		inStdout string
	}{
		{"one bad file of two", []string{"gazetteer", "import", prose, good}, 1, "notes.txt: not a gazetteer", "source SY.txt: 1 rows: 1 added"},
		{"source with two files", []string{"gazetteer", "import", "--source", "x", good, good}, 2, "--source names one file's import", ""},
		{"bad columns", []string{"gazetteer", "import", "--columns", "height=h", good}, 2, "unknown field", ""},
		{"no file", []string{"gazetteer", "import"}, 2, "requires at least 1 arg", ""},
		{"lookup empty name", []string{"gazetteer", "lookup", "!!"}, 2, "no letters or digits", ""},
		{"help", []string{"gazetteer", "import", "--help"}, 0, "", "sitrep gazetteer import --country SY,IQ allCountries.zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runMain(t, "", append([]string{"--db", db}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit = %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.inStderr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.inStderr)
			}
			if !strings.Contains(out, tt.inStdout) {
				t.Errorf("stdout %q lacks %q", out, tt.inStdout)
			}
		})
	}
}
