package wasm

import "fmt"

// PageConfig is how the page looks around the app, like Streamlit's st.set_page_config. The zero
// value keeps every default.
type PageConfig struct {
	// Title is the browser tab's title. Empty: the current page's title (Navigation), else the
	// app's name.
	Title string
	// Icon is the browser tab's icon: an emoji ("📈"), or the URL of an image relative to the
	// app's page ("icon.png").
	Icon string
	// Layout is LayoutCentered (the default: a column of readable width) or LayoutWide (the
	// whole width of the window).
	Layout Layout
	// Sidebar is the sidebar's state when the app starts: SidebarAuto (the default: open on a
	// wide screen, closed on a narrow one), SidebarExpanded or SidebarCollapsed. The visitor can
	// open and close it with the button at its top either way.
	Sidebar SidebarState
}

// Layout is the width of the app's main column; see PageConfig.
type Layout string

// Layouts, as Streamlit names them.
const (
	LayoutCentered Layout = "centered"
	LayoutWide     Layout = "wide"
)

// SidebarState is the sidebar's state at start; see PageConfig.
type SidebarState string

// Sidebar states, as Streamlit names them (initial_sidebar_state).
const (
	SidebarAuto      SidebarState = "auto"
	SidebarExpanded  SidebarState = "expanded"
	SidebarCollapsed SidebarState = "collapsed"
)

// pageConfigRun is the page config of the current run. Owned by the run goroutine.
type pageConfigRun struct {
	gen  uint64 // run in which SetPageConfig was last called
	cfg  PageConfig
	node *node
}

// SetPageConfig sets the page's title, icon, layout and sidebar state, like Streamlit's
// st.set_page_config. Call it in every run, anywhere (usually first): the page keeps the config
// while runs set it. A second call in the same run changes the fields it sets (non-zero) and
// keeps the others. An unknown Layout or Sidebar stops the run with an exception element.
func (st *Session) SetPageConfig(c PageConfig) {
	s := st.s
	switch c.Layout {
	case "", LayoutCentered, LayoutWide:
	default:
		panic(&APIError{Func: "SetPageConfig", Problem: fmt.Sprintf("Layout %q is not centered or wide", c.Layout),
			Fix: "use wasm.LayoutCentered or wasm.LayoutWide"})
	}
	switch c.Sidebar {
	case "", SidebarAuto, SidebarExpanded, SidebarCollapsed:
	default:
		panic(&APIError{Func: "SetPageConfig", Problem: fmt.Sprintf("Sidebar %q is not auto, expanded or collapsed", c.Sidebar),
			Fix: "use wasm.SidebarAuto, wasm.SidebarExpanded or wasm.SidebarCollapsed"})
	}
	r := &s.pageConfig
	if r.gen == s.gen && r.node != nil {
		c = mergePageConfig(r.cfg, c)
	}
	if c.Layout == "" {
		c.Layout = LayoutCentered
	}
	if c.Sidebar == "" {
		c.Sidebar = SidebarAuto
	}
	build := func(p *props) {
		p.str("title", c.Title).str("icon", c.Icon).str("layout", string(c.Layout)).str("sidebar", string(c.Sidebar))
	}
	if r.gen == s.gen && r.node != nil {
		s.checkpoint()
		s.arena.begin()
		build(&s.arena)
		r.node.newProps = s.arena.end()
	} else {
		r.node = (&Session{s: s, parent: s.roots[0]}).leaf("stPageConfig", build)
	}
	r.gen, r.cfg = s.gen, c
}

// mergePageConfig returns old with the non-zero fields of c.
func mergePageConfig(old, c PageConfig) PageConfig {
	if c.Title != "" {
		old.Title = c.Title
	}
	if c.Icon != "" {
		old.Icon = c.Icon
	}
	if c.Layout != "" {
		old.Layout = c.Layout
	}
	if c.Sidebar != "" {
		old.Sidebar = c.Sidebar
	}
	return old
}
