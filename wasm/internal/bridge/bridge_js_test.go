//go:build js && wasm

package bridge

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"
)

// fakeHost installs a wasmlitHost that records calls, for tests under Node
// (PATH="$PATH:$(go env GOROOT)/lib/wasm" GOOS=js GOARCH=wasm go test ./wasm/internal/bridge/).
type fakeHost struct {
	mu      sync.Mutex
	applied [][]byte
	status  []string
	funcs   []js.Func // kept for the life of the test binary
}

// fake is the one wasmlitHost of the test binary: host() looks the global up once.
var fake = installFakeHost()

func (f *fakeHost) reset() *fakeHost {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.applied, f.status = nil, nil
	return f
}

func installFakeHost() *fakeHost {
	f := &fakeHost{}
	obj := js.Global().Get("Object").New()
	fn := func(name string, body func(args []js.Value) any) {
		jf := js.FuncOf(func(_ js.Value, args []js.Value) any { return body(args) })
		f.funcs = append(f.funcs, jf)
		obj.Set(name, jf)
	}
	fn("apply", func(args []js.Value) any {
		b := make([]byte, args[2].Int())
		js.CopyBytesToGo(b, args[1])
		f.mu.Lock()
		f.applied = append(f.applied, b)
		f.mu.Unlock()
		return nil
	})
	fn("status", func(args []js.Value) any {
		f.mu.Lock()
		f.status = append(f.status, args[1].String()+":"+strconv.Itoa(args[2].Int()))
		f.mu.Unlock()
		return nil
	})
	fn("yield", func([]js.Value) any { return js.Global().Get("Promise").Call("resolve") })
	fn("takeFile", func(args []js.Value) any {
		if args[0].String() != "tok" {
			return js.Null()
		}
		u8 := js.Global().Get("Uint8Array").New(3)
		js.CopyBytesToJS(u8, []byte("abc"))
		return u8
	})
	obj.Set("buildID", "b-1")
	js.Global().Set("wasmlitHost", obj)
	return f
}

func TestApplyReusesOneBuffer(t *testing.T) {
	f := fake.reset()
	Apply(1, []byte{1, 2, 3})
	Apply(1, nil) // nothing to send: no call
	Apply(1, []byte{9})
	big := make([]byte, maxKeptBuffer+1)
	big[len(big)-1] = 7
	Apply(1, big)
	Apply(1, []byte{4, 5})
	if len(f.applied) != 4 {
		t.Fatalf("%d apply calls, want 4", len(f.applied))
	}
	if string(f.applied[0]) != "\x01\x02\x03" || string(f.applied[1]) != "\x09" || string(f.applied[3]) != "\x04\x05" {
		t.Errorf("applied %v: the host must see exactly the bytes of each call", f.applied)
	}
	if len(f.applied[2]) != len(big) || f.applied[2][len(big)-1] != 7 {
		t.Error("a large patch arrived truncated")
	}
	if applyCap > maxKeptBuffer {
		t.Errorf("kept a %d byte buffer, limit %d", applyCap, maxKeptBuffer)
	}
}

func TestStatusBuildIDTakeFile(t *testing.T) {
	f := fake.reset()
	Status(1, "idle", 42)
	if len(f.status) != 1 || f.status[0] != "idle:42" {
		t.Errorf("status calls %v", f.status)
	}
	if got := BuildID(); got != "b-1" {
		t.Errorf("BuildID() = %q", got)
	}
	if b, ok := TakeFile("tok"); !ok || string(b) != "abc" {
		t.Errorf("TakeFile(tok) = %q, %v", b, ok)
	}
	if _, ok := TakeFile("nope"); ok {
		t.Error("TakeFile of an unknown token succeeded")
	}
	Yield()
}

func TestAwait(t *testing.T) {
	promise := js.Global().Get("Promise")
	v, err := Await(context.Background(), promise.Call("resolve", 42))
	if err != nil || v.Int() != 42 {
		t.Errorf("resolved: %v, %v", v, err)
	}
	_, err = Await(context.Background(), promise.Call("reject", js.Global().Get("TypeError").New("bad thing")))
	var je *JSError
	if !errors.As(err, &je) || je.Name != "TypeError" || je.Message != "bad thing" {
		t.Errorf("rejected: %v", err)
	}
	_, err = Await(context.Background(), promise.Call("reject", "just a string"))
	if err == nil || err.Error() != "just a string" {
		t.Errorf("rejected with a string: %v", err)
	}
	never := js.FuncOf(func(js.Value, []js.Value) any { return nil })
	defer never.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := Await(ctx, promise.New(never)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("pending promise: %v, want DeadlineExceeded", err)
	}
}

func TestOnEventsInOrder(t *testing.T) {
	got := make(chan string, 10)
	OnEvents(func(sid int, b []byte) {
		time.Sleep(time.Millisecond) // a slow handler must not reorder batches
		got <- string(b)
	})
	events := js.Global().Get("wasmlitGo").Get("events")
	want := []string{`[{"s":1}]`, `[{"s":2}]`, `[{"s":3}]`}
	for _, w := range want {
		events.Invoke(1, w)
	}
	events.Invoke(1, 5) // not a string: logged and dropped
	for _, w := range want {
		select {
		case g := <-got:
			if g != w {
				t.Errorf("got batch %s, want %s", g, w)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("batches did not arrive")
		}
	}
	select {
	case g := <-got:
		if !strings.HasPrefix(g, "[") {
			t.Errorf("a bad batch reached the handler: %q", g)
		}
	case <-time.After(20 * time.Millisecond):
	}
}
