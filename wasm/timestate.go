package wasm

import "fmt"

// timeState gives a time input its identity and its value in session state (A2, A12), as the
// other inputs have: without a key, the default and the step make the widget; with one, session
// state holds a TimeOfDay (none while the field is empty) and takes one that is a time of day.
func timeState(o *widgetOptions, start *TimeOfDay, step float64) {
	if start == nil {
		o.identity(nil, step)
	} else {
		o.identity(start.String(), step)
	}
	o.hasDefault = start != nil && *start != TimeOfDay{}
	o.state(func(v any) (any, bool) {
		t, ok := v.(*TimeOfDay)
		if !ok || t == nil {
			return TimeOfDay{}, false
		}
		return *t, true
	}, func(v any) (any, error) {
		t, ok := v.(TimeOfDay)
		if !ok {
			return nil, typeError[TimeOfDay](v)
		}
		if !t.valid() {
			return nil, fmt.Errorf("%d:%d:%d is not a time of day", t.Hour, t.Minute, t.Second)
		}
		return &t, nil
	})
}
