package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeSendsCSP checks the Content-Security-Policy header of serve: on every answer (pages,
// files, a 404) when given, and absent with -csp off (an empty policy).
func TestServeSendsCSP(t *testing.T) {
	dir := distTree(t)
	for _, csp := range []string{defaultCSP, "default-src 'none'", ""} {
		h, files, err := newServeHandler(dir, "/", csp, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/", "/hello/", "/hello/host/host.js", "/hello/app.wasm", "/missing"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
			got, sent := rec.Header()["Content-Security-Policy"]
			if csp == "" && sent {
				t.Errorf("-csp off: %s has Content-Security-Policy %q", p, got)
			}
			if csp != "" && (len(got) != 1 || got[0] != csp) {
				t.Errorf("%s: Content-Security-Policy %q, want %q", p, got, csp)
			}
		}
		files.Close()
	}
}

// TestDefaultCSPIsStrict guards the policy's promise (docs/DEPLOY.md): no inline script, no eval,
// no inline style; WebAssembly may compile.
func TestDefaultCSPIsStrict(t *testing.T) {
	directives := map[string]string{}
	for _, d := range strings.Split(defaultCSP, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	if got := directives["script-src"]; got != "'self' 'wasm-unsafe-eval'" {
		t.Errorf("script-src %q", got)
	}
	if got := directives["style-src"]; got != "'self'" {
		t.Errorf("style-src %q", got)
	}
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} {
		for name, value := range directives {
			for _, v := range strings.Fields(value) {
				if v == bad {
					t.Errorf("%s allows %s", name, bad)
				}
			}
		}
	}
	for _, need := range []string{"default-src", "object-src", "base-uri", "frame-ancestors", "form-action"} {
		if directives[need] == "" {
			t.Errorf("no %s", need)
		}
	}
}

// TestBuildWritesHeadersFile checks _headers (Netlify, Cloudflare Pages): the same policy as serve,
// for every path, beside each app and the gallery.
func TestBuildWritesHeadersFile(t *testing.T) {
	root, b := fakeRoot(t)
	app, err := loadApp(root, filepath.Join(root, "examples/app"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.copyAssets(app, filepath.Join(b.Out, "app")); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteGallery([]App{app}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"_headers", "app/_headers"} {
		data, err := os.ReadFile(filepath.Join(b.Out, p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "\n/*\n  Content-Security-Policy: "+defaultCSP+"\n") {
			t.Errorf("%s:\n%s", p, data)
		}
	}
}

// TestMetaCSP checks build -csp-meta: the page carries the policy in a <meta http-equiv> before
// anything it governs, without frame-ancestors (which a meta policy cannot set); by default it has
// none.
func TestMetaCSP(t *testing.T) {
	tmpl := []byte("<head>\n<meta charset=\"utf-8\">\n{{CSP}}\n<title>{{TITLE}}</title>\n</head>")
	got := string(renderIndex(tmpl, "x", nil, metaCSP()))
	want := "<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"" +
		strings.ReplaceAll(strings.TrimSuffix(defaultCSP, "; frame-ancestors 'self'"), "'", "&#39;") + "\">\n<title>x</title>\n</head>"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := string(renderIndex(tmpl, "x", nil, "")); strings.Contains(got, "http-equiv") || strings.Contains(got, "{{CSP}}") {
		t.Errorf("without -csp-meta:\n%s", got)
	}
}
