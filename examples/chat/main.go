// Chat is a small chatbot: it echoes what you write, streamed word by word into its message, and
// shows the chat elements and the newer widgets (pills, segmented control, feedback, link button,
// date range and time inputs, LaTeX) with the value each holds.
package main

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// turn is one message of the conversation.
type turn struct {
	Role string // "user" or "assistant"
	Text string
	Math string // a formula the assistant shows under its text, if any
}

var history = wasm.NewState[[]turn]("history", nil)

// speeds are the reply speeds the sidebar offers: the pause between two words.
var speeds = map[string]time.Duration{"Instant": 0, "Typing": 40 * time.Millisecond, "Slow": 250 * time.Millisecond}

func app(st *wasm.Session) {
	st.Title("Echo chat")
	st.Caption("A chatbot that repeats what you say, streamed into its message as a model's answer would be. Ask for **math** to see a formula.")
	sb := st.Sidebar()
	tone, speed := settings(sb)
	chat(st, tone, speed)
	actions(sb) // last, so that it sees the message this run added
}

// chat draws the conversation and the message box, and answers a message just sent.
func chat(st *wasm.Session, tone string, speed time.Duration) {
	turns := history.Get(st)
	for i, t := range turns {
		msg := st.ChatMessage(t.Role)
		msg.Markdown(t.Text)
		if t.Math != "" {
			msg.Latex(t.Math)
		}
		if t.Role == "assistant" {
			rate(msg, i)
		}
	}

	prompt, sent := st.ChatInput("Say something")
	if !sent {
		return
	}
	st.ChatMessage("user").Markdown(prompt)
	msg := st.ChatMessage("assistant")
	answer := turn{Role: "assistant", Text: msg.WriteStream(reply(st.Context(), prompt, tone, speed))}
	if strings.Contains(strings.ToLower(prompt), "math") {
		answer.Math = `e^{i\pi} + 1 = 0 \qquad \int_0^1 x^2\,dx = \frac{1}{3}`
		msg.Latex(answer.Math)
	}
	rate(msg, len(turns)+1) // the key it keeps in the history from the next run on
	history.Set(st, append(slices.Clone(turns), turn{Role: "user", Text: prompt}, answer))
}

// rate draws the thumbs under the assistant's message number i and the rating given.
func rate(msg *wasm.Session, i int) {
	if rating, ok := msg.Feedback(wasm.FeedbackThumbs, wasm.Key(fmt.Sprintf("rating-%d", i))); ok {
		msg.Caption(fmt.Sprintf("rating = %d", rating))
	}
}

// settings draws the sidebar and returns the tone and the pause between words it sets.
func settings(sb *wasm.Session) (string, time.Duration) {
	sb.Header("Settings")
	tone, ok := wasm.Pills(sb, "Tone", []string{"Plain", "Cheerful", "Pirate"}, wasm.Index(0),
		wasm.Help("How the bot words its echo. Click the chosen tone again for none."))
	if !ok {
		tone = "None"
	}
	sb.Text("tone = " + tone)
	speed, _ := wasm.SegmentedControl(sb, "Reply speed", []string{"Instant", "Typing", "Slow"}, wasm.Index(1))
	sb.Text("speed = " + speed)
	topics := wasm.PillsMulti(sb, "Topics", []string{"Go", "WebAssembly", "Streamlit"}, []string{"Go"})
	sb.Text("topics = " + strings.Join(topics, ", "))

	from, to := sb.DateRangeInput("Conversation dates",
		wasm.Date{Year: 2026, Month: time.December, Day: 1}, wasm.Date{Year: 2026, Month: time.December, Day: 7})
	sb.Textf("dates = %s to %s", from, to)
	quiet := sb.TimeInput("Quiet from", wasm.TimeOfDay{Hour: 22}, wasm.Step(60))
	sb.Text("quiet = " + quiet.String())
	if alarm, ok := sb.TimeInputEmpty("Remind me at", nil, wasm.Step(60)); ok {
		sb.Text("remind = " + alarm.String())
	} else {
		sb.Text("remind = none")
	}
	stars, ok := sb.Feedback(wasm.FeedbackStars, wasm.Key("app-rating"))
	if ok {
		sb.Textf("stars = %d", stars+1)
	} else {
		sb.Text("stars = none")
	}
	filter := sb.TextInput("Filter", "", wasm.Placeholder("Filter (label collapsed)"), wasm.LabelVisibility(wasm.LabelCollapsed))
	sb.Text("filter = " + filter)
	return tone, speeds[speed]
}

// actions draws the sidebar's buttons: one disabled while there is no chat to clear, and a link.
func actions(sb *wasm.Session) {
	sb.Button("Clear the chat", wasm.Disabled(len(history.Get(sb)) == 0), wasm.Help("Forget every message"),
		wasm.OnClick(func() { history.Delete(sb) }))
	sb.LinkButton("Streamlit's chat tutorial", "https://docs.streamlit.io/develop/tutorials/chat-and-llm-apps",
		wasm.Help("Opens in a new tab"))
}

// reply yields the bot's answer to prompt word by word, pausing between words as a model does,
// and stops early when the run is stopped (ctx is done).
func reply(ctx context.Context, prompt, tone string, pause time.Duration) iter.Seq[string] {
	var text string
	switch tone {
	case "Cheerful":
		text = fmt.Sprintf("Wonderful! You said: %s", prompt)
	case "Pirate":
		text = fmt.Sprintf("Arr, ye said: %s", prompt)
	default:
		text = fmt.Sprintf("You said: %s", prompt)
	}
	return func(yield func(string) bool) {
		for i, w := range strings.Fields(text) {
			if i > 0 {
				w = " " + w
			}
			if !yield(w) {
				return
			}
			if pause > 0 {
				select {
				case <-time.After(pause):
				case <-ctx.Done():
					return
				}
			}
		}
	}
}
