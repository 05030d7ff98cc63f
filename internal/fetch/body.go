package fetch

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// readBody reads the response body, gunzipping it when the server used gzip,
// and stops at MaxBytes of decoded bytes so that neither a huge page nor a
// gzip bomb can exhaust memory. Errors carry no URL; Get adds it.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	limit := c.cfg.MaxBytes
	// A declared length over the limit fails before any byte is read. For a
	// gzip body this is the compressed length, which the decoded body will
	// not undercut by more than a few bytes of framing.
	if resp.ContentLength > limit {
		return nil, c.tooLarge()
	}

	var r io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, err // already says "gzip: ..."
		}
		defer zr.Close()
		r = zr
	default:
		return nil, sitrep.Errorf(sitrep.EUNSUPPORTED, "unsupported content encoding %q", enc)
	}

	// Read one byte past the limit to tell "exactly at" from "over".
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, c.tooLarge()
	}
	return body, nil
}

func (c *Client) tooLarge() error {
	return sitrep.Errorf(sitrep.ETOOLARGE, "body larger than %s limit", formatBytes(c.cfg.MaxBytes))
}

// formatBytes writes a limit the way people set it: "10 MB", "64 KB", "1000 bytes".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
