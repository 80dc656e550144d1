// Command e2eapp is the end-to-end test app of wasmlit-gen: it prints the
// identity funcid gives each of its functions, one per line:
// label|name|display|hash|params|fromSource|bound.
package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wasmlit/wasmlit/cache/funcid"
)

type Rides struct{ N int }

type Model struct{ K int }

func (m Model) Predict(x int) int { return m.K * scale(x) }

func cacheData[F any](f F) F { return f }

// loadData is the usual form of a cached function.
var loadData = cacheData(func(_session string, url string) (Rides, error) {
	return Rides{N: parse(url)}, nil
})

var leaf = cacheData(func(n int) int {
	return n * 2
})

func summarize(rows []int) int {
	sort.Slice(rows, func(i, j int) bool {
		return rows[i] < rows[j]
	})
	return rows[0]
}

func unrelated() int { return 7 }

func main() {
	m := Model{K: 2}
	fns := []struct {
		label string
		fn    any
	}{
		{"loadData", loadData},
		{"leaf", leaf},
		{"summarize", summarize},
		{"unrelated", unrelated},
		{"parse", parse},
		{"Model.Predict", Model.Predict},
		{"Model.Predict-bound", m.Predict},
	}
	for _, f := range fns {
		id := funcid.Of(f.fn)
		fmt.Printf("%s|%s|%s|%x|%s|%v|%v\n", f.label, id.Name, id.Display, id.Hash,
			strings.Join(id.Params, ","), id.FromSource, id.Bound)
	}
}
