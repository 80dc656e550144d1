package wasm_test

import (
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// Multipage apps (A10): pages with their own URLs, a menu, shared session state and cached
// functions, the history; page config; callbacks that switch pages (A11).

// pagesApp is a three-page app: a counter in session state on Home, a cached loader on two pages.
type pagesApp struct {
	home, data, about *wasm.Page
	app               func(*wasm.Session)
}

// pagesLoads counts pagesLoad's runs: a cached function of the module, not of a page.
var (
	pagesLoads atomic.Int64
	pagesLoad  = cache.Data0(func(st *wasm.Session) (int, error) {
		pagesLoads.Add(1)
		return 42, nil
	})
)

func newPagesApp(opts ...wasm.NavOption) *pagesApp {
	a := &pagesApp{}
	count := wasm.NewState("count", 0)
	shared := func(st *wasm.Session) {
		v, err := pagesLoad.Call(st)
		if err != nil {
			st.Exception(err)
		}
		st.Textf("count %d, data %d", count.Get(st), v)
	}
	a.home = &wasm.Page{Title: "Home", Icon: "🏠", Func: func(st *wasm.Session) {
		st.Title("Home")
		if st.Button("Add") {
			count.Update(st, func(n int) int { return n + 1 })
		}
		shared(st)
	}}
	a.data = &wasm.Page{Title: "Data view", Func: func(st *wasm.Session) {
		st.Title("Data")
		shared(st)
		st.Button("Go home", wasm.OnClick(func(st *wasm.Session) { st.SwitchPage(a.home) }))
	}}
	a.about = &wasm.Page{Title: "About", Path: "info", Func: func(st *wasm.Session) {
		st.Title("About")
		st.Textf("count %d", count.Get(st))
	}}
	a.app = func(st *wasm.Session) {
		st.Navigation([]*wasm.Page{a.home, a.data, a.about}, opts...).Run(st)
	}
	return a
}

func title(t *testing.T, at *wasmtest.App) string {
	t.Helper()
	ts := at.Find("stTitle")
	if len(ts) != 1 {
		t.Fatalf("want one title:\n%s", at.Root())
	}
	return ts[0].Label()
}

func page(at *wasmtest.App) string { return at.QueryParams().Get("page") }

func TestNavigationMenuHistoryAndSharedState_A10(t *testing.T) {
	a := newPagesApp()
	at := wasmtest.New(t, a.app)
	if got := title(t, at); got != "Home" {
		t.Fatalf("the app's URL shows %q, want the first page", got)
	}
	nav := at.Find("stSidebarNav")
	if len(nav) != 1 {
		t.Fatalf("want the menu in the sidebar:\n%s", at.Sidebar())
	}
	pages, _ := nav[0].Props["pages"].([]any)
	var paths []string
	for _, p := range pages {
		m := p.(map[string]any)
		paths = append(paths, m["path"].(string))
	}
	if got := strings.Join(paths, ","); got != ",data-view,info" {
		t.Fatalf("page paths = %q, want the first page at the app's own URL, then data-view and info", got)
	}

	loads := pagesLoads.Load()
	at.Click("Add")
	at.Click("Add")
	at.ClickPage("Data view")
	if got := title(t, at); got != "Data" || page(at) != "data-view" {
		t.Fatalf("after the menu: page %q at ?page=%s", got, page(at))
	}
	if got := at.Find("stText")[0].Label(); got != "count 2, data 42" {
		t.Fatalf("the data page shows %q: session state is shared by the pages", got)
	}
	if n := pagesLoads.Load() - loads; n != 0 {
		t.Fatalf("the cached loader ran %d more times on the second page, want a hit", n)
	}
	at.ClickPage("About")
	if got := title(t, at); got != "About" || page(at) != "info" {
		t.Fatalf("page %q at ?page=%s, want About at its own Path", got, page(at))
	}
	at.Back()
	if got := title(t, at); got != "Data" {
		t.Fatalf("Back shows %q, want Data", got)
	}
	at.Back()
	if got := title(t, at); got != "Home" || page(at) != "" {
		t.Fatalf("Back again shows %q at ?page=%s, want Home", got, page(at))
	}
	at.Forward()
	if got := title(t, at); got != "Data" {
		t.Fatalf("Forward shows %q, want Data", got)
	}
	if cur := at.Find("stSidebarNav")[0].Str("current"); cur != "Data view" {
		t.Fatalf("the menu marks %q as current", cur)
	}
}

func TestPageFromURL_A10(t *testing.T) {
	a := newPagesApp()
	at := wasmtest.New(t, a.app)
	at.SetQueryParams(url.Values{"page": {"info"}})
	at.Rerun()
	if got := title(t, at); got != "About" {
		t.Fatalf("?page=info shows %q, want About", got)
	}
	at.SetQueryParams(url.Values{"page": {"nowhere"}})
	at.Rerun()
	if got := title(t, at); got != "Home" {
		t.Fatalf("an unknown page shows %q, want the first page", got)
	}
	if w := at.Find("stAlert"); len(w) != 1 || !strings.Contains(w[0].Label(), `"nowhere"`) {
		t.Fatalf("want a warning naming the unknown page:\n%s", at.Root())
	}
}

func TestNavigationTopAndHidden_A10(t *testing.T) {
	at := wasmtest.New(t, newPagesApp(wasm.NavAt(wasm.NavTop)).app)
	if len(at.Find("stSidebarNav")) != 0 || len(at.Find("stTopNav")) != 1 {
		t.Fatalf("want the menu above the page:\n%s%s", at.Sidebar(), at.Root())
	}
	at.ClickPage("About")
	if got := title(t, at); got != "About" {
		t.Fatalf("got %q", got)
	}
	hidden := wasmtest.New(t, newPagesApp(wasm.NavAt(wasm.NavHidden)).app)
	if nav := hidden.Find("stTopNav"); len(nav) != 1 || nav[0].Str("position") != "hidden" {
		t.Fatalf("want a hidden menu element (it follows Back and Forward):\n%s", hidden.Root())
	}
}

// A callback switches pages with the *Session it is given (A11): no handle kept from a run.
func TestCallbackSwitchesPage_A10_A11(t *testing.T) {
	a := newPagesApp()
	at := wasmtest.New(t, a.app)
	at.ClickPage("Data view")
	at.Click("Go home")
	if got := title(t, at); got != "Home" || page(at) != "" {
		t.Fatalf("the callback's SwitchPage shows %q at ?page=%s, want Home", got, page(at))
	}
	noException(t, at)
	at.Back()
	if got := title(t, at); got != "Data" {
		t.Fatalf("Back after SwitchPage shows %q, want Data", got)
	}
}

// A callback reads and sets session state, and the next run of another page sees it (A11).
func TestCallbackStateAcrossPages_A11(t *testing.T) {
	name := wasm.NewState("name", "")
	var pA, pB *wasm.Page
	pA = &wasm.Page{Title: "A", Func: func(st *wasm.Session) {
		st.TextInput("Name", "", wasm.OnChange(func(st *wasm.Session) {
			name.Set(st, strings.ToUpper(name.Get(st)+"x"))
			st.SwitchPage(pB)
		}), name.Key())
	}}
	pB = &wasm.Page{Title: "B", Func: func(st *wasm.Session) { st.Textf("name %s", name.Get(st)) }}
	at := wasmtest.New(t, func(st *wasm.Session) { st.Navigation([]*wasm.Page{pA, pB}).Run(st) })
	at.Set("stTextInput", "Name", "ada")
	noException(t, at)
	if got := at.Find("stText"); len(got) != 1 || got[0].Label() != "name ADAX" {
		t.Fatalf("page B shows %v:\n%s", got, at.Root())
	}
}

func TestQueryParamsKeepThePage_A10_A14(t *testing.T) {
	var seen atomic.Value
	p1 := &wasm.Page{Title: "One", Func: func(st *wasm.Session) {}}
	p2 := &wasm.Page{Title: "Two", Func: func(st *wasm.Session) {
		st.SetQueryParam("q", "x")
		seen.Store(st.QueryParams().Encode())
		st.ClearQueryParams()
	}}
	at := wasmtest.New(t, func(st *wasm.Session) { st.Navigation([]*wasm.Page{p1, p2}).Run(st) })
	at.ClickPage("Two")
	if got := seen.Load(); got != "q=x" {
		t.Fatalf("QueryParams = %q, want the app's own params only", got)
	}
	if got := at.QueryParams().Encode(); got != "page=two" {
		t.Fatalf("the URL's query is %q after ClearQueryParams, want the page kept", got)
	}
}

func TestNavigationRefusesBadPages_A10(t *testing.T) {
	f := func(*wasm.Session) {}
	for _, tc := range []struct {
		name  string
		pages []*wasm.Page
		want  string
	}{
		{"none", nil, "no pages"},
		{"no title", []*wasm.Page{{Func: f}}, "no Title"},
		{"no func", []*wasm.Page{{Title: "A"}}, `"A" has no Func`},
		{"same path", []*wasm.Page{{Title: "Sales report", Func: f}, {Title: "Sales: report", Func: f}}, `same path "sales-report"`},
		{"bad path", []*wasm.Page{{Title: "A", Path: "a/b", Func: f}}, `holds '/'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := wasmtest.New(t, func(st *wasm.Session) { st.Navigation(tc.pages) })
			ex := at.Find("stException")
			if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), tc.want) || !strings.Contains(ex[0].Str("message"), "Navigation") {
				t.Fatalf("want an exception naming Navigation and %q:\n%s", tc.want, at.Root())
			}
		})
	}
	at := wasmtest.New(t, func(st *wasm.Session) { st.SwitchPage(&wasm.Page{Title: "X", Func: f}) })
	if ex := at.Find("stException"); len(ex) != 1 || !strings.Contains(ex[0].Str("message"), "has not called Navigation") {
		t.Fatalf("SwitchPage before Navigation:\n%s", at.Root())
	}
}

func TestSetPageConfig_A10(t *testing.T) {
	p := &wasm.Page{Title: "Report", Func: func(st *wasm.Session) {
		st.SetPageConfig(wasm.PageConfig{Sidebar: wasm.SidebarCollapsed}) // a page adds to the app's
		st.Text("body")
	}}
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.SetPageConfig(wasm.PageConfig{Title: "Sales", Icon: "📈", Layout: wasm.LayoutWide})
		st.Navigation([]*wasm.Page{p}).Run(st)
	})
	cfg := at.Find("stPageConfig")
	if len(cfg) != 1 {
		t.Fatalf("want one page config element:\n%s", at.Root())
	}
	for k, want := range map[string]string{"title": "Sales", "icon": "📈", "layout": "wide", "sidebar": "collapsed"} {
		if got := cfg[0].Str(k); got != want {
			t.Errorf("page config %s = %q, want %q", k, got, want)
		}
	}
	bad := wasmtest.New(t, func(st *wasm.Session) { st.SetPageConfig(wasm.PageConfig{Layout: "full"}) })
	if ex := bad.Find("stException"); len(ex) != 1 || !strings.Contains(ex[0].Str("message"), "LayoutWide") {
		t.Fatalf("want an exception saying which layouts exist:\n%s", bad.Root())
	}
}

// SwitchPage in a callback changes the page without ending the run, so the interaction's other
// callbacks still run (A11), and the run draws the new page once.
func TestSwitchPageInCallbackKeepsOtherCallbacks_A10_A11(t *testing.T) {
	note := wasm.NewState("note", "")
	var pA, pB *wasm.Page
	pA = &wasm.Page{Title: "A", Func: func(st *wasm.Session) {
		st.Button("Go", wasm.OnClick(func(st *wasm.Session) { st.SwitchPage(pB) }))
		st.TextInput("Note", "", wasm.OnChange(func(st *wasm.Session) { note.Set(st, "changed") }))
	}}
	pB = &wasm.Page{Title: "B", Func: func(st *wasm.Session) { st.Textf("note %q", note.Get(st)) }}
	at := wasmtest.New(t, func(st *wasm.Session) { st.Navigation([]*wasm.Page{pA, pB}).Run(st) })
	runs := at.Runs()
	at.Send(wasmtest.Event{ID: at.ID("stButton", "Go"), Type: "click", Value: true},
		wasmtest.Event{ID: at.ID("stTextInput", "Note"), Type: "change", Value: "x"})
	at.Settle()
	noException(t, at)
	if got := at.Find("stText"); len(got) != 1 || got[0].Label() != `note "changed"` {
		t.Fatalf("page B shows %v: the text input's callback did not run", at.Root())
	}
	if n := at.Runs() - runs; n != 1 {
		t.Fatalf("the interaction took %d runs, want 1", n)
	}
}
