package cache

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// fakeRemote answers every request with a fixed record or error, and keeps the requests.
type fakeRemote struct {
	mu   sync.Mutex
	reqs [][]byte
	rec  []byte
	err  error
}

func (r *fakeRemote) Compute(_ context.Context, req []byte) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, req)
	return r.rec, r.err
}

func (r *fakeRemote) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// withRemote sets the shared remote for one test.
func withRemote(t *testing.T, r driver.SharedRemote) {
	old := driver.Remote()
	driver.SetSharedRemote(r)
	t.Cleanup(func() { driver.SetSharedRemote(old) })
}

type sharedParams struct {
	Name  string
	Scale float64
}

// requestFor is the sharedReq body a browser sends for f's arguments.
func requestFor[R any](t *testing.T, c *dataCore[R], args ...any) []byte {
	t.Helper()
	c.resolve()
	as := make([]arg, len(args))
	for i, a := range args {
		p := reflect.New(reflect.TypeOf(a))
		p.Elem().Set(reflect.ValueOf(a))
		as[i] = arg{pos: i + 1, v: p.Elem()}
	}
	b, err := c.sharedRequest(as)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newSharedFunc(t *testing.T, env *testEnv, runs *atomic.Int64, gate chan struct{}) *DataFunc2[NoSession, int, sharedParams, []float64] {
	t.Helper()
	return Data2(func(_ NoSession, n int, p sharedParams) ([]float64, error) {
		runs.Add(1)
		if gate != nil {
			<-gate
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = float64(i) * p.Scale
		}
		return out, nil
	}, Shared(), env.opt())
}

// The Worker computes a key once for any number of concurrent requests, and answers them all
// with the same sealed record (E2).
func TestSharedWorkerComputesOncePerKey_E2(t *testing.T) {
	env := newEnv(t, nil)
	var runs atomic.Int64
	gate := make(chan struct{})
	f := newSharedFunc(t, env, &runs, gate)
	req := requestFor(t, f.core, 4, sharedParams{Name: "a", Scale: 2})

	before := driver.SharedCounts.Computations.Load()
	const n = 8
	recs := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			recs[i], _, errs[i] = serveShared(context.Background(), req)
		}()
	}
	close(gate)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("request %d: %v", i, errs[i])
		}
		if !bytes.Equal(recs[i], recs[0]) {
			t.Fatalf("request %d got another record", i)
		}
	}
	if got := runs.Load(); got != 1 {
		t.Fatalf("runs = %d, want 1", got)
	}
	if got := driver.SharedCounts.Computations.Load() - before; got != 1 {
		t.Fatalf("SharedComputations grew by %d, want 1", got)
	}
	rec, err := f.core.verifyShared(recs[0])
	if err != nil {
		t.Fatalf("the Worker's record does not verify: %v", err)
	}
	v, err := decodeValue[[]float64](rec.Value)
	if err != nil || len(v) != 4 || v[3] != 6 {
		t.Fatalf("value = %v, %v; want [0 2 4 6]", v, err)
	}
}

// A browser's miss takes the Worker's record instead of computing, keeps it in its own tiers
// (the next call is a hit that asks nothing), and the value is the computed one (E2).
func TestSharedMissUsesWorkerRecord_E2(t *testing.T) {
	env := newEnv(t, nil)
	var runs atomic.Int64
	f := newSharedFunc(t, env, &runs, nil)
	req := requestFor(t, f.core, 3, sharedParams{Scale: 10})
	rec, _, err := serveShared(context.Background(), req) // the Worker computes
	if err != nil {
		t.Fatal(err)
	}
	f.Clear() // the browser: empty tiers
	runs.Store(0)

	remote := &fakeRemote{rec: rec}
	withRemote(t, remote)
	fetched := driver.SharedCounts.Fetched.Load()
	for range 2 {
		v, err := f.Call(NoSession{}, 3, sharedParams{Scale: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(v) != 3 || v[2] != 20 {
			t.Fatalf("value = %v, want [0 10 20]", v)
		}
	}
	if got := runs.Load(); got != 0 {
		t.Fatalf("the browser ran the function %d times, want 0", got)
	}
	if remote.count() != 1 || driver.SharedCounts.Fetched.Load()-fetched != 1 {
		t.Fatalf("asked the Worker %d times (fetched %d), want once", remote.count(), driver.SharedCounts.Fetched.Load()-fetched)
	}
	if !bytes.Equal(remote.reqs[0], req) {
		t.Fatal("the browser's request differs from the one the Worker was built for")
	}
}

// Without a Worker (a static host: the remote is unavailable, or there is none), or when the
// Worker answers with a record that is not the function's, the function computes in the browser
// (E4, and the browser verifies what it gets: E3).
func TestSharedComputesInBrowserWithoutWorker_E4(t *testing.T) {
	otherRec := (&record{Name: "other", Type: typeFingerprint(reflect.TypeFor[[]float64]())}).encode()
	cases := []struct {
		name   string
		remote driver.SharedRemote
	}{
		{"no remote", nil},
		{"static host", &fakeRemote{err: &driver.SharedUnavailableError{Reason: "404"}}},
		{"refused", &fakeRemote{err: &driver.SharedError{Status: 409, Reason: "another build"}}},
		{"foreign record", &fakeRemote{rec: otherRec}},
		{"damaged record", &fakeRemote{rec: []byte("wlc\x00garbage")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t, nil)
			var runs atomic.Int64
			withRemote(t, tc.remote)
			f := Data1(func(_ NoSession, n int) ([]float64, error) {
				runs.Add(1)
				return make([]float64, n), nil
			}, Shared(), env.opt())
			v, err := f.Call(NoSession{}, 5)
			if err != nil || len(v) != 5 {
				t.Fatalf("Call = %v, %v", v, err)
			}
			if runs.Load() != 1 {
				t.Fatalf("runs = %d, want 1", runs.Load())
			}
		})
	}
}

// The Worker refuses what is not a request for one of its shared functions with a 4xx and a
// reason, and computes and stores nothing (E3).
func TestSharedWorkerRefusesForgedRequests_E3(t *testing.T) {
	env := newEnv(t, nil)
	var runs atomic.Int64
	f := newSharedFunc(t, env, &runs, nil)
	good := requestFor(t, f.core, 2, sharedParams{Scale: 1})
	var req sharedReq
	if err := cbor.Unmarshal(good, &req); err != nil {
		t.Fatal(err)
	}
	forge := func(edit func(r *sharedReq)) []byte {
		r := req
		r.Args = append([][]byte(nil), req.Args...)
		r.Hash = bytes.Clone(req.Hash)
		edit(&r)
		b, err := cbor.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	str, _ := cbor.Marshal("two")
	unknownField, _ := cbor.Marshal(map[string]any{"Name": "x", "Value": []byte("store me")})
	cases := []struct {
		name   string
		body   []byte
		status int
	}{
		{"not CBOR", []byte("{\"value\": 1}"), 400},
		{"empty", nil, 400},
		{"unknown function", forge(func(r *sharedReq) { r.Prefix = "d:main.secret@00#" }), 404},
		{"another build", forge(func(r *sharedReq) { r.Hash[0] ^= 1 }), 409},
		{"short hash", forge(func(r *sharedReq) { r.Hash = r.Hash[:3] }), 400},
		{"wrong argument type", forge(func(r *sharedReq) { r.Args[0] = str }), 400},
		{"a value to store", forge(func(r *sharedReq) { r.Args[1] = unknownField }), 400},
		{"missing argument", forge(func(r *sharedReq) { r.Args = r.Args[:1] }), 400},
		{"extra argument", forge(func(r *sharedReq) { r.Args = append(r.Args, str) }), 400},
		{"too many arguments", forge(func(r *sharedReq) { r.Args = make([][]byte, driver.MaxSharedArgs+1) }), 400},
		{"oversized", append(bytes.Clone(good), make([]byte, driver.MaxSharedRequestBytes)...), 413},
		{"trailing bytes", append(bytes.Clone(good), 0), 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := serveShared(context.Background(), tc.body)
			var se *driver.SharedError
			if !errors.As(err, &se) || se.Status != tc.status {
				t.Fatalf("ServeShared = %v, want a *driver.SharedError with status %d", err, tc.status)
			}
			if se.Reason == "" {
				t.Fatal("no reason given")
			}
		})
	}
	if runs.Load() != 0 {
		t.Fatalf("a refused request ran the function %d times", runs.Load())
	}
	if s := f.Stats(); s.Entries != 0 {
		t.Fatalf("a refused request stored %d entries", s.Entries)
	}
	if _, _, err := serveShared(context.Background(), good); err != nil {
		t.Fatalf("the genuine request: %v", err)
	}
}

// FuzzSharedRequest_E3: any bytes are a request or a *driver.SharedError with a 4xx, never a panic or a
// computation of an unknown function.
func FuzzSharedRequest_E3(f *testing.F) {
	env := newEnv(f, nil)
	var runs atomic.Int64
	fn := Data1(func(_ NoSession, s string) (int, error) { runs.Add(1); return len(s), nil }, Shared(), env.opt())
	fn.core.resolve()
	good, _ := cbor.Marshal(sharedReq{Prefix: fn.core.prefix, Hash: fn.core.id.Hash[:], Args: [][]byte{{0x61, 'x'}}})
	f.Add(good)
	f.Add([]byte{0x83, 0x60, 0x40, 0x80})
	f.Add([]byte{0x9f, 0xff})
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := decodeSharedRequest(body)
		if err != nil {
			var se *driver.SharedError
			if !errors.As(err, &se) || se.Status < 400 || se.Status > 499 {
				t.Fatalf("DecodeSharedRequest error %v is not a 4xx *driver.SharedError", err)
			}
			return
		}
		if _, _, err := resolveShared(req); err != nil {
			var se *driver.SharedError
			if !errors.As(err, &se) || se.Status < 400 || se.Status > 499 {
				t.Fatalf("resolveShared error %v is not a 4xx *driver.SharedError", err)
			}
		}
	})
}

// Shared installs the Worker's server (driver.ServeShared) for the program, rather than an init,
// so that an app without shared functions does not link it (cmd/wasmlit's TestHelloLinks_C1).
func TestSharedInstallsWorkerServer_E2(t *testing.T) {
	Shared()
	_, _, err := driver.ServeShared(context.Background(), []byte("{\"value\": 1}"))
	var se *driver.SharedError
	if !errors.As(err, &se) || se.Status != 400 {
		t.Fatalf("driver.ServeShared after Shared() = %v, want the server's *driver.SharedError with status 400", err)
	}
}
