package cache

import (
	"encoding/binary"
	"reflect"
	"sync"
	"unsafe"

	"github.com/zeebo/xxh3"
)

// typeIdentity returns what an interface value writes for its dynamic type: a digest that tells
// apart any two distinct types of one program, and is the same in every build of unchanged source
// (native and wasm alike), so keys survive a rebuild.
//
// Neither the type's name nor its structure is enough: two functions may each declare a
// `type ID int`, and reflect names both "main.ID". What tells them apart is the compiler's type
// hash (the one type switches use), a hash of the type's link name, in which a type declared in
// a function carries a number counting the function-scoped type declarations before it in its
// package: "main.ID·1", "main.ID·2". So the digest covers the structure (typeFingerprint: kinds,
// package paths, names, fields, tags) and that hash. The hash changes when function-scoped types
// are added or removed above in the same package, or with a new Go release that hashes link
// names differently: the keys of values of those types change, which is a miss, never a wrong hit.
func typeIdentity(t reflect.Type) [16]byte {
	if id, ok := typeIDs.Load(t); ok {
		return id.([16]byte)
	}
	fp := typeFingerprint(t)
	b := binary.LittleEndian.AppendUint32(fp[:], compilerTypeHash(t))
	id := xxh3.Hash128(b).Bytes()
	typeIDs.Store(t, id)
	return id
}

var typeIDs sync.Map // reflect.Type -> [16]byte

// compilerTypeHash returns the hash the compiler stores in t's type descriptor (internal/abi.Type:
// Size_, PtrBytes, Hash, ...), or 0 when the descriptor does not have the layout this expects
// (checked against t.Size(), t.Kind() and t.Align(): a Go release that moves the field makes every
// hash 0, so same-named function-scoped types would hash alike again, and TestHashLocalTypesDiffer_B28 fails).
func compilerTypeHash(t reflect.Type) uint32 {
	type abiType struct {
		size, ptrBytes uintptr
		hash           uint32
		tflag          uint8
		align          uint8
		fieldAlign     uint8
		kind           uint8
	}
	type iface struct{ tab, data unsafe.Pointer }
	p := (*abiType)((*iface)(unsafe.Pointer(&t)).data)
	if p == nil || p.size != t.Size() || int(p.align) != t.Align() || reflect.Kind(p.kind&0x1f) != t.Kind() {
		return 0
	}
	return p.hash
}
