// Worker mode (SPEC C9): the app's Go program runs in a dedicated Web Worker (host/worker.js) and
// the page stays responsive while a cached function computes. The fixture is testapps/worker: a
// `Note` to type into, `Run` (a cached function that computes without yielding, once per run
// number, until the test writes release-<run>.txt into the served folder) and a `Services` toggle
// that fetches app.json and asks SQLite for 6 * 7. The page picks worker mode from its URL's #wl-mode=worker.
//
// Nothing here measures time: the page's own state (the session's data-status, the spinner, the
// input's value and a requestAnimationFrame counter) tells whether it kept working while the
// computation was still in progress, and the computation lasts until the test has looked.
import { test, expect, settled, recordKeys } from './helpers';
import type { Page } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const served = path.resolve(__dirname, '..', 'dist', 'worker');

declare global {
  // eslint-disable-next-line no-var
  var wlFrames: number | undefined;
}

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

/** open loads the fixture in worker mode and waits for its first run. */
async function open(page: Page) {
  await page.goto('/worker/#wl-mode=worker');
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
}

async function setField(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

/** state reads, in one task of the page, what it shows right now. */
function state(page: Page) {
  return page.evaluate(() => ({
    status: document.querySelector('.wl-root')?.getAttribute('data-status'),
    spinner: document.querySelector('[data-testid=stSpinner]') !== null,
    note: (document.querySelector('[data-testid=stTextInput] input') as HTMLInputElement | null)?.value,
    frames: globalThis.wlFrames ?? 0,
  }));
}

test('C9 worker mode: typing echoes and frames keep coming while a cached function computes', async ({ page, pageErrors }) => {
  await open(page);
  expect(page.workers().length, 'the app runs in a worker').toBeGreaterThanOrEqual(1);

  const release = path.join(served, 'release-1.txt');
  rmSync(release, { force: true });
  await setField(page, 'Run', '1');
  await expect(page.locator('[data-testid=stSpinner]')).toBeVisible(); // the computation began
  // A requestAnimationFrame loop on the page: it counts only while the page's thread is free.
  await page.evaluate(() => {
    globalThis.wlFrames = 0;
    const tick = () => { globalThis.wlFrames!++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.getByLabel('Note', { exact: true }).pressSequentially('echo');
  await page.waitForFunction(() => (globalThis.wlFrames ?? 0) >= 3);
  const during = await state(page);
  expect(during).toEqual({ status: 'running', spinner: true, note: 'echo', frames: during.frames });
  expect(during.frames).toBeGreaterThanOrEqual(3);

  writeFileSync(release, 'go on\n'); // the computation ends at its next look
  await settled(page);
  await expect(text(page, 'computed = ')).toHaveText('computed = true');
  await expect(page.locator('[data-testid=stSpinner]')).toHaveCount(0);
  // The typed note reaches Go once the computation is over.
  await page.getByLabel('Note', { exact: true }).press('Enter');
  await settled(page);
  await expect(text(page, 'note = ')).toHaveText('note = echo');
  expect(pageErrors).toEqual([]);
  rmSync(release, { force: true });
});

test('C9 worker mode: fetch, SQLite and the IndexedDB tier work in the worker', async ({ page, pageErrors }) => {
  await open(page);
  expect(page.workers().length).toBeGreaterThanOrEqual(1);
  await page.getByText('Services').click();
  await settled(page);
  await expect(text(page, 'fetch = ')).toHaveText('fetch = worker');
  await expect(text(page, 'sqlite = ')).toHaveText('sqlite = [42]');

  const release = path.join(served, 'release-7.txt');
  writeFileSync(release, 'go on\n');
  await setField(page, 'Run', '7');
  await settled(page);
  await expect(text(page, 'computed = ')).toHaveText('computed = true');
  await expect.poll(async () => (await recordKeys(page, 'wasmlit:worker')).length).toBeGreaterThan(0);

  // A reload reads the value back from IndexedDB: no computation, which would now wait for a
  // release that never comes.
  rmSync(release, { force: true });
  await open(page);
  await setField(page, 'Run', '7');
  await settled(page);
  await expect(text(page, 'computed = ')).toHaveText('computed = true');
  expect(pageErrors).toEqual([]);
});

test('A1 C9 a slow run fades what the last run drew and it has not reached, then shows it plainly', async ({ page, pageErrors }) => {
  await open(page);
  const release = path.join(served, 'release-3.txt');
  rmSync(release, { force: true });
  const root = page.locator('.wl-root');
  const later = page.locator('[data-testid=stToggle]'); // Services: drawn after the cached call
  const opacity = () => later.evaluate((el) => getComputedStyle(el).opacity);
  await expect(root).not.toHaveAttribute('data-slow');
  await expect.poll(opacity).toBe('1');

  await setField(page, 'Run', '3');
  await expect(page.locator('[data-testid=stSpinner]')).toBeVisible();
  await expect(later).toHaveAttribute('data-stale', ''); // kept where it was, marked
  await expect(root).toHaveAttribute('data-slow', ''); // the run has lasted: the page fades it
  await expect.poll(opacity).toBe('0.4');

  writeFileSync(release, 'go on\n');
  await settled(page);
  await expect(text(page, 'computed = ')).toHaveText('computed = true');
  await expect(root).not.toHaveAttribute('data-slow');
  await expect(later).not.toHaveAttribute('data-stale');
  await expect.poll(opacity).toBe('1');
  expect(pageErrors).toEqual([]);
  rmSync(release, { force: true });
});

test('A1 C9 a slow run fades every element it has not reached on a long page, and leaves none marked', async ({ page, pageErrors }) => {
  // More elements than the host marks in one frame (host/session.js, FADE_BATCH): the marks go on
  // over the following frames, and every element the run has not reached ends up faded.
  await open(page);
  await setField(page, 'Rows', '700');
  await settled(page);
  const rows = page.locator('[data-testid=stText]').filter({ hasText: /^\s*row \d+/ });
  await expect(rows).toHaveCount(700);
  const release = path.join(served, 'release-4.txt');
  rmSync(release, { force: true });

  await setField(page, 'Run', '4');
  await expect(page.locator('.wl-root')).toHaveAttribute('data-slow', '');
  await expect(rows.and(page.locator('[data-stale]'))).toHaveCount(700);
  await expect(page.locator('[data-testid=stToggle]')).toHaveAttribute('data-stale', '');
  await expect(page.getByLabel('Rows', { exact: true }).locator('xpath=ancestor::*[@data-testid][1]')).not.toHaveAttribute('data-stale');

  writeFileSync(release, 'go on\n');
  await settled(page);
  await expect(text(page, 'computed = ')).toHaveText('computed = true');
  await expect(page.locator('.wl-root')).not.toHaveAttribute('data-slow');
  await expect(page.locator('[data-stale]')).toHaveCount(0);
  await expect(rows).toHaveCount(700);
  expect(pageErrors).toEqual([]);
  rmSync(release, { force: true });
});
