// Xss is the browser tests' script-injection fixture (playwright/xss.spec.ts): it draws every
// payload of payloads.json through every text-bearing API of wasm.Session (elements, widget
// labels, help, placeholders and options, dataframe and table cells and column names, chart
// series, image captions and URLs, downloads, containers' labels, exceptions and a real panic),
// draws the page's query string, and echoes what is typed or uploaded into it back through the
// same surfaces. Nothing it draws may run as code.
//
// Each surface is an expander labelled "surface: <name>", so the spec finds what to check.
// With ?view=echo in the address it draws only the echo widgets, the echo and the query string.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"slices"
	"strings"

	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// namedError is an error whose exception element shows typ as its type line.
type namedError struct{ typ, msg string }

func (e namedError) Error() string         { return e.msg }
func (e namedError) ExceptionType() string { return e.typ }

// pixel is a 1×1 PNG, for image captions.
var pixel = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}()

func section(st *wasm.Session, name string) *wasm.Session {
	return st.Expander("surface: "+name, true)
}

// each draws every payload into a section of its own.
func each(st *wasm.Session, name string, draw func(box *wasm.Session, i int, p string)) {
	box := section(st, name)
	for i, p := range payloads {
		draw(box, i, p)
	}
}

func app(st *wasm.Session) {
	st.Title("wasmlit XSS fixture")
	st.Caption(fmt.Sprintf("%d payloads, %d URLs", len(payloads), len(urls)))

	// What the spec types and uploads, echoed below.
	echo := st.TextArea("echo", "", wasm.Help("Type a payload; Ctrl+Enter or leaving the box sends it"))
	line := st.TextInput("echo line", "")
	files := st.FileUploader("echo files", wasm.Multiple())

	// ?view=echo leaves out the corpus sections, so a test that types one payload after another
	// reruns a small page.
	if st.QueryParams().Get("view") != "echo" {
		elements(st)
		markdownSurfaces(st)
		widgets(st)
		options(st)
		containers(st)
		frames(st)
		media(st)
	}
	query(st)

	box := section(st, "echo")
	for _, e := range []struct{ src, v string }{{"area", echo}, {"line", line}} {
		if e.v != "" {
			echoAll(box, e.src, e.v)
		}
	}
	for _, f := range files {
		box.Text(f.Name)
		box.Markdown(f.Name)
		box.Text(string(f.Data))
	}

	// A real panic carrying every payload (and the echo): drawn as the last element.
	panic("panic: " + strings.Join(payloads, "\n") + "\n" + echo)
}

// elements: the plain-text elements, shown exactly as given.
func elements(st *wasm.Session) {
	each(st, "title", func(box *wasm.Session, _ int, p string) { box.Title(p) })
	each(st, "header", func(box *wasm.Session, _ int, p string) { box.Header(p, wasm.WithDivider()) })
	each(st, "subheader", func(box *wasm.Session, _ int, p string) { box.Subheader(p) })
	each(st, "text", func(box *wasm.Session, _ int, p string) { box.Text(p) })
	each(st, "textf", func(box *wasm.Session, _ int, p string) { box.Textf("%s", p) })
	each(st, "code", func(box *wasm.Session, _ int, p string) { box.Code(p, wasm.Language(p)) })
	each(st, "metric", func(box *wasm.Session, _ int, p string) { box.Metric(p, p, wasm.Delta(p)) })
	each(st, "exception", func(box *wasm.Session, _ int, p string) { box.Exception(errors.New(p)) })
	each(st, "exception type", func(box *wasm.Session, _ int, p string) { box.Exception(namedError{typ: p, msg: "typed"}) })
	each(st, "write error", func(box *wasm.Session, _ int, p string) { box.Write(errors.New(p)) })
	each(st, "json", func(box *wasm.Session, _ int, p string) {
		box.JSON(map[string]any{p: p, "list": []string{p}})
	})
	each(st, "write json", func(box *wasm.Session, _ int, p string) { box.Write(map[string]string{p: p}) })
	each(st, "progress", func(box *wasm.Session, _ int, p string) { box.Progress(0.5, p) })
	each(st, "image caption", func(box *wasm.Session, _ int, p string) {
		box.Image(pixel, "image/png", wasm.ImageCaption(p))
	})
	box := section(st, "spinner") // each spinner flushes and yields: a few, not all
	for _, p := range payloads[:3] {
		box.Spinner(p, func() {})
	}
}

// markdownSurfaces: markdown shows each payload's marker as text; AllowHTML only has to be inert.
func markdownSurfaces(st *wasm.Session) {
	each(st, "markdown", func(box *wasm.Session, _ int, p string) { box.Markdown(p) })
	each(st, "write", func(box *wasm.Session, _ int, p string) { box.Write(p) })
	each(st, "caption", func(box *wasm.Session, _ int, p string) { box.Caption(p) })
	each(st, "alerts", func(box *wasm.Session, _ int, p string) {
		box.Info(p)
		box.Success(p)
		box.Warning(p)
		box.Error(p)
	})
	each(st, "markdown html", func(box *wasm.Session, _ int, p string) { box.Markdown(p, wasm.AllowHTML()) })
}

// widgets: every widget with a payload as its label, help, placeholder and options.
func widgets(st *wasm.Session) {
	each(st, "button", func(box *wasm.Session, _ int, p string) { box.Button(p, wasm.Help(p)) })
	each(st, "checkbox", func(box *wasm.Session, _ int, p string) { box.Checkbox(p, false, wasm.Help(p)) })
	each(st, "toggle", func(box *wasm.Session, _ int, p string) { box.Toggle(p, true, wasm.Help(p)) })
	each(st, "text input", func(box *wasm.Session, _ int, p string) {
		box.TextInput(p, p, wasm.Placeholder(p), wasm.Help(p))
	})
	each(st, "text area", func(box *wasm.Session, _ int, p string) {
		box.TextArea(p, p, wasm.Placeholder(p), wasm.Help(p))
	})
	each(st, "slider", func(box *wasm.Session, _ int, p string) { wasm.Slider(box, p, 0, 10, 5, wasm.Help(p)) })
	each(st, "number input", func(box *wasm.Session, _ int, p string) { wasm.NumberInput(box, p, 1.5, wasm.Help(p)) })
	each(st, "date input", func(box *wasm.Session, _ int, p string) {
		box.DateInput(p, wasm.Date{Year: 2024, Month: 1, Day: 2}, wasm.Help(p))
	})
	each(st, "file uploader", func(box *wasm.Session, _ int, p string) {
		box.FileUploader(p, wasm.Accept(".csv", p), wasm.Help(p))
	})
	each(st, "radio", func(box *wasm.Session, _ int, p string) {
		wasm.Radio(box, p, []string{p, "other"}, wasm.Help(p))
	})
	each(st, "selectbox", func(box *wasm.Session, _ int, p string) {
		wasm.Selectbox(box, p, []string{p, "other"}, wasm.Placeholder(p), wasm.Help(p))
	})
	each(st, "multiselect", func(box *wasm.Session, _ int, p string) {
		wasm.Multiselect(box, p, []string{p, "other"}, []string{p}, wasm.Placeholder(p), wasm.Help(p))
	})
}

// options: one widget of each choice kind whose options are the whole corpus.
func options(st *wasm.Session) {
	box := section(st, "options")
	wasm.Radio(box, "options: radio", payloads)
	wasm.Selectbox(box, "options: selectbox", payloads)
	wasm.Multiselect(box, "options: multiselect", payloads, payloads)
	n := make([]int, len(payloads))
	for i := range n {
		n[i] = i
	}
	wasm.Selectbox(box, "options: format", n, wasm.Format(func(i int) string { return payloads[i] }))
}

// containers: payloads as tab and expander labels, form keys and submit buttons, and drawn
// inside columns and the sidebar.
func containers(st *wasm.Session) {
	box := section(st, "tabs")
	for i, tab := range box.Tabs(payloads...) {
		tab.Text(payloads[i])
	}
	each(st, "expander", func(box *wasm.Session, _ int, p string) { box.Expander(p, false).Text(p) })
	each(st, "columns", func(box *wasm.Session, _ int, p string) {
		cols := box.Columns(2)
		cols[0].Text(p)
		cols[1].Markdown(p)
	})
	each(st, "form", func(box *wasm.Session, _ int, p string) { box.Form(p).FormSubmitButton(p, wasm.Help(p)) })
	sb := section(st.Sidebar(), "sidebar")
	for _, p := range payloads {
		sb.Text(p)
		sb.Markdown(p)
	}
}

// frames: payloads as dataframe and table column names and cells.
func frames(st *wasm.Session) {
	box := section(st, "dataframe")
	cols := make([]wasm.Column, len(payloads))
	for i, p := range payloads {
		cols[i] = wasm.Strings(p, []string{p})
	}
	wide, err := wasm.NewFrame(cols...)
	if err != nil {
		box.Exception(err)
		return
	}
	box.DataFrame(wide)
	tall, err := wasm.NewFrame(wasm.Strings("payload", payloads))
	if err != nil {
		box.Exception(err)
		return
	}
	box.DataFrame(tall) // virtualised: only the rows in view are in the page
	box = section(st, "table")
	box.Table(wide)
	box.Table(tall)
}

// media: payloads as chart series names and axis labels; hostile URLs as image sources,
// markdown link and image targets, and downloads.
func media(st *wasm.Session) {
	box := section(st, "charts")
	series := make([]wasm.Series, len(payloads))
	for i, p := range payloads {
		series[i] = wasm.Series{Name: p, Values: []float64{float64(i), float64(i + 1), float64(i % 7)}}
	}
	box.LineChart(series, wasm.X(payloads[0], []float64{1, 2, 3}))
	box.BarChart(series, wasm.X(payloads[2], []float64{1, 2, 3}))

	box = section(st, "urls")
	for i, u := range urls {
		box.ImageURL(u, wasm.ImageCaption(u))
		box.Markdown(fmt.Sprintf("[u%d link](%s) ![u%d image](%s) <%s>", i, u, i, u, u))
		box.Markdown(fmt.Sprintf(`<a href="%s">u%d link</a> <img src="%s" alt="u%d"> [u%d](%s)`, u, i, u, i, i, u), wasm.AllowHTML())
	}
	box = section(st, "download")
	for _, u := range urls {
		if b, err := box.Download(u); err != nil {
			box.Exception(err)
		} else {
			box.Text(fmt.Sprintf("downloaded %d bytes from %s", len(b), u))
		}
	}
}

// query: the page's query string, keys and values, through text, markdown, a title and JSON.
func query(st *wasm.Session) {
	box := section(st, "query")
	q := st.QueryParams()
	for _, k := range slices.Sorted(maps.Keys(q)) {
		box.Text(k)
		for _, v := range q[k] {
			box.Text(v)
			box.Markdown(v)
			box.Title(v)
		}
	}
	box.JSON(q)
}

// echoAll draws v, which came back from the page, through the main surfaces.
func echoAll(box *wasm.Session, src, v string) {
	box.Title(v)
	box.Text(v)
	box.Code(v)
	box.Markdown(v)
	box.Markdown(v, wasm.AllowHTML())
	box.Info(v)
	box.JSON(map[string]string{v: v})
	box.Metric(v, v, wasm.Delta(v))
	if f, err := wasm.NewFrame(wasm.Strings(v, []string{v})); err == nil {
		box.Table(f)
		box.DataFrame(f)
	}
	box.Exception(errors.New(v))
	box.Button(v, wasm.Key(src+" button"))
	wasm.Radio(box, v, []string{v}, wasm.Key(src+" radio"))
	box.Expander(v, true).Text(v)
}
