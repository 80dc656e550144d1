package wasm

import (
	"fmt"
	"strings"
)

// MapOption changes a map.
type MapOption func(*mapOptions)

type mapOptions struct {
	tiles, attribution string
	height             int
	labels             []string
}

// MapTiles draws the map over raster tiles from urlTemplate, an address with {z}, {x} and {y}
// (and optionally {s}) in it, e.g. "https://tile.example.org/{z}/{x}/{y}.png"; attribution is
// the credit the tile provider asks for, shown in the corner. The page fetches tiles only from
// this address, and only when the app gives one: without it the points are drawn on a plain
// projected canvas with a graticule, which needs no network. The page's Content-Security-Policy
// must allow the tile server in img-src.
func MapTiles(urlTemplate, attribution string) MapOption {
	return func(o *mapOptions) { o.tiles, o.attribution = urlTemplate, attribution }
}

// MapHeight sets a map's height in pixels (default 400).
func MapHeight(px int) MapOption { return func(o *mapOptions) { o.height = px } }

// MapLabels gives each point a label, shown in its tooltip; one label per point.
func MapLabels(labels []string) MapOption { return func(o *mapOptions) { o.labels = labels } }

// Map draws points at the latitudes and longitudes given (degrees, WGS 84) on a Web Mercator map
// that fits them all (Streamlit's st.map). Hovering or focusing the map shows the nearest point's
// coordinates and label; the map can be dragged and zoomed. Lat and lon must have the same
// length, and each value be a latitude in [-90, 90] or a longitude in [-180, 180]; otherwise an
// exception element says which.
func (st *Session) Map(lat, lon []float64, opts ...MapOption) {
	o := mapOptions{height: 400}
	for _, f := range opts {
		f(&o)
	}
	if err := checkMap(lat, lon, o); err != nil {
		st.Exception(err)
		return
	}
	st.leaf("stMap", func(p *props) {
		p.nums("lat", lat).nums("lon", lon).strs("labels", o.labels).
			str("tiles", o.tiles).str("attribution", o.attribution).int("height", o.height)
	})
}

// MapFrame draws the points of f, whose latitudes are in a number column named lat or latitude
// and longitudes in one named lon, lng or longitude (any case), as Streamlit's st.map finds them.
func (st *Session) MapFrame(f *Frame, opts ...MapOption) {
	find := func(names ...string) []float64 {
		if f == nil {
			return nil
		}
		for _, c := range f.Columns {
			for _, n := range names {
				if strings.EqualFold(c.Name, n) && c.Kind() == FloatColumn {
					return c.floats
				}
			}
		}
		return nil
	}
	lat, lon := find("lat", "latitude"), find("lon", "lng", "longitude")
	if lat == nil || lon == nil {
		st.Exception(&APIError{Func: "MapFrame", Problem: "the frame has no number column named lat or latitude, or none named lon, lng or longitude",
			Fix: "name the columns so, or call Map with the two slices"})
		return
	}
	st.Map(lat, lon, opts...)
}

// checkMap checks Map's arguments.
func checkMap(lat, lon []float64, o mapOptions) error {
	if len(lat) != len(lon) {
		return &APIError{Func: "Map", Problem: fmt.Sprintf("%d latitudes but %d longitudes", len(lat), len(lon)),
			Fix: "give one latitude and one longitude per point"}
	}
	if o.labels != nil && len(o.labels) != len(lat) {
		return &APIError{Func: "Map", Problem: fmt.Sprintf("%d labels for %d points", len(o.labels), len(lat)),
			Fix: "give MapLabels one label per point"}
	}
	for i := range lat {
		if !(lat[i] >= -90 && lat[i] <= 90) { // NaN fails too
			return &APIError{Func: "Map", Problem: fmt.Sprintf("latitude %v (point %d) is outside [-90, 90]", lat[i], i),
				Fix: "give latitudes in degrees, and check that latitude and longitude are not swapped"}
		}
		if !(lon[i] >= -180 && lon[i] <= 180) {
			return &APIError{Func: "Map", Problem: fmt.Sprintf("longitude %v (point %d) is outside [-180, 180]", lon[i], i),
				Fix: "give longitudes in degrees, from -180 to 180"}
		}
	}
	if o.tiles != "" && !(strings.Contains(o.tiles, "{z}") && strings.Contains(o.tiles, "{x}") && strings.Contains(o.tiles, "{y}")) {
		return &APIError{Func: "Map", Problem: fmt.Sprintf("the tile address %q lacks {z}, {x} or {y}", o.tiles),
			Fix: "give MapTiles an address template such as https://tile.example.org/{z}/{x}/{y}.png"}
	}
	return nil
}
