package htmlrender

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// build applies the ops written by f to a new tree.
func build(t *testing.T, f func(w *wire.Writer)) *Tree {
	t.Helper()
	var w wire.Writer
	f(&w)
	tr := NewTree()
	if err := tr.Apply(w.Bytes()); err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestRenderMatchesHostDOM_C7(t *testing.T) {
	tr := build(t, func(w *wire.Writer) {
		w.Create(3, "stTitle", []byte(`{"text":"Uber <pickups>"}`))
		w.Insert(wire.RootMain, 3, 0)
		w.Create(4, "stText", []byte(`{"text":"rows = 5"}`))
		w.Insert(wire.RootMain, 4, 0)
		w.Create(5, "stTable", []byte(`{"columns":["a","b"],"rows":[["1","x"],["2","y"]]}`))
		w.Insert(wire.RootMain, 5, 0)
		w.Create(6, "stMetric", []byte(`{"label":"Rides","value":"12","delta":-3,"deltaColor":"normal"}`))
		w.Insert(wire.RootMain, 6, 0)
		w.Create(7, "stHeader", []byte(`{"text":"Side","divider":true}`))
		w.Insert(wire.RootSidebar, 7, 0)
		w.Create(8, "stLineChart", []byte(`{"series":[]}`))
		w.Insert(wire.RootMain, 8, 4) // before the text: order follows Insert's before
	})
	got := string(tr.Render(1))
	for _, want := range []string{
		`<div class="wl-root wl-has-sidebar" data-status="running" data-sid="1" data-wl-prerendered>`,
		`<aside class="wl-sidebar" data-testid="stSidebar" aria-label="Sidebar"><div data-testid="stHeader" data-wl-id="7" class="wl-h2"><h2 class="wl-heading">Side</h2><hr class="wl-heading-rule"></div></aside>`,
		`<div data-testid="stTitle" data-wl-id="3" class="wl-h1"><h1 class="wl-heading">Uber &lt;pickups&gt;</h1><hr class="wl-heading-rule" hidden></div>`,
		`<div data-testid="stLineChart" data-wl-id="8" class="wl-prerender-placeholder"></div><pre data-testid="stText" data-wl-id="4" class="wl-text">rows = 5</pre>`,
		`<div data-testid="stTable" data-wl-id="5" class="wl-table"><table><thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead><tbody><tr><td>1</td><td>x</td></tr><tr><td>2</td><td>y</td></tr></tbody></table></div>`,
		`<div class="wl-metric-value">12</div><div class="wl-metric-delta" data-color="bad"><span class="wl-metric-arrow" aria-hidden="true">↓</span><span>-3</span></div>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n  %s\nin\n  %s", want, got)
		}
	}
}

func TestRenderWidgetsCarryTheirValues_C7(t *testing.T) {
	tr := build(t, func(w *wire.Writer) {
		w.Create(3, "stTextInput", []byte(`{"id":"k","label":"Your name","value":"world","placeholder":"Type \"a\" name"}`))
		w.Insert(wire.RootMain, 3, 0)
		w.Create(4, "stSelectbox", []byte(`{"id":"s","label":"File","options":["a.csv","b.csv"],"index":1}`))
		w.Insert(wire.RootMain, 4, 0)
		w.Create(5, "stCheckbox", []byte(`{"id":"c","label":"Cache","value":true,"help":"Why"}`))
		w.Insert(wire.RootMain, 5, 0)
		w.Create(6, "stButton", []byte(`{"id":"b","label":"Rerun","kind":"primary"}`))
		w.Insert(wire.RootMain, 6, 0)
	})
	got := string(tr.Render(1))
	for _, want := range []string{
		`<label for="wl-pre-3" class="wl-label"><span class="wl-label-text">Your name</span></label>`,
		`<input id="wl-pre-3" type="text" placeholder="Type &#34;a&#34; name" value="world">`,
		`<select id="wl-pre-4"><option value="-1" disabled>Choose an option</option><option value="0">a.csv</option><option value="1" selected>b.csv</option></select>`,
		`<input type="checkbox" id="wl-pre-5" checked aria-describedby="wl-pre-5-desc">`,
		`<span id="wl-pre-5-desc" class="wl-sr-only">Why</span>`,
		`<button type="button" class="wl-btn" data-kind="primary">Rerun</button>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n  %s\nin\n  %s", want, got)
		}
	}
}

func TestRenderContainersAndRemovals_C7(t *testing.T) {
	tr := build(t, func(w *wire.Writer) {
		w.Create(3, "stHorizontalBlock", []byte(`{"gap":"small"}`))
		w.Insert(wire.RootMain, 3, 0)
		w.Create(4, "stColumn", []byte(`{"weight":1}`))
		w.Insert(3, 4, 0)
		w.Create(5, "stMetric", []byte(`{"label":"A","value":"1"}`))
		w.Insert(4, 5, 0)
		w.Create(6, "stText", []byte(`{"text":"gone"}`))
		w.Insert(wire.RootMain, 6, 0)
		w.Remove(6)
		w.Update(5, []byte(`{"label":"A","value":"2"}`))
	})
	got := string(tr.Render(1))
	want := `<main class="wl-main" data-testid="stMain"><div data-testid="stHorizontalBlock" data-wl-id="3" class="wl-hblock"><div data-testid="stColumn" data-wl-id="4" class="wl-column"><div data-testid="stMetric" data-wl-id="5" class="wl-metric"><div class="wl-metric-label">A</div><div class="wl-metric-value">2</div><div class="wl-metric-delta" hidden><span class="wl-metric-arrow" aria-hidden="true"></span><span></span></div></div></div></div></main>`
	if !strings.Contains(got, want) {
		t.Errorf("got\n  %s\nwant it to hold\n  %s", got, want)
	}
}

func TestRenderEscapesEverything_C7(t *testing.T) {
	evil := `<script>alert(1)</script>" onload="x`
	tr := build(t, func(w *wire.Writer) {
		for i, kind := range []string{"stMarkdown", "stCode", "stAlert", "stText", "stCaption"} {
			id := uint32(3 + i)
			w.Create(id, kind, []byte(`{"text":"`+strings.ReplaceAll(evil, `"`, `\"`)+`","code":"`+strings.ReplaceAll(evil, `"`, `\"`)+`"}`))
			w.Insert(wire.RootMain, id, 0)
		}
		w.Create(20, `x"><script>`, []byte(`{}`))
		w.Insert(wire.RootMain, 20, 0)
	})
	got := string(tr.Render(1))
	if strings.Contains(got, "<script") || strings.Contains(got, `" onload`) {
		t.Errorf("unescaped text in\n%s", got)
	}
}

// frameBlob builds a dataframe blob of one float column and one string column.
func frameBlob(nums []float64, strs []string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(nums)))
	b = binary.LittleEndian.AppendUint32(b, 2)
	pad := func() {
		for len(b)%wire.ColumnAlign != 0 {
			b = append(b, 0)
		}
	}
	b = append(b, wire.ColFloat64)
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = append(b, 'x')
	pad()
	for _, v := range nums {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	b = append(b, wire.ColString)
	b = binary.LittleEndian.AppendUint32(b, 4)
	b = append(b, "name"...)
	pad()
	off := uint32(0)
	b = binary.LittleEndian.AppendUint32(b, 0)
	for _, s := range strs {
		off += uint32(len(s))
		b = binary.LittleEndian.AppendUint32(b, off)
	}
	for _, s := range strs {
		b = append(b, s...)
	}
	return b
}

func TestRenderDataFramePreview_C7(t *testing.T) {
	nums := make([]float64, PreviewRows+5)
	strs := make([]string, len(nums))
	for i := range nums {
		nums[i], strs[i] = float64(i)+0.5, string(rune('a'+i))
	}
	nums[1] = math.NaN()
	tr := build(t, func(w *wire.Writer) {
		w.Create(3, "stDataFrame", []byte(`{"height":0}`))
		w.Insert(wire.RootMain, 3, 0)
		w.Blob(3, frameBlob(nums, strs))
	})
	got := string(tr.Render(1))
	for _, want := range []string{
		`<div data-testid="stDataFrame" data-wl-id="3" class="wl-df wl-prerender-preview"><div class="wl-table"><table><thead><tr><th scope="col">x</th><th scope="col">name</th></tr></thead>`,
		`<tr><td>0.5</td><td>a</td></tr><tr><td></td><td>b</td></tr>`,
		`<p class="wl-caption">25 rows</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n  %s\nin\n  %s", want, got)
		}
	}
	if strings.Count(got, "<tr>") != PreviewRows+1 {
		t.Errorf("%d rows drawn, want the header and %d", strings.Count(got, "<tr>")-1, PreviewRows)
	}
	// A truncated blob draws an empty frame, never a panic.
	tr.nodes[3].Blob = tr.nodes[3].Blob[:30]
	if got := string(tr.Render(1)); strings.Contains(got, "<table>") {
		t.Errorf("a truncated blob drew a table: %s", got)
	}
}
