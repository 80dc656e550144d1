package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// serveOptions are the flags of the serve command.
type serveOptions struct {
	addr  string
	dir   string
	base  string
	watch bool
	csp   string
	apps  []string
}

// PortTakenError is a serve address that another program listens on already.
type PortTakenError struct {
	Addr string // the -addr (or PORT) asked for
	Err  error  // from net.Listen
}

func (e *PortTakenError) Error() string {
	_, port, _ := net.SplitHostPort(e.Addr)
	return fmt.Sprintf("serve: cannot listen on %s: port %s is taken or not allowed (%v). Stop what uses it, or pick another port with -addr 127.0.0.1:PORT or the PORT variable (port 0 picks a free one)",
		e.Addr, port, errors.Unwrap(e.Err))
}

func (e *PortTakenError) Unwrap() error { return e.Err }

// defaultAddr is serve's address without -addr: 127.0.0.1:$PORT when PORT is set, else
// 127.0.0.1:8080 (only this machine can connect; -addr :8080 listens on every interface).
func defaultAddr() string {
	if p := strings.TrimSpace(os.Getenv("PORT")); p != "" {
		return net.JoinHostPort("127.0.0.1", p)
	}
	return "127.0.0.1:8080"
}

func runServe(ctx context.Context, log *logger, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var o serveOptions
	fs.StringVar(&o.addr, "addr", defaultAddr(), "listen `address`; without it 127.0.0.1:$PORT when PORT is set (port 0 picks a free one)")
	fs.StringVar(&o.dir, "dir", "dist", "`dir`ectory to serve")
	fs.StringVar(&o.base, "base", "/", "URL `path` under which the directory is served (to try a base path)")
	fs.BoolVar(&o.watch, "watch", true, "build first, rebuild on source changes and reload open pages (-watch=false serves what is built)")
	fs.StringVar(&o.csp, "csp", defaultCSP, "Content-Security-Policy `policy` sent with every file (the one docs/DEPLOY.md gives); \"off\" sends none")
	apps, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	o.apps = apps
	o.dir = absFrom(o.dir)
	if !strings.HasPrefix(o.base, "/") || !strings.HasSuffix(o.base, "/") {
		return fmt.Errorf("-base %q must start and end with /", o.base)
	}
	if len(o.apps) > 0 && !o.watch {
		return errors.New("app directories are only used with -watch")
	}

	// The port first: a taken one fails at once, not after a build of a minute.
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return &PortTakenError{Addr: o.addr, Err: err}
	}
	defer ln.Close()

	var w *watcher
	var events *broker
	if o.watch {
		root, err := findRoot()
		if err != nil {
			return err
		}
		o.apps = defaultApps(o.apps)
		if err := os.MkdirAll(o.dir, 0o755); err != nil {
			return err
		}
		events = newBroker()
		defer events.Close()
		b := &Builder{Root: root, Out: o.dir, Log: log, BrotliQuality: fastBrotliQuality, GzipLevel: fastGzipLevel,
			NoServiceWorker: true, // a worker would serve the last build to a live-reloaded page
			DevState:        true} // its pages keep session state across that reload (F3)
		if w, err = newWatcher(b, o.apps, events, log); err != nil {
			return err
		}
		defer w.Close()
		if len(w.apps) == 0 {
			return errors.New("no app to serve: run wasmlit in the folder of your app's main package, or name its folder (wasmlit serve ./myapp)")
		}
		w.initialBuild(ctx)
		if ctx.Err() != nil {
			return nil
		}
	} else if st, err := os.Stat(o.dir); err != nil || !st.IsDir() {
		return fmt.Errorf("nothing to serve at %s: build first (wasmlit build), or serve with -watch", o.dir)
	}

	csp := strings.TrimSpace(o.csp)
	if csp == "off" {
		csp = ""
	}
	handler, files, err := newServeHandler(o.dir, o.base, csp, events)
	if err != nil {
		return err
	}
	defer files.Close()
	if w != nil && len(w.apps) == 1 && len(o.apps) == 1 {
		// One app and no gallery: the address alone opens the app.
		handler = redirectBase(handler, o.base, o.base+w.apps[0].Name+"/")
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	url := "http://" + ln.Addr().String() + o.base
	if w != nil && len(w.apps) == 1 && len(o.apps) == 1 {
		fmt.Printf("wasmlit: serving %s at %s%s/ (Ctrl+C stops)\n", o.dir, url, w.apps[0].Name)
	} else {
		fmt.Printf("wasmlit: serving %s at %s (Ctrl+C stops)\n", o.dir, url)
	}
	if w != nil {
		go w.Run(ctx)
		fmt.Println("wasmlit: watching sources; pages reload after each rebuild")
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Println("\nwasmlit: stopping")
	if events != nil {
		events.Close() // end the event streams first: Shutdown waits for open requests
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
	}
	return nil
}

// newServeHandler mounts the file server for dir under base, plus the live-reload endpoints
// when events is not nil. csp is the Content-Security-Policy of every file ("" for none). The
// returned fileServer must be closed by the caller.
func newServeHandler(dir, base, csp string, events *broker) (http.Handler, *fileServer, error) {
	inject := ""
	if events != nil {
		inject = reloadTag
	}
	files, err := newFileServer(dir, inject)
	if err != nil {
		return nil, nil, err
	}
	files.csp = csp
	mux := http.NewServeMux()
	if events != nil {
		mux.Handle("/_wasmlit/", events)
	}
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), files))
	if base != "/" {
		mux.Handle("/{$}", http.RedirectHandler(base, http.StatusFound))
	}
	return mux, files, nil
}

// redirectBase sends a request for base itself to target, and every other to h.
func redirectBase(h http.Handler, base, target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == base {
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		h.ServeHTTP(w, r)
	})
}
