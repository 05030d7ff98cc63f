package web

import (
	"bufio"
	"net/http"

	"github.com/sitrep-project/sitrep/internal/export"
	"github.com/sitrep-project/sitrep/internal/index"
)

// The exports take the map's and the API's filter parameters and stream
// every matching record. Once the first bytes are out an error can only be
// logged, so the filter is checked before anything is written.

func (s *Server) handleExportCSV(w http.ResponseWriter, r *http.Request) {
	s.exportEvents(w, r, "text/csv; charset=utf-8", "events.csv", func(bw *bufio.Writer) export.EventWriter { return export.NewACLED(bw) })
}

func (s *Server) handleExportGeoJSON(w http.ResponseWriter, r *http.Request) {
	s.exportEvents(w, r, "application/geo+json", "events.geojson", func(bw *bufio.Writer) export.EventWriter { return export.NewGeoJSON(bw) })
}

func (s *Server) exportEvents(w http.ResponseWriter, r *http.Request, ctype, name string, newWriter func(*bufio.Writer) export.EventWriter) {
	f, err := index.ParseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	setDownload(w, ctype, name)
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := export.Events(r.Context(), s.cfg.Index, f, newWriter(bw)); err != nil {
		s.log.Error("web: export", "url", r.URL.String(), "err", err)
		return
	}
	if err := bw.Flush(); err != nil {
		s.log.Warn("web: export", "url", r.URL.String(), "err", err)
	}
}

func (s *Server) handleExportArticles(w http.ResponseWriter, r *http.Request) {
	f, err := index.ParseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	setDownload(w, "application/x-ndjson", "articles.jsonl")
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := export.Articles(r.Context(), s.cfg.Index, s.cfg.Store, f, bw); err != nil {
		s.log.Error("web: export", "url", r.URL.String(), "err", err)
		return
	}
	if err := bw.Flush(); err != nil {
		s.log.Warn("web: export", "url", r.URL.String(), "err", err)
	}
}

func setDownload(w http.ResponseWriter, ctype, name string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="sitrep-`+name+`"`)
	h.Set("Cache-Control", "no-cache")
}
