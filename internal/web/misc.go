package web

import "net/http"

// handleFavicon redirects the browsers' default icon request to the SVG.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	u, _ := s.assets.url("img/favicon.svg")
	http.Redirect(w, r, u, http.StatusMovedPermanently)
}

// handleRobots keeps crawlers off the search results, exports and feeds'
// query variants, which are endless.
func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("User-agent: *\nDisallow: /search\nDisallow: /export/\nDisallow: /api/\n"))
}
