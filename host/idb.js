// The IndexedDB bridge (SPEC B4, C5, C6): Go's cache.IDBStore calls wasmlitHost.idb.open and
// then the handle's methods. Every operation is one transaction and returns a promise; values are
// bytes (a Uint8Array in, a Uint8Array out), never structured-cloned Go objects. Rejections are
// Errors whose name is the DOMException's name (QuotaExceededError, InvalidStateError, ...) or
// NotSupportedError when there is no IndexedDB at all.
//
// One database per app: `wasmlit:<name>` (IndexedDB is already per origin). Two object stores with
// the same string keys: `values` (the bytes) and `meta` ({size, atime}, with an index on atime for
// least-recently-used eviction). A put writes both in one transaction, so a value and its metadata
// always commit together; a read refreshes atime in the same transaction.
//
// Chromium refuses a single value over about 127 MiB ("The serialized keys and/or value are too
// large", measured: max 133,169,152 bytes). A larger value is stored in CHUNK-sized parts under
// `<key>\u0000<index>` (index zero-padded, so key order is part order), with a small header
// {chunks, size} under the key itself, all in the put's one transaction. Go hands a large value
// over already cut into parts, and reads one back part by part (read), into one buffer.

const DB_PREFIX = 'wasmlit:';
const DB_VERSION = 1;
const VALUES = 'values';
const META = 'meta';
const BY_ATIME = 'atime';
const CHUNK = 64 * 1024 * 1024;
const MAX_CHUNKS = 1 << 16; // a header claiming more parts is foreign (that would be 4 TiB)

// partKey names part i of a chunked value; partRange covers all the parts of key.
const partKey = (key, i) => `${key}\u0000${String(i).padStart(6, '0')}`;
const partRange = (key) => IDBKeyRange.bound(`${key}\u0000`, `${key}\u0001`, false, true);

// isHeader reports whether v is the header of a chunked value.
const isHeader = (v) => v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) &&
  !(v instanceof ArrayBuffer) && Number.isInteger(v.chunks) && Number.isInteger(v.size);

function named(name, message) {
  const e = new Error(message);
  e.name = name;
  return e;
}

// asError keeps a DOMException's name and message in a plain Error (what Go reads); Go adds the
// operation and the key.
function asError(err) {
  if (!err) return named('UnknownError', 'the transaction failed without an error');
  return named(err.name || 'Error', err.message || String(err.name || err));
}

// A strictly increasing clock (ms since epoch, with fractions), so that the LRU order of two
// accesses within one millisecond is still the order they happened in this page.
let lastTick = 0;
function tick() {
  const t = Date.now();
  lastTick = t > lastTick ? t : lastTick + 1e-3;
  return lastTick;
}

// prefixRange returns the key range of the keys that start with prefix, or null for every key.
// The upper bound is the prefix with its last UTF-16 code unit incremented (dropping trailing
// U+FFFF units), exclusive.
function prefixRange(prefix) {
  if (prefix === '') return null;
  let end = prefix;
  while (end.length > 0 && end.charCodeAt(end.length - 1) === 0xffff) end = end.slice(0, -1);
  if (end === '') return IDBKeyRange.lowerBound(prefix);
  end = end.slice(0, -1) + String.fromCharCode(end.charCodeAt(end.length - 1) + 1);
  return IDBKeyRange.bound(prefix, end, false, true);
}

// bytesOf returns a stored value as a Uint8Array, or null for a value that is not bytes (a foreign
// record, written by something else on this origin): the cache treats it as a miss.
function bytesOf(v) {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

// done resolves with result() when tx commits, and rejects with the transaction's error (or the
// first request error) when it aborts. QuotaExceededError often surfaces only here, on abort.
function done(tx, result) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(result ? result() : undefined);
    tx.onabort = () => reject(asError(tx.error));
    // A failed request's error event is not cancelled: it aborts the transaction, and onabort
    // reports tx.error.
  });
}

function openDB(name) {
  return new Promise((resolve, reject) => {
    const factory = globalThis.indexedDB;
    if (!factory || typeof factory.open !== 'function') {
      reject(named('NotSupportedError', 'IndexedDB is not available in this browser context'));
      return;
    }
    let req;
    try {
      req = factory.open(DB_PREFIX + name, DB_VERSION);
    } catch (err) { // SecurityError: an opaque origin (sandboxed frame, data: URL)
      reject(asError(err));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(VALUES)) db.createObjectStore(VALUES);
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META).createIndex(BY_ATIME, 'atime');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = (ev) => { ev.preventDefault(); reject(asError(req.error)); };
    req.onblocked = () => {}; // waits for older connections to close; the caller's context bounds it
  });
}

/** Handle is one open database. Its methods may be called concurrently. */
class Handle {
  constructor(name, db) {
    this.name = name;
    this.chunk = CHUNK; // the largest part put accepts, read by Go

    this.db = null;
    this.opening = null;
    this.closed = false;
    this.adopt(db);
  }

  adopt(db) {
    this.db = db;
    // Another tab deletes or upgrades the database (or the user clears site data): let it, and
    // reopen on the next operation.
    db.onversionchange = () => { db.close(); if (this.db === db) this.db = null; };
    db.onclose = () => { if (this.db === db) this.db = null; };
  }

  async tx(mode) {
    if (this.closed) throw named('InvalidStateError', 'the IndexedDB store is closed');
    if (!this.db) {
      this.opening = this.opening || openDB(this.name).finally(() => { this.opening = null; });
      const db = await this.opening;
      if (!this.db) this.adopt(db);
    }
    return this.db.transaction([VALUES, META], mode, { durability: 'relaxed' });
  }

  /**
   * read resolves with null (a miss) or {size, parts}: the value's size and an array of promises,
   * one per part in order, each resolving with a Uint8Array, or null for a damaged value (a part
   * missing, or not bytes). The parts are requested at once, in the read's transaction (which
   * also marks the value used now), and their promises resolve as IndexedDB delivers them: Go
   * copies each part into the one buffer it allocated for the value, and hashes it, while the
   * next parts are still being read (no joined copy in JS). The sizes of the parts are not
   * checked here: Go checks that they add up to size.
   */
  async read(key) {
    const tx = await this.tx('readwrite');
    const p = done(tx);
    return new Promise((resolve, reject) => {
      const values = tx.objectStore(VALUES);
      const req = values.get(key);
      req.onsuccess = () => {
        const v = req.result;
        if (v === undefined) {
          resolve(null);
          return;
        }
        let size = 0;
        let parts;
        if (isHeader(v)) {
          if (v.size < 0 || v.chunks < 0 || v.chunks > MAX_CHUNKS) {
            resolve(null); // not a header this file wrote: a miss
            return;
          }
          size = v.size;
          parts = [];
          for (let i = 0; i < v.chunks; i++) {
            const part = values.get(partKey(key, i));
            parts.push(new Promise((ok, fail) => {
              part.onsuccess = () => ok(part.result === undefined ? null : bytesOf(part.result));
              p.catch(fail);
            }));
          }
        } else {
          const b = bytesOf(v);
          if (b === null) {
            resolve(null); // not bytes: a foreign record, a miss
            return;
          }
          size = b.byteLength;
          parts = [Promise.resolve(b)];
        }
        // The value is being read: the atime update commits with the read, on its own.
        tx.objectStore(META).put({ size, atime: tick() }, key);
        for (const part of parts) part.catch(() => {}); // the reader may stop at a damaged part
        resolve({ size, parts });
      };
      p.catch(reject); // an abort before the read succeeded
    });
  }

  /**
   * put stores bytes under key and resolves once the transaction has committed. bytes is a
   * Uint8Array, or an array of Uint8Arrays: the value's parts in order, each at most CHUNK bytes
   * (Go cuts a large value into parts as it copies it out, so JS never copies it again).
   *
   * Atomic: the deletion of an earlier value's parts, the header, every part and the metadata are
   * requests of ONE readwrite transaction, and IndexedDB commits a transaction all or nothing. A
   * tab closed (or a browser killed) mid-write aborts the transaction, so readers see the old
   * entry, whole, or the new one, whole; never a mix of parts (SPEC C5).
   */
  async put(key, bytes) {
    const tx = await this.tx('readwrite');
    const p = done(tx);
    try {
      const values = tx.objectStore(VALUES);
      values.delete(partRange(key)); // the parts of an earlier, chunked value under key
      let parts;
      if (Array.isArray(bytes)) {
        parts = bytes;
      } else if (bytes.byteLength <= CHUNK) {
        parts = [bytes];
      } else {
        // slice, not subarray: cloning a view clones its whole buffer, which is what is too large.
        parts = [];
        for (let off = 0; off < bytes.byteLength; off += CHUNK) parts.push(bytes.slice(off, off + CHUNK));
      }
      const size = parts.reduce((n, b) => n + b.byteLength, 0);
      if (parts.length === 1) {
        values.put(parts[0], key);
      } else {
        values.put({ chunks: parts.length, size }, key);
        parts.forEach((b, i) => values.put(b, partKey(key, i)));
      }
      tx.objectStore(META).put({ size, atime: tick() }, key);
    } catch (err) { // DataCloneError, or the transaction already gone
      p.catch(() => {}); // the error thrown below is the one to report
      try { tx.abort(); } catch { /* already finished */ }
      throw asError(err);
    }
    return p;
  }

  /** delete removes key (a missing key is fine). */
  async delete(key) {
    const tx = await this.tx('readwrite');
    const p = done(tx);
    tx.objectStore(VALUES).delete(key);
    tx.objectStore(VALUES).delete(partRange(key));
    tx.objectStore(META).delete(key);
    return p;
  }

  /**
   * keys resolves with the keys of the records that start with prefix ('' for every record), in
   * key order; the parts of chunked values are not listed. The cache lists them to drop the records
   * of functions that no longer exist.
   */
  async keys(prefix) {
    const tx = await this.tx('readonly');
    const req = tx.objectStore(META).getAllKeys(prefixRange(prefix));
    return done(tx, () => req.result);
  }

  /**
   * entries resolves with {keys, meta}: the keys of the records that start with prefix, in key
   * order, and for each its metadata {size, atime}, without reading a value. The cache lists a
   * function's records to count them (MaxEntries and statistics after a reload).
   */
  async entries(prefix) {
    const tx = await this.tx('readonly');
    const meta = tx.objectStore(META);
    const range = prefixRange(prefix);
    const keys = meta.getAllKeys(range);
    const vals = meta.getAll(range);
    return done(tx, () => ({ keys: keys.result, meta: vals.result }));
  }

  /** clear removes every key that starts with prefix ('' removes all). */
  async clear(prefix) {
    const tx = await this.tx('readwrite');
    const p = done(tx);
    const range = prefixRange(prefix);
    for (const s of [VALUES, META]) {
      if (range) tx.objectStore(s).delete(range);
      else tx.objectStore(s).clear();
    }
    return p;
  }

  /**
   * evict deletes least recently used records until at least `bytes` bytes are freed, in one
   * transaction; resolves with the bytes freed. When all the records together hold less than
   * `bytes`, it removes nothing and resolves with 0: evicting them could not make room for a value
   * that size, so a value that can never fit costs no other entry.
   */
  async evict(bytes) {
    const tx = await this.tx('readwrite');
    let freed = 0;
    let short = false; // the whole store holds less than bytes: the deletions are rolled back
    const p = done(tx, () => freed).catch((err) => {
      if (short) return 0;
      throw err;
    });
    const values = tx.objectStore(VALUES);
    const meta = tx.objectStore(META);
    const cur = meta.index(BY_ATIME).openCursor();
    cur.onsuccess = () => {
      const c = cur.result;
      if (!c && freed < bytes) {
        short = true;
        tx.abort(); // undoes this transaction's deletions
        return;
      }
      if (!c || freed >= bytes) return;
      values.delete(c.primaryKey);
      values.delete(partRange(c.primaryKey));
      c.delete();
      freed += Number(c.value && c.value.size) || 0;
      c.continue();
    };
    return p;
  }

  /** close closes the connection; later calls reject. */
  close() {
    this.closed = true;
    if (this.db) this.db.close();
    this.db = null;
  }
}

/** open resolves with a Handle on the database of app `name`, creating it if needed. */
export async function open(name) {
  return new Handle(String(name), await openDB(String(name)));
}
