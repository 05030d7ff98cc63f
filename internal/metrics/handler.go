package metrics

import "net/http"

// Handler serves r's metrics, for a server that mounts them itself (the
// site mounts them at /metrics behind its own access rule).
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		w.Header().Set("Cache-Control", "no-store")
		// A write error means the scraper went away; it will ask again.
		_ = r.Write(req.Context(), w)
	})
}
