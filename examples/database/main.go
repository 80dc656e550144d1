// Database runs SQL on a real SQLite database inside the page: the connection is a cached resource opened once, and each query's result is cached data with a one-hour TTL.
//
// It is the seed's database story told in Go. SQLite is the official WebAssembly build, which
// the page loads (package github.com/wasmlit/wasmlit/sqlite); the database is created from static/shop.sql, a small
// shop (customers, products, 400 orders) that ships with the example.
//
//   - initConnection is the seed's init_connection under st.cache_resource: every rerun (and every
//     session in the page) gets the very same *sqlite.DB, so "connections opened" stays 1.
//   - fetchData is the seed's fetch_data(_db_connection, num_rows) under st.cache_data(ttl=3600):
//     the parameter _conn starts with an underscore, so it is not hashed; only numRows is the key.
//     Asking again for a row count already fetched is a hit ("query runs" does not move), a new
//     one runs the query, and after an hour an entry is stale and the query runs again.
package main

//go:generate sh -c "go run ./internal/gensql > static/shop.sql"

import (
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/sqlite"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// The page shows how often each cached function really ran in this page.
var (
	opened  atomic.Int64 // runs of initConnection
	queried atomic.Int64 // runs of fetchData
)

// initConnection opens the database once and fills it from the SQL script served beside the app.
// A connection is a resource (seed: "use st.cache_resource for database connections"): it cannot
// be serialised, and every caller must share the one instance.
var initConnection = cache.Resource0(func(st *wasm.Session) (*sqlite.DB, error) {
	opened.Add(1)
	db, err := sqlite.Open(st.Context(), "shop")
	if err != nil {
		return nil, err
	}
	script, err := st.Download("static/shop.sql")
	if err == nil {
		_, err = db.Exec(st.Context(), string(script))
	}
	if err != nil {
		db.Close() // errors are not cached: the next run opens a fresh database
		return nil, err
	}
	return db, nil
}, cache.SpinnerText("Opening the shop database…"))

// ordersSQL lists the latest orders with their customer and product.
const ordersSQL = `SELECT o.id AS "order", o.ordered_at AS "ordered at", c.name AS customer, c.city,
       p.name AS product, o.quantity, round(o.quantity * p.price, 2) AS total
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN products p ON p.id = o.product_id
ORDER BY o.id DESC
LIMIT ?`

// fetchData is the query, cached as data: the result is stored (in IndexedDB too) and every
// call gets its own copy. _conn is excluded from the key by its leading underscore (SPEC B9),
// as in the seed, and the TTL keeps database results from going stale (B6).
var fetchData = cache.Data2(func(st *wasm.Session, _conn *sqlite.DB, numRows int) (*sqlite.Rows, error) {
	queried.Add(1)
	return _conn.Query(st.Context(), ordersSQL, numRows)
}, cache.TTL(time.Hour))

func app(st *wasm.Session) {
	st.Title("Database")
	st.Caption("SQLite, compiled to WebAssembly, running in this tab. The connection is a `cache.Resource0`; " +
		"the query is a `cache.Data2` with a one-hour TTL whose `_conn` parameter is left out of the key.")

	conn, err := initConnection.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	numRows := wasm.Selectbox(st, "Number of rows", []int{10, 50, 100, 400})
	st.Button("Rerun")

	rows, err := fetchData.Call(st, conn, numRows)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("connections opened = %d", opened.Load())
	st.Textf("query runs = %d", queried.Load())
	st.Textf("rows = %d", rows.Len())
	frame, err := toFrame(rows)
	if err != nil {
		st.Exception(err)
		return
	}
	st.DataFrame(frame)
	st.Code(ordersSQL, wasm.Language("sql"))

	ask(st.Expander("Ask the database", true), conn)
}

// revenueSQL is the question the "Ask the database" box starts with.
const revenueSQL = `SELECT p.category, count(*) AS orders, round(sum(o.quantity * p.price), 2) AS revenue
FROM orders o JOIN products p ON p.id = o.product_id
GROUP BY p.category ORDER BY revenue DESC`

// runSQL runs any query, cached like fetchData: the SQL text is the key.
var runSQL = cache.Data2(func(st *wasm.Session, _conn *sqlite.DB, query string) (*sqlite.Rows, error) {
	return _conn.Query(st.Context(), query)
}, cache.TTL(time.Hour))

// ask lets the reader run their own SQL. A mistake comes back from SQLite as a Go error with
// SQLite's message; errors are never cached, so fixing the query just works.
func ask(st *wasm.Session, conn *sqlite.DB) {
	query := st.TextArea("SQL", revenueSQL, wasm.Help("Tables: customers, products, orders. Ctrl+Enter runs it."))
	rows, err := runSQL.Call(st, conn, query)
	if err != nil {
		st.Error(err.Error())
		return
	}
	frame, err := toFrame(rows)
	if err != nil {
		st.Exception(err)
		return
	}
	st.DataFrame(frame)
}

// toFrame turns a query's columns into a data frame.
func toFrame(rows *sqlite.Rows) (*wasm.Frame, error) {
	cols := make([]wasm.Column, len(rows.Columns))
	for i, c := range rows.Columns {
		if c.Numeric {
			cols[i] = wasm.Floats(c.Name, c.Numbers)
		} else {
			cols[i] = wasm.Strings(c.Name, c.Texts)
		}
	}
	return wasm.NewFrame(cols...)
}
