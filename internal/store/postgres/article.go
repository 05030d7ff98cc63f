package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Listing limits for Articles.
const (
	DefaultListLimit = 20
	MaxListLimit     = 1000
)

// lockStripes is how many rows article_locks holds (migration 0001).
const lockStripes = 4096

// PutArticles stores articles in one transaction, in input order; see
// sitrep.Store. Every article is checked and encoded before the transaction
// begins, so bad input is reported without writing anything.
//
// The transaction first locks the stripes of the batch's ids and content
// hashes (see article_locks in migrations/0001_articles.sql), then reads the
// stored articles the batch can meet, decides each article's fate in order
// as the SQLite store does, and writes the outcome in one round trip. While
// the stripes are held no other writer can store those ids or hashes, so
// what was read stays true until the commit.
func (db *DB) PutArticles(ctx context.Context, articles []*sitrep.Article) ([]sitrep.PutResult, error) {
	rows := make([]row, len(articles))
	for i, a := range articles {
		if err := sitrep.ValidateArticle(i, a); err != nil {
			return nil, err
		}
		r, err := encodeArticle(a)
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "article %s (%s): %v", a.ID, a.Input, err)
		}
		rows[i] = r
	}
	if len(articles) == 0 {
		return []sitrep.PutResult{}, nil
	}

	var results []sitrep.PutResult
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := lockArticles(ctx, tx, articles); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		known, err := lookUp(ctx, tx, articles)
		if err != nil {
			return fmt.Errorf("look up: %w", err)
		}
		var writes []write
		results, writes = plan(articles, known)
		return db.write(ctx, tx, articles, rows, writes)
	})
	if err != nil {
		first, last := articles[0], articles[len(articles)-1]
		return nil, fmt.Errorf("store: put %d articles %s (%s) to %s (%s): %w",
			len(articles), first.ID, first.Input, last.ID, last.Input, err)
	}
	return results, nil
}

// stripe maps an id or a content hash to its row of article_locks. The kind
// keeps an id from sharing a stripe with an equal hash by construction.
func stripe(kind, key string) int32 {
	h := fnv.New32a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return int32(h.Sum32() % lockStripes)
}

// lockArticles locks the stripes of the articles' ids and hashes in stripe
// order, the same order for every writer, so that two writers wait for one
// another but never deadlock.
func lockArticles(ctx context.Context, tx pgx.Tx, articles []*sitrep.Article) error {
	stripes := make([]int32, 0, 2*len(articles))
	for _, a := range articles {
		stripes = append(stripes, stripe("id", a.ID), stripe("hash", a.ContentHash))
	}
	slices.Sort(stripes)
	stripes = slices.Compact(stripes)
	_, err := tx.Exec(ctx, "SELECT stripe FROM article_locks WHERE stripe = ANY($1) ORDER BY stripe FOR UPDATE", stripes)
	return err
}

// stored is what the batch needs to know of an article in the database.
type stored struct {
	seq  int64
	hash string
}

// lookUp reads the stored articles that share an id or a content hash with
// the batch.
func lookUp(ctx context.Context, tx pgx.Tx, articles []*sitrep.Article) (map[string]stored, error) {
	ids := make([]string, len(articles))
	hashes := make([]string, len(articles))
	for i, a := range articles {
		ids[i], hashes[i] = a.ID, a.ContentHash
	}
	rows, err := tx.Query(ctx, "SELECT id, seq, content_hash FROM articles WHERE id = ANY($1) OR content_hash = ANY($2)", ids, hashes)
	if err != nil {
		return nil, err
	}
	known := map[string]stored{}
	var id string
	var s stored
	_, err = pgx.ForEachRow(rows, []any{&id, &s.seq, &s.hash}, func() error {
		known[id] = s
		return nil
	})
	return known, err
}

// write is one statement of a batch: an article inserted or updated, with
// the content of the batch's last version of it.
type write struct {
	insert bool
	last   int // index of the article in the batch
}

// plan decides each article's fate in input order against known, the stored
// articles of the batch's ids and hashes, updating it as it goes so that a
// repeat within the batch is seen like one stored before. It returns the
// results and the writes, one per id: an id added then updated is inserted
// once, with its last content.
func plan(articles []*sitrep.Article, known map[string]stored) ([]sitrep.PutResult, []write) {
	// byHash holds the ids of each hash; the oldest (lowest seq) is what a
	// copy is a duplicate of. Articles the batch adds sort after every
	// stored one, in the order added.
	byHash := map[string]map[string]int64{}
	for id, s := range known {
		if byHash[s.hash] == nil {
			byHash[s.hash] = map[string]int64{}
		}
		byHash[s.hash][id] = s.seq
	}
	oldest := func(hash string) (string, bool) {
		best, bestSeq := "", int64(0)
		for id, seq := range byHash[hash] {
			if best == "" || seq < bestSeq {
				best, bestSeq = id, seq
			}
		}
		return best, best != ""
	}
	setHash := func(id, old, hash string, seq int64) {
		delete(byHash[old], id)
		if byHash[hash] == nil {
			byHash[hash] = map[string]int64{}
		}
		byHash[hash][id] = seq
	}

	results := make([]sitrep.PutResult, len(articles))
	writes := []write{}
	writeOf := map[string]int{} // id -> index in writes
	next := int64(1 << 62)      // seqs of added articles, after every stored one
	for i, a := range articles {
		res := sitrep.PutResult{ID: a.ID}
		s, ok := known[a.ID]
		switch {
		case ok && s.hash == a.ContentHash:
			res.Status = sitrep.PutUnchanged
		case ok:
			res.Status = sitrep.PutUpdated
			setHash(a.ID, s.hash, a.ContentHash, s.seq)
			known[a.ID] = stored{seq: s.seq, hash: a.ContentHash}
			if w, seen := writeOf[a.ID]; seen {
				writes[w].last = i
			} else {
				writeOf[a.ID] = len(writes)
				writes = append(writes, write{last: i})
			}
		default:
			if dup, found := oldest(a.ContentHash); found {
				res.Status = sitrep.PutUnchanged
				res.DuplicateOf = dup
				break
			}
			res.Status = sitrep.PutAdded
			next++
			setHash(a.ID, "", a.ContentHash, next)
			known[a.ID] = stored{seq: next, hash: a.ContentHash}
			writeOf[a.ID] = len(writes)
			writes = append(writes, write{insert: true, last: i})
		}
		results[i] = res
	}
	return results, writes
}

// searchVector is the SQL of an article's full-text document from its title
// and body as indexText gives them: title words weigh A, body words B.
const searchVector = `setweight(to_tsvector('sitrep', $23), 'A') || setweight(to_tsvector('sitrep', $24), 'B')`

var (
	insertSQL = "INSERT INTO articles (" + articleColumns + ", search, created_at, updated_at) VALUES (" +
		placeholders(1, 22) + ", " + searchVector + ", $25, $25)"
	updateSQL = "UPDATE articles SET (" + strings.Replace(articleColumns, "id, ", "", 1) + ", search, updated_at) = (" +
		placeholders(2, 22) + ", " + searchVector + ", $25) WHERE id = $1"
)

// placeholders returns "$from, ..., $to".
func placeholders(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		if i > from {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", i)
	}
	return b.String()
}

// write sends the batch's inserts and updates in one round trip.
func (db *DB) write(ctx context.Context, tx pgx.Tx, articles []*sitrep.Article, rows []row, writes []write) error {
	if len(writes) == 0 {
		return nil
	}
	now := db.now()
	var b pgx.Batch
	for _, w := range writes {
		a := articles[w.last]
		args := append(rows[w.last][:], indexText(a.Title), indexText(a.Body), now)
		if w.insert {
			b.Queue(insertSQL, args...)
		} else {
			b.Queue(updateSQL, args...)
		}
	}
	br := tx.SendBatch(ctx, &b)
	for _, w := range writes {
		a := articles[w.last]
		tag, err := br.Exec()
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("%d rows written, want 1", tag.RowsAffected())
		}
		if err != nil {
			br.Close()
			op := "update"
			if w.insert {
				op = "insert"
			}
			return fmt.Errorf("%s article %s (%s): %w", op, a.ID, a.Input, err)
		}
	}
	return br.Close()
}

// Article returns the article with id, or an ENOTFOUND error.
func (db *DB) Article(ctx context.Context, id string) (*sitrep.Article, error) {
	a, err := scanArticle(db.pool.QueryRow(ctx, "SELECT "+articleColumns+" FROM articles WHERE id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, nil
}

// Articles lists articles newest first: by published date, undated last,
// then by retrieval time, then latest stored first.
func (db *DB) Articles(ctx context.Context, f sitrep.ArticleFilter) ([]*sitrep.Article, error) {
	limit, err := pageLimit(f.Limit, f.Offset, DefaultListLimit, MaxListLimit)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, "SELECT "+articleColumns+` FROM articles
		ORDER BY published DESC NULLS LAST, retrieved DESC, seq DESC LIMIT $1 OFFSET $2`, limit, f.Offset)
	if err != nil {
		return nil, fmt.Errorf("store: list articles: %w", err)
	}
	defer rows.Close()
	list := []*sitrep.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list articles: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list articles: %w", err)
	}
	return list, nil
}

// CountArticles returns how many articles are stored.
func (db *DB) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// pageLimit applies the default and cap to a requested page size.
func pageLimit(limit, offset, def, most int) (int, error) {
	switch {
	case limit < 0:
		return 0, sitrep.Errorf(sitrep.EINVALID, "limit %d is negative", limit)
	case offset < 0:
		return 0, sitrep.Errorf(sitrep.EINVALID, "offset %d is negative", offset)
	case limit == 0:
		return def, nil
	}
	return min(limit, most), nil
}
