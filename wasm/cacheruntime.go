package wasm

import (
	"strconv"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// *Session is the host of cached functions: a function cached with cache.Data1 and friends takes
// the session as its first parameter, and through it the cache shows a spinner on a miss, records
// the elements the function draws, and draws them again on a hit.
//
//	var loadData = cache.Data1(func(st *wasm.Session, url string) (Rides, error) {
//		…
//	}, cache.TTL(time.Hour))
//
//	func app(st *wasm.Session) {
//		rides, err := loadData.Call(st, "rides.csv")
//		…
//	}
//
// Widgets inside a cached function (B14) are refused with a *cache.CachedWidgetError unless the
// function was cached with cache.AllowWidgets; then their values are part of the key, and on a
// hit the replayed widgets are live: they are claimed like widgets drawn by the app (a duplicate
// is an error), their state is made from the recorded props when the session has none (after a
// reload), and their events cause a rerun whose new values find or compute another entry.
// OnChange callbacks of replayed widgets are those of their last live drawing, if any.

func init() {
	driver.Register(func(h any) driver.Runtime {
		if st, ok := h.(*Session); ok && st != nil {
			return cacheHost{st}
		}
		return nil
	})
}

// cacheHost is the session as the cache's runtime (package cache/driver): kept apart from
// *Session so that the app's API shows none of it.
type cacheHost struct{ st *Session }

var (
	_ driver.WidgetRuntime  = cacheHost{}
	_ driver.SessionRuntime = cacheHost{}
)

// BeginMiss shows the miss's spinner, painted before the cached function starts, and starts
// recording what the function draws, widgets included.
func (h cacheHost) BeginMiss(spec driver.MissSpec) driver.Recorder {
	st := h.st
	s := st.s
	spinner := spec.Spinner
	r := &missRecorder{st: st, prev: s.replayHook, outer: s.recorder, fn: spec.Func, allow: spec.AllowWidgets,
		index: make(map[*node]int)}
	if spinner.Show {
		// The spinner is not part of any recording, an enclosing cached function's included.
		s.replayHook = nil
		r.spinner = st.Empty()
		r.spinner.leaf("stSpinner", func(p *props) {
			p.str("text", spinner.Text).boolean("showTime", spinner.ShowTime).num("startedMs", float64(time.Now().UnixMilli()))
		})
		s.replayHook = r.prev
		s.paint()
	}
	s.replayHook = r.record
	s.recorder = r
	return r
}

// WidgetValues returns the current values of the widgets ids, nil for one without state.
func (h cacheHost) WidgetValues(ids []string) [][]byte {
	s := h.st.s
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([][]byte, len(ids))
	for i, id := range ids {
		if w := s.widgets[id]; w != nil {
			out[i] = w.encodeValue()
		}
	}
	return out
}

// Replay draws, in place, the elements a cached function drew on the miss that computed the
// value.
func (h cacheHost) Replay(elements []byte) error {
	st := h.st
	recs, err := decodeRecording(elements)
	if err != nil {
		return err
	}
	// Make sure every widget's state can be made before drawing anything: an error means nothing
	// was drawn, and the cache recomputes.
	for _, r := range recs {
		if r.widget != "" {
			if _, _, err := widgetFromProps(r.kind, r.props); err != nil {
				return err
			}
		}
	}
	s := st.s
	s.checkpoint()
	made := make([]*node, len(recs))
	for i, r := range recs {
		parent := st.parent
		switch {
		case r.parent >= 0 && r.parent < i:
			parent = made[r.parent]
		case r.parent == parentMain:
			parent = s.roots[0]
		case r.parent == parentSidebar:
			parent = s.roots[1]
		}
		if r.widget != "" {
			if err := st.replayWidget(r); err != nil {
				return err
			}
		}
		props := append(s.arena.buf, r.props...)
		s.arena.buf = props
		n := s.emit(parent, r.kind, r.widget, props[len(props)-len(r.props):len(props):len(props)], nil)
		if r.blob != nil {
			n.newBlob = append(n.newBlob[:0], r.blob...)
		}
		if r.replace {
			n.replace = true
		}
		made[i] = n
	}
	return nil
}

// missRecorder records the elements a cached function draws during a miss.
type missRecorder struct {
	st      *Session
	spinner *Session // the spinner's placeholder, nil when the spinner is off
	prev    func(*node)
	nodes   []*node
	index   map[*node]int

	outer   *missRecorder // the enclosing cached function's recorder, if any
	fn      string        // the cached function's display name
	allow   bool          // cache.AllowWidgets
	widgets []driver.DrawnWidget
}

// Widgets implements driver.Recorder.
func (r *missRecorder) Widgets() []driver.DrawnWidget { return r.widgets }

// record is the session's replay hook while the cached function runs; recordings nest, so an
// outer cached function also records what an inner one draws or replays.
func (r *missRecorder) record(n *node) {
	if _, ok := r.index[n]; !ok || n.parent.replace {
		r.index[n] = len(r.nodes)
		r.nodes = append(r.nodes, n)
	}
	if r.prev != nil {
		r.prev(n)
	}
}

// End implements driver.Recorder: it stops recording, removes the spinner and returns the
// recording.
func (r *missRecorder) End() []byte {
	s := r.st.s
	s.replayHook = r.prev
	s.recorder = r.outer
	if r.spinner != nil {
		r.spinner.remove()
	}
	if len(r.nodes) == 0 {
		return nil
	}
	// Elements the function took away again (a download's progress bar, st.Spinner's spinner)
	// are not part of what it drew: they and what they hold stay out of the recording.
	kept := make([]int, len(r.nodes)) // index in recs, or -1
	recs := make([]recorded, 0, len(r.nodes))
	for i, n := range r.nodes {
		kept[i] = -1
		if n.removedGen == s.gen {
			continue
		}
		p := parentCall
		if j, ok := r.index[n.parent]; ok && j < i {
			if kept[j] < 0 {
				continue
			}
			p = kept[j]
		} else if n.parent == s.roots[0] && r.st.parent != s.roots[0] {
			p = parentMain
		} else if n.parent == s.roots[1] && r.st.parent != s.roots[1] {
			p = parentSidebar
		}
		kept[i] = len(recs)
		recs = append(recs, recorded{parent: p, kind: n.kind, widget: n.key.widget, props: n.newProps, blob: n.newBlob, replace: n.replace})
	}
	if len(recs) == 0 {
		return nil
	}
	return encodeRecording(recs)
}

// SessionID tells the session apart from the page's others, for functions cached per session
// (cache.ScopeSession).
func (h cacheHost) SessionID() string { return strconv.FormatUint(h.st.s.id, 10) }
