// Hashing shows how cached functions turn their arguments into keys, and how cache.HashFunc fixes the arguments that cannot be hashed or hash the wrong way.
//
// Each section is one of the seed's hash_funcs stories ("Excluding input parameters" and
// "The hash_funcs parameter"), written the Go way, with the number of times its cached function
// ran in this page: a call whose count stays put was a hit.
package main

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

func app(st *wasm.Session) {
	st.Title("Hashing arguments")
	st.Caption("Every cached call hashes its arguments into a key. Each section shows how many " +
		"times its function ran in this page: a count that stays put on a rerun is a cache hit.")
	score := wasm.NumberInput(st, "Enter initial score", 15, wasm.Step(1))
	st.Button("Rerun")

	customStruct(st, score)
	cachedMethod(st, score)
	identityPitfall(st)
	validatedModel(st)
	modelByName(st)
	timeZones(st)
	numericSlice(st)
	excludedParam(st)
}

// ---- 1. A custom struct (seed: "Example 1: Hash a custom class") -------------------------------

// MyCustomClass is the seed's class. Go hashes a plain struct field by field, so what makes it
// unhashable here is its callback: a func has no value to hash (nor has a chan).
type MyCustomClass struct {
	MyScore  int
	OnChange func(score int) // called when the score changes; not data
}

var multiplyScoreRuns atomic.Int64

// multiplyScore is the seed's multiply_score, declared once and cached twice below.
func multiplyScore(st *wasm.Session, obj MyCustomClass, multiplier int) (int, error) {
	multiplyScoreRuns.Add(1)
	return obj.MyScore * multiplier, nil
}

// hashFunc is the seed's hash_func: the score identifies a MyCustomClass.
func hashFunc(obj MyCustomClass) []byte {
	return binary.AppendVarint(nil, int64(obj.MyScore))
}

var (
	// As the seed writes it first: every call is an UnhashableParamError (B11).
	multiplyScoreUnhashable = cache.Data2(multiplyScore)
	// hash_funcs={MyCustomClass: hash_func} (B10).
	multiplyScoreFixed = cache.Data2(multiplyScore, cache.HashFunc(hashFunc))
)

func customStruct(st *wasm.Session, initialScore int) {
	st.Header("1. A custom struct", wasm.WithDivider())
	score := MyCustomClass{MyScore: initialScore, OnChange: func(int) {}}
	const multiplier = 2

	st.Subheader("Without a hash func")
	if _, err := multiplyScoreUnhashable.Call(st, score, multiplier); err != nil {
		st.Exception(err) // Cannot hash argument 'obj' (of type main.MyCustomClass) in 'multiplyScore'.
	}

	st.Subheader("With cache.HashFunc(hashFunc)")
	v, err := multiplyScoreFixed.Call(st, score, multiplier)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("multiplyScore = %d", v)
	st.Textf("multiplyScore runs = %d", multiplyScoreRuns.Load())
}

// ---- 2. A cached method: the receiver is hashed (B12) -----------------------------------------

var methodRuns atomic.Int64

// MultiplyScore is the seed's method version of multiply_score.
func (c MyCustomClass) MultiplyScore(st *wasm.Session, multiplier int) (int, error) {
	methodRuns.Add(1)
	return c.MyScore * multiplier, nil
}

// The receiver is hashed like an argument, so MyCustomClass needs a hash func here too; the seed
// gives it by name: hash_funcs={"__main__.MyCustomClass": lambda x: hash(x.my_score)}.
var cachedMultiplyScore = cache.DataMethod1(MyCustomClass.MultiplyScore,
	cache.HashFuncByName("main.MyCustomClass", func(v any) []byte {
		return binary.AppendVarint(nil, int64(v.(MyCustomClass).MyScore))
	}))

func cachedMethod(st *wasm.Session, initialScore int) {
	st.Header("2. A cached method", wasm.WithDivider())
	st.Markdown("`cache.DataMethod1(MyCustomClass.MultiplyScore, …)` hashes the receiver like an " +
		"argument, here by its score (`cache.HashFuncByName(\"main.MyCustomClass\", …)`).")
	score := MyCustomClass{MyScore: initialScore, OnChange: func(int) {}}
	v, err := cachedMultiplyScore.Call(score, st, 3)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("score.MultiplyScore(3) = %d", v)
	st.Textf("MultiplyScore runs = %d", methodRuns.Load())
}

// ---- 3. The identity-hash pitfall (the seed's hash_funcs={…: id}) ----------------------------

// kept is one MyCustomClass kept across reruns and changed in place by a button.
var kept = wasm.NewState[*MyCustomClass]("kept", nil)

var identityRuns, valueRuns atomic.Int64

var (
	// Hashing a pointer by its address is Python's id(): the same object always has the same key,
	// whatever it holds now. Go's default would follow the pointer and hash the value.
	doubleByIdentity = cache.Data1(func(st *wasm.Session, obj *MyCustomClass) (int, error) {
		identityRuns.Add(1)
		return obj.MyScore * 2, nil
	}, cache.HashFunc(func(obj *MyCustomClass) []byte { return fmt.Appendf(nil, "%p", obj) }))

	// The fix: hash what the result depends on.
	doubleByValue = cache.Data1(func(st *wasm.Session, obj *MyCustomClass) (int, error) {
		valueRuns.Add(1)
		return obj.MyScore * 2, nil
	}, cache.HashFunc(func(obj *MyCustomClass) []byte { return binary.AppendVarint(nil, int64(obj.MyScore)) }))
)

func identityPitfall(st *wasm.Session) {
	st.Header("3. Hashing by identity", wasm.WithDivider())
	st.Markdown("Hashing an object by its address (Python's `id`) gives one key per object, not per " +
		"value: a new object with the same score misses, and an object changed in place hits with " +
		"the result of its old value. Add to the score and compare.")
	obj := kept.Get(st)
	if obj == nil {
		obj = &MyCustomClass{MyScore: 15}
		kept.Set(st, obj)
	}
	if st.Button("Add 10 to the score (in place)") {
		obj.MyScore += 10
	}
	st.Textf("kept score = %d", obj.MyScore)

	cols := st.Columns(2)
	byID, err := doubleByIdentity.Call(st, obj)
	cols[0].Exception(err)
	cols[0].Markdown("**By address** (wrong)")
	cols[0].Textf("by identity: score × 2 = %d", byID)
	cols[0].Textf("doubleByIdentity runs = %d", identityRuns.Load())

	byValue, err := doubleByValue.Call(st, obj)
	cols[1].Exception(err)
	cols[1].Markdown("**By score** (right)")
	cols[1].Textf("by value: score × 2 = %d", byValue)
	cols[1].Textf("doubleByValue runs = %d", valueRuns.Load())
}

// ---- 4. A validated model (seed: "Example 2: Hash a Pydantic model") -------------------------

// Person is the seed's pydantic model: NewPerson validates it, and it keeps its validators, as a
// pydantic model keeps its class's. Funcs are not data: they make a Person unhashable, and they
// are not stored with the cached value (`cbor:"-"`).
type Person struct {
	Name       string
	Validators []func(name string) error `cbor:"-"`
}

func notBlank(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("a person needs a name")
	}
	return nil
}

// NewPerson returns a validated Person.
func NewPerson(name string) (Person, error) {
	p := Person{Name: name, Validators: []func(string) error{notBlank}}
	for _, valid := range p.Validators {
		if err := valid(p.Name); err != nil {
			return Person{}, err
		}
	}
	return p, nil
}

var identityFuncRuns atomic.Int64

// identity is the seed's identity(person): it returns the person unchanged.
func identity(st *wasm.Session, person Person) (Person, error) {
	identityFuncRuns.Add(1)
	return person, nil
}

var (
	identityUnhashable = cache.Data1(identity)
	// hash_funcs={Person: lambda p: p.name}: a Person is hashed by a function of its fields.
	identityByName = cache.Data1(identity, cache.HashFunc(func(p Person) []byte { return []byte(p.Name) }))
)

func validatedModel(st *wasm.Session) {
	st.Header("4. A validated model", wasm.WithDivider())
	name := st.TextInput("Person's name", "Lee")
	person, err := NewPerson(name)
	if err != nil {
		st.Error(err.Error())
		return
	}
	if _, err := identityUnhashable.Call(st, person); err != nil {
		st.Exception(err) // Cannot hash argument 'person' (of type main.Person) in 'identity'.
	}
	got, err := identityByName.Call(st, person)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Text("The person is " + got.Name)
	st.Textf("identity runs = %d", identityFuncRuns.Load())
}

// ---- 5. A model hashed by name (seed: "Example 3: Hash an ML model") -------------------------

// MyModel is a loaded model: its layers and the function that runs them. The func makes it
// unhashable; its name identifies it.
type MyModel struct {
	Name    string
	Layers  []string
	forward func(x []float64) []float64
}

var loadLayersRuns atomic.Int64

// loadBaseModel is the seed's load_base_model: a resource, loaded once per option.
var loadBaseModel = cache.Resource1(func(st *wasm.Session, option int) (*MyModel, error) {
	identityLayer := func(x []float64) []float64 { return x }
	if option == 1 {
		return &MyModel{Name: "resnet50", Layers: []string{"conv1", "pool1", "res2a", "res2b", "avg_pool"}, forward: identityLayer}, nil
	}
	return &MyModel{Name: "mobilenet_v2", Layers: []string{"Conv1", "expanded_conv", "block_1", "out_relu"}, forward: identityLayer}, nil
})

// loadLayers is the seed's load_layers with hash_funcs={Functional: lambda x: x.name}, the type
// given by its fully-qualified name. It applies behind the pointer too.
var loadLayers = cache.Resource1(func(st *wasm.Session, baseModel *MyModel) ([]string, error) {
	loadLayersRuns.Add(1)
	return baseModel.Layers, nil
}, cache.HashFuncByName("main.MyModel", func(v any) []byte { return []byte(v.(MyModel).Name) }))

func modelByName(st *wasm.Session) {
	st.Header("5. A model hashed by its name", wasm.WithDivider())
	option := wasm.Radio(st, "Model 1 or 2", []int{1, 2}, wasm.Horizontal())
	baseModel, err := loadBaseModel.Call(st, option)
	if err != nil {
		st.Exception(err)
		return
	}
	layers, err := loadLayers.Call(st, baseModel)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Text("layers = " + strings.Join(layers, ", "))
	st.Textf("loadLayers runs = %d", loadLayersRuns.Load())
}

// ---- 6. time.Time in two zones (seed: "Example 4: Override the default hashing") -------------

// berlin is Berlin in winter (CET, UTC+1), as a fixed zone: no time zone database needed.
var berlin = time.FixedZone("CET", 60*60)

var loadDataRuns, loadDataByMinuteRuns atomic.Int64

var (
	// Default hashing: a time.Time hashes its instant and its zone offset, so one instant in two
	// zones is two keys.
	loadData = cache.Data1(func(st *wasm.Session, dt time.Time) (string, error) {
		loadDataRuns.Add(1)
		return "loaded for " + dt.Format(time.RFC1123), nil
	})
	// hash_funcs={datetime: lambda x: x.strftime(…)}: the format decides what is the same time.
	// It formats in UTC to the minute, so one instant is one key, whatever its zone.
	loadDataByMinute = cache.Data1(func(st *wasm.Session, dt time.Time) (string, error) {
		loadDataByMinuteRuns.Add(1)
		return "loaded for " + dt.Format(time.RFC1123), nil
	}, cache.HashFunc(func(t time.Time) []byte { return []byte(t.UTC().Format("Mon 02 Jan 2006, 03:04PM")) }))
)

func timeZones(st *wasm.Session) {
	st.Header("6. One instant in two time zones", wasm.WithDivider())
	now := time.Date(2024, time.March, 1, 11, 30, 0, 0, time.UTC) // a fixed "now": the page is reproducible
	nowTZ := now.In(berlin)
	st.Textf("now = %s, nowTZ = %s, equal instants: %v", now.Format(time.RFC1123), nowTZ.Format(time.RFC1123), now.Equal(nowTZ))

	cols := st.Columns(2)
	cols[0].Markdown("**Default hashing** (zone included)")
	for _, dt := range []time.Time{now, nowTZ} {
		s, err := loadData.Call(st, dt)
		cols[0].Exception(err)
		cols[0].Text(s)
	}
	cols[0].Textf("loadData runs = %d", loadDataRuns.Load())

	cols[1].Markdown("**Hashed by a UTC format**")
	for _, dt := range []time.Time{now, nowTZ} {
		s, err := loadDataByMinute.Call(st, dt)
		cols[1].Exception(err)
		cols[1].Text(s)
	}
	cols[1].Textf("loadDataByMinute runs = %d", loadDataByMinuteRuns.Load())
}

// ---- 7. A numeric slice hashed by a custom function ------------------------------------------

var showDataRuns, showDataRoundedRuns atomic.Int64

// roundedHash hashes readings rounded to two decimals: noise below the shown precision does not
// change the key. Like the seed's hash_funcs={np.ndarray: str}, it costs a pass over the data.
func roundedHash(xs []float64) []byte {
	b := make([]byte, 0, 8*len(xs))
	for _, x := range xs {
		b = binary.AppendVarint(b, int64(math.Round(x*100)))
	}
	return b
}

var (
	// Default hashing of a []float64 is exact (its memory): any noise is a new key. MaxEntries
	// keeps the noisy keys from piling up.
	showData = cache.Data1(func(st *wasm.Session, data []float64) ([]float64, error) {
		showDataRuns.Add(1)
		time.Sleep(300 * time.Millisecond) // the seed's slow show_data
		return data, nil
	}, cache.MaxEntries(10))
	showDataRounded = cache.Data1(func(st *wasm.Session, data []float64) ([]float64, error) {
		showDataRoundedRuns.Add(1)
		time.Sleep(300 * time.Millisecond)
		return data, nil
	}, cache.HashFunc(roundedHash))
)

// readings are the data: 8 values, with noise far below their precision when noisy.
func readings(noisy bool) []float64 {
	xs := make([]float64, 8)
	for i := range xs {
		xs[i] = 20 + float64(i)*0.25
		if noisy {
			xs[i] += (rand.Float64() - 0.5) * 1e-9
		}
	}
	return xs
}

func numericSlice(st *wasm.Session) {
	st.Header("7. A numeric slice", wasm.WithDivider())
	st.Markdown("Readings measured again on every run differ in the ninth decimal. Hashed exactly, " +
		"every run is a new key; hashed to their precision, they hit.")
	noisy := st.Checkbox("Measure again on every run (noise)", false)
	data := readings(noisy)

	cols := st.Columns(2)
	exact, err := showData.Call(st, data)
	cols[0].Exception(err)
	cols[0].Markdown("**Default hashing** (exact)")
	cols[0].DataFrame(must(wasm.NewFrame(wasm.Floats("reading", exact))))
	cols[0].Textf("showData runs = %d", showDataRuns.Load())

	rounded, err := showDataRounded.Call(st, data)
	cols[1].Exception(err)
	cols[1].Markdown("**cache.HashFunc(roundedHash)**")
	cols[1].DataFrame(must(wasm.NewFrame(wasm.Floats("reading", rounded))))
	cols[1].Textf("showDataRounded runs = %d", showDataRoundedRuns.Load())
}

// ---- 8. Excluding a parameter with "_" (seed: "Excluding input parameters", B9) -------------

// Connection is a database connection: a channel to its worker, nothing to hash.
type Connection struct {
	ID      int
	queries chan string
}

// initConnection is the seed's init_connection: a resource, one per generation.
var initConnection = cache.Resource1(func(st *wasm.Session, generation int) (*Connection, error) {
	return &Connection{ID: generation, queries: make(chan string, 1)}, nil
})

var fetchDataRuns atomic.Int64

// fetchData is the seed's fetch_data(_db_connection, num_rows): the leading "_" leaves the
// connection out of the key, so a new connection still hits.
var fetchData = cache.Data2(func(st *wasm.Session, _dbConnection *Connection, numRows int) (string, error) {
	fetchDataRuns.Add(1)
	return fmt.Sprintf("fetched %d rows over connection #%d", numRows, _dbConnection.ID), nil
})

var generation = wasm.NewState("generation", 1)

func excludedParam(st *wasm.Session) {
	st.Header("8. Leaving a parameter out of the key", wasm.WithDivider())
	if st.Button("Reconnect") {
		generation.Update(st, func(n int) int { return n + 1 })
	}
	numRows := wasm.NumberInput(st, "Rows to fetch", 10, wasm.Min(1), wasm.Step(1))
	conn, err := initConnection.Call(st, generation.Get(st))
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("current connection = #%d", conn.ID)
	data, err := fetchData.Call(st, conn, numRows)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Text(data)
	st.Textf("fetchData runs = %d", fetchDataRuns.Load())
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
