package cache

import (
	"slices"
	"strings"
	"testing"
	"time"
)

type conn struct {
	id     int
	closed bool
}

// TestResourceValidate_B22: a resource that Validate rejects is released and made again; one
// that it accepts is handed out as is.
func TestResourceValidate_B22(t *testing.T) {
	env := newEnv(t, nil)
	made := 0
	var released []int
	open := Resource1(func(_ Session, dsn string) (*conn, error) {
		made++
		return &conn{id: made}, nil
	}, env.opt(),
		Validate(func(c *conn) bool { return !c.closed }),
		OnRelease(func(c *conn) { released = append(released, c.id) }))

	c1, _ := open.Call(NoSession{}, "db")
	if c2, _ := open.Call(NoSession{}, "db"); c2 != c1 {
		t.Fatal("a valid resource was not handed out again")
	}
	c1.closed = true
	c3, _ := open.Call(NoSession{}, "db")
	if c3 == c1 || made != 2 {
		t.Fatalf("a resource Validate rejects was handed out (made %d)", made)
	}
	if !slices.Equal(released, []int{1}) {
		t.Errorf("released %v, want [1]: the rejected resource", released)
	}
}

// TestResourceOnRelease_B22: every way a resource leaves the cache releases it once: TTL
// expiry, MaxEntries eviction, ClearArgs, Clear.
func TestResourceOnRelease_B22(t *testing.T) {
	env := newEnv(t, nil)
	made := 0
	var released []string
	open := Resource1(func(_ Session, name string) (*conn, error) {
		made++
		return &conn{id: made}, nil
	}, env.opt(), TTL(time.Minute), MaxEntries(2),
		OnRelease(func(c *conn) { released = append(released, string(rune('0'+c.id))) }))
	call := func(name string) { _, _ = open.Call(NoSession{}, name) }

	call("a") // 1
	env.clock.Advance(2 * time.Minute)
	call("a") // 2: 1 expired
	call("b") // 3
	call("c") // 4: 2 evicted (MaxEntries 2)
	if err := open.ClearArgs("b"); err != nil {
		t.Fatal(err)
	} // 3
	open.Clear() // 4
	if got := strings.Join(released, ","); got != "1,2,3,4" {
		t.Errorf("released %q, want 1,2,3,4 (expired, evicted, cleared by args, cleared)", got)
	}
}

// TestLifecycleOptionsChecked_B22: a Validate or OnRelease of another type, or on a data
// function, is refused when the wrapper is made, with a message that says what to pass.
func TestLifecycleOptionsChecked_B22(t *testing.T) {
	env := newEnv(t, nil)
	mustPanic := func(name, want string, make func()) {
		t.Helper()
		defer func() {
			r := recover()
			if r == nil || !strings.Contains(r.(string), want) {
				t.Errorf("%s: panic %v, want one containing %q", name, r, want)
			}
		}()
		make()
	}
	mustPanic("wrong type", "pass a func(*cache.conn) bool", func() {
		Resource0(func(Session) (*conn, error) { return nil, nil }, env.opt(), Validate(func(string) bool { return true }))
	})
	mustPanic("data function", "for resource functions", func() {
		Data0(func(Session) (int, error) { return 0, nil }, env.opt(), OnRelease(func(int) {}))
	})
}
