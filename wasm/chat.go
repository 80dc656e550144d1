package wasm

import (
	"encoding/json"
	"errors"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Chat elements: the message box (stChatInput) and the message container (stChatMessage).
const (
	kindChatInput   = "stChatInput"
	kindChatMessage = "stChatMessage"
)

// decodeChatInput takes a sent message: the text, which ChatInput returns for one run.
func decodeChatInput(w *widget, e wire.Event) error {
	var text *string
	if err := json.Unmarshal(e.Value, &text); err != nil {
		return err
	}
	if text == nil {
		return errors.New("a chat message is a string, not null")
	}
	w.value = *text
	w.pending = true
	return nil
}

// ChatInput draws a message box with placeholder as its hint and accessible name (default
// "Your message"). It returns the text the user sent and true in the run that follows the
// sending, and "" and false in every other run, as a button reports a click. OnChange runs when a
// message is sent; MaxChars limits its length; Key gives it an identity other than placeholder.
//
// Drawn in the main area (not in a container, column, sidebar or tab), the box is pinned to the
// bottom of the page, below every other element, however early the app draws it. A ChatInput
// inside a form stops the run with an APIError: a form would hold the message until submitted.
func (st *Session) ChatInput(placeholder string, opts ...WidgetOption) (string, bool) {
	if placeholder == "" {
		placeholder = "Your message"
	}
	if inForm(st.parent) {
		panic(&APIError{Func: "ChatInput", Problem: "a chat input cannot be drawn inside a form",
			Fix: "draw it outside the form (a form holds its widgets' values until it is submitted)"})
	}
	o := widgetOpts(opts)
	var text string
	var sent bool
	id := st.use(kindChatInput, placeholder, o, func() any { return "" }, func(w *widget) {
		w.decode = decodeChatInput
		if w.active {
			text, _ = w.value.(string)
			sent = true
		}
	})
	pinned := st.parent == st.s.roots[0]
	st.emitWidget(kindChatInput, id, placeholder, o, func(p *props) {
		p.str("placeholder", placeholder).int("maxChars", o.maxChars).boolean("pinned", pinned)
	})
	return text, sent
}

// inForm reports whether n is a form or inside one.
func inForm(n *node) bool {
	for ; n != nil; n = n.parent {
		if n.kind == "stForm" {
			return true
		}
	}
	return false
}

// ChatOption changes a chat message.
type ChatOption func(*chatOptions)

type chatOptions struct{ avatar string }

// Avatar shows text, an emoji or a letter or two, as a chat message's avatar instead of the one its
// name gives.
func Avatar(text string) ChatOption { return func(o *chatOptions) { o.avatar = text } }

// ChatMessage draws a chat message from name and returns a handle that draws its content. The
// names "user" and "human" get the user's avatar, "assistant" and "ai" the assistant's; any other
// name gets its first letter, unless Avatar gives one. An empty name stops the run with an
// APIError.
//
//	msg := st.ChatMessage("assistant")
//	answer := msg.WriteStream(reply(prompt))
func (st *Session) ChatMessage(name string, opts ...ChatOption) *Session {
	if name == "" {
		panic(&APIError{Func: "ChatMessage", Problem: "a chat message needs the name of its author",
			Fix: `pass a name, such as "user" or "assistant"`})
	}
	var o chatOptions
	for _, f := range opts {
		f(&o)
	}
	return st.container(kindChatMessage, func(p *props) { p.str("name", name).str("avatar", o.avatar) })
}
