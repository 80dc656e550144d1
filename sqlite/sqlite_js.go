//go:build js && wasm

package sqlite

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"syscall/js"

	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// DB is an open in-memory database in the page. It is safe for concurrent use: the page runs
// its statements one at a time. Close it when done; a database kept as a cache.Resource lives
// as long as the page.
type DB struct {
	name string
	h    js.Value // the handle host/sqlite.js gave
}

// Open opens a new, empty in-memory database; name labels it in messages. The first Open of a
// page loads SQLite (lib/sqlite-wasm/). ctx bounds the wait.
func Open(ctx context.Context, name string) (*DB, error) {
	host := js.Global().Get("wasmlitHost")
	if host.Type() != js.TypeObject || host.Get("sqlite").Type() != js.TypeObject {
		return nil, &Error{Op: "open", Msg: "globalThis.wasmlitHost.sqlite is missing: the page must load host/host.js (wasmlit build) before the app's wasm"}
	}
	v, err := jsawait.Await(ctx, host.Get("sqlite").Call("open", name))
	if err != nil {
		return nil, wrap("open", "", err)
	}
	return &DB{name: name, h: v}, nil
}

// Exec runs every statement in query (a whole script is fine); args bind the parameters (?) of
// the first one. It returns the number of rows the last statement changed.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	bind, err := bindArgs(args)
	if err != nil {
		return 0, &Error{Op: "exec", SQL: shorten(query), Msg: err.Error()}
	}
	v, err := jsawait.Await(ctx, db.h.Call("exec", query, bind))
	if err != nil {
		return 0, wrap("exec", query, err)
	}
	return int64(v.Float()), nil
}

// Query runs the first statement of query with args bound to its parameters (?) and returns
// every row it yields.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	bind, err := bindArgs(args)
	if err != nil {
		return nil, &Error{Op: "query", SQL: shorten(query), Msg: err.Error()}
	}
	v, err := jsawait.Await(ctx, db.h.Call("query", query, bind))
	if err != nil {
		return nil, wrap("query", query, err)
	}
	rows := &Rows{Columns: make([]Column, v.Get("columns").Length())}
	for i := range rows.Columns {
		c := v.Get("columns").Index(i)
		col := Column{Name: c.Get("name").String(), Numeric: c.Get("numeric").Bool()}
		if col.Numeric {
			col.Numbers = float64s(c.Get("f64"))
		} else if err := json.Unmarshal([]byte(c.Get("textJSON").String()), &col.Texts); err != nil {
			return nil, &Error{Op: "query", SQL: shorten(query), Msg: "reading column " + col.Name + ": " + err.Error()}
		}
		rows.Columns[i] = col
	}
	return rows, nil
}

// Close closes the database and frees its memory in the page. Later calls fail.
func (db *DB) Close() error {
	db.h.Call("close")
	return nil
}

// String names the database.
func (db *DB) String() string { return "sqlite.DB(" + db.name + ")" }

// float64s copies the little-endian float64 bytes of a Uint8Array into a slice.
func float64s(u8 js.Value) []float64 {
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	f := make([]float64, len(b)/8)
	for i := range f {
		f[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[i*8:]))
	}
	return f
}

// bindArgs converts Go arguments to what SQLite binds: numbers, text, BLOBs and NULL.
func bindArgs(args []any) (js.Value, error) {
	arr := js.Global().Get("Array").New(len(args))
	for i, a := range args {
		v, err := bindValue(a)
		if err != nil {
			return js.Undefined(), fmt.Errorf("argument %d: %w", i+1, err)
		}
		arr.SetIndex(i, v)
	}
	return arr, nil
}

const maxSafe = 1<<53 - 1 // the largest integer a JavaScript number holds exactly

func bindValue(a any) (any, error) {
	switch v := a.(type) {
	case nil:
		return js.Null(), nil
	case bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case int:
		return bigIfNeeded(int64(v)), nil
	case int8, int16, int32, uint8, uint16, uint32, float32, float64, string:
		return v, nil
	case int64:
		return bigIfNeeded(v), nil
	case uint:
		return bigUint(uint64(v)), nil
	case uint64:
		return bigUint(v), nil
	case []byte:
		u8 := js.Global().Get("Uint8Array").New(len(v))
		js.CopyBytesToJS(u8, v)
		return u8, nil
	}
	return nil, fmt.Errorf("cannot bind a value of type %T; use a number, string, bool, []byte or nil", a)
}

// bigIfNeeded passes integers beyond ±2⁵³ as BigInt, so SQLite gets them exactly.
func bigIfNeeded(n int64) any {
	if n > maxSafe || n < -maxSafe {
		return js.Global().Get("BigInt").Invoke(strconv.FormatInt(n, 10))
	}
	return n
}

func bigUint(n uint64) any {
	if n > maxSafe {
		return js.Global().Get("BigInt").Invoke(strconv.FormatUint(n, 10))
	}
	return n
}

// wrap turns a rejection from the page into an *Error, keeping ctx errors as they are.
func wrap(op, query string, err error) error {
	var je *jsawait.Error
	if errors.As(err, &je) {
		return newError(op, query, je.Message)
	}
	return err
}
