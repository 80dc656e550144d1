package wasm_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func double(st *wasm.Session, n int) (int, error) { return 2 * n, nil }

// Two wrappers of one function are two rows of the inspector, each with its own clear button,
// and the Close button is there (B25; the examples/hashing page failed with DuplicateWidgetID).
func TestInspectorShowsTwoWrappersOfOneFunction_B25(t *testing.T) {
	first := cache.Data1(double)
	second := cache.Data1(double, cache.HashFunc(func(n int) []byte { return []byte{byte(n)} }))
	at := wasmtest.New(t, func(st *wasm.Session) {
		a, _ := first.Call(st, 1)
		b, _ := second.Call(st, 2)
		st.Textf("%d %d", a, b)
	})
	at.Send(wasmtest.Event{Type: "inspector"})
	at.Settle()
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("the inspector failed: %s", ex[0].Str("message"))
	}
	var clears []string
	for _, e := range at.Find("stButton") {
		if strings.HasPrefix(e.Label(), "Clear double") {
			clears = append(clears, e.Str("id"))
		}
	}
	if len(clears) != 2 || clears[0] == clears[1] {
		t.Fatalf("clear buttons %q, want two distinct:\n%s", clears, at.Root())
	}
	at.Click("Close the inspector")
	if len(at.Find("stTable")) != 0 {
		t.Fatalf("inspector still open:\n%s", at.Root())
	}
}

// optionCell returns the cell of the inspector's options table in the row whose function starts
// with fn and the column named option.
func optionCell(t *testing.T, at *wasmtest.App, fn, option string) string {
	t.Helper()
	for _, tb := range at.Find("stTable") {
		cols, _ := tb.Props["columns"].([]any)
		col := slices.Index(cols, any(option))
		if len(cols) == 0 || cols[0] != "function" || col < 0 {
			continue
		}
		rows, _ := tb.Props["rows"].([]any)
		for _, r := range rows {
			cells := r.([]any)
			if strings.HasPrefix(cells[0].(string), fn) {
				return cells[col].(string)
			}
		}
	}
	t.Fatalf("no option %q of %s in the inspector:\n%s", option, fn, at.Root())
	return ""
}

func ttlTen(st *wasm.Session) (int, error)                { return 10, nil }
func perSession(st *wasm.Session) (int, error)            { return 20, nil }
func openConn(st *wasm.Session) (*strings.Builder, error) { return new(strings.Builder), nil }

// The inspector shows each function's options beside its statistics: TTL, MaxEntries, MaxBytes
// (B23), the session scope (B20), Validate and OnRelease of a resource (B22), with "—" where an
// option does not apply to the function's kind (B24).
func TestInspectorShowsOptions_B20_B22_B23_B24(t *testing.T) {
	ttl := cache.Data0(ttlTen, cache.TTL(10*time.Second), cache.MaxEntries(3), cache.MaxBytes(2_000_000))
	scoped := cache.Data0(perSession, cache.ScopeSession(), cache.ShowSpinner(false))
	conn := cache.Resource0(openConn, cache.Validate(func(*strings.Builder) bool { return true }),
		cache.OnRelease(func(*strings.Builder) {}))
	at := wasmtest.New(t, func(st *wasm.Session) {
		ttl.Call(st)
		scoped.Call(st)
		conn.Call(st)
	})
	at.Send(wasmtest.Event{Type: "inspector"})
	at.Settle()
	for _, c := range []struct{ fn, option, want string }{
		{"ttlTen", "TTL", "10s"},
		{"ttlTen", "max entries", "3"},
		{"ttlTen", "max bytes", "2.0 MB"},
		{"ttlTen", "scope", "global"},
		{"ttlTen", "validate", "—"},
		{"perSession", "scope", "session"},
		{"perSession", "stored in", "memory only (per session)"},
		{"perSession", "spinner", "off"},
		{"perSession", "TTL", "none"},
		{"openConn", "validate", "yes"},
		{"openConn", "on release", "yes"},
		{"openConn", "max bytes", "—"},
		{"openConn", "background refresh", "off"},
	} {
		if got := optionCell(t, at, c.fn, c.option); got != c.want {
			t.Errorf("%s's %s = %q, want %q", c.fn, c.option, got, c.want)
		}
	}
}
