package main

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// hostBundle is the file the build writes into dist/<name>/host/: host/host.js and every module it
// imports, bundled and minified into one ES module by esbuild. The page loads it instead of the
// two dozen modules it is made of: with HTTP/1.1's six connections per host, those requests
// queued behind each other for about five round trips before any host code ran
// (docs/BENCHMARKS.md). hostBundle + ".map" is its source map, for the browser's devtools.
const hostBundle = "bundle.js"

// hostNamespace is the esbuild namespace of the modules read from the host file system; it is
// not shown to anyone (errors and the source map name the files as host/...).
const hostNamespace = "wasmlit-host"

// bundleHost bundles entry (a slash path in fsys, the host/ sources) and the modules it imports
// into one minified ES module and its source map. The sources come from fsys (the files embedded
// in the command, or a checkout's host/ folder), never from the disk around it. An import() of a
// computed URL (the libraries that load on first use) is left as it is: those load lazily, by
// URL, as before; so is an import of a bare name or of a path outside fsys.
func bundleHost(fsys fs.FS, entry string) (bundle, sourceMap []byte, err error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{entry},
		Outfile:           "/" + hostBundle,
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
		Plugins:           []api.Plugin{fsPlugin(fsys)},
	})
	// Warnings fail the build too: each one (an import of a name a module does not export, say)
	// is a page that would break at run time.
	if problems := append(res.Errors, res.Warnings...); len(problems) > 0 {
		msgs := make([]string, 0, len(problems))
		for _, m := range problems {
			if m.Location != nil {
				file := strings.TrimPrefix(m.Location.File, hostNamespace+":")
				msgs = append(msgs, fmt.Sprintf("host/%s:%d:%d: %s", file, m.Location.Line, m.Location.Column, m.Text))
			} else {
				msgs = append(msgs, m.Text)
			}
		}
		return nil, nil, fmt.Errorf("bundling host/%s: %s", entry, strings.Join(msgs, "; "))
	}
	for _, f := range res.OutputFiles {
		switch path.Base(f.Path) {
		case hostBundle:
			bundle = f.Contents
		case hostBundle + ".map":
			// Sources are named host:<path>; devtools shows them best as plain relative paths.
			sourceMap = []byte(strings.ReplaceAll(string(f.Contents), `"`+hostNamespace+`:`, `"`))
		}
	}
	if bundle == nil {
		return nil, nil, fmt.Errorf("bundling host/%s: esbuild wrote no %s", entry, hostBundle)
	}
	return bundle, sourceMap, nil
}

// fsPlugin resolves and loads the relative imports of the host modules from fsys.
func fsPlugin(fsys fs.FS) api.Plugin {
	return api.Plugin{
		Name: "wasmlit-host-fs",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				p := a.Path
				if a.Kind != api.ResolveEntryPoint {
					if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
						return api.OnResolveResult{Path: p, External: true}, nil
					}
					p = path.Join(path.Dir(a.Importer), p)
					if !fs.ValidPath(p) {
						return api.OnResolveResult{Path: a.Path, External: true}, nil
					}
				}
				if _, err := fs.Stat(fsys, p); err != nil {
					return api.OnResolveResult{}, fmt.Errorf("could not resolve %q: no file host/%s", a.Path, p)
				}
				return api.OnResolveResult{Path: p, Namespace: hostNamespace}, nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: hostNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(fsys, a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				src := string(data)
				loader := api.LoaderJS
				if strings.HasSuffix(a.Path, ".css") {
					loader = api.LoaderCSS
				}
				return api.OnLoadResult{Contents: &src, Loader: loader}, nil
			})
		},
	}
}
