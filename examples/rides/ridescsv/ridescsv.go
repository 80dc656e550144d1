// Package ridescsv reads Uber's rides CSV (Date/Time,Lat,Lon,Base) into columns, the data of the
// rides and transforms examples, and draws them as a table.
//
// Rides is plain data made of typed arrays, so cache.Data stores it as a few large byte strings
// and decodes it at memory speed: the Go counterpart of the seed's pandas DataFrame.
package ridescsv

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

// Rides holds the rows of a rides CSV as columns. Base is a categorical column, as pandas calls
// it: one small code per row into Bases, instead of a string per row.
type Rides struct {
	Time  cache.Int64s   // the Date/Time column as Unix seconds of its wall clock (the file has no zone)
	Lat   cache.Float64s // degrees north
	Lon   cache.Float64s // degrees east
	Base  cache.Uint16s  // index into Bases
	Bases []string       // the distinct bases, in order of first appearance
}

// Len reports the number of rows.
func (r Rides) Len() int { return len(r.Time) }

// Hour returns the hour of the day (0–23) of row i.
func (r Rides) Hour(i int) int { return int(r.Time[i] % 86400 / 3600) }

// Parse reads a rides CSV: a header line, then lines like "4/1/2014 0:11:00,40.769,-73.9549,B02512"
// (fields may be double-quoted, as in Uber's own files). It makes one pass over data and allocates
// only the columns.
func Parse(data []byte) (Rides, error) {
	rows := bytes.Count(data, []byte{'\n'}) // an upper bound: the header and a last line without \n balance out
	r := Rides{Time: make(cache.Int64s, 0, rows), Lat: make(cache.Float64s, 0, rows), Lon: make(cache.Float64s, 0, rows), Base: make(cache.Uint16s, 0, rows)}
	codes := map[string]uint16{}
	line := 0
	for len(data) > 0 {
		var l []byte
		l, data, _ = bytes.Cut(data, []byte{'\n'})
		line++
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if line == 1 || len(l) == 0 {
			continue // the header, or a blank line
		}
		var f [4][]byte
		for i := range f {
			var ok bool
			f[i], l, ok = bytes.Cut(l, []byte{','})
			if !ok && i < 3 {
				return Rides{}, fmt.Errorf("line %d: %d fields, want 4 (Date/Time,Lat,Lon,Base)", line, i+1)
			}
			f[i] = unquote(f[i])
		}
		t, ok := parseTime(f[0])
		if !ok {
			return Rides{}, fmt.Errorf("line %d: bad Date/Time %q, want like 4/1/2014 0:11:00", line, f[0])
		}
		lat, err1 := parseFloat(f[1])
		lon, err2 := parseFloat(f[2])
		if err1 != nil || err2 != nil {
			return Rides{}, fmt.Errorf("line %d: bad Lat or Lon %q, %q", line, f[1], f[2])
		}
		code, ok := codes[string(f[3])] // no allocation: the compiler looks up string(bytes) in place
		if !ok {
			code = uint16(len(r.Bases))
			codes[string(f[3])] = code
			r.Bases = append(r.Bases, string(f[3]))
		}
		r.Time = append(r.Time, t)
		r.Lat = append(r.Lat, lat)
		r.Lon = append(r.Lon, lon)
		r.Base = append(r.Base, code)
	}
	return r, nil
}

func unquote(b []byte) []byte {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		return b[1 : len(b)-1]
	}
	return b
}

// parseFloat reads a plain decimal like "-73.9549" exactly as strconv.ParseFloat does (digits over
// a power of ten, both exact, divide with one correct rounding), and falls back to it otherwise.
func parseFloat(b []byte) (float64, error) {
	s, neg := b, false
	if len(s) > 0 && s[0] == '-' {
		s, neg = s[1:], true
	}
	var mant int64
	scale, digits, dot := 1.0, 0, false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9' && digits < 15:
			mant = mant*10 + int64(c-'0')
			digits++
			if dot {
				scale *= 10
			}
		case c == '.' && !dot:
			dot = true
		default:
			return strconv.ParseFloat(string(b), 64)
		}
	}
	if digits == 0 {
		return strconv.ParseFloat(string(b), 64)
	}
	v := float64(mant) / scale
	if neg {
		v = -v
	}
	return v, nil
}

// parseTime reads "M/D/YYYY H:MM:SS" (seconds optional) as Unix seconds of that wall clock.
func parseTime(b []byte) (int64, bool) {
	var n [6]int
	sep := [...]byte{'/', '/', ' ', ':', ':', 0}
	k := 0
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			n[k] = n[k]*10 + int(c-'0')
			if n[k] > 9999 {
				return 0, false
			}
		case k < 5 && c == sep[k] && i > 0:
			k++
		default:
			return 0, false
		}
	}
	if k < 4 {
		return 0, false
	}
	month, day, year, hour, minute, second := n[0], n[1], n[2], n[3], n[4], n[5]
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 {
		return 0, false
	}
	return daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+second), true
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian date
// (Howard Hinnant's algorithm; faster than time.Date, which the parser would call a million times).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = int(yoe + era*400)
	if m <= 2 {
		y++
	}
	return y, m, d
}

// AppendTime formats Unix seconds t as the file does: "4/1/2014 0:11:00".
func AppendTime(b []byte, t int64) []byte {
	y, m, d := civilFromDays(t / 86400)
	s := int(t % 86400)
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(s/3600), 10)
	mm, ss := s/60%60, s%60
	return append(b, ':', byte('0'+mm/10), byte('0'+mm%10), ':', byte('0'+ss/10), byte('0'+ss%10))
}

// Frame returns the rides as a table with the file's four columns, every row.
func (r Rides) Frame() *wasm.Frame {
	// Every time string is a slice of one big string: one allocation instead of a million.
	var buf []byte
	ends := make([]int, r.Len())
	for i, t := range r.Time {
		buf = AppendTime(buf, t)
		ends[i] = len(buf)
	}
	all := string(buf)
	times := make([]string, r.Len())
	bases := make([]string, r.Len())
	start := 0
	for i, end := range ends {
		times[i] = all[start:end]
		start = end
		if c := int(r.Base[i]); c < len(r.Bases) {
			bases[i] = r.Bases[c]
		}
	}
	f, err := wasm.NewFrame(wasm.Strings("Date/Time", times), wasm.Floats("Lat", r.Lat), wasm.Floats("Lon", r.Lon), wasm.Strings("Base", bases))
	if err != nil {
		panic(err) // the columns have one length by construction
	}
	return f
}
