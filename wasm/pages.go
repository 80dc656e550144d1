package wasm

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// Multipage apps (A10), like Streamlit's st.navigation and st.Page: one module, one app function
// that calls Navigation with its pages and runs the one the visitor is on.
//
//	var (
//		home  = &wasm.Page{Title: "Home", Icon: "🏠", Func: homePage}
//		chart = &wasm.Page{Title: "Chart", Icon: "📈", Func: chartPage}
//	)
//
//	func app(st *wasm.Session) {
//		st.SetPageConfig(wasm.PageConfig{Title: "Sales", Layout: wasm.LayoutWide})
//		st.Navigation([]*wasm.Page{home, chart}).Run(st)
//	}
//
// Pages may be grouped under headers in the menu, like the dict form of st.navigation:
// st.Navigation([]*wasm.Page{home}, wasm.Section("Reports", sales, costs)).
//
// Each page has its own URL: the app's own address for the first page, and ?page=PATH after it
// for the others. The link is relative to the page, so the app works under any base path and on
// any static host, with no server rewrite. Choosing a page in the menu adds a history entry, so
// the browser's Back and Forward buttons step through the pages visited.
//
// One session runs every page: session state (State slots) is shared by all of them, and so are
// cached functions, which belong to the module and not to a page. A widget's value lives while
// its page is shown, as in Streamlit: a widget that a run does not draw is forgotten, keyed or
// not; keep what must outlive a page in a State slot.

// Page is one page of a multipage app, like Streamlit's st.Page. Declare pages once, at package
// level, and pass them to Navigation in every run; SwitchPage and PageLink name a page by its
// *Page. A Page is read, never changed, by the runtime: it may be shared by every session.
type Page struct {
	// Title names the page in the menu and, unless SetPageConfig gives another, in the browser's
	// tab. Required.
	Title string
	// Icon is shown before the title in the menu: an emoji, like "📈". Optional.
	Icon string
	// Path is the page's name in its URL (?page=Path): letters, digits, '-', '_' and '.'. Empty,
	// it is made from Title: lower case, with a '-' for each run of other characters ("Sales
	// report" gives "sales-report"). The first page's URL has no ?page= at all.
	Path string
	// Func draws the page. Required.
	Func func(*Session)
}

// Run draws the page: it calls p.Func with st.
func (p *Page) Run(st *Session) { p.Func(st) }

// pageParam is the query param that names the page shown: the app cannot use it for its own
// values once it calls Navigation.
const pageParam = "page"

// NavPosition says where Navigation draws its menu, like Streamlit's position argument.
type NavPosition string

// Positions of the navigation menu.
const (
	NavSidebar NavPosition = "sidebar" // at the top of the sidebar (the default)
	NavTop     NavPosition = "top"     // a row of links above the page
	NavHidden  NavPosition = "hidden"  // no menu: the app moves between pages with SwitchPage or PageLink
)

// NavOption changes the navigation menu; see NavAt and Section.
type NavOption func(*navOptions)

type navOptions struct {
	position NavPosition
	sections []navSection // Section options, in order
}

// navSection is one Section option: a header and the pages under it.
type navSection struct {
	title string
	pages []*Page
}

// Section adds pages to the menu under a header, like a key of the dict given to Streamlit's
// st.navigation. The pages given to Navigation itself come first, with no header; each Section's
// pages follow, in the order of the options. A page is given once, in one place; Navigation may be
// given no pages of its own when every page is in a section.
//
//	st.Navigation([]*wasm.Page{home},
//		wasm.Section("Reports", sales, costs),
//		wasm.Section("Tools", search))
func Section(title string, pages ...*Page) NavOption {
	return func(o *navOptions) { o.sections = append(o.sections, navSection{title: title, pages: pages}) }
}

// NavAt puts the navigation menu at position (default NavSidebar).
func NavAt(position NavPosition) NavOption {
	return func(o *navOptions) { o.position = position }
}

// pageSet is what Navigation registered in a session: its pages and their paths. Owned by the run
// goroutine; it outlives the run, so that callbacks and the next run's SwitchPage find the pages.
type pageSet struct {
	gen      uint64 // run in which Navigation was last called
	pages    []*Page
	paths    []string // paths[i] is pages[i]'s URL path
	sections []string // sections[i] is the header pages[i] is under; "" for none
	current  *Page
}

// Navigation draws the menu of pages and returns the page the visitor is on: the one the URL
// names (?page=PATH), or the first page. Call it once per run, before drawing the page, and run
// the page it returns (Page.Run). A URL naming no page shows a warning and the first page.
// Section options add pages under headers, after pages; the first page is then the first of
// pages or, when pages is empty, the first section's first page.
//
// Pages must have a Title and a Func, and their paths must differ; anything else stops the run
// with an exception element saying which page to fix.
func (st *Session) Navigation(pages []*Page, opts ...NavOption) *Page {
	s := st.s
	s.checkpoint()
	o := navOptions{position: NavSidebar}
	for _, f := range opts {
		f(&o)
	}
	switch o.position {
	case NavSidebar, NavTop, NavHidden:
	default:
		panic(&APIError{Func: "Navigation", Problem: fmt.Sprintf("position %q is not one of sidebar, top, hidden", o.position),
			Fix: "pass wasm.NavSidebar, wasm.NavTop or wasm.NavHidden to NavAt"})
	}
	if s.pages != nil && s.pages.gen == s.gen {
		panic(&APIError{Func: "Navigation", Problem: "it was called twice in one run",
			Fix: "call Navigation once per run, with every page"})
	}
	pages, sections, err := withSections(pages, o.sections)
	if err != nil {
		panic(err)
	}
	paths, err := pagePaths(pages)
	if err != nil {
		panic(err)
	}
	set := &pageSet{gen: s.gen, pages: pages, paths: paths, sections: sections}
	s.pages = set
	want := parseQuery(s.search()).Get(pageParam)
	set.current = pages[0]
	found := want == ""
	for i, p := range pages {
		if want != "" && paths[i] == want {
			set.current, found = p, true
		}
	}
	kind, where := "stSidebarNav", s.roots[1]
	if o.position != NavSidebar {
		kind, where = "stTopNav", s.roots[0]
	}
	nav := &Session{s: s, parent: where}
	nav.leaf(kind, func(p *props) {
		p.str("position", string(o.position)).str("current", set.current.Title).raw("pages", pageLinks(set))
	})
	if !found {
		st.Warning(fmt.Sprintf("Page not found: no page is called %q. Showing %q, the first page.", want, pages[0].Title))
	}
	return set.current
}

// withSections returns every page of the menu, the pages given to Navigation first and then each
// section's, and the section each is under ("" for none). sections is nil when no Section is given.
func withSections(pages []*Page, secs []navSection) ([]*Page, []string, error) {
	if len(secs) == 0 {
		return pages, nil, nil
	}
	all := slices.Clone(pages)
	under := make([]string, len(pages), len(pages)+len(secs))
	titles := map[string]bool{}
	for _, sec := range secs {
		switch {
		case strings.TrimSpace(sec.title) == "":
			return nil, nil, &APIError{Func: "Section", Problem: "a section has no title",
				Fix: "give the section a title, or pass its pages to Navigation itself to show them with no header"}
		case len(sec.pages) == 0:
			return nil, nil, &APIError{Func: "Section", Problem: fmt.Sprintf("section %q has no pages", sec.title),
				Fix: "pass the section's pages after its title: wasm.Section(\"Reports\", sales, costs)"}
		case titles[sec.title]:
			return nil, nil, &APIError{Func: "Section", Problem: fmt.Sprintf("two sections are called %q", sec.title),
				Fix: "give each section its own title, or put their pages in one Section"}
		}
		titles[sec.title] = true
		for _, p := range sec.pages {
			all = append(all, p)
			under = append(under, sec.title)
		}
	}
	for i, p := range all {
		if p != nil && slices.Index(all, p) < i {
			return nil, nil, &APIError{Func: "Navigation", Problem: fmt.Sprintf("page %q is given twice", p.Title),
				Fix: "give each page once: either to Navigation or to one Section"}
		}
	}
	return all, under, nil
}

// pagePaths checks pages and returns the URL path of each.
func pagePaths(pages []*Page) ([]string, error) {
	if len(pages) == 0 {
		return nil, &APIError{Func: "Navigation", Problem: "it was given no pages", Fix: "pass at least one *wasm.Page"}
	}
	paths := make([]string, len(pages))
	seen := make(map[string]int, len(pages))
	for i, p := range pages {
		switch {
		case p == nil:
			return nil, &APIError{Func: "Navigation", Problem: fmt.Sprintf("page %d is nil", i+1), Fix: "pass a *wasm.Page for every page"}
		case p.Title == "":
			return nil, &APIError{Func: "Navigation", Problem: fmt.Sprintf("page %d has no Title", i+1), Fix: "give every page a Title: the menu shows it"}
		case p.Func == nil:
			return nil, &APIError{Func: "Navigation", Problem: fmt.Sprintf("page %q has no Func", p.Title), Fix: "set the page's Func to the function that draws it"}
		}
		path, err := pagePath(p)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[path]; dup {
			return nil, &APIError{Func: "Navigation", Problem: fmt.Sprintf("pages %q and %q have the same path %q", pages[j].Title, p.Title, path),
				Fix: "give one of them another Title or its own Path"}
		}
		seen[path] = i
		paths[i] = path
	}
	return paths, nil
}

// pagePath returns p's URL path: p.Path, checked, or one made from p.Title.
func pagePath(p *Page) (string, error) {
	if p.Path != "" {
		for _, r := range p.Path {
			if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '_' || r == '.') {
				return "", &APIError{Func: "Navigation", Problem: fmt.Sprintf("page %q has the Path %q, which holds %q", p.Title, p.Path, r),
					Fix: "use only ASCII letters, digits, '-', '_' and '.' in a Path"}
			}
		}
		return p.Path, nil
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(p.Title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "", &APIError{Func: "Navigation", Problem: fmt.Sprintf("no URL path can be made from the title %q", p.Title),
			Fix: "set the page's Path, like \"home\""}
	}
	return b.String(), nil
}

// pageLink is one page as the menu shows it (the props of stSidebarNav, stTopNav, stPageLink).
type pageLink struct {
	Title   string `json:"title"`
	Icon    string `json:"icon"`
	Path    string `json:"path"`              // "" for the first page: the app's own URL
	Current bool   `json:"current"`           // the page shown
	Section string `json:"section,omitempty"` // the header the page is under in the menu (Section)
}

func pageLinks(set *pageSet) []byte {
	links := make([]pageLink, len(set.pages))
	for i := range set.pages {
		links[i] = set.link(i)
		if set.sections != nil {
			links[i].Section = set.sections[i]
		}
	}
	b, _ := json.Marshal(links) // strings and bools only: cannot fail
	return b
}

// link returns page i's link.
func (set *pageSet) link(i int) pageLink {
	p := set.pages[i]
	path := set.paths[i]
	if i == 0 {
		path = ""
	}
	return pageLink{Title: p.Title, Icon: p.Icon, Path: path, Current: p == set.current}
}

// find returns p's index among the registered pages, or an error naming fn.
func (set *pageSet) find(fn string, p *Page) (int, error) {
	if set == nil {
		return 0, &APIError{Func: fn, Problem: "the app has not called Navigation", Fix: "call st.Navigation with your pages before " + fn}
	}
	for i, q := range set.pages {
		if q == p {
			return i, nil
		}
	}
	title := "nil"
	if p != nil {
		title = fmt.Sprintf("%q", p.Title)
	}
	return 0, &APIError{Func: fn, Problem: fmt.Sprintf("page %s is not one of the pages given to Navigation", title),
		Fix: "pass one of the *wasm.Page values given to Navigation"}
}

// SwitchPage shows page p, like Streamlit's st.switch_page: the URL becomes p's, with a new
// history entry (Back returns). Called after Navigation in a run, it stops the run and starts
// another on p; called before (in a callback, or early in the app), it only changes the URL, and
// Navigation in this run returns p, so the other callbacks of the interaction still run. p must
// be one of the pages given to Navigation in this run or an earlier one; query params are not
// carried over.
func (st *Session) SwitchPage(p *Page) {
	s := st.s
	i, err := s.pages.find("SwitchPage", p)
	if err != nil {
		panic(err)
	}
	search := ""
	if path := s.pages.link(i).Path; path != "" {
		search = "?" + url.Values{pageParam: {path}}.Encode()
	}
	s.pushSearch(search)
	if s.pages.gen == s.gen { // this run has drawn a page already: draw p in a new one
		st.Rerun()
	}
}

// PageLink draws a link to page p, like Streamlit's st.page_link: following it shows p as the
// menu does. p must be one of the pages given to Navigation in this run or an earlier one.
func (st *Session) PageLink(p *Page) {
	i, err := st.s.pages.find("PageLink", p)
	if err != nil {
		panic(err)
	}
	l := st.s.pages.link(i)
	st.leaf("stPageLink", func(pp *props) {
		pp.str("title", l.Title).str("icon", l.Icon).str("path", l.Path).boolean("current", l.Current)
	})
}

// HistoryHost is implemented by a Host that keeps its own history of page URLs (package
// wasmtest's does). A session whose Host does not implement it pushes onto the browser's
// history (history.pushState), or, for a QueryHost, replaces its query string.
type HistoryHost interface {
	// PushQuery makes search ("?page=x", or "" for none) the query string of a new history
	// entry after the current one, keeping the path.
	PushQuery(search string)
}

// pushSearch makes search the page's query string, as a new history entry.
func (s *session) pushSearch(search string) {
	if hh, ok := s.host.(HistoryHost); ok {
		hh.PushQuery(search)
		return
	}
	if qh, ok := s.host.(QueryHost); ok {
		if _, own := qh.Query(); own {
			qh.SetQuery(search)
			return
		}
	}
	pushLocationSearch(search)
}

// hidePage removes the page param from v once the app navigates: QueryParams shows the app's own
// params only, as Streamlit's st.query_params does not show the page.
func (s *session) hidePage(v url.Values) url.Values {
	if s.pages != nil {
		delete(v, pageParam)
	}
	return v
}

// keepPage returns v with the page param of the current URL, so that the app's writes to its
// query params never change the page shown.
func (s *session) keepPage(v url.Values) url.Values {
	if s.pages == nil {
		return v
	}
	out := make(url.Values, len(v)+1)
	for k, vs := range v {
		if k != pageParam {
			out[k] = vs
		}
	}
	if cur := parseQuery(s.search())[pageParam]; len(cur) > 0 {
		out[pageParam] = cur
	}
	return out
}
