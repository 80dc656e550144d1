package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wasmlit/wasmlit/host"
	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// The service worker (SPEC C4, C10; docs/DEPLOY.md). The build writes dist/<name>/sw.js from the
// template host/sw.js, with a manifest in place of its /*MANIFEST*/null: the files it precaches,
// each with the SHA-256 of its bytes, and a version that hashes them all. Its scope is the app's
// folder (the folder of sw.js), so the app works offline under any base path (C3) and two apps of
// one site never share a worker. Because the manifest names every file by content, any change of
// the page, the host, the module or the theme changes sw.js, which is how the browser notices a
// new deployment; the worker refuses to install a file whose bytes are not the ones the manifest
// names, so its cache never holds two builds.
//
// An app without a worker (Builder.NoServiceWorker, the build's -sw=false, or the directive
// noServiceWorkerDirective in one of its files) gets a retiring sw.js instead (manifest {"off":
// true}): a browser that installed an earlier build's worker replaces it with this one, which
// deletes the caches and unregisters itself. The page registers a worker only when its module
// link carries data-sw (renderIndex).

// swFile is the worker's file name in dist/<name>/.
const swFile = "sw.js"

// swTemplate is the template in host/.
const swTemplate = "sw.js"

// swPlaceholder is what the build replaces in the template with the manifest.
const swPlaceholder = "/*MANIFEST*/null"

// noServiceWorkerDirective, on a line of its own in a .go file of an app's main package, builds
// the app without a service worker.
const noServiceWorkerDirective = "//wasmlit:no-service-worker"

// swManifest is the manifest written into sw.js.
type swManifest struct {
	Off     bool          `json:"off,omitempty"`     // a retiring worker: no precache, removes itself
	Only    bool          `json:"only,omitempty"`    // the gallery's worker: answers for its files only
	Version string        `json:"version,omitempty"` // hash of every entry: the cache's name
	BuildID string        `json:"buildID,omitempty"` // the module's build id (app.json)
	Index   string        `json:"index,omitempty"`   // the entry served for a navigation to the folder
	Files   []swFileEntry `json:"files,omitempty"`   // precached, in URL order
}

// swFileEntry is one precached file: its URL relative to the worker's folder and its SHA-256.
type swFileEntry struct {
	URL    string `json:"url"`
	SHA256 string `json:"sha256"`
}

// swPrecached lists what the worker precaches, as slash paths relative to dst: the page, app.json,
// the module, Go's loader, the theme, the host bundle, the host's stylesheets and the prewarm
// bundle (prewarm/, C8: the records a first visit seeds its cache from). Libraries under lib/ are
// cached when the page first loads them (the page reports them to the worker), data files when
// they are fetched; neither is listed here.
func swPrecached(dst string) ([]string, error) {
	files := []string{"index.html", "app.json", "app.wasm", "wasm_exec.js", "theme.css", "host/" + hostBundle}
	for _, dir := range []struct{ name, suffix string }{{"host", ".css"}, {"prewarm", ""}} {
		root := filepath.Join(dst, dir.name)
		if _, err := os.Stat(root); os.IsNotExist(err) {
			continue
		}
		err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, dir.suffix) {
				files = append(files, dir.name+"/"+p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// galleryPrecached lists what the gallery's worker precaches, relative to the site's folder.
var galleryPrecached = []string{"index.html", "gallery.css", galleryScript, "theme.css"}

// buildManifest hashes the precached files of dst for the module described by meta.
func buildManifest(dst string, meta *appMeta) (*swManifest, error) {
	names, err := swPrecached(dst)
	if err != nil {
		return nil, err
	}
	return hashManifest(dst, names, meta)
}

// hashManifest makes the manifest of names, files of dst, for the module described by meta (nil
// for the gallery, which has none).
func hashManifest(dst string, names []string, meta *appMeta) (*swManifest, error) {
	if meta == nil {
		meta = &appMeta{}
	}
	m := &swManifest{BuildID: meta.BuildID, Index: "index.html"}
	version := sha256.New()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("service worker: %w (the build writes it before sw.js)", err)
		}
		sum := sha256.Sum256(data)
		u := name
		if name == meta.Wasm && meta.BuildID != "" {
			u += "?v=" + url.QueryEscape(meta.BuildID) // the URL the page preloads (renderIndex)
		}
		m.Files = append(m.Files, swFileEntry{URL: u, SHA256: hex.EncodeToString(sum[:])})
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].URL < m.Files[j].URL })
	for _, f := range m.Files {
		fmt.Fprintf(version, "%s\x00%s\n", f.URL, f.SHA256)
	}
	m.Version = hex.EncodeToString(version.Sum(nil)[:12])
	return m, nil
}

// renderWorker fills the template with m.
func renderWorker(tmpl []byte, m *swManifest) ([]byte, error) {
	if !bytes.Contains(tmpl, []byte(swPlaceholder)) {
		return nil, fmt.Errorf("host/%s has no %s to replace with the manifest: restore it from wasmlit's host/%s", swTemplate, swPlaceholder, swTemplate)
	}
	js, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return bytes.Replace(tmpl, []byte(swPlaceholder), js, 1), nil
}

// wantsServiceWorker reports whether app is built with a service worker.
func (b *Builder) wantsServiceWorker(app App) bool {
	if b.NoServiceWorker {
		return false
	}
	for _, f := range goFiles(app.Dir) {
		if hasDirective(f, noServiceWorkerDirective) {
			return false
		}
	}
	return true
}

// hasDirective reports whether the file at p has a line that is exactly directive.
func hasDirective(p, directive string) bool {
	data, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == directive {
			return true
		}
	}
	return false
}

// writeServiceWorker writes dst/sw.js: the worker of meta's build when on, else the retiring one.
// It runs after every other file of dst is written, since it hashes them.
func (b *Builder) writeServiceWorker(dst string, meta *appMeta, on bool) error {
	tmpl, err := fs.ReadFile(b.source().host, swTemplate)
	if errors.Is(err, fs.ErrNotExist) {
		tmpl, err = fs.ReadFile(host.Files, swTemplate) // a host/ tree of its own, without a worker
	}
	if err != nil {
		return fmt.Errorf("service worker template: %w", err)
	}
	m := &swManifest{Off: true}
	if on && meta != nil {
		if m, err = buildManifest(dst, meta); err != nil {
			return err
		}
	}
	js, err := renderWorker(tmpl, m)
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dst, swFile), js)
}

// writeGalleryWorker writes dst/sw.js, the gallery's worker (SPEC C4): its scope is the site's
// folder, which holds every app's folder, so it answers only for the gallery's own files
// (manifest "only") and leaves the apps to their workers, whose narrower scopes win once they are
// registered. Without workers (on false) it is the retiring one. It runs after the gallery's other
// files are written, since it hashes them.
func (b *Builder) writeGalleryWorker(dst string, on bool) error {
	tmpl, err := fs.ReadFile(b.source().host, swTemplate)
	if errors.Is(err, fs.ErrNotExist) {
		tmpl, err = fs.ReadFile(host.Files, swTemplate)
	}
	if err != nil {
		return fmt.Errorf("gallery service worker template: %w", err)
	}
	m := &swManifest{Off: true}
	if on {
		if m, err = hashManifest(dst, galleryPrecached, nil); err != nil {
			return err
		}
		m.Only = true
	}
	js, err := renderWorker(tmpl, m)
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dst, swFile), js)
}

// isWorkerTemplate reports whether p (a slash path under host/) is the worker's template, which
// the build renders into sw.js rather than copying.
func isWorkerTemplate(p string) bool { return path.Clean(p) == swTemplate }
