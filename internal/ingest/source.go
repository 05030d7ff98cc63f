package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Reader is standard input as the ingester sees it.
type Reader = io.Reader

// source is one input to read: a file path, a URL or "-".
type source struct {
	name string
	kind sourceKind
}

type sourceKind int

const (
	kindFile sourceKind = iota
	kindURL
	kindStdin
)

type failure struct {
	input string
	err   error
}

// job is one unit of work for the parsers: a source to read and parse, or a
// JSONL line already parsed (article or err set) that only needs analysis.
type job struct {
	seq     int
	src     source
	stdin   io.Reader
	input   string
	article *sitrep.Article
	err     error
}

// expand turns the command line's inputs into sources: directories are
// walked recursively in lexical order, skipping hidden files and folders.
// Inputs that cannot be read are returned as failures, not errors: one bad
// path never stops the rest.
func expand(inputs []string) ([]source, []failure) {
	var out []source
	var bad []failure
	for _, in := range inputs {
		switch {
		case in == "-":
			out = append(out, source{name: "-", kind: kindStdin})
			continue
		case strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://"):
			out = append(out, source{name: in, kind: kindURL})
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			bad = append(bad, failure{in, sitrep.Errorf(sitrep.EINVALID, "ingest %s: %s", in, pathReason(err))})
			continue
		}
		if !info.IsDir() {
			out = append(out, source{name: in, kind: kindFile})
			continue
		}
		files, err := Files(in, func(path string, err error) {
			bad = append(bad, failure{path, sitrep.Errorf(sitrep.EINVALID, "ingest %s: %s", path, pathReason(err))})
		})
		if err != nil {
			bad = append(bad, failure{in, sitrep.Errorf(sitrep.EINVALID, "ingest %s: %v", in, err)})
		}
		for _, f := range files {
			out = append(out, source{name: f, kind: kindFile})
		}
	}
	return out, bad
}

// Files lists the regular files under dir, recursively, in lexical
// order, skipping hidden files and folders: what ingesting (or queueing) a
// directory reads. A path that cannot be read goes to bad and the walk goes
// on.
func Files(dir string, bad func(path string, err error)) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			bad(path, err)
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func pathReason(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file or directory"
	case os.IsPermission(err):
		return "permission denied"
	}
	return err.Error()
}

// parseOne reads and parses one document source.
func (in *Ingester) parseOne(ctx context.Context, j job) result {
	if j.article != nil || j.err != nil {
		if j.article != nil && in.opt.Analyze != nil {
			in.opt.Analyze(j.article)
		}
		return result{seq: j.seq, input: j.input, article: j.article, err: j.err}
	}
	r := result{seq: j.seq, input: j.src.name}
	var pin parse.Input
	var resp *fetch.Response
	switch j.src.kind {
	case kindURL:
		var err error
		resp, err = in.opt.Fetcher.Get(ctx, fetch.Request{URL: j.src.name})
		if err != nil {
			r.err = err
			return r
		}
		pin = parse.Input{Name: j.src.name, Data: resp.Body, ContentType: resp.ContentType, URL: resp.URL, Retrieved: resp.Date}
	case kindStdin:
		data, err := readLimited(j.stdin, in.opt.MaxFileBytes, "-")
		if err != nil {
			r.err = err
			return r
		}
		pin = parse.Input{Name: "-", Data: data, Retrieved: time.Now()}
	default:
		data, mtime, err := ReadFile(j.src.name, in.opt.MaxFileBytes)
		if err != nil {
			r.err = err
			return r
		}
		pin = parse.Input{Name: j.src.name, Data: data, Retrieved: mtime}
	}
	a, err := parse.Document(pin)
	if err != nil {
		r.err = err
		return r
	}
	if resp != nil {
		a.ETag, a.LastModified = resp.ETag, resp.LastModified
	}
	if in.opt.Analyze != nil {
		in.opt.Analyze(a)
	}
	r.article = a
	return r
}

// ReadFile reads a whole file, refusing one over max bytes before reading it,
// and returns its modification time, the reference for relative dates.
func ReadFile(path string, max int64) ([]byte, time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, time.Time{}, sitrep.Errorf(sitrep.EINVALID, "ingest %s: %s", path, pathReason(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("ingest %s: %w", path, err)
	}
	if info.Size() > max {
		return nil, time.Time{}, tooLarge(path, info.Size(), max)
	}
	data, err := readLimited(f, max, path)
	return data, info.ModTime(), err
}

func readLimited(r io.Reader, max int64, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("ingest %s: read: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, tooLarge(name, int64(len(data)), max)
	}
	return data, nil
}

func tooLarge(name string, size, max int64) error {
	if size > max+1 {
		return sitrep.Errorf(sitrep.ETOOLARGE, "ingest %s: file too large (%s, limit %s)", name, mb(size), mb(max))
	}
	return sitrep.Errorf(sitrep.ETOOLARGE, "ingest %s: file too large (over the %s limit)", name, mb(max))
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// isLines reports whether a source is a JSONL batch, which is streamed line
// by line rather than read whole. Stdin is sniffed by peeking at its start.
func (in *Ingester) isLines(src source, stdin io.Reader) bool {
	switch src.kind {
	case kindFile:
		ext := strings.ToLower(filepath.Ext(src.name))
		return ext == ".jsonl" || ext == ".ndjson"
	case kindStdin:
		br, ok := stdin.(*bufio.Reader)
		if !ok {
			return false
		}
		head, _ := br.Peek(64 << 10)
		return parse.Format("-", "", head) == "jsonl"
	}
	return false
}

// streamLines emits one job per JSONL line, in order.
func (in *Ingester) streamLines(ctx context.Context, src source, stdin io.Reader, emit func(job) bool) {
	var r io.Reader
	retrieved := time.Now()
	if src.kind == kindStdin {
		r = stdin
	} else {
		f, err := os.Open(src.name)
		if err != nil {
			emit(job{input: src.name, err: sitrep.Errorf(sitrep.EINVALID, "ingest %s: %s", src.name, pathReason(err))})
			return
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil {
			retrieved = info.ModTime()
		}
		r = f
	}
	stop := fmt.Errorf("stopped")
	err := parse.Lines(r, src.name, retrieved, func(line int, a *sitrep.Article, err error) error {
		if ctx.Err() != nil {
			return stop
		}
		if !emit(job{input: fmt.Sprintf("%s:%d", src.name, line), article: a, err: err}) {
			return stop
		}
		return nil
	})
	if err != nil && err != stop {
		emit(job{input: src.name, err: fmt.Errorf("ingest %s: %w", src.name, err)})
	}
}
