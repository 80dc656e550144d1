package cache

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
)

func TestCachedWidgetErrorWording_B14(t *testing.T) {
	for _, tc := range []struct {
		err  *CachedWidgetError
		want string
	}{
		{&CachedWidgetError{Func: "makeForm", Kind: "stSlider", Label: "Rows"},
			"Widgets inside cached function 'makeForm' are not allowed: their values would not be part of the cache key. " +
				"Move the widget (stSlider \"Rows\") out of the function, or pass cache.AllowWidgets() to cache it per widget value."},
		{&CachedWidgetError{Func: "load", Kind: "stFileUploader", Label: "CSV", Unsupported: true},
			"Widget stFileUploader \"CSV\" inside cached function 'load' is not supported, even with cache.AllowWidgets(): " +
				"its value cannot be part of the cache key. Move the widget out of the function and pass what it returns as an argument."},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
		}
	}
}

// widgetHost is a fake driver.WidgetRuntime: widgets are named values the test sets; a cached function
// "draws" one with draw.
type widgetHost struct {
	*fakeHost
	values map[string]string
	rec    *widgetRec
	specs  []driver.MissSpec
	replay error // what Replay returns
}

type widgetRec struct {
	driver.Recorder
	drawn []driver.DrawnWidget
}

func (r *widgetRec) Widgets() []driver.DrawnWidget { return r.drawn }

func newWidgetHost() *widgetHost {
	return &widgetHost{fakeHost: newHost(), values: map[string]string{}}
}

func (h *widgetHost) BeginMiss(spec driver.MissSpec) driver.Recorder {
	h.specs = append(h.specs, spec)
	h.rec = &widgetRec{Recorder: h.fakeHost.BeginMiss(spec)}
	return h.rec
}

func (h *widgetHost) WidgetValues(ids []string) [][]byte {
	out := make([][]byte, len(ids))
	for i, id := range ids {
		if v, ok := h.values[id]; ok {
			out[i] = []byte(v)
		}
	}
	return out
}

func (h *widgetHost) Replay(b []byte) error {
	if h.replay != nil {
		return h.replay
	}
	return h.fakeHost.Replay(b)
}

// draw is a widget drawn by a cached function: its value, created with def when it has none.
func (h *widgetHost) draw(id, def string) string {
	v, ok := h.values[id]
	if !ok {
		v = def
		h.values[id] = v
	}
	h.Emit("widget " + id)
	h.rec.drawn = append(h.rec.drawn, driver.DrawnWidget{ID: id, Value: []byte(v), Fresh: !ok})
	return v
}

func TestWidgetKeyDataAndManifestAcrossEngines_B14(t *testing.T) {
	store := newMemoryStore(-1) // the persistent tier both engines share
	runs := 0
	open := func() (*DataFunc1[*widgetHost, int, string], *testEnv) {
		env := newEnv(t, store)
		f := Data1(func(h *widgetHost, n int) (string, error) {
			runs++
			return h.draw("rows", "10") + "x" + itoa(n), nil
		}, AllowWidgets(), env.opt())
		return f, env
	}
	f, _ := open()
	h := newWidgetHost()
	call := func(f *DataFunc1[*widgetHost, int, string], h *widgetHost, want string, wantRuns int) {
		t.Helper()
		if got := must[string](t)(f.Call(h, 2)); got != want || runs != wantRuns {
			t.Fatalf("got %q after %d runs, want %q after %d", got, runs, want, wantRuns)
		}
	}
	call(f, h, "10x2", 1)
	if len(h.specs) != 1 || !h.specs[0].AllowWidgets || h.specs[0].Func == "" {
		t.Fatalf("miss spec = %+v", h.specs)
	}
	h.values["rows"] = "30"
	call(f, h, "30x2", 2)
	h.values["rows"] = "10"
	call(f, h, "10x2", 2)
	f.core.opts.engine.Flush()

	f2, _ := open()
	fresh := newWidgetHost() // no widget state: the manifest's default (10) is used
	call(f2, fresh, "10x2", 2)
	if el := fresh.elements(); len(el) != 1 || el[0] != "widget rows" {
		t.Fatalf("replayed %q", el)
	}
	fresh.values["rows"] = "30"
	call(f2, fresh, "30x2", 2)

	f2.ClearArgs(2)
	call(f2, fresh, "30x2", 3)
}

func TestWidgetsOffWithoutOptInAndWithPlainHosts_B14(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data0(func(h Session) (int, error) { runs++; return 1, nil }, env.opt())
	h := newWidgetHost()
	_ = must[int](t)(f.Call(h))
	if len(h.specs) != 1 || h.specs[0].AllowWidgets {
		t.Fatalf("miss spec = %+v, want widgets refused", h.specs)
	}
	g := Data0(func(h Session) (int, error) { runs++; return 2, nil }, AllowWidgets(), env.opt())
	for range 2 {
		_ = must[int](t)(g.Call(NoSession{}))
	}
	if runs != 2 {
		t.Fatalf("runs = %d: AllowWidgets with a plain host caches by arguments alone", runs)
	}
}

func TestUnreplayableRecordingIsAMiss_B14(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data0(func(h *widgetHost) (int, error) { runs++; h.Emit("el"); return runs, nil }, env.opt())
	h := newWidgetHost()
	_ = must[int](t)(f.Call(h))
	h.replay = errors.New("recorded elements have format 1, this build reads 2")
	if v := must[int](t)(f.Call(h)); v != 2 {
		t.Fatalf("got %d, want a recomputed 2", v)
	}
	if w := env.warns.all(); len(w) != 1 || !strings.Contains(w[0], "cannot be replayed") {
		t.Fatalf("warnings = %q", w)
	}
	r := Resource0(func(h *widgetHost) (*int, error) { runs++; h.Emit("el"); v := runs; return &v, nil }, env.opt())
	h.replay = nil
	first := must[*int](t)(r.Call(h))
	h.replay = errors.New("bad")
	if again := must[*int](t)(r.Call(h)); again == first {
		t.Fatal("a resource whose elements cannot be replayed was served")
	}
}

func TestDamagedManifestIsAMiss_B14(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data0(func(h *widgetHost) (string, error) { runs++; return h.draw("w", "a"), nil }, AllowWidgets(), env.opt())
	h := newWidgetHost()
	_ = must[string](t)(f.Call(h))
	mk := manifestKey(must[string](t)(f.core.key()))
	b, _, _ := env.e.dataTier().get(context.Background(), mk)
	rec, err := decodeRecord(b, false)
	if err != nil {
		t.Fatal(err)
	}
	rec.Value = []byte("garbage")
	env.e.dataTier().set(context.Background(), mk, rec.encode(), nil)
	if v := must[string](t)(f.Call(h)); v != "a" || runs != 2 {
		t.Fatalf("got %q after %d runs, want a recompute", v, runs)
	}
	if _, err := decodeManifest(nil); err == nil {
		t.Fatal("empty manifest decoded")
	}
}

func FuzzDecodeManifest(f *testing.F) {
	f.Add((&manifest{ids: []string{"a", "key:b"}, defaults: [][]byte{[]byte("1"), nil}}).encode())
	f.Add([]byte(manifestMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeManifest(b)
		if err != nil {
			return
		}
		if _, err := decodeManifest(m.encode()); err != nil {
			t.Fatalf("re-encoded manifest does not decode: %v", err)
		}
	})
}
