// Browser tests of the database example: SQLite (the official WebAssembly build) in the page,
// its connection cached as a resource and its query cached as data. Each test names the SPEC ids
// it proves; every wait is on wasmlit.settled() / data-status, never on time.
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const text = (page: Page, s: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });

/** counts asserts what the page shows: connections opened, query runs and rows. */
async function counts(page: Page, opened: number, queries: number, rows: number) {
  await expect(text(page, `connections opened = ${opened}`)).toBeVisible();
  await expect(text(page, `query runs = ${queries}`)).toBeVisible();
  await expect(text(page, `rows = ${rows}`)).toBeVisible();
}

async function pick(page: Page, rows: number) {
  await page.getByLabel('Number of rows').selectOption({ label: String(rows) });
  await settled(page);
}

async function rerun(page: Page) {
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
}

test('B5 B9 the connection opens once; the query key is numRows alone, _conn is not hashed', async ({ page, pageErrors }) => {
  const sqlLoads: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/shop.sql')) sqlLoads.push(r.url()); });
  await gotoApp(page, 'database');
  await counts(page, 1, 1, 10);

  // The dataframe shows the query's rows: a header row plus 10, newest order first.
  const grid = page.locator('[data-testid=stDataFrame]').first().locator('[aria-rowcount]');
  await expect(grid).toHaveAttribute('aria-rowcount', '11');
  await expect(page.locator('[data-testid=stDataFrame]').first()).toContainText('customer');

  await rerun(page); // same numRows, same (excluded) connection: a hit
  await counts(page, 1, 1, 10);

  await pick(page, 50); // a new numRows runs the query; the connection is reused (B5)
  await counts(page, 1, 2, 50);
  await expect(grid).toHaveAttribute('aria-rowcount', '51');

  await pick(page, 10); // back to a value already fetched: a hit (B9: the key ignores _conn)
  await counts(page, 1, 2, 10);
  await pick(page, 400);
  await counts(page, 1, 3, 400);
  await rerun(page);
  await counts(page, 1, 3, 400);

  expect(sqlLoads).toHaveLength(1); // the script was downloaded (and run) once
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B6 a query result older than its one-hour TTL runs the query again', async ({ page, pageErrors }) => {
  await gotoApp(page, 'database');
  await counts(page, 1, 1, 10);
  await rerun(page);
  await counts(page, 1, 1, 10); // fresh: a hit

  // Move the page's wall clock (what Go's time.Now reads) 61 minutes on: the entry has expired.
  await page.clock.setSystemTime(Date.now() + 61 * 60_000);
  await rerun(page);
  await counts(page, 1, 2, 10); // the query ran again; the resource (no TTL) was kept
  await rerun(page);
  await counts(page, 1, 2, 10); // and the new entry is fresh
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B4 B6 after a reload the stored result serves within its TTL and expires after it', async ({ page, pageErrors }) => {
  await gotoApp(page, 'database');
  await counts(page, 1, 1, 10);
  const reload = async () => {
    await page.reload();
    await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
    await settled(page);
  };
  await reload();
  // A resource lives in page memory, so the new page opens its own connection; the query's
  // result comes from IndexedDB: the query does not run.
  await counts(page, 1, 0, 10);

  // The TTL holds for stored entries too: 61 minutes later a reload runs the query again.
  await page.clock.setSystemTime(Date.now() + 61 * 60_000);
  await reload();
  await counts(page, 1, 1, 10);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a SQLite error reaches the Go code as a *sqlite.Error with SQLite\'s message', async ({ page, pageErrors }) => {
  await gotoApp(page, 'database');
  const box = page.getByLabel('SQL', { exact: true });
  const ask = page.locator('[data-testid=stExpander]');
  await expect(ask.locator('[data-testid=stDataFrame]')).toContainText('Equipment'); // the starting query ran

  await box.fill('SELECT * FROM nowhere');
  await box.blur();
  await settled(page);
  await expect(ask.locator('[data-testid=stAlert]')).toContainText(
    'sqlite: query "SELECT * FROM nowhere": no such table: nowhere (SQLITE_ERROR)');

  await box.fill('SELECT count(*) AS customers FROM customers');
  await box.blur();
  await settled(page);
  await expect(ask.locator('[data-testid=stAlert]')).toHaveCount(0);
  await expect(ask.locator('[data-testid=stDataFrame]')).toContainText('60');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
