package main

import (
	"errors"
	"os"
	"path/filepath"
)

// findRoot returns the directory of the nearest go.mod at or above the working directory.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found in the working directory or above it; run wasmlit inside the module")
		}
		dir = parent
	}
}

// absFrom makes p absolute against the working directory (flags are given relative to it).
func absFrom(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
