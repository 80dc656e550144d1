// Storage faults (SPEC C6) and the memory tier's bound, in Chromium. The fixture is
// testapps/faults: one cached function `compute(st, key, size)` whose runs the page counts and
// whose value carries its own sum (`intact = true` when the value read back is whole), a `Note`
// the user types (no fault may lose it), the memory tier's usage, a `Memory bound` field
// (cache.Engine.SetMemoryBytes) and `Allocate MiB` (a cached function that allocates that much).
//
// Every fault test checks the same things: the app keeps running (values shown, no exception),
// the user sees at most one warning, the typed note survives, entries stored before the fault
// still hit, and the next good write works once the fault is lifted (the next page load).
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { gotoApp, recordKeys, settled } from './helpers';

const DB = 'wasmlit:faults'; // host/idb.js: one database per app, stores `values` and `meta`
const WARNING = 'Cached data cannot be saved';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function shown(page: Page, prefix: string): Promise<string> {
  return (await text(page, prefix).textContent())!.trim().slice(prefix.length);
}

/** runs is how many times compute has run in this page. */
async function runs(page: Page): Promise<number> {
  return Number(await shown(page, 'runs = '));
}

/** memory is the memory tier's usage as the page shows it. */
async function memory(page: Page): Promise<{ entries: number; bytes: number }> {
  const m = /^(\d+) entries, (\d+) bytes$/.exec(await shown(page, 'memory = '))!;
  return { entries: Number(m[1]), bytes: Number(m[2]) };
}

async function setField(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).press('Enter');
  await settled(page);
}

/** ask computes (or reads) compute(key, size) and reports whether it ran; the value must be whole. */
async function ask(page: Page, key: string, size: number): Promise<'hit' | 'miss'> {
  await setField(page, 'Key', ''); // so that changing the size computes nothing
  await setField(page, 'Size', String(size));
  const before = await runs(page);
  await setField(page, 'Key', key);
  await expect(text(page, 'value = ')).toHaveText(`value = ${key}`);
  await expect(text(page, 'rows = ')).toHaveText(`rows = ${size}`);
  await expect(text(page, 'intact = ')).toHaveText('intact = true');
  const n = (await runs(page)) - before;
  expect(n === 0 || n === 1, `runs went from ${before} by ${n}`).toBe(true);
  return n === 0 ? 'hit' : 'miss';
}

/** expectHealthy: no exception, at most one alert, and the note the user typed is still there. */
async function expectHealthy(page: Page, note: string) {
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(await page.locator('[data-testid=stAlert]').count()).toBeLessThanOrEqual(1);
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(note);
  await expect(text(page, 'note = ')).toHaveText(`note = ${note}`);
}

/** idbKeys lists the keys of the app's `meta` store (one per record), straight from IndexedDB. */
const idbKeys = (page: Page) => recordKeys(page, DB);

/** waitStored waits until the background writer has stored a record that is not in before. */
async function waitStored(page: Page, before: string[]): Promise<string> {
  let added: string[] = [];
  await expect.poll(async () => {
    added = (await idbKeys(page)).filter((k) => !before.includes(k));
    return added.length;
  }).toBe(1);
  return added[0];
}

/** ask and wait for the record to be in IndexedDB; returns its IndexedDB key. */
async function askStored(page: Page, key: string, size: number): Promise<string> {
  const before = await idbKeys(page);
  expect(await ask(page, key, size)).toBe('miss');
  return waitStored(page, before);
}

/** raw reads the bytes of the record under idbKey (null when absent or not bytes). */
function raw(page: Page, idbKey: string): Promise<number[] | null> {
  return page.evaluate(async ({ name, key }) => {
    const db: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    const v: unknown = await new Promise((ok) => {
      const r = db.transaction('values').objectStore('values').get(key);
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return v instanceof Uint8Array ? Array.from(v) : null;
  }, { name: DB, key: idbKey });
}

/**
 * overwrite puts values straight into the `values` store (meta untouched), as a disk error, an old
 * or newer build, or another library on the origin would leave them. A value is bytes (number[])
 * or any structured-cloneable object.
 */
function overwrite(page: Page, puts: Array<[string, unknown, boolean]>): Promise<void> {
  return page.evaluate(async ({ name, puts }) => {
    const db: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    const tx = db.transaction('values', 'readwrite');
    for (const [k, v, bytes] of puts) tx.objectStore('values').put(bytes ? new Uint8Array(v as number[]) : v, k);
    await new Promise((ok, err) => { tx.oncomplete = ok; tx.onabort = () => err(tx.error); });
    db.close();
  }, { name: DB, puts });
}

// Each test opens its own browser context, so it starts with an empty IndexedDB.

test('C6 quota exceeded: memory only with one warning, input kept, earlier entries still hit, writes work again after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoApp(page, 'faults');
  // A 2 MB quota. Chromium reads the quota when the origin first writes to IndexedDB (a later
  // override is not seen), so it is set before the first write; small records still fit.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 * 1024 * 1024 });
  const note = 'typed before the fault';
  await setField(page, 'Note', note);
  await askStored(page, 'keep', 1000);
  // 8 MB of random float64s: over the quota, also after evicting every other record.
  expect(await ask(page, 'big', 1_000_000)).toBe('miss');
  const warning = page.locator('[data-testid=stAlert]').filter({ hasText: WARNING });
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText("the browser's storage for this site is full");
  await settled(page); // the warning reruns the page
  await expectHealthy(page, note);
  // Memory only from now on: hits come from memory; more failures add no warning.
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  expect(await ask(page, 'big', 1_000_000)).toBe('hit');
  expect(await ask(page, 'big2', 1_000_000)).toBe('miss');
  expect(await ask(page, 'keep', 1000)).toBe('hit');
  await setField(page, 'Note', note + ', and after');
  await expectHealthy(page, note + ', and after');
  await expect(warning).toHaveCount(1);

  // Lift the fault; the next page load uses IndexedDB again.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.reload();
  await settled(page);
  await expect(page.locator('[data-testid=stAlert]')).toHaveCount(0);
  const before = await idbKeys(page);
  expect(await ask(page, 'big', 1_000_000)).toBe('miss');
  await waitStored(page, before);
  await page.reload();
  await settled(page);
  expect(await ask(page, 'big', 1_000_000)).toBe('hit'); // the good write after the fault persisted
  await expect(page.locator('[data-testid=stAlert]')).toHaveCount(0);
});

test('C6 quota exceeded by a value that can never fit evicts nothing: the entries stored before still hit after a reload', async ({ page }) => {
  // host/idb.js's evict removes nothing when all the records together hold less than the bytes
  // asked for; before, the two-tier store's evict-and-retry on ErrQuota deleted every record of
  // the app, and the retry failed anyway.
  await gotoApp(page, 'faults');
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 * 1024 * 1024 });
  const kept = [await askStored(page, 'keep-1', 1000), await askStored(page, 'keep-2', 1000)];
  expect(await ask(page, 'big', 1_000_000)).toBe('miss'); // 8 MB: over the quota
  await expect(page.locator('[data-testid=stAlert]').filter({ hasText: WARNING })).toHaveCount(1);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  expect(await idbKeys(page)).toEqual(expect.arrayContaining(kept));
  await page.reload();
  await settled(page);
  expect(await ask(page, 'keep-1', 1000)).toBe('hit');
  expect(await ask(page, 'keep-2', 1000)).toBe('hit');
});

// Ways IndexedDB can be missing or refuse to open (private modes, blocked storage, a sandboxed
// frame, an old browser). Each is installed before the page's own scripts run.
const unavailable: Array<[string, () => void]> = [
  ['the indexedDB getter throws SecurityError', () => {
    Object.defineProperty(window, 'indexedDB', { configurable: true, get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });
  }],
  ['indexedDB is undefined', () => {
    Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
  }],
  ['indexedDB.open throws', () => {
    IDBFactory.prototype.open = function () { throw new DOMException('Access to the IndexedDB API is denied in this context.', 'SecurityError'); };
  }],
  ['the open request fails with UnknownError', () => {
    IDBFactory.prototype.open = function () {
      const req = {} as any;
      setTimeout(() => {
        const ev = new Event('error', { cancelable: true });
        Object.defineProperty(req, 'error', { value: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError') });
        if (typeof req.onerror === 'function') req.onerror(ev);
      }, 0);
      return req;
    };
  }],
];

for (const [how, install] of unavailable) {
  test(`C6 IndexedDB unavailable (${how}): memory only, one warning, input kept; IndexedDB used again when it is back`, async ({ context }) => {
    // A page with a working IndexedDB first stores an entry, which the fault must not lose.
    const good = await context.newPage();
    await gotoApp(good, 'faults');
    await askStored(good, 'keep', 1000);
    await good.close();

    const page = await context.newPage();
    await page.addInitScript(install);
    await gotoApp(page, 'faults');
    const note = 'typed with no IndexedDB';
    await setField(page, 'Note', note);
    await expect(page.locator('[data-testid=stAlert]').filter({ hasText: WARNING })).toHaveCount(1);
    await expect(page.locator('[data-testid=stAlert]')).toContainText('this browser does not let the site use IndexedDB');
    expect(await ask(page, 'a', 1000)).toBe('miss');
    expect(await ask(page, 'b', 1000)).toBe('miss');
    expect(await ask(page, 'a', 1000)).toBe('hit'); // from memory
    await page.getByRole('button', { name: 'Rerun' }).click();
    await settled(page);
    await expectHealthy(page, note);
    await expect(page.locator('[data-testid=stAlert]')).toHaveCount(1);
    await page.close();

    // The fault is lifted (a page without it): the earlier entry hits and new writes persist.
    const back = await context.newPage();
    await gotoApp(back, 'faults');
    await expect(back.locator('[data-testid=stAlert]')).toHaveCount(0);
    expect(await ask(back, 'keep', 1000)).toBe('hit');
    await askStored(back, 'a', 1000);
    await back.reload();
    await settled(back);
    expect(await ask(back, 'a', 1000)).toBe('hit');
  });
}

test('C6 corrupted records (garbage, truncated, a flipped byte, an empty value) are misses: recomputed and rewritten, other entries still hit', async ({ page }) => {
  test.setTimeout(120_000);
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await gotoApp(page, 'faults');
  const keep = await askStored(page, 'keep', 1000);
  const victims = ['garbage', 'truncated', 'flipped', 'empty'];
  const ids: Record<string, string> = {};
  for (const v of victims) ids[v] = await askStored(page, v, 2000);
  const lengths: Record<string, number> = {};
  for (const v of victims) lengths[v] = (await raw(page, ids[v]))!.length;
  const good = (await raw(page, ids.flipped))!;
  expect(good.length).toBeGreaterThan(2000 * 8);
  const flipped = good.slice();
  flipped[Math.floor(flipped.length / 2)] ^= 0x40; // inside the value: only the checksum sees it
  await overwrite(page, [
    [ids.garbage, Array.from({ length: 300 }, (_, i) => (i * 7919) & 0xff), true],
    [ids.truncated, good.slice(0, good.length - 100), true],
    [ids.flipped, flipped, true],
    [ids.empty, [], true],
  ]);

  await page.reload();
  await settled(page);
  const note = 'typed after the corruption';
  await setField(page, 'Note', note);
  expect(await ask(page, 'keep', 1000)).toBe('hit');
  for (const v of victims) expect(await ask(page, v, 2000), v).toBe('miss');
  await expectHealthy(page, note);
  await expect(page.locator('[data-testid=stAlert]')).toHaveCount(0); // a miss is not the user's concern
  expect(warnings.filter((w) => w.includes('unreadable cache record')).length).toBe(victims.length);
  // Each recomputed value replaced the bad record: after a reload all of them hit.
  await expect.poll(async () => {
    const rs = await Promise.all(victims.map((v) => raw(page, ids[v])));
    return rs.every((r, i) => r !== null && r.length === lengths[victims[i]]);
  }).toBe(true);
  await page.reload();
  await settled(page);
  for (const v of [...victims, 'keep']) expect(await ask(page, v, v === 'keep' ? 1000 : 2000), v).toBe('hit');
  expect((await raw(page, keep))!.length).toBeGreaterThan(0);
});

test('C6 records of another format version and foreign values on the origin are misses, recomputed; other entries still hit', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoApp(page, 'faults');
  await askStored(page, 'keep', 1000);
  const kinds = ['newer', 'older', 'string', 'object', 'header', 'blob'];
  const ids: Record<string, string> = {};
  for (const k of kinds) ids[k] = await askStored(page, k, 500);
  const good = (await raw(page, ids.newer))!;
  expect(String.fromCharCode(...good.slice(0, 3))).toBe('wlc');
  const version = (v: number) => { const b = good.slice(); b[4] = v; return b; };
  await overwrite(page, [
    [ids.newer, version(good[4] + 1), true], // a newer build's record
    [ids.older, version(0), true],
    [ids.string, 'a string another library stored', false],
    [ids.object, { hello: 'world', n: [1, 2, 3] }, false],
    [ids.header, { chunks: 2, size: 10 }, false], // looks like a chunked value's header, no parts
    [ids.blob, new Array(64).fill(0), false], // a plain array of numbers, not bytes
  ]);
  await page.reload();
  await settled(page);
  const note = 'typed beside foreign records';
  await setField(page, 'Note', note);
  expect(await ask(page, 'keep', 1000)).toBe('hit');
  for (const k of kinds) expect(await ask(page, k, 500), k).toBe('miss');
  await expectHealthy(page, note);
  await expect(page.locator('[data-testid=stAlert]')).toHaveCount(0);
  await expect.poll(async () => (await Promise.all(kinds.map((k) => raw(page, ids[k])))).every((r) => r !== null && r[4] === good[4])).toBe(true);
  await page.reload();
  await settled(page);
  for (const k of kinds) expect(await ask(page, k, 500), k).toBe('hit');
});

/**
 * watchPuts makes every page of ctx record, in window.__puts, the IndexedDB puts of big byte
 * values ('start' when the put is asked for, 'done' when its transaction has committed). In a page
 * whose window.__hold is true, the transaction of a big put is kept from committing (a chain of
 * reads in it, each asked for when the one before succeeds), so the tab surely closes while the
 * write is in flight.
 */
async function watchPuts(ctx: BrowserContext) {
  await ctx.addInitScript(() => {
    const w = window as any;
    w.__puts = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: any, key?: IDBValidKey) {
      const req = put.call(this, value, key);
      const big = (value instanceof Uint8Array && value.byteLength > 1 << 20) || (value && Number.isInteger(value.chunks));
      if (big) {
        this.transaction.addEventListener('complete', () => w.__puts.push('done'));
        if (w.__hold) {
          const store = this;
          const spin = () => { store.count().onsuccess = spin; };
          spin();
        }
        w.__puts.push('start');
      }
      return req;
    };
  });
}

/** record describes what IndexedDB holds under idbKey: nothing, or a whole record. */
async function recordState(page: Page, idbKey: string): Promise<'absent' | 'whole' | string> {
  return page.evaluate(async ({ name, key }) => {
    const db: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    const tx = db.transaction(['values', 'meta']);
    const get = (store: string, q: IDBValidKey | IDBKeyRange, all = false) => new Promise<any>((ok) => {
      const r = all ? tx.objectStore(store).getAll(q) : tx.objectStore(store).get(q);
      r.onsuccess = () => ok(r.result);
    });
    const value = await get('values', key);
    const meta = await get('meta', key);
    const parts: any[] = await get('values', IDBKeyRange.bound(`${key}\u0000`, `${key}\u0001`, false, true), true);
    db.close();
    if (value === undefined && meta === undefined && parts.length === 0) return 'absent';
    if (value === undefined || meta === undefined) return `torn: value ${value !== undefined}, meta ${meta !== undefined}, ${parts.length} parts`;
    if (value instanceof Uint8Array) {
      return parts.length === 0 && meta.size === value.byteLength ? 'whole' : `torn: ${value.byteLength} bytes, meta size ${meta.size}, ${parts.length} parts`;
    }
    const got = parts.reduce((n: number, p: Uint8Array) => n + p.byteLength, 0);
    return parts.length === value.chunks && got === value.size && meta.size === value.size
      ? 'whole' : `torn: header ${JSON.stringify(value)}, ${parts.length} parts of ${got} bytes, meta size ${meta.size}`;
  }, { name: DB, key: idbKey });
}

// When the tab closes: while the big put's transaction is held open (it cannot have committed),
// right after it committed, and with no hook at all (wherever the write is when the
// value is on screen). Sizes: 10M float64s is a chunked value (80 MB, two parts), 1M a single one.
const closes: Array<[string, 'start' | 'done' | 'shown', number]> = [
  ['as the write starts, chunked value', 'start', 10_000_000],
  ['as the write starts, single value', 'start', 1_000_000],
  ['once the write committed, chunked value', 'done', 10_000_000],
  ['as soon as the value is shown, chunked value', 'shown', 10_000_000],
  ['as soon as the value is shown, single value', 'shown', 1_000_000],
];

test('C6 C5 a tab closed in the middle of a write leaves the old complete value or nothing, never a torn record', async ({ context }) => {
  test.setTimeout(300_000);
  await watchPuts(context);
  const first = await context.newPage();
  await gotoApp(first, 'faults');
  const keepID = await askStored(first, 'keep', 1000);
  await first.close();
  const outcomes: string[] = [];
  for (const [when, at, size] of closes) {
    const key = `closed-${at}-${size}`;
    const page = await context.newPage();
    if (at === 'start') await page.addInitScript(() => { (window as any).__hold = true; });
    await gotoApp(page, 'faults');
    const before = await idbKeys(page);
    await setField(page, 'Size', String(size));
    await page.getByLabel('Key', { exact: true }).fill(key);
    await page.getByLabel('Key', { exact: true }).press('Enter');
    if (at === 'shown') await expect(text(page, 'value = ')).toHaveText(`value = ${key}`, { timeout: 60_000 });
    else await page.waitForFunction((at) => (window as any).__puts.includes(at), at, { timeout: 60_000 });
    await page.close();

    const next = await context.newPage();
    const warnings: string[] = [];
    next.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await gotoApp(next, 'faults');
    const added = (await idbKeys(next)).filter((k) => !before.includes(k));
    expect(added.length, when).toBeLessThanOrEqual(1);
    const state = added.length ? await recordState(next, added[0]) : 'absent';
    expect(['absent', 'whole'], `${when}: ${state}`).toContain(state);
    if (at === 'start') expect(state, when).toBe('absent');
    if (at === 'done') expect(state, when).toBe('whole');
    // The app agrees: a whole record hits, an absent one is computed again; nothing unreadable.
    expect(await ask(next, key, size), when).toBe(state === 'whole' ? 'hit' : 'miss');
    expect(await ask(next, 'keep', 1000), when).toBe('hit');
    expect(warnings.filter((w) => w.includes('unreadable')), when).toEqual([]);
    expect(await recordState(next, keepID)).toBe('whole');
    outcomes.push(`${when}: ${state}`);
    await next.close();
  }
  console.log('tab closed mid-write:\n  ' + outcomes.join('\n  '));
});

test('B23 the memory tier stays within its bound; a value larger than the bound lives only in IndexedDB and still hits', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoApp(page, 'faults');
  const bound = 1_000_000;
  await setField(page, 'Memory bound', String(bound));
  await askStored(page, 'small', 1000); // about 8 KB
  expect(await memory(page)).toMatchObject({ entries: 1 });
  const id = await askStored(page, 'big', 200_000); // about 1.6 MB: over the bound
  let m = await memory(page);
  expect(m.bytes).toBeLessThanOrEqual(bound);
  expect(m.entries).toBe(1); // the big value evicted nothing: small is still in memory
  expect((await raw(page, id))!.length).toBeGreaterThan(bound);
  // The big value is not in memory, so this hit is read from IndexedDB (and not kept in memory).
  expect(await ask(page, 'big', 200_000)).toBe('hit');
  expect(await ask(page, 'small', 1000)).toBe('hit');
  m = await memory(page);
  expect(m).toMatchObject({ entries: 1 });
  expect(m.bytes).toBeLessThanOrEqual(bound);
  // Values that fit evict the least recently used ones, never going over the bound.
  for (let i = 0; i < 5; i++) {
    await askStored(page, `mid-${i}`, 40_000); // about 320 KB each: three fit
    m = await memory(page);
    expect(m.bytes).toBeLessThanOrEqual(bound);
  }
  expect(m.entries).toBe(3);
  expect(await ask(page, 'mid-4', 40_000)).toBe('hit');
  expect(await ask(page, 'mid-0', 40_000)).toBe('hit'); // evicted from memory, read from IndexedDB
  expect((await memory(page)).bytes).toBeLessThanOrEqual(bound);
});

test('C1 a cached function that allocates more than wasm32 can hold shows a readable out-of-memory error, not a blank page', async ({ page }) => {
  test.setTimeout(180_000);
  await gotoApp(page, 'faults');
  await setField(page, 'Note', 'before the allocation');
  await page.getByLabel('Allocate MiB', { exact: true }).fill('8192'); // 8 GiB: wasm32 stops at 4
  // Enter as a bare keydown: the allocation keeps the page's thread busy, so a full key press
  // (keydown, then keyup) would wait for it.
  await page.getByLabel('Allocate MiB', { exact: true }).dispatchEvent('keydown', { key: 'Enter' });
  const box = page.getByTestId('wlError');
  await expect(box).toBeVisible({ timeout: 120_000 });
  await expect(box).toContainText('The app ran out of memory');
  await expect(box).toContainText('Work on less data at once');
  await expect(box).toContainText('fatal error: out of memory'); // Go's own message, with its stack
  await expect(box).toHaveAttribute('role', 'alert');
  // What the app drew stays on the page under the error.
  await expect(text(page, 'note = ')).toHaveText('note = before the allocation');
});
