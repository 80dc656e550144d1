// Charts shows the data elements: an editable table, line, area and scatter charts with tooltips
// and legends (one of a million points, downsampled in Go), a map that needs no tile server, code
// blocks with syntax highlighting, and a table with search, CSV download, full screen and column
// resize.
//
//	st.data_editor(df, num_rows="dynamic")  →  st.DataEditor("Fruit", f, wasm.DynamicRows())
//	st.area_chart / st.scatter_chart        →  st.AreaChart / st.ScatterChart
//	st.map(df)                              →  st.Map(lat, lon) or st.MapFrame(f)
//	st.code(src, language="go")             →  st.Code(src, wasm.Language("go"))
package main

import (
	"fmt"
	"math"
	"sync"

	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

func app(st *wasm.Session) {
	st.Title("Data elements")
	editorSection(st)
	chartsSection(st)
	mapSection(st)
	codeSection(st)
	tableSection(st)
}

func must(f *wasm.Frame, err error) *wasm.Frame {
	if err != nil {
		panic(err)
	}
	return f
}

// ---- editable table ----

func editorSection(st *wasm.Session) {
	st.Header("Editable table")
	st.Caption("Edit a cell, add a row or select rows and delete them: the app gets typed values back.")
	fruit := must(wasm.NewFrame(
		wasm.Strings("fruit", []string{"apple", "pear", "plum", "fig"}),
		wasm.Floats("price", []float64{1.5, 2, 3.25, 4.1}),
		wasm.Ints("stock", []int{12, 0, 7, 30}),
		wasm.Bools("organic", []bool{true, false, true, false}),
	))
	edited, edits := st.DataEditor("Fruit", fruit, wasm.DynamicRows(), wasm.Key("fruit"))
	total := 0.0
	price, _ := edited.Column("price")
	stock, _ := edited.Column("stock")
	for r := 0; r < edited.Rows(); r++ {
		if p, n := price.Float(r), stock.Float(r); !math.IsNaN(p) && !math.IsNaN(n) {
			total += p * n
		}
	}
	added := 0
	if edits.Added != nil {
		added = edits.Added.Rows()
	}
	st.Text(fmt.Sprintf("edited cells = %d, added rows = %d, deleted rows = %d", len(edits.Cells), added, len(edits.Deleted)))
	st.Text(fmt.Sprintf("stock value = %.2f", total))
}

// ---- charts ----

// million is a million-point signal with a spike, built once per page.
var million = sync.OnceValue(func() []float64 {
	v := make([]float64, 1_000_000)
	for i := range v {
		x := float64(i)
		v[i] = math.Sin(x/20_000) + 0.3*math.Sin(x/900) + 0.05*math.Sin(x*1.7)
	}
	v[640_000] = 4 // a spike that downsampling keeps
	return v
})

func chartsSection(st *wasm.Session) {
	st.Header("Charts")
	days := make([]float64, 30)
	north, south := make([]float64, 30), make([]float64, 30)
	for i := range days {
		days[i] = float64(i + 1)
		north[i] = 20 + 8*math.Sin(float64(i)/4)
		south[i] = 14 + 5*math.Cos(float64(i)/5)
	}
	st.Subheader("Area chart")
	st.AreaChart([]wasm.Series{{Name: "north", Values: north}, {Name: "south", Values: south}},
		wasm.X("day", days), wasm.YLabel("sales"))

	st.Subheader("Scatter chart")
	xs := make([]float64, 80)
	ys, zs := make([]float64, 80), make([]float64, 80)
	for i := range xs {
		xs[i] = float64((i*37)%80) / 8
		ys[i] = 2*xs[i] + 3*math.Sin(float64(i))
		zs[i] = 20 - xs[i] + 2*math.Cos(float64(i*3))
	}
	st.ScatterChart([]wasm.Series{{Name: "height", Values: ys}, {Name: "weight", Values: zs}},
		wasm.X("age", xs), wasm.YLabel("value"))

	st.Subheader("A million points")
	st.Caption("Go sends the lowest and highest value of each stretch, so the chart stays interactive and keeps the spike.")
	st.LineChart([]wasm.Series{{Name: "signal", Values: million()}}, wasm.X("sample", nil))
}

// ---- map ----

func mapSection(st *wasm.Session) {
	st.Header("Map")
	st.Caption("No tile server: the points are drawn on a plain projected canvas. Give wasm.MapTiles a tile address to draw a map under them.")
	st.Map(
		[]float64{48.8566, 51.5072, 52.52, 40.4168, 41.9028, 59.3293, 38.7223, 50.0755},
		[]float64{2.3522, -0.1276, 13.405, -3.7038, 12.4964, 18.0686, -9.1393, 14.4378},
		wasm.MapLabels([]string{"Paris", "London", "Berlin", "Madrid", "Rome", "Stockholm", "Lisbon", "Prague"}),
		wasm.MapHeight(360),
	)
}

// ---- code ----

const goSource = `// Fib returns the n-th Fibonacci number.
func Fib(n int) int {
	a, b := 0, 1
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	return a // "done"
}`

const pySource = `@st.cache_data(ttl=3600)
def load(url: str) -> pd.DataFrame:
    return pd.read_csv(url)  # cached for an hour`

func codeSection(st *wasm.Session) {
	st.Header("Code")
	st.Code(goSource, wasm.Language("go"))
	st.Code(pySource, wasm.Language("python"))
}

// ---- table ----

func tableSection(st *wasm.Session) {
	st.Header("Table")
	st.Caption("Search, download as CSV, full screen, and drag a column edge to resize it. Widths follow the content: no number is cut.")
	n := 5000
	ids := make([]int, n)
	big, small := make([]float64, n), make([]float64, n)
	names := make([]string, n)
	for i := range ids {
		ids[i] = i + 1
		big[i] = float64(i) * 123456.789
		small[i] = math.Sin(float64(i)) / 1000
		names[i] = fmt.Sprintf("item %04d %s", i, []string{"alpha", "bravo", "charlie", "delta"}[i%4])
	}
	big[n-1] = -98765432109.25
	st.DataFrame(must(wasm.NewFrame(
		wasm.Ints("id", ids),
		wasm.Strings("name", names),
		wasm.Floats("revenue", big),
		wasm.Floats("drift", small),
	)))
}
