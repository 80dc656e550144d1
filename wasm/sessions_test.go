package wasm

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCheckSessionLabels(t *testing.T) {
	for _, tc := range []struct {
		labels []string
		err    string // a part of the error; "" = none
	}{
		{[]string{"User A", "User B"}, ""},
		{[]string{"Only one"}, ""},
		{[]string{"User A", ""}, "label 2 is empty"},
		{[]string{"User A", "User A"}, `two sessions are labelled "User A"`},
	} {
		t.Run(strings.Join(tc.labels, ","), func(t *testing.T) {
			err := checkSessionLabels(tc.labels)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
}

// logHost is a Host that writes its session's first idle to a log shared by several sessions.
type logHost struct {
	name string
	log  *eventLog
	once sync.Once
}

func (h *logHost) Apply([]byte) {}
func (h *logHost) Yield()       { runtime.Gosched() }
func (h *logHost) Status(status string, _ uint64) {
	if status == "idle" {
		h.once.Do(func() { h.log.add(h.name + " idle") })
	}
}

type eventLog struct {
	mu     sync.Mutex
	events []string
	idle   chan struct{} // one send per first idle
}

func (l *eventLog) add(e string) {
	l.mu.Lock()
	l.events = append(l.events, e)
	l.mu.Unlock()
	if strings.HasSuffix(e, " idle") {
		l.idle <- struct{}{}
	}
}

// TestStartInTurnStartsEachSessionAfterThePreviousFirstRun_B5 checks the order RunSessions relies
// on: the sessions of a page start one after another, each once the previous one's first run has
// ended, so what one run does to a shared resource reaches the next session's first run.
func TestStartInTurnStartsEachSessionAfterThePreviousFirstRun_B5(t *testing.T) {
	log := &eventLog{idle: make(chan struct{}, 3)}
	blocked, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	runs := 0
	app := func(st *Session) {
		mu.Lock()
		runs++
		n := runs
		mu.Unlock()
		log.add(fmt.Sprintf("run %d", n))
		if n == 1 { // the first session's first run waits for the test
			close(blocked)
			<-release
		}
		st.Textf("run %d", n)
	}
	hosts := []Host{&logHost{name: "A", log: log}, &logHost{name: "B", log: log}, &logHost{name: "C", log: log}}
	var startedMu sync.Mutex
	var started []int
	go startInTurn(app, hosts, func(i int, a *App) {
		if a == nil {
			t.Errorf("session %d started with a nil App", i)
		}
		startedMu.Lock()
		started = append(started, i)
		startedMu.Unlock()
	})
	<-blocked
	runtime.Gosched()
	startedMu.Lock()
	if !slices.Equal(started, []int{0}) {
		t.Errorf("started %v while the first session's first run was still going, want [0]", started)
	}
	startedMu.Unlock()
	close(release)
	for range hosts {
		<-log.idle
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	want := []string{"run 1", "A idle", "run 2", "B idle", "run 3", "C idle"}
	if !slices.Equal(log.events, want) {
		t.Fatalf("events %q, want %q", log.events, want)
	}
}
