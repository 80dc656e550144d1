package cache

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

func TestDataHitMiss_B1(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data1(func(_ NoSession, n int) (int, error) { runs++; return n * 2, nil }, env.opt())
	for _, n := range []int{1, 2, 1, 2, 1} {
		if got := must[int](t)(f.Call(NoSession{}, n)); got != n*2 {
			t.Fatalf("Call(%d) = %d", n, got)
		}
	}
	if runs != 2 {
		t.Fatalf("fn ran %d times, want 2", runs)
	}
	s := f.Stats()
	if s.Hits != 3 || s.Misses != 2 || s.Entries != 2 || s.Bytes == 0 || s.Kind != "data" {
		t.Fatalf("stats = %+v", s)
	}
}

type table struct {
	Columns []string
	Rows    [][]float64
}

func (t *table) drop(col string) error {
	i := slices.Index(t.Columns, col)
	if i < 0 {
		return errors.New("KeyError: ['" + col + "'] not found in axis")
	}
	t.Columns = slices.Delete(t.Columns, i, i+1)
	for r := range t.Rows {
		t.Rows[r] = slices.Delete(t.Rows[r], i, i+1)
	}
	return nil
}

// The seed's "drop column" story: with cache_data, dropping a column of the
// returned table in place works on every rerun; with cache_resource the
// second run fails (the cached object itself was mutated).
func TestDataCopyOnRead_B3_dropColumn(t *testing.T) {
	env := newEnv(t, nil)
	load := func(_ NoSession, url string) (*table, error) {
		return &table{Columns: []string{"Date", "Lat", "Lon"}, Rows: [][]float64{{1, 2, 3}, {4, 5, 6}}}, nil
	}
	data := Data1(load, env.opt())
	for run := range 3 {
		df := must[*table](t)(data.Call(NoSession{}, "uber.csv"))
		if err := df.drop("Lat"); err != nil {
			t.Fatalf("data run %d: %v", run, err)
		}
	}
	res := Resource1(load, env.opt())
	df := must[*table](t)(res.Call(NoSession{}, "uber.csv"))
	if err := df.drop("Lat"); err != nil {
		t.Fatal(err)
	}
	df = must[*table](t)(res.Call(NoSession{}, "uber.csv"))
	if err := df.drop("Lat"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("resource second run: err = %v, want KeyError", err)
	}
}

// The seed's "users A and B" story.
func TestDataCopyOnRead_B3_usersAB(t *testing.T) {
	env := newEnv(t, nil)
	createList := func(_ NoSession) ([]int, error) { return []int{1, 2, 3}, nil }
	app := func(get func(NoSession) ([]int, error)) int {
		l := must[[]int](t)(get(NoSession{}))
		l[0] = l[0] + 1
		return l[0]
	}
	data := Data0(createList, env.opt())
	for _, user := range []string{"A", "B", "A"} {
		if got := app(data.Call); got != 2 {
			t.Fatalf("cache_data, user %s: l[0] = %d, want 2", user, got)
		}
	}
	res := Resource0(createList, env.opt())
	var got []int
	for range 3 {
		got = append(got, app(res.Call))
	}
	if !slices.Equal(got, []int{2, 3, 4}) {
		t.Fatalf("cache_resource: l[0] = %v, want [2 3 4]", got)
	}
}

func TestDataTimePreserved_B3(t *testing.T) {
	env := newEnv(t, nil)
	tz := time.FixedZone("JST", 9*3600)
	want := time.Date(2024, 5, 6, 7, 8, 9, 123456789, tz)
	f := Data0(func(NoSession) (time.Time, error) { return want, nil }, env.opt())
	_ = must[time.Time](t)(f.Call(NoSession{}))
	got := must[time.Time](t)(f.Call(NoSession{})) // a hit: decoded
	_, off := got.Zone()
	if !got.Equal(want) || got.Nanosecond() != 123456789 || off != 9*3600 {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestDataErrorNotCached_B17(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data0(func(NoSession) (int, error) {
		runs++
		if runs == 1 {
			return 0, errors.New("boom")
		}
		if runs == 2 {
			panic("kaboom")
		}
		return 42, nil
	}, env.opt())
	if _, err := f.Call(NoSession{}); err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v", err)
	}
	func() {
		defer func() {
			pe, ok := recover().(*PanicError)
			if !ok || pe.Value != "kaboom" || !strings.Contains(string(pe.Stack), "data_test.go") {
				t.Fatalf("recovered %#v", pe)
			}
		}()
		_, _ = f.Call(NoSession{})
	}()
	if v := must[int](t)(f.Call(NoSession{})); v != 42 || runs != 3 {
		t.Fatalf("v=%d runs=%d", v, runs)
	}
	if v := must[int](t)(f.Call(NoSession{})); v != 42 || runs != 3 {
		t.Fatalf("v=%d runs=%d", v, runs)
	}
}

type withChan struct {
	Name string
	Done chan struct{}
}

func TestDataUnserializable_B18(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data0(func(NoSession) (withChan, error) { runs++; return withChan{Name: "x"}, nil }, env.opt())
	withParams(f.fn, "openStream")
	_, err := f.Call(NoSession{})
	var ue *UnserializableReturnValueError
	if !errors.As(err, &ue) || ue.Type != "github.com/wasmlit/wasmlit/cache.withChan" || ue.Path != ".Done" {
		t.Fatalf("err = %#v", err)
	}
	_, _ = f.Call(NoSession{})
	// The type shows it (B27): refused before the function runs, on every call.
	if runs != 0 || f.Stats().Entries != 0 {
		t.Fatalf("runs = %d, stats %+v: the function ran or something was stored", runs, f.Stats())
	}
	if n, _ := env.e.mem.Len(); n != 0 {
		t.Fatalf("memory tier holds %d entries", n)
	}
}

type node struct {
	Name string
	Next *node
}

func TestDataCycleIsError(t *testing.T) {
	env := newEnv(t, nil)
	f := Data0(func(NoSession) (*node, error) {
		a := &node{Name: "a"}
		a.Next = &node{Name: "b", Next: a}
		return a, nil
	}, env.opt())
	_, err := f.Call(NoSession{})
	if !errors.Is(err, ErrCycle) {
		t.Fatalf("err = %v, want ErrCycle", err)
	}
	// A shared (acyclic) pointer is fine.
	shared := &node{Name: "s"}
	g := Data0(func(NoSession) ([]*node, error) { return []*node{shared, shared}, nil }, env.opt())
	if v := must[[]*node](t)(g.Call(NoSession{})); len(v) != 2 || v[1].Name != "s" {
		t.Fatalf("v = %v", v)
	}
}

func TestDataTTL_B6(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := Data0(func(NoSession) (int, error) { runs++; return runs, nil }, TTL(time.Minute), env.opt())
	_ = must[int](t)(f.Call(NoSession{}))
	env.clock.Advance(59 * time.Second)
	if v := must[int](t)(f.Call(NoSession{})); v != 1 {
		t.Fatalf("before TTL: %d", v)
	}
	env.clock.Advance(2 * time.Second)
	if v := must[int](t)(f.Call(NoSession{})); v != 2 {
		t.Fatalf("after TTL: %d", v)
	}
}

func TestDataTTLPersisted_B6(t *testing.T) {
	dir := t.TempDir()
	clock := newFakeClock()
	fn := func(_ NoSession, n int) (int, error) { return n * 10, nil }
	open := func() (*Engine, *DataFunc1[NoSession, int, int], *int) {
		fs := must[*FileStore](t)(NewFileStore(dir))
		e := NewEngine(Config{Store: fs, Now: clock.Now, Logger: &warnLog{}})
		t.Cleanup(e.Flush) // before TempDir's removal: the background writer may still be writing
		runs := new(int)
		f := Data1(func(h NoSession, n int) (int, error) { *runs++; return fn(h, n) }, TTL(time.Hour), WithEngine(e))
		return e, f, runs
	}
	e1, f1, runs1 := open()
	_ = must[int](t)(f1.Call(NoSession{}, 3))
	e1.Flush()
	if *runs1 != 1 {
		t.Fatal("first process did not run")
	}
	// A "reload": a new engine over the same directory hits...
	e2, f2, runs2 := open()
	if v := must[int](t)(f2.Call(NoSession{}, 3)); v != 30 || *runs2 != 0 {
		t.Fatalf("reload: v=%d runs=%d, want a hit", v, *runs2)
	}
	e2.Flush()
	// ...until the TTL, counted from the persisted creation time, passes.
	clock.Advance(time.Hour + time.Second)
	_, f3, runs3 := open()
	if v := must[int](t)(f3.Call(NoSession{}, 3)); v != 30 || *runs3 != 1 {
		t.Fatalf("after TTL: v=%d runs=%d, want a miss", v, *runs3)
	}
}

func TestDataMaxEntriesLRU_B7(t *testing.T) {
	env := newEnv(t, nil)
	var runs []int
	f := Data1(func(_ NoSession, n int) (int, error) { runs = append(runs, n); return n, nil }, MaxEntries(2), env.opt())
	for _, n := range []int{1, 2, 1, 3, 1, 2} { // 3 evicts 2 (1 was used later); 2 evicts 3
		_ = must[int](t)(f.Call(NoSession{}, n))
	}
	if !slices.Equal(runs, []int{1, 2, 3, 2}) {
		t.Fatalf("runs = %v, want [1 2 3 2]", runs)
	}
	if s := f.Stats(); s.Entries != 2 {
		t.Fatalf("entries = %d", s.Entries)
	}
}

func TestDataClear_B15(t *testing.T) {
	env := newEnv(t, newMemoryStore(0))
	runs := 0
	f := Data1(func(_ NoSession, n int) (int, error) { runs++; return n, nil }, env.opt())
	g := Data0(func(NoSession) (int, error) { runs++; return 0, nil }, env.opt())
	call := func() {
		for _, n := range []int{1, 2} {
			_ = must[int](t)(f.Call(NoSession{}, n))
		}
		_ = must[int](t)(g.Call(NoSession{}))
	}
	call()
	f.ClearArgs(1)
	call()
	if runs != 4 {
		t.Fatalf("runs = %d after ClearArgs(1), want 4", runs)
	}
	f.Clear()
	call()
	if runs != 6 {
		t.Fatalf("runs = %d after Clear, want 6", runs)
	}
	env.e.ClearAllData()
	call()
	if runs != 9 {
		t.Fatalf("runs = %d after ClearAllData, want 9", runs)
	}
}

func TestDataSpinnerAndReplay_B8_B13(t *testing.T) {
	env := newEnv(t, nil)
	f := Data1(func(h *fakeHost, n int) (int, error) {
		h.Emit("text: computing")
		return n, nil
	}, env.opt())
	withParams(f.fn, "loadData", "h", "n")
	h1 := newHost()
	_ = must[int](t)(f.Call(h1, 1))
	if len(h1.spinners) != 1 || h1.spinners[0] != (driver.SpinnerSpec{Show: true, Text: "Running `loadData(...)`."}) {
		t.Fatalf("spinners = %+v", h1.spinners)
	}
	h2 := newHost()
	_ = must[int](t)(f.Call(h2, 1))
	if len(h2.spinners) != 0 || !slices.Equal(h2.elements(), []string{"text: computing"}) {
		t.Fatalf("hit: spinners %v, elements %v", h2.spinners, h2.elements())
	}
	g := Data0(func(h *fakeHost) (int, error) { return 0, nil },
		SpinnerText("Loading…"), ShowTime(true), env.opt())
	_ = must[int](t)(g.Call(h1))
	if got := h1.spinners[1]; got != (driver.SpinnerSpec{Show: true, Text: "Loading…", ShowTime: true}) {
		t.Fatalf("spinner = %+v", got)
	}
	k := Data0(func(h *fakeHost) (int, error) { return 0, nil }, ShowSpinner(false), env.opt())
	_ = must[int](t)(k.Call(h1))
	if h1.spinners[2].Show {
		t.Fatal("ShowSpinner(false) shown")
	}
	// A nil host is a plain program: no spinner, no replay.
	n := Data0(func(h *fakeHost) (int, error) { return 7, nil }, env.opt())
	if v := must[int](t)(n.Call(nil)); v != 7 {
		t.Fatal(v)
	}
}

func TestDataTypedArrayResult_B19(t *testing.T) {
	env := newEnv(t, nil)
	want := []float64{1.5, -2, 3e300}
	f := Data0(func(NoSession) ([]float64, error) { return want, nil }, env.opt())
	_ = must[[]float64](t)(f.Call(NoSession{}))
	got := must[[]float64](t)(f.Call(NoSession{}))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v", got)
	}
}
