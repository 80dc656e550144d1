package funcid

// The functions of this file get a source table in the tests (see
// registerFixtures); the line of each func keyword is read from this file by
// go/parser, so the tests also check that the runtime reports that line.

func loadData(url string, _db int) string { return url }

type model struct{ k int }

func (m model) Predict(x int) int { return m.k * x }

func (m *model) Scale(x int) { m.k *= x }

func gen[T any](x T) T { return x }

func wrap[F any](f F) F { return f }

var cachedLoad = wrap(func(_session string, rows int) int {
	return rows * 2
})

func makeClosure() func(int) int {
	return func(n int) int { return n + 1 }
}

// Two literals on one line, which the runtime cannot tell apart.
var pairA, pairB = wrap(func(a int) int { return a }), wrap(func(b int) int { return b * 2 })

// movedFunc's entry is registered one line off, like a stale table.
func movedFunc() {}
