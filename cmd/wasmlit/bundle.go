package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// hostBundle is the file the build writes into dist/<name>/host/: host/host.js and every module it
// imports, bundled and minified into one ES module by esbuild. The page loads it instead of the
// two dozen modules it is made of: with HTTP/1.1's six connections per host, those requests
// queued behind each other for about five round trips before any host code ran
// (docs/BENCHMARKS.md). hostBundle + ".map" is its source map, for the browser's devtools.
const hostBundle = "bundle.js"

// bundleHost bundles entry (a path relative to hostDir, slash-separated) and the modules it imports
// into one minified ES module and its source map. An import() of a computed URL (the libraries
// that load on first use) is left as it is: those load lazily, by URL, as before.
func bundleHost(hostDir, entry string) (bundle, sourceMap []byte, err error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{filepath.Join(hostDir, filepath.FromSlash(entry))},
		AbsWorkingDir:     hostDir,
		Outfile:           filepath.Join(hostDir, hostBundle),
		Bundle:            true,
		Write:             false,
		Format:            api.FormatESModule,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2022,
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		Sourcemap:         api.SourceMapLinked,
		LogLevel:          api.LogLevelSilent,
	})
	// Warnings fail the build too: each one (an import of a name a module does not export, say)
	// is a page that would break at run time.
	if problems := append(res.Errors, res.Warnings...); len(problems) > 0 {
		msgs := make([]string, 0, len(problems))
		for _, m := range problems {
			if m.Location != nil {
				msgs = append(msgs, fmt.Sprintf("host/%s:%d:%d: %s", filepath.ToSlash(m.Location.File), m.Location.Line, m.Location.Column, m.Text))
			} else {
				msgs = append(msgs, m.Text)
			}
		}
		return nil, nil, fmt.Errorf("bundling host/%s: %s", entry, strings.Join(msgs, "; "))
	}
	for _, f := range res.OutputFiles {
		switch filepath.Base(f.Path) {
		case hostBundle:
			bundle = f.Contents
		case hostBundle + ".map":
			sourceMap = f.Contents
		}
	}
	if bundle == nil {
		return nil, nil, fmt.Errorf("bundling host/%s: esbuild wrote no %s", entry, hostBundle)
	}
	return bundle, sourceMap, nil
}
