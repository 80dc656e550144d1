package cache

import (
	"reflect"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// rowsOf turns option rows into a map, failing on a name listed twice.
func rowsOf(t *testing.T, rows []driver.OptionRow) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, r := range rows {
		if _, dup := m[r.Name]; dup {
			t.Fatalf("row %q listed twice in %v", r.Name, rows)
		}
		m[r.Name] = r.Value
	}
	return m
}

// TestInspectorDescribesDataOptions_B20_B23_B24: the inspector's rows of a data function name
// every option it was given (TTL, MaxEntries, MaxBytes, ScopeSession, Shared, AllowWidgets, the
// spinner) and the defaults of the others, and reach the runtime through driver.DescribeOptions.
func TestInspectorDescribesDataOptions_B20_B23_B24(t *testing.T) {
	env := newEnv(t, newMemoryStore(-1))
	given := Data1(func(_ Session, n int) (int, error) { return n, nil }, env.opt(),
		TTL(10*time.Second), MaxEntries(3), MaxBytes(1_500_000), ScopeSession(), AllowWidgets(),
		SpinnerText("Loading…"), ShowTime(true))
	_, rows := given.core.describe()
	want := map[string]string{
		"TTL": "10s", "max entries": "3", "max bytes": "1.5 MB", "scope": "session",
		"stored in": "memory only (per session)", "shared": "no", "widgets": "allowed",
		"spinner": "Loading… (with elapsed time)", "background refresh": "off",
	}
	if got := rowsOf(t, rows); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows of a data function with options:\n got %v\nwant %v", got, want)
	}

	plain := Data1(func(_ Session, n int) (int, error) { return n, nil }, env.opt(), ShowSpinner(false), Shared(), TTL(time.Hour))
	_, rows = plain.core.describe()
	want = map[string]string{
		"TTL": "1h", "max entries": "unbounded", "max bytes": "unbounded", "scope": "global",
		"stored in": "memory and persistent store", "shared": "yes", "widgets": "refused",
		"spinner": "off", "background refresh": "off",
	}
	if got := rowsOf(t, rows); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows of a shared data function:\n got %v\nwant %v", got, want)
	}

	// The runtime's path: the default engine's function, found by the wrapper id of its Stats.
	def := Data0(func(_ Session) (int, error) { return 1, nil }, MaxEntries(7))
	got := rowsOf(t, driver.DescribeOptions(def.Stats().ID))
	if got["max entries"] != "7" || got["TTL"] != "none" || got["stored in"] != "memory only (no persistent store)" {
		t.Fatalf("driver.DescribeOptions of the default engine's function: %v", got)
	}
	if rows := driver.DescribeOptions("no such id"); rows != nil {
		t.Fatalf("an unknown id has rows %v", rows)
	}
}

// TestInspectorDescribesResourceOptions_B22_B24: a resource function's rows say whether Validate
// and OnRelease were given, and leave out the options resources refuse (MaxBytes, Shared).
func TestInspectorDescribesResourceOptions_B22_B24(t *testing.T) {
	env := newEnv(t, nil)
	conn := Resource0(func(_ Session) (*int, error) { return new(int), nil }, env.opt(),
		Validate(func(*int) bool { return true }), OnRelease(func(*int) {}), TTL(90*time.Second), MaxEntries(2))
	_, rows := conn.core.describe()
	want := map[string]string{
		"TTL": "1m30s", "max entries": "2", "scope": "global", "stored in": "memory (the instance itself)",
		"validate": "yes", "on release": "yes", "widgets": "refused",
		"spinner": "Running `" + conn.core.id.Display + "(...)`.", "background refresh": "off",
	}
	if got := rowsOf(t, rows); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows of a resource function:\n got %v\nwant %v", got, want)
	}
	bare := Resource0(func(_ Session) (*int, error) { return new(int), nil }, env.opt())
	_, rows = bare.core.describe()
	if got := rowsOf(t, rows); got["validate"] != "no" || got["on release"] != "no" {
		t.Fatalf("rows of a resource without lifecycle options: %v", got)
	}
}
