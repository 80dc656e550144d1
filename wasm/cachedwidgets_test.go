package wasm_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func TestWidgetInCachedFunctionWithoutOptInIsAnError_B14(t *testing.T) {
	var dataRuns, resRuns atomic.Int32
	e := cache.NewEngine(cache.Config{})
	makeForm := cache.Data0(func(st *wasm.Session) (int, error) {
		dataRuns.Add(1)
		return wasm.Slider(st, "Rows", 0, 100, 10), nil
	}, cache.WithEngine(e))
	makeModel := cache.Resource0(func(st *wasm.Session) (*int, error) {
		resRuns.Add(1)
		v := wasm.NumberInput(st, "Size", 3)
		return &v, nil
	}, cache.WithEngine(e))
	for _, tc := range []struct {
		name string
		app  func(st *wasm.Session)
		runs *atomic.Int32
		kind string
	}{
		{"data", func(st *wasm.Session) { makeForm.Call(st) }, &dataRuns, "stSlider"},
		{"resource", func(st *wasm.Session) { makeModel.Call(st) }, &resRuns, "stNumberInput"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := wasmtest.New(t, tc.app) // the error stops the run
			at.Rerun()
			ex := at.Find("stException")
			if len(ex) != 1 {
				t.Fatalf("want one exception element:\n%s", at.Root())
			}
			msg := ex[0].Str("message")
			if !strings.HasPrefix(msg, "Widgets inside cached function '") ||
				!strings.Contains(msg, "pass cache.AllowWidgets() to cache it per widget value.") {
				t.Errorf("message = %q", msg)
			}
			if got := ex[0].Str("type"); got != "CachedWidgetError" {
				t.Errorf("exception type = %q", got)
			}
			if len(at.Find(tc.kind)) != 0 {
				t.Errorf("the refused widget is on the page:\n%s", at.Root())
			}
			if n := tc.runs.Load(); n != 2 {
				t.Errorf("function ran %d times in two runs, want 2: nothing may be cached", n)
			}
		})
	}
	for _, s := range e.Stats() {
		if s.Entries != 0 {
			t.Errorf("%s has %d entries, want none", s.Display, s.Entries)
		}
	}
}

func TestWidgetValuesArePartOfTheKey_B14(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	table := cache.Data1(func(st *wasm.Session, scale int) (int, error) {
		runs.Add(1)
		rows := wasm.Slider(st, "Rows", 0, 100, 10)
		st.Textf("computed for %d rows", rows)
		return rows * scale, nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	at := wasmtest.New(t, func(st *wasm.Session) {
		v, err := table.Call(st, 2)
		st.Exception(err)
		st.Textf("value %d", v)
	})
	check := func(step string, wantRuns int32, wantValue string) {
		t.Helper()
		if got := runs.Load(); got != wantRuns {
			t.Errorf("%s: function ran %d times, want %d", step, got, wantRuns)
		}
		texts := at.Find("stText")
		if len(texts) != 2 || texts[1].Label() != wantValue {
			t.Fatalf("%s: page:\n%s", step, at.Root())
		}
	}
	check("first value", 1, "value 20")
	at.Set("stSlider", "Rows", 30)
	check("second value", 2, "value 60")
	at.Set("stSlider", "Rows", 10)
	check("back to the first value", 2, "value 20")
	if got := at.Find("stText")[0].Label(); got != "computed for 10 rows" {
		t.Errorf("replayed text = %q", got)
	}
	if got := at.Get("stSlider", "Rows").Props["value"]; got != 10.0 {
		t.Errorf("replayed slider shows %v, want 10", got)
	}
	at.Set("stSlider", "Rows", 30)
	check("second value again", 2, "value 60")
	if s := table.Stats(); s.Entries != 2 || s.Hits != 2 || s.Misses != 2 {
		t.Errorf("stats = %+v, want 2 entries, 2 hits, 2 misses", s)
	}
}

func TestReplayedWidgetIsLive_B14(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	form := cache.Data0(func(st *wasm.Session) (string, error) {
		runs.Add(1)
		city := wasm.Selectbox(st, "City", []string{"Tokyo", "Osaka", "Kyoto"})
		show := st.Checkbox("Details", false)
		return fmt.Sprintf("%s %v", city, show), nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	at := wasmtest.New(t, func(st *wasm.Session) {
		v, err := form.Call(st)
		st.Exception(err)
		st.Text(v)
		st.Button("Again")
	})
	at.Click("Again") // a hit: the widgets on the page are replayed ones
	if runs.Load() != 1 {
		t.Fatalf("runs = %d after a rerun, want 1", runs.Load())
	}
	before := at.Runs()
	at.Send(wasmtest.Event{ID: at.ID("stSelectbox", "City"), Type: "change", Value: 2})
	at.Settle()
	if at.Runs() == before {
		t.Fatalf("an event to the replayed selectbox caused no rerun")
	}
	if got := at.Find("stText")[0].Label(); got != "Kyoto false" || runs.Load() != 2 {
		t.Fatalf("after choosing Kyoto: %q, runs %d; want \"Kyoto false\", 2", got, runs.Load())
	}
	at.Click("Again") // replay again, then drive the other widget
	at.Set("stCheckbox", "Details", true)
	if got := at.Find("stText")[0].Label(); got != "Kyoto true" || runs.Load() != 3 {
		t.Fatalf("after ticking Details: %q, runs %d; want \"Kyoto true\", 3", got, runs.Load())
	}
	if len(at.Find("stException")) != 0 {
		t.Fatalf("exception:\n%s", at.Root())
	}
}

func TestReplayedWidgetIsClaimedDuplicatesAreErrors_B14(t *testing.T) {
	e := cache.NewEngine(cache.Config{})
	inner := cache.Data0(func(st *wasm.Session) (bool, error) {
		return st.Checkbox("Show", false), nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	at := wasmtest.New(t, func(st *wasm.Session) {
		inner.Call(st)
		st.Checkbox("Show", false) // the same identity as the cached function's
		st.Button("Again")
	})
	for _, step := range []string{"miss", "hit"} {
		ex := at.Find("stException")
		if len(ex) != 1 || ex[0].Str("type") != "DuplicateWidgetID" {
			t.Fatalf("%s: want a DuplicateWidgetID exception:\n%s", step, at.Root())
		}
		at.Rerun()
	}
}

func TestResourceWidgetValuesArePartOfTheKey_B14(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	model := cache.Resource0(func(st *wasm.Session) (*string, error) {
		runs.Add(1)
		v := wasm.Radio(st, "Model", []string{"small", "large"})
		return &v, nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	var seen []*string
	at := wasmtest.New(t, func(st *wasm.Session) {
		m, err := model.Call(st)
		st.Exception(err)
		seen = append(seen, m)
		st.Text(*m)
	})
	at.Set("stRadio", "Model", 1)
	at.Set("stRadio", "Model", 0)
	if runs.Load() != 2 {
		t.Fatalf("runs = %d, want 2", runs.Load())
	}
	if len(seen) != 3 || seen[0] != seen[2] || seen[0] == seen[1] {
		t.Fatalf("instances %v: going back to small must give the very first instance", seen)
	}
}

func TestWidgetManifestSurvivesReload_B14(t *testing.T) {
	dir := t.TempDir()
	open := func() (*cache.DataFunc0[*wasm.Session, int], *atomic.Int32, *cache.Engine) {
		fs, err := cache.NewFileStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		e := cache.NewEngine(cache.Config{Store: fs})
		runs := new(atomic.Int32)
		f := cache.Data0(func(st *wasm.Session) (int, error) {
			runs.Add(1)
			n := wasm.NumberInput(st, "N", 10)
			return n * n, nil
		}, cache.AllowWidgets(), cache.WithEngine(e))
		return f, runs, e
	}
	app := func(f *cache.DataFunc0[*wasm.Session, int]) func(st *wasm.Session) {
		return func(st *wasm.Session) {
			v, err := f.Call(st)
			st.Exception(err)
			st.Textf("%d", v)
		}
	}
	f1, runs1, e1 := open()
	at1 := wasmtest.New(t, app(f1))
	at1.Set("stNumberInput", "N", 30)
	if runs1.Load() != 2 {
		t.Fatalf("first page: runs = %d, want 2", runs1.Load())
	}
	e1.Flush()

	// A reload: a new engine over the same store, a new session without widget state.
	f2, runs2, e2 := open()
	defer e2.Flush()
	at2 := wasmtest.New(t, app(f2))
	if got := at2.Find("stText")[0].Label(); got != "100" || runs2.Load() != 0 {
		t.Fatalf("after reload: %q, runs %d; want 100 from the cache, 0 runs", got, runs2.Load())
	}
	if got := at2.Get("stNumberInput", "N").Props["value"]; got != 10.0 {
		t.Fatalf("replayed input shows %v, want its default 10", got)
	}
	at2.Set("stNumberInput", "N", 30) // the replayed widget is live, and 30 was computed before the reload
	if got := at2.Find("stText")[0].Label(); got != "900" || runs2.Load() != 0 {
		t.Fatalf("after setting 30: %q, runs %d; want 900 from the cache, 0 runs", got, runs2.Load())
	}
	at2.Set("stNumberInput", "N", 7)
	if got := at2.Find("stText")[0].Label(); got != "49" || runs2.Load() != 1 {
		t.Fatalf("after setting 7: %q, runs %d; want 49 computed", got, runs2.Load())
	}
}

func TestWidgetRefusedNamesInnermostRefusingFunction_B14(t *testing.T) {
	e := cache.NewEngine(cache.Config{})
	inner := cache.Data0(func(st *wasm.Session) (bool, error) {
		return st.Toggle("On", false), nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	outer := cache.Data0(func(st *wasm.Session) (bool, error) {
		return inner.Call(st)
	}, cache.WithEngine(e))
	upload := cache.Data0(func(st *wasm.Session) (int, error) {
		return len(st.FileUploader("CSV")), nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	at := wasmtest.New(t, func(st *wasm.Session) {
		_, err := inner.Call(st) // computed: the next call of outer replays it
		st.Exception(err)
		_, _ = outer.Call(st)
	})
	ex := at.Find("stException")
	if len(ex) != 1 {
		t.Fatalf("want one exception:\n%s", at.Root())
	}
	if msg := ex[0].Str("message"); !strings.Contains(msg, "func2'") {
		t.Errorf("message does not name the outer function: %q", msg)
	}
	at2 := wasmtest.New(t, func(st *wasm.Session) { _, _ = upload.Call(st) })
	ex = at2.Find("stException")
	if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), "not supported, even with cache.AllowWidgets()") {
		t.Fatalf("file uploader: want an unsupported error:\n%s", at2.Root())
	}
}
