package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// mimeTypes are the Content-Types the server sets; other extensions fall back to the mime
// package and then to application/octet-stream. Kept explicit so that the answer does not depend
// on the machine's /etc/mime.types (application/wasm is required for instantiateStreaming).
var mimeTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".wasm":        "application/wasm",
	".csv":         "text/csv; charset=utf-8",
	".tsv":         "text/tab-separated-values; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".xml":         "application/xml",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".pdf":         "application/pdf",
	".zip":         "application/zip",
	".db":          "application/vnd.sqlite3",
	".sqlite":      "application/vnd.sqlite3",
	".parquet":     "application/vnd.apache.parquet",
	".arrow":       "application/vnd.apache.arrow.file",
	".webmanifest": "application/manifest+json",
}

// contentType returns the Content-Type for a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := mimeTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether a type is worth gzipping on the fly.
func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	switch t {
	case "application/wasm", "application/json", "application/xml", "image/svg+xml",
		"application/manifest+json", "text/javascript":
		return true
	}
	return strings.HasPrefix(t, "text/")
}

// fileServer serves a directory for development and tests. It differs from http.FileServer in
// what a dev server for wasm apps needs: explicit MIME types, precompressed .br/.gz copies used
// when fresh, gzip on the fly for text, strong ETags with Cache-Control: no-cache (a reload
// revalidates and gets 304 for what did not change), no directory listings, an optional
// script injected into HTML pages (the live-reload client), and an optional
// Content-Security-Policy header on every response (csp.go).
//
// Paths are resolved inside an os.Root, so neither ".." nor a symlink can leave the directory.
// It is safe for concurrent use.
type fileServer struct {
	root   *os.Root
	inject string // HTML inserted before </head> of every .html page; empty for none
	csp    string // the Content-Security-Policy header of every response; empty for none

	mu    sync.Mutex
	etags map[string]etagEntry // by file name: ETag of its content at a size and time
}

type etagEntry struct {
	size  int64
	mtime time.Time
	etag  string
}

func newFileServer(dir, inject string) (*fileServer, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &fileServer{root: root, inject: inject, etags: map[string]etagEntry{}}, nil
}

func (s *fileServer) Close() error { return s.root.Close() }

func (s *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanName(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if s.csp != "" {
		w.Header().Set("Content-Security-Policy", s.csp)
	}
	st, err := s.root.Stat(nameOrDot(name))
	if err != nil {
		s.notFound(w, err)
		return
	}
	if st.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// A relative redirect, so it works under any base path a proxy may add.
			target := path.Base(r.URL.Path) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			w.Header().Set("Location", target)
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		if st, err = s.root.Stat(name); err != nil || st.IsDir() {
			s.notFound(w, err)
			return
		}
	}
	s.serveFile(w, r, name, st)
}

// cleanName turns a URL path into a slash-separated name relative to the root ("" for the root
// itself). It refuses ".." segments, backslashes and NULs outright rather than cleaning them away.
func cleanName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name != "" && !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

func nameOrDot(name string) string {
	if name == "" {
		return "."
	}
	return name
}

func (s *fileServer) notFound(w http.ResponseWriter, err error) {
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
		// os.Root refuses paths that escape it (symlinks out of the tree) with this error.
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	http.Error(w, "404 not found", http.StatusNotFound)
}

// serveFile picks the representation of name (precompressed, gzipped on the fly, or identity)
// and serves it with an ETag, answering 304 when the client already has it.
func (s *fileServer) serveFile(w http.ResponseWriter, r *http.Request, name string, st fs.FileInfo) {
	ctype := contentType(name)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	isHTML := strings.HasPrefix(ctype, "text/html") && s.inject != ""
	if compressible(ctype) {
		h.Add("Vary", "Accept-Encoding")
	}
	accept := r.Header.Get("Accept-Encoding")

	// A precompressed copy, when the client takes it and it is not older than the file.
	if !isHTML {
		for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !acceptsEncoding(accept, enc.name) {
				continue
			}
			cst, err := s.root.Stat(name + enc.ext)
			if err != nil || cst.IsDir() || cst.ModTime().Before(st.ModTime()) {
				continue
			}
			etag, err := s.etag(name+enc.ext, cst)
			if err != nil {
				continue
			}
			f, err := s.root.Open(name + enc.ext)
			if err != nil {
				continue
			}
			defer f.Close()
			h.Set("Content-Encoding", enc.name)
			h.Set("ETag", etag)
			http.ServeContent(w, r, "", cst.ModTime(), f)
			return
		}
	}

	var body []byte
	var etag string
	if isHTML {
		data, err := s.root.ReadFile(name)
		if err != nil {
			s.notFound(w, err)
			return
		}
		body = injectHead(data, s.inject)
		etag = strongETag(body)
	} else {
		var err error
		if etag, err = s.etag(name, st); err != nil {
			s.notFound(w, err)
			return
		}
	}
	gz := compressible(ctype) && acceptsEncoding(accept, "gzip") && st.Size() > 256
	if gz {
		etag = strings.TrimSuffix(etag, `"`) + `-gz"`
	}
	h.Set("ETag", etag)
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if body == nil {
		data, err := s.root.ReadFile(name)
		if err != nil {
			s.notFound(w, err)
			return
		}
		body = data
	}
	if gz {
		h.Set("Content-Encoding", "gzip")
		body = gzipBytes(body, fastGzipLevel)
	}
	// ServeContent adds Content-Length, HEAD and Range handling; the ETag check repeats harmlessly.
	http.ServeContent(w, r, "", st.ModTime(), bytes.NewReader(body))
}

// etag returns the strong ETag of a file's content, cached by size and modification time.
func (s *fileServer) etag(name string, st fs.FileInfo) (string, error) {
	s.mu.Lock()
	e, ok := s.etags[name]
	s.mu.Unlock()
	if ok && e.size == st.Size() && e.mtime.Equal(st.ModTime()) {
		return e.etag, nil
	}
	f, err := s.root.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	hash := sha256.New()
	if _, err := io.Copy(hash, f); err != nil {
		return "", err
	}
	etag := `"` + hex.EncodeToString(hash.Sum(nil)[:12]) + `"`
	s.mu.Lock()
	s.etags[name] = etagEntry{size: st.Size(), mtime: st.ModTime(), etag: etag}
	s.mu.Unlock()
	return etag, nil
}

func strongETag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// noneMatch reports whether an If-None-Match header matches etag (weak comparison, RFC 9110).
func noneMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// acceptsEncoding reports whether an Accept-Encoding header allows coding (q > 0, or "*").
func acceptsEncoding(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		switch name {
		case coding:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}

// injectHead inserts snippet before the first </head> (or at the end when there is none).
func injectHead(page []byte, snippet string) []byte {
	i := bytes.Index(bytes.ToLower(page), []byte("</head>"))
	if i < 0 {
		return append(append([]byte{}, page...), snippet...)
	}
	out := make([]byte, 0, len(page)+len(snippet))
	out = append(out, page[:i]...)
	out = append(out, snippet...)
	return append(out, page[i:]...)
}
