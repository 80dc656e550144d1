package wasm

import "fmt"

// Visibility says how a widget's label is shown (Streamlit's label_visibility).
type Visibility string

// The label visibilities. A hidden or collapsed label still names the control for screen readers.
const (
	LabelVisible   Visibility = "visible"   // the label above (or beside) the control; the default
	LabelHidden    Visibility = "hidden"    // no label shown, its space kept, so widgets in a row stay aligned
	LabelCollapsed Visibility = "collapsed" // no label shown and no space for it
)

// LabelVisibility sets how a widget's label is shown. The help tooltip goes with the label; its
// text stays the control's accessible description. Any other value than the three constants
// stops the run with an APIError.
func LabelVisibility(v Visibility) WidgetOption {
	switch v {
	case LabelVisible, LabelHidden, LabelCollapsed:
	default:
		panic(&APIError{
			Func:    "LabelVisibility",
			Problem: fmt.Sprintf("%q is not a label visibility", string(v)),
			Fix:     "use wasm.LabelVisible, wasm.LabelHidden or wasm.LabelCollapsed",
		})
	}
	if v == LabelVisible {
		v = "" // the default: props stay as they are without the option
	}
	return func(o *widgetOptions) { o.labelVis = v }
}

// APIError is the error shown when an app calls an element or widget function in a way it does not
// support (Streamlit's StreamlitAPIException). The run stops there; the message says what to change.
type APIError struct {
	Func    string // the function called, e.g. "ChatInput"
	Problem string // what is wrong
	Fix     string // what to do instead
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: %s. To fix this, %s.", e.Func, e.Problem, e.Fix)
}

// ExceptionType names the element's type line.
func (e *APIError) ExceptionType() string { return "StreamlitAPIException" }
