package cache

import (
	"strconv"
	"strings"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// The cache inspector's view of a function's options (B24). Every option is described here, in
// one place: an option added to options gets its row in describe.

func init() { driver.RegisterDescriber(describeDefault) }

// describedFunc is a registered function that describes its options: data and resource
// functions are, through their embedded *funcInfo.
type describedFunc interface {
	describe() (id string, rows []driver.OptionRow)
}

// describeDefault returns the option rows of the default engine's function whose wrapper id is id.
func describeDefault(id string) []driver.OptionRow {
	for _, r := range Default().registered() {
		if d, ok := r.(describedFunc); ok {
			if rid, rows := d.describe(); rid == id {
				return rows
			}
		}
	}
	return nil
}

// describe returns the wrapper's id (FuncStats.ID) and its options as rows, for data and
// resource functions alike (both embed *funcInfo). Rows are listed whether or not the option was
// given, so that every function of a kind shows the same rows; rows of options that a kind
// refuses (MaxBytes, Shared for resources; Validate, OnRelease for data) are left out.
func (f *funcInfo) describe() (string, []driver.OptionRow) {
	f.resolve()
	o := f.opts
	data := f.kind == dataKeyPrefix
	var rows []driver.OptionRow
	row := func(name, value string) { rows = append(rows, driver.OptionRow{Name: name, Value: value}) }

	row("TTL", durationText(o.ttl, "none"))
	row("max entries", countText(o.maxEntries))
	if data {
		row("max bytes", bytesText(o.maxBytes))
	}
	row("scope", map[bool]string{false: "global", true: "session"}[o.sessionScope])
	row("stored in", f.storage())
	if !data {
		row("validate", yesNo(o.validate != nil))
		row("on release", yesNo(o.onRelease != nil))
	}
	if data {
		row("shared", yesNo(o.shared))
	}
	row("widgets", map[bool]string{false: "refused", true: "allowed"}[o.allowWidgets])
	row("spinner", f.spinnerText())
	row("background refresh", refreshText(o)) // B21
	return f.wrapperID(), rows
}

// refreshText describes background refresh (B21, Streamlit's stale-while-revalidate): "off",
// or how stale a value may be served while one refresh runs, like "max stale 1m".
func refreshText(o *options) string {
	if o.maxStale <= 0 {
		return "off"
	}
	return "max stale " + durationText(o.maxStale, "")
}

// storage says where the function's entries live.
func (f *funcInfo) storage() string {
	switch {
	case f.kind != dataKeyPrefix:
		return "memory (the instance itself)"
	case f.opts.sessionScope:
		return "memory only (per session)"
	case f.opts.engine.dataTier().hasPersistent():
		return "memory and persistent store"
	default:
		return "memory only (no persistent store)"
	}
}

// spinnerText describes the spinner of a miss: "off", or its text.
func (f *funcInfo) spinnerText() string {
	s := f.spinner()
	if !s.Show {
		return "off"
	}
	if s.ShowTime {
		return s.Text + " (with elapsed time)"
	}
	return s.Text
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// durationText writes d without trailing zero units ("1h", "1m30s", "10s"), or none for d <= 0.
func durationText(d time.Duration, none string) string {
	if d <= 0 {
		return none
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func countText(n int) string {
	if n <= 0 {
		return "unbounded"
	}
	return strconv.Itoa(n)
}

// bytesText writes n bytes for people ("512 B", "1.5 MB"), or "unbounded" for n <= 0.
func bytesText(n int64) string {
	if n <= 0 {
		return "unbounded"
	}
	const unit = 1000
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	v, i := float64(n)/unit, 0
	for v >= unit && i < 3 {
		v /= unit
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + []string{"kB", "MB", "GB", "TB"}[i]
}
