package alerts

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Dispatcher defaults.
const (
	DefaultMaxAttempts = 8
	DefaultBackoff     = 30 * time.Second // before the first retry; doubles each time
	DefaultMaxBackoff  = 2 * time.Hour
	DefaultTimeout     = 10 * time.Second // one POST, answer included
	DefaultWorkers     = 4
	claimBatch         = 50
	// maxResponseBytes is how much of a receiver's answer is read: enough
	// to reuse the connection, never a whole download.
	maxResponseBytes = 64 << 10
	maxRedirects     = 3
)

// Webhook headers.
const (
	HeaderDelivery  = "X-Sitrep-Delivery"
	HeaderEvent     = "X-Sitrep-Event"
	HeaderAlert     = "X-Sitrep-Alert"
	HeaderAttempt   = "X-Sitrep-Attempt"
	HeaderSignature = "X-Sitrep-Signature"
)

// Dispatcher POSTs pending deliveries to their alerts' webhooks.
type Dispatcher struct {
	Store  sitrep.AlertStore
	Client *http.Client // nil: NewClient(DefaultTimeout)
	Now    func() time.Time
	RetryPolicy

	once   sync.Once
	client *http.Client
}

// RetryPolicy says how deliveries are retried. Zero fields take the
// defaults.
type RetryPolicy struct {
	// MaxAttempts is how many POSTs a delivery gets before it is marked
	// failed; 0: DefaultMaxAttempts.
	MaxAttempts int
	// Backoff is the wait before the first retry, doubled for each
	// further one up to MaxBackoff, plus up to a tenth at random so that
	// the retries of many deliveries spread out.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// Lease is how long a claimed delivery is hidden from other
	// dispatchers; 0: the client's timeout plus a minute.
	Lease   time.Duration
	Workers int // concurrent POSTs; 0: DefaultWorkers
}

// DeliverStats says what a Deliver did.
type DeliverStats struct {
	Attempts  int
	Delivered int
	Retrying  int
	Failed    int
}

// NewClient returns the HTTP client webhooks are sent with: a timeout for
// the whole exchange, and redirects followed only when they keep the
// method and body (307, 308) on the same host and scheme, at most 3.
func NewClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = timeout
	tr.MaxIdleConnsPerHost = 2
	return &http.Client{Timeout: timeout, Transport: tr, CheckRedirect: checkRedirect}
}

// checkRedirect refuses what would change the request: 301, 302 and 303
// turn a POST into a GET without the body, and another host would receive
// the signed payload without being the one the editor named.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	if req.Response != nil && req.Response.StatusCode != http.StatusTemporaryRedirect &&
		req.Response.StatusCode != http.StatusPermanentRedirect {
		return http.ErrUseLastResponse
	}
	if !strings.EqualFold(req.URL.Host, first.Host) || req.URL.Scheme != first.Scheme {
		return http.ErrUseLastResponse
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	return nil
}

// Sign returns the X-Sitrep-Signature value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether signature is body's under secret, in constant
// time: what a receiver in Go would do.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

func (d *Dispatcher) init() {
	d.once.Do(func() {
		d.client = d.Client
		if d.client == nil {
			d.client = NewClient(DefaultTimeout)
		}
	})
}

func (d *Dispatcher) now() time.Time {
	if d.Now != nil {
		return d.Now().UTC()
	}
	return time.Now().UTC()
}

func (d *Dispatcher) lease() time.Duration {
	if d.Lease > 0 {
		return d.Lease
	}
	timeout := d.client.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return timeout + time.Minute
}

// retryAfter is the wait after a failed attempt number n (1-based).
func (d *Dispatcher) retryAfter(n int) time.Duration {
	base, most := d.Backoff, d.MaxBackoff
	if base <= 0 {
		base = DefaultBackoff
	}
	if most <= 0 {
		most = DefaultMaxBackoff
	}
	wait := base
	for i := 1; i < n && wait < most; i++ {
		wait *= 2
	}
	wait = min(wait, most)
	return wait + time.Duration(rand.Int64N(int64(wait)/10+1))
}

// Deliver sends every due delivery once, claiming them in batches until
// none is due, and records each outcome.
func (d *Dispatcher) Deliver(ctx context.Context) (DeliverStats, error) {
	d.init()
	var stats DeliverStats
	maxAttempts := d.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	workers := d.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	// A delivery that fails is due again only after its backoff, so the
	// loop ends; the bound is for a clock that does not move.
	for range 100 {
		claimed, err := d.Store.ClaimDeliveries(ctx, d.now(), d.lease(), claimBatch)
		if err != nil || len(claimed) == 0 {
			return stats, err
		}
		alerts, err := d.alerts(ctx)
		if err != nil {
			return stats, err
		}
		var mu sync.Mutex
		var firstErr error
		sem := make(chan struct{}, workers)
		var wg sync.WaitGroup
		for _, dl := range claimed {
			a := alerts[dl.AlertID]
			if a == nil {
				continue // deleted since: its deliveries went with it
			}
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				res := d.attempt(ctx, a, dl, maxAttempts)
				err := d.Store.FinishAttempt(ctx, dl.ID, res)
				mu.Lock()
				defer mu.Unlock()
				stats.Attempts++
				switch {
				case res.OK:
					stats.Delivered++
				case res.Final:
					stats.Failed++
				default:
					stats.Retrying++
				}
				if err != nil && sitrep.ErrorCode(err) != sitrep.ENOTFOUND && firstErr == nil {
					firstErr = err
				}
			}()
		}
		wg.Wait()
		if firstErr != nil {
			return stats, firstErr
		}
		if err := ctx.Err(); err != nil {
			return stats, err
		}
	}
	return stats, nil
}

func (d *Dispatcher) alerts(ctx context.Context) (map[int64]*sitrep.Alert, error) {
	list, err := d.Store.Alerts(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*sitrep.Alert, len(list))
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}

// attempt POSTs one delivery and says what to record.
func (d *Dispatcher) attempt(ctx context.Context, a *sitrep.Alert, dl *sitrep.Delivery, maxAttempts int) sitrep.AttemptResult {
	err := d.post(ctx, a, dl)
	res := sitrep.AttemptResult{At: d.now(), OK: err == nil}
	if err == nil {
		return res
	}
	res.Error = fmt.Sprintf("attempt %d: %v", dl.Attempts, err)
	if dl.Attempts >= maxAttempts {
		res.Final = true
		return res
	}
	res.Next = res.At.Add(d.retryAfter(dl.Attempts))
	return res
}

func (d *Dispatcher) post(ctx context.Context, a *sitrep.Alert, dl *sitrep.Delivery) error {
	if a.WebhookURL == "" {
		return errors.New("the alert has no webhook")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.WebhookURL, bytes.NewReader(dl.Payload))
	if err != nil {
		return err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "sitrep-alerts/1")
	h.Set(HeaderDelivery, dl.ID)
	h.Set(HeaderEvent, dl.EventKey)
	h.Set(HeaderAlert, strconv.FormatInt(a.ID, 10))
	h.Set(HeaderAttempt, strconv.Itoa(dl.Attempts))
	h.Set(HeaderSignature, Sign(a.Secret, dl.Payload))
	res, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(res.Body, maxResponseBytes))
	if res.StatusCode >= 200 && res.StatusCode < 300 {
		return nil
	}
	msg := "HTTP " + strconv.Itoa(res.StatusCode)
	if loc := res.Header.Get("Location"); res.StatusCode >= 300 && res.StatusCode < 400 && loc != "" {
		msg += " redirect to " + printable(loc, 200) + " not followed (only 307/308 to the same host are)"
	} else if s := printable(string(head), 200); s != "" {
		msg += ": " + s
	}
	return errors.New(msg)
}

// printable returns up to n bytes of s with control characters and
// invalid UTF-8 dropped and spaces collapsed: a receiver's answer shown to
// editors.
func printable(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
