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
</head>
<body>
<main class="wl-gallery" data-testid="wlGallery">
<h1>wasmlit examples</h1>
<p>Go apps compiled to WebAssembly, running entirely in your browser.</p>
<ul>
{{- range .}}
<li data-app="{{.Name}}"><a href="./{{.Name}}/">{{.Name}}</a> <span class="wl-doc">{{.Doc}}</span></li>
{{- end}}
</ul>
</main>
</body>
</html>
`))

// renderGallery returns the gallery page listing apps: relative links only, no script.
func renderGallery(apps []App) ([]byte, error) {
	var buf bytes.Buffer
	if err := galleryTmpl.Execute(&buf, apps); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteGallery writes Out/index.html, Out/gallery.css, Out/theme.css and Out/_headers.
func (b *Builder) WriteGallery(apps []App) error {
	if err := writeHeaders(b.Out); err != nil {
		return err
	}
	page, err := renderGallery(apps)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(b.Out, "index.html"), page); err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(b.Out, "gallery.css"), []byte(galleryCSS)); err != nil {
		return err
	}
	theme, err := fs.ReadFile(b.source().web, "theme.css")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(b.Out, "theme.css"), theme)
}
