package wasm_test

import (
	"iter"
	"slices"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// chatApp is a small echo bot: the history in session state, a message per turn, the answer
// streamed word by word. onChunk, when set, runs after each chunk has been written.
func chatApp(history wasm.State[[]string], onChunk func()) func(*wasm.Session) {
	return func(st *wasm.Session) {
		for i, m := range history.Get(st) {
			role := "user"
			if i%2 == 1 {
				role = "assistant"
			}
			st.ChatMessage(role).Markdown(m)
		}
		prompt, sent := st.ChatInput("Say something")
		if !sent {
			return
		}
		st.ChatMessage("user").Markdown(prompt)
		words := strings.Fields("you said " + prompt)
		answer := st.ChatMessage("assistant").WriteStream(func(yield func(string) bool) {
			for i, w := range words {
				if i > 0 {
					w = " " + w
				}
				if !yield(w) {
					return
				}
				if onChunk != nil {
					onChunk()
				}
			}
		})
		history.Set(st, append(slices.Clone(history.Get(st)), prompt, answer))
	}
}

func TestChatInputReturnsAMessageOnce_A9(t *testing.T) {
	history := wasm.NewState[[]string]("test-chat-once", nil)
	at := wasmtest.New(t, chatApp(history, nil))
	in := at.Get("stChatInput", "Say something")
	if in.Props["pinned"] != true {
		t.Errorf("a chat input in the main area should be pinned: %v", in.Props)
	}
	at.Set("stChatInput", "Say something", "hello there")
	msgs := at.Find("stChatMessage")
	if len(msgs) != 2 || msgs[0].Str("name") != "user" || msgs[1].Str("name") != "assistant" {
		t.Fatalf("want a user and an assistant message, got\n%s", at.Root())
	}
	md := at.Find("stMarkdown")
	if got := md[len(md)-1].Str("text"); got != "you said hello there" {
		t.Errorf("streamed answer = %q", got)
	}
	at.Rerun()
	// The message is returned for one run: the rerun draws the history, not a new turn.
	if got := len(at.Find("stChatMessage")); got != 2 {
		t.Errorf("after a rerun: %d messages, want the 2 of the history\n%s", got, at.Root())
	}
}

func TestWriteStreamShowsEachChunk_A9(t *testing.T) {
	history := wasm.NewState[[]string]("test-chat-stream", nil)
	var at *wasmtest.App
	var seen []string
	at = wasmtest.New(t, chatApp(history, func() {
		// The iterator goes on only after the page has the chunk: read what it shows now.
		md := at.Find("stMarkdown")
		seen = append(seen, md[len(md)-1].Str("text"))
	}))
	at.Set("stChatInput", "Say something", "a b")
	want := []string{"you", "you said", "you said a", "you said a b"}
	if !slices.Equal(seen, want) {
		t.Errorf("page showed %q after each chunk, want %q", seen, want)
	}
}

func TestWriteStreamChanReturnsTheWholeText_A9(t *testing.T) {
	var got string
	wasmtest.New(t, func(st *wasm.Session) {
		ch := make(chan string)
		go func() {
			defer close(ch)
			for _, c := range []string{"one", " two", " three"} {
				select {
				case ch <- c:
				case <-st.Context().Done():
					return
				}
			}
		}()
		got = st.WriteStreamChan(ch)
	})
	if got != "one two three" {
		t.Errorf("WriteStreamChan = %q", got)
	}
}

func TestWriteStreamStopsOnANewerInteraction_A4(t *testing.T) {
	var at *wasmtest.App
	var after []string
	streams := 0
	at = wasmtest.New(t, func(st *wasm.Session) {
		if !st.Button("Go") {
			return
		}
		streams++
		first := streams == 1
		var chunks iter.Seq[string] = func(yield func(string) bool) {
			for i := 0; i < 5; i++ {
				if i == 2 && first {
					at.Send(wasmtest.Event{Type: "rerun"}) // a newer interaction arrives
				}
				if !yield("x") {
					return
				}
				if first {
					after = append(after, "x")
				}
			}
		}
		st.Text(st.WriteStream(chunks))
	})
	at.Click("Go")
	at.Settle()
	// The chunk given after the interaction arrived is the last: the source is not resumed.
	if len(after) != 2 {
		t.Errorf("the stopped stream went on after chunk 3: resumed %d times, want 2", len(after))
	}
	// The click carries over to the run the interaction started, which streams to the end.
	if streams != 2 || at.Find("stText")[0].Label() != "xxxxx" {
		t.Errorf("streams = %d, page:\n%s", streams, at.Root())
	}
}

func TestChatInputInFormIsAnError_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		f := st.Form("f")
		f.ChatInput("")
		f.FormSubmitButton("Send")
	})
	ex := at.Find("stException")
	if len(ex) != 1 || ex[0].Str("type") != "StreamlitAPIException" || !strings.Contains(ex[0].Str("message"), "ChatInput") {
		t.Fatalf("want an APIError naming ChatInput, got\n%s", at.Root())
	}
}

func TestChatMessageAvatarAndNestedInputNotPinned_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.ChatMessage("Bob", wasm.Avatar("🦊")).Text("hi")
		st.Sidebar().ChatInput("Ask")
	})
	m := at.Find("stChatMessage")[0]
	if m.Str("name") != "Bob" || m.Str("avatar") != "🦊" || m.Children[0].Kind != "stText" {
		t.Errorf("message = %v with %v", m.Props, m.Children)
	}
	if in := at.Get("stChatInput", "Ask"); in.Props["pinned"] != false {
		t.Errorf("a chat input in the sidebar should not be pinned: %v", in.Props)
	}
}
