// Command loadgen generates a synthetic corpus and load-tests a running
// sitrep site from a separate process (scripts/load-test.sh runs both).
//
//	loadgen corpus -n 100000 > corpus.jsonl
//	loadgen ingest -n 100000 -db load.db
//	loadgen run -url http://127.0.0.1:8080 -rate 200 -duration 20s
//
// ingest streams generated articles through internal/ingest with the real
// extractor, as `sitrep ingest` does, but without connecting stories: the
// load test measures the reader site, and the connector's cost on a
// corpus of look-alike generated articles is its own question.
//
// run first reads article ids and countries through the API, then drives
// each endpoint (article page, search page, API event list) at a fixed
// rate, measuring latency from each request's scheduled start so that a
// stalled server is not hidden (no coordinated omission), then with a
// closed loop of -workers clients to find the most it can serve. It only
// ever talks to the URL it is given, which must be on loopback.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadgen corpus|ingest|run [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "corpus":
		err = corpus(os.Args[2:])
	case "ingest":
		err = ingestCorpus(os.Args[2:])
	case "run":
		err = run(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func corpus(args []string) error {
	fs := flag.NewFlagSet("corpus", flag.ExitOnError)
	n := fs.Int("n", 100000, "articles")
	seed := fs.Uint64("seed", 2026, "generator seed")
	fs.Parse(args)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(w)
	g := corpusgen.New(*seed)
	for range *n {
		if err := enc.Encode(g.Next()); err != nil {
			return err
		}
	}
	return w.Flush()
}

func ingestCorpus(args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ExitOnError)
	n := fs.Int("n", 100000, "articles")
	seed := fs.Uint64("seed", 2026, "generator seed")
	path := fs.String("db", "load.db", "database")
	fs.Parse(args)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, *path)
	if err != nil {
		return err
	}
	defer db.Close()
	x, err := extract.Load(extract.Options{})
	if err != nil {
		return err
	}
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		enc := json.NewEncoder(w)
		g := corpusgen.New(*seed)
		for range *n {
			if err := enc.Encode(g.Next()); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(w.Flush())
	}()
	start := time.Now()
	analyze := func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
	sum, err := ingest.New(db, ingest.Options{Analyze: analyze, BatchSize: 1000}).Run(ctx, []string{"-"}, bufio.NewReaderSize(pr, 1<<17))
	if err != nil {
		return err
	}
	if err := db.Optimize(ctx); err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Printf("%s in %s (%.0f articles/s)\n", sum, el.Round(time.Second), float64(sum.Added)/el.Seconds())
	return nil
}

// endpoint makes the URL of the next request.
type endpoint struct {
	name string
	next func(r *rand.Rand) string
}

func run(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "site root (loopback only)")
	rate := fs.Int("rate", 200, "requests per second in the fixed-rate phase")
	duration := fs.Duration("duration", 20*time.Second, "length of each fixed-rate phase")
	maxDuration := fs.Duration("max-duration", 10*time.Second, "length of each closed-loop phase (0 to skip)")
	workers := fs.Int("workers", 8, "clients in the closed-loop phase")
	fs.Parse(args)
	u, err := url.Parse(*base)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("refusing to load-test %s: only loopback addresses", u.Host)
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}}

	ids, err := articleIDs(client, *base, 2000)
	if err != nil {
		return err
	}
	var countries []string
	var cs struct {
		Data []struct {
			Code string `json:"code"`
		} `json:"data"`
	}
	if err := getJSON(client, *base+"/api/v1/countries", &cs); err != nil {
		return err
	}
	for _, c := range cs.Data {
		countries = append(countries, c.Code)
	}
	words := []string{"ambush", "convoy", "Aleppo", "shelling", "ceasefire", "Marib", "drone", "displaced", "Hezbollah", "Raqqa",
		"checkpoint", "militias", "Mogadishu", "truce", "Kirkuk", "fighters killed", "aid agencies", "border"}
	endpoints := []endpoint{
		{"article page", func(r *rand.Rand) string { return *base + "/article/" + ids[r.IntN(len(ids))] }},
		{"search page", func(r *rand.Rand) string { return *base + "/search?q=" + url.QueryEscape(words[r.IntN(len(words))]) }},
		{"API event list", func(r *rand.Rand) string {
			q := url.Values{}
			if len(countries) > 0 && r.IntN(2) == 0 {
				q.Set("country", countries[r.IntN(len(countries))])
			}
			return *base + "/api/v1/events?" + q.Encode()
		}},
	}
	fmt.Printf("%d article ids, %d countries; %d req/s for %s, then %d workers for %s\n\n",
		len(ids), len(countries), *rate, *duration, *workers, *maxDuration)
	fmt.Printf("%-16s %-12s %9s %8s %8s %8s %8s %7s\n", "endpoint", "phase", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors")
	for _, ep := range endpoints {
		r := fixedRate(client, ep, *rate, *duration)
		r.print(ep.name, fmt.Sprintf("%d/s", *rate))
		if *maxDuration > 0 {
			r := closedLoop(client, ep, *workers, *maxDuration)
			r.print(ep.name, fmt.Sprintf("max %dc", *workers))
		}
	}
	return nil
}

func getJSON(c *http.Client, u string, v any) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// articleIDs pages through the API's article list.
func articleIDs(c *http.Client, base string, n int) ([]string, error) {
	var ids []string
	cursor := ""
	for len(ids) < n {
		var page struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			Next string `json:"next_cursor"`
		}
		if err := getJSON(c, base+"/api/v1/articles?limit=500&cursor="+url.QueryEscape(cursor), &page); err != nil {
			return nil, err
		}
		for _, a := range page.Data {
			ids = append(ids, a.ID)
		}
		if page.Next == "" {
			break
		}
		cursor = page.Next
	}
	if len(ids) == 0 {
		return nil, errors.New("the site has no articles")
	}
	return ids, nil
}

type result struct {
	latencies []time.Duration
	errors    int64
	elapsed   time.Duration
}

func (r *result) print(name, phase string) {
	sort.Slice(r.latencies, func(i, j int) bool { return r.latencies[i] < r.latencies[j] })
	pct := func(p float64) float64 {
		if len(r.latencies) == 0 {
			return 0
		}
		i := int(p * float64(len(r.latencies)-1))
		return float64(r.latencies[i].Microseconds()) / 1000
	}
	rps := float64(len(r.latencies)) / r.elapsed.Seconds()
	fmt.Printf("%-16s %-12s %9.1f %8.1f %8.1f %8.1f %8.1f %7d\n", name, phase, rps, pct(.5), pct(.9), pct(.99), pct(1), r.errors)
}

// do sends one request and reads the whole response.
func do(c *http.Client, u string) error {
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("%s: %s", u, res.Status)
	}
	return nil
}

// fixedRate starts rate requests a second for d, each on its own
// goroutine, and times each from when it was due.
func fixedRate(c *http.Client, ep endpoint, rate int, d time.Duration) *result {
	r := &result{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	rng := rand.New(rand.NewPCG(1, 2))
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	total := int(d / interval)
	for i := range total {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		u := ep.next(rng)
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := do(c, u)
			lat := time.Since(due)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				r.errors++
				return
			}
			r.latencies = append(r.latencies, lat)
		}()
	}
	wg.Wait()
	r.elapsed = time.Since(start)
	return r
}

// closedLoop runs workers clients back to back for d.
func closedLoop(c *http.Client, ep endpoint, workers int, d time.Duration) *result {
	r := &result{}
	var mu sync.Mutex
	var errs atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var local []time.Duration
			for ctx.Err() == nil {
				t := time.Now()
				if err := do(c, ep.next(rng)); err != nil {
					errs.Add(1)
					continue
				}
				local = append(local, time.Since(t))
			}
			mu.Lock()
			r.latencies = append(r.latencies, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	r.elapsed = time.Since(start)
	r.errors = errs.Load()
	return r
}
