package gazimport

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// input is the text of a gazetteer file: the file itself, the one data
// member of a zip archive (GeoNames' XX.zip holds XX.txt and readme.txt),
// or a gzipped file, decompressed as it is read.
type input struct {
	name     string // for messages: "SY.zip:SY.txt"
	br       *bufio.Reader
	size     int64 // bytes the progress counts to, -1 when unknown
	progress Progress
	closers  []io.Closer
}

const inputBuffer = 256 << 10

func openInput(p string) (*input, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "gazetteer: open %s: %v", p, err)
	}
	in := &input{name: path.Base(p), closers: []io.Closer{f}}
	st, err := f.Stat()
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("gazetteer: stat %s: %w", p, err)
	}
	if st.IsDir() {
		in.Close()
		return nil, sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s is a directory, not a file", p)
	}
	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		in.Close()
		return nil, fmt.Errorf("gazetteer: read %s: %w", p, err)
	}
	switch {
	case n == 4 && bytes.Equal(magic[:], []byte("PK\x03\x04")):
		err = in.openZipMember(f, st.Size(), p)
	case n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		in.size = st.Size() // progress counts the compressed bytes
		var zr *gzip.Reader
		zr, err = gzip.NewReader(&counter{r: f, in: in})
		if err == nil {
			in.closers = append(in.closers, zr)
			in.br = bufio.NewReaderSize(zr, inputBuffer)
		}
	default:
		in.size = st.Size()
		in.br = bufio.NewReaderSize(&counter{r: f, in: in}, inputBuffer)
	}
	if err != nil {
		in.Close()
		return nil, sitrep.Errorf(sitrep.EINVALID, "gazetteer: read %s: %v", p, err)
	}
	return in, nil
}

// openZipMember streams the archive's one data member: every member but
// read-me files and directories.
func (in *input) openZipMember(f *os.File, size int64, p string) error {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return err
	}
	var data []*zip.File
	var names []string
	for _, m := range zr.File {
		base := path.Base(m.Name)
		names = append(names, m.Name)
		if m.FileInfo().IsDir() || strings.HasPrefix(strings.ToLower(base), "readme") {
			continue
		}
		data = append(data, m)
	}
	if len(data) != 1 {
		return fmt.Errorf("want one data file in the zip archive, found %d (%s)", len(data), strings.Join(names, ", "))
	}
	rc, err := data[0].Open()
	if err != nil {
		return err
	}
	in.closers = append(in.closers, rc)
	in.name += ":" + path.Base(data[0].Name)
	in.size = int64(data[0].UncompressedSize64)
	in.br = bufio.NewReaderSize(&counter{r: rc, in: in}, inputBuffer)
	return nil
}

func (in *input) Close() error {
	var first error
	for i := len(in.closers) - 1; i >= 0; i-- {
		if err := in.closers[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// counter reports the bytes read to the input's progress.
type counter struct {
	r  io.Reader
	in *input
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 && c.in.progress != nil {
		c.in.progress.Read(n)
	}
	return n, err
}

// maxLine bounds one line: the longest GeoNames rows (capitals with every
// alternate name) are about 20 KB.
const maxLine = 4 << 20

// errLongLine marks a line longer than maxLine, skipped as a bad row.
var errLongLine = fmt.Errorf("line longer than %d MB", maxLine>>20)

// readLine returns the next line without its line ending. At a line longer
// than maxLine it skips the rest of the line and returns errLongLine; at
// the end of the input it returns io.EOF.
func readLine(br *bufio.Reader) (string, error) {
	b, err := br.ReadSlice('\n')
	if err == nil || (err == io.EOF && len(b) > 0) {
		return trimEOL(string(b)), nil
	}
	if err != bufio.ErrBufferFull {
		return "", err
	}
	long := append([]byte(nil), b...)
	for err == bufio.ErrBufferFull {
		b, err = br.ReadSlice('\n')
		if len(long) <= maxLine {
			long = append(long, b...)
		}
	}
	if err != nil && err != io.EOF {
		return "", err
	}
	if len(long) > maxLine {
		return "", errLongLine
	}
	return trimEOL(string(long)), nil
}

func trimEOL(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r")
}
