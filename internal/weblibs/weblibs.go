// Package weblibs makes and checks web/lib, the browser libraries of web/libs.json copied out of
// web/node_modules and committed, so that the wasmlit command can embed them (package web).
package weblibs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// The browser libraries an app may load (uPlot, marked, sqlite-wasm, ...) come from npm. web/libs.json
// lists the files to ship, as {from: a path under web/, to: a path under dist/<app>/lib/}. A
// module fetched with go get has no node_modules, so the files are copied once into web/lib/<to>
// and committed; the command embeds web/lib (package web). web/libs.sum.json records what
// web/lib was made from: the hash of libs.json, the version and integrity of every npm package a
// file comes from (from package-lock.json), and the hash of every file. Generate (cmd/wasmlit-libs, run
// by go generate ./web and ./build.sh libs) makes both; Check says when they are stale.

// SumName is the record of web/lib, beside libs.json.
const SumName = "libs.sum.json"

// Sum is web/libs.sum.json.
type Sum struct {
	Note     string            `json:"note"`
	LibsJSON string            `json:"libs.json"` // sha256 of libs.json
	Packages map[string]string `json:"packages"`  // package-lock key ("node_modules/uplot") → "version integrity"; "file:<from>" → sha256 for a file of web/ itself
	Files    map[string]string `json:"files"`     // path under lib/ → sha256
}

const sumNote = "Written by cmd/wasmlit-libs (go generate ./web): what lib/ was made from. Do not edit."

// StaleError says that web/lib does not match libs.json and package-lock.json.
type StaleError struct {
	Web    string // the web/ folder
	Reason string
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%s/lib is stale (%s): run npm ci in %s, then go generate ./web (or ./build.sh libs), and commit web/lib and web/%s",
		e.Web, e.Reason, e.Web, SumName)
}

// libLock is the part of a package-lock.json the check reads.
type libLock struct {
	Packages map[string]struct {
		Version   string `json:"version"`
		Integrity string `json:"integrity"`
	} `json:"packages"`
}

func readLock(path string) (*libLock, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var l libLock
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &l, nil
}

// packageOf returns the package-lock key of the package that holds from
// ("node_modules/@scope/name/dist/x.js" → "node_modules/@scope/name"), "" when from is not in one.
func packageOf(lock *libLock, from string) string {
	best := ""
	for key := range lock.Packages {
		if key != "" && strings.HasPrefix(from, key+"/") && len(key) > len(best) {
			best = key
		}
	}
	return best
}

// expectedSum computes, from web's libs.json and package-lock.json, the LibsJSON and Packages
// fields that web/libs.sum.json must hold.
func expectedSum(web string) (*Sum, []libEntry, *libLock, error) {
	data, err := os.ReadFile(filepath.Join(web, "libs.json"))
	if err != nil {
		return nil, nil, nil, err
	}
	libs, err := parseLibs(data)
	if err != nil {
		return nil, nil, nil, err
	}
	lock, err := readLock(filepath.Join(web, "package-lock.json"))
	if err != nil {
		return nil, nil, nil, err
	}
	sum := &Sum{Note: sumNote, LibsJSON: sha256Hex(data), Packages: map[string]string{}, Files: map[string]string{}}
	for _, l := range libs {
		key := packageOf(lock, l.From)
		if key == "" {
			// A file of web/ itself (committed, not from npm): its own hash stands for its version.
			data, err := os.ReadFile(filepath.Join(web, filepath.FromSlash(l.From)))
			if err != nil {
				return nil, nil, nil, fmt.Errorf("%s/libs.json: %s is in no package of package-lock.json and not a file of %s: %w", web, l.From, web, err)
			}
			sum.Packages["file:"+l.From] = sha256Hex(data)
			continue
		}
		p := lock.Packages[key]
		sum.Packages[key] = p.Version + " " + p.Integrity
	}
	return sum, libs, lock, nil
}

// Check reports (as a *StaleError) when web/lib and web/libs.sum.json do not match
// libs.json, package-lock.json and the files in web/lib.
func Check(web string) error {
	want, _, _, err := expectedSum(web)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(web, SumName))
	if err != nil {
		return &StaleError{web, SumName + " is missing"}
	}
	var got Sum
	if err := json.Unmarshal(data, &got); err != nil {
		return &StaleError{web, SumName + ": " + err.Error()}
	}
	if got.LibsJSON != want.LibsJSON {
		return &StaleError{web, "libs.json changed"}
	}
	if !maps.Equal(got.Packages, want.Packages) {
		return &StaleError{web, "package-lock.json pins other versions, or a listed file of web/ changed"}
	}
	onDisk, err := hashTree(filepath.Join(web, "lib"))
	if err != nil {
		return err
	}
	if !maps.Equal(onDisk, got.Files) {
		return &StaleError{web, "the files in lib/ are not those " + SumName + " records"}
	}
	return nil
}

// hashTree maps every file under dir (slash paths relative to it) to its sha256.
func hashTree(dir string) (map[string]string, error) {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = sha256Hex(data)
		return nil
	})
	return files, err
}

func sha256Hex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Generate makes web/lib and web/libs.sum.json from web/node_modules as libs.json lists. It
// fails when node_modules does not hold the versions package-lock.json pins (run npm ci first).
func Generate(web string) error {
	sum, libs, lock, err := expectedSum(web)
	if err != nil {
		return err
	}
	installed, err := readLock(filepath.Join(web, "node_modules", ".package-lock.json"))
	if err != nil {
		return fmt.Errorf("%s/node_modules is not installed (run npm ci in %s): %w", web, web, err)
	}
	for key := range sum.Packages {
		if strings.HasPrefix(key, "file:") {
			continue
		}
		if installed.Packages[key].Version != lock.Packages[key].Version {
			return fmt.Errorf("%s/%s is %q, package-lock.json pins %q: run npm ci in %s", web, key, installed.Packages[key].Version, lock.Packages[key].Version, web)
		}
	}
	dir := filepath.Join(web, "lib")
	keep := map[string]bool{}
	for _, l := range libs {
		data, err := os.ReadFile(filepath.Join(web, filepath.FromSlash(l.From)))
		if err != nil {
			return fmt.Errorf("%s/libs.json: %w", web, err)
		}
		to := filepath.Join(dir, filepath.FromSlash(l.To))
		if err := atomicfile.Write(to, data); err != nil {
			return err
		}
		keep[to] = true
		sum.Files[l.To] = sha256Hex(data)
	}
	if err := atomicfile.Prune(dir, keep); err != nil {
		return err
	}
	out, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(web, SumName), append(out, '\n'))
}

// Refresh regenerates a checkout's web/lib when it is stale, running npm ci first when
// node_modules is missing or holds other versions. It is what keeps the repo's own builds right
// after a pull or an edit of libs.json; a user's module never gets here (it embeds web/lib).
func Refresh(ctx context.Context, logf func(format string, args ...any), web string) error {
	err := Check(web)
	var stale *StaleError
	if !errors.As(err, &stale) {
		return err
	}
	logf("web/lib: %s; regenerating it from web/node_modules", stale.Reason)
	if err := Generate(web); err == nil {
		return nil
	}
	logf("npm ci in web/")
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = web
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in %s: %w\n%s", web, err, bytes.TrimSpace(out))
	}
	return Generate(web)
}

// libEntry is one element of web/libs.json: a file under web/ copied to web/lib/<To>, and from
// there to dist/<app>/lib/<To>.
type libEntry struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// parseLibs parses web/libs.json and checks its paths.
func parseLibs(data []byte) ([]libEntry, error) {
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
