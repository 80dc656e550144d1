package main

import (
	"bytes"
	"html/template"
	"io/fs"
	"path/filepath"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// galleryCSS lays out the gallery list; theme.css gives colours and type. It is a file, not a
// <style> element, so that the page runs under a strict Content-Security-Policy.
const galleryCSS = `.wl-gallery { max-width: 46rem; margin: 3rem auto; padding: 0 1.25rem; }
.wl-gallery ul { list-style: none; padding: 0; margin: 1.5rem 0 0; }
.wl-gallery li { padding: 0.8rem 0; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
.wl-gallery li a { font-weight: 600; margin-right: 0.6rem; }
.wl-gallery .wl-doc { opacity: 0.75; }
`

// galleryJS registers the gallery's service worker (SPEC C4; host/sw.js, "only" manifests) when
// its script element names one in data-sw, and marks the page data-wl-offline="ready" once the
// worker holds the gallery. A file, not an inline script, for the same policy.
const galleryJS = `// The gallery's service worker: the gallery reloads offline after one visit (docs/DEPLOY.md).
(() => {
  const sw = document.currentScript && document.currentScript.dataset.sw;
  if (!sw || !('serviceWorker' in navigator) || !globalThis.isSecureContext) return;
  const scope = new URL('./', document.baseURI).href;
  navigator.serviceWorker.register(new URL(sw, document.baseURI).href, { scope })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => { if (reg.scope === scope) document.documentElement.dataset.wlOffline = 'ready'; })
    .catch((err) => console.warn('wasmlit: the gallery\'s service worker could not start (the gallery works, but not offline):', err));
})();
`

// galleryScript is the gallery's script file, beside index.html.
const galleryScript = "gallery.js"

var galleryTmpl = template.Must(template.New("gallery").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'">
<title>wasmlit examples</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="./theme.css">
<link rel="stylesheet" href="./gallery.css">
<script src="./gallery.js"{{if .SW}} data-sw="./sw.js"{{end}} defer></script>
</head>
<body>
<main class="wl-gallery" data-testid="wlGallery">
<h1>wasmlit examples</h1>
<p>Go apps compiled to WebAssembly, running entirely in your browser.</p>
<ul>
{{- range .Apps}}
<li data-app="{{.Name}}"><a href="./{{.Name}}/">{{.Name}}</a> <span class="wl-doc">{{.Doc}}</span></li>
{{- end}}
</ul>
</main>
</body>
</html>
`))

// renderGallery returns the gallery page listing apps, with its service worker: relative links
// only, no inline script.
func renderGallery(apps []App) ([]byte, error) {
	return renderGalleryPage(apps, true)
}

// renderGalleryPage returns the gallery page listing apps; with sw, its script registers the
// gallery's service worker.
func renderGalleryPage(apps []App, sw bool) ([]byte, error) {
	var buf bytes.Buffer
	data := struct {
		Apps []App
		SW   bool
	}{apps, sw}
	if err := galleryTmpl.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteGallery writes Out/index.html, Out/gallery.css, Out/gallery.js, Out/theme.css,
// Out/_headers and, last since it hashes the others, the gallery's service worker Out/sw.js (a
// retiring one when the build has no workers, Builder.NoServiceWorker).
func (b *Builder) WriteGallery(apps []App) error {
	if err := writeHeaders(b.Out); err != nil {
		return err
	}
	page, err := renderGalleryPage(apps, !b.NoServiceWorker)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(b.Out, "index.html"), page); err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(b.Out, "gallery.css"), []byte(galleryCSS)); err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(b.Out, galleryScript), []byte(galleryJS)); err != nil {
		return err
	}
	theme, err := fs.ReadFile(b.source().web, "theme.css")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(b.Out, "theme.css"), theme); err != nil {
		return err
	}
	return b.writeGalleryWorker(b.Out, !b.NoServiceWorker)
}
