package wasm

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// widget is the state of one widget that survives reruns. Guarded by session.mu.
type widget struct {
	kind     string
	value    any  // the stored value: bool, selection, float64, [2]float64, *float64, string, Date, [2]Date, []File
	pending  bool // clicked since the last run started (buttons)
	active   bool // clicked, as seen by the current run
	nopts    int  // number of options shown, to check event indexes
	onChange func(*Session)

	// Set by the widget function at each drawing.
	option   func(i int) any         // option widgets: the value of option i as last drawn
	toPublic func(v any) (any, bool) // the value as the widget function returns it, for session state
	// decode sets value from a change event for kinds apply does not know itself (decoder); it is
	// set by the widget function, so only an app that draws the kind links its decoder.
	decode decoder
}

// selection is an option widget's stored value (radio, selectbox, multiselect): the options chosen,
// by value, so that a change of the option list never turns a choice into another option (A2).
// index holds where each sat among the options last drawn, which is what the page shows and sends.
// values is nil for a choice known only by index (a widget replayed from a cache recording whose
// function has not been drawn live); the widget function resolves it against its options.
type selection struct {
	values []any
	index  []int
}

// Events are decoded per widget kind into the value the widget returns.

// dispatch applies one batch of host events: values first, then one rerun for the whole batch.
// A value widget's callback is queued once per batch, and only if its value changed (A15); a
// button's OnClick once per click, since a click is an event and not a value: fast clicks that
// arrive in one batch are all counted (A4). It is safe to call from any goroutine.
func (s *session) dispatch(evs []wire.Event) []error {
	var errs []error
	s.mu.Lock()
	defer s.mu.Unlock()
	rerun := false
	type touched struct {
		w      *widget
		before any
		clicks int
	}
	var batch []touched
	for _, e := range evs {
		if e.Seq > s.seq {
			s.seq = e.Seq
		}
		switch e.Type {
		case wire.EventRerun:
			rerun = true
			continue
		case wire.EventClearCache:
			s.clearCache = true // done by the run goroutine, outside this lock: it waits on storage
			rerun = true
			continue
		case wire.EventInspector:
			s.inspector = !s.inspector
			rerun = true
			continue
		}
		w := s.widgets[e.ID]
		if w == nil {
			continue // the widget is gone: nothing to apply
		}
		k := slices.IndexFunc(batch, func(t touched) bool { return t.w == w })
		if k < 0 {
			batch = append(batch, touched{w: w, before: w.value})
			k = len(batch) - 1
		}
		if err := w.apply(e); err != nil {
			errs = append(errs, err)
			continue
		}
		if e.Type == wire.EventClick {
			batch[k].clicks++
		}
		rerun = true
	}
	for _, t := range batch {
		switch {
		case t.w.onChange == nil:
		case t.clicks > 0:
			for range t.clicks {
				s.callbacks = append(s.callbacks, t.w.onChange)
			}
		case !sameValue(t.before, t.w.value):
			s.callbacks = append(s.callbacks, t.w.onChange)
		}
	}
	if rerun || len(evs) > 0 {
		s.requestRunLocked()
	}
	return errs
}

// sameValue reports whether two stored widget values are equal. A selection compares by index:
// what the page shows.
func sameValue(a, b any) bool {
	sa, ok1 := a.(selection)
	sb, ok2 := b.(selection)
	if ok1 && ok2 {
		return slices.Equal(sa.index, sb.index)
	}
	return reflect.DeepEqual(a, b)
}

// clearCacheHook is called for the page menu's "Clear cache" (B15): like Streamlit's, it empties
// every data cache, memory and persistent, and every resource cache.
var clearCacheHook = func() {
	cache.ClearAllData()
	cache.ClearAllResources()
}

// apply decodes an event's value into w.
func (w *widget) apply(e wire.Event) error {
	bad := func(err error) error {
		return fmt.Errorf("wasmlit: event for %s %q has a bad value %s: %v", w.kind, e.ID, e.Value, err)
	}
	if e.Type == wire.EventClick {
		w.pending = true
		return nil
	}
	switch w.kind {
	case kindCheckbox, kindToggle:
		var v bool
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return bad(err)
		}
		w.value = v
	case kindRadio, kindSelectbox:
		var v *int
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return bad(err)
		}
		if v == nil {
			w.value = selection{values: []any{}, index: []int{}}
			return nil
		}
		if *v < 0 || *v >= w.nopts {
			return bad(fmt.Errorf("index %d out of range [-1, %d)", *v, w.nopts))
		}
		w.value = w.choose([]int{*v})
	case kindMultiselect:
		var v []int
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return bad(err)
		}
		for _, i := range v {
			if i < 0 || i >= w.nopts {
				return bad(fmt.Errorf("index %d out of range [0, %d)", i, w.nopts))
			}
		}
		w.value = w.choose(v)
	case kindSlider:
		var one float64
		if err := json.Unmarshal(e.Value, &one); err == nil {
			w.value = one
			return nil
		}
		var two [2]float64
		if err := json.Unmarshal(e.Value, &two); err != nil {
			return bad(err)
		}
		w.value = two
	case kindNumberInput:
		var v *float64
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return bad(err)
		}
		w.value = v
	case kindTextInput, kindTextArea:
		var v string
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return bad(err)
		}
		w.value = v
	case kindDateInput:
		if isEmptyEvent(e.Value) { // cleared (A13, DateInputOpt)
			w.value = nil
			return nil
		}
		var one string
		if err := json.Unmarshal(e.Value, &one); err == nil {
			d, err := ParseDate(one)
			if err != nil {
				return bad(err)
			}
			w.value = d
			return nil
		}
		var two [2]string
		if err := json.Unmarshal(e.Value, &two); err != nil {
			return bad(err)
		}
		a, err1 := ParseDate(two[0])
		b, err2 := ParseDate(two[1])
		if err1 != nil || err2 != nil {
			return bad(fmt.Errorf("dates %q", two))
		}
		w.value = [2]Date{a, b}
	case kindFileUploader:
		var v []struct {
			Name  string `json:"name"`
			Type  string `json:"type"`
			Size  int64  `json:"size"`
			Token string `json:"token"`
		}
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return bad(err)
		}
		files := make([]File, 0, len(v))
		for _, f := range v {
			data, _ := takeFile(f.Token)
			files = append(files, File{Name: f.Name, Type: f.Type, Size: f.Size, Data: data})
		}
		w.value = files
	default:
		if w.decode != nil {
			if err := w.decode(w, e); err != nil {
				return bad(err)
			}
			return nil
		}
		return bad(fmt.Errorf("widget kind takes no %s events", e.Type))
	}
	return nil
}

// decoder decodes the change events of a widget kind that apply does not know itself: a kind
// defined in its own file sets one on its widgets (widget.decode) when it draws them, not in a
// table filled by init functions, which would link every kind's decoder into every app. A decoder
// sets w.value from e.Value or returns an error that leaves w as it was; it runs under the session
// lock.
type decoder func(w *widget, e wire.Event) error

// choose returns the selection of the options at index (in range), by value when the widget
// function has drawn the widget.
func (w *widget) choose(index []int) selection {
	index = slices.Clone(index)
	slices.Sort(index)
	index = slices.Compact(index)
	if index == nil {
		index = []int{}
	}
	if w.option == nil {
		return selection{index: index}
	}
	values := make([]any, len(index))
	for k, i := range index {
		values[k] = w.option(i)
	}
	return selection{values: values, index: index}
}

// takeFile fetches an uploaded file's bytes from the host; the browser build sets it.
var takeFile = func(token string) ([]byte, bool) { return nil, false }

// File is one uploaded file. Data holds its bytes; the caller may keep and modify it.
type File struct {
	Name string
	Type string
	Size int64
	Data []byte
}
