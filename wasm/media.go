package wasm

// Series is one line or set of bars in a chart.
type Series struct {
	Name   string
	Values []float64
}

// ChartOption changes a chart.
type ChartOption func(*chartOptions)

type chartOptions struct {
	x         []float64
	xLabel    string
	yLabel    string
	height    int
	maxPoints int
}

// X gives a chart's x values (default 0, 1, 2, …) and the x axis label.
func X(label string, values []float64) ChartOption {
	return func(o *chartOptions) { o.x, o.xLabel = values, label }
}

// ChartHeight sets a chart's height in pixels (default 300).
func ChartHeight(px int) ChartOption { return func(o *chartOptions) { o.height = px } }

func (st *Session) chart(kind string, series []Series, opts []ChartOption) {
	o := chartOptions{height: 300, maxPoints: DefaultMaxPoints}
	for _, f := range opts {
		f(&o)
	}
	series, x, total := o.reduce(kind, series) // charts_more.go
	st.leaf(kind, func(p *props) {
		if x == nil {
			p.raw("x", []byte("null"))
		} else {
			p.nums("x", x)
		}
		p.str("xLabel", o.xLabel).str("yLabel", o.yLabel).int("height", o.height).int("total", total)
		p.key("series")
		p.buf = append(p.buf, '[')
		for i, s := range series {
			if i > 0 {
				p.buf = append(p.buf, ',')
			}
			p.buf = append(p.buf, `{"name":`...)
			p.buf = appendJSONString(p.buf, s.Name)
			p.buf = append(p.buf, `,"values":[`...)
			for j, v := range s.Values {
				if j > 0 {
					p.buf = append(p.buf, ',')
				}
				p.buf = appendJSONNumber(p.buf, v)
			}
			p.buf = append(p.buf, ']', '}')
		}
		p.buf = append(p.buf, ']')
	})
}

// LineChart draws series as lines.
func (st *Session) LineChart(series []Series, opts ...ChartOption) {
	st.chart("stLineChart", series, opts)
}

// BarChart draws series as bars.
func (st *Session) BarChart(series []Series, opts ...ChartOption) {
	st.chart("stBarChart", series, opts)
}

// ImageOption changes an image.
type ImageOption func(*imageOptions)

type imageOptions struct {
	caption string
	width   int
}

// ImageCaption sets the text under an image.
func ImageCaption(text string) ImageOption { return func(o *imageOptions) { o.caption = text } }

// Width sets an image's width in pixels (default: its own, up to the column's).
func Width(px int) ImageOption { return func(o *imageOptions) { o.width = px } }

// Image draws an image from its bytes; mime is its type, e.g. "image/png".
func (st *Session) Image(data []byte, mime string, opts ...ImageOption) {
	st.image(data, mime, "", opts)
}

// ImageURL draws the image at url (relative to the app's page, or absolute).
func (st *Session) ImageURL(url string, opts ...ImageOption) { st.image(nil, "", url, opts) }

func (st *Session) image(data []byte, mime, url string, opts []ImageOption) {
	var o imageOptions
	for _, f := range opts {
		f(&o)
	}
	n := st.leaf("stImage", func(p *props) {
		p.str("mime", mime).str("src", url).str("caption", o.caption).int("width", o.width)
	})
	if data != nil {
		n.newBlob = data
	}
}
