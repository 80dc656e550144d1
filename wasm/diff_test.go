package wasm_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// spec is a random page: elements with nested containers, which the app draws on each run.
type spec struct {
	kind     string // "text", "title", "button", "box"
	label    string
	children []spec
}

func randomPage(r *rand.Rand, depth int, used map[string]bool) []spec {
	n := r.IntN(7)
	out := make([]spec, 0, n)
	for i := 0; i < n; i++ {
		s := spec{label: fmt.Sprintf("v%d", r.IntN(4))}
		switch k := r.IntN(4); {
		case k == 0 && depth < 3:
			s.kind = "box"
			s.children = randomPage(r, depth+1, used)
		case k == 1:
			s.kind = "button"
			if used[s.label] {
				continue // widget identity must be unique in a run
			}
			used[s.label] = true
		case k == 2:
			s.kind = "title"
		default:
			s.kind = "text"
		}
		out = append(out, s)
	}
	return out
}

func draw(st *wasm.Session, page []spec) {
	for _, s := range page {
		switch s.kind {
		case "box":
			draw(st.Container(), s.children)
		case "button":
			st.Button(s.label)
		case "title":
			st.Title(s.label)
		default:
			st.Text(s.label)
		}
	}
}

func outline(page []spec) string {
	var b strings.Builder
	var walk func([]spec, int)
	kinds := map[string]string{"box": "stVerticalBlock", "button": "stButton", "title": "stTitle", "text": "stText"}
	walk = func(page []spec, depth int) {
		for _, s := range page {
			label := s.label
			if s.kind == "box" {
				label = ""
			}
			fmt.Fprintf(&b, "%s%s %q\n", strings.Repeat("  ", depth), kinds[s.kind], label)
			walk(s.children, depth+1)
		}
	}
	walk(page, 1)
	return b.String()
}

// TestDiffReachesEveryPage_A1 draws random pages one after another and checks that, after each
// run, the page rebuilt from the patches is exactly the page the app drew.
func TestDiffReachesEveryPage_A1(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var mu sync.Mutex
	page := randomPage(r, 0, map[string]bool{})
	at := wasmtest.New(t, func(st *wasm.Session) {
		mu.Lock()
		p := page
		mu.Unlock()
		draw(st, p)
	})
	for i := 0; i < 400; i++ {
		mu.Lock()
		page = randomPage(r, 0, map[string]bool{})
		mu.Unlock()
		at.Rerun()
		want := "main \"\"\n" + outline(page)
		if got := at.Root().String(); got != want {
			t.Fatalf("run %d: page differs\n got:\n%s\nwant:\n%s", i, got, want)
		}
	}
}

func TestUnchangedRerunSendsNothing_A1(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		for i := 0; i < 100; i++ {
			st.Textf("line %d", i)
		}
		st.Button("Go")
	})
	n0, _ := at.Patches()
	at.Rerun()
	if n, _ := at.Patches(); n != n0 {
		t.Fatalf("an unchanged rerun sent %d patch buffers", n-n0)
	}
}

func TestOneChangeSendsOneUpdate_A1(t *testing.T) {
	// A slow machine (wasm under Node on a loaded CI) must not turn this run into partial flushes.
	t.Cleanup(wasm.StopClock())
	at := wasmtest.New(t, func(st *wasm.Session) {
		v := wasm.Slider(st, "V", 0, 10, 0)
		for i := 0; i < 1000; i++ {
			if i == 500 {
				st.Textf("value %d", v)
				continue
			}
			st.Textf("line %d", i)
		}
	})
	_, b0 := at.Patches()
	at.Set("stSlider", "V", 4)
	_, b1 := at.Patches()
	// Two updates: the slider's own value and the one text that shows it.
	if b1-b0 > 200 {
		t.Fatalf("one change sent %d bytes; expected two small updates", b1-b0)
	}
	if got := at.Find("stText")[500].Label(); got != "value 4" {
		t.Fatalf("got %q", got)
	}
}

func TestSpinnerPaintsBeforeWorkAndLeftoversGoStale_A1(t *testing.T) {
	inside := make(chan struct{})
	release := make(chan struct{})
	slow := wasm.NewState("slow", false)
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Top")
		if slow.Get(st) {
			st.Spinner("Crunching", func() {
				inside <- struct{}{}
				<-release
			})
		}
		st.Text("bottom")
		if st.Button("Slow") {
			slow.Set(st, true)
			st.Rerun()
		}
	})
	at.Send(wasmtest.Event{ID: "stButton:Slow", Type: "click", Value: true})
	<-inside
	if n := len(at.Find("stSpinner")); n != 1 {
		t.Fatalf("spinner not on the page while the work runs:\n%s", at.Root())
	}
	if texts := at.Find("stText"); len(texts) != 1 || !texts[0].Stale {
		t.Fatalf("the last run's text should stay, marked stale:\n%s", at.Root())
	}
	close(release)
	at.Settle()
	if n := len(at.Find("stSpinner")); n != 0 {
		t.Fatalf("spinner left after the work:\n%s", at.Root())
	}
	if texts := at.Find("stText"); len(texts) != 1 || texts[0].Stale {
		t.Fatalf("text should be current again:\n%s", at.Root())
	}
}

// BenchmarkRerun1000OneChange measures a rerun of a 1,000-element app where one element changes:
// the runtime's share of the "rerun under 5 ms" (the host's DOM work is measured in the
// browser bench).
func BenchmarkRerun1000OneChange(b *testing.B) { benchRerun(b, 1000, false) }

// BenchmarkRerun1000AllChange is the same with every element changing.
func BenchmarkRerun1000AllChange(b *testing.B) { benchRerun(b, 1000, true) }

func benchRerun(b *testing.B, n int, all bool) {
	var mu sync.Mutex
	gen := 0
	at := wasmtest.New(b, func(st *wasm.Session) {
		mu.Lock()
		g := gen
		mu.Unlock()
		for i := 0; i < n; i++ {
			if all || i == n/2 {
				st.Textf("line %d gen %d", i, g)
			} else {
				st.Textf("line %d", i)
			}
		}
	})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mu.Lock()
		gen++
		mu.Unlock()
		at.Rerun()
	}
}
