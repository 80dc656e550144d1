package wasm

import (
	"time"

	"wasmlit/cache"
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
var _ cache.Host = (*Session)(nil)

// BeginMiss implements cache.Host: it shows the miss's spinner, painted before the cached
// function starts, and starts recording what the function draws.
func (st *Session) BeginMiss(spinner cache.SpinnerSpec) cache.Recorder {
	s := st.s
	r := &missRecorder{st: st, prev: s.replayHook, index: make(map[*node]int)}
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
	return r
}

// Replay implements cache.Host: it draws, in place, the elements a cached function drew on the
// miss that computed the value.
func (st *Session) Replay(elements []byte) error {
	recs, err := decodeRecording(elements)
	if err != nil {
		return err
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
		props := append(s.arena.buf, r.props...)
		s.arena.buf = props
		n := s.emit(parent, r.kind, "", props[len(props)-len(r.props):len(props):len(props)], nil)
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
}

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

// End implements cache.Recorder: it stops recording, removes the spinner and returns the
// recording.
func (r *missRecorder) End() []byte {
	s := r.st.s
	s.replayHook = r.prev
	if r.spinner != nil {
		r.spinner.remove()
	}
	if len(r.nodes) == 0 {
		return nil
	}
	recs := make([]recorded, len(r.nodes))
	for i, n := range r.nodes {
		p := parentCall
		if j, ok := r.index[n.parent]; ok && j < i {
			p = j
		} else if n.parent == s.roots[0] && r.st.parent != s.roots[0] {
			p = parentMain
		} else if n.parent == s.roots[1] && r.st.parent != s.roots[1] {
			p = parentSidebar
		}
		recs[i] = recorded{parent: p, kind: n.kind, props: n.newProps, blob: n.newBlob, replace: n.replace}
	}
	return encodeRecording(recs)
}
