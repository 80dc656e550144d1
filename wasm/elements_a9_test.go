package wasm_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// wantException fails unless the app shows one exception element whose message has every part.
func wantException(t *testing.T, at *wasmtest.App, parts ...string) {
	t.Helper()
	ex := at.Find("stException")
	if len(ex) != 1 {
		t.Fatalf("want one exception element, got:\n%s", at.Root())
	}
	if typ := ex[0].Str("type"); typ != "StreamlitAPIException" {
		t.Errorf("exception type = %q, want StreamlitAPIException", typ)
	}
	for _, p := range parts {
		if msg := ex[0].Str("message"); !strings.Contains(msg, p) {
			t.Errorf("message %q does not contain %q", msg, p)
		}
	}
}

// send sends a change event to the widget of kind labelled label and waits for the run.
func send(at *wasmtest.App, kind, label string, v any) {
	at.Send(wasmtest.Event{ID: at.ID(kind, label), Type: "change", Value: v})
	at.Settle()
}

func TestDownloadButtonBytesAndFrameCSV_A9(t *testing.T) {
	frame, err := wasm.NewFrame(wasm.Strings("city", []string{"Oslo", "Lima, Peru"}), wasm.Floats("temp", []float64{4.5, math.NaN()}))
	if err != nil {
		t.Fatal(err)
	}
	csvFile, err := wasm.CSVFile("weather.csv", frame)
	if err != nil {
		t.Fatal(err)
	}
	if want := "city,temp\nOslo,4.5\n\"Lima, Peru\",\n"; string(csvFile.Data) != want || csvFile.Type != "text/csv" {
		t.Fatalf("CSVFile = %q (%s), want %q", csvFile.Data, csvFile.Type, want)
	}
	at := wasmtest.New(t, func(st *wasm.Session) {
		got := st.DownloadButton("Get notes", wasm.File{Name: "notes.txt", Type: "text/plain", Data: []byte("hello")})
		st.Textf("notes clicked = %v", got)
		st.DownloadButton("Get CSV", csvFile, wasm.Primary())
		st.DownloadButton("Get bytes", wasm.File{Data: []byte{1, 2}})
	})
	wantTexts(t, at, "notes clicked = false")
	notes := at.Get("stDownloadButton", "Get notes")
	if string(notes.Blob) != "hello" || notes.Str("fileName") != "notes.txt" || notes.Str("mime") != "text/plain" {
		t.Errorf("notes: blob %q, props %v", notes.Blob, notes.Props)
	}
	csv := at.Get("stDownloadButton", "Get CSV")
	if string(csv.Blob) != string(csvFile.Data) || csv.Str("fileName") != "weather.csv" || csv.Str("kind") != "primary" {
		t.Errorf("csv: blob %q, props %v", csv.Blob, csv.Props)
	}
	if b := at.Get("stDownloadButton", "Get bytes"); b.Str("fileName") != "download" || b.Str("mime") != "application/octet-stream" {
		t.Errorf("defaults: props %v", b.Props)
	}
	at.Send(wasmtest.Event{ID: notes.Str("id"), Type: "click", Value: true})
	at.Settle()
	wantTexts(t, at, "notes clicked = true")
	at.Rerun()
	wantTexts(t, at, "notes clicked = false")
}

func TestDownloadButtonRefusesBadCalls_A9_A15(t *testing.T) {
	for name, tc := range map[string]struct {
		app  func(st *wasm.Session)
		want []string
	}{
		"path in the name": {func(st *wasm.Session) {
			st.DownloadButton("Save", wasm.File{Name: "../etc/x.txt"})
		}, []string{`DownloadButton("Save")`, "path separator"}},
		"inside a form": {func(st *wasm.Session) {
			f := st.Form("f")
			f.DownloadButton("Save", wasm.File{Name: "x.txt"})
		}, []string{`DownloadButton("Save")`, "form"}},
	} {
		t.Run(name, func(t *testing.T) {
			at := wasmtest.New(t, tc.app)
			wantException(t, at, tc.want...)
		})
	}
}

func TestSelectSliderKeepsValuesNotPositions_A9_A2(t *testing.T) {
	sizes := []string{"S", "M", "L", "XL"}
	at := wasmtest.New(t, func(st *wasm.Session) {
		size := wasm.SelectSlider(st, "Size", sizes, "M", wasm.Key("size"))
		lo, hi := wasm.SelectSliderRange(st, "Band", []int{1, 2, 3, 4, 5}, 2, 4, wasm.Format(func(i int) string { return fmt.Sprint(i, "°") }))
		st.Textf("size = %s, band = %d..%d", size, lo, hi)
	})
	wantTexts(t, at, "size = M, band = 2..4")
	if e := at.Get("stSelectSlider", "Band"); fmt.Sprint(e.Props["options"], e.Props["value"]) != "[1° 2° 3° 4° 5°] [1 3]" {
		t.Errorf("band props = %v", e.Props)
	}
	send(at, "stSelectSlider", "Size", 3)
	send(at, "stSelectSlider", "Band", []int{0, 0})
	wantTexts(t, at, "size = XL, band = 1..1")
	if v, ok := at.State("size"); v != "XL" || !ok {
		t.Errorf("state size = %v %v", v, ok)
	}
	// The options change: the keyed slider keeps XL, now at another position.
	sizes = []string{"XS", "S", "M", "L", "XL"}
	at.Rerun()
	wantTexts(t, at, "size = XL, band = 1..1")
	if v := at.Get("stSelectSlider", "Size").Props["value"]; fmt.Sprint(v) != "[4]" {
		t.Errorf("position of XL = %v, want [4]", v)
	}
	// XL is no longer offered: back to the default, never the option at its old position.
	sizes = []string{"S", "M", "L"}
	at.Rerun()
	wantTexts(t, at, "size = M, band = 1..1")
	at.SetState("size", "L")
	wantTexts(t, at, "size = L, band = 1..1")
	at.SetState("size", "XXL")
	wantException(t, at, `"size"`, "not one of its options")
}

func TestSelectSliderRefusesBadParameters_A9_A15(t *testing.T) {
	for name, tc := range map[string]struct {
		app  func(st *wasm.Session)
		want []string
	}{
		"value not an option": {func(st *wasm.Session) {
			wasm.SelectSlider(st, "Size", []string{"S", "M"}, "XL")
		}, []string{`SelectSlider("Size")`, `"XL" is not one of its options`}},
		"no options": {func(st *wasm.Session) {
			wasm.SelectSlider(st, "Size", nil, "S")
		}, []string{`SelectSlider("Size")`, "no options"}},
		"reversed range": {func(st *wasm.Session) {
			wasm.SelectSliderRange(st, "Band", []int{1, 2, 3}, 3, 1)
		}, []string{`SelectSliderRange("Band")`, "comes after"}},
	} {
		t.Run(name, func(t *testing.T) {
			wantException(t, wasmtest.New(t, tc.app), tc.want...)
		})
	}
}

func TestColorPicker_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Text(st.ColorPicker("Line", "#1F77B4", wasm.Key("line")))
		st.Text(st.ColorPicker("Fill", ""))
	})
	wantTexts(t, at, "#1f77b4", "#000000")
	send(at, "stColorPicker", "Fill", "#FF0000")
	wantTexts(t, at, "#1f77b4", "#ff0000")
	at.SetState("line", "#abc")
	wantTexts(t, at, "#aabbcc", "#ff0000")
	at.SetState("line", "blue")
	wantException(t, at, `"line"`, "not a color")

	bad := wasmtest.New(t, func(st *wasm.Session) { st.ColorPicker("Line", "blue") })
	wantException(t, bad, `ColorPicker("Line")`, `"blue"`, "#rrggbb")
}

func TestToastShownByEachRunThatCallsIt_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		if st.Button("Save") {
			st.Toast("Saved **notes**", wasm.ToastIcon("✅"))
		}
		st.Toast("Sticky", wasm.ToastDuration(0))
	})
	toasts := at.Find("stToast")
	if len(toasts) != 1 || toasts[0].Str("text") != "Sticky" || toasts[0].Num("durationMs") != 0 {
		t.Fatalf("first run: %v", at.Root())
	}
	first := toasts[0].Num("run")
	at.Click("Save")
	toasts = at.Find("stToast")
	if len(toasts) != 2 || toasts[0].Str("text") != "Saved **notes**" || toasts[0].Str("icon") != "✅" || toasts[0].Num("durationMs") != 4000 {
		t.Fatalf("after Save:\n%s", at.Root())
	}
	if toasts[1].Num("run") == first {
		t.Errorf("a new run must show its toast again: run prop stayed %v", first)
	}
}

func TestStatusContainer_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		s := st.Status("Downloading data", wasm.StatusExpanded(true))
		s.Text("step 1")
		if st.Button("Fail") {
			s.Update("Download failed", wasm.WithStatusState(wasm.StatusError))
			return
		}
		s.Text("step 2")
		s.Update("Download complete", wasm.WithStatusState(wasm.StatusComplete), wasm.StatusExpanded(false))
	})
	ex := at.Find("stExpander")
	if len(ex) != 1 {
		t.Fatalf("want one status container:\n%s", at.Root())
	}
	if p := ex[0].Props; p["label"] != "Download complete" || p["state"] != "complete" || p["expanded"] != false {
		t.Errorf("status props = %v", p)
	}
	if n := len(ex[0].Children); n != 2 {
		t.Errorf("status holds %d elements, want 2", n)
	}
	at.Click("Fail")
	if p := at.Find("stExpander")[0].Props; p["label"] != "Download failed" || p["state"] != "error" || p["expanded"] != true {
		t.Errorf("status props = %v", p)
	}
	bad := wasmtest.New(t, func(st *wasm.Session) { st.Status("Load", wasm.WithStatusState("done")) })
	wantException(t, bad, `Status("Load")`, `"done"`)
}

var (
	voteReason = wasm.NewState("vote-reason", "")
	voteDialog *wasm.Dialog
)

func init() {
	voteDialog = wasm.NewDialog("Cast your vote", func(st *wasm.Session) {
		reason := st.TextInput("Because", "")
		if st.Button("Submit") {
			voteReason.Set(st, reason)
			voteDialog.Close(st)
		}
	})
}

func TestDialogOpensStaysOpenAndCloses_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Button("Vote", wasm.OnClick(voteDialog.Open))
		voteDialog.Show(st)
		st.Textf("open = %v, reason = %q", voteDialog.IsOpen(st), voteReason.Get(st))
	})
	wantTexts(t, at, `open = false, reason = ""`)
	if len(at.Find("stDialog")) != 0 {
		t.Fatalf("a closed dialog draws nothing:\n%s", at.Root())
	}
	at.Click("Vote")
	d := at.Find("stDialog")
	if len(d) != 1 || d[0].Str("title") != "Cast your vote" || len(d[0].Children) != 2 {
		t.Fatalf("open dialog:\n%s", at.Root())
	}
	send(at, "stTextInput", "Because", "cheaper") // a rerun: the dialog stays open
	wantTexts(t, at, `open = true, reason = ""`)
	at.Click("Submit") // Close inside the dialog reruns: it is gone, the value kept
	wantTexts(t, at, `open = false, reason = "cheaper"`)
	if len(at.Find("stDialog")) != 0 {
		t.Fatalf("closed dialog still drawn:\n%s", at.Root())
	}
	// The user closes it with Escape: the page sends false.
	at.Click("Vote")
	id := at.Find("stDialog")[0].Str("id")
	at.Send(wasmtest.Event{ID: id, Type: "change", Value: false})
	at.Settle()
	wantTexts(t, at, `open = false, reason = "cheaper"`)
}

func TestDialogOpenAfterShowReruns_A9(t *testing.T) {
	d := wasm.NewDialog("Details", func(st *wasm.Session) { st.Text("inside") })
	at := wasmtest.New(t, func(st *wasm.Session) {
		d.Show(st)
		if st.Button("Open") {
			d.Open(st) // after Show: reruns so that the dialog appears
		}
	})
	at.Click("Open")
	if len(at.Find("stDialog")) != 1 || len(texts(at)) != 1 {
		t.Fatalf("the dialog should be open:\n%s", at.Root())
	}
}

func TestPopoverDrawsItsContent_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		p := st.Popover("Settings", wasm.Help("More options"))
		p.Text(fmt.Sprint("dark = ", p.Checkbox("Dark", false)))
	})
	pop := at.Find("stPopover")
	if len(pop) != 1 || pop[0].Str("label") != "Settings" || pop[0].Str("help") != "More options" || len(pop[0].Children) != 2 {
		t.Fatalf("popover:\n%s", at.Root())
	}
	send(at, "stCheckbox", "Dark", true)
	wantTexts(t, at, "dark = true")
}

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func TestWriteOnOneLine_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Write("1 + 1 =", 2, "and it is", true, celsius(21.5), "with `code`")
		st.Write("before", errors.New("boom"), "after", map[string]int{"a": 1}, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		st.Write("a `tick`", wasm.Date{Year: 2026, Month: 3, Day: 4}, nil)
	})
	var md []string
	for _, e := range at.Find("stMarkdown") {
		md = append(md, e.Str("text"))
	}
	want := []string{
		"1 + 1 = `2` and it is `true` `21.5°C` with `code`",
		"before",
		"after",
		"`2026-01-02T03:04:05Z`",
		"a `tick` `2026-03-04` `nil`",
	}
	if strings.Join(md, "|") != strings.Join(want, "|") {
		t.Errorf("markdown = %q\nwant       %q", md, want)
	}
	if len(at.Find("stException")) != 1 || len(at.Find("stJson")) != 1 {
		t.Errorf("an error and a map are their own elements:\n%s", at.Root())
	}
}

func TestTimeInputStateAndIdentity_A9_A12(t *testing.T) {
	def := wasm.TimeOfDay{Hour: 9}
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Text(st.TimeInput("Start", def, wasm.Key("start")).String())
		st.Text(st.TimeInput("End", def).String())
	})
	wantTexts(t, at, "09:00", "09:00")
	send(at, "stTimeInput", "End", "17:30")
	wantTexts(t, at, "09:00", "17:30")
	at.SetState("start", wasm.TimeOfDay{Hour: 8, Minute: 15})
	wantTexts(t, at, "08:15", "17:30")
	if v, ok := at.State("start"); v != (wasm.TimeOfDay{Hour: 8, Minute: 15}) || !ok {
		t.Errorf("state start = %v %v", v, ok)
	}
	// Without a key, a new default is a new widget, which starts at it; with one, the value
	// is kept (A2).
	def = wasm.TimeOfDay{Hour: 10}
	at.Rerun()
	wantTexts(t, at, "08:15", "10:00")
	at.SetState("start", wasm.TimeOfDay{Hour: 25})
	wantException(t, at, `"start"`, "not a time of day")
}
