package wasm

import (
	"fmt"
	"strings"
	"time"
)

// Write draws values in the way that suits their type, like Streamlit's st.write. Strings are
// markdown; numbers, booleans, times, nil and Stringers are shown as inline code; consecutive
// values of these kinds go on one line, separated by spaces, so st.Write("Total:", 42, "rides")
// is one line of markdown. An error is drawn as an exception, a Frame as a dataframe, and maps,
// slices and structs as JSON, each as its own element between the lines.
func (st *Session) Write(values ...any) {
	var line []string
	flush := func() {
		if len(line) > 0 {
			st.Markdown(strings.Join(line, " "))
			line = line[:0]
		}
	}
	for _, v := range values {
		switch v := v.(type) {
		case string:
			line = append(line, v)
		case error:
			flush()
			st.Exception(v)
		case *Frame:
			flush()
			st.DataFrame(v)
		case Frame:
			flush()
			st.DataFrame(&v)
		case time.Time:
			line = append(line, codeSpan(v.Format(time.RFC3339)))
		case fmt.Stringer:
			line = append(line, codeSpan(v.String()))
		case nil:
			line = append(line, codeSpan("nil"))
		case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr, float32, float64, complex64, complex128:
			line = append(line, codeSpan(fmt.Sprint(v)))
		default:
			flush()
			st.JSON(v)
		}
	}
	flush()
}

// codeSpan returns s as markdown code: an inline code span, or a fenced block when s has
// several lines. The fence is longer than any run of backticks in s, so s shows as it is.
func codeSpan(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	if strings.Contains(s, "\n") {
		fence := strings.Repeat("`", max(3, longest+1))
		return "\n\n" + fence + "\n" + s + "\n" + fence + "\n\n"
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
