package main

import (
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestElementsApp_A9 runs the example without a browser: every element is drawn, no exception,
// and the dialog opens from its button.
func TestElementsApp_A9(t *testing.T) {
	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception on load: %s", ex[0].Str("message"))
	}
	for _, kind := range []string{"stDownloadButton", "stSelectSlider", "stTimeInput", "stColorPicker", "stExpander", "stPopover", "stSelectbox", "stMultiSelect"} {
		if len(at.Find(kind)) == 0 {
			t.Errorf("no %s drawn", kind)
		}
	}
	at.Click("Vote")
	if len(at.Find("stDialog")) != 1 {
		t.Fatalf("the dialog did not open:\n%s", at.Root())
	}
	at.Click("Save settings")
	if len(at.Find("stToast")) != 1 {
		t.Errorf("no toast after Save settings")
	}
}
