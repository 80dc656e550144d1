// Package sqlite runs SQL on SQLite databases inside the page, from Go code in a wasmlit app.
//
// The database engine is the official SQLite WebAssembly build (@sqlite.org/sqlite-wasm, which
// the build copies into every app under lib/sqlite-wasm/). The page loads it the first time Open
// is called (host/sqlite.js; about 100 ms), so apps that never open a database never pay for it.
// Databases live in page memory: each Open makes a new, empty in-memory database, and it is gone
// when the page closes. Fill it with Exec (a schema and data, often from a .sql file the app
// downloads), read it with Query.
//
// Open a database once per page and share it: in an app, make the opener a cache.Resource0, as
// Streamlit apps do with st.cache_resource, and cache query results with cache.Data (Rows has
// exported fields, so it is data the cache can store).
//
// Only js/wasm builds have a database. Everywhere else (go test, native tools) Open returns
// ErrNeedsBrowser, so an app that uses this package still builds and tests natively and says
// plainly why it has no database there. (There is no pure-Go SQLite in this module's
// dependencies, and wasmlit adds none for it.)
//
// SQLite's errors come back as *Error values carrying SQLite's message and result code name.
package sqlite
