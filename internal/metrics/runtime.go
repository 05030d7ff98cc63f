package metrics

import (
	"context"
	"runtime"
	rtmetrics "runtime/metrics"
	"time"
)

// processStart is when this process began, near enough: package
// initialisation runs before main.
var processStart = time.Now()

// RegisterRuntime registers the Go runtime's and the process's basics on
// r under the names Prometheus' Go client uses, so existing dashboards
// work: goroutines, heap, memory obtained from the OS, GC cycles, start
// time. They are read through runtime/metrics, which does not stop the
// world as runtime.ReadMemStats does.
func RegisterRuntime(r *Registry) {
	r.GaugeFunc("go_goroutines", "Number of goroutines that currently exist.",
		runtimeValue("/sched/goroutines:goroutines"))
	r.GaugeFunc("go_memstats_heap_alloc_bytes", "Number of heap bytes allocated and still in use.",
		runtimeValue("/memory/classes/heap/objects:bytes"))
	r.GaugeFunc("go_memstats_heap_inuse_bytes", "Number of heap bytes in spans in use.",
		runtimeValue("/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"))
	r.GaugeFunc("go_memstats_sys_bytes", "Number of bytes obtained from the operating system.",
		runtimeValue("/memory/classes/total:bytes"))
	r.CounterFunc("go_gc_cycles_total", "Number of completed garbage collection cycles.",
		runtimeValue("/gc/cycles/total:gc-cycles"))
	r.GaugeFunc("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.",
		func(context.Context) (float64, error) { return float64(processStart.UnixNano()) / 1e9, nil })
	r.Gauge("go_info", "Information about the Go environment.", "version").Set(1, runtime.Version())
}

// runtimeValue returns a function reading the sum of the named runtime
// metrics, each a uint64 or a float64.
func runtimeValue(names ...string) func(context.Context) (float64, error) {
	return func(context.Context) (float64, error) {
		samples := make([]rtmetrics.Sample, len(names))
		for i, n := range names {
			samples[i].Name = n
		}
		rtmetrics.Read(samples)
		var sum float64
		for _, s := range samples {
			switch s.Value.Kind() {
			case rtmetrics.KindUint64:
				sum += float64(s.Value.Uint64())
			case rtmetrics.KindFloat64:
				sum += s.Value.Float64()
			default:
				return 0, errUnsupported(s.Name)
			}
		}
		return sum, nil
	}
}

// errUnsupported reports a runtime metric this Go version does not have.
type errUnsupported string

func (e errUnsupported) Error() string {
	return "metrics: runtime metric " + string(e) + " not supported"
}
