package cache

import (
	"context"
	"strings"
	"testing"
)

// sessionHost is a fake session with an id, as the runtime's sessions have.
type sessionHost struct {
	*fakeHost
	id string
}

func (h sessionHost) SessionID() string { return h.id }

// TestScopeSession_B20: a function cached per session computes once per session, never shares
// an entry across sessions, writes nothing to the persistent store, and ClearArgs clears the
// arguments' entries of every session.
func TestScopeSession_B20(t *testing.T) {
	store := newMemoryStore(-1)
	env := newEnv(t, store)
	runs := map[string]int{}
	var current string
	cart := Data1(func(_ Session, user string) ([]string, error) {
		runs[current]++
		return []string{current + ":" + user}, nil
	}, env.opt(), ScopeSession())
	a, b := sessionHost{newHost(), "1"}, sessionHost{newHost(), "2"}
	call := func(h sessionHost) string {
		t.Helper()
		current = h.id
		v, err := cart.Call(h, "ada")
		if err != nil {
			t.Fatal(err)
		}
		return v[0]
	}
	if got := call(a); got != "1:ada" {
		t.Fatalf("session 1 got %q", got)
	}
	if got := call(b); got != "2:ada" {
		t.Fatalf("session 2 got %q: it shared session 1's entry", got)
	}
	call(a)
	call(b)
	if runs["1"] != 1 || runs["2"] != 1 {
		t.Errorf("runs %v, want once per session", runs)
	}
	env.e.Flush()
	if keys, _ := store.Keys(context.Background(), ""); len(keys) != 0 {
		t.Errorf("session entries reached the persistent store: %v", keys)
	}
	if err := cart.ClearArgs("ada"); err != nil {
		t.Fatal(err)
	}
	call(a)
	call(b)
	if runs["1"] != 2 || runs["2"] != 2 {
		t.Errorf("after ClearArgs: runs %v, want a second run in each session", runs)
	}
}

// TestScopeSessionResources_B20: a resource cached per session is one instance per session.
func TestScopeSessionResources_B20(t *testing.T) {
	env := newEnv(t, nil)
	made := 0
	open := Resource0(func(Session) (*conn, error) {
		made++
		return &conn{id: made}, nil
	}, env.opt(), ScopeSession())
	a, b := sessionHost{newHost(), "1"}, sessionHost{newHost(), "2"}
	ca1, _ := open.Call(a)
	cb, _ := open.Call(b)
	ca2, _ := open.Call(a)
	if ca1 != ca2 || ca1 == cb || made != 2 {
		t.Errorf("instances: a %d/%d, b %d, made %d; want one per session", ca1.id, ca2.id, cb.id, made)
	}
	if !strings.HasSuffix(open.core.scoped("k", b), "~2") {
		t.Error("the session's key does not name the session")
	}
}
