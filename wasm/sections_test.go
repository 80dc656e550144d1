package wasm_test

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// menuPages returns the menu's pages as "section/title" ("/title" for a page with no header).
func menuPages(t *testing.T, at *wasmtest.App, kind string) []string {
	t.Helper()
	navs := at.Find(kind)
	if len(navs) != 1 {
		t.Fatalf("want one %s:\n%s%s", kind, at.Sidebar(), at.Root())
	}
	var out []string
	pages, _ := navs[0].Props["pages"].([]any)
	for _, p := range pages {
		m := p.(map[string]any)
		section, _ := m["section"].(string)
		out = append(out, section+"/"+m["title"].(string))
	}
	return out
}

// Pages grouped under section headers, like st.navigation({"Reports": [...]}) (A10): the pages
// given to Navigation come first with no header, then each Section's under its title, in the
// sidebar and in the top menu; every page still has its URL and is reached from the menu.
func TestNavigationSections_A10(t *testing.T) {
	f := func(title string) *wasm.Page {
		return &wasm.Page{Title: title, Func: func(st *wasm.Session) { st.Title(title) }}
	}
	home, sales, costs, search := f("Home"), f("Sales"), f("Costs"), f("Search")
	for _, where := range []struct {
		kind string
		opts []wasm.NavOption
	}{{"stSidebarNav", nil}, {"stTopNav", []wasm.NavOption{wasm.NavAt(wasm.NavTop)}}} {
		t.Run(where.kind, func(t *testing.T) {
			at := wasmtest.New(t, func(st *wasm.Session) {
				opts := append([]wasm.NavOption{wasm.Section("Reports", sales, costs), wasm.Section("Tools", search)}, where.opts...)
				st.Navigation([]*wasm.Page{home}, opts...).Run(st)
			})
			want := "/Home Reports/Sales Reports/Costs Tools/Search"
			if got := strings.Join(menuPages(t, at, where.kind), " "); got != want {
				t.Fatalf("menu %q, want %q", got, want)
			}
			at.ClickPage("Costs")
			if got := title(t, at); got != "Costs" || page(at) != "costs" {
				t.Fatalf("after the menu's Costs: title %q, page %q", got, page(at))
			}
			at.Back()
			if got := title(t, at); got != "Home" {
				t.Fatalf("Back shows %q, want Home", got)
			}
		})
	}

	// Every page in a section: the first section's first page is the app's own URL.
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Navigation(nil, wasm.Section("Reports", sales, costs)).Run(st)
	})
	if got := title(t, at); got != "Sales" {
		t.Fatalf("the app's URL shows %q, want the first section's first page", got)
	}
	// Without sections the props carry no section at all (the menu has no headers).
	plain := wasmtest.New(t, func(st *wasm.Session) { st.Navigation([]*wasm.Page{home, sales}).Run(st) })
	if got := strings.Join(menuPages(t, plain, "stSidebarNav"), " "); got != "/Home /Sales" {
		t.Fatalf("menu without sections %q", got)
	}
}

// A section without a title or pages, two sections with one title, and a page given twice stop
// the run with an exception that says what to change (A10).
func TestNavigationRefusesBadSections_A10(t *testing.T) {
	p := &wasm.Page{Title: "A", Func: func(*wasm.Session) {}}
	q := &wasm.Page{Title: "B", Func: func(*wasm.Session) {}}
	for _, tc := range []struct {
		name  string
		pages []*wasm.Page
		opts  []wasm.NavOption
		want  string
	}{
		{"no title", nil, []wasm.NavOption{wasm.Section(" ", p)}, "has no title"},
		{"no pages", []*wasm.Page{p}, []wasm.NavOption{wasm.Section("Reports")}, `"Reports" has no pages`},
		{"same title", nil, []wasm.NavOption{wasm.Section("R", p), wasm.Section("R", q)}, `two sections are called "R"`},
		{"page twice", []*wasm.Page{p}, []wasm.NavOption{wasm.Section("R", q, p)}, `page "A" is given twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := wasmtest.New(t, func(st *wasm.Session) { st.Navigation(tc.pages, tc.opts...) })
			ex := at.Find("stException")
			if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), tc.want) {
				t.Fatalf("want an exception saying %q:\n%s", tc.want, at.Root())
			}
		})
	}
}
