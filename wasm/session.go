package wasm

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// partialFlushEvery is how long a run may go without showing its progress on the page. Past it,
// the next runtime call flushes what the run has emitted so far and yields so the page paints.
const partialFlushEvery = 100 * time.Millisecond

// session is the shared state behind every *Session handle of one mounted app.
type session struct {
	app  func(*Session)
	host Host
	id   uint64 // unique among the process's sessions (cache.ScopeSession)
	now  func() time.Time

	mu         sync.Mutex // guards the fields down to wake
	widgets    map[string]*widget
	state      map[string]any
	callbacks  []func(*Session)
	seq        uint64 // last event sequence number applied
	cancelRun  context.CancelFunc
	closed     bool          // App.Close was called: no more runs
	clearCache bool          // the page menu's "Clear cache" was chosen: clear before the next run
	inspector  bool          // the cache inspector is open
	dev        *devState     // state kept across the dev server's reload (devstate.go); nil when not kept
	wake       chan struct{} // holds one token while a run is wanted

	interrupt atomic.Bool // a new run is wanted: stop this one at its next runtime call

	// Owned by the run goroutine.
	gen        uint64
	flushSeq   uint64
	lastID     uint32
	roots      [2]*node
	arena      props
	w          wire.Writer
	seen       map[string]bool // widget ids used in this run
	last       *node           // container of the last element emitted, where an exception goes
	lastFlush  time.Time
	runCtx     context.Context
	replayHook func(n *node) // set while a cached call records the elements it emits
	stopped    bool          // the run called st.Stop (A14)
	recorder   *missRecorder // the innermost cached call recording, nil when none
	pages      *pageSet      // what Navigation registered (pages.go), nil before it is called
	pageConfig pageConfigRun // SetPageConfig's config in this run (pageconfig.go)
}

// clock is what new sessions read the time with (partial flushes); tests stop it.
var clock = time.Now

// sessionIDs numbers the sessions of the process.
var sessionIDs atomic.Uint64

func newSession(app func(*Session), h Host) *session {
	s := &session{
		id:      sessionIDs.Add(1),
		app:     app,
		host:    h,
		now:     clock,
		widgets: make(map[string]*widget),
		state:   make(map[string]any),
		wake:    make(chan struct{}, 1),
		seen:    make(map[string]bool),
		lastID:  wire.FirstNodeID - 1,
		runCtx:  context.Background(),
	}
	s.roots[0] = newRoot(wire.RootMain)
	s.roots[1] = newRoot(wire.RootSidebar)
	return s
}

// requestRunLocked asks for a new run; a run in progress stops at its next runtime call.
// The caller holds s.mu. A closed session takes no more runs.
func (s *session) requestRunLocked() {
	if s.closed {
		return
	}
	s.interrupt.Store(true)
	if s.cancelRun != nil {
		s.cancelRun()
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// loop runs the app once at start and again whenever a run is requested, until the session is
// closed.
func (s *session) loop() {
	s.restoreKept()
	s.mu.Lock()
	s.requestRunLocked()
	s.mu.Unlock()
	for range s.wake {
		s.runOnce()
	}
}

// storageWarning, when set, is shown at the top of every run of every session: the cache lost its
// persistent store (C6). One warning, however many failures.
var storageWarning atomic.Pointer[string]

// errInterrupted is the panic value that stops a run when a newer interaction arrived. It is an
// error so that it keeps its identity when a cached function's panic wraps it.
type errInterrupted struct{}

func (errInterrupted) Error() string { return "wasmlit: run stopped by a newer interaction" }

// errRerun is the panic value of Session.Rerun: the app itself asked for a new run.
type errRerun struct{}

func (errRerun) Error() string { return "wasmlit: run stopped by st.Rerun" }

// unwrapPanic returns the value a cached function's panic carries, so that a run stopped inside a
// cached function is seen as stopped, and a panic in one is shown with its own stack.
func unwrapPanic(r any) (value any, stack string) {
	if pe, ok := r.(*cache.PanicError); ok {
		switch v := pe.Value.(type) {
		case errInterrupted, errRerun, errStop:
			return pe.Value, ""
		case interface{ ExceptionType() string }:
			// The runtime's own errors (a widget refused inside a cached function, a
			// duplicate widget) are shown as themselves.
			return v, cleanStack(pe.Stack)
		}
		return fmt.Errorf("cached function '%s' panicked: %v", pe.Func, pe.Value), cleanStack(pe.Stack)
	}
	return r, ""
}

// runOnce runs the callbacks that interactions queued, then the app, and shows the result.
func (s *session) runOnce() {
	s.mu.Lock()
	if s.closed { // a token left in wake when App.Close ran
		s.mu.Unlock()
		return
	}
	s.interrupt.Store(false)
	callbacks := s.callbacks
	s.callbacks = nil
	clearCache := s.clearCache
	s.clearCache = false
	for _, w := range s.widgets {
		w.active = w.pending
		w.pending = false
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancelRun = cancel
	seq := s.seq
	s.mu.Unlock()
	defer cancel()

	s.gen++
	s.runCtx = ctx
	s.stopped = false
	s.arena.buf = s.arena.buf[:0]
	clear(s.seen)
	for _, r := range s.roots {
		r.startRun(s.gen)
	}
	s.last = s.roots[0]
	s.lastFlush = s.now()
	s.host.Status("running", seq)

	root := &Session{s: s, parent: s.roots[0]}
	if clearCache {
		clearCacheHook()
	}
	for _, cb := range callbacks {
		if s.call(root, cb) {
			return
		}
		if s.stopped {
			break
		}
	}
	if w := storageWarning.Load(); w != nil {
		root.Warning(*w)
	}
	s.mu.Lock()
	inspector := s.inspector // read after the callbacks: the inspector's close button is one
	s.mu.Unlock()
	if !s.stopped && inspector && s.call(root, drawInspector) {
		return
	}
	if !s.stopped && s.call(root, s.app) {
		return
	}
	s.flush(true)
	if !s.stopped { // widgets after a Stop were not drawn, but are not gone (A14)
		s.forgetUnseenWidgets()
	}
	if !s.interrupt.Load() {
		s.saveKept()
		s.host.Status("idle", seq)
	}
}

// call runs f, turning a panic into an exception element. It reports whether the run was
// interrupted, in which case the caller abandons it: triggers consumed by it carry over.
func (s *session) call(st *Session, f func(*Session)) (interrupted bool) {
	defer func() {
		r, stack := unwrapPanic(recover())
		if r == nil {
			return
		}
		if _, ok := r.(errRerun); ok {
			interrupted = true
			return
		}
		if _, ok := r.(errStop); ok {
			s.stopped = true
			return
		}
		if _, ok := r.(errInterrupted); ok {
			interrupted = true
			s.mu.Lock()
			for _, w := range s.widgets {
				w.pending = w.pending || w.active
			}
			s.mu.Unlock()
			return
		}
		s.replayHook = nil
		s.recorder = nil
		if stack == "" {
			stack = cleanStack(debug.Stack())
		}
		s.emitException(s.last, panicError(r), stack)
	}()
	f(st)
	return false
}

// checkpoint is called by every runtime call: it stops the run when a newer interaction is waiting,
// and shows the run's progress when it has been running a while.
//
// A cached function computing a miss is not stopped: its work would be thrown away and done again
// when the key comes back, so each key would no longer be computed once (B16). The run stops at
// the first runtime call after the cached call returns, once the value is stored.
func (s *session) checkpoint() {
	if s.stopWanted() {
		panic(errInterrupted{})
	}
	if s.now().Sub(s.lastFlush) >= partialFlushEvery {
		s.flush(false)
		s.host.Yield()
		if s.stopWanted() {
			panic(errInterrupted{})
		}
	}
}

// stopWanted reports whether the run should stop here: a newer interaction is waiting and no
// cached function is computing a miss.
func (s *session) stopWanted() bool {
	return s.interrupt.Load() && s.recorder == nil
}

// flush sends the ops that bring the host up to date with this run, in one buffer.
func (s *session) flush(final bool) {
	s.flushSeq++
	s.w.Reset()
	for _, r := range s.roots {
		s.syncChildren(r, final)
	}
	if s.w.Len() > 0 {
		s.host.Apply(s.w.Bytes())
	}
	s.lastFlush = s.now()
}

// emit adds an element to container c in this run and returns its node. wid is the widget
// identity for widgets, "" for other elements. props must come from s.arena.
func (s *session) emit(c *node, kind, wid string, props, blob []byte) *node {
	c.prepare()
	if c.replace {
		c.next = c.next[:0]
		clear(c.ordinals)
	}
	k := nodeKey{kind: kind, widget: wid}
	if wid == "" {
		c.ordinals[kind]++
		k.ordinal = c.ordinals[kind]
	}
	n := c.byKey[k]
	if n == nil || n.kind != kind {
		s.lastID++
		n = &node{id: s.lastID, key: k, kind: kind, parent: c}
		c.byKey[k] = n
	}
	n.startRun(s.gen)
	n.removedGen = 0 // a placeholder removed earlier in the run, drawn into again
	n.newProps = props
	n.newBlob = blob
	c.next = append(c.next, n)
	s.last = c
	if s.replayHook != nil {
		s.replayHook(n)
	}
	return n
}

// emitException shows err with its stack in container c.
func (s *session) emitException(c *node, err error, stack string) {
	typ := fmt.Sprintf("%T", err)
	var p interface{ ExceptionType() string }
	if errors.As(err, &p) {
		typ = p.ExceptionType()
	}
	s.arena.begin()
	s.arena.str("type", typ).str("message", err.Error()).str("stack", stack)
	s.emit(c, "stException", "", s.arena.end(), nil)
}

// panicError turns a recovered panic value into an error.
func panicError(r any) error {
	if err, ok := r.(error); ok {
		return err
	}
	return &panicValue{value: r}
}

// panicValue is the error shown for a panic whose value is not an error. (A panic in a cached
// function reaches the app as a *cache.PanicError, the only exported panic error.)
type panicValue struct {
	value any // what was passed to panic
}

func (e *panicValue) Error() string { return fmt.Sprint(e.value) }

// ExceptionType names the element's type line: "panic".
func (e *panicValue) ExceptionType() string { return "panic" }

// cleanStack drops the frames of the runtime's own recovery from a debug.Stack dump, so the
// first frame shown is the app's.
func cleanStack(stack []byte) string {
	s := string(stack)
	if i := strings.Index(s, "panic("); i >= 0 {
		if j := strings.Index(s[i:], "\n"); j >= 0 {
			if k := strings.Index(s[i+j+1:], "\n"); k >= 0 {
				return strings.TrimSpace(s[:strings.Index(s, "\n")+1] + s[i+j+1+k+1:])
			}
		}
	}
	return strings.TrimSpace(s)
}

// nextWidgetCheck guards against two widgets with one identity in a run (A2).
func (s *session) claimWidget(id, kind, label string) {
	if s.seen[id] {
		panic(&DuplicateWidgetIDError{ID: id, Kind: kind, Label: label})
	}
	s.seen[id] = true
}

// forgetUnseenWidgets drops the state of widgets the finished run did not draw, as Streamlit does.
func (s *session) forgetUnseenWidgets() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, w := range s.widgets {
		if !s.seen[id] {
			delete(s.widgets, id)
		} else {
			w.active = false
		}
	}
}
