package wasm

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// props builds one element's props as a JSON object, appending to a buffer the session reuses
// between runs, so building the props of an unchanged element allocates nothing.
// Keys are written as given; values are escaped. The zero value is not usable: start with begin.
type props struct {
	buf   []byte
	start int
	first bool
}

func (p *props) begin() {
	p.start = len(p.buf)
	p.buf = append(p.buf, '{')
	p.first = true
}

// end closes the object and returns it. The bytes alias the buffer until the next reset.
func (p *props) end() []byte {
	p.buf = append(p.buf, '}')
	return p.buf[p.start:len(p.buf):len(p.buf)]
}

func (p *props) key(k string) {
	if !p.first {
		p.buf = append(p.buf, ',')
	}
	p.first = false
	p.buf = append(p.buf, '"')
	p.buf = append(p.buf, k...)
	p.buf = append(p.buf, '"', ':')
}

func (p *props) str(k, v string) *props {
	p.key(k)
	p.buf = appendJSONString(p.buf, v)
	return p
}

func (p *props) boolean(k string, v bool) *props {
	p.key(k)
	p.buf = strconv.AppendBool(p.buf, v)
	return p
}

func (p *props) int(k string, v int) *props {
	p.key(k)
	p.buf = strconv.AppendInt(p.buf, int64(v), 10)
	return p
}

func (p *props) num(k string, v float64) *props {
	p.key(k)
	p.buf = appendJSONNumber(p.buf, v)
	return p
}

// optNum writes v, or null when v is nil.
func (p *props) optNum(k string, v *float64) *props {
	if v == nil {
		p.key(k)
		p.buf = append(p.buf, "null"...)
		return p
	}
	return p.num(k, *v)
}

func (p *props) strs(k string, vs []string) *props {
	p.key(k)
	p.buf = append(p.buf, '[')
	for i, v := range vs {
		if i > 0 {
			p.buf = append(p.buf, ',')
		}
		p.buf = appendJSONString(p.buf, v)
	}
	p.buf = append(p.buf, ']')
	return p
}

func (p *props) ints(k string, vs []int) *props {
	p.key(k)
	p.buf = append(p.buf, '[')
	for i, v := range vs {
		if i > 0 {
			p.buf = append(p.buf, ',')
		}
		p.buf = strconv.AppendInt(p.buf, int64(v), 10)
	}
	p.buf = append(p.buf, ']')
	return p
}

func (p *props) nums(k string, vs []float64) *props {
	p.key(k)
	p.buf = append(p.buf, '[')
	for i, v := range vs {
		if i > 0 {
			p.buf = append(p.buf, ',')
		}
		p.buf = appendJSONNumber(p.buf, v)
	}
	p.buf = append(p.buf, ']')
	return p
}

// raw writes v, which must already be valid JSON.
func (p *props) raw(k string, v []byte) *props {
	p.key(k)
	p.buf = append(p.buf, v...)
	return p
}

// appendJSONNumber writes v; NaN and infinities, which JSON cannot carry, become null.
func appendJSONNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD; <, > and & are
// escaped too, so a props object is safe to embed anywhere.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
