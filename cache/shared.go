package cache

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// Shared functions (E2–E4). A data function made with the Shared option is computed once per key
// for every user by the site's edge Worker (package github.com/wasmlit/wasmlit/edge): on a miss
// in all of its own tiers, the browser asks the Worker (driver.SharedRemote) for the record, verifies it
// and keeps it as if it had computed it. Without a Worker (a static host, offline), or when the
// Worker refuses, the function runs in the browser as any cached function (E4).
//
// The Worker runs the same Go package compiled for the Worker: the request names the function by
// its identity (the same prefix the keys start with) and carries each argument as CBOR; the Worker
// decodes them into the function's declared parameter types, computes through the ordinary cache
// path (so one Worker instance computes a key once) and answers with the sealed record.

// Shared marks a data function shared: its results are computed once per key by the site's edge
// Worker and handed to every browser, which keeps them in its own tiers (E2). Without a Worker the
// function runs in the browser, so the app works on any static host (E4). Every argument but the
// Host must be encodable as CBOR (the Worker decodes it into the parameter's type); a call whose
// arguments are not computes in the browser. The Host the Worker passes is the zero value of the
// function's Host type: a shared function should compute, not draw. Shared has no effect on
// resources, on methods, and with AllowWidgets.
func Shared() Option {
	registerSharedServer()
	return func(o *options) { o.shared = true }
}

// sharedReq is what a browser sends to compute a shared function: the function's identity and
// its arguments, each encoded as CBOR. It is CBOR-encoded as an array.
type sharedReq struct {
	_      struct{} `cbor:",toarray"`
	Prefix string   // the function's key prefix: kind, name, "@", instance, "#"
	Hash   []byte   // the function's identity hash (16 bytes): its source in this build
	Args   [][]byte // the CBOR of each argument after the Session, in order
}

// sharedFunc is a shared data function as the Worker sees it.
type sharedFunc interface {
	info() *funcInfo
	serveShared(ctx context.Context, args []reflect.Value) (record []byte, err error)
}

var (
	sharedMu    sync.Mutex
	sharedFuncs []sharedFunc
)

// registerShared is called for every data function made with Shared (newDataCore).
func registerShared(f sharedFunc) {
	sharedMu.Lock()
	sharedFuncs = append(sharedFuncs, f)
	sharedMu.Unlock()
}

func (c *dataCore[R]) info() *funcInfo { return c.funcInfo }

// sharedArgs encodes a call's arguments for a sharedReq, or says why it cannot be.
func (c *dataCore[R]) sharedRequest(args []arg) ([]byte, error) {
	if c.method || c.opts.allowWidgets {
		return nil, errors.New("methods and AllowWidgets functions are not shared")
	}
	req := sharedReq{Prefix: c.prefix, Hash: c.id.Hash[:]}
	for _, a := range args {
		b, err := valueEncMode.Marshal(a.v.Interface())
		if err != nil {
			name, _ := c.paramName(a.pos)
			return nil, fmt.Errorf("argument %s cannot be sent to the Worker: %w", name, err)
		}
		req.Args = append(req.Args, b)
	}
	return cbor.Marshal(req)
}

// fromShared asks the remote for argsKey's record on a miss. It returns the verified record, or
// nil when the function must compute here (no remote, no Worker, a refusal, a bad record: each
// but the first is a warning).
func (c *dataCore[R]) fromShared(ctx context.Context, args []arg) (rec record, b []byte) {
	if !c.opts.shared {
		return record{}, nil
	}
	remote := driver.Remote()
	if remote == nil {
		return record{}, nil
	}
	req, err := c.sharedRequest(args)
	if err != nil {
		c.opts.engine.warnOnce("cache: a shared function computes in the browser", "func", c.id.Display, "err", err)
		return record{}, nil
	}
	b, err = remote.Compute(ctx, req)
	if err != nil {
		var ue *driver.SharedUnavailableError
		if errors.As(err, &ue) {
			c.opts.engine.warnOnce(ue.Error())
		} else {
			c.opts.engine.warn("cache: the edge Worker did not compute a shared function; computing in the browser",
				"func", c.id.Display, "err", err)
		}
		return record{}, nil
	}
	rec, err = c.verifyShared(b)
	if err != nil {
		c.opts.engine.warn("cache: the edge Worker's record is not this function's; computing in the browser",
			"func", c.id.Display, "err", err)
		return record{}, nil
	}
	return rec, b
}

// verifyShared checks a record that came from the Worker: its checksum, the function's identity,
// the result type and the TTL. The value must also decode (the caller decodes it).
func (c *dataCore[R]) verifyShared(b []byte) (record, error) {
	rec, err := decodeRecord(b, true)
	if err != nil {
		return rec, err
	}
	switch {
	case rec.Name != c.id.Name || rec.FuncHash != c.id.Hash:
		return rec, fmt.Errorf("record of %s %x, want %s %x", rec.Name, rec.FuncHash[:4], c.id.Name, c.id.Hash[:4])
	case rec.Type != c.typeFP:
		return rec, errors.New("record of another result type")
	case c.opts.ttl > 0 && c.opts.engine.now().Sub(time.Unix(0, rec.Created)) > c.opts.ttl:
		return rec, errors.New("record expired")
	}
	return rec, nil
}

// keepShared is a miss answered by the Worker: the record b (verified, rec) is decoded, its
// elements replayed as on a hit, and stored in this browser's tiers through keep, as a
// computation's would be. handOff is called when keep takes unlock. ok is false when the value
// does not decode or the elements cannot be drawn: the function then computes here.
func (c *dataCore[R]) keepShared(ctx context.Context, rt driver.Runtime, key string, rec record, b []byte,
	keep keepFunc, handOff, unlock func()) (res dataResult, ok bool) {
	v, err := decodeValue[R](rec.Value)
	if err == nil && rt != nil && len(rec.Elements) > 0 {
		err = rt.Replay(rec.Elements)
	}
	if err != nil {
		c.opts.engine.warn("cache: the edge Worker's record cannot be used; computing in the browser",
			"func", c.id.Display, "err", err)
		return dataResult{}, false
	}
	t := c.opts.engine.dataTier()
	keep(func() {
		handOff()
		t.setRecord(ctx, key, b, unlock)
		for _, old := range c.index.put(key, struct{}{}, int64(len(b)), c.opts.maxEntries) {
			t.deleteAsync(context.Background(), old)
		}
	})
	driver.SharedCounts.Fetched.Add(1)
	return dataResult{key: key, value: rec.Value, elements: rec.Elements, own: v}, true
}

// serveShared computes (or finds) the record of args, through the ordinary cache path with no
// host, and returns it sealed. It is the Worker's side of a sharedReq.
func (c *dataCore[R]) serveShared(ctx context.Context, vals []reflect.Value) ([]byte, error) {
	fn := reflect.ValueOf(c.fn)
	in := make([]reflect.Value, 0, len(vals)+1)
	in = append(in, reflect.Zero(fn.Type().In(0))) // the zero Session
	in = append(in, vals...)
	args := make([]arg, len(vals))
	for i, v := range vals {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		args[i] = arg{pos: i + 1, v: p.Elem()}
	}
	run := func(Session) (R, error) {
		driver.SharedComputed()
		out := fn.Call(in)
		r, _ := out[0].Interface().(R)
		err, _ := out[1].Interface().(error)
		return r, err
	}
	if _, err := c.call(nil, run, args...); err != nil {
		return nil, err
	}
	key, err := c.key(args...)
	if err != nil {
		return nil, err
	}
	b, _, ok := c.opts.engine.dataTier().read(ctx, key, false)
	if !ok {
		return nil, fmt.Errorf("cache: %s: the computed record is not stored (too large for the memory tier?)", c.id.Display)
	}
	sealed := bytes.Clone(b)
	sealRecord(sealed)
	return sealed, nil
}

// paramTypes returns the types of f's parameters after the Session.
func paramTypes(f *funcInfo) []reflect.Type {
	t := reflect.TypeOf(f.fn)
	ts := make([]reflect.Type, 0, t.NumIn())
	for i := 1; i < t.NumIn(); i++ {
		ts = append(ts, t.In(i))
	}
	return ts
}

// decodeSharedRequest parses a request body, bounded by driver.MaxSharedRequestBytes and driver.MaxSharedArgs.
// Errors are *driver.SharedError with status 400 or 413.
func decodeSharedRequest(body []byte) (sharedReq, error) {
	var req sharedReq
	if len(body) > driver.MaxSharedRequestBytes {
		return req, &driver.SharedError{Status: 413, Reason: fmt.Sprintf("request of %d bytes is over the limit of %d bytes; pass smaller arguments to shared functions", len(body), driver.MaxSharedRequestBytes)}
	}
	if err := sharedReqDecMode.Unmarshal(body, &req); err != nil {
		return req, &driver.SharedError{Status: 400, Reason: "the request is not a shared-function request (CBOR array of prefix, hash, arguments)", Err: err}
	}
	if len(req.Args) > driver.MaxSharedArgs {
		return req, &driver.SharedError{Status: 400, Reason: fmt.Sprintf("%d arguments, at most %d", len(req.Args), driver.MaxSharedArgs)}
	}
	if len(req.Hash) != 16 {
		return req, &driver.SharedError{Status: 400, Reason: fmt.Sprintf("identity hash of %d bytes, want 16", len(req.Hash))}
	}
	return req, nil
}

// sharedReqDecMode decodes requests strictly: small limits, no duplicate map keys, no trailing data.
var sharedReqDecMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxArrayElements:  driver.MaxSharedArgs + 3,
		MaxMapPairs:       1024,
		MaxNestedLevels:   8,
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// serveShared answers one request body in the Worker (driver.ServeShared) (E2, E3): it checks the request (a
// known shared function of this build, arguments that decode into its parameter types), computes
// or finds the record through the ordinary cache path and returns it sealed, with the function's
// TTL (0: none). A refusal is a *driver.SharedError with a 4xx status and nothing is computed or stored.
func serveShared(ctx context.Context, body []byte) (record []byte, ttl time.Duration, err error) {
	req, err := decodeSharedRequest(body)
	if err != nil {
		return nil, 0, err
	}
	f, vals, err := resolveShared(req)
	if err != nil {
		return nil, 0, err
	}
	b, err := f.serveShared(ctx, vals)
	if err != nil {
		return nil, 0, &driver.SharedError{Status: 500, Reason: "the shared function failed", Err: err}
	}
	return b, f.info().opts.ttl, nil
}

// resolveShared finds the request's function and decodes its arguments (E3).
func resolveShared(req sharedReq) (sharedFunc, []reflect.Value, error) {
	sharedMu.Lock()
	fs := append([]sharedFunc(nil), sharedFuncs...)
	sharedMu.Unlock()
	var f sharedFunc
	for _, s := range fs {
		info := s.info()
		info.resolve()
		if info.prefix == req.Prefix {
			f = s
			break
		}
	}
	if f == nil {
		return nil, nil, &driver.SharedError{Status: 404, Reason: fmt.Sprintf("no shared function %q in this build: mark it cache.Shared() and deploy the Worker built with the app", req.Prefix)}
	}
	info := f.info()
	if !bytes.Equal(req.Hash, info.id.Hash[:]) {
		return nil, nil, &driver.SharedError{Status: 409, Reason: fmt.Sprintf("%s: the request was built for another version of the function (hash %s, this Worker has %s); reload the page to get this build",
			info.id.Display, hex.EncodeToString(req.Hash), hex.EncodeToString(info.id.Hash[:]))}
	}
	types := paramTypes(info)
	if len(req.Args) != len(types) {
		return nil, nil, &driver.SharedError{Status: 400, Reason: fmt.Sprintf("%s takes %d arguments after the Session, the request has %d", info.id.Display, len(types), len(req.Args))}
	}
	vals := make([]reflect.Value, len(types))
	for i, t := range types {
		p := reflect.New(t)
		if err := sharedArgDecMode.Unmarshal(req.Args[i], p.Interface()); err != nil {
			name, _ := info.paramName(i + 1)
			return nil, nil, &driver.SharedError{Status: 400, Reason: fmt.Sprintf("%s: argument %s does not decode into %s", info.id.Display, name, typeName(t)), Err: err}
		}
		vals[i] = p.Elem()
	}
	return f, vals, nil
}

// sharedArgDecMode decodes arguments into the declared types: like values, but a struct field the
// type does not have is an error, not ignored.
var sharedArgDecMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxArrayElements:  1 << 20,
		MaxMapPairs:       1 << 20,
		MaxNestedLevels:   64,
		UTF8:              cbor.UTF8DecodeInvalid,
		DefaultMapType:    typeMapStringAny,
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// sharedTTL returns the TTL of the shared function whose entry key is key (0: none, or not a
// shared function's key): the Worker's store expires records with it.
func sharedTTL(key string) time.Duration {
	sharedMu.Lock()
	fs := append([]sharedFunc(nil), sharedFuncs...)
	sharedMu.Unlock()
	for _, s := range fs {
		info := s.info()
		info.resolve()
		if strings.HasPrefix(key, info.prefix) {
			return info.opts.ttl
		}
	}
	return 0
}

var sharedServerOnce sync.Once

// registerSharedServer installs the Worker's side of shared functions (driver.ServeShared), once.
// Shared calls it rather than an init, so that only an app with a shared function links the
// server (the request decoder and the argument decoding behind it) into its module.
func registerSharedServer() {
	sharedServerOnce.Do(func() {
		driver.RegisterSharedServer(driver.SharedServer{Serve: serveShared, TTL: sharedTTL})
	})
}
