package wasm

import "fmt"

// DuplicateWidgetIDError is the error shown when two widgets in one run have the same identity
// (kind and label, or explicit key), Streamlit's DuplicateWidgetID. The run stops there.
type DuplicateWidgetIDError struct {
	ID    string // the identity the two widgets share
	Kind  string // the widget kind, e.g. "stButton"
	Label string // the label both widgets have
}

func (e *DuplicateWidgetIDError) Error() string {
	return fmt.Sprintf("There are multiple identical %s widgets with the label %q. "+
		"To fix this, give each one a unique key: wasm.Key(\"...\").", e.Kind, e.Label)
}

// ExceptionType names the element's type line.
func (e *DuplicateWidgetIDError) ExceptionType() string { return "DuplicateWidgetID" }

// WidgetError is the error shown when a widget or layout function is called with parameters it
// cannot honour (A15): a default outside the range, min above max, a zero step, a default that is
// not among the options, a form rule broken. Like Streamlit's StreamlitAPIException it stops the
// run where the call was made. The message names the call and says what to change.
type WidgetError struct {
	Func    string // the function called, e.g. "Slider"
	Label   string // the widget's label (the form's key, for Form)
	Problem string // what is wrong, e.g. "min 10 is greater than max 0"
	Fix     string // what to change
}

func (e *WidgetError) Error() string {
	call := e.Func + "()"
	if e.Label != "" {
		call = fmt.Sprintf("%s(%q)", e.Func, e.Label)
	}
	return fmt.Sprintf("%s: %s. %s", call, e.Problem, e.Fix)
}

// ExceptionType names the element's type line, as Streamlit does.
func (e *WidgetError) ExceptionType() string { return "StreamlitAPIException" }

// StateError is the error shown when session state under a widget's key is used in a way the
// widget forbids (A12): set after the widget was drawn in the same run, set to a value the widget
// cannot show, or set for a widget whose value only the user can give (a button, a file uploader).
type StateError struct {
	Key     string // the session-state name, which is the widget's key
	Problem string // what was wrong
	Fix     string // what to do instead
}

func (e *StateError) Error() string {
	return fmt.Sprintf("session state %q %s. %s", e.Key, e.Problem, e.Fix)
}

// ExceptionType names the element's type line, as Streamlit does.
func (e *StateError) ExceptionType() string { return "StreamlitAPIException" }

// errModifiedAfterWidget is Streamlit's "cannot be modified after the widget is instantiated".
func errModifiedAfterWidget(key string) *StateError {
	return &StateError{
		Key:     key,
		Problem: fmt.Sprintf("cannot be modified after the widget with key %q is instantiated", key),
		Fix:     "Set it before the widget is drawn in the run, or from a callback (wasm.OnChange).",
	}
}

// defaultAndStateWarning is Streamlit's warning for a widget given a default while session state
// already holds a value set for its key.
func defaultAndStateWarning(key string) string {
	return fmt.Sprintf("The widget with key %q was created with a default value but also had its value set via the Session State API.", key)
}
