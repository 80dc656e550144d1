package wasm

import (
	"fmt"
	"slices"
	"time"
)

// container emits a container element and returns a handle drawing into it.
func (st *Session) container(kind string, build func(p *props)) *Session {
	return st.child(st.leaf(kind, build))
}

// Sidebar returns a handle that draws into the page's sidebar.
func (st *Session) Sidebar() *Session { return &Session{s: st.s, parent: st.s.roots[1]} }

// Columns lays out n side-by-side columns of equal width and returns a handle for each.
func (st *Session) Columns(n int) []*Session {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return st.ColumnsWeighted(w...)
}

// ColumnsWeighted lays out columns whose widths are in proportion to weights.
func (st *Session) ColumnsWeighted(weights ...float64) []*Session {
	if len(weights) == 0 {
		panic(fmt.Errorf("wasmlit: Columns needs at least one column"))
	}
	row := st.container("stHorizontalBlock", func(p *props) { p.str("gap", "small") })
	cols := make([]*Session, len(weights))
	for i, w := range weights {
		cols[i] = row.container("stColumn", func(p *props) { p.num("weight", w) })
	}
	return cols
}

// ContainerOption changes a container.
type ContainerOption func(*containerOptions)

type containerOptions struct {
	border bool
	height int
}

// Border draws a border around a container.
func Border() ContainerOption { return func(o *containerOptions) { o.border = true } }

// ScrollHeight fixes a container's height in pixels; its content scrolls.
func ScrollHeight(px int) ContainerOption { return func(o *containerOptions) { o.height = px } }

// Container returns a handle drawing into a new block, for drawing out of order or grouping.
func (st *Session) Container(opts ...ContainerOption) *Session {
	var o containerOptions
	for _, f := range opts {
		f(&o)
	}
	return st.container("stVerticalBlock", func(p *props) { p.boolean("border", o.border).int("height", o.height) })
}

// Expander returns a handle drawing into a block that the user can collapse.
func (st *Session) Expander(label string, expanded bool) *Session {
	return st.container("stExpander", func(p *props) { p.str("label", label).boolean("expanded", expanded) })
}

// Tabs lays out tabs and returns a handle for each tab's content. It needs at least one label.
func (st *Session) Tabs(labels ...string) []*Session {
	if len(labels) == 0 {
		panic(&WidgetError{Func: "Tabs", Problem: "has no tab labels",
			Fix: `Give it at least one label: st.Tabs("Chart", "Data").`})
	}
	tabs := st.container("stTabs", func(p *props) { p.strs("labels", labels) })
	out := make([]*Session, len(labels))
	for i, l := range labels {
		out[i] = tabs.container("stTab", func(p *props) { p.str("label", l) })
	}
	return out
}

// Empty returns a placeholder: each element drawn into it replaces the one before, so it can show
// progress during a run (a status line, a chart being updated).
func (st *Session) Empty() *Session {
	ph := st.container("stEmpty", func(p *props) {})
	ph.parent.replace = true
	return ph
}

// remove takes a placeholder out of this run, as if it had never been drawn: a spinner leaves
// no empty block behind.
func (st *Session) remove() {
	n := st.parent
	n.removedGen = st.s.gen
	if p := n.parent; p != nil {
		p.next = slices.DeleteFunc(p.next, func(m *node) bool { return m == n })
		st.s.last = p // an exception that follows goes where the placeholder was
		// The placeholder gives its ordinal back when no later sibling of its kind took the next
		// one: the element drawn next in its place (a progress bar after a cached call's spinner)
		// has the key it has in a run without the spinner, so it stays one element from run to
		// run instead of a new one beside a stale copy (A1).
		if k := n.key; k.widget == "" && p.ordinals[k.kind] == k.ordinal {
			p.ordinals[k.kind]--
			clear(n.byKey) // drawn into again, it makes new elements, as a new placeholder would
		}
	}
}

// Form returns a handle drawing into a form: its widgets send their values together, and cause a
// rerun, only when its submit button is pressed. key names the form; it must be unique in the page,
// and is part of the identity of the widgets inside (two forms may each have an "Email" field).
// Forms do not nest; inside a form, Button is refused (use FormSubmitButton) and only the submit
// button takes a callback.
func (st *Session) Form(key string) *Session {
	if st.form != "" {
		panic(&WidgetError{Func: "Form", Label: key, Problem: fmt.Sprintf("is inside form %q", st.form),
			Fix: "Forms cannot be nested: draw it with a handle outside the other form."})
	}
	st.s.checkpoint()
	if st.s.seen[formID(key)] {
		panic(&WidgetError{Func: "Form", Label: key, Problem: "has the key of another form in this run",
			Fix: "Give each form its own key."})
	}
	st.s.seen[formID(key)] = true
	f := st.container("stForm", func(p *props) { p.str("id", key).boolean("border", true) })
	f.form = key
	return f
}

// formID is the entry of form key among the identities claimed in a run; no widget id has
// its "form\x00" prefix.
func formID(key string) string { return "form\x00" + key }

// FormSubmitButton draws a form's submit button and reports whether the form was just submitted.
// It must be drawn with the handle that Form returns; it may take a callback (OnClick).
func (st *Session) FormSubmitButton(label string, opts ...WidgetOption) bool {
	return st.button(kindSubmit, label, opts)
}

// Progress draws a progress bar at value (0 to 1) and returns it, to move it during the run.
func (st *Session) Progress(value float64, text string) *Progress {
	p := &Progress{ph: st.Empty()}
	p.Set(value, text)
	return p
}

// Progress is a progress bar drawn by Session.Progress.
type Progress struct{ ph *Session }

// Set moves the bar to value (0 to 1) with text. The page shows it within a tenth of a second.
func (p *Progress) Set(value float64, text string) {
	p.ph.leaf("stProgress", func(pp *props) { pp.num("value", clamp(value, 0, 1)).str("text", text) })
}

// Spinner shows text with a spinner while f runs, and removes it when f returns. The spinner is
// painted before f starts.
func (st *Session) Spinner(text string, f func()) {
	ph := st.Empty()
	ph.leaf("stSpinner", func(p *props) {
		p.str("text", text).boolean("showTime", false).num("startedMs", float64(time.Now().UnixMilli()))
	})
	st.s.paint()
	defer ph.remove()
	f()
}

// paint shows what the run has drawn so far and lets the page paint it before going on.
func (s *session) paint() {
	s.flush(false)
	s.host.Yield()
	if s.interrupt.Load() {
		panic(errInterrupted{})
	}
}
