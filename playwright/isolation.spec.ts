// Two apps on one origin (SPEC B4, C6): testapps/isolation-a and testapps/isolation-b have the same
// cached function, token for token (same name, signature and body), called with the same
// argument. Three things keep their entries apart, and the test checks each: every app has its own
// IndexedDB database (`wasmlit:<app name>`, host/idb.js); the function's identity hash, part of
// the key, differs between the two packages; and a record read under a key is checked to belong to
// the function reading it, so even one app's record put under the other's key is a miss.
import { test, expect, type Page } from '@playwright/test';
import { gotoApp, recordKeys, settled } from './helpers';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function runs(page: Page): Promise<number> {
  return Number((await text(page, 'runs = ').textContent())!.replace(/[^0-9]/g, ''));
}

async function setKey(page: Page, key: string) {
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Key', { exact: true }).press('Enter');
  await settled(page);
  await expect(text(page, 'value = ')).toHaveText(`value = value of ${key}`);
}

test('B4 C6 two apps on one origin with the same cached function and arguments never read, overwrite or clear each other\'s entries', async ({ context }) => {
  const a = await context.newPage();
  await gotoApp(a, 'isolation-a');
  await setKey(a, 'shared');
  expect(await runs(a)).toBe(1);
  await expect.poll(() => recordKeys(a, 'wasmlit:isolation-a')).toHaveLength(1);
  const [keyA] = await recordKeys(a, 'wasmlit:isolation-a');

  // App b computes the same call for itself: a's stored entry is not b's.
  const b = await context.newPage();
  await gotoApp(b, 'isolation-b');
  await setKey(b, 'shared');
  expect(await runs(b)).toBe(1);
  await expect.poll(() => recordKeys(b, 'wasmlit:isolation-b')).toHaveLength(1);
  const [keyB] = await recordKeys(b, 'wasmlit:isolation-b');
  // Keys are d:<function name>#<function hash>:<arguments hash>: the same name and arguments,
  // another function hash (the package path is part of it).
  const parts = (k: string) => /^d:([^#]+)#([0-9a-f]+):([0-9a-f]+)$/.exec(k)!.slice(1);
  expect(parts(keyB)[0]).toBe(parts(keyA)[0]);
  expect(parts(keyB)[2]).toBe(parts(keyA)[2]);
  expect(parts(keyB)[1]).not.toBe(parts(keyA)[1]);
  await setKey(b, 'only-b');
  await expect.poll(() => recordKeys(b, 'wasmlit:isolation-b')).toHaveLength(2);
  expect(await recordKeys(b, 'wasmlit:isolation-a')).toEqual([keyA]); // b wrote nothing into a's

  // Even a's record put under b's key in b's database is not read as b's value.
  const warnings: string[] = [];
  b.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await b.evaluate(async ({ keyA, keyB }) => {
    const open = (name: string) => new Promise<IDBDatabase>((ok, err) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    const da = await open('wasmlit:isolation-a');
    const rec = await new Promise<Uint8Array>((ok) => {
      const r = da.transaction('values').objectStore('values').get(keyA);
      r.onsuccess = () => ok(r.result);
    });
    da.close();
    const db = await open('wasmlit:isolation-b');
    const tx = db.transaction('values', 'readwrite');
    tx.objectStore('values').put(rec, keyB);
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  }, { keyA, keyB });
  await b.reload();
  await settled(b);
  await setKey(b, 'shared');
  expect(await runs(b)).toBe(1);
  expect(warnings.join('\n')).toContain('another function');
  await expect(b.locator('[data-testid=stException]')).toHaveCount(0);

  // Each app reads back its own entries after a reload.
  await a.reload();
  await settled(a);
  await setKey(a, 'shared');
  expect(await runs(a)).toBe(0);
  await setKey(a, 'only-b');
  expect(await runs(a)).toBe(1); // b's entry is not a's

  // Clearing the cache in b (the page menu, B15) leaves a's entries alone.
  await b.getByTestId('stMainMenu').click();
  await b.getByRole('menuitem', { name: 'Clear cache' }).click();
  await settled(b);
  await expect.poll(() => recordKeys(b, 'wasmlit:isolation-b')).toHaveLength(1); // b's current key, recomputed after the clear
  await expect.poll(() => recordKeys(a, 'wasmlit:isolation-a')).toHaveLength(2); // shared and a's own only-b
  await a.reload();
  await settled(a);
  await setKey(a, 'shared');
  await setKey(a, 'only-b');
  expect(await runs(a)).toBe(0);
});
