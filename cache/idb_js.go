//go:build js && wasm

package cache

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall/js"

	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// IDBStore is the persistent Store of the browser: one IndexedDB database per
// app name on the page's origin, reached through globalThis.wasmlitHost.idb
// (host/idb.js). It implements Store and Evictor.
//
// Each operation is one IndexedDB transaction, so a record is never seen
// half-written, also by other tabs of the origin, which share the database
// (SPEC B4, C5). Every record keeps its size and last access time beside the
// value, written in the same transaction; Get refreshes the access time, and
// Evict removes least recently used records first.
//
// Keys are JavaScript strings: a key must be valid UTF-8 (invalid bytes become
// U+FFFD, so two invalid keys may collide). Values move with one copy each way
// (CopyBytesToJS, CopyBytesToGo), part by part for a large value: Set does not
// retain val, and Get returns a slice the caller owns.
//
// Transactions use relaxed durability: a committed write is visible to every
// tab at once but may be lost if the machine loses power soon after, which
// costs a cache only a recomputation.
//
// Methods block the calling goroutine until the browser answers; never call
// them from inside a js.FuncOf callback. They are safe for concurrent use. A
// cancelled ctx makes a method return ctx.Err() at once; the transaction it
// started still commits or aborts as a whole, so a cancelled Set may or may
// not have stored the value.
//
// Errors: a Set that the browser refuses for lack of space returns an error
// wrapping ErrQuota (call Evict and retry, as the two-tier store does); any
// other error means the database is unusable (site data cleared while open,
// the browser shutting down, disk failure): use memory only.
type IDBStore struct {
	name  string
	h     js.Value // the host's database handle
	chunk int      // the largest part the host's put takes (values beyond it go in parts)
}

// OpenIDB opens (creating if needed) the IndexedDB database of the app name on
// this origin; two names never see each other's records. ctx bounds the wait,
// which can be long when another tab blocks the database.
//
// OpenIDB fails when IndexedDB is unusable: wasmlitHost.idb is missing (the
// page did not load host/host.js), the browser has no IndexedDB or refuses it
// (some private modes, storage blocked by the user's settings, an opaque
// origin). Then the caller should keep a memory-only cache and warn once.
func OpenIDB(ctx context.Context, name string) (*IDBStore, error) {
	idb, err := hostMember("idb", "open")
	if err != nil {
		return nil, err
	}
	h, err := jsawait.Await(ctx, idb.Call("open", name))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("cache: IndexedDB is unavailable (private mode, or storage blocked for this site?): %w", err)
	}
	chunk := 64 << 20
	if c := h.Get("chunk"); c.Type() == js.TypeNumber && c.Int() > 0 {
		chunk = c.Int()
	}
	return &IDBStore{name: name, h: h, chunk: chunk}, nil
}

// Name returns the app name the store was opened with.
func (s *IDBStore) Name() string { return s.name }

// Get returns a copy of the bytes stored under key and marks the record used
// now. A miss, and a record that does not hold bytes (written by something
// else on the origin), is (nil, false, nil).
func (s *IDBStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	b, _, ok, err := s.read(ctx, key, false)
	return b, ok, err
}

var _ checkingStore = (*IDBStore)(nil)

// getChecked is Get, verifying the record's checksum as the parts arrive (checkingStore).
func (s *IDBStore) getChecked(ctx context.Context, key string) ([]byte, bool, bool, error) {
	return s.read(ctx, key, true)
}

// read reads the value under key into one buffer allocated at its final size: host/idb.js
// requests every part at once and hands each over as it arrives; each is copied straight into
// its place (one copy, no join in JS) and, with check, hashed while the next is still being
// read. verified reports whether b is a record whose checksum matches. A value whose parts do
// not add up to its size is a miss; one too large for memory is a miss and an error wrapping
// ErrTooLarge, which the two-tier store reports as a warning.
func (s *IDBStore) read(ctx context.Context, key string, check bool) (b []byte, verified, ok bool, err error) {
	v, err := s.call(ctx, "read", key)
	if err != nil {
		return nil, false, false, s.wrap("get", key, err)
	}
	if v.IsNull() || v.IsUndefined() {
		return nil, false, false, nil
	}
	size := int64(v.Get("size").Float())
	if err := fitsMemory(size); err != nil {
		return nil, false, false, fmt.Errorf("cache: IndexedDB get of %q in %q: %w", key, s.name, err)
	}
	parts := v.Get("parts")
	b = make([]byte, size)
	var sum *sumStream
	if check {
		sum = newSumStream(len(b))
	}
	off := 0
	for i := range parts.Length() {
		p, err := jsawait.Await(ctx, parts.Index(i))
		if err != nil {
			return nil, false, false, s.wrap("get", key, err)
		}
		if p.IsNull() || p.IsUndefined() {
			return nil, false, false, nil // a part is missing or is not bytes: a damaged value
		}
		n := p.Get("byteLength").Int()
		if n > len(b)-off {
			return nil, false, false, nil
		}
		js.CopyBytesToGo(b[off:off+n], p)
		if check {
			sum.add(off, b[off:off+n])
		}
		off += n
	}
	if off != len(b) {
		return nil, false, false, nil
	}
	return b, check && sum.ok(b), true, nil
}

// Set stores a copy of val under key, with its size and access time, and
// returns once the transaction has committed. Out of space, it returns an
// error wrapping ErrQuota and nothing is stored. A value larger than the
// host's part size is copied out in parts, which the host stores as they are.
func (s *IDBStore) Set(ctx context.Context, key string, val []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var arg js.Value
	if len(val) <= s.chunk {
		arg = s.bytesToJS(val)
	} else {
		arg = js.Global().Get("Array").New()
		for off := 0; off < len(val); off += s.chunk {
			arg.Call("push", s.bytesToJS(val[off:min(off+s.chunk, len(val))]))
		}
	}
	_, err := s.call(ctx, "put", key, arg)
	return s.wrap("put", key, err)
}

func (s *IDBStore) bytesToJS(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// Delete removes key; deleting a missing key is not an error.
func (s *IDBStore) Delete(ctx context.Context, key string) error {
	_, err := s.call(ctx, "delete", key)
	return s.wrap("delete", key, err)
}

// Clear removes every key that starts with prefix ("" clears all), through a
// key range, in one transaction.
func (s *IDBStore) Clear(ctx context.Context, prefix string) error {
	_, err := s.call(ctx, "clear", prefix)
	return s.wrap("clear", prefix, err)
}

// Evict removes least recently used records, in one transaction, until at
// least bytes bytes of values are freed, and reports the bytes freed. When all
// the records together hold less than bytes, it removes nothing. The browser may take a while to give the disk space back
// to the quota.
func (s *IDBStore) Evict(ctx context.Context, bytes int64) (int64, error) {
	v, err := s.call(ctx, "evict", float64(bytes))
	if err != nil {
		return 0, s.wrap("evict", "", err)
	}
	return int64(v.Float()), nil
}

// Close closes the database connection; later calls return an error. It does
// not delete anything. Closing lets another tab delete or upgrade the
// database without waiting.
func (s *IDBStore) Close() error {
	s.h.Call("close")
	return nil
}

func (s *IDBStore) call(ctx context.Context, method string, args ...any) (js.Value, error) {
	if err := ctx.Err(); err != nil {
		return js.Undefined(), err
	}
	return jsawait.Await(ctx, s.h.Call(method, args...))
}

// wrap turns a host rejection into the error a Store method returns: ctx
// errors as they are, QuotaExceededError as ErrQuota, the rest described.
func (s *IDBStore) wrap(op, key string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var je *jsawait.Error
	if errors.As(err, &je) && isQuota(je) {
		return fmt.Errorf("cache: IndexedDB %s of %q in %q: %w", op, key, s.name, ErrQuota)
	}
	return fmt.Errorf("cache: IndexedDB %s of %q in %q: %w", op, key, s.name, err)
}

// isQuota reports whether the browser refused a write for lack of space:
// QuotaExceededError, or (some browsers, a full disk) another error whose
// message says quota.
func isQuota(e *jsawait.Error) bool {
	return e.Name == "QuotaExceededError" || strings.Contains(strings.ToLower(e.Message), "quota")
}

// hostMember returns globalThis.wasmlitHost[member] when it is an object with
// the function fn, or an error saying how to get it.
func hostMember(member, fn string) (js.Value, error) {
	h := js.Global().Get("wasmlitHost")
	if h.Type() == js.TypeObject {
		if m := h.Get(member); m.Type() == js.TypeObject && m.Get(fn).Type() == js.TypeFunction {
			return m, nil
		}
	}
	return js.Undefined(), fmt.Errorf("cache: globalThis.wasmlitHost.%s is missing: run the app through "+
		"web/index.html, which loads host/host.js", member)
}
