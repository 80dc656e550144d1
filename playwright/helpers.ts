// Shared helpers of the browser tests.
//
//   import { test, expect, gotoApp, settled } from './helpers';
//
// `test` is Playwright's test with one more fixture, `pageErrors`: every console error and
// uncaught page error of `page`, for a spec to assert `expect(pageErrors).toEqual([])`.
import { test as base, expect, type Page } from '@playwright/test';

declare global {
  // The page's public test hook (SPEC A6).
  // eslint-disable-next-line no-var
  var wasmlit: { settled(): Promise<void> } | undefined;
}

/** settled waits until every session of the page is idle and every event has been taken. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => globalThis.wasmlit!.settled());
}

/** gotoApp opens /<name>/, waits for the runtime's hook to exist, then for the first run to settle. */
export async function gotoApp(page: Page, name: string): Promise<void> {
  await page.goto(`/${name}/`);
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
}

/**
 * recordKeys lists the keys of IndexedDB database db's `meta` store (one per cache record, see
 * host/idb.js), sorted, straight from IndexedDB; empty when the database has no such store.
 */
export function recordKeys(page: Page, db: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const conn: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    try {
      if (!conn.objectStoreNames.contains('meta')) return [];
      return await new Promise<string[]>((ok, err) => {
        const r = conn.transaction('meta').objectStore('meta').getAllKeys();
        r.onsuccess = () => ok((r.result as string[]).sort());
        r.onerror = () => err(r.error);
      });
    } finally {
      conn.close();
    }
  }, db);
}

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await use(errors);
  },
});

export { expect };
