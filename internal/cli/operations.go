package cli

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/metrics"
	"github.com/sitrep-project/sitrep/internal/web"
)

// logLevels are the values of --log-level.
var logLevels = map[string]slog.Level{
	"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError,
}

// setupLogger builds m.logger from the global flags, once per run, before
// any command runs. --quiet lowers the default level to warn (the access
// log and progress notes go quiet); an explicit --log-level wins.
func (m *Main) setupLogger(cmd *cobra.Command) error {
	levelSet := cmd.Flags().Changed("log-level")
	logger, err := newLogger(m.Stderr, m.logFormat, m.logLevel, m.quiet && !levelSet)
	if err != nil {
		return usageError{err}
	}
	m.logger = logger
	return nil
}

// newLogger returns a logger writing format ("text" or "json") records of
// level and above to w.
func newLogger(w io.Writer, format, level string, quiet bool) (*slog.Logger, error) {
	lv, ok := logLevels[level]
	if !ok {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	if quiet && lv < slog.LevelWarn {
		lv = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// serveMetrics reads serve's --metrics: who may read GET /metrics. The
// site's metrics and what other packages registered on metrics.Default are
// served together.
func serveMetrics(mode string) (*web.MetricsConfig, error) {
	switch mode {
	case "loopback", "": // "": serve called by demo, which has no such flag
		return &web.MetricsConfig{Registry: metrics.Default}, nil
	case "all":
		return &web.MetricsConfig{Registry: metrics.Default, Public: true}, nil
	case "off":
		return nil, nil
	}
	return nil, usageError{fmt.Errorf("--metrics %q: want loopback, all or off", mode)}
}
