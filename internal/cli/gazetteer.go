package cli

import (
	"context"
	"fmt"
	"github.com/sitrep-project/sitrep/internal/extract/places"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/gazimport"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) gazetteerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gazetteer",
		Short: "Import village-level gazetteers into the store and inspect them",
		Long: `The built-in gazetteer holds GeoNames places of 500 people or more, divisions,
countries and a curated supplement. Conflict reporting names villages, wadis,
bases and crossings it lacks: import fuller gazetteers (GeoNames country dumps,
OCHA populated places, Who's On First exports) into the database once, and
ingest, extract and eval use them from then on. See docs/GAZETTEERS.md for
where to download them.`,
		Example: `  sitrep gazetteer import SY.zip IQ.zip admin1CodesASCII.txt admin2Codes.txt
  sitrep gazetteer import --country SY --columns name=name_en,alt=name_ar,lat=lat,lon=lon,feature=type locations.csv
  sitrep gazetteer stats
  sitrep gazetteer lookup "Kafr Nabl"`,
	}
	cmd.AddCommand(m.gazetteerImportCommand(), m.gazetteerStatsCommand(), m.gazetteerLookupCommand())
	for _, c := range cmd.Commands() {
		wrapArgs(c)
	}
	return cmd
}

func (m *Main) gazetteerImportCommand() *cobra.Command {
	var (
		columns   []string
		countries []string
		source    string
		asJSON    bool
	)
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import gazetteer files: GeoNames dumps, code lists, CSV or TSV tables",
		Long: `Import stores the places of gazetteer files in the database named by --db.
Each file's format is recognised by its content:

  GeoNames dumps      the 19-column geoname table: XX.txt, XX.zip,
                      allCountries.zip (zip members are streamed)
  GeoNames code lists admin1CodesASCII.txt, admin2Codes.txt (they name the
                      divisions of places) and countryInfo.txt
  other tables        CSV or TSV with a header line, such as OCHA populated
                      places or Who's On First exports

Of GeoNames dumps, populated places, divisions and the features news names as
places are kept (airports, bases, crossings, dams, bridges, camps, prisons,
ruins, mountains, hills, deserts, valleys, wadis, plains, islands, rivers,
lakes, oases, regions and areas), with their Latin-script alternate names.

A table's columns are mapped to sitrep's fields with --columns field=column
pairs. Fields: id, name, alt, lat, lon, country, admin1, admin2, feature,
population, geonameid. alt may be given several times; its values are split
on '|'. Without --columns, columns named like the fields are used. Without an
id column a row is known by its name and point. Rows without a feature are
villages; types such as locality, community, county or region are mapped.

--country keeps only the rows of those countries, and gives the one country
to table rows that name none: a table without a country column needs it.

Each file is one source, named by its base name (with the --country codes) or
--source. Importing a file again updates its places, adds new ones and
deletes those it no longer has. A bad row is reported with its line and
skipped; a file whose rows are mostly bad is rejected before anything is
written. Exit status: 0 all imported, 1 some files failed, 2 usage error.`,
		Example: `  sitrep gazetteer import SY.zip IQ.zip LB.zip admin1CodesASCII.txt admin2Codes.txt countryInfo.txt
  sitrep gazetteer import --country SY,IQ allCountries.zip
  sitrep gazetteer import --country SY --source ocha-sy \
      --columns id=pcode,name=name_en,alt=name_ar,lat=lat,lon=lon,feature=type locations.csv
  sitrep gazetteer import --country IQ \
      --columns id=wof_id,name=name,alt=names_eng,alt=names_variant_latin,lat=lat,lon=lon,feature=placetype,geonameid=gn_id \
      wof_iq_places.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt := gazimport.Options{Source: source, Countries: countries}
			if source != "" && len(args) > 1 {
				return usageError{fmt.Errorf("--source names one file's import; give one file, not %d", len(args))}
			}
			if len(columns) > 0 {
				cols, err := gazimport.ParseColumns(columns)
				if err != nil {
					return usageError{err}
				}
				opt.Columns = cols
			}
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			im := &gazimport.Importer{DB: db.SQL()}
			var reports []*gazimport.Report
			failed := 0
			for _, path := range args {
				bar := m.newByteProgress()
				opt.Progress = bar
				rep, err := im.Import(ctx, path, opt)
				if err != nil {
					if ctx.Err() != nil {
						return err
					}
					failed++
					fmt.Fprintf(m.Stderr, "sitrep: %s\n", describe(err))
					continue
				}
				reports = append(reports, rep)
				if !asJSON {
					m.printImport(rep)
				}
			}
			if asJSON {
				if reports == nil {
					reports = []*gazimport.Report{}
				}
				if err := writeJSON(m.Stdout, reports); err != nil {
					return err
				}
			}
			if failed > 0 {
				return errPartial
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&columns, "columns", nil, "map fields to a table's columns: field=column,... (repeatable)")
	f.StringSliceVar(&countries, "country", nil, "keep only these countries (alpha-2); the one given is the country of rows that name none")
	f.StringVar(&source, "source", "", "name of the import (default the file's base name)")
	f.BoolVar(&asJSON, "json", false, "print the reports as JSON")
	return cmd
}

// printImport writes one import's report.
func (m *Main) printImport(r *gazimport.Report) {
	w := m.Stdout
	fmt.Fprintf(w, "%s: %s, source %s: %d rows: %d added, %d updated, %d unchanged, %d removed; %d skipped, %d bad (%.1fs)\n",
		r.Path, r.Format, r.Source, r.Rows, r.Added, r.Updated, r.Unchanged, r.Removed, r.Skipped, r.Bad, r.Elapsed.Seconds())
	if m.quiet {
		return
	}
	for _, code := range r.CountryCodes() {
		c := r.Countries[code]
		if code == "" {
			code = "--"
		}
		fmt.Fprintf(w, "  %-3s %7d added %7d updated %7d unchanged %7d removed\n", code, c.Added, c.Updated, c.Unchanged, c.Removed)
	}
	for _, b := range r.BadRows {
		fmt.Fprintf(w, "  bad row %s\n", b)
	}
	if n := r.Bad - len(r.BadRows); n > 0 {
		fmt.Fprintf(w, "  ... and %d more bad rows\n", n)
	}
}

// byteProgress draws a byte-count bar for an import on a terminal.
type byteProgress struct {
	m   *Main
	bar *progressbar.ProgressBar
}

func (m *Main) newByteProgress() *byteProgress { return &byteProgress{m: m} }

func (p *byteProgress) Begin(name string, size int64) {
	if !p.m.Terminal || p.m.quiet {
		return
	}
	p.bar = progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(p.m.Stderr),
		progressbar.OptionSetDescription("importing "+name),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *byteProgress) Read(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

func (p *byteProgress) End() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

func (m *Main) gazetteerStatsCommand() *cobra.Command {
	var (
		asJSON bool
		noLoad bool
	)
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show the imported gazetteers and the memory of the loaded gazetteer",
		Long: `Stats lists the imported sources and their places per country and feature,
then loads the gazetteer as the extractor does, built-in and imported, and
reports its entries, load time and heap.`,
		Example: `  sitrep gazetteer stats
  sitrep --db news.db gazetteer stats --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			st, err := gazimport.ReadStats(ctx, db.SQL())
			db.Close()
			if err != nil {
				return err
			}
			var mem *gazetteerMemory
			if !noLoad {
				if mem, err = m.measureGazetteer(ctx); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(m.Stdout, struct {
					*gazimport.Stats
					Loaded *gazetteerMemory `json:"loaded,omitempty"`
				}{st, mem})
			}
			printGazetteerStats(m.Stdout, st, mem)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&noLoad, "no-load", false, "do not load the gazetteer to measure it")
	return cmd
}

// gazetteerMemory is what loading the gazetteer costs.
type gazetteerMemory struct {
	BuiltinEntries int                 `json:"builtin_entries"`
	BuiltinSeconds float64             `json:"builtin_seconds"`
	BuiltinHeapMB  float64             `json:"builtin_heap_mb"`
	Imported       gazimport.LoadStats `json:"imported"`
	ImportSeconds  float64             `json:"import_seconds"`
	Entries        int                 `json:"entries"`
	HeapMB         float64             `json:"heap_mb"` // with the imports
}

// measureGazetteer loads the built-in gazetteer and the imports into it,
// measuring the heap each keeps live.
func (m *Main) measureGazetteer(ctx context.Context) (*gazetteerMemory, error) {
	base := liveHeapMB()
	start := time.Now()
	g, err := gazetteer.Load()
	if err != nil {
		return nil, err
	}
	mem := &gazetteerMemory{BuiltinEntries: g.Len(), BuiltinSeconds: time.Since(start).Seconds()}
	mem.BuiltinHeapMB = liveHeapMB() - base
	start = time.Now()
	if mem.Imported, err = gazimport.LoadFile(ctx, m.dbPath, g); err != nil {
		return nil, err
	}
	mem.ImportSeconds = time.Since(start).Seconds()
	mem.Entries = g.Len()
	mem.HeapMB = liveHeapMB() - base
	runtime.KeepAlive(g)
	return mem, nil
}

func liveHeapMB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

func printGazetteerStats(w io.Writer, st *gazimport.Stats, mem *gazetteerMemory) {
	if len(st.Sources) == 0 {
		fmt.Fprintln(w, "No gazetteers imported (see sitrep gazetteer import --help).")
	} else {
		fmt.Fprintf(w, "Sources (%d), %d places:\n", len(st.Sources), st.Places)
		for _, s := range st.Sources {
			state := ""
			if !s.Complete {
				state = " (incomplete: import it again)"
			}
			fmt.Fprintf(w, "  %-28s %-11s %8d rows  %s  %s%s\n", s.Name, s.Format, s.Rows, s.ImportedAt, s.Path, state)
		}
		printCounts(w, "Places per country", st.Countries)
		printCounts(w, "Places per feature", st.Features)
		printCounts(w, "Code list rows", st.Codes)
	}
	if mem == nil {
		return
	}
	fmt.Fprintf(w, "Loaded gazetteer:\n")
	fmt.Fprintf(w, "  built-in: %d entries, %.0f MB heap, %.2fs\n", mem.BuiltinEntries, mem.BuiltinHeapMB, mem.BuiltinSeconds)
	im := mem.Imported
	fmt.Fprintf(w, "  imported: %d places: %d new entries, %d merged into entries named alike, %d refused; +%.0f MB heap, %.2fs\n",
		im.Places, im.Added, im.Merged, im.Invalid, mem.HeapMB-mem.BuiltinHeapMB, mem.ImportSeconds)
	if im.Located > 0 {
		fmt.Fprintf(w, "  places given the divisions of the nearest GeoNames place: %d\n", im.Located)
	}
	if im.Unnamed > 0 {
		fmt.Fprintf(w, "  places whose admin codes no division list names: %d (import admin1CodesASCII.txt and admin2Codes.txt)\n", im.Unnamed)
	}
	fmt.Fprintf(w, "  total:    %d entries, %.0f MB heap\n", mem.Entries, mem.HeapMB)
}

func printCounts(w io.Writer, title string, cs []gazimport.Count) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for _, c := range cs {
		v := c.Value
		if v == "" {
			v = "--"
		}
		fmt.Fprintf(w, "  %-14s %8d\n", v, c.N)
	}
}

func (m *Main) gazetteerLookupCommand() *cobra.Command {
	var (
		within string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "lookup NAME",
		Short: "Show the gazetteer's candidates for a place name, to debug a resolution",
		Long: `Lookup folds NAME as the extractor does and lists the candidates the
gazetteer (built-in, --gazetteer files and imports) holds for it, best ranked
first, each with its prior score: the resolver's score before it reads the
text (kind of place, population, curated entry, alternate name). Then it runs
the extractor on --context (default NAME alone) and marks with * the
candidate it chose there: country and region names, "X province" and nearby
places in the context change the choice.`,
		Example: `  sitrep gazetteer lookup Tadmur
  sitrep gazetteer lookup --context "Shelling hit Kafr Nabl in southern Idlib." "Kafr Nabl"
  sitrep gazetteer lookup --json "Deir ez-Zor"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			key := text.Fold(name)
			if key == "" {
				return usageError{fmt.Errorf("NAME %q has no letters or digits", name)}
			}
			x, err := m.loadExtractor()
			if err != nil {
				return err
			}
			doc := within
			if doc == "" {
				doc = name
			}
			res := lookupName(x, name, key, doc, limit)
			if asJSON {
				return writeJSON(m.Stdout, res)
			}
			printLookup(m.Stdout, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&within, "context", "", "text to resolve NAME in (default NAME alone)")
	f.IntVar(&limit, "limit", 20, "most candidates to list (0 for all)")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	f.StringSliceVar(&m.gazetteers, "gazetteer", nil, "extra places from a TSV file (repeatable)")
	return cmd
}

type lookupResult struct {
	Query      string                `json:"query"`
	Key        string                `json:"key"`
	Total      int                   `json:"total"`
	Candidates []lookupCandidate     `json:"candidates"`
	Context    string                `json:"context"`
	Resolved   *sitrep.PlaceMention  `json:"resolved"`
	Mentions   []sitrep.PlaceMention `json:"mentions,omitempty"` // other places of the context
}

type lookupCandidate struct {
	Rank        int     `json:"rank"`
	Score       float64 `json:"score"`
	Match       string  `json:"match"` // name or alternate
	Chosen      bool    `json:"chosen"`
	Name        string  `json:"name"`
	Feature     string  `json:"feature"`
	FeatureCode string  `json:"feature_code,omitempty"`
	Admin1      string  `json:"admin1,omitempty"`
	Admin2      string  `json:"admin2,omitempty"`
	Country     string  `json:"country,omitempty"`
	Population  int64   `json:"population"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Source      string  `json:"source"`
	Dataset     string  `json:"dataset,omitempty"`
	GeonameID   int     `json:"geonameid,omitempty"`
}

func lookupName(x *extract.Extractor, name, key, doc string, limit int) lookupResult {
	res := lookupResult{Query: name, Key: key, Context: doc, Candidates: []lookupCandidate{}}
	es := x.Gazetteer().Lookup(key)
	res.Total = len(es)
	a := x.Analyze(extract.Document{Text: doc})
	for i := range a.Places {
		p := &a.Places[i]
		if res.Resolved == nil && text.Fold(p.Text) == key {
			res.Resolved = p
			continue
		}
		res.Mentions = append(res.Mentions, *p)
	}
	for i, e := range es {
		if limit > 0 && i >= limit {
			break
		}
		c := lookupCandidate{
			Rank: i + 1, Match: "name", Name: e.Name, Feature: e.Feature, FeatureCode: e.FeatureCode,
			Admin1: e.Admin1, Admin2: e.Admin2, Country: e.Country, Population: e.Population,
			Lat: e.Lat, Lon: e.Lon, Source: e.Source, Dataset: e.Dataset,
		}
		if e.ID > 0 {
			c.GeonameID = e.ID
		}
		if text.Fold(e.Name) != key {
			c.Match = "alternate"
		}
		c.Score = places.Prior(e, c.Match == "alternate")
		if r := res.Resolved; r != nil && r.Name == e.Name && r.Lat == e.Lat && r.Lon == e.Lon && r.Feature == e.Feature {
			c.Chosen = true
		}
		res.Candidates = append(res.Candidates, c)
	}
	return res
}

func printLookup(w io.Writer, r lookupResult) {
	if r.Total == 0 {
		fmt.Fprintf(w, "No candidates for %q (key %q).\n", r.Query, r.Key)
	} else {
		fmt.Fprintf(w, "%d candidates for %q (key %q):\n", r.Total, r.Query, r.Key)
		fmt.Fprintf(w, "  %4s %6s  %-9s %-28s %-13s %-20s %-2s %10s  %-19s %s\n",
			"rank", "score", "match", "name", "feature", "admin1", "cc", "population", "lat, lon", "source")
		for _, c := range r.Candidates {
			mark := " "
			if c.Chosen {
				mark = "*"
			}
			src := c.Source
			if c.Dataset != "" {
				src += " (" + c.Dataset + ")"
			}
			fmt.Fprintf(w, "%s %4d %6.2f  %-9s %-28s %-13s %-20s %-2s %10d  %8.4f, %9.4f  %s\n",
				mark, c.Rank, c.Score, c.Match, clip(c.Name, 28), clip(c.Feature+" "+c.FeatureCode, 13),
				clip(c.Admin1, 20), c.Country, c.Population, c.Lat, c.Lon, src)
		}
		if n := r.Total - len(r.Candidates); n > 0 {
			fmt.Fprintf(w, "  ... and %d more (--limit 0 lists all)\n", n)
		}
	}
	if p := r.Resolved; p != nil {
		fmt.Fprintf(w, "In %q the extractor resolves %q to %s (%s; %s) %.4f, %.4f\n",
			clip(r.Context, 60), p.Text, p.Name, p.Feature, strings.Trim(p.Admin1+", "+p.Country, ", "), p.Lat, p.Lon)
	} else {
		fmt.Fprintf(w, "In %q the extractor does not take %q as a place.\n", clip(r.Context, 60), r.Query)
	}
}
