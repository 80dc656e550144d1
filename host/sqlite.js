// sqlite.js: SQL databases in the page for Go's github.com/wasmlit/wasmlit/sqlite package (docs/PROTOCOL.md). It
// loads the official SQLite WebAssembly build (@sqlite.org/sqlite-wasm, copied by the build to
// lib/sqlite-wasm/) lazily, with a dynamic import() on the first open: no eval, so it runs under
// the page's CSP ('wasm-unsafe-eval' compiles sqlite3.wasm). Every call returns a promise; SQLite's
// errors reject with an Error named SQLite3Error whose message is SQLite's own.

let loading = null; // the promise of the initialised sqlite3 module, once the first open asked for it

function load() {
  if (!loading) {
    const url = new URL('lib/sqlite-wasm/index.mjs', globalThis.document ? document.baseURI : globalThis.wasmlitHost.baseURI).href;
    loading = import(url).then((m) => m.default({
      print: () => {},
      printErr: (msg) => console.warn('[sqlite]', msg),
    }));
    loading.catch(() => { loading = null; }); // a failed load may be retried by the next open
  }
  return loading;
}

/** bindOf turns Go's argument list (an array, maybe empty) into oo1's bind option. */
function bindOf(args) {
  return args && args.length ? args : undefined;
}

function hex(u8) {
  let s = '';
  for (const b of u8) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * columnOf turns one column's values into what Go reads: a numeric column (every value a
 * number, a BigInt or null) as the bytes of a Float64Array with NaN for NULL; any other as a
 * JSON array of strings (numbers formatted, BLOBs in hex, NULL as "").
 */
function columnOf(name, values) {
  const numeric = values.every((v) => v === null || typeof v === 'number' || typeof v === 'bigint');
  if (numeric) {
    const f = new Float64Array(values.length);
    values.forEach((v, i) => { f[i] = v === null ? NaN : Number(v); });
    return { name, numeric: true, f64: new Uint8Array(f.buffer) };
  }
  const texts = values.map((v) => (v === null ? '' : v instanceof Uint8Array ? hex(v) : String(v)));
  return { name, numeric: false, textJSON: JSON.stringify(texts) };
}

/**
 * open opens a new in-memory database; name labels it (console messages). It resolves with a
 * handle = {exec(sql, args): Promise<changes>, query(sql, args): Promise<result>, close()};
 * result = {rows, columns: [{name, numeric, f64?: Uint8Array, textJSON?: string}]}.
 * @param {string} name
 */
export async function open(name) {
  const sqlite3 = await load();
  const db = new sqlite3.oo1.DB(':memory:', 'c');
  let closed = false;
  const live = () => {
    if (closed) throw Object.assign(new Error(`database ${name} is closed`), { name: 'SQLite3Error' });
  };
  return {
    /** exec runs every statement of sql (args bind the first) and resolves with the rows changed. */
    async exec(sql, args) {
      live();
      db.exec({ sql, bind: bindOf(args) });
      return db.changes();
    },
    /** query runs the first statement of sql with args bound and resolves with its rows, by column. */
    async query(sql, args) {
      live();
      const stmt = db.prepare(sql);
      try {
        const bind = bindOf(args);
        if (bind) stmt.bind(bind);
        const names = stmt.getColumnNames();
        const cols = names.map(() => []);
        let rows = 0;
        while (stmt.step()) {
          for (let i = 0; i < names.length; i++) cols[i].push(stmt.get(i));
          rows++;
        }
        return { rows, columns: names.map((n, i) => columnOf(n, cols[i])) };
      } finally {
        stmt.finalize();
      }
    },
    close() {
      if (!closed) { closed = true; db.close(); }
    },
  };
}
