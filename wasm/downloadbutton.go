package wasm

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
)

const kindDownloadButton = "stDownloadButton"

// DownloadButton draws a button that saves file to the user's disk, under file.Name and with
// file.Type as its media type (Streamlit's st.download_button). The bytes travel to the page
// with the element and the browser saves them from a Blob URL: no server is involved. Like
// Button, it reports whether it was clicked since the last run; the click reruns the app.
//
// An empty Name saves as "download"; an empty Type as application/octet-stream. To offer a
// Frame, pass CSVFile(name, frame). A name with a path separator, or a download button inside
// a form, stops the run with a WidgetError.
func (st *Session) DownloadButton(label string, file File, opts ...WidgetOption) bool {
	name, typ := file.Name, file.Type
	if name == "" {
		name = "download"
	}
	if typ == "" {
		typ = "application/octet-stream"
	}
	if strings.ContainsAny(name, `/\`) {
		panic(&WidgetError{Func: "DownloadButton", Label: label, Problem: fmt.Sprintf("the file name %q has a path separator", name),
			Fix: "Give a plain file name, such as \"rides.csv\": the browser picks the folder."})
	}
	if st.form != "" {
		panic(&WidgetError{Func: "DownloadButton", Label: label, Problem: fmt.Sprintf("is inside form %q", st.form),
			Fix: "Draw the download button outside the form."})
	}
	o := widgetOpts(opts)
	o.identity(name, typ)
	var clicked bool
	id := st.use(kindDownloadButton, label, o, nil, func(w *widget) { clicked = w.active })
	style := "secondary"
	if o.primary {
		style = "primary"
	}
	s := st.s
	s.arena.begin()
	s.arena.str("id", id).str("label", label).str("help", o.help).boolean("disabled", o.disabled)
	s.arena.str("kind", style).str("fileName", name).str("mime", typ).int("size", len(file.Data))
	n := s.emit(st.parent, kindDownloadButton, id, s.arena.end(), nil)
	// The blob is hashed against what the page has: unchanged bytes are not sent again.
	n.newBlob = append(n.newBlob[:0], file.Data...)
	if n.newBlob == nil {
		n.newBlob = []byte{}
	}
	return clicked
}

// CSVFile returns f as a CSV file named name, for DownloadButton: a header row with the column
// names, then one row per frame row (numbers as Go formats them, NaN as an empty cell), with
// type text/csv. A frame whose columns differ in length is an error.
func CSVFile(name string, f *Frame) (File, error) {
	if f == nil {
		f = &Frame{}
	}
	if err := f.check(); err != nil {
		return File{}, err
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	row := make([]string, len(f.Columns))
	for i, c := range f.Columns {
		row[i] = c.Name
	}
	w.Write(row)
	for r := range f.Rows() {
		for i, c := range f.Columns {
			row[i] = c.cell(r)
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return File{}, err
	}
	return File{Name: name, Type: "text/csv", Size: int64(b.Len()), Data: b.Bytes()}, nil
}
