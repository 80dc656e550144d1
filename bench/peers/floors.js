// The JS floors page's script (bench/peers/floors.html; external, as the server's CSP wants):
// globalThis.cloneFloor and globalThis.idbFloor for playwright/bench/run.mjs.

const PART = 64 << 20;
const req = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
const done = (tx) => new Promise((ok, err) => { tx.oncomplete = () => ok(); tx.onerror = () => err(tx.error); tx.onabort = () => err(tx.error); });

function columns(rows) {
  const cols = [];
  for (let c = 0; c < 4; c++) {
    const f = new Float64Array(rows);
    for (let i = 0; i < rows; i++) f[i] = Math.random();
    cols.push(f);
  }
  return cols;
}

// cloneFloor times structuredClone of the four columns, reps times (ms each).
globalThis.cloneFloor = (rows, reps) => {
  const cols = columns(rows);
  const xs = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c = structuredClone(cols);
    xs.push(performance.now() - t0);
    if (c[3].length !== rows) throw new Error('bad clone');
  }
  return xs;
};

// idbFloor puts rows×32 bytes into IndexedDB in 64 MiB parts (one transaction, until it
// commits) and reads them back with one getAll, reps times each (ms each).
globalThis.idbFloor = async (rows, reps) => {
  const bytes = new Uint8Array(rows * 32);
  const cols = columns(rows);
  for (let c = 0; c < 4; c++) bytes.set(new Uint8Array(cols[c].buffer), c * rows * 8);
  const parts = [];
  for (let off = 0; off < bytes.length; off += PART) parts.push(bytes.slice(off, off + PART));
  const db = await new Promise((ok, err) => {
    const r = indexedDB.open('bench:floor', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('values');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => err(r.error);
  });
  const key = (i) => `rec\u0000${String(i).padStart(6, '0')}`;
  const puts = [], gets = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const tx = db.transaction('values', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('values');
    parts.forEach((p, j) => store.put(p, key(j)));
    try {
      await done(tx);
    } catch (err) {
      const { quota } = await navigator.storage.estimate();
      throw new Error(`${err?.name ?? err} putting ${bytes.length} bytes (the context's quota: ${quota} bytes)`);
    }
    puts.push(performance.now() - t0);
  }
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const got = await req(db.transaction('values').objectStore('values').getAll(IDBKeyRange.bound('rec\u0000', 'rec\u0001', false, true)));
    gets.push(performance.now() - t0);
    if (got.reduce((n, p) => n + p.byteLength, 0) !== bytes.length) throw new Error('bad read');
  }
  db.close();
  return { puts, gets };
};
