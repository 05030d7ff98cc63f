package alerts_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// deliverTo creates an alert posting to url, indexes one matching event
// and runs cycles, moving the clock past every backoff between them. It
// returns the alert's one delivery.
func deliverTo(t *testing.T, e *env, url string, cycles int) *sitrep.Delivery {
	t.Helper()
	a := e.create(t, &sitrep.Alert{Name: "hook", Country: "SY", WebhookURL: url, Secret: "k"})
	e.put(t, report("r", t0, "", clashThiban))
	for range cycles {
		e.cycle(t)
		e.clock.Add(5 * time.Minute)
	}
	ds := e.matches(t, a)
	if len(ds) != 1 {
		t.Fatalf("%d deliveries, want 1", len(ds))
	}
	return ds[0]
}

func TestDispatchGivesUp(t *testing.T) {
	e := newEnv(t) // at most 5 attempts
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "receiver is down\x00\x01 "+strings.Repeat("x", 1000), http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	d := deliverTo(t, e, srv.URL, 10)
	if d.State != sitrep.DeliveryFailed || d.Attempts != 5 || hits.Load() != 5 {
		t.Errorf("after 10 cycles: state %s, %d attempts recorded, %d received; want failed after 5", d.State, d.Attempts, hits.Load())
	}
	if !strings.HasPrefix(d.LastError, "attempt 5: HTTP 503: receiver is down") || len(d.LastError) > 300 || strings.ContainsAny(d.LastError, "\x00\x01") {
		t.Errorf("last error %q: want the status and a short, printable excerpt", d.LastError)
	}
}

func TestDispatchBackoff(t *testing.T) {
	e := newEnv(t) // first retry after 10 s, doubling to at most a minute
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	e.create(t, &sitrep.Alert{Name: "hook", Country: "SY", WebhookURL: srv.URL, Secret: "k"})
	e.put(t, report("r", t0, "", clashThiban))
	e.cycle(t)
	// Each wait is the backoff less a second: nothing is due; a second
	// more (and the jitter of at most a tenth) and it is.
	for i, wait := range []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second} {
		e.clock.Add(wait - time.Second)
		e.cycle(t)
		if got := hits.Load(); got != int32(i+1) {
			t.Fatalf("%s after attempt %d: %d attempts, want still %d", wait-time.Second, i+1, got, i+1)
		}
		e.clock.Add(wait/10 + time.Second)
		e.cycle(t)
		if got := hits.Load(); got != int32(i+2) {
			t.Fatalf("%s after attempt %d: %d attempts, want %d", wait+wait/10, i+1, got, i+2)
		}
	}
}

func TestDispatchRedirects(t *testing.T) {
	var final atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { final.Add(1) }))
	defer other.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/final", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || len(body) == 0 || !alerts.Verify("k", body, r.Header.Get(alerts.HeaderSignature)) {
			http.Error(w, "lost the body or signature", http.StatusBadRequest)
			return
		}
		final.Add(1)
	})
	mux.HandleFunc("/307", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/final", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/302", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/final", http.StatusFound) })
	mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/final", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusPermanentRedirect)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		path  string
		state sitrep.DeliveryState
		error string
	}{
		{"/307", sitrep.DeliveryDelivered, ""},
		{"/302", sitrep.DeliveryPending, "HTTP 302 redirect to /final not followed"},
		{"/elsewhere", sitrep.DeliveryPending, "HTTP 307 redirect to " + other.URL},
		{"/loop", sitrep.DeliveryPending, "stopped after 3 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			final.Store(0)
			d := deliverTo(t, newEnv(t), srv.URL+tt.path, 1)
			if d.State != tt.state || !strings.Contains(d.LastError, tt.error) {
				t.Errorf("state %s, error %q; want %s with %q", d.State, d.LastError, tt.state, tt.error)
			}
			if want := int32(0); tt.state == sitrep.DeliveryDelivered {
				if final.Load() != 1 {
					t.Errorf("final endpoint reached %d times, want 1", final.Load())
				}
			} else if final.Load() != want {
				t.Errorf("a refused redirect reached a final endpoint %d times", final.Load())
			}
		})
	}
}

func TestDispatchTimeoutAndLargeAnswer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Read the body first: the server notices the client leaving
		// only once it reads the connection again.
		io.ReadAll(r.Body)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		chunk := []byte(strings.Repeat("z", 64<<10))
		for range 1600 { // 100 MB, never read whole
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	e := newEnv(t)
	e.svc.Dispatcher.Client = alerts.NewClient(300 * time.Millisecond)
	e.svc.Dispatcher.Lease = time.Minute
	start := time.Now()
	d := deliverTo(t, e, srv.URL+"/slow", 1)
	if d.State != sitrep.DeliveryPending || !strings.Contains(d.LastError, "Client.Timeout") {
		t.Errorf("slow receiver: state %s, error %q; want pending after a timeout", d.State, d.LastError)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("slow receiver held the dispatcher %s", took)
	}

	d = deliverTo(t, newEnv(t), srv.URL+"/huge", 1)
	if d.State != sitrep.DeliveryDelivered {
		t.Errorf("2xx with a huge body: state %s (%s), want delivered", d.State, d.LastError)
	}
}

func TestSign(t *testing.T) {
	// HMAC-SHA256 test case 2 of RFC 4231.
	got := alerts.Sign("Jefe", []byte("what do ya want for nothing?"))
	want := "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
	if got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	if alerts.Verify("jefe", []byte("what do ya want for nothing?"), want) {
		t.Error("Verify accepted another key")
	}
}

func TestDeletedAlertStopsDelivering(t *testing.T) {
	e := newEnv(t)
	recv := newReceiver(t, 100)
	a := e.create(t, &sitrep.Alert{Name: "hook", Country: "SY", WebhookURL: recv.URL, Secret: "k"})
	e.put(t, report("r", t0, "", clashThiban))
	e.cycle(t)
	if err := e.db.DeleteAlert(context.Background(), a.ID); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(time.Hour)
	e.cycle(t)
	if n := len(recv.got()); n != 1 {
		t.Errorf("receiver saw %d requests, want only the one before the delete", n)
	}
}
