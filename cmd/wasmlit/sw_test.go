package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// swRoot is fakeRoot plus the worker's template of this checkout.
func swRoot(t *testing.T) (string, *Builder) {
	t.Helper()
	root, b := fakeRoot(t)
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "host", swTemplate))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, root, map[string]string{
		"host/sw.js":     string(tmpl),
		"web/index.html": "<head><title>{{TITLE}}</title>\n{{WASM}}\n</head>",
	})
	return root, b
}

// buildFake does what buildApp does after compiling, with a stand-in module, and returns the
// app's folder.
func buildFake(t *testing.T, root string, b *Builder, module string) string {
	t.Helper()
	app, err := loadApp(root, filepath.Join(root, "examples", "app"))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(b.Out, app.Name)
	writeFiles(t, dst, map[string]string{"app.wasm": module, "app.json": "{}"})
	if err := b.copyAssets(app, dst); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(module))
	meta := &appMeta{Name: app.Name, Wasm: "app.wasm", Size: len(module), BuildID: hex.EncodeToString(sum[:16])}
	sw := b.wantsServiceWorker(app)
	if sw {
		meta.SW = swFile
	}
	if err := b.writeIndex(app, dst, meta); err != nil {
		t.Fatal(err)
	}
	if err := b.writeServiceWorker(dst, meta, sw); err != nil {
		t.Fatal(err)
	}
	return dst
}

// readManifest reads the manifest out of dst/sw.js.
func readManifest(t *testing.T, dst string) swManifest {
	t.Helper()
	js, err := os.ReadFile(filepath.Join(dst, swFile))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(js), "const MANIFEST = ")
	data, _, ok2 := strings.Cut(rest, ";\n")
	if !ok || !ok2 {
		t.Fatalf("sw.js has no manifest line:\n%s", js)
	}
	var m swManifest
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatalf("manifest %s: %v", data, err)
	}
	return m
}

func TestServiceWorkerPrecachesTheBuild_C4_C3(t *testing.T) {
	root, b := swRoot(t)
	dst := buildFake(t, root, b, "\x00asm module one")
	m := readManifest(t, dst)
	if m.Off || m.Version == "" || m.BuildID == "" || m.Index != "index.html" {
		t.Fatalf("manifest %+v", m)
	}
	var urls []string
	for _, f := range m.Files {
		urls = append(urls, f.URL)
		// Every URL is relative to the worker's folder (C3: any base path).
		if strings.HasPrefix(f.URL, "/") || strings.Contains(f.URL, "..") || strings.Contains(f.URL, "://") {
			t.Errorf("%s is not a URL relative to the app's folder", f.URL)
		}
		name, _, _ := strings.Cut(f.URL, "?")
		data, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: manifest sha256 %s is not the file's", f.URL, f.SHA256)
		}
	}
	want := []string{"app.json", "app.wasm?v=" + url.QueryEscape(m.BuildID), "host/bundle.js", "host/components/grid.css",
		"index.html", "theme.css", "wasm_exec.js"}
	sort.Strings(want)
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("precached %v\nwant      %v", urls, want)
	}
	// The page registers the worker, relative to its folder, and preloads the module the worker caches.
	page, _ := os.ReadFile(filepath.Join(dst, "index.html"))
	if !strings.Contains(string(page), ` data-sw="./sw.js"`) || !strings.Contains(string(page), `href="./app.wasm?v=`+m.BuildID+`"`) {
		t.Errorf("index.html does not register ./sw.js or preload the precached module:\n%s", page)
	}
	// The template is rendered into sw.js, not copied as a host module.
	if _, err := os.Stat(filepath.Join(dst, "host", swTemplate)); err == nil {
		t.Errorf("host/%s was copied into the app", swTemplate)
	}
}

func TestServiceWorkerVersionFollowsEveryFile_C10(t *testing.T) {
	root, b := swRoot(t)
	dst := buildFake(t, root, b, "\x00asm module one")
	first, _ := os.ReadFile(filepath.Join(dst, swFile))
	m1 := readManifest(t, dst)

	// The same inputs give the same bytes: the browser sees no update.
	buildFake(t, root, b, "\x00asm module one")
	if again, _ := os.ReadFile(filepath.Join(dst, swFile)); string(again) != string(first) {
		t.Errorf("a rebuild of the same sources changed sw.js")
	}
	// A new module, or only a new theme: a new worker with a new version (a new cache).
	buildFake(t, root, b, "\x00asm module two")
	m2 := readManifest(t, dst)
	if m2.Version == m1.Version || m2.BuildID == m1.BuildID {
		t.Errorf("a new module kept version %s / build %s", m2.Version, m2.BuildID)
	}
	writeFiles(t, root, map[string]string{"web/theme.css": "body{color:red}"})
	buildFake(t, root, b, "\x00asm module two")
	if m3 := readManifest(t, dst); m3.Version == m2.Version || m3.BuildID != m2.BuildID {
		t.Errorf("a new theme: version %s (was %s), build %s (was %s)", m3.Version, m2.Version, m3.BuildID, m2.BuildID)
	}
}

func TestServiceWorkerTurnedOff_C4(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(root string, b *Builder)
	}{
		{"build flag", func(_ string, b *Builder) { b.NoServiceWorker = true }},
		{"app directive", func(root string, _ *Builder) {
			writeFiles(t, root, map[string]string{"examples/app/main.go": "// App is a test.\npackage main\n\n" + noServiceWorkerDirective + "\n"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, b := swRoot(t)
			dst := buildFake(t, root, b, "\x00asm on")
			if m := readManifest(t, dst); m.Off {
				t.Fatalf("worker off before it was turned off")
			}
			tc.setup(root, b)
			dst = buildFake(t, root, b, "\x00asm off")
			// A retiring worker replaces the one browsers installed; the page registers none.
			if m := readManifest(t, dst); !m.Off || len(m.Files) != 0 {
				t.Errorf("manifest %+v, want {off: true}", m)
			}
			if page, _ := os.ReadFile(filepath.Join(dst, "index.html")); strings.Contains(string(page), "data-sw") {
				t.Errorf("index.html still registers a worker:\n%s", page)
			}
		})
	}
}

func TestWorkerTemplateOfThisRepo_C4(t *testing.T) {
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "host", swTemplate))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(tmpl), swPlaceholder); n != 1 {
		t.Fatalf("host/%s holds %s %d times, want once", swTemplate, swPlaceholder, n)
	}
	js, err := renderWorker(tmpl, &swManifest{Version: "v1", BuildID: "b1", Index: "index.html", Files: []swFileEntry{{URL: "index.html", SHA256: "00"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `const MANIFEST = {"version":"v1","buildID":"b1","index":"index.html","files":[{"url":"index.html","sha256":"00"}]};`) {
		t.Errorf("rendered worker:\n%s", js)
	}
	if _, err := renderWorker([]byte("no placeholder"), &swManifest{}); err == nil || !strings.Contains(err.Error(), "restore it") {
		t.Errorf("template without placeholder: %v", err)
	}
}

// TestCSPAllowsTheWorker_C4 checks that the policy the build writes lets the page register sw.js
// (worker-src, else script-src, else default-src must hold 'self') and the worker fetch the site.
func TestCSPAllowsTheWorker_C4(t *testing.T) {
	for name, policy := range map[string]string{"header": defaultCSP, "meta": metaCSP()} {
		dirs := map[string][]string{}
		for _, d := range strings.Split(policy, "; ") {
			f := strings.Fields(d)
			dirs[f[0]] = f[1:]
		}
		src := func(names ...string) []string {
			for _, n := range names {
				if v, ok := dirs[n]; ok {
					return v
				}
			}
			return nil
		}
		has := func(list []string, v string) bool {
			for _, x := range list {
				if x == v {
					return true
				}
			}
			return false
		}
		if w := src("worker-src", "script-src", "default-src"); !has(w, "'self'") {
			t.Errorf("%s policy: worker-src %v does not allow the site's sw.js", name, w)
		}
		if c := src("connect-src", "default-src"); !has(c, "'self'") {
			t.Errorf("%s policy: connect-src %v does not let the worker fetch the site", name, c)
		}
	}
}

// TestGalleryWorker_C4: the gallery's worker precaches the gallery's files, checked by hash, and
// answers for them only (its scope holds the apps' folders); without workers it retires and the
// page registers none.
func TestGalleryWorker_C4(t *testing.T) {
	root, b := swRoot(t)
	writeFiles(t, root, map[string]string{"web/theme.css": "body{}"})
	if err := b.WriteGallery([]App{{Name: "a", Doc: "A."}}); err != nil {
		t.Fatal(err)
	}
	m := readManifest(t, b.Out)
	if m.Off || !m.Only || m.Index != "index.html" || m.Version == "" {
		t.Fatalf("manifest %+v, want a gallery worker (only, index.html, a version)", m)
	}
	var got []string
	for _, f := range m.Files {
		got = append(got, f.URL)
		data, err := os.ReadFile(filepath.Join(b.Out, f.URL))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: sha256 %s is not the file's", f.URL, f.SHA256)
		}
	}
	if want := "gallery.css gallery.js index.html theme.css"; strings.Join(got, " ") != want {
		t.Errorf("precached %q, want %q", strings.Join(got, " "), want)
	}
	if page, _ := os.ReadFile(filepath.Join(b.Out, "index.html")); !strings.Contains(string(page), `data-sw="./sw.js"`) {
		t.Errorf("the gallery registers no worker:\n%s", page)
	}

	b.NoServiceWorker = true
	if err := b.WriteGallery([]App{{Name: "a", Doc: "A."}}); err != nil {
		t.Fatal(err)
	}
	if m := readManifest(t, b.Out); !m.Off || m.Only || len(m.Files) != 0 {
		t.Errorf("manifest %+v, want {off: true}", m)
	}
	if page, _ := os.ReadFile(filepath.Join(b.Out, "index.html")); strings.Contains(string(page), "data-sw") {
		t.Errorf("the gallery still registers a worker:\n%s", page)
	}
}
