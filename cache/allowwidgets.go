package cache

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"

	"github.com/zeebo/xxh3"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// Widgets inside a cached function (B14, Streamlit's experimental_allow_widgets).
//
// Without AllowWidgets, a runtime that implements driver.WidgetRuntime refuses a widget drawn inside a cached
// function with a *CachedWidgetError. With it, the values of the widgets the function draws are
// part of the key, found in two steps:
//
//	args key ──► manifest: the ids of the widgets drawn the last time the function ran for
//	             these arguments, and each one's default value
//	args key + the current values of those widgets (driver.WidgetRuntime.WidgetValues) ──► entry key
//
// A miss runs the function, which draws its widgets with their current values; the recorder
// reports them (driver.Recorder.Widgets), the entry is stored under the key of those values and
// the manifest is rewritten. Data functions store manifests in both tiers, so they survive a
// reload; resource functions keep them in memory with their entries. A widget with no state in
// the session yet (after a reload) counts with the default value the manifest remembers, which
// is the value the function drew when it created the widget.
//
// Entry keys are the args key + "/" + a hash of the widget ids and values, and the manifest's
// key is the args key + "/m", so clearing one set of arguments is a prefix clear.

// AllowWidgets lets the function draw widgets (Streamlit's experimental_allow_widgets): the
// values of the widgets it draws become part of the key, so it runs once per combination of
// argument values and widget values, and a hit replays the widgets live (they keep working).
// Mind the memory: every combination of widget values stores its own result, even for widgets
// that do not change the result; keep such functions small, or bound them with MaxEntries.
func AllowWidgets() Option { return func(o *options) { o.allowWidgets = true } }

// widgetRuntime returns rt as a driver.WidgetRuntime when the function's key includes widget values.
func (f *funcInfo) widgetRuntime(rt driver.Runtime) driver.WidgetRuntime {
	if !f.opts.allowWidgets || rt == nil {
		return nil
	}
	wr, _ := rt.(driver.WidgetRuntime)
	return wr
}

// manifest lists the widgets a function drew the last time it ran for one set of arguments.
type manifest struct {
	ids      []string
	defaults [][]byte // per id: its value when its state did not exist yet
}

const manifestMagic = "wlm\x01" // magic and format version

func manifestKey(argsKey string) string { return argsKey + "/m" }

// entryKey is the key of the entry for argsKey and these widget values. A nil value stands for
// a widget without state: the manifest's default is used.
func (m *manifest) entryKey(argsKey string, vals [][]byte) string {
	var h xxh3.Hasher128
	var n [binary.MaxVarintLen64]byte
	put := func(b []byte) {
		_, _ = h.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		_, _ = h.Write(b)
	}
	for i, id := range m.ids {
		v := m.defaults[i]
		if i < len(vals) && vals[i] != nil {
			v = vals[i]
		}
		put([]byte(id))
		put(v)
	}
	sum := h.Sum128().Bytes()
	return argsKey + "/" + hex.EncodeToString(sum[:])
}

// drawnManifest is the manifest after a miss that drew ws; old is the previous manifest, whose
// defaults are kept for widgets not created by this drawing.
func drawnManifest(old *manifest, ws []driver.DrawnWidget) (*manifest, [][]byte) {
	m := &manifest{ids: make([]string, len(ws)), defaults: make([][]byte, len(ws))}
	vals := make([][]byte, len(ws))
	for i, w := range ws {
		m.ids[i], vals[i] = w.ID, w.Value
		m.defaults[i] = w.Value
		if w.Fresh || old == nil {
			continue
		}
		for j, id := range old.ids {
			if id == w.ID {
				m.defaults[i] = old.defaults[j]
				break
			}
		}
	}
	return m, vals
}

func (m *manifest) encode() []byte {
	b := []byte(manifestMagic)
	b = binary.AppendUvarint(b, uint64(len(m.ids)))
	for i, id := range m.ids {
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		b = binary.AppendUvarint(b, uint64(len(m.defaults[i])))
		b = append(b, m.defaults[i]...)
	}
	return b
}

var errBadManifest = errors.New("bad widget manifest")

func decodeManifest(b []byte) (*manifest, error) {
	if !bytes.HasPrefix(b, []byte(manifestMagic)) {
		return nil, errBadManifest
	}
	p := b[len(manifestMagic):]
	n, k := binary.Uvarint(p)
	if k <= 0 || n > uint64(len(p)) {
		return nil, errBadManifest
	}
	p = p[k:]
	m := &manifest{ids: make([]string, 0, n), defaults: make([][]byte, 0, n)}
	for range n {
		id, rest, ok := readBytes(p)
		if !ok {
			return nil, errBadManifest
		}
		def, rest, ok := readBytes(rest)
		if !ok {
			return nil, errBadManifest
		}
		m.ids = append(m.ids, string(id))
		m.defaults = append(m.defaults, bytes.Clone(def))
		p = rest
	}
	if len(p) != 0 {
		return nil, errBadManifest
	}
	return m, nil
}

// readManifest reads a data function's manifest for argsKey; a missing, foreign or damaged one
// is nil (a damaged one is deleted).
func (c *dataCore[R]) readManifest(ctx context.Context, argsKey string, onlyPersistent bool) *manifest {
	t := c.opts.engine.dataTier()
	key := manifestKey(argsKey)
	b, persisted, ok := t.read(ctx, key, onlyPersistent)
	if !ok {
		return nil
	}
	rec, err := decodeRecord(b, persisted)
	if err == nil && (rec.Name != c.id.Name || rec.FuncHash != c.id.Hash || rec.Type != manifestFP) {
		err = errors.New("manifest belongs to another function")
	}
	var m *manifest
	if err == nil {
		m, err = decodeManifest(rec.Value)
	}
	if err != nil {
		c.opts.engine.warn("cache: dropping an unreadable widget manifest; recomputing",
			"func", c.id.Display, "key", key, "err", err)
		t.delete(context.Background(), key)
		return nil
	}
	return m
}

// widgetEntryKey returns the key of the entry for argsKey and the widgets' current values, or
// false when no manifest says which widgets the function draws.
func (c *dataCore[R]) widgetEntryKey(ctx context.Context, wr driver.WidgetRuntime, argsKey string, onlyPersistent bool) (string, bool) {
	m := c.readManifest(ctx, argsKey, onlyPersistent)
	if m == nil {
		return "", false
	}
	return m.entryKey(argsKey, wr.WidgetValues(m.ids)), true
}
