package wasm

// MaxPoints sets how many points per series a line, area or scatter chart sends to the page at
// most (default DefaultMaxPoints). A longer series is downsampled in Go before it is sent, keeping
// each bucket's smallest and largest values, so a million-point series stays interactive; the
// chart's caption says how many points it shows. Zero or less sends every point.
func MaxPoints(n int) ChartOption { return func(o *chartOptions) { o.maxPoints = n } }

// YLabel sets a chart's y axis label.
func YLabel(label string) ChartOption { return func(o *chartOptions) { o.yLabel = label } }

// AreaChart draws series as filled areas (Streamlit's st.area_chart). Several series are drawn
// one over the other, each filled from zero, with a legend and a tooltip showing every value at
// the pointer.
func (st *Session) AreaChart(series []Series, opts ...ChartOption) {
	st.chart("stAreaChart", series, opts)
}

// ScatterChart draws series as points (Streamlit's st.scatter_chart): series i's point j is at
// (x[j], Values[j]), with x from the X option (default 0, 1, 2, …).
func (st *Session) ScatterChart(series []Series, opts ...ChartOption) {
	st.chart("stScatterChart", series, opts)
}

// reduce downsamples series (and the x values) for a chart of kind, returning what to draw and
// how many points there were (0 when nothing was dropped). Bar charts are never downsampled.
func (o *chartOptions) reduce(kind string, series []Series) ([]Series, []float64, int) {
	if kind == "stBarChart" || o.maxPoints <= 0 {
		return series, o.x, 0
	}
	n := len(o.x)
	vals := make([][]float64, len(series))
	for i, s := range series {
		vals[i] = s.Values
		n = max(n, len(s.Values))
	}
	keep := downsample(n, o.maxPoints, vals)
	if keep == nil {
		return series, o.x, 0
	}
	out := make([]Series, len(series))
	for i, s := range series {
		out[i] = Series{Name: s.Name, Values: pick(s.Values, keep)}
	}
	x := o.x
	if x == nil {
		x = make([]float64, len(keep))
		for k, i := range keep {
			x[k] = float64(i)
		}
	} else {
		x = pick(x, keep)
	}
	return out, x, n
}
