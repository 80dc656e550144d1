package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// The files of dist/<name>/ besides the module (see README.md):
//
//	index.html       web/index.html with {{TITLE}} and {{WASM}} filled in (build.go)
//	_headers         the Content-Security-Policy and other headers, for hosts that read it (csp.go)
//	wasm_exec.js     Go's loader, from $(go env GOROOT)/lib/wasm of the Go that builds the app
//	theme.css        web/theme.css
//	host/bundle.js   host/host.js and the modules it imports, in one module (bundle.go)
//	host/...         every .js, .mjs and .css file under host/, same folders
//	lib/<to>         the npm libraries listed in web/libs.json (web/lib, libs.go)
//	static/...       the app's own static/ folder (data files), if it has one
//
// host/ and web/ come from the files embedded in the command (source.go), or from the checkout
// when the command builds the wasmlit module itself.

// hostExts are the files copied from host/.
var hostExts = map[string]bool{".js": true, ".mjs": true, ".css": true}

// copyAssets writes every file of dst but the module, app.json and index.html.
func (b *Builder) copyAssets(app App, dst string) error {
	src := b.source()
	extra := map[string][]byte{}
	for _, name := range []string{hostBundle, hostBundle + ".map"} {
		if _, err := fs.Stat(src.host, name); err == nil {
			return fmt.Errorf("host/%s is the name of a file the build writes: rename that module", name)
		}
	}
	bundle, sourceMap, err := bundleHost(src.host, "host.js")
	if err != nil {
		return err
	}
	extra[hostBundle] = bundle
	extra[hostBundle+".map"] = sourceMap
	if err := writeHeaders(dst); err != nil {
		return err
	}
	if err := copyFile(b.wasmExec, filepath.Join(dst, "wasm_exec.js")); err != nil {
		return err
	}
	theme, err := fs.ReadFile(src.web, "theme.css")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(dst, "theme.css"), theme); err != nil {
		return err
	}
	if err := syncFS(src.host, filepath.Join(dst, "host"), func(p string) bool {
		return hostExts[strings.ToLower(path.Ext(p))] && !isWorkerTemplate(p)
	}, extra); err != nil {
		return err
	}
	libs, err := fs.Sub(src.web, "lib")
	if err != nil {
		return err
	}
	if err := syncFS(libs, filepath.Join(dst, "lib"), func(string) bool { return true }, nil); err != nil {
		return err
	}
	return syncFS(os.DirFS(filepath.Join(app.Dir, "static")), filepath.Join(dst, "static"), func(string) bool { return true }, nil)
}

// localPath reports whether p is a relative slash path that does not climb out of its base.
func localPath(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && filepath.IsLocal(filepath.FromSlash(p)) && path.Clean(p) == p
}

// syncFS makes dst a copy of the files of fsys that pass keep (given their slash path), plus the
// extra files (by slash path relative to dst); other files in dst are removed. An fsys whose root
// does not exist (an app without static/) is an empty tree. Names starting with "." and folders
// named node_modules are skipped.
func syncFS(fsys fs.FS, dst string, keep func(string) bool, extra map[string][]byte) error {
	kept := map[string]bool{}
	for name, data := range extra {
		to := filepath.Join(dst, filepath.FromSlash(name))
		kept[to] = true
		if err := atomicfile.Write(to, data); err != nil {
			return err
		}
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "." {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || !keep(p) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, filepath.FromSlash(p))
		kept[to] = true
		return atomicfile.Write(to, data)
	})
	if err != nil {
		return err
	}
	return atomicfile.Prune(dst, kept)
}

// copyFile copies src to dst atomically, creating folders. It leaves dst untouched when it
// already holds the same bytes, so unchanged files keep their times.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return atomicfile.Write(dst, data)
}
