// Package atomicfile writes files so that a reader never sees half of one: the build writes into
// folders that a running server (wasmlit serve) reads at the same time.
package atomicfile

import (
	"bytes"
	"os"
	"path/filepath"
)

// Write writes data to a temporary file beside path and renames it over path, creating path's
// folder if needed. A file that already holds data is left alone, so its modification time (and
// a watcher's view of it) does not change.
func Write(path string, data []byte) error {
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
