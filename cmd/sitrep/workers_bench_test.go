//go:build reliability

package main_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
)

// BenchmarkWorkers measures jobs per second of 1, 2 and 4 `sitrep worker`
// processes draining a queue of ingest jobs on PostgreSQL (make
// bench-workers), with story connection on (the default) and off. Each run
// is one queue of $SITREP_BENCH_JOBS jobs (default 2000); run it with
// -benchtime 1x. jobs/s counts from the 100th job done, once every process
// has loaded the extractor, to the queue drained and every article
// connected; wall-s is the whole run, start-up included.
func BenchmarkWorkers(b *testing.B) {
	jobs := 2000
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_JOBS")); err == nil && n > 200 {
		jobs = n
	}
	bin := build(b)
	batch := storyBatch(b, b.TempDir(), jobs)
	for _, connect := range []bool{true, false} {
		for _, procs := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("connect=%v/processes=%d", connect, procs), func(b *testing.B) {
				for range b.N {
					rate, wall := drainQueue(b, bin, batch, jobs, procs, connect)
					b.ReportMetric(rate, "jobs/s")
					b.ReportMetric(wall.Seconds(), "wall-s")
				}
			})
		}
	}
}

// drainQueue queues batch in a new schema and times procs workers
// draining it.
func drainQueue(b *testing.B, bin, batch string, jobs, procs int, connect bool) (float64, time.Duration) {
	b.Helper()
	dsn := postgresSchema(b)
	in, err := os.Open(batch)
	if err != nil {
		b.Fatal(err)
	}
	enq := exec.Command(bin, "--db", dsn, "-q", "enqueue", "-")
	enq.Stdin = in
	out, err := enq.CombinedOutput()
	in.Close()
	if err != nil {
		b.Fatalf("enqueue: %v\n%s", err, out)
	}
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	const warm = 100
	logs := b.TempDir()
	start := time.Now()
	var cmds []*exec.Cmd
	for i := range procs {
		cmd := exec.Command(bin, "--db", dsn, "-q", "worker", "--exit-when-done", "--poll", "50ms",
			"--connect="+strconv.FormatBool(connect), "--id", fmt.Sprint("bench-", i))
		f, err := os.Create(filepath.Join(logs, fmt.Sprint(i, ".log")))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		cmd.Stderr = f
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	var t0 time.Time
	var s sitrep.JobStats
	for {
		s, err = db.Stats(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if t0.IsZero() && s.Done >= warm {
			t0 = time.Now()
		}
		if s.Done+s.Failed == jobs && (s.Connecting == 0 || !connect) {
			break
		}
		if time.Since(start) > 10*time.Minute {
			b.Fatalf("not drained after 10 minutes: %+v", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t1 := time.Now()
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			b.Fatalf("worker: %v", err)
		}
	}
	if s.Failed != 0 {
		b.Fatalf("%d jobs failed", s.Failed)
	}
	return float64(jobs-warm) / t1.Sub(t0).Seconds(), time.Since(start)
}
