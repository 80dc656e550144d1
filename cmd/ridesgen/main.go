// Command ridesgen writes a realistic, deterministic Uber-style rides CSV: the data of the rides
// and transforms examples, made at build time so that nothing is downloaded and nothing large is
// committed.
//
//	go run ./cmd/ridesgen -size 50MB -o examples/rides/static/rides-50mb.csv
//
// The file has the columns of Uber's April 2014 New York pickups (the seed's uber-rides-data1.csv):
//
//	Date/Time,Lat,Lon,Base
//	4/1/2014 0:11:00,40.769,-73.9549,B02512
//
// Rows are in time order over April 2014, busier at rush hours and on weekend nights; pickups
// cluster around Manhattan, Brooklyn, Queens and the airports; the bases are Uber's five bases of
// the time, in their real proportions. The same flags give the same bytes on every machine: the
// generator uses integer arithmetic only and a seeded PCG.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	out := flag.String("o", "", "output `file` (written atomically; its folder is created)")
	size := flag.String("size", "50MB", "approximate file size: bytes, or with a kB or MB suffix")
	seed := flag.Uint64("seed", 2014, "random seed")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil || *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: ridesgen -o FILE [-size 50MB] [-seed N]")
		os.Exit(2)
	}
	if err := writeFile(*out, n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "ridesgen:", err)
		os.Exit(1)
	}
}

// parseSize reads "5MB", "300kB" or "12345" (decimal units, as file sizes are quoted).
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch u := strings.ToUpper(s); {
	case strings.HasSuffix(u, "MB"):
		mult, s = 1_000_000, s[:len(s)-2]
	case strings.HasSuffix(u, "KB"):
		mult, s = 1_000, s[:len(s)-2]
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

// writeFile writes about size bytes of rides to path through a temporary file, so that a
// half-written file never looks finished to a build that checks whether it exists.
func writeFile(path string, size int64, seed uint64) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ridesgen-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := Generate(tmp, size, seed); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Generate writes a rides CSV of about size bytes to w and returns the number of rows. The row
// count is first estimated by a dry run, so the file ends within a row or so of size.
func Generate(w io.Writer, size int64, seed uint64) (rows int, err error) {
	const guess = 40 // bytes per row, about
	n := int(size / guess)
	var c counter
	if err := write(&c, n, seed); err != nil {
		return 0, err
	}
	if c.n > 0 {
		n = int(int64(n) * (size - int64(len(header))) / (c.n - int64(len(header))))
	}
	return n, write(w, n, seed)
}

// counter is an io.Writer that only counts.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

const header = "Date/Time,Lat,Lon,Base\n"

// write writes the header and n rows.
func write(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(header)
	g := newGen(seed)
	perHour := spread(n)
	var line []byte
	for h, count := range perHour {
		day, hour := 1+h/24, h%24
		for _, minute := range g.minutes(count) {
			lat, lon := g.spot()
			line = appendRow(line[:0], day, hour, minute, lat, lon, g.base())
			bw.Write(line)
		}
	}
	return bw.Flush()
}
