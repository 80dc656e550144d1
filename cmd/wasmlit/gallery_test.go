package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestGalleryListsAppsWithRelativeLinks_C3(t *testing.T) {
	apps := []App{
		{Name: "hello", Doc: "Hello shows every widget."},
		{Name: "evil", Doc: `Says <script>alert(1)</script> & "more".`},
		{Name: "plain"},
	}
	page, err := renderGallery(apps)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		`<a href="./hello/">hello</a>`,
		`Hello shows every widget.`,
		`<a href="./evil/">evil</a>`,
		`&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;more&#34;.`,
		`<a href="./plain/">plain</a>`,
		`href="./theme.css"`,
		`href="./gallery.css"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("gallery lacks %s\n%s", want, s)
		}
	}
	if strings.Count(s, "<li ") != 3 {
		t.Errorf("want 3 entries:\n%s", s)
	}
	// Strict CSP: no inline script (one file, gallery.js, registers the worker), no inline style;
	// and every URL relative (any base path).
	script := `<script src="./gallery.js" data-sw="./sw.js" defer></script>`
	if strings.Count(s, "<script") != 1 || !strings.Contains(s, script) || strings.Contains(s, "<style") || strings.Contains(s, "style=") {
		t.Errorf("gallery has inline script or style, or not just %s:\n%s", script, s)
	}
	if m := regexp.MustCompile(`(?:href|src)="(/|https?:)`).FindString(s); m != "" {
		t.Errorf("gallery has an absolute URL %s", m)
	}
}

func TestWriteGallery_C3(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"web/theme.css": "body{}"})
	b := &Builder{Root: root, Out: filepath.Join(root, "dist"), Assets: treeAssets(root)}
	if err := b.WriteGallery([]App{{Name: "a", Doc: "A."}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "theme.css", "gallery.css"} {
		if _, err := os.Stat(filepath.Join(root, "dist", f)); err != nil {
			t.Error(err)
		}
	}
}
