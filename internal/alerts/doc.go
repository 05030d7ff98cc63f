// Package alerts watches newly indexed events for saved searches and tells
// their owners: each match is listed in the alert's Atom feed and, when the
// alert has a webhook, POSTed to it. It also marks stories whose article
// rate surges as breaking.
//
// Three parts run one after the other in a Cycle, every interval of Run:
//
//   - Matcher reads the articles the index (package index) wrote since each
//     alert's cursor, evaluates their events against the alert (text over
//     the article, actor, country, event type, distance from a point) and
//     records the matches in the transaction that moves the cursor on.
//   - Detector counts each active story's articles in a recent window
//     against its baseline and replaces the set of breaking stories.
//   - Dispatcher POSTs pending deliveries (an outbox in the store), retrying
//     failures with exponential backoff up to a number of attempts.
//
// # Webhook contract
//
// Each match is POSTed as JSON (Payload) with these headers:
//
//	Content-Type: application/json
//	X-Sitrep-Delivery: dl_...        the delivery's id, the same on every attempt
//	X-Sitrep-Event: a...:...          the event's stable key
//	X-Sitrep-Alert: 12               the alert's id
//	X-Sitrep-Attempt: 1              1 for the first attempt, 2 for the first retry, ...
//	X-Sitrep-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the alert's secret>
//
// A 2xx answer acknowledges the delivery; anything else, a timeout or a
// network error is retried (DefaultMaxAttempts in all, backoff doubling
// from DefaultBackoff). Redirects are followed only when they keep the
// method and body (307, 308) and stay on the same host and scheme.
//
// Delivery is at least once, and once in the normal case: every matched
// event is recorded exactly once per alert, so a re-indexed article never
// fires again, and a delivery stops being sent once acknowledged. But a
// crash (or a timeout) after the receiver acknowledged and before sitrep
// recorded it sends the same delivery again, with the same
// X-Sitrep-Delivery and the same body. Receivers that must act once should
// remember the delivery ids they have handled and drop repeats.
//
// Verify a request by computing HMAC-SHA256 over the raw body with the
// secret and comparing it, in constant time, with the signature header's
// hex digest.
package alerts
