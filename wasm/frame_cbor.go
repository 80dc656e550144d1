package wasm

import (
	"fmt"

	"github.com/fxamacker/cbor/v2"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// A Frame is data: cached functions may return one (cache.Data), and the cache stores it as CBOR
// with its numeric columns as typed arrays. Column implements cbor.Marshaler and
// cbor.Unmarshaler for that; nothing else uses these methods.

// columnCBOR is a Column as the cache stores it.
type columnCBOR struct {
	Name    string         `cbor:"n"`
	Kind    byte           `cbor:"k"`
	Floats  cache.Float64s `cbor:"f,omitempty"`
	Strings []string       `cbor:"s"` // not omitempty: a zero-row column is empty, not nil (B27)
	Bools   []bool         `cbor:"b"`
}

// columnDecMode lifts fxamacker's default limits (131,072 elements), which a million-row string
// column exceeds; cached records are checked by their checksum before they are decoded.
var columnDecMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{MaxArrayElements: 1<<31 - 1, MaxMapPairs: 1<<31 - 1,
		UTF8: cbor.UTF8DecodeInvalid}.DecMode() // a string cell may hold any bytes (B27)
	if err != nil {
		panic(err)
	}
	return dm
}()

// MarshalCBOR encodes the column for the cache.
func (c Column) MarshalCBOR() ([]byte, error) {
	return cbor.Marshal(columnCBOR{Name: c.Name, Kind: c.kind, Floats: c.floats, Strings: c.strings, Bools: c.bools})
}

// UnmarshalCBOR decodes a column the cache stored.
func (c *Column) UnmarshalCBOR(b []byte) error {
	var w columnCBOR
	if err := columnDecMode.Unmarshal(b, &w); err != nil {
		return err
	}
	switch w.Kind {
	case wire.ColFloat64, wire.ColString, wire.ColBool:
	default:
		return fmt.Errorf("wasmlit: a stored column %q has unknown kind %d", w.Name, w.Kind)
	}
	*c = Column{Name: w.Name, kind: w.Kind, floats: w.Floats, strings: w.Strings, bools: w.Bools}
	return nil
}
