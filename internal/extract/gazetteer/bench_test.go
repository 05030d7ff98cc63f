package gazetteer

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkLoad reports the time to load the built-in gazetteer, the heap it
// keeps (HeapAlloc after a GC, with the gazetteer live) and the process's
// peak resident set (VmHWM, Linux only).
func BenchmarkLoad(b *testing.B) {
	var g *Gazetteer
	for b.Loop() {
		var err error
		if g, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MB")
	if kb, ok := peakRSSKB(); ok {
		b.ReportMetric(float64(kb)/1024, "peakRSS-MB")
	}
	b.ReportMetric(float64(g.Len()), "entries")
	runtime.KeepAlive(g)
}

func BenchmarkLookup(b *testing.B) {
	g := loadBuiltin(b)
	keys := []string{"damascus", "deir al zor", "bukamal", "alexandria", "springfield", "syria", "zzzxqv"}
	for b.Loop() {
		for _, k := range keys {
			g.Lookup(k)
		}
	}
}

func peakRSSKB() (int64, bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}
