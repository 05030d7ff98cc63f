package gazimport

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// sniffBytes is how much of a file sniff reads to tell its format.
const sniffBytes = 64 << 10

// sniff tells the format of in from its first lines, leaving them unread:
//   - the geoname table: 19 tab-separated columns, the first a number;
//   - countryInfo.txt: a "#ISO" header comment, or 19 columns starting with
//     an alpha-2 and an alpha-3 code;
//   - admin1CodesASCII.txt and admin2Codes.txt: 4 columns, the first a code
//     with one or two dots ("SY.07", "SY.07.170793"), the last a number;
//   - else a table whose first line (after # comments) is a header.
//
// asTable (--columns) reads any text file as a table.
func sniff(in *input, asTable bool) (Format, error) {
	head, err := in.br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", sitrep.Errorf(sitrep.EINVALID, "gazetteer: read %s: %v", in.name, err)
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return "", sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: empty file", in.name)
	}
	if bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(trimPartialRune(head)) {
		return "", sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: not UTF-8 text (a GeoNames dump, code list or CSV/TSV table)", in.name)
	}
	lines := strings.Split(string(head), "\n")
	if len(head) == sniffBytes && len(lines) > 1 {
		lines = lines[:len(lines)-1] // cut off mid-line
	}
	countryInfoHeader := false
	for _, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.HasPrefix(l, "#") {
			countryInfoHeader = countryInfoHeader || strings.HasPrefix(l, "#ISO\t")
			continue
		}
		if asTable {
			return FormatTable, nil
		}
		f := strings.Split(l, "\t")
		switch {
		case len(f) == 19 && isDigits(f[0]):
			return FormatGeoNames, nil
		case countryInfoHeader, len(f) == 19 && isUpper(f[0], 2) && isUpper(f[1], 3):
			return FormatCountryInfo, nil
		case len(f) == 4 && isDigits(f[3]) && adminLevel(f[0]) == 1:
			return FormatAdmin1, nil
		case len(f) == 4 && isDigits(f[3]) && adminLevel(f[0]) == 2:
			return FormatAdmin2, nil
		case len(headerFields(l)) >= 2:
			return FormatTable, nil
		}
		return "", sitrep.Errorf(sitrep.EINVALID,
			"gazetteer: %s: not a gazetteer: the first line %q is neither a GeoNames row (19 tab-separated columns), a code list row nor a table header (CSV or TSV)",
			in.name, clip(l, 80))
	}
	if asTable {
		return "", sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: no header line", in.name)
	}
	return "", sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: only comments", in.name)
}

// adminLevel returns 1 for "SY.07", 2 for "SY.07.170793", 0 for anything else.
func adminLevel(code string) int {
	parts := strings.Split(code, ".")
	if len(parts) < 2 || len(parts) > 3 || !isUpper(parts[0], 2) {
		return 0
	}
	for _, p := range parts[1:] {
		if p == "" {
			return 0
		}
	}
	return len(parts) - 1
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUpper(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// trimPartialRune drops an incomplete UTF-8 sequence cut at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
