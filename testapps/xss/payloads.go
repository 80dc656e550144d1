package main

import (
	_ "embed"
	"encoding/json"
	"strings"
)

// payloads.json is the corpus, shared with playwright/xss.spec.ts, which reads it to know what
// each element must show. Every payload that ran would set top.__xss to its number or call
// alert(number). Each carries a marker "xqNN" (NN its number) placed where rendered markdown
// shows it as text, so the spec can tell a payload was drawn and not silently dropped.
//
//go:embed payloads.json
var corpusJSON []byte

// payload is one corpus entry as stored. Pad puts that many 'A's before the text (a very long
// string); BadUTF8 replaces each "{BAD}" with the invalid bytes 0xff 0xfe, which JSON cannot hold.
type payload struct {
	Text    string `json:"text"`
	Pad     int    `json:"pad"`
	BadUTF8 bool   `json:"badUTF8"`
}

// expand returns the string the app draws for p. The spec's expand mirrors it.
func (p payload) expand() string {
	s := p.Text
	if p.BadUTF8 {
		s = strings.ReplaceAll(s, "{BAD}", "\xff\xfe")
	}
	return strings.Repeat("A", p.Pad) + s
}

// payloads are the corpus's strings, in order (payload n is payloads[n-1]); urls are the
// hostile URLs for the surfaces that take one.
var payloads, urls = loadCorpus()

func loadCorpus() ([]string, []string) {
	var c struct {
		Payloads []payload `json:"payloads"`
		URLs     []string  `json:"urls"`
	}
	if err := json.Unmarshal(corpusJSON, &c); err != nil {
		panic("testapps/xss: payloads.json: " + err.Error())
	}
	out := make([]string, len(c.Payloads))
	for i, p := range c.Payloads {
		out[i] = p.expand()
	}
	return out, c.URLs
}
