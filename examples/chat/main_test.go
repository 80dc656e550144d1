package main

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestChatEchoes_A9 drives the chat without a browser: a message, its streamed echo, the history
// kept across reruns.
func TestChatEchoes_A9(t *testing.T) {
	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception on load: %s", ex[0].Str("message"))
	}
	speed := at.Get("stButtonGroup", "Reply speed")
	at.Send(wasmtest.Event{ID: speed.Str("id"), Type: "change", Value: []int{0}}) // Instant
	at.Settle()
	at.Set("stChatInput", "Say something", "hello math")
	at.Rerun()
	msgs := at.Find("stChatMessage")
	if len(msgs) != 2 {
		t.Fatalf("want 2 messages after one turn, got\n%s", at.Root())
	}
	var texts []string
	for _, e := range at.Find("stMarkdown") {
		texts = append(texts, e.Str("text"))
	}
	if !strings.Contains(strings.Join(texts, "|"), "You said: hello math") {
		t.Errorf("no echo in %q", texts)
	}
	if len(at.Find("stLatex")) != 1 {
		t.Errorf("a math prompt should draw a formula:\n%s", at.Root())
	}
}
