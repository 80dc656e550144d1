// examples/replay: elements and widgets drawn inside cached functions (the seed's "Static elements"
// and "Input widgets"). Every section shows how many times its function ran in this page.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function runs(page: Page, fn: string): Promise<number> {
  const t = await text(page, `${fn} runs = `).textContent();
  return Number(t!.replace(/[^0-9]/g, ''));
}

const rerun = async (page: Page) => {
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
};

test('B13 static elements drawn inside a cached function are replayed in place on a hit', async ({ page, pageErrors }) => {
  await gotoApp(page, 'replay');
  expect(await runs(page, 'getAPIData')).toBe(1);
  await rerun(page);
  await rerun(page);
  expect(await runs(page, 'getAPIData')).toBe(1); // hits
  // The success message is still there, right under the section's header, before the function's result.
  const order = await page.locator('[data-testid=stHeader], [data-testid=stAlert], [data-testid=stText]').allTextContents();
  const h = order.findIndex((s) => s.includes('1. Static elements'));
  expect(order[h + 1]).toContain('Fetched data from the API!');
  expect(order[h + 2]).toContain('Tokyo: 24 hourly readings');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B13 a whole cached section of UI (columns, metrics, chart, table) is replayed on a hit', async ({ page }) => {
  await gotoApp(page, 'replay');
  expect(await runs(page, 'showData')).toBe(1);
  await page.getByLabel('City', { exact: true }).selectOption('Lisbon');
  await settled(page);
  expect(await runs(page, 'showData')).toBe(2);
  await page.getByLabel('City', { exact: true }).selectOption('Tokyo');
  await settled(page);
  expect(await runs(page, 'showData')).toBe(2); // Tokyo again: a hit
  await expect(page.locator('[data-testid=stSubheader]').filter({ hasText: 'Data analysis: Tokyo' })).toHaveCount(1);
  await expect(page.locator('[data-testid=stMetric]')).toHaveCount(2);
  await expect(page.locator('[data-testid=stColumn] [data-testid=stMetric]')).toHaveCount(2);
  await expect(page.locator('[data-testid=stLineChart]')).toHaveCount(1);
  await expect(page.locator('[data-testid=stDataFrame]')).toHaveCount(1);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('B14 widgets inside a cached function with AllowWidgets: a new value computes, an earlier value hits', async ({ page }) => {
  await gotoApp(page, 'replay');
  // The seed's memory warning is on the page.
  await expect(page.locator('[data-testid=stAlert]').filter({ hasText: 'memory usage can explode' })).toHaveCount(1);
  expect(await runs(page, 'getData')).toBe(1);
  const slider = page.getByRole('slider', { name: 'Rows to fetch' });
  await slider.fill('12');
  await settled(page);
  await expect(text(page, 'fetched ')).toHaveText('fetched 12 rows');
  expect(await runs(page, 'getData')).toBe(2);
  await slider.fill('6');
  await settled(page);
  await expect(text(page, 'fetched ')).toHaveText('fetched 6 rows');
  expect(await runs(page, 'getData')).toBe(2); // 6 was seen before: a hit, and the slider still works
  await slider.fill('12');
  await settled(page);
  await expect(text(page, 'fetched ')).toHaveText('fetched 12 rows');
  expect(await runs(page, 'getData')).toBe(2);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('B14 without the opt-in a widget inside a cached function is a CachedWidgetError, and only then', async ({ page }) => {
  await gotoApp(page, 'replay');
  const exceptions = page.locator('[data-testid=stException]');
  await expect(exceptions).toHaveCount(0);
  const box = page.getByLabel('Call a cached function that draws a widget, without the opt-in', { exact: true });
  await box.check();
  await settled(page);
  await expect(exceptions).toHaveCount(1);
  await expect(exceptions).toContainText('CachedWidgetError');
  await expect(exceptions).toContainText('pass cache.AllowWidgets() to cache it per widget value.');
  await expect(page.getByRole('slider', { name: 'Rows (not allowed)' })).toHaveCount(0);
  await box.uncheck();
  await settled(page);
  await expect(exceptions).toHaveCount(0);
});
