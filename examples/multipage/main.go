// Multipage is one app made of four pages (SPEC A10), like Streamlit's st.navigation and
// st.Page: a menu in the sidebar with pages grouped under section headers, each page with its own
// URL (?page=…), Back and Forward stepping through the pages visited, session state and cached
// functions shared by every page, and the page config (st.set_page_config) giving the tab its
// icon and the app the whole window's width.
//
//	st.set_page_config(page_icon="📚", layout="wide")   →  st.SetPageConfig(wasm.PageConfig{Icon: "📚", Layout: wasm.LayoutWide})
//	pg = st.navigation({"": [home],                     →  st.Navigation([]*wasm.Page{home},
//	    "Library": [catalog, books],                    →      wasm.Section("Library", catalog, books),
//	    "Help": [about]})                               →      wasm.Section("Help", about))
//	pg.run()                                            →  .Run(st)
//	st.switch_page("catalog.py")                        →  st.SwitchPage(catalog), here from a callback
//	st.page_link("home.py")                             →  st.PageLink(home)
package main

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// The pages: declared once, named by their *Page in SwitchPage and PageLink.
var (
	home    = &wasm.Page{Title: "Home", Icon: "🏠", Func: homePage}
	catalog = &wasm.Page{Title: "Book catalog", Icon: "📖", Func: catalogPage}
	books   = &wasm.Page{Title: "My books", Icon: "🔖", Func: booksPage}
	about   = &wasm.Page{Title: "About", Icon: "ℹ️", Path: "about", Func: aboutPage}
)

func app(st *wasm.Session) {
	st.SetPageConfig(wasm.PageConfig{Icon: "📚", Layout: wasm.LayoutWide, Sidebar: wasm.SidebarExpanded})
	page := st.Navigation([]*wasm.Page{home}, // Home, with no header, then two sections
		wasm.Section("Library", catalog, books),
		wasm.Section("Help", about))
	runs.Update(st, func(n int) int { return n + 1 })
	st.Sidebar().Caption(fmt.Sprintf("You are on %q. The app has run %d times in this session, on every page.", page.Title, runs.Get(st)))
	page.Run(st)
}

// Session state, shared by every page. A widget's own value lives while its page is shown (as in
// Streamlit, a widget that a run does not draw is forgotten), so each widget's callback copies its
// value into a slot of its own, which outlives the page, and the widget starts from that slot
// when its page comes back.
var (
	runs      = wasm.NewState("runs", 0)
	reader    = wasm.NewState("reader", "")
	picks     = wasm.NewState("picks", []string(nil))
	nameInput = wasm.NewState("name_input", "")
	pickInput = wasm.NewState("picks_input", []string(nil))
)

// Book is one row of the catalog.
type Book struct {
	Title  string
	Author string
	Year   int
}

// loadRuns counts loadCatalog's runs in this page, to show that the pages share its cache.
var loadRuns atomic.Int64

// loadCatalog is cached once for the module: both pages that call it share its entry.
var loadCatalog = cache.Data0(func(st *wasm.Session) ([]Book, error) {
	loadRuns.Add(1)
	return []Book{
		{"The Go Programming Language", "Donovan, Kernighan", 2015},
		{"Structure and Interpretation of Computer Programs", "Abelson, Sussman", 1985},
		{"The Art of Computer Programming", "Knuth", 1968},
		{"Designing Data-Intensive Applications", "Kleppmann", 2017},
	}, nil
})

func homePage(st *wasm.Session) {
	st.Title("🏠 Home")
	st.Markdown("Pick the pages in the sidebar: each has its own address, and the browser's **Back** button returns to the page before.")
	name := st.TextInput("Your name", reader.Get(st), nameInput.Key(), wasm.OnChange(func(st *wasm.Session) {
		reader.Set(st, nameInput.Get(st)) // the callback's own *Session (A11)
	}))
	if name != "" {
		st.Textf("hello, %s", name)
	}
	books, err := loadCatalog.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("catalog: %d books, loaded %d time(s)", len(books), loadRuns.Load())
	st.Button("Browse the catalog", wasm.Primary(), wasm.OnClick(func(st *wasm.Session) {
		st.SwitchPage(catalog) // a callback gets the session: no handle kept from a run (A11)
	}))
}

func catalogPage(st *wasm.Session) {
	st.Title("📖 Book catalog")
	books, err := loadCatalog.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("catalog: %d books, loaded %d time(s)", len(books), loadRuns.Load())
	titles := make([]string, len(books))
	for i, b := range books {
		titles[i] = b.Title
	}
	chosen := wasm.Multiselect(st, "Reading list", titles, picks.Get(st), pickInput.Key(), wasm.OnChange(func(st *wasm.Session) {
		picks.Set(st, pickInput.Get(st))
	}))
	cols := st.Columns(2)
	for i, b := range books {
		cols[i%2].Markdown(fmt.Sprintf("**%s** — %s, %d", b.Title, b.Author, b.Year))
	}
	st.Textf("reading list: %s", strings.Join(chosen, "; "))
}

func booksPage(st *wasm.Session) {
	st.Title("🔖 My books")
	list := picks.Get(st) // chosen on the catalog page: session state is shared by every page
	if len(list) == 0 {
		st.Info("Your reading list is empty: pick books in the catalog.")
		st.PageLink(catalog)
		return
	}
	for i, b := range list {
		st.Textf("%d. %s", i+1, b)
	}
}

func aboutPage(st *wasm.Session) {
	st.SetPageConfig(wasm.PageConfig{Title: "About this demo"}) // this page's tab title
	st.Title("ℹ️ About")
	who := reader.Get(st)
	if who == "" {
		who = "stranger"
	}
	st.Textf("reader: %s", who)
	st.Textf("reading list: %d book(s)", len(picks.Get(st)))
	st.PageLink(home)
}
