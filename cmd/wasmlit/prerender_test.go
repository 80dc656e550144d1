package main

import (
	"strings"
	"testing"
)

func TestInjectPrerender_C7(t *testing.T) {
	page := []byte("<body>\n<div id=\"wl-loader\" class=\"wl-loader\" data-testid=\"wlLoader\">…</div>\n<div id=\"app\"></div>\n</body>")
	out, ok := injectPrerender(page, []byte(`<div class="wl-root" data-wl-prerendered>x</div>`))
	if !ok {
		t.Fatal("injectPrerender found no app element")
	}
	got := string(out)
	for _, want := range []string{
		`<div id="app" data-wl-prerendered><div class="wl-root" data-wl-prerendered>x</div></div>`,
		`<div id="wl-loader" class="wl-loader" hidden data-testid="wlLoader">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if _, ok := injectPrerender([]byte("<body></body>"), []byte("x")); ok {
		t.Error("a page without the app element took the HTML")
	}
}
