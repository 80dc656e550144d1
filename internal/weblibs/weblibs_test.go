package weblibs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLibsJSONPathsStayInside(t *testing.T) {
	for _, tc := range []struct {
		json string
		ok   bool
	}{
		{`[{"from": "node_modules/a/a.js", "to": "a/a.js"}]`, true},
		{`[{"from": "../secret", "to": "a.js"}]`, false},
		{`[{"from": "node_modules/a.js", "to": "../../escape.js"}]`, false},
		{`[{"from": "/etc/passwd", "to": "a.js"}]`, false},
		{`[{"from": "node_modules/a.js", "to": ""}]`, false},
		{`{"not": "a list"}`, false},
	} {
		_, err := parseLibs([]byte(tc.json))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.json, err, tc.ok)
		}
	}
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const lockV1 = `{"packages": {"": {}, "node_modules/@s/a": {"version": "1.0.0", "integrity": "sha512-one"}}}`

// TestGenerateAndCheck_F1: Generate copies what libs.json lists, and Check fails, naming the cause,
// whenever lib/ no longer matches libs.json, package-lock.json or its own record.
func TestGenerateAndCheck_F1(t *testing.T) {
	web := t.TempDir()
	writeFiles(t, web, map[string]string{
		"libs.json":                          `[{"from": "node_modules/@s/a/dist/a.js", "to": "a/a.js"}, {"from": "own/icon.svg", "to": "own/icon.svg"}]`,
		"package-lock.json":                  lockV1,
		"node_modules/.package-lock.json":    lockV1,
		"node_modules/@s/a/dist/a.js":        "export const a = 1;",
		"node_modules/@s/a/dist/unlisted.js": "not copied",
		"lib/old/gone.js":                    "a library no longer listed",
		"own/icon.svg":                       "<svg/>", // a file of web/ itself, not from npm
	})
	if err := Check(web); err == nil {
		t.Fatal("Check passed before Generate")
	}
	if err := Generate(web); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(web, "lib/a/a.js")); string(got) != "export const a = 1;" {
		t.Errorf("lib/a/a.js = %q", got)
	}
	if got, _ := os.ReadFile(filepath.Join(web, "lib/own/icon.svg")); string(got) != "<svg/>" {
		t.Errorf("lib/own/icon.svg = %q", got)
	}
	if _, err := os.Stat(filepath.Join(web, "lib/old/gone.js")); err == nil {
		t.Error("Generate kept a file libs.json does not list")
	}
	if err := Check(web); err != nil {
		t.Fatalf("Check after Generate: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change map[string]string
		reason string
	}{
		{"libs.json", map[string]string{"libs.json": `[{"from": "node_modules/@s/a/dist/a.js", "to": "a/b.js"}]`}, "libs.json changed"},
		{"own file", map[string]string{"own/icon.svg": "<svg></svg>"}, "a listed file of web/ changed"},
		{"lock", map[string]string{"package-lock.json": strings.ReplaceAll(lockV1, "1.0.0", "1.0.1")}, "package-lock.json"},
		{"edited file", map[string]string{"lib/a/a.js": "edited"}, "files in lib/"},
		{"extra file", map[string]string{"lib/a/extra.js": "x"}, "files in lib/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(web)); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, tc.change)
			err := Check(dir)
			var stale *StaleError
			if !errors.As(err, &stale) || !strings.Contains(stale.Reason, tc.reason) || !strings.Contains(err.Error(), "go generate ./web") {
				t.Errorf("Check = %v, want a StaleError for %q that says how to fix it", err, tc.reason)
			}
		})
	}
	// Generate refuses node_modules that hold other versions than the lock pins.
	writeFiles(t, web, map[string]string{"package-lock.json": strings.ReplaceAll(lockV1, "1.0.0", "2.0.0")})
	if err := Generate(web); err == nil || !strings.Contains(err.Error(), "npm ci") {
		t.Errorf("Generate with stale node_modules: %v, want an error saying to run npm ci", err)
	}
}
