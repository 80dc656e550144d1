package wasm

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// DateRangeInput draws two date pickers, from and to, holding start and end at first, and returns
// the range chosen, start first (Streamlit's st.date_input with a pair of dates). The page sends a
// range once both days are set, in order. It shares DateInput's test id, stDateInput.
func (st *Session) DateRangeInput(label string, start, end Date, opts ...WidgetOption) (Date, Date) {
	if dateAfter(start, end) {
		start, end = end, start
	}
	o := widgetOpts(opts)
	var v [2]Date
	id := st.use(kindDateInput, label, o, func() any { return [2]Date{start, end} }, func(w *widget) {
		r, ok := w.value.([2]Date)
		if !ok { // the widget was a single date input until now
			r = [2]Date{start, end}
		}
		v, w.value = r, r
	})
	st.emitWidget(kindDateInput, id, label, o, func(p *props) {
		p.strs("value", []string{v[0].String(), v[1].String()}).str("min", "").str("max", "")
	})
	return v[0], v[1]
}

// dateAfter reports whether a is a later day than b.
func dateAfter(a, b Date) bool {
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	if a.Month != b.Month {
		return a.Month > b.Month
	}
	return a.Day > b.Day
}

const kindTimeInput = "stTimeInput"

// TimeOfDay is a time of day, as the time input gives it.
type TimeOfDay struct {
	Hour, Minute, Second int
}

// ParseTimeOfDay parses "HH:MM" or "HH:MM:SS" (24-hour clock).
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return TimeOfDay{t.Hour(), t.Minute(), t.Second()}, nil
		}
	}
	return TimeOfDay{}, fmt.Errorf("wasmlit: %q is not a time of day of the form HH:MM or HH:MM:SS", s)
}

// TimeOf returns the time of day of t in t's location.
func TimeOf(t time.Time) TimeOfDay { return TimeOfDay{t.Hour(), t.Minute(), t.Second()} }

// String formats c as "HH:MM", or "HH:MM:SS" when it has seconds.
func (c TimeOfDay) String() string {
	if c.Second != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", c.Hour, c.Minute, c.Second)
	}
	return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute)
}

// valid reports whether c is a time of day of a 24-hour clock.
func (c TimeOfDay) valid() bool {
	return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60 && c.Second >= 0 && c.Second < 60
}

// decodeTime takes "HH:MM[:SS]", or null when the user cleared the field.
func decodeTime(w *widget, e wire.Event) error {
	var s *string
	if err := json.Unmarshal(e.Value, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		w.value = (*TimeOfDay)(nil)
		return nil
	}
	t, err := ParseTimeOfDay(*s)
	if err != nil {
		return err
	}
	w.value = &t
	return nil
}

// TimeInput draws a time picker holding value at first and returns the time chosen (Streamlit's
// st.time_input). Step sets the picker's step in seconds (default 900, a quarter of an hour; at
// least 60). A value that is not a time of a 24-hour clock stops the run with an APIError. A
// field the user clears goes back to value; for a field that may stay empty, use TimeInputEmpty.
func (st *Session) TimeInput(label string, value TimeOfDay, opts ...WidgetOption) TimeOfDay {
	t, _ := st.timeInput("TimeInput", label, &value, opts)
	return t
}

// TimeInputEmpty is TimeInput for a field that may be empty: value nil starts it empty, and it
// returns the time chosen and true, or false while the field is empty (Streamlit's value=None).
func (st *Session) TimeInputEmpty(label string, value *TimeOfDay, opts ...WidgetOption) (TimeOfDay, bool) {
	return st.timeInput("TimeInputEmpty", label, value, opts)
}

func (st *Session) timeInput(fn, label string, value *TimeOfDay, opts []WidgetOption) (TimeOfDay, bool) {
	if value != nil && !value.valid() {
		panic(&APIError{Func: fn, Problem: fmt.Sprintf("%q: %d:%d:%d is not a time of day", label, value.Hour, value.Minute, value.Second),
			Fix: "give hours 0 to 23 and minutes and seconds 0 to 59"})
	}
	o := widgetOpts(opts)
	step := o.step
	if step == 0 {
		step = 900
	}
	if step < 60 {
		panic(&APIError{Func: fn, Problem: fmt.Sprintf("%q: Step(%v) is under a minute", label, o.step),
			Fix: "give a step of 60 seconds or more"})
	}
	var start *TimeOfDay
	if value != nil {
		v := *value
		start = &v
	}
	timeState(o, start, step)
	empty := value == nil
	var v *TimeOfDay
	id := st.use(kindTimeInput, label, o, func() any { return start }, func(w *widget) {
		w.decode = decodeTime
		t, ok := w.value.(*TimeOfDay)
		if !ok || (t == nil && !empty) { // a new widget, or cleared where a time is required
			t = start
		}
		v, w.value = t, t
	})
	st.emitWidget(kindTimeInput, id, label, o, func(p *props) {
		if v == nil {
			p.key("value")
			p.buf = append(p.buf, "null"...)
		} else {
			p.str("value", v.String())
		}
		p.num("step", step)
	})
	if v == nil {
		return TimeOfDay{}, false
	}
	return *v, true
}

// Date is a calendar day, as the date input gives it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("wasmlit: %q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats d as "YYYY-MM-DD".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}
