package main

import (
	"path/filepath"
	"strings"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// defaultCSP is the Content-Security-Policy that a built site runs under: wasmlit serve sends it
// with every response, and the build writes it into _headers for the hosts that read that file.
// docs/DEPLOY.md gives it for other servers and explains each directive.
//
// Scripts come only from the site's own files: no inline script and no eval; 'wasm-unsafe-eval'
// lets the page compile WebAssembly (the app and sqlite-wasm). Styles come only from the site's
// stylesheets; the host sets element styles through CSSOM (el.style), which a policy does not
// govern, never through style attributes or <style> elements. Images may be data: and blob: URLs
// (the app's images are built as blobs). Workers may be blob: URLs (sqlite-wasm starts its
// worker from one).
var defaultCSP = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"style-src 'self'",
	"img-src 'self' data: blob:",
	"font-src 'self'",
	"connect-src 'self'",
	"worker-src 'self' blob:",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'self'",
}, "; ")

// metaCSP is defaultCSP for a <meta http-equiv> element, which cannot carry frame-ancestors (a
// browser ignores it there, with a console error).
func metaCSP() string {
	var kept []string
	for _, d := range strings.Split(defaultCSP, "; ") {
		if !strings.HasPrefix(d, "frame-ancestors ") {
			kept = append(kept, d)
		}
	}
	return strings.Join(kept, "; ")
}

// headersFile is the _headers file (Netlify and Cloudflare Pages): the policy, and nosniff, for
// every path of the site.
func headersFile() []byte {
	return []byte("# Response headers for Netlify and Cloudflare Pages, written by `wasmlit build`.\n" +
		"# Other hosts: see docs/DEPLOY.md.\n" +
		"/*\n" +
		"  Content-Security-Policy: " + defaultCSP + "\n" +
		"  X-Content-Type-Options: nosniff\n")
}

// writeHeaders writes dir/_headers.
func writeHeaders(dir string) error {
	return atomicfile.Write(filepath.Join(dir, "_headers"), headersFile())
}
