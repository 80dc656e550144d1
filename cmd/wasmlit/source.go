package main

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wasmlit/wasmlit/host"
	"github.com/wasmlit/wasmlit/web"
)

// modulePath is wasmlit's module path: what a user's go.mod requires.
const modulePath = "github.com/wasmlit/wasmlit"

// assetSource is where the page's files come from: the host modules and the web/ files (index.html,
// theme.css, lib/).
type assetSource struct {
	host fs.FS
	web  fs.FS
	// tree is the checkout's root when the files are read from it (the command builds the wasmlit
	// module itself, so that edits of host/ and web/ show on the next build); "" when embedded.
	tree string
}

// embeddedAssets are the files built into the command: a user's module has no host/ or web/.
func embeddedAssets() *assetSource {
	return &assetSource{host: host.Files, web: web.Files}
}

// treeAssets reads host/ and web/ of the checkout at root.
func treeAssets(root string) *assetSource {
	return &assetSource{host: os.DirFS(filepath.Join(root, "host")), web: os.DirFS(filepath.Join(root, "web")), tree: root}
}

// source returns the builder's asset source: Assets when set, else the checkout's files when Root
// is the wasmlit module itself, else the embedded ones.
func (b *Builder) source() *assetSource {
	if b.Assets == nil {
		if isCheckout(b.Root) {
			b.Assets = treeAssets(b.Root)
		} else {
			b.Assets = embeddedAssets()
		}
	}
	return b.Assets
}

// isCheckout reports whether root is a checkout of wasmlit itself (its go.mod declares modulePath
// and it has host/host.js).
func isCheckout(root string) bool {
	if _, err := os.Stat(filepath.Join(root, "host", "host.js")); err != nil {
		return false
	}
	mod, _ := goModInfo(root)
	return mod == modulePath
}

// goModInfo reads root/go.mod and returns its module path and whether it requires wasmlit. It
// reads lines, not the full grammar: enough for the module line and a require of modulePath.
func goModInfo(root string) (module string, requires bool) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	inRequire := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case f[0] == "module" && len(f) >= 2:
			module = strings.Trim(f[1], `"`)
		case f[0] == "require" && len(f) >= 2 && f[1] == "(":
			inRequire = true
		case f[0] == "require" && len(f) >= 2:
			requires = requires || strings.Trim(f[1], `"`) == modulePath
		case f[0] == ")":
			inRequire = false
		case inRequire:
			requires = requires || strings.Trim(f[0], `"`) == modulePath
		}
	}
	return module, requires
}
