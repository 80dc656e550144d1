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
