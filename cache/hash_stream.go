package cache

import (
	"encoding/binary"

	"github.com/zeebo/xxh3"
)

// hashStream is a stack of nested xxh3-128 digests being computed at once: the argument's, and
// one for each reference (pointer, map, slice) the walk is inside. Each digest is xxh3-128 of the
// bytes written to it, exactly as one streaming hasher would compute it.
//
// A digest's bytes wait in one shared buffer until they pass streamBlock; only then does the
// digest get a streaming hasher (about 1 KB of state) and its bytes go there. So a chain of many
// small nested values (a linked list of 100,000 nodes) costs its bytes, not 100,000 hashers, and
// a large write (a 10M-element []float64) goes straight to a hasher without a copy.
//
// The zero value is ready to use. It is not safe for concurrent use.
type hashStream struct {
	buf    []byte
	open   []region // the open digests, innermost last; open[0] is the whole argument list
	spares []*xxh3.Hasher

	small     [256]byte // buf and open of small arguments, without allocating
	smallOpen [8]region
}

// region is one open digest: its bytes from buf[start:], and a hasher once they grew large.
type region struct {
	start int
	h     *xxh3.Hasher
}

const streamBlock = 4 << 10

func (s *hashStream) top() *region {
	if len(s.open) == 0 {
		s.open = append(s.open, region{})
	}
	return &s.open[len(s.open)-1]
}

// Write adds p to the innermost open digest. It never fails.
func (s *hashStream) Write(p []byte) (int, error) {
	r := s.top()
	if len(s.buf)-r.start+len(p) <= streamBlock {
		s.buf = append(s.buf, p...)
		return len(p), nil
	}
	s.flush(r)
	_, _ = r.h.Write(p)
	return len(p), nil
}

// WriteString is Write of a string, without a copy.
func (s *hashStream) WriteString(p string) (int, error) {
	r := s.top()
	if len(s.buf)-r.start+len(p) <= streamBlock {
		s.buf = append(s.buf, p...)
		return len(p), nil
	}
	s.flush(r)
	_, _ = r.h.WriteString(p)
	return len(p), nil
}

// writeTag adds a tag byte and a little-endian uint64.
func (s *hashStream) writeTag(t byte, n uint64) {
	r := s.top()
	if len(s.buf)-r.start+9 > streamBlock {
		s.flush(r)
	}
	s.buf = append(s.buf, t)
	s.buf = binary.LittleEndian.AppendUint64(s.buf, n)
}

// flush moves r's buffered bytes (r is the innermost region) into its hasher.
func (s *hashStream) flush(r *region) {
	if r.h == nil {
		if n := len(s.spares); n > 0 {
			r.h, s.spares = s.spares[n-1], s.spares[:n-1]
			r.h.Reset()
		} else {
			r.h = xxh3.New()
		}
	}
	_, _ = r.h.Write(s.buf[r.start:])
	s.buf = s.buf[:r.start]
}

// push opens a nested digest; what is written until its pop goes to it.
func (s *hashStream) push() {
	s.top()
	s.open = append(s.open, region{start: len(s.buf)})
}

// pop closes the innermost digest and returns it; writes go to the enclosing one again.
func (s *hashStream) pop() [16]byte {
	r := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	return s.sum(r).Bytes()
}

func (s *hashStream) sum(r region) xxh3.Uint128 {
	var d xxh3.Uint128
	if r.h == nil {
		d = xxh3.Hash128(s.buf[r.start:])
	} else {
		_, _ = r.h.Write(s.buf[r.start:])
		d = r.h.Sum128()
		s.spares = append(s.spares, r.h)
	}
	s.buf = s.buf[:r.start]
	return d
}

// Sum128 returns the digest of everything written outside nested digests (which must all be
// closed) and resets the stream.
func (s *hashStream) Sum128() xxh3.Uint128 {
	s.open = s.open[:min(len(s.open), 1)]
	d := s.sum(*s.top())
	s.open = s.open[:0]
	return d
}

// Reset empties the stream.
func (s *hashStream) Reset() {
	for _, r := range s.open {
		if r.h != nil {
			s.spares = append(s.spares, r.h)
		}
	}
	s.buf, s.open = s.buf[:0], s.open[:0]
}
