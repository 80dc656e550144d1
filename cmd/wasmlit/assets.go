package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// The files of dist/<name>/ besides the module (see README.md):
//
//	index.html       web/index.html with {{TITLE}} and {{WASM}} filled in (build.go)
//	_headers         the Content-Security-Policy and other headers, for hosts that read it (csp.go)
//	wasm_exec.js     Go's loader, from $(go env GOROOT)/lib/wasm
//	theme.css        web/theme.css (and any icons at the top of web/)
//	host/bundle.js   host/host.js and the modules it imports, in one module (bundle.go)
//	host/...         every .js, .mjs and .css file under host/, same folders
//	lib/<to>         the npm libraries listed in web/libs.json
//	static/...       the app's own static/ folder (data files), if it has one

// hostExts are the files copied from host/.
var hostExts = map[string]bool{".js": true, ".mjs": true, ".css": true}

// webIconExts are extra top-level web/ files copied beside theme.css.
var webIconExts = map[string]bool{".svg": true, ".png": true, ".ico": true, ".webp": true, ".woff2": true}

// libEntry is one element of web/libs.json: a file under web/ copied to dist/<name>/lib/<To>.
type libEntry struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// copyAssets writes every file of dst but the module, app.json and index.html.
func (b *Builder) copyAssets(app App, dst string) error {
	web := filepath.Join(b.Root, "web")
	hostDir := filepath.Join(b.Root, "host")
	extra := map[string][]byte{}
	for _, name := range []string{hostBundle, hostBundle + ".map"} {
		if _, err := os.Stat(filepath.Join(hostDir, name)); err == nil {
			return fmt.Errorf("host/%s is the name of a file the build writes: rename that module", name)
		}
	}
	if _, err := os.Stat(filepath.Join(hostDir, "host.js")); err == nil {
		bundle, sourceMap, err := bundleHost(hostDir, "host.js")
		if err != nil {
			return err
		}
		extra[hostBundle] = bundle
		extra[hostBundle+".map"] = sourceMap
	}
	if err := writeHeaders(dst); err != nil {
		return err
	}
	if err := copyFile(b.wasmExec, filepath.Join(dst, "wasm_exec.js")); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(web, "theme.css"), filepath.Join(dst, "theme.css")); err != nil {
		return err
	}
	entries, err := os.ReadDir(web)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() && webIconExts[strings.ToLower(filepath.Ext(e.Name()))] {
			if err := copyFile(filepath.Join(web, e.Name()), filepath.Join(dst, e.Name())); err != nil {
				return err
			}
		}
	}
	if err := syncTree(hostDir, filepath.Join(dst, "host"), func(p string) bool {
		return hostExts[strings.ToLower(filepath.Ext(p))]
	}, extra); err != nil {
		return err
	}
	if err := b.copyLibs(filepath.Join(dst, "lib")); err != nil {
		return err
	}
	return syncTree(filepath.Join(app.Dir, "static"), filepath.Join(dst, "static"), func(string) bool { return true }, nil)
}

// readLibs reads web/libs.json. A missing file means no libraries (it may not be written yet).
func readLibs(root string) ([]libEntry, error) {
	data, err := os.ReadFile(filepath.Join(root, "web", "libs.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var libs []libEntry
	if err := json.Unmarshal(data, &libs); err != nil {
		return nil, fmt.Errorf("web/libs.json: %w", err)
	}
	for _, l := range libs {
		if !localPath(l.From) || !localPath(l.To) {
			return nil, fmt.Errorf("web/libs.json: entry %+v: paths must be relative and stay inside their folder", l)
		}
	}
	return libs, nil
}

// localPath reports whether p is a relative slash path that does not climb out of its base.
func localPath(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && filepath.IsLocal(filepath.FromSlash(p)) && path.Clean(p) == p
}

// ensureNodeModules runs npm ci in web/ when libs.json lists libraries and node_modules is missing
// or older than package-lock.json (a pull that pinned a new library).
func (b *Builder) ensureNodeModules(ctx context.Context) error {
	libs, err := readLibs(b.Root)
	if err != nil || len(libs) == 0 {
		return err
	}
	web := filepath.Join(b.Root, "web")
	lock, err := os.Stat(filepath.Join(web, "package-lock.json"))
	if err != nil {
		return fmt.Errorf("web/libs.json lists libraries but web/package-lock.json is missing: %w", err)
	}
	// npm writes node_modules/.package-lock.json on every install.
	installed, err := os.Stat(filepath.Join(web, "node_modules", ".package-lock.json"))
	if err == nil && !installed.ModTime().Before(lock.ModTime()) {
		return nil
	}
	b.Log.Printf("npm ci in web/ (node_modules is missing or older than package-lock.json)")
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = web
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in web/: %w\n%s", err, bytes.TrimSpace(out))
	}
	return nil
}

// copyLibs copies the libraries of web/libs.json into dir and removes files there that are no
// longer listed.
func (b *Builder) copyLibs(dir string) error {
	libs, err := readLibs(b.Root)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, l := range libs {
		to := filepath.Join(dir, filepath.FromSlash(l.To))
		if err := copyFile(filepath.Join(b.Root, "web", filepath.FromSlash(l.From)), to); err != nil {
			return fmt.Errorf("web/libs.json: %w (run npm ci in web/?)", err)
		}
		keep[to] = true
	}
	return prune(dir, keep)
}

// syncTree makes dst a copy of the files under src that pass keep, plus the extra files (by
// slash path relative to dst); other files in dst are removed. A missing src means an empty tree.
func syncTree(src, dst string, keep func(string) bool, extra map[string][]byte) error {
	kept := map[string]bool{}
	for name, data := range extra {
		to := filepath.Join(dst, filepath.FromSlash(name))
		kept[to] = true
		if err := writeFileAtomic(to, data); err != nil {
			return err
		}
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == src {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			if p != src && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || !keep(p) {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		kept[to] = true
		return copyFile(p, to)
	})
	if err != nil {
		return err
	}
	return prune(dst, kept)
}

// prune removes the files under dir that keep does not hold, then the emptied folders.
func prune(dir string, keep map[string]bool) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if !keep[p] {
			return os.Remove(p)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // fails harmlessly when not empty
	}
	return err
}

// copyFile copies src to dst atomically, creating folders. It leaves dst untouched when it
// already holds the same bytes, so unchanged files keep their times.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeFileAtomic(dst, data)
}

// writeFileAtomic writes data to a temporary file beside path and renames it over path, so a
// server never sees half a file. Identical content is not rewritten.
func writeFileAtomic(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
