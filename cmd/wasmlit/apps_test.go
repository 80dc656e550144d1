package main

import (
	"os"
	"path/filepath"
	"testing"
)

// writeFiles creates files (slash paths relative to dir) with the given contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTitleFromPackageDoc_D1(t *testing.T) {
	tests := []struct {
		name, src, title, doc string
	}{
		{"sentence", "// Hello shows every widget. It reruns on each click.\npackage main\n", "Hello shows every widget", "Hello shows every widget."},
		{"wrapped", "// Uber pickups in New York City,\n// by hour of the day.\npackage main\n", "Uber pickups in New York City, by hour of the day", "Uber pickups in New York City, by hour of the day."},
		{"no period", "// A tiny app\npackage main\n", "A tiny app", "A tiny app"},
		{"block comment", "/*\nCharts of random walks.\n*/\npackage main\n", "Charts of random walks", "Charts of random walks."},
		{"no doc", "package main\n", "no doc", ""},
		{"detached comment", "// Copyright 2026.\n\npackage main\n", "detached comment", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, map[string]string{"examples/" + tc.name + "/main.go": tc.src})
			app, err := loadApp(root, filepath.Join(root, "examples", tc.name))
			if err != nil {
				t.Fatal(err)
			}
			if app.Title != tc.title || app.Doc != tc.doc {
				t.Errorf("title %q doc %q, want %q %q", app.Title, app.Doc, tc.title, tc.doc)
			}
			if app.Rel != "./examples/"+tc.name {
				t.Errorf("Rel = %q", app.Rel)
			}
		})
	}
}

func TestTitleDocInAnyFile_D1(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"examples/x/a.go":      "package main\n",
		"examples/x/b.go":      "// X is documented here.\npackage main\n",
		"examples/x/b_test.go": "// Not this one.\npackage main\n",
	})
	app, err := loadApp(root, filepath.Join(root, "examples", "x"))
	if err != nil {
		t.Fatal(err)
	}
	if app.Title != "X is documented here" {
		t.Errorf("title %q", app.Title)
	}
}

func TestDiscoverApps_D1(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"examples/zeta/main.go":       "// Zeta app.\npackage main\n",
		"examples/alpha/main.go":      "package main\n",
		"examples/lib/lib.go":         "package lib\n",  // not a main package
		"examples/_scratch/main.go":   "package main\n", // ignored like the go tool does
		"examples/.hidden/main.go":    "package main\n", // ignored
		"examples/onlytest/x_test.go": "package main\n", // tests only
		"examples/README.md":          "not a dir\n",
	})
	apps, err := discoverApps(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range apps {
		names = append(names, a.Name)
	}
	if got, want := fmtList(names), "alpha,zeta"; got != want {
		t.Errorf("apps %s, want %s", got, want)
	}
}

func TestDiscoverAppsNoExamples_D1(t *testing.T) {
	apps, err := discoverApps(t.TempDir())
	if err != nil || len(apps) != 0 {
		t.Errorf("got %v, %v; want none, nil", apps, err)
	}
}

func TestResolveAppsRefusesClashAndNonMain_D1(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"examples/a/main.go": "package main\n",
		"other/a/main.go":    "package main\n",
		"examples/lib/l.go":  "package lib\n",
	})
	if _, err := resolveApps(root, []string{filepath.Join(root, "examples/a"), filepath.Join(root, "other/a")}); err == nil {
		t.Error("two apps named a: want an error")
	}
	if _, err := resolveApps(root, []string{filepath.Join(root, "examples/lib")}); err == nil {
		t.Error("a non-main package: want an error")
	}
	if _, err := resolveApps(root, []string{filepath.Join(root, "missing")}); err == nil {
		t.Error("a missing dir: want an error")
	}
}

func fmtList(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}
