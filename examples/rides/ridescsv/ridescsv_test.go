package ridescsv

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	csv := "Date/Time,Lat,Lon,Base\n4/1/2014 0:11:00,40.769,-73.9549,B02512\r\n\"4/30/2014 23:59:00\",40.7,-74,\"B02598\"\n4/2/2014 7:05:00,1e1,-73.5,B02512"
	r, err := Parse([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 3 || len(r.Bases) != 2 || r.Bases[r.Base[2]] != "B02512" || r.Bases[r.Base[1]] != "B02598" {
		t.Fatalf("parsed %+v", r)
	}
	if want := time.Date(2014, 4, 1, 0, 11, 0, 0, time.UTC).Unix(); r.Time[0] != want {
		t.Errorf("time %d, want %d", r.Time[0], want)
	}
	if r.Lat[0] != 40.769 || r.Lon[0] != -73.9549 || r.Lon[1] != -74 || r.Lat[2] != 10 {
		t.Errorf("coordinates %v %v", r.Lat, r.Lon)
	}
	if r.Hour(1) != 23 || r.Hour(2) != 7 {
		t.Errorf("hours %d %d", r.Hour(1), r.Hour(2))
	}
	for _, bad := range []string{"h\n4/1/2014 0:11:00,40.7\n", "h\nyesterday,1,2,B\n", "h\n4/1/2014 0:11:00,x,2,B\n"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) should fail", bad)
		}
	}
}

// TestParseFloatMatchesStrconv: the fast path gives the very same float64 as strconv.
func TestParseFloatMatchesStrconv(t *testing.T) {
	for _, s := range []string{"40.769", "-73.9549", "0.1", "-0", "123456789012.345", "40", "40.76900", "1e5", ".5"} {
		got, err := parseFloat([]byte(s))
		want, _ := strconv.ParseFloat(s, 64)
		if err != nil || got != want {
			t.Errorf("parseFloat(%q) = %v, %v; strconv says %v", s, got, err, want)
		}
	}
}

// TestTimeRoundTrip: AppendTime writes what parseTime reads, over many days.
func TestTimeRoundTrip(t *testing.T) {
	for ts := int64(0); ts < 4e9; ts += 86400*37 + 3671 {
		s := AppendTime(nil, ts)
		u := time.Unix(ts, 0).UTC()
		want := fmt.Sprintf("%d/%d/%d %d:%02d:%02d", u.Month(), u.Day(), u.Year(), u.Hour(), u.Minute(), u.Second())
		if string(s) != want {
			t.Fatalf("AppendTime(%d) = %q, want %q", ts, s, want)
		}
		back, ok := parseTime(s)
		if !ok || back != ts {
			t.Fatalf("parseTime(%q) = %d, %v; want %d", s, back, ok, ts)
		}
	}
}

func TestFrame(t *testing.T) {
	r, err := Parse([]byte("Date/Time,Lat,Lon,Base\n4/1/2014 0:11:00,40.769,-73.9549,B02512\n4/1/2014 1:02:00,40.7,-74,B02598\n"))
	if err != nil {
		t.Fatal(err)
	}
	f := r.Frame()
	if f.Rows() != 2 || len(f.Columns) != 4 || f.Columns[0].Name != "Date/Time" || f.Columns[3].Name != "Base" {
		t.Fatalf("frame %+v", f)
	}
}
