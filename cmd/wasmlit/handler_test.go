package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

var bigCSS = strings.Repeat("body { color: red; }\n", 100)

// distTree writes a small dist/ folder: a gallery and one app with compressed wasm copies.
func distTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	wasm := bytes.Repeat([]byte("\x00asm wasm body "), 500)
	writeFiles(t, dir, map[string]string{
		"index.html":             `<html><head><title>g</title></head><body><a href="./hello/">hello</a></body></html>`,
		"theme.css":              bigCSS,
		"hello/index.html":       `<html><head><script src="./host/host.js"></script></head><body></body></html>`,
		"hello/host/host.js":     "export {};",
		"hello/app.wasm":         string(wasm),
		"hello/app.json":         `{"name":"hello"}`,
		"hello/static/data.csv":  "a,b\n1,2\n",
		"hello/static/plot.svg":  "<svg/>",
		"hello/lib/x/x.mjs":      "export {};",
		"hello/static/blob.bin":  "\x01\x02",
		"hello/static/photo.png": "\x89PNG",
		"hello/sub/nested.txt":   "t",
		"noindex/file.txt":       "t",
		"hello/static/data.tsv":  "a\tb\n",
	})
	writeFiles(t, dir, map[string]string{
		"hello/app.wasm.br": string(brotliBytes(wasm, 5)),
		"hello/app.wasm.gz": string(gzipBytes(wasm, 6)),
	})
	return dir
}

func newTestServer(t *testing.T, dir, inject string) *fileServer {
	t.Helper()
	s, err := newFileServer(dir, inject)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func get(h http.Handler, path string, header ...string) *http.Response {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestServeMIMETypes_D1(t *testing.T) {
	s := newTestServer(t, distTree(t), "")
	for path, want := range map[string]string{
		"/":                       "text/html; charset=utf-8",
		"/hello/":                 "text/html; charset=utf-8",
		"/hello/app.wasm":         "application/wasm",
		"/hello/host/host.js":     "text/javascript; charset=utf-8",
		"/hello/lib/x/x.mjs":      "text/javascript; charset=utf-8",
		"/theme.css":              "text/css; charset=utf-8",
		"/hello/app.json":         "application/json",
		"/hello/static/data.csv":  "text/csv; charset=utf-8",
		"/hello/static/data.tsv":  "text/tab-separated-values; charset=utf-8",
		"/hello/static/plot.svg":  "image/svg+xml",
		"/hello/static/photo.png": "image/png",
		"/hello/static/blob.bin":  "application/octet-stream",
		"/hello/sub/nested.txt":   "text/plain; charset=utf-8",
	} {
		r := get(s, path)
		if r.StatusCode != 200 {
			t.Errorf("%s: status %d", path, r.StatusCode)
		}
		if got := r.Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", path, got, want)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
}

func TestServePrecompressedWasm_D1(t *testing.T) {
	dir := distTree(t)
	s := newTestServer(t, dir, "")
	raw, _ := os.ReadFile(filepath.Join(dir, "hello/app.wasm"))
	decode := map[string]func(io.Reader) io.Reader{
		"br":   func(r io.Reader) io.Reader { return brotli.NewReader(r) },
		"gzip": func(r io.Reader) io.Reader { g, _ := gzip.NewReader(r); return g },
		"":     func(r io.Reader) io.Reader { return r },
	}
	for _, tc := range []struct{ accept, want string }{
		{"gzip, deflate, br, zstd", "br"},
		{"br;q=1.0, gzip;q=0.8", "br"},
		{"gzip", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"*", "br"},
		{"identity", ""},
		{"", ""},
		{"gzip;q=0, br;q=0", ""},
	} {
		r := get(s, "/hello/app.wasm", "Accept-Encoding", tc.accept)
		if got := r.Header.Get("Content-Encoding"); got != tc.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.want)
			continue
		}
		if r.Header.Get("Content-Type") != "application/wasm" || r.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: headers %v", tc.accept, r.Header)
		}
		got, err := io.ReadAll(decode[tc.want](bytes.NewReader(body(t, r))))
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("Accept-Encoding %q: body does not decode to app.wasm (%v)", tc.accept, err)
		}
	}
}

func TestServeStaleCompressedCopyIgnored_D1(t *testing.T) {
	dir := distTree(t)
	s := newTestServer(t, dir, "")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "hello/app.wasm.br"), old, old)
	os.Chtimes(filepath.Join(dir, "hello/app.wasm.gz"), old, old)
	r := get(s, "/hello/app.wasm", "Accept-Encoding", "br")
	if enc := r.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("a .br older than app.wasm was served (Content-Encoding %q)", enc)
	}
	// With gzip accepted, the stale .gz is skipped and the module is gzipped on the fly.
	r = get(s, "/hello/app.wasm", "Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	raw, _ := os.ReadFile(filepath.Join(dir, "hello/app.wasm"))
	if !bytes.Equal(got, raw) {
		t.Error("on-the-fly gzip does not match app.wasm")
	}
}

func TestServeGzipOnTheFly_D1(t *testing.T) {
	s := newTestServer(t, distTree(t), "")
	r := get(s, "/theme.css", "Accept-Encoding", "gzip, br")
	if r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", r.Header)
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if string(got) != bigCSS {
		t.Error("gzip body does not decode to the file")
	}
	// Not for images, nor for clients that do not take it.
	if enc := get(s, "/hello/static/photo.png", "Accept-Encoding", "gzip").Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("png gzipped: %q", enc)
	}
	if enc := get(s, "/theme.css").Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("gzip without Accept-Encoding: %q", enc)
	}
}

func TestServeETagRevalidation_D1(t *testing.T) {
	dir := distTree(t)
	s := newTestServer(t, dir, "")
	for _, tc := range []struct{ path, accept string }{
		{"/theme.css", ""},
		{"/theme.css", "gzip"},
		{"/hello/app.wasm", "br"},
		{"/hello/app.wasm", ""},
		{"/hello/", ""},
	} {
		r := get(s, tc.path, "Accept-Encoding", tc.accept)
		etag := r.Header.Get("ETag")
		if r.StatusCode != 200 || !strings.HasPrefix(etag, `"`) || r.Header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("%s %q: status %d ETag %q Cache-Control %q", tc.path, tc.accept, r.StatusCode, etag, r.Header.Get("Cache-Control"))
		}
		r2 := get(s, tc.path, "Accept-Encoding", tc.accept, "If-None-Match", etag)
		if r2.StatusCode != http.StatusNotModified || len(body(t, r2)) != 0 {
			t.Errorf("%s %q: revalidation status %d, want 304", tc.path, tc.accept, r2.StatusCode)
		}
		r3 := get(s, tc.path, "Accept-Encoding", tc.accept, "If-None-Match", `"other", W/`+etag)
		if r3.StatusCode != http.StatusNotModified {
			t.Errorf("%s %q: weak match in a list: status %d, want 304", tc.path, tc.accept, r3.StatusCode)
		}
	}
	// Each encoding is its own representation with its own ETag.
	e1 := get(s, "/theme.css").Header.Get("ETag")
	e2 := get(s, "/theme.css", "Accept-Encoding", "gzip").Header.Get("ETag")
	if e1 == e2 {
		t.Errorf("identity and gzip share the ETag %s", e1)
	}
	// A changed file gets a new ETag: the old one no longer matches.
	writeFiles(t, dir, map[string]string{"theme.css": bigCSS + "p{}"})
	future := time.Now().Add(time.Second)
	os.Chtimes(filepath.Join(dir, "theme.css"), future, future)
	r := get(s, "/theme.css", "If-None-Match", e1)
	if r.StatusCode != 200 || r.Header.Get("ETag") == e1 {
		t.Errorf("after an edit: status %d ETag %s (old %s)", r.StatusCode, r.Header.Get("ETag"), e1)
	}
}

func TestServeRefusesTraversal_D1(t *testing.T) {
	parent := t.TempDir()
	writeFiles(t, parent, map[string]string{"secret.txt": "secret", "dist/index.html": "<html></html>"})
	dist := filepath.Join(parent, "dist")
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dist, "link.txt")); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, dist, "")
	for _, p := range []string{"/../secret.txt", "/a/../../secret.txt", "/..%2fsecret.txt", `/..\secret.txt`, "/link.txt", "/%00"} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path = p // as a raw path, past the client's own cleaning
		if strings.Contains(p, "%") {
			req = httptest.NewRequest(http.MethodGet, p, nil)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code == 200 || strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("%s: status %d body %q", p, rec.Code, rec.Body.String())
		}
	}
	// Through a real server and client as well.
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, p := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/link.txt"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(b), "secret") {
			t.Errorf("%s over HTTP: status %d body %q", p, resp.StatusCode, b)
		}
	}
}

func TestServeDirectories_D1(t *testing.T) {
	s := newTestServer(t, distTree(t), "")
	r := get(s, "/hello")
	if r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "hello/" {
		t.Errorf("/hello: status %d Location %q, want 301 to the relative hello/", r.StatusCode, r.Header.Get("Location"))
	}
	if r := get(s, "/noindex/"); r.StatusCode != 404 {
		t.Errorf("a folder without index.html: status %d, want 404 (no listings)", r.StatusCode)
	}
	if r := get(s, "/missing.js"); r.StatusCode != 404 {
		t.Errorf("missing file: status %d", r.StatusCode)
	}
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", rec.Code)
	}
	req = httptest.NewRequest(http.MethodHead, "/hello/app.wasm", nil)
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: status %d body %d bytes Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
}

// The same dist/ works under any base path: mounted under /some/base/, every page and the
// files it links resolve, and the folder redirect stays under the base.
func TestServeUnderBasePath_C3(t *testing.T) {
	dir := distTree(t)
	for _, base := range []string{"/", "/some/base/"} {
		h, files, err := newServeHandler(dir, base, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(h)
		client := ts.Client()
		for _, p := range []string{"", "theme.css", "hello/", "hello/host/host.js", "hello/app.wasm"} {
			resp, err := client.Get(ts.URL + base + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("base %s: %s: status %d", base, p, resp.StatusCode)
			}
		}
		// Following the redirect of a folder without its slash stays under the base.
		resp, err := client.Get(ts.URL + base + "hello")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Request.URL.Path != base+"hello/" {
			t.Errorf("base %s: hello redirect ended at %s (%d)", base, resp.Request.URL.Path, resp.StatusCode)
		}
		ts.Close()
		files.Close()
	}
}

func TestServeInjectsReloadOnlyIntoHTML_D1(t *testing.T) {
	dir := distTree(t)
	plain := newTestServer(t, dir, "")
	live := newTestServer(t, dir, reloadTag)
	page := string(body(t, get(live, "/hello/")))
	if !strings.Contains(page, reloadTag+"</head>") || strings.Count(page, "<script") != 2 {
		t.Errorf("injected page:\n%s", page)
	}
	if strings.Contains(string(body(t, get(plain, "/hello/"))), reloadScriptPath) {
		t.Error("reload script injected without -watch")
	}
	if get(live, "/hello/").Header.Get("ETag") == get(plain, "/hello/").Header.Get("ETag") {
		t.Error("the injected page has the ETag of the file")
	}
	if strings.Contains(string(body(t, get(live, "/hello/host/host.js"))), reloadScriptPath) {
		t.Error("reload script injected into JavaScript")
	}
	// The file on disk stays as built.
	onDisk, _ := os.ReadFile(filepath.Join(dir, "hello/index.html"))
	if strings.Contains(string(onDisk), reloadScriptPath) {
		t.Error("dist/ was modified")
	}
}

func TestAcceptsEncoding(t *testing.T) {
	for _, tc := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, br", "br", true},
		{"gzip", "br", false},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.001", "br", true},
		{"*;q=0.5", "gzip", true},
		{"*;q=0.5, gzip;q=0", "gzip", false},
		{"", "gzip", false},
	} {
		if got := acceptsEncoding(tc.header, tc.coding); got != tc.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", tc.header, tc.coding, got)
		}
	}
}
