// Elements shows the elements a Streamlit user reaches for after the basics (SPEC A9): a
// download button for bytes and for a table as CSV, a select slider, a time input, a color
// picker, a toast, a status container, a dialog, a popover, searchable select and multiselect,
// and Write with several values on one line.
package main

import (
	"fmt"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// The countries the searchable lists offer: more than a few, so they get a search field.
var countries = []string{
	"Argentina", "Australia", "Brazil", "Canada", "Chile", "Denmark", "Finland", "France", "Germany",
	"Iceland", "India", "Japan", "Kenya", "Mexico", "Netherlands", "Norway", "Peru", "Portugal", "Spain",
	"Sweden",
}

var (
	votes = wasm.NewState("votes", []string{})
	vote  *wasm.Dialog
)

func init() {
	vote = wasm.NewDialog("Cast your vote", func(st *wasm.Session) {
		st.Markdown("Which fruit should the shop stock next?")
		fruit := wasm.Selectbox(st, "Fruit", []string{"Mango", "Papaya", "Lychee"})
		reason := st.TextInput("Because", "")
		if st.Button("Submit vote", wasm.Primary()) {
			votes.Set(st, append(votes.Get(st), fmt.Sprintf("%s (%s)", fruit, reason)))
			vote.Close(st)
		}
	})
}

func app(st *wasm.Session) {
	st.Title("Elements")
	st.Write("Values on one line:", 3, "rides,", true, "and", 2.5, "km")

	st.Header("Downloads")
	notes := wasm.File{Name: "notes.txt", Type: "text/plain", Data: []byte("Bring water.\nStart at 9.\n")}
	if st.DownloadButton("Download notes", notes) {
		st.Caption("Notes saved.")
	}
	rides, _ := wasm.NewFrame(
		wasm.Strings("city", []string{"Oslo", "Lima", "Kyoto"}),
		wasm.Floats("km", []float64{12.5, 8, 21.25}),
	)
	csv, err := wasm.CSVFile("rides.csv", rides)
	if err != nil {
		st.Exception(err)
	} else {
		st.DownloadButton("Download rides as CSV", csv, wasm.Help("The table below, as comma-separated values"))
	}
	st.Table(rides)

	st.Header("Pickers")
	size := wasm.SelectSlider(st, "T-shirt size", []string{"XS", "S", "M", "L", "XL"}, "M", wasm.Key("size"))
	lo, hi := wasm.SelectSliderRange(st, "Months", []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun"}, "Feb", "Apr")
	start := st.TimeInput("Start time", wasm.TimeOfDay{Hour: 9}, wasm.Step(1800))
	color := st.ColorPicker("Line color", "#1f77b4")
	st.Write("Size", size, "from", lo, "to", hi, "starting at", start, "in", color)

	st.Header("Search")
	country := wasm.Selectbox(st, "Country", countries, wasm.Index(-1), wasm.Placeholder("Pick a country"))
	visited := wasm.Multiselect(st, "Visited", countries, []string{"Norway"})
	st.Write("Country:", country, "— visited", len(visited), "countries")

	st.Header("Feedback")
	if st.Button("Save settings") {
		st.Toast("Settings **saved**", wasm.ToastIcon("✅"), wasm.ToastDuration(0)) // until closed
	}
	status := st.Status("Preparing the report", wasm.StatusExpanded(true))
	status.Text("Loaded 3 rides")
	if st.Checkbox("Make the report fail", false) {
		status.Update("The report failed", wasm.WithStatusState(wasm.StatusError))
	} else {
		status.Text("Summed the distances")
		status.Update("Report ready", wasm.WithStatusState(wasm.StatusComplete))
	}

	st.Header("Overlays")
	st.Button("Vote", wasm.OnClick(vote.Open))
	vote.Show(st)
	st.Write("Votes:", len(votes.Get(st)))
	for _, v := range votes.Get(st) {
		st.Text(v)
	}
	pop := st.Popover("Chart settings", wasm.Help("Settings that change the chart"))
	smooth := pop.Checkbox("Smooth lines", false)
	days := wasm.Slider(pop, "Days shown", 1, 30, 7)
	st.Write("Smooth:", smooth, "days:", days, "as of", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format("2 Jan 2006"))
}
