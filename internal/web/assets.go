package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assetHashLen is the length of the content hash in an asset's URL.
const assetHashLen = 10

// asset is one static file held in memory, with its gzipped form when that
// is smaller.
type asset struct {
	name   string // "css/site.css"
	hashed string // "css/site.3f2a1b9c0d.css"
	ctype  string
	body   []byte
	gz     []byte
	etag   string
}

// assets are the static files, by plain and by hashed name. Templates
// link the hashed names, which never change content and so are cached for
// a year; plain names (url() references inside vendored CSS) are served
// with a short cache.
type assets struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	root, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := path.Ext(p)
		if strings.EqualFold(path.Base(p), "README.md") || path.Base(p) == "LICENSE" {
			return nil
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return fmt.Errorf("asset %s: %w", p, err)
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])[:assetHashLen]
		ctype := mime.TypeByExtension(ext)
		switch ext {
		case ".js", ".mjs":
			ctype = "text/javascript; charset=utf-8"
		case ".json":
			ctype = "application/json"
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".svg":
			ctype = "image/svg+xml"
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		as := &asset{
			name:   p,
			hashed: strings.TrimSuffix(p, ext) + "." + hash + ext,
			ctype:  ctype,
			body:   body,
			etag:   `"` + hash + `"`,
		}
		if compressible(ctype) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			if buf.Len() < len(body) {
				as.gz = buf.Bytes()
			}
		}
		a.byName[as.name] = as
		a.byHashed[as.hashed] = as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	return a, nil
}

// url returns the hashed URL of the static file name. An unknown name is
// an error, so that a template naming a missing file fails at start-up.
func (a *assets) url(name string) (string, error) {
	as, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + as.hashed, nil
}

// serve handles GET /static/{path...}.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	as, immutable := a.byHashed[p]
	if !immutable {
		as = a.byName[p]
	}
	if as == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.ctype)
	h.Set("ETag", as.etag)
	if immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, as.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.body
	if as.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
