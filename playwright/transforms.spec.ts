// The transforms example (examples/transforms): the seed's cached DataFrame transforms and array
// math. Every cached function counts its runs in the page; a parameter value seen before is a hit,
// so the counts stay when a widget goes back to it (B1). snapToGrid rounds its input in place, yet
// the cached filtered rides keep their values (B3).
import { test, expect, type Page } from '@playwright/test';
import { gotoApp, settled } from './helpers';

const text = (page: Page, s: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });

async function value(page: Page, prefix: string): Promise<string> {
  const t = await page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) }).textContent();
  return t!.trim().slice(prefix.length);
}

async function expectRuns(page: Page, load: number, filter: number, perHour: number, snap: number, add: number) {
  await expect(text(page, `runs: load = ${load}, filter = ${filter}, perHour = ${perHour}, snap = ${snap}, add = ${add}`)).toBeVisible();
}

async function setHour(page: Page, hour: number) {
  const field = page.getByLabel('Hour of the day (-1 for all)');
  await field.fill(String(hour));
  await field.press('Enter');
  await settled(page);
}

test.beforeEach(async ({ page }) => {
  await gotoApp(page, 'transforms');
});

test('B1 revisiting a parameter value is a hit: the run counts stay', async ({ page }) => {
  // The first run: every function runs once (the second filterRides call with the same arguments
  // is already a hit).
  await expectRuns(page, 1, 1, 1, 1, 1);
  const all = await value(page, 'filtered rows = ');

  await page.getByLabel('Base', { exact: true }).selectOption({ label: 'B02598' });
  await settled(page);
  await expectRuns(page, 1, 2, 2, 2, 1);
  expect(Number(await value(page, 'filtered rows = '))).toBeLessThan(Number(all));

  await page.getByLabel('Base', { exact: true }).selectOption({ label: 'all bases' });
  await settled(page);
  await expectRuns(page, 1, 2, 2, 2, 1); // all hits
  await expect(text(page, `filtered rows = ${all}`)).toBeVisible();

  await setHour(page, 17);
  await expectRuns(page, 1, 3, 2, 3, 1);
  await setHour(page, -1);
  await expectRuns(page, 1, 3, 2, 3, 1);
  await setHour(page, 17);
  await expectRuns(page, 1, 3, 2, 3, 1);

  await page.getByLabel('Array length').selectOption({ label: '1000000' });
  await settled(page);
  await expectRuns(page, 1, 3, 2, 3, 2);
  await expect(text(page, 'sum[0] = 1, sum[last] = 1e+06')).toBeVisible();
  await page.getByLabel('Array length').selectOption({ label: '1000' });
  await settled(page);
  await expectRuns(page, 1, 3, 2, 3, 2);
  await expect(text(page, 'sum[0] = 1, sum[last] = 1000')).toBeVisible();

  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  await expectRuns(page, 1, 3, 2, 3, 2);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('B3 a transform that mutates its input leaves the cached input unchanged', async ({ page }) => {
  // On the first run snapToGrid is a miss: it rounds the filtered rides it was given, in place.
  await expectRuns(page, 1, 1, 1, 1, 1);
  const before = await value(page, 'first Lat before snapping = ');
  const snapped = await value(page, 'snapped first Lat = ');
  expect(Number(snapped)).toBeCloseTo(Math.round(Number(before) * 100) / 100, 9);
  expect(snapped).not.toBe(before);
  // The same filterRides call again is a hit: a fresh copy with the original values.
  await expect(text(page, `first Lat from the cache after snapping = ${before}`)).toBeVisible();

  // A finer grid: another miss, another in-place mutation, and still the cache is intact.
  await page.getByLabel('Grid step (degrees)').selectOption({ label: '0.001' });
  await settled(page);
  await expectRuns(page, 1, 1, 1, 2, 1);
  await expect(text(page, `first Lat from the cache after snapping = ${before}`)).toBeVisible();
  await expect(text(page, `first Lat before snapping = ${before}`)).toBeVisible();
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});
