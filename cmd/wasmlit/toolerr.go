package main

import (
	"bytes"
	"fmt"
	"strings"
)

// ToolError is a go command the build ran (go build, the generator) that failed. Its message is
// the tool's own diagnostics only: the "# package" headers the go command prints above them and
// the exit status are noise in the page's overlay and the log (SPEC F3).
type ToolError struct {
	Cmd    string // what ran, for Error when the tool printed nothing
	Output string // its combined output
	Err    error  // the exec error (an exit status)
}

func (e *ToolError) Error() string {
	if lines := compilerLines(e.Output); lines != "" {
		return lines
	}
	return fmt.Sprintf("%s: %v", e.Cmd, e.Err)
}

func (e *ToolError) Unwrap() error { return e.Err }

// compilerLines returns out without the lines the go command wraps diagnostics in: package headers
// ("# example.com/app") and blank lines.
func compilerLines(out string) string {
	var keep []string
	for _, line := range strings.Split(string(bytes.TrimSpace([]byte(out))), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "# ") {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}
