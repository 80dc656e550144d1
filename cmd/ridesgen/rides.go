package main

import (
	"math/rand/v2"
	"strconv"
)

// The shape of the data. Coordinates are in units of 1e-4 degree (the precision of Uber's file),
// weights are relative integers: no floating point, so the output is the same on every machine.

// hourWeight is how busy each hour of the day is: quiet before dawn, peaks at the rush hours.
var hourWeight = [24]int64{110, 70, 50, 55, 60, 85, 140, 180, 175, 150, 140, 145, 150, 160, 185, 210, 240, 260, 250, 220, 200, 210, 200, 160}

// dayWeight is how busy each weekday is, Sunday first (time.Weekday order).
var dayWeight = [7]int64{75, 85, 100, 105, 110, 110, 95}

// april1 is the weekday of 1 April 2014: a Tuesday.
const april1 = 2

// spot is a place where pickups cluster: a centre and how far (about) pickups spread around it.
type spot struct {
	lat, lon int // centre, 1e-4 degree
	spread   int // half-width of the scatter, 1e-4 degree
	weight   int
}

var spots = []spot{
	{407549, -739840, 90, 26},  // Midtown
	{407128, -740060, 70, 12},  // Lower Manhattan
	{407736, -739566, 80, 10},  // Upper East Side
	{407870, -739754, 80, 8},   // Upper West Side
	{407420, -740040, 60, 10},  // Chelsea
	{407265, -739815, 60, 8},   // East Village
	{408116, -739465, 100, 3},  // Harlem
	{407081, -739571, 90, 5},   // Williamsburg
	{406928, -739903, 80, 4},   // Downtown Brooklyn
	{407500, -739300, 100, 3},  // Long Island City and Astoria
	{407769, -738740, 25, 5},   // LaGuardia
	{406413, -737781, 30, 4},   // JFK
	{406895, -741745, 30, 2},   // Newark
	{407500, -739750, 1300, 5}, // anywhere in the city
}

// bases are Uber's New York bases in April 2014, with their share of pickups in per mille.
var bases = []struct {
	name   string
	weight int
}{{"B02512", 63}, {"B02598", 325}, {"B02617", 192}, {"B02682", 403}, {"B02764", 17}}

// spread divides n rows among the 720 hours of April 2014 in proportion to how busy each is.
func spread(n int) []int {
	var w [30 * 24]int64
	var total int64
	for h := range w {
		day, hour := h/24, h%24
		wd := (april1 + day) % 7
		w[h] = hourWeight[hour] * dayWeight[wd]
		if (wd == 6 || wd == 0) && hour < 4 { // Friday and Saturday nights go on late
			w[h] *= 3
		}
		total += w[h]
	}
	counts := make([]int, len(w))
	var cum, done int64
	for h := range w {
		cum += w[h]
		upto := int64(n) * cum / total
		counts[h] = int(upto - done)
		done = upto
	}
	return counts
}

// gen draws the random parts of rows. It is not safe for concurrent use.
type gen struct {
	r       *rand.Rand
	spotSum int
	byMin   [60]int
	mins    []int
}

func newGen(seed uint64) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x5EED))}
	for _, s := range spots {
		g.spotSum += s.weight
	}
	return g
}

// minutes returns count minutes of an hour, sorted. The slice is reused by the next call.
func (g *gen) minutes(count int) []int {
	g.byMin = [60]int{}
	for range count {
		g.byMin[g.r.IntN(60)]++
	}
	g.mins = g.mins[:0]
	for m, k := range g.byMin {
		for range k {
			g.mins = append(g.mins, m)
		}
	}
	return g.mins
}

// spot returns a pickup's coordinates: a weighted hot spot plus a bell-shaped scatter (the sum
// of three uniform draws, reaching 1.5 spread at most).
func (g *gen) spot() (lat, lon int) {
	k := g.r.IntN(g.spotSum)
	s := spots[len(spots)-1]
	for _, c := range spots {
		if k < c.weight {
			s = c
			break
		}
		k -= c.weight
	}
	return s.lat + g.scatter(s.spread), s.lon + g.scatter(s.spread)
}

func (g *gen) scatter(r int) int {
	return (g.r.IntN(2*r+1) + g.r.IntN(2*r+1) + g.r.IntN(2*r+1) - 3*r) / 2
}

func (g *gen) base() string {
	k := g.r.IntN(1000)
	for _, b := range bases {
		if k < b.weight {
			return b.name
		}
		k -= b.weight
	}
	return bases[len(bases)-1].name
}

// appendRow appends one CSV line: "4/1/2014 0:11:00,40.769,-73.9549,B02512\n".
func appendRow(b []byte, day, hour, minute int, lat, lon int, base string) []byte {
	b = append(b, "4/"...)
	b = strconv.AppendInt(b, int64(day), 10)
	b = append(b, "/2014 "...)
	b = strconv.AppendInt(b, int64(hour), 10)
	b = append(b, ':', byte('0'+minute/10), byte('0'+minute%10), ':', '0', '0', ',')
	b = appendDeg(b, lat)
	b = append(b, ',')
	b = appendDeg(b, lon)
	b = append(b, ',')
	b = append(b, base...)
	return append(b, '\n')
}

// appendDeg formats v (1e-4 degree) as a decimal without trailing zeros: 407690 → "40.769".
func appendDeg(b []byte, v int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, int64(v/10000), 10)
	frac := v % 10000
	if frac == 0 {
		return b
	}
	digits := [4]byte{byte('0' + frac/1000), byte('0' + frac/100%10), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 4
	for digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}
