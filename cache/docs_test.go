package cache

import (
	"os"
	"regexp"
	"testing"
)

// TestCachingDocHasNoCopiedFigures keeps docs/CACHING.md from drifting from the measurements: its
// figures live in docs/BENCHMARKS.md, generated from bench/results.json, and CACHING.md links to
// them instead of copying them (issue 18).
func TestCachingDocHasNoCopiedFigures(t *testing.T) {
	b, err := os.ReadFile("../docs/CACHING.md")
	if err != nil {
		t.Fatal(err)
	}
	measured := regexp.MustCompile(`\b\d[\d,.]*\s?(ns|µs|ms|GB/s|MB/s)\b|\b\d+(\.\d+)?×`)
	for i, line := range regexp.MustCompile(`\n`).Split(string(b), -1) {
		if m := measured.FindString(line); m != "" {
			t.Errorf("docs/CACHING.md:%d: %q is a measured figure: link to the section of docs/BENCHMARKS.md that holds it", i+1, m)
		}
	}
}
