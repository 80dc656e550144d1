// Package slogtext writes log lines as packages log and log/slog do, for the browser's module,
// which links neither: their package initialisation alone (the default logger and its handler)
// added about 55 KB of gzip-compressed code to every app, whether it logged or not.
//
// It covers the arguments the runtime logs (key and value pairs whose values are strings,
// numbers, durations, times, errors and other values); a slog.Attr or a slog.LogValuer among the
// arguments is formatted as any other value.
package slogtext

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// badKey is slog's key for a value without one.
const badKey = "!BADKEY"

// attr is one key and value, as slog.Record.Add makes it from its arguments.
type attr struct {
	key   string
	value any
}

// attrs pairs args into keys and values as slog.Record.Add does: a string key takes the value
// after it; a last string without a value, or a value where a key should be, gets "!BADKEY".
func attrs(args []any) []attr {
	var as []attr
	for len(args) > 0 {
		if k, ok := args[0].(string); ok {
			if len(args) == 1 {
				as = append(as, attr{badKey, k})
				break
			}
			as = append(as, attr{k, args[1]})
			args = args[2:]
			continue
		}
		as = append(as, attr{badKey, args[0]})
		args = args[1:]
	}
	return as
}

// Attrs returns " key=value" for each key and value of args (slog.Logger.Warn's arguments), each
// value formatted as slog.Value.String formats it, nothing quoted: what a handler writing
// r.Message and then, for each attribute, " " + a.Key + "=" + a.Value.String() writes after the
// message.
func Attrs(args []any) string {
	var b []byte
	for _, a := range attrs(args) {
		b = append(b, ' ')
		b = append(b, a.key...)
		b = append(b, '=')
		b = appendString(b, a.value)
	}
	return string(b)
}

// appendString appends v as slog.AnyValue(v).String() does.
func appendString(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return append(b, x...)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int8:
		return strconv.AppendInt(b, int64(x), 10)
	case int16:
		return strconv.AppendInt(b, int64(x), 10)
	case int32:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case uint:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint64:
		return strconv.AppendUint(b, x, 10)
	case uintptr:
		return strconv.AppendUint(b, uint64(x), 10)
	case float32:
		return strconv.AppendFloat(b, float64(x), 'g', -1, 64)
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(b, x)
	case time.Duration:
		return append(b, x.String()...)
	case time.Time:
		return append(b, x.Round(0).String()...) // slog keeps no monotonic reading
	}
	return fmt.Append(b, v)
}

// Text returns what slog's default handler (slog.Default before SetDefault) writes after the
// standard logger's prefix: the level ("WARN"), the message and " key=value" for each key and
// value of args, keys and values quoted when they hold spaces, '=', '"' or unprintable runes,
// times in RFC 3339 with milliseconds.
func Text(level, msg string, args []any) string {
	b := append([]byte(level), ' ')
	b = append(b, msg...)
	for _, a := range attrs(args) {
		if a.key == "" && a.value == nil { // slog elides an empty attribute
			continue
		}
		b = append(b, ' ')
		b = appendQuoted(b, a.key)
		b = append(b, '=')
		b = appendText(b, a.value)
	}
	return string(b)
}

// appendText appends v as slog's text handler writes a value.
func appendText(b []byte, v any) (out []byte) {
	n := len(b)
	defer func() {
		if r := recover(); r != nil { // a nil pointer's MarshalText or Error, as slog recovers it
			if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
				out = appendQuoted(b[:n], "<nil>")
				return
			}
			out = appendQuoted(b[:n], fmt.Sprintf("!PANIC: %v", r))
		}
	}()
	switch x := v.(type) {
	case string:
		return appendQuoted(b, x)
	case time.Time:
		return appendRFC3339Millis(b, x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr,
		float32, float64, bool, time.Duration:
		return appendString(b, v)
	case encoding.TextMarshaler:
		data, err := x.MarshalText()
		if err != nil {
			return appendQuoted(b, fmt.Sprintf("!ERROR:%v", err))
		}
		return appendQuoted(b, string(data))
	}
	if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return append(b, strconv.Quote(string(reflect.ValueOf(v).Bytes()))...)
	}
	return appendQuoted(b, fmt.Sprintf("%+v", v))
}

// appendRFC3339Millis appends t in RFC 3339 with exactly three digits of milliseconds, as slog.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	return t.AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
}

// appendQuoted appends s, quoted (strconv.Quote) when slog's text handler quotes it.
func appendQuoted(b []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

// needsQuoting reports whether slog's text handler quotes s: it is empty, or holds a space, '=',
// '"', an ASCII control character, an invalid UTF-8 sequence, or a rune that is a space or
// unprintable.
func needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '=' || c == '"' || c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

// LogLine returns msg as the standard logger (log.Print with log.LstdFlags, no prefix) writes it
// at t: the local date and time, a space, msg, and a newline unless msg ends with one.
func LogLine(t time.Time, msg string) []byte {
	b := t.AppendFormat(nil, "2006/01/02 15:04:05 ")
	b = append(b, msg...)
	if len(msg) == 0 || msg[len(msg)-1] != '\n' {
		b = append(b, '\n')
	}
	return b
}
