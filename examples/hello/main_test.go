package main

import (
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestHelloRunsWithoutABrowser_D2 drives the example natively, as app authors test their apps.
func TestHelloRunsWithoutABrowser_D2(t *testing.T) {
	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception on load: %s", ex[0].Str("message"))
	}
	at.Set("stTextInput", "Your name", "gopher")
	at.Click("Click me")
	at.Set("stSelectbox", "City", 2)
	want := map[string]bool{"name = gopher": true, "clicks = 1": true, "city = Tokyo": true}
	for _, e := range at.Find("stText") {
		delete(want, e.Label())
	}
	if len(want) != 0 {
		t.Fatalf("missing %v in\n%s", want, at.Root())
	}
	at.Click("Raise a panic")
	if len(at.Find("stException")) != 1 {
		t.Fatalf("no exception after the panic button:\n%s", at.Root())
	}
	at.Rerun()
	if len(at.Find("stException")) != 0 {
		t.Fatalf("the exception should go with the next run:\n%s", at.Root())
	}
}
