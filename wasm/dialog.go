package wasm

import (
	"encoding/json"
	"errors"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// A dialog is a modal window drawn by a function (Streamlit's @st.dialog). Whether it is open is a
// widget value of the session, so it stays open across the reruns its own widgets cause, until
// the app closes it or the user does (Escape, the close button); the page then sends a change
// event with false.
const kindDialog = "stDialog"

// decodeDialog takes the false the page sends when the user closes the dialog.
func decodeDialog(w *widget, e wire.Event) error {
	var open *bool
	if err := json.Unmarshal(e.Value, &open); err != nil {
		return err
	}
	if open == nil || *open {
		return errors.New("only the app opens a dialog: the page sends false when the user closes it")
	}
	w.value = false
	return nil
}

// Dialog is a modal dialog: a title and a function that draws its content. Declare it once, at
// package level, open it from a button's callback, and show it in every run:
//
//	var vote = wasm.NewDialog("Cast your vote", func(st *wasm.Session) {
//		reason := st.TextInput("Because…", "")
//		if st.Button("Submit") {
//			choice.Set(st, reason)
//			vote.Close(st)
//		}
//	})
//
//	func app(st *wasm.Session) {
//		st.Button("Vote", wasm.OnClick(vote.Open))
//		vote.Show(st)
//	}
//
// A dialog's identity is its title, or the Key among its options; two dialogs shown in one run
// need different titles or keys. Its open state is per session.
type Dialog struct {
	title string
	draw  func(*Session)
	opts  []WidgetOption
}

// NewDialog returns a dialog with title whose content draw draws. Of the widget options, Key
// gives it an identity other than its title.
func NewDialog(title string, draw func(*Session), opts ...WidgetOption) *Dialog {
	return &Dialog{title: title, draw: draw, opts: opts}
}

// id is the dialog's widget identity, the same from a callback as from the run.
func (d *Dialog) id() string { return widgetID(kindDialog, d.title, "", widgetOpts(d.opts)) }

// Open opens the dialog in st's session: Show draws it from then on. Called after Show in a run,
// it reruns the app (as Rerun does) so that the dialog appears; called from a callback, or before
// Show, it opens in the same run. Its signature fits OnClick: wasm.OnClick(dialog.Open).
func (d *Dialog) Open(st *Session) { d.set(st, true) }

// Close closes the dialog in st's session. Called inside the dialog's function, or anywhere after
// Show, it reruns the app (as Rerun does) so that the dialog goes away, as Streamlit's dialogs
// close with st.rerun.
func (d *Dialog) Close(st *Session) { d.set(st, false) }

func (d *Dialog) set(st *Session, open bool) {
	s, id := st.s, d.id()
	s.mu.Lock()
	w := s.widgets[id]
	if w == nil || w.kind != kindDialog {
		w = &widget{kind: kindDialog, value: false, decode: decodeDialog}
		s.widgets[id] = w
	}
	changed := w.value != open
	w.value = open
	s.mu.Unlock()
	if changed && s.seen[id] {
		st.Rerun()
	}
}

// IsOpen reports whether the dialog is open in st's session.
func (d *Dialog) IsOpen(st *Session) bool {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	w := st.s.widgets[d.id()]
	return w != nil && w.kind == kindDialog && w.value == true
}

// Show draws the dialog where it is called when it is open, running its function to draw the
// content; a closed dialog draws nothing. Call it in every run: a dialog not shown in a run
// forgets that it was open, as a widget not drawn forgets its value.
func (d *Dialog) Show(st *Session) {
	o := widgetOpts(d.opts)
	plainState[bool](o)
	var open bool
	id := st.use(kindDialog, d.title, o, func() any { return false }, func(w *widget) {
		w.decode = decodeDialog
		open, _ = w.value.(bool)
		w.value = open
	})
	if !open {
		return
	}
	s := st.s
	s.arena.begin()
	s.arena.str("id", id).str("title", d.title)
	n := s.emit(st.parent, kindDialog, id, s.arena.end(), nil)
	d.draw(st.child(n))
}
