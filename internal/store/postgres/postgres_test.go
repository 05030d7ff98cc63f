package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	testDatabase(t) // skips or fails once, not in every case
	storetest.Run(t, func(t *testing.T) sitrep.Store { return openTemp(t) })
}

func TestStoryConformance(t *testing.T) {
	testDatabase(t)
	storetest.RunStories(t, func(t *testing.T) storetest.StoryBackend { return openTemp(t) })
}

func TestChangeConformance(t *testing.T) {
	storetest.RunChanges(t, func(t *testing.T) storetest.ChangeBackend { return openTemp(t) })
}

func putAll(t *testing.T, db *DB, articles []*sitrep.Article) []sitrep.PutResult {
	t.Helper()
	res, err := db.PutArticles(t.Context(), articles)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	return res
}

func TestMigrationsFromEmpty(t *testing.T) {
	dsn := newSchema(t)
	db := openAt(t, dsn)
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.pool.Query(t.Context(), "SELECT name FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range ms {
		want = append(want, m.name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("applied %v, want %v", got, want)
	}
	if v, err := db.SchemaVersion(t.Context()); err != nil || v != ms[len(ms)-1].version {
		t.Errorf("schema version %d (err %v), want %d", v, err, ms[len(ms)-1].version)
	}

	// Opening again applies nothing twice.
	putAll(t, db, storetest.NewArticleGen(1).Articles(5, 40))
	again := openAt(t, dsn)
	if n, err := again.CountArticles(t.Context()); err != nil || n != 5 {
		t.Errorf("after reopen: count %d (err %v), want 5", n, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dsn := newSchema(t)
	db := openAt(t, dsn)
	if _, err := db.pool.Exec(t.Context(), "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', now())"); err != nil {
		t.Fatal(err)
	}
	db2, err := Open(t.Context(), dsn)
	if err == nil {
		db2.Close()
		t.Fatal("Open of a database from a newer version succeeded")
	}
	if sitrep.ErrorCode(err) != sitrep.EUNSUPPORTED || !strings.Contains(err.Error(), "9999") {
		t.Errorf("error %q (code %s), want EUNSUPPORTED naming version 9999", err, sitrep.ErrorCode(err))
	}
}

// A migration that fails part way leaves nothing of itself behind, and the
// next run applies it once it is fixed.
func TestMigrationFailureRollsBack(t *testing.T) {
	db := openTemp(t)
	cfg := db.pool.Config().ConnConfig
	broken := fstest.MapFS{
		"migrations/0001_one.sql": {Data: []byte("CREATE TABLE one (x integer);")},
		"migrations/0002_two.sql": {Data: []byte("CREATE TABLE two (x integer); INSERT INTO nowhere VALUES (1);")},
	}
	// The schema already holds this package's migrations 1 and 2, so the
	// test files are numbered after them.
	shift := func(fsys fstest.MapFS) fstest.MapFS {
		out := fstest.MapFS{}
		for name, f := range fsys {
			out[strings.Replace(name, "/000", "/100", 1)] = f
		}
		return out
	}
	err := db.migrateFrom(t.Context(), cfg, shift(broken))
	if err == nil || !strings.Contains(err.Error(), "1002_two.sql") {
		t.Fatalf("err %v, want a failure naming 1002_two.sql", err)
	}
	if v, _ := db.SchemaVersion(t.Context()); v != 1001 {
		t.Errorf("schema version %d after failed migration 1002, want 1001", v)
	}
	var n int
	if err := db.pool.QueryRow(t.Context(), "SELECT count(*) FROM pg_tables WHERE tablename = 'two' AND schemaname = current_schema()").Scan(&n); err != nil || n != 0 {
		t.Errorf("table two of the failed migration: count %d, err %v; want none", n, err)
	}
	fixed := fstest.MapFS{
		"migrations/0001_one.sql": broken["migrations/0001_one.sql"],
		"migrations/0002_two.sql": {Data: []byte("CREATE TABLE two (x integer);")},
	}
	if err := db.migrateFrom(t.Context(), cfg, shift(fixed)); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(t.Context()); v != 1002 {
		t.Errorf("schema version %d after the fix, want 1002", v)
	}
}

// Processes opening a new database at once apply each migration once.
func TestConcurrentOpen(t *testing.T) {
	dsn := newSchema(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			db, err := Open(t.Context(), dsn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
	}
}

func TestOpenErrorHidesPassword(t *testing.T) {
	// Nothing listens on port 1; no server is needed.
	_, err := Open(t.Context(), "postgres://sitrep:s3cret-pw@127.0.0.1:1/sitrep?connect_timeout=5")
	if err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
	if strings.Contains(err.Error(), "s3cret-pw") {
		t.Errorf("error %q shows the password", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1:1/sitrep") {
		t.Errorf("error %q does not name the server", err)
	}
}

func TestTextPostgresCannotStore(t *testing.T) {
	db := openTemp(t)
	nul := storetest.NewArticleGen(2).Next(30)
	nul.Body += " \x00"
	nul.Normalize()
	badUTF8 := storetest.NewArticleGen(3).Next(30)
	badUTF8.Title = "caf\xe9"
	badUTF8.Normalize()
	for _, a := range []*sitrep.Article{nul, badUTF8} {
		_, err := db.PutArticles(t.Context(), []*sitrep.Article{storetest.NewArticleGen(4).Next(30), a})
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), a.Input) {
			t.Errorf("PutArticles(%q): error %v, want EINVALID naming the input", a.Title, err)
		}
	}
	if n, _ := db.CountArticles(t.Context()); n != 0 {
		t.Errorf("count %d after rejected batches, want 0", n)
	}
}

func TestTransactionFailureNamesArticle(t *testing.T) {
	db := openTemp(t)
	if _, err := db.pool.Exec(t.Context(), `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF new.title = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN new; END $$;
		CREATE TRIGGER poison BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION poison()`); err != nil {
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

func TestIntegrityCheck(t *testing.T) {
	db := openTemp(t)
	arts := storetest.NewArticleGen(5).Articles(1200, 40) // more than two chunks
	putAll(t, db, arts)
	if err := db.IntegrityCheck(t.Context()); err != nil {
		t.Fatalf("IntegrityCheck of a sound store: %v", err)
	}
	if err := db.Optimize(t.Context()); err != nil {
		t.Fatalf("Optimize: %v", err)
	}

	bad := arts[700]
	if _, err := db.pool.Exec(t.Context(), "UPDATE articles SET search = to_tsvector('simple', 'stale') WHERE id = $1", bad.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.pool.Exec(t.Context(), "DELETE FROM schema_migrations WHERE version = 2"); err != nil {
		t.Fatal(err)
	}
	err := db.IntegrityCheck(t.Context())
	if err == nil {
		t.Fatal("IntegrityCheck passed a stale full-text document and a missing migration")
	}
	for _, want := range []string{bad.ID, "0002_stories.sql not applied"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// Writers storing overlapping batches at once, in different orders, end
// with one row per text and statuses as if they had run one after another:
// each text added once, by one writer, and every other put of it unchanged,
// a copy naming the article that was stored. Each round releases all the
// writers at once on a fresh set of articles, so that they race to add the
// same ids and texts.
func TestConcurrentWriters(t *testing.T) {
	dsn := newSchema(t)
	const writers, rounds, texts, batch = 6, 8, 30, 20
	dbs := make([]*DB, writers)
	for w := range dbs {
		dbs[w] = openAt(t, dsn) // a pool each, as separate processes would have
	}
	gen := storetest.NewArticleGen(6)
	hashOf := map[string]string{}   // id -> content hash
	storedOf := map[string]string{} // content hash -> the id added
	var results []sitrep.PutResult
	for round := range rounds {
		var set []*sitrep.Article
		for i := range texts {
			a := gen.Next(40)
			set = append(set, a)
			if i%3 == 0 { // a copy of the same text under another id
				c := *a
				c.ID, c.Input, c.URL = a.ID+"-copy", a.Input+"-copy", a.URL+"/copy"
				set = append(set, &c)
			}
		}
		for _, a := range set {
			hashOf[a.ID] = a.ContentHash
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		errs := make([]error, writers)
		start := make(chan struct{})
		for w, db := range dbs {
			r := rand.New(rand.NewPCG(uint64(w), uint64(round)))
			var b []*sitrep.Article
			for _, k := range r.Perm(len(set))[:batch] {
				b = append(b, set[k])
			}
			wg.Go(func() {
				<-start
				res, err := db.PutArticles(t.Context(), b)
				if err != nil {
					errs[w] = fmt.Errorf("round %d, writer %d: %w", round, w, err)
					return
				}
				mu.Lock()
				results = append(results, res...)
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	}

	for _, r := range results {
		if r.Status == sitrep.PutAdded {
			h := hashOf[r.ID]
			if prev, dup := storedOf[h]; dup {
				t.Errorf("one text added twice, as %s and %s", prev, r.ID)
			}
			storedOf[h] = r.ID
		}
	}
	for _, r := range results {
		stored, ok := storedOf[hashOf[r.ID]]
		var want sitrep.PutResult
		switch {
		case !ok:
			t.Errorf("result %+v: its text was never added", r)
			continue
		case r.Status == sitrep.PutAdded:
			continue
		case r.ID == stored:
			want = sitrep.PutResult{ID: r.ID, Status: sitrep.PutUnchanged}
		default:
			want = sitrep.PutResult{ID: r.ID, Status: sitrep.PutUnchanged, DuplicateOf: stored}
		}
		if r != want {
			t.Errorf("result %+v, want %+v", r, want)
		}
	}
	db := dbs[0]
	if n, err := db.CountArticles(t.Context()); err != nil || n != len(storedOf) {
		t.Errorf("count %d (err %v), want %d: one row per text added", n, err, len(storedOf))
	}
	for h, id := range storedOf {
		a, err := db.Article(t.Context(), id)
		if err != nil || a.ContentHash != h {
			t.Errorf("Article(%s): %v, want the text it was added with", id, err)
		}
	}
	if err := db.IntegrityCheck(t.Context()); err != nil {
		t.Error(err)
	}
}

// Two writers updating one article to different texts at once: one adds
// it, the other updates it, and the row holds the text of whichever wrote
// last.
func TestConcurrentUpdates(t *testing.T) {
	dsn := newSchema(t)
	gen := storetest.NewArticleGen(7)
	base := gen.Next(30)
	versions := make([]*sitrep.Article, 8)
	for i := range versions {
		v := *base
		v.Body = fmt.Sprintf("%s Version %d.", base.Body, i)
		v.Normalize()
		versions[i] = &v
	}
	var wg sync.WaitGroup
	results := make([]sitrep.PutResult, len(versions))
	errs := make([]error, len(versions))
	for i, v := range versions {
		db := openAt(t, dsn)
		wg.Go(func() {
			var res []sitrep.PutResult
			res, errs[i] = db.PutArticles(t.Context(), []*sitrep.Article{v})
			if errs[i] == nil {
				results[i] = res[0]
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	added := 0
	for _, r := range results {
		switch r.Status {
		case sitrep.PutAdded:
			added++
		case sitrep.PutUpdated:
		default:
			t.Errorf("result %+v, want added or updated", r)
		}
	}
	if added != 1 {
		t.Errorf("%d writers added the article, want 1", added)
	}
	db := openAt(t, dsn)
	if n, _ := db.CountArticles(t.Context()); n != 1 {
		t.Errorf("count %d, want 1", n)
	}
}

func TestConcurrentReadersWhileWriting(t *testing.T) {
	db := openTemp(t)
	gen := storetest.NewArticleGen(8)
	const batches, size = 10, 50
	work := make([][]*sitrep.Article, batches)
	for i := range work {
		work[i] = gen.Articles(size, 60)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for r := range 3 {
		wg.Go(func() {
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
			}
		})
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
}
