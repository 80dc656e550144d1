package main

import (
	"fmt"
	"io"
	"sync"
)

// logger serialises progress lines from concurrent builds. It is safe for concurrent use.
// A nil *logger discards everything, so tests can pass nil.
type logger struct {
	mu sync.Mutex
	w  io.Writer
}

func newLogger(w io.Writer) *logger { return &logger{w: w} }

func (l *logger) Printf(format string, args ...any) {
	if l == nil || l.w == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format+"\n", args...)
}
