package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestHelloLinks_C1 builds examples/hello for js/wasm as `wasmlit build` does (with the tag
// wasmlit_nodevstate; the generated files are whatever the last build left) and logs what its
// module links, by package: the bytes of each package's
// functions in the code section, and those bytes gzip-compressed on their own. The data section
// (type descriptors, the function table, strings) is one line. It fails when hello links code of a
// feature it does not use: each such function must be reachable only from the call that uses it.
//
//	go test ./cmd/wasmlit -run TestHelloLinks -v
func TestHelloLinks_C1(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "hello.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-tags", "wasmlit_nodevstate", "-o", out, "./examples/hello")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build ./examples/hello: %v\n%s", err, b)
	}
	mod, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	funcs, data, err := wasmFuncs(mod)
	if err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("go", "list", "-deps", "-tags", "wasmlit_nodevstate", "./examples/hello")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./examples/hello: %v", err)
	}

	t.Logf("hello: %d bytes, %d gzip; code of %d functions, data section %d bytes (%d gzip)",
		len(mod), gzipLen(mod), len(funcs), len(data), gzipLen(data))
	t.Logf("%-44s %9s %9s", "package (top 20 by code)", "code", "gzip")
	for i, p := range byPackage(funcs, strings.Fields(string(deps))) {
		if i == 20 {
			break
		}
		t.Logf("%-44s %9d %9d", p.path, len(p.code), gzipLen(p.code))
	}

	// Features hello does not use, by a function each links (names as in the module's name
	// section: a package path's "/" is "_").
	for _, fn := range []string{
		"github.com_wasmlit_wasmlit_cache.serveShared",   // the edge Worker's server (cache.Shared)
		"github.com_wasmlit_wasmlit_cache.resolveShared", // its argument decoding
		"github.com_wasmlit_wasmlit_cache.stdHashTable",  // hashing of time, math/big, locks (a cached call's key)
		"github.com_wasmlit_wasmlit_wasm.encodeKept",     // session state kept across a dev reload (serve only)
		"github.com_wasmlit_wasmlit_wasm.decodeEdits",    // the data editor's events
		"github.com_wasmlit_wasmlit_wasm.decodeSelectSlider",
	} {
		if _, ok := funcs[fn]; ok {
			t.Errorf("hello links %s, a feature it does not use: reach it only from the API call that uses it", fn)
		}
	}
	// Packages whose initialisation alone is large: the runtime writes its logs without them.
	for fn := range funcs {
		if pkg, _, _ := strings.Cut(fn, "."); pkg == "log" || pkg == "log_slog" {
			t.Errorf("hello links %s: a package of the module imports log or log/slog in js/wasm (use internal/slogtext)", fn)
			break
		}
	}
}

// wasmFuncs returns the code of each function of a wasm module by its name (the name section),
// and the data section.
func wasmFuncs(mod []byte) (funcs map[string][]byte, data []byte, err error) {
	if len(mod) < 8 || string(mod[:4]) != "\x00asm" {
		return nil, nil, errors.New("not a wasm module")
	}
	var imported int
	var bodies [][]byte
	names := map[int]string{}
	p := mod[8:]
	for len(p) > 0 {
		id := p[0]
		size, n := binary.Uvarint(p[1:])
		if n <= 0 || uint64(len(p)-1-n) < size {
			return nil, nil, fmt.Errorf("section %d: bad size", id)
		}
		sec := p[1+n : 1+n+int(size)]
		p = p[1+n+int(size):]
		switch id {
		case 2: // imports: they come first in the function index space
			if imported, err = countFuncImports(sec); err != nil {
				return nil, nil, err
			}
		case 10: // code
			r := wasmReader{b: sec}
			for i := r.uint(); i > 0 && r.err == nil; i-- {
				bodies = append(bodies, r.bytes(int(r.uint())))
			}
			if r.err != nil {
				return nil, nil, r.err
			}
		case 11: // data
			data = sec
		case 0: // custom: the "name" section's subsection 1 names functions
			r := wasmReader{b: sec}
			if string(r.bytes(int(r.uint()))) != "name" {
				continue
			}
			for len(r.b) > 0 && r.err == nil {
				sub, body := r.byte(), r.bytes(int(r.uint()))
				if sub != 1 {
					continue
				}
				s := wasmReader{b: body}
				for i := s.uint(); i > 0 && s.err == nil; i-- {
					idx := int(s.uint())
					names[idx] = string(s.bytes(int(s.uint())))
				}
				if s.err != nil {
					return nil, nil, s.err
				}
			}
			if r.err != nil {
				return nil, nil, r.err
			}
		}
	}
	funcs = make(map[string][]byte, len(bodies))
	for i, b := range bodies {
		funcs[names[imported+i]] = b
	}
	return funcs, data, nil
}

// countFuncImports counts the function imports of an import section.
func countFuncImports(sec []byte) (int, error) {
	r := wasmReader{b: sec}
	funcs := 0
	for i := r.uint(); i > 0 && r.err == nil; i-- {
		r.bytes(int(r.uint())) // module
		r.bytes(int(r.uint())) // name
		if kind := r.byte(); kind != 0 {
			return 0, fmt.Errorf("import of kind %d: only functions expected", kind)
		}
		r.uint() // type index
		funcs++
	}
	return funcs, r.err
}

// wasmReader reads LEB128 numbers and byte strings; the first error sticks.
type wasmReader struct {
	b   []byte
	err error
}

func (r *wasmReader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errors.New("bad LEB128 number"), nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *wasmReader) byte() byte {
	if b := r.bytes(1); len(b) == 1 {
		return b[0]
	}
	return 0
}

func (r *wasmReader) bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.err, r.b = errors.New("truncated"), nil
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

// pkgCode is the code of one package's functions.
type pkgCode struct {
	path string
	code []byte
}

// byPackage groups functions by package, largest first. A function's package is the longest
// import path of deps that, with "/" written "_", prefixes its name before a "."; functions the
// linker makes (type:.eq…, go:…) group by the text before their first ".".
func byPackage(funcs map[string][]byte, deps []string) []pkgCode {
	mangled := make(map[string]string, len(deps))
	for _, d := range deps {
		mangled[strings.ReplaceAll(d, "/", "_")] = d
	}
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names) // the concatenated code, and so its gzip size, does not depend on map order
	pkgs := map[string]*pkgCode{}
	for _, name := range names {
		path := ""
		for i := strings.IndexByte(name, '.'); i >= 0; {
			if d, ok := mangled[name[:i]]; ok {
				path = d
			}
			j := strings.IndexByte(name[i+1:], '.')
			if j < 0 {
				break
			}
			i += 1 + j
		}
		if path == "" {
			path, _, _ = strings.Cut(name, ".")
		}
		p := pkgs[path]
		if p == nil {
			p = &pkgCode{path: path}
			pkgs[path] = p
		}
		p.code = append(p.code, funcs[name]...)
	}
	list := make([]pkgCode, 0, len(pkgs))
	for _, p := range pkgs {
		list = append(list, *p)
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i].code) > len(list[j].code) })
	return list
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}
