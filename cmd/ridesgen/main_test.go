package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGenerateIsDeterministic: the same size and seed give the same bytes, another seed others.
func TestGenerateIsDeterministic(t *testing.T) {
	gen := func(seed uint64) []byte {
		var b bytes.Buffer
		if _, err := Generate(&b, 200_000, seed); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := gen(2014), gen(2014)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
	if bytes.Equal(a, gen(7)) {
		t.Fatal("another seed gives the same bytes")
	}
}

// TestGenerateFormat: the header, every row in Uber's format and in NYC, time order, the size.
func TestGenerateFormat(t *testing.T) {
	var b bytes.Buffer
	const size = 300_000
	rows, err := Generate(&b, size, 2014)
	if err != nil {
		t.Fatal(err)
	}
	if d := b.Len() - size; d < -100 || d > 100 {
		t.Errorf("size %d, want about %d", b.Len(), size)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != "Date/Time,Lat,Lon,Base" {
		t.Fatalf("header %q", lines[0])
	}
	if len(lines)-1 != rows {
		t.Fatalf("%d rows written, Generate says %d", len(lines)-1, rows)
	}
	row := regexp.MustCompile(`^4/([1-9]|[12][0-9]|30)/2014 ([0-9]|1[0-9]|2[0-3]):[0-5][0-9]:00,40(\.[0-9]{1,4})?,-7[34](\.[0-9]{1,4})?,B02(512|598|617|682|764)$`)
	for i, l := range lines[1:] {
		if !row.MatchString(l) {
			t.Fatalf("row %d: %q", i+1, l)
		}
	}
	if !strings.HasPrefix(lines[1], "4/1/2014 0:") || !strings.HasPrefix(lines[len(lines)-1], "4/30/2014 23:") {
		t.Errorf("rows should run from 1 April to 30 April: %q … %q", lines[1], lines[len(lines)-1])
	}
}

func TestAppendDeg(t *testing.T) {
	for v, want := range map[int]string{407690: "40.769", -739549: "-73.9549", 400000: "40", 406001: "40.6001", -740100: "-74.01"} {
		if got := string(appendDeg(nil, v)); got != want {
			t.Errorf("appendDeg(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestWriteFile: the file is complete, readable by the static server, and no temporary is left.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "static", "rides.csv")
	if err := writeFile(path, 50_000, 2014); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("stat %v, %v", fi, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	data, _ := os.ReadFile(path)
	var b bytes.Buffer
	Generate(&b, 50_000, 2014)
	if sha256.Sum256(data) != sha256.Sum256(b.Bytes()) {
		t.Fatal("file differs from Generate's output")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"5MB": 5_000_000, "50mb": 50_000_000, "300kB": 300_000, "123": 123} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "MB", "-1", "x"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) should fail", in)
		}
	}
}
