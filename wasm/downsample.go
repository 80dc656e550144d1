package wasm

import (
	"math"
	"slices"
)

// DefaultMaxPoints is how many points a line, area or scatter chart sends per series at most
// before it is downsampled (see MaxPoints): about one bucket per pixel of a wide chart.
const DefaultMaxPoints = 4000

// downsample returns the indexes of the points a chart of n points keeps when it may draw at
// most max per series: the points are cut into max/2 buckets of consecutive indexes and each
// bucket keeps, for every series, its smallest and largest value (min/max decimation), plus the
// first missing value (NaN) so a gap stays a gap. Peaks and troughs survive at any zoom the
// buckets allow; the first and last points are always kept. It returns nil when n <= max.
func downsample(n, max int, series [][]float64) []int {
	if max < 4 {
		max = 4
	}
	if n <= max {
		return nil
	}
	buckets := max / 2
	keep := make([]int, 0, max+2)
	var in []int // the bucket's kept indexes, before sorting
	for b := 0; b < buckets; b++ {
		lo, hi := b*n/buckets, (b+1)*n/buckets
		in = in[:0]
		for _, s := range series {
			lo2, hi2 := lo, min(hi, len(s))
			if lo2 >= hi2 {
				continue
			}
			minI, maxI, nanI := -1, -1, -1
			minV, maxV := math.Inf(1), math.Inf(-1)
			for i, v := range s[lo2:hi2] {
				switch {
				case v < minV:
					minV, minI = v, lo2+i
					if v > maxV {
						maxV, maxI = v, lo2+i
					}
				case v > maxV:
					maxV, maxI = v, lo2+i
				case v != v && nanI < 0: // NaN
					nanI = lo2 + i
				}
			}
			if minI < 0 && maxI < 0 { // only infinities or NaN: keep what is there
				for i, v := range s[lo2:hi2] {
					if !math.IsNaN(v) {
						minI = lo2 + i
						break
					}
				}
			}
			for _, i := range [...]int{minI, maxI, nanI} {
				if i >= 0 {
					in = append(in, i)
				}
			}
		}
		if b == 0 {
			in = append(in, 0)
		}
		if b == buckets-1 {
			in = append(in, n-1)
		}
		slices.Sort(in)
		keep = append(keep, slices.Compact(in)...)
	}
	return keep
}

// pick returns vs at the indexes keep (NaN past vs's end).
func pick(vs []float64, keep []int) []float64 {
	out := make([]float64, len(keep))
	for k, i := range keep {
		if i < len(vs) {
			out[k] = vs[i]
		} else {
			out[k] = math.NaN()
		}
	}
	return out
}
