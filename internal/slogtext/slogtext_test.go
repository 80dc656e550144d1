package slogtext

import (
	"bytes"
	"context"
	"errors"
	"log"
	"log/slog"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"
)

type named int

type nilErr struct{}

func (*nilErr) Error() string { panic("nil receiver") }

// cases are argument lists of the kinds the runtime logs, and the corners of slog's formatting.
var cases = [][]any{
	nil,
	{"func", "main.load", "key", "d:main.load@1#ab", "err", errors.New("boom")},
	{"err", errors.New("two words"), "n", 3, "u", uint8(7), "f", 0.1, "f32", float32(0.1), "ok", true},
	{"d", 1500 * time.Millisecond, "t", time.Date(2026, 12, 7, 19, 33, 55, 123456789, time.UTC)},
	{"t", time.Date(2026, 12, 7, 19, 33, 55, 0, time.FixedZone("X", 3600)), "zero", time.Time{}},
	{"s", "", "q", `a"b`, "eq", "a=b", "tab", "a\tb", "bs", `a\b`, "uni", "héllo", "nbsp", "a\u00a0b"},
	{"bytes", []byte("hi there"), "addr", netip.MustParseAddr("10.0.0.1"), "named", named(4)},
	{"key with space", 1, "", nil, "", 2},
	{"nil", nil, "nilptr", (*nilErr)(nil), "map", map[string]int{"a": 1}},
	{"lonely"},
	{42, "after", "x"},
}

// Attrs writes what the console handler the runtime had (message, then " key=" and
// slog.Value.String of each attribute) wrote.
func TestAttrsAsSlogValueString(t *testing.T) {
	for _, args := range cases {
		var got string
		h := &funcHandler{func(r slog.Record) {
			r.Attrs(func(a slog.Attr) bool {
				got += " " + a.Key + "=" + a.Value.String()
				return true
			})
		}}
		slog.New(h).Warn("m", args...)
		if want := Attrs(args); got != want {
			t.Errorf("Attrs(%#v)\n got %q\nwant %q (slog)", args, want, got)
		}
	}
}

// Text is what slog.Default writes after the standard logger's date and time.
func TestTextAsSlogDefault(t *testing.T) {
	var buf bytes.Buffer
	log.SetOutput(&buf)
	defer log.SetOutput(nil)
	stamp := regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d `)
	for _, args := range cases {
		buf.Reset()
		slog.Default().Warn("a message", args...)
		got := buf.String()
		if !stamp.MatchString(got) {
			t.Fatalf("slog.Default wrote %q: no date and time", got)
		}
		got = strings.TrimSuffix(stamp.ReplaceAllString(got, ""), "\n")
		if want := Text("WARN", "a message", args); got != want {
			t.Errorf("Text(%#v)\n got %q\nwant %q (slog.Default)", args, want, got)
		}
	}
}

// LogLine is log.Print's line.
func TestLogLineAsLogPrint(t *testing.T) {
	var buf bytes.Buffer
	l := log.New(&buf, "", log.LstdFlags)
	for _, msg := range []string{"cache: no source table", "ends with a newline\n", ""} {
		buf.Reset()
		before := time.Now()
		l.Print(msg)
		after := time.Now()
		if got := buf.String(); got != string(LogLine(before, msg)) && got != string(LogLine(after, msg)) {
			t.Errorf("LogLine(%q) = %q, log.Print wrote %q", msg, LogLine(before, msg), got)
		}
	}
}

type funcHandler struct{ f func(slog.Record) }

func (h *funcHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *funcHandler) Handle(_ context.Context, r slog.Record) error {
	h.f(r)
	return nil
}
func (h *funcHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *funcHandler) WithGroup(string) slog.Handler      { return h }
