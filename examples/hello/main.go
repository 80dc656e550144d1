// Hello shows most widgets and layouts of wasmlit, each with the value it holds right now.
package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

var (
	clicks    = wasm.NewState("clicks", 0)
	submitted = wasm.NewState("submitted", "")
)

func app(st *wasm.Session) {
	st.Title("Hello, wasmlit")
	st.Caption("A Go app compiled to WebAssembly, running entirely in this tab. Every widget below shows its value.")

	sidebar(st.Sidebar())
	basics(st)
	choices(st)
	numbers(st)
	layouts(st)
	data(st)
	download(st)
	trouble(st)
}

func sidebar(sb *wasm.Session) {
	sb.Header("Settings")
	theme := wasm.Selectbox(sb, "Greeting", []string{"Hello", "Hi", "Good day"})
	sb.Text("greeting = " + theme)
	slow := sb.Toggle("Slow runs", false, wasm.Help("Each run takes 300 ms more, to try interrupting runs."))
	sb.Textf("slow = %v", slow)
	if slow {
		time.Sleep(300 * time.Millisecond)
	}
}

func basics(st *wasm.Session) {
	st.Header("Basics", wasm.WithDivider())
	name := st.TextInput("Your name", "world", wasm.Placeholder("Type a name"))
	st.Markdown(fmt.Sprintf("Hello, **%s**!", name))
	st.Text("name = " + name)

	about := st.TextArea("About you", "")
	st.Textf("about = %d characters", len([]rune(about)))

	// The callback runs once per click, before the rerun, so fast clicks are all counted even when
	// they interrupt each other's runs.
	st.Button("Click me", wasm.Primary(), wasm.OnClick(func() { clicks.Update(st, func(n int) int { return n + 1 }) }))
	st.Textf("clicks = %d", clicks.Get(st))

	agree := st.Checkbox("I agree", false)
	st.Textf("agree = %v", agree)
	dark := st.Toggle("Night mode", false)
	st.Textf("night = %v", dark)

	day := st.DateInput("A day", wasm.Date{Year: 2026, Month: time.November, Day: 26})
	st.Text("day = " + day.String())
}

func choices(st *wasm.Session) {
	st.Header("Choices", wasm.WithDivider())
	size := wasm.Radio(st, "Size", []string{"S", "M", "L"}, wasm.Index(1), wasm.Horizontal())
	st.Text("size = " + size)
	city := wasm.Selectbox(st, "City", []string{"New York", "San Francisco", "Tokyo"})
	st.Text("city = " + city)
	fruits := wasm.Multiselect(st, "Fruits", []string{"apple", "banana", "cherry"}, []string{"apple"})
	st.Text("fruits = " + strings.Join(fruits, ", "))
	files := st.FileUploader("A file", wasm.Accept(".txt", ".csv"))
	for _, f := range files {
		st.Textf("file = %s (%d bytes)", f.Name, len(f.Data))
	}
}

func numbers(st *wasm.Session) {
	st.Header("Numbers", wasm.WithDivider())
	n := wasm.Slider(st, "Points", 10, 200, 50)
	st.Textf("points = %d", n)
	lo, hi := wasm.SliderRange(st, "Range", 0.0, 1.0, 0.2, 0.8, wasm.Step(0.1))
	st.Textf("range = %.1f–%.1f", lo, hi)
	temp := wasm.NumberInput(st, "Temperature", 21.5, wasm.Step(0.5), wasm.Min(-20), wasm.Max(45))
	st.Textf("temperature = %.1f", temp)

	cols := st.Columns(3)
	cols[0].Metric("Points", fmt.Sprint(n), wasm.Delta(fmt.Sprintf("%+d", n-50)))
	cols[1].Metric("Temperature", fmt.Sprintf("%.1f °C", temp), wasm.Delta(fmt.Sprintf("%+.1f", temp-21.5)))
	cols[2].Metric("Clicks", fmt.Sprint(clicks.Get(st)))

	xs := make([]float64, n)
	sin := make([]float64, n)
	cos := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i) / 10
		sin[i] = math.Sin(xs[i])
		cos[i] = math.Cos(xs[i])
	}
	tabs := st.Tabs("Line chart", "Bar chart")
	tabs[0].LineChart([]wasm.Series{{Name: "sin", Values: sin}, {Name: "cos", Values: cos}}, wasm.X("x", xs))
	bars := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	tabs[1].BarChart([]wasm.Series{{Name: "digits of π", Values: bars}})
	st.Progress(float64(n-10)/190, fmt.Sprintf("%d of 200 points", n))
}

func layouts(st *wasm.Session) {
	st.Header("Layout", wasm.WithDivider())
	box := st.Container(wasm.Border())
	box.Text("inside a bordered container")
	more := st.Expander("More details", false)
	more.Markdown("Expanders hold content the reader can open. `code`, *emphasis* and [links](https://go.dev) work.")
	more.Code("func app(st *wasm.Session) {\n\tst.Title(\"Hello\")\n}", wasm.Language("go"))
	more.JSON(map[string]any{"name": "wasmlit", "widgets": 13, "tags": []string{"go", "wasm"}})

	form := st.Form("signup")
	email := form.TextInput("Email", "")
	plan := wasm.Radio(form, "Plan", []string{"Free", "Pro"})
	if form.FormSubmitButton("Sign up") {
		submitted.Set(st, email+" / "+plan)
	}
	st.Text("submitted = " + submitted.Get(st))

	ph := st.Empty()
	ph.Info("This placeholder is replaced…")
	ph.Success("…by the last element written into it.")
	st.Warning("Warnings look like this.")
	st.Error("Errors look like this.")
	st.Divider()
}

func data(st *wasm.Session) {
	st.Header("Data", wasm.WithDivider())
	rows := wasm.NumberInput(st, "Rows", 1000, wasm.Min(0), wasm.Max(2_000_000), wasm.Step(1000))
	st.Spinner("Generating rows…", func() {})
	st.DataFrame(table(rows))
	st.Table(must(wasm.NewFrame(
		wasm.Strings("language", []string{"Go", "Python", "JavaScript"}),
		wasm.Ints("year", []int{2009, 1991, 1995}),
	)))
	// An image served beside the app (static/ is copied into the build); st.Image takes bytes.
	st.ImageURL("static/gradient.svg", wasm.ImageCaption("An image from the app's static folder"), wasm.Width(160))
}

// table makes a deterministic frame of n rows.
func table(n int) *wasm.Frame {
	r := rand.New(rand.NewPCG(7, 11))
	id := make([]float64, n)
	value := make([]float64, n)
	name := make([]string, n)
	even := make([]bool, n)
	words := []string{"alpha", "bravo", "charlie", "delta", "echo"}
	for i := range n {
		id[i] = float64(i)
		value[i] = math.Round(r.NormFloat64()*1000) / 10
		name[i] = words[r.IntN(len(words))]
		even[i] = i%2 == 0
	}
	return must(wasm.NewFrame(wasm.Floats("id", id), wasm.Floats("value", value), wasm.Strings("name", name), wasm.Bools("even", even)))
}

func download(st *wasm.Session) {
	st.Header("Fetch", wasm.WithDivider())
	url := st.TextInput("URL to fetch", "app.wasm")
	if st.Button("Fetch") {
		data, err := st.Download(url)
		if err != nil {
			st.Error(err.Error())
		} else {
			st.Textf("fetched = %d bytes", len(data))
		}
	}
}

func trouble(st *wasm.Session) {
	st.Header("Trouble", wasm.WithDivider())
	if st.Button("Raise a panic") {
		var rows []string
		st.Text(rows[clicks.Get(st)]) // a bug in app code: shown as an exception, the app keeps going
	}
	st.Text("the end")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
