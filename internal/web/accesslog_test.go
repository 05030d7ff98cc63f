package web_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/web"
)

func TestAccessLog(t *testing.T) {
	db, idx := indextest.Open(t, indextest.Ambush())
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := web.New(web.Config{Store: db, Index: idx, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		path      string
		route     string
		query     string
		status    int
		forbidden []string // secrets that must not reach the log
	}{
		{"page", "/article/" + indextest.Ambush().ID, "GET /article/{id}", "", 200, nil},
		{"query kept", "/search?q=convoy&after=10", "GET /search", "q=convoy&after=10", 200, nil},
		{"secrets dropped", "/search?token=s3cr3t-t0k3n&q=convoy&Password=hunter2&csrf=c5rf-n0nce&reset_token=r3set",
			"GET /search", "q=convoy", 200, []string{"s3cr3t", "hunter2", "c5rf", "r3set", "token", "assword"}},
		{"escaped secret name", "/search?q=x&pass%77ord=hunter3&api_key=k3y", "GET /search", "q=x", 200,
			[]string{"hunter3", "k3y"}},
		{"not found", "/no/such/page?session=abc123", "/", "", 404, []string{"abc123"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			res, body := serveLocal(t, srv.Handler(), "192.0.2.1:4321", tt.path)
			line := strings.TrimSpace(logs.String())
			if strings.Count(line, "\n") != 0 || line == "" {
				t.Fatalf("want one log line, got %q", line)
			}
			for _, secret := range tt.forbidden {
				if strings.Contains(line, secret) {
					t.Errorf("log line holds %q: %s", secret, line)
				}
			}
			var got struct {
				Level, Msg, Method, Path, Query, Route, Remote string
				Status                                         int
				Bytes                                          int64
				DurationMS                                     *float64 `json:"duration_ms"`
			}
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatalf("log line is not JSON: %v: %s", err, line)
			}
			wantPath, _, _ := strings.Cut(tt.path, "?")
			checks := []struct {
				field     string
				got, want any
			}{
				{"level", got.Level, "INFO"},
				{"msg", got.Msg, "http request"},
				{"method", got.Method, "GET"},
				{"path", got.Path, wantPath},
				{"query", got.Query, tt.query},
				{"route", got.Route, tt.route},
				{"remote", got.Remote, "192.0.2.1"},
				{"status", got.Status, res.StatusCode},
				{"status", got.Status, tt.status},
				{"bytes", got.Bytes, int64(len(body))},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %v, want %v (line %s)", c.field, c.got, c.want, line)
				}
			}
			if got.DurationMS == nil || *got.DurationMS < 0 {
				t.Errorf("duration_ms missing or negative in %s", line)
			}
		})
	}
}

// TestAccessLogLevel checks that --log-level warn silences the access log.
func TestAccessLogLevel(t *testing.T) {
	db, idx := indextest.Open(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := web.New(web.Config{Store: db, Index: idx, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	serveLocal(t, srv.Handler(), "192.0.2.1:4321", "/")
	if logs.Len() != 0 {
		t.Errorf("access log at warn level: %s", logs.String())
	}
}
