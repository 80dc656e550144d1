package cache

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The struct-field half of the round-trip walk (roundtrip.go, B27): every field that holds data
// is stored under a key of its own, by the rules fxamacker/cbor follows (encoding/json's).

// fieldTag is a struct field's tag as fxamacker/cbor reads it: the cbor tag, or else the json
// tag.
type fieldTag struct {
	name      string // the key it is stored under, "" for the field's name
	tagged    bool   // a tag names or options it (a tagged field wins a tie)
	json      bool   // the tag is the json tag
	skip      bool   // the tag is "-"
	asInt     bool   // keyasint
	omitEmpty bool
	omitZero  bool
}

func parseFieldTag(f reflect.StructField) fieldTag {
	var ft fieldTag
	tag := f.Tag.Get("cbor")
	if tag == "" {
		tag = f.Tag.Get("json")
		ft.json = tag != ""
	}
	if tag == "-" {
		ft.skip = true
		return ft
	}
	ft.tagged = tag != ""
	name, opts, _ := strings.Cut(tag, ",")
	ft.name = name
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		switch o {
		case "omitempty":
			ft.omitEmpty = true
		case "omitzero":
			ft.omitZero = true
		case "keyasint":
			ft.asInt = true
		}
	}
	return ft
}

// structToArray reports whether struct type t is encoded as an array (a field "_" tagged
// cbor:",toarray"), which ignores omitempty.
func structToArray(t reflect.Type) bool {
	f, ok := t.FieldByName("_")
	if !ok {
		return false
	}
	_, opts, _ := strings.Cut(f.Tag.Get("cbor"), ",")
	return slices.Contains(strings.Split(opts, ","), "toarray")
}

// storedField is a field that the encoder may store under a key: a field of the struct, or of
// a struct it embeds, promoted.
type storedField struct {
	key    string // the name, or the canonical integer (keyasint)
	asInt  bool
	index  []int
	tagged bool
	omit   bool // omitempty or omitzero
	path   string
}

// embeddedStruct is a struct embedded at some depth, whose fields are promoted.
type embeddedStruct struct {
	t     reflect.Type
	index []int
	path  string
	ptr   bool // embedded through a pointer
}

// checkStructFields refuses struct type t when the encoder would not store one of its fields
// that holds data. It follows the rules by which fxamacker/cbor (as encoding/json) picks the
// fields of a struct: fields of embedded structs are promoted, level by level; a struct type
// embedded twice at one level, or again deeper, is ignored; of the fields with one key, the
// least deeply embedded wins, then a tagged one; a tie stores neither.
func checkStructFields(t reflect.Type) error {
	var fields []*storedField
	var ptrs []embeddedStruct
	level := []embeddedStruct{{t: t}}
	visited := map[reflect.Type]string{t: ""}
	for len(level) > 0 {
		next := map[reflect.Type][]embeddedStruct{}
		var order []reflect.Type
		for _, e := range level {
			for i := range e.t.NumField() {
				f := e.t.Field(i)
				ft := f.Type
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !f.IsExported() && !(f.Anonymous && ft.Kind() == reflect.Struct) {
					continue // unexported: analyze refuses it
				}
				tag := parseFieldTag(f)
				path := e.path + "." + f.Name
				if tag.skip {
					if tag.json {
						return refuseAt(path, noRoundTrip("the field is tagged json:\"-\", which the CBOR encoder "+
							"follows too: it would be zero on every hit; tag it cbor:%q to store it, or "+
							"cbor:\"-\" to leave it out on purpose", f.Name))
					}
					continue
				}
				index := append(slices.Clip(e.index), i)
				if !f.Anonymous || ft.Kind() != reflect.Struct || tag.name != "" {
					key := tag.name
					if key == "" {
						key = f.Name
					}
					if n, err := strconv.Atoi(key); tag.asInt && err == nil {
						key = strconv.Itoa(n)
					}
					fields = append(fields, &storedField{key: key, asInt: tag.asInt, index: index,
						tagged: tag.tagged, omit: tag.omitEmpty || tag.omitZero, path: path})
					continue
				}
				if _, ok := next[ft]; !ok {
					order = append(order, ft)
				}
				next[ft] = append(next[ft], embeddedStruct{t: ft, index: index, path: path, ptr: f.Type.Kind() == reflect.Pointer})
			}
		}
		level = nil
		for _, et := range order {
			es := next[et]
			switch p, seen := visited[et]; {
			case len(es) > 1:
				if holdsData(et) {
					return refuseAt(es[0].path, noRoundTrip("%s is embedded twice at one depth (%s and %s), and "+
						"the encoder stores the fields of neither; name the embedded fields", typeName(et), es[0].path, es[1].path))
				}
			case seen:
				if holdsData(et) {
					where := p
					if where == "" {
						where = "the struct itself"
					}
					return refuseAt(es[0].path, noRoundTrip("%s is embedded already at a lesser depth (%s), and "+
						"the encoder ignores it here; name the embedded field", typeName(et), where))
				}
			default:
				visited[et] = es[0].path
				level = append(level, es[0])
				if es[0].ptr {
					ptrs = append(ptrs, es[0])
				}
			}
		}
	}
	if err := checkFieldKeys(fields); err != nil {
		return err
	}
	// A non-nil embedded pointer comes back nil when none of its fields is stored.
	for _, e := range ptrs {
		stored := false
		for _, f := range fields {
			if !f.omit && len(f.index) > len(e.index) && slices.Equal(f.index[:len(e.index)], e.index) {
				stored = true
				break
			}
		}
		if !stored {
			return refuseAt(e.path, noRoundTrip("a non-nil embedded *%s would come back nil when none of its "+
				"fields is stored (it has none, or all are omitempty or omitzero); embed %s by value",
				e.t.Name(), typeName(e.t)))
		}
	}
	return nil
}

// checkFieldKeys refuses the first field (in field order) that loses to another of the same key.
func checkFieldKeys(fields []*storedField) error {
	byKey := slices.Clone(fields)
	slices.SortStableFunc(byKey, func(a, b *storedField) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.asInt != b.asInt {
			if a.asInt {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var lost *storedField
	var why string
	lose := func(f *storedField, reason string) {
		if lost == nil || slices.Compare(f.index, lost.index) < 0 {
			lost, why = f, reason
		}
	}
	for i := 0; i < len(byKey); {
		j := i + 1
		for j < len(byKey) && byKey[j].key == byKey[i].key && byKey[j].asInt == byKey[i].asInt {
			j++
		}
		g := byKey[i:j]
		i = j
		switch {
		case len(g) == 1:
		case len(g[0].index) < len(g[1].index):
			for _, f := range g[1:] {
				lose(f, fmt.Sprintf("%s has the same key %q and is less deeply embedded, so the encoder "+
					"stores that one only", g[0].path, f.key))
			}
		case g[0].tagged && !g[1].tagged:
			for _, f := range g[1:] {
				lose(f, fmt.Sprintf("%s has the same key %q and a tag, so the encoder stores that one only",
					g[0].path, f.key))
			}
		default:
			for k, f := range g {
				rival := g[0]
				if k == 0 {
					rival = g[1]
				}
				lose(f, fmt.Sprintf("%s has the same key %q at the same depth, and the encoder stores neither",
					rival.path, f.key))
			}
		}
	}
	if lost == nil {
		return nil
	}
	fix := "give it a key of its own (cbor:\"" + embeddedPrefix(lost.path) + lost.path[strings.LastIndexByte(lost.path, '.')+1:] +
		"\") or name the embedded field that holds it"
	if strings.Contains(fix, "\""+lost.key+"\"") {
		fix = "give one of the two a key of its own in a cbor tag"
	}
	return refuseAt(lost.path, noRoundTrip("the field would not be stored: %s; %s", why, fix))
}

// embeddedPrefix is the name of the struct a promoted field comes from ("Vel" for .Vel.X), to
// suggest a key of its own.
func embeddedPrefix(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "."), ".")
	if len(parts) < 2 {
		return ""
	}
	return parts[len(parts)-2]
}

// holdsData reports whether struct type t has a field the encoder would store.
func holdsData(t reflect.Type) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name != "_" && f.Tag.Get("cbor") != "-" {
			return true
		}
	}
	return false
}

// keyHasPointer reports whether map keys of type t hold pointers, which a hit replaces with new
// ones.
func keyHasPointer(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return true
	case reflect.Array:
		return keyHasPointer(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if keyHasPointer(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}
