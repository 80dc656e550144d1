package cache

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"

	"github.com/zeebo/xxh3"
)

// Widgets inside a cached function (B14, Streamlit's experimental_allow_widgets).
//
// Without AllowWidgets, a host that implements WidgetHost refuses a widget drawn inside a cached
// function with a *CachedWidgetError. With it, the values of the widgets the function draws are
// part of the key, found in two steps:
//
//	args key ──► manifest: the ids of the widgets drawn the last time the function ran for
//	             these arguments, and each one's default value
//	args key + the current values of those widgets (WidgetHost.WidgetValues) ──► entry key
//
// A miss runs the function, which draws its widgets with their current values; the recorder
// reports them (WidgetRecorder.Widgets), the entry is stored under the key of those values and
// the manifest is rewritten. Data functions store manifests in both tiers, so they survive a
// reload; resource functions keep them in memory with their entries. A widget with no state in
// the session yet (after a reload) counts with the default value the manifest remembers, which
// is the value the function drew when it created the widget.
//
// Entry keys are the args key + "/" + a hash of the widget ids and values, and the manifest's
// key is the args key + "/m", so clearing one set of arguments is a prefix clear.

// WidgetHost is implemented by a Host whose elements include widgets (the runtime's session).
// The cache uses it, when the Host implements it, instead of Host.BeginMiss for every miss, and
// for the key of a function cached with AllowWidgets. A Host that does not implement it (NoHost,
// plain programs) cannot draw widgets: AllowWidgets changes nothing for it.
type WidgetHost interface {
	Host
	// BeginWidgetMiss is Host.BeginMiss with what the host needs to police widgets: a widget
	// drawn (or replayed) while spec.AllowWidgets is false, in this function or in a function it
	// calls, stops the function with a *CachedWidgetError (a panic, which the cache hands on to
	// the caller as a *PanicError whose Value is that error). Recordings nest: every enclosing
	// recording sees the widgets an inner one sees.
	BeginWidgetMiss(spec MissSpec) WidgetRecorder
	// WidgetValues returns the current value of each widget in ids, encoded as
	// DrawnWidget.Value is, or nil for a widget that has no state in the session (not drawn
	// since the page loaded). It is called on the goroutine of the cached call; the caller owns
	// the result.
	WidgetValues(ids []string) [][]byte
}

// MissSpec describes a miss to a WidgetHost. Its zero value means: no spinner, widgets refused,
// no function name.
type MissSpec struct {
	Spinner      SpinnerSpec
	Func         string // display name of the cached function, for error messages
	AllowWidgets bool   // the function was cached with AllowWidgets
}

// WidgetRecorder is the Recorder of a WidgetHost: it also reports the widgets drawn.
type WidgetRecorder interface {
	Recorder
	// Widgets returns the widgets the function drew (or replayed, in nested cached calls)
	// while recording, in drawing order, one entry per widget id; it is called once, after End.
	// The cache owns the result.
	Widgets() []DrawnWidget
}

// DrawnWidget is one widget drawn by a cached function during a miss.
type DrawnWidget struct {
	ID    string // the widget's identity in the session
	Value []byte // its value when drawn, encoded by the host: equal values have equal bytes
	Fresh bool   // its state was created by this drawing, so Value is the widget's default
}

// AllowWidgets lets the function draw widgets (Streamlit's experimental_allow_widgets): the
// values of the widgets it draws become part of the key, so it runs once per combination of
// argument values and widget values, and a hit replays the widgets live (they keep working).
// Mind the memory: every combination of widget values stores its own result, even for widgets
// that do not change the result; keep such functions small, or bound them with MaxEntries.
func AllowWidgets() Option { return func(o *options) { o.allowWidgets = true } }

// widgetHost returns host as a WidgetHost when the function's key includes widget values.
func (f *funcInfo) widgetHost(host Host) WidgetHost {
	if !f.opts.allowWidgets || host == nil {
		return nil
	}
	wh, _ := host.(WidgetHost)
	return wh
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
func drawnManifest(old *manifest, ws []DrawnWidget) (*manifest, [][]byte) {
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
func (c *dataCore[R]) widgetEntryKey(ctx context.Context, wh WidgetHost, argsKey string, onlyPersistent bool) (string, bool) {
	m := c.readManifest(ctx, argsKey, onlyPersistent)
	if m == nil {
		return "", false
	}
	return m.entryKey(argsKey, wh.WidgetValues(m.ids)), true
}
