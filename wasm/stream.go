package wasm

import (
	"iter"
	"strings"
)

// WriteStream writes the chunks of text that chunks yields into one markdown element, each as it
// comes (Streamlit's st.write_stream), and returns the whole text. A chat app streams a model's
// answer into a ChatMessage this way.
//
// The page gets every chunk before WriteStream asks for the next one, so a source that waits for
// its next chunk (a network read, a channel) leaves the page free to paint the text so far; a
// source that never waits still has the page paint at least every tenth of a second. A newer
// interaction stops the run at the next chunk: chunks then panics out of its yield, as a range
// loop's break would end it, so a source must not recover that panic.
func (st *Session) WriteStream(chunks iter.Seq[string]) string {
	s := st.s
	ph := st.Empty()
	var text strings.Builder
	lastPaint := s.now()
	start, end := -1, -1 // where the previous chunk's props lie in the arena
	show := func() {
		// Each chunk's props replace the previous chunk's, which the host already has. When
		// nothing was emitted since and no cached call is recording (which would hold them),
		// their arena space is reused: a long stream costs its length, not length × chunks.
		if start >= 0 && end == len(s.arena.buf) && s.replayHook == nil {
			s.arena.buf = s.arena.buf[:start]
		}
		start = len(s.arena.buf)
		ph.leaf("stMarkdown", func(p *props) { p.str("text", text.String()).boolean("unsafe", false) })
		end = len(s.arena.buf)
	}
	show()
	for c := range chunks {
		text.WriteString(c)
		show()
		s.flush(false)
		if s.now().Sub(lastPaint) >= partialFlushEvery {
			s.host.Yield()
			lastPaint = s.now()
		}
		if s.stopWanted() {
			panic(errInterrupted{})
		}
	}
	return text.String()
}

// WriteStreamChan is WriteStream for a channel: it writes what arrives on ch until ch is closed.
// When a newer interaction stops the run, WriteStreamChan stops reading: a sender should also
// stop when st.Context() is done, or it blocks for ever.
func (st *Session) WriteStreamChan(ch <-chan string) string {
	return st.WriteStream(func(yield func(string) bool) {
		for c := range ch {
			if !yield(c) {
				return
			}
		}
	})
}
