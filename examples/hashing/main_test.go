package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// text returns the text of the one stText element starting with prefix.
func text(t *testing.T, at *wasmtest.App, prefix string) string {
	t.Helper()
	for _, e := range at.Find("stText") {
		if strings.HasPrefix(e.Label(), prefix) {
			return e.Label()
		}
	}
	t.Fatalf("no text %q in\n%s", prefix, at.Root())
	return ""
}

// asBuilt reports whether this test binary sees the app as the browser build does. go test
// compiles package main under its import path ("github.com/wasmlit/wasmlit/examples/hashing.MyModel", not
// "main.MyModel") and the generated source table (parameter names, so the "_" exclusion) is keyed
// by the "main." names: the sections that rely on them (2, 5 and 8) are proven by
// playwright/hashing.spec.ts instead.
var asBuilt = reflect.TypeFor[MyModel]().PkgPath() == "main"

// TestHashingStories_B10_B11 drives the sections natively. Run counts are package globals
// shared by the tests of this package, so it checks how they change, not their values.
func TestHashingStories_B10_B11(t *testing.T) {
	at := wasmtest.New(t, app)

	// B11: the two unhashable calls show the seed's message.
	var msgs []string
	for _, e := range at.Find("stException") {
		msgs = append(msgs, e.Str("message"))
	}
	for _, want := range []string{"MyCustomClass) in '", "Person) in '"} {
		found := false
		for _, m := range msgs {
			found = found || strings.HasPrefix(m, "Cannot hash argument '") && strings.Contains(m, want)
		}
		if !found {
			t.Errorf("no UnhashableParamError for %q in %q", want, msgs)
		}
	}
	if asBuilt && len(msgs) != 2 {
		t.Errorf("want 2 exceptions, got %q", msgs)
	}
	if got := text(t, at, "multiplyScore = "); got != "multiplyScore = 30" {
		t.Errorf("got %q", got)
	}

	counts := func() map[string]string {
		m := map[string]string{}
		for _, e := range at.Find("stText") {
			if name, n, ok := strings.Cut(e.Label(), " runs = "); ok {
				m[name] = n
			}
		}
		return m
	}
	before := counts()
	at.Rerun()
	if after := counts(); len(after) < 8 || !equal(after, before) {
		t.Errorf("a rerun ran cached functions again: %v -> %v", before, after)
	}

	// B10: one instant in two zones is two keys by default, one with the UTC format hash.
	if got := text(t, at, "now = "); !strings.HasSuffix(got, "equal instants: true") {
		t.Errorf("got %q", got)
	}

	// The identity pitfall: changed in place, the address-hashed call hits with the old value.
	at.Click("Add 10 to the score (in place)")
	if got := text(t, at, "by identity: "); got != "by identity: score × 2 = 30" {
		t.Errorf("by identity after the change: %q (want the stale 30)", got)
	}
	if got := text(t, at, "by value: "); got != "by value: score × 2 = 50" {
		t.Errorf("by value after the change: %q", got)
	}

	if !asBuilt {
		t.Log("sections 2, 5 and 8 need the built names: see playwright/hashing.spec.ts")
		return
	}
	// B12: the receiver is part of the key.
	at.Set("stNumberInput", "Enter initial score", 16)
	if got := text(t, at, "score.MultiplyScore(3) = "); got != "score.MultiplyScore(3) = 48" {
		t.Errorf("got %q", got)
	}
	// B10: a model hashed by name.
	at.Set("stRadio", "Model 1 or 2", 1)
	if got := text(t, at, "layers = "); !strings.HasPrefix(got, "layers = Conv1") {
		t.Errorf("got %q", got)
	}
}

func equal(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}
