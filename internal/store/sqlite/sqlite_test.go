package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		return openTemp(t)
	})
}

// openTemp opens a new database in a temporary directory, closed at the end
// of the test.
func openTemp(t *testing.T) *DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "sitrep.db"))
}

func openAt(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func putAll(t *testing.T, db *DB, articles []*sitrep.Article) {
	t.Helper()
	if _, err := db.PutArticles(t.Context(), articles); err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
}

func TestMigrationsFromEmpty(t *testing.T) {
	db := openTemp(t)
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("no embedded migrations")
	}

	got := appliedMigrations(t, db)
	var want []string
	for _, m := range ms {
		want = append(want, m.name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("applied %v, want %v", got, want)
	}
	v, err := db.SchemaVersion(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := ms[len(ms)-1].version; v != want {
		t.Errorf("schema version %d, want %d", v, want)
	}
	for _, table := range []string{"articles", "articles_fts", "schema_migrations"} {
		var n int
		if err := db.SQL().QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count %d, err %v; want it created", table, n, err)
		}
	}
	if err := db.IntegrityCheck(t.Context()); err != nil {
		t.Error(err)
	}
}

func appliedMigrations(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.SQL().Query("SELECT name FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		names = append(names, s)
	}
	return names
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "sitrep.db") // directory made by Open
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	want := storetest.NewArticleGen(1).Articles(50, 100)
	putAll(t, db, want)
	var appliedAt string
	if err := db.SQL().QueryRow("SELECT applied_at FROM schema_migrations WHERE version = 1").Scan(&appliedAt); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	db = openAt(t, path)
	var again string
	if err := db.SQL().QueryRow("SELECT applied_at FROM schema_migrations WHERE version = 1").Scan(&again); err != nil {
		t.Fatal(err)
	}
	if again != appliedAt {
		t.Errorf("migration 1 applied again on reopen: applied_at %s, was %s", again, appliedAt)
	}
	if n, err := db.CountArticles(t.Context()); err != nil || n != len(want) {
		t.Fatalf("after reopen: count %d (err %v), want %d", n, err, len(want))
	}
	for _, a := range want[:5] {
		got, err := db.Article(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != a.Body || !got.Published.Equal(*a.Published) {
			t.Errorf("article %s changed across reopen", a.ID)
		}
	}
	if hits, err := db.Search(t.Context(), sitrep.SearchQuery{Text: "the"}); err != nil || len(hits) == 0 {
		t.Errorf("search after reopen: %d hits, err %v", len(hits), err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitrep.db")
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '2100-01-01T00:00:00Z')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(t.Context(), path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a database from a newer version succeeded")
	}
	if sitrep.ErrorCode(err) != sitrep.EUNSUPPORTED || !strings.Contains(err.Error(), "9999") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q (code %s), want EUNSUPPORTED naming the path and version 9999", err, sitrep.ErrorCode(err))
	}
}

func TestLoadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		want    []string // names in order
		wantErr string
	}{
		{"numeric order", fstest.MapFS{
			"migrations/0010_ten.sql": file("x"), "migrations/0002_two.sql": file("x"), "migrations/0001_one.sql": file("x"),
		}, []string{"0001_one.sql", "0002_two.sql", "0010_ten.sql"}, ""},
		{"other files ignored", fstest.MapFS{"migrations/README.md": file("x"), "migrations/0001_a.sql": file("x")},
			[]string{"0001_a.sql"}, ""},
		{"no number", fstest.MapFS{"migrations/articles.sql": file("x")}, nil, "articles.sql"},
		{"zero", fstest.MapFS{"migrations/0000_zero.sql": file("x")}, nil, "0000_zero.sql"},
		{"duplicate version", fstest.MapFS{"migrations/0001_a.sql": file("x"), "migrations/1_b.sql": file("x")},
			nil, "already used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := loadMigrations(tt.fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// A migration that fails part way leaves nothing of itself behind, and the
// next Open applies it once it is fixed.
func TestMigrationFailureRollsBack(t *testing.T) {
	dsn, err := dataSourceName(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	db := &DB{db: sdb, path: "m.db", now: time.Now}

	broken := fstest.MapFS{
		"migrations/0001_one.sql": {Data: []byte("CREATE TABLE one (x INTEGER);")},
		"migrations/0002_two.sql": {Data: []byte("CREATE TABLE two (x INTEGER); INSERT INTO nowhere VALUES (1);")},
	}
	err = db.migrateFrom(t.Context(), broken)
	if err == nil || !strings.Contains(err.Error(), "0002_two.sql") {
		t.Fatalf("err %v, want a failure naming 0002_two.sql", err)
	}
	if v, _ := db.SchemaVersion(t.Context()); v != 1 {
		t.Errorf("schema version %d after failed migration 2, want 1", v)
	}
	var n int
	sdb.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'two'").Scan(&n)
	if n != 0 {
		t.Error("table two of the failed migration exists")
	}

	fixed := fstest.MapFS{
		"migrations/0001_one.sql": broken["migrations/0001_one.sql"],
		"migrations/0002_two.sql": {Data: []byte("CREATE TABLE two (x INTEGER);")},
	}
	if err := db.migrateFrom(t.Context(), fixed); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(t.Context()); v != 2 {
		t.Errorf("schema version %d after the fix, want 2", v)
	}
}

func TestPragmas(t *testing.T) {
	db := openTemp(t)
	// Hold several connections at once so the check covers more than one.
	ctx := t.Context()
	var conns []*sql.Conn
	for range 3 {
		c, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	tests := []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"synchronous", "1"}, // NORMAL
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
		{"temp_store", "2"}, // MEMORY
	}
	for i, c := range conns {
		for _, tt := range tests {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+tt.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, tt.pragma, got, tt.want)
			}
		}
	}
}

func TestIntegrityCheck(t *testing.T) {
	db := openTemp(t)
	articles := storetest.NewArticleGen(2).Articles(30, 80)
	putAll(t, db, articles)
	// Updates, repeats and copies of the text go through other paths.
	var again []*sitrep.Article
	for i, a := range articles[:10] {
		c := *a
		if i%2 == 0 {
			c.Body += " Updated."
			c.Normalize()
		}
		again = append(again, &c)
		dup := c
		dup.ID += "-copy"
		again = append(again, &dup)
	}
	res, err := db.PutArticles(t.Context(), again)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != sitrep.PutUpdated || res[2].Status != sitrep.PutUnchanged || res[3].DuplicateOf != articles[1].ID {
		t.Fatalf("test setup: results %+v", res[:4])
	}
	if err := db.IntegrityCheck(t.Context()); err != nil {
		t.Fatalf("after adds and updates: %v", err)
	}

	// Change a body behind the full-text index's back.
	if _, err := db.SQL().Exec("DROP TRIGGER articles_fts_update"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec("UPDATE articles SET body = 'replaced text' WHERE seq = 3"); err != nil {
		t.Fatal(err)
	}
	err = db.IntegrityCheck(t.Context())
	if err == nil || !strings.Contains(err.Error(), "full-text index") {
		t.Errorf("index out of step: err %v, want a full-text index failure", err)
	}
}

func TestOptimize(t *testing.T) {
	db := openTemp(t)
	gen := storetest.NewArticleGen(8)
	for range 5 {
		putAll(t, db, gen.Articles(40, 60))
	}
	before, err := db.Search(t.Context(), sitrep.SearchQuery{Text: "killed civilians", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Optimize(t.Context()); err != nil {
		t.Fatal(err)
	}
	after, err := db.Search(t.Context(), sitrep.SearchQuery{Text: "killed civilians", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(before) == 0 || !reflect.DeepEqual(before, after) {
		t.Errorf("search changed by Optimize: %d hits before, %d after", len(before), len(after))
	}
	if err := db.IntegrityCheck(t.Context()); err != nil {
		t.Error(err)
	}
}

func TestIntegrityCheckCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitrep.db")
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, db, storetest.NewArticleGen(3).Articles(200, 200))
	var pageSize, pages int
	db.SQL().QueryRow("PRAGMA page_size").Scan(&pageSize)
	db.SQL().QueryRow("PRAGMA page_count").Scan(&pages)
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		t.Fatal(err)
	}

	// Scribble over the middle half of the pages, sparing the schema.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", pageSize/4))
	for p := pages / 4; p < pages*3/4; p += 3 {
		if _, err := f.WriteAt(junk[:pageSize/2], int64(p)*int64(pageSize)+64); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()

	db, err = Open(t.Context(), path)
	if err != nil {
		return // refusing to open a corrupt file is also a detection
	}
	defer db.Close()
	if err := db.IntegrityCheck(t.Context()); err == nil {
		t.Error("IntegrityCheck of a corrupted file passed")
	}
}

func TestTransactionFailureNamesArticle(t *testing.T) {
	db := openTemp(t)
	if _, err := db.SQL().Exec(`CREATE TRIGGER poison BEFORE INSERT ON articles WHEN new.title = 'poison'
		BEGIN SELECT RAISE(ABORT, 'poisoned'); END`); err != nil {
		t.Fatal(err)
	}
	batch := storetest.NewArticleGen(4).Articles(5, 50)
	batch[3].Title = "poison"
	batch[3].Normalize()
	_, err := db.PutArticles(t.Context(), batch)
	if err == nil {
		t.Fatal("PutArticles succeeded past the failing trigger")
	}
	for _, want := range []string{batch[3].ID, batch[3].Input, "poisoned"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if n, _ := db.CountArticles(t.Context()); n != 0 {
		t.Errorf("count %d after the failed batch, want 0: the batch is one transaction", n)
	}
}

func TestConcurrentReadersWhileWriting(t *testing.T) {
	db := openTemp(t)
	gen := storetest.NewArticleGen(5)
	const batches, size = 20, 50
	work := make([][]*sitrep.Article, batches)
	for i := range work {
		work[i] = gen.Articles(size, 60)
	}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for ctx.Err() == nil {
				n, err := db.CountArticles(ctx)
				if err != nil {
					if ctx.Err() == nil {
						errs <- err
					}
					return
				}
				if n < last || n%size != 0 {
					errs <- fmt.Errorf("reader %d: count %d after %d: a batch was seen part way", r, n, last)
					return
				}
				last = n
				if _, err := db.Search(ctx, sitrep.SearchQuery{Text: "killed"}); err != nil && ctx.Err() == nil {
					errs <- err
					return
				}
				if _, err := db.Articles(ctx, sitrep.ArticleFilter{Limit: 5}); err != nil && ctx.Err() == nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, b := range work {
		putAll(t, db, b)
	}
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := db.CountArticles(t.Context()); n != batches*size {
		t.Errorf("count %d, want %d", n, batches*size)
	}
}

func TestOpenPathWithURISyntax(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "odd name?x=1#frag%20.db")
	db := openAt(t, path)
	putAll(t, db, storetest.NewArticleGen(6).Articles(1, 20))
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at the literal path: %v", err)
	}
}

func TestOpenMemory(t *testing.T) {
	db := openAt(t, ":memory:")
	want := storetest.NewArticleGen(7).Articles(3, 20)
	putAll(t, db, want)
	if n, err := db.CountArticles(t.Context()); err != nil || n != 3 {
		t.Errorf("count %d, err %v; want 3", n, err)
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"words", "convoy attack", `"convoy" "attack"`},
		{"possessive s dropped", `convoy's "`, `"convoy"`},
		{"curly possessive", "Syria\u2019s army", `"Syria" "army"`},
		{"lone s kept", "s", `"s"`},
		{"apostrophe inside a name", "Dar'a", `"Dar'a"`},
		{"operators are words", "a AND b OR NOT c", `"a" "AND" "b" "OR" "NOT" "c"`},
		{"near call", "NEAR(a b, 2)", `"NEAR" "a" "b" "2"`},
		{"column filter", "title:convoy", `"title" "convoy"`},
		{"prefix and boost", "^convoy*", `"convoy"`},
		{"hyphenated", "Deir ez-Zor", `"Deir" "ez-Zor"`},
		{"diacritics kept for the tokenizer", "Būkamāl", `"Būkamāl"`},
		{"repeats dropped", "the convoy The THE convoy", `"the" "convoy"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := parseQuery(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("parseQuery(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
	limits := []struct{ name, in string }{
		{"too many words", manyWords(MaxSearchWords + 1)},
		{"too long", strings.Repeat("a-", MaxSearchBytes)},
	}
	for _, tt := range limits {
		if _, _, err := parseQuery(tt.in); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("%s: err %v, want EINVALID", tt.name, err)
		}
	}
	if _, _, err := parseQuery(manyWords(MaxSearchWords)); err != nil {
		t.Errorf("%d words: %v", MaxSearchWords, err)
	}
}

// manyWords returns n distinct words.
func manyWords(n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = "w" + strings.Repeat("x", i)
	}
	return strings.Join(words, " ")
}
