// The A9 elements in a real page, on examples/elements: a download button saves bytes and a
// table as CSV from a Blob URL, the select slider returns option values, the color picker and
// time input report what the user chose, long select lists filter by typing, a toast is
// announced and closes, a status container shows its state, a dialog opens, keeps its widgets
// across reruns and closes by its button or Escape, a popover opens and closes, and Write puts
// several values on one line. axe finds no violation with the overlays open (A16).
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const md = (page: Page, prefix: string) =>
  page.locator('[data-testid=stMarkdown]').filter({ hasText: new RegExp('^\\s*' + prefix) });

// Each test loads the app (a wasm boot) and some scan with axe: slow on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

async function noViolations(page: Page, state: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.flatMap((v) => v.nodes.map((n) => `${state}: ${v.id} at ${n.target.join(' ')}: ${n.failureSummary}`));
  expect(found).toEqual([]);
}

test('A9 download button saves bytes and a Frame as CSV, no server', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  await expect(page.locator('[data-testid=stDownloadButton]')).toHaveCount(2);
  const [notes] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download notes' }).click()]);
  expect(notes.suggestedFilename()).toBe('notes.txt');
  expect(notes.url()).toMatch(/^blob:/);
  expect(fs.readFileSync((await notes.path())!, 'utf8')).toBe('Bring water.\nStart at 9.\n');
  await settled(page);
  await expect(page.getByText('Notes saved.')).toBeVisible(); // the click reran the app, as a button's does

  const [rides] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download rides as CSV' }).click()]);
  expect(rides.suggestedFilename()).toBe('rides.csv');
  expect(fs.readFileSync((await rides.path())!, 'utf8')).toBe('city,km\nOslo,12.5\nLima,8\nKyoto,21.25\n');
  expect(pageErrors).toEqual([]);
});

test('A9 select slider, time input and color picker return what the user chose', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  const line = md(page, 'Size');
  await expect(line).toHaveText('Size M from Feb to Apr starting at 09:00 in #1f77b4');
  const size = page.getByRole('slider', { name: 'T-shirt size' });
  await expect(size).toHaveAttribute('aria-valuetext', 'M');
  await expect(page.locator('[data-testid=stSelectSlider]').first().locator('.wl-slider-value')).toHaveText('M');
  await size.focus();
  await size.press('ArrowRight');
  await settled(page);
  await expect(line).toHaveText('Size L from Feb to Apr starting at 09:00 in #1f77b4');
  await page.getByRole('slider', { name: 'Months (to)' }).fill('5');
  await settled(page);
  await expect(line).toHaveText('Size L from Feb to Jun starting at 09:00 in #1f77b4');
  await page.getByLabel('Start time').fill('10:30');
  await settled(page);
  await page.getByLabel('Line color').fill('#ff0000');
  await settled(page);
  await expect(line).toHaveText('Size L from Feb to Jun starting at 10:30 in #ff0000');
  expect(pageErrors).toEqual([]);
});

test('A9 searchable select and multiselect filter by typing', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  const search = page.locator('[data-testid=stSelectbox]').filter({ hasText: 'Country' }).getByRole('searchbox', { name: 'Search options' });
  await search.fill('nor');
  await expect(page.getByLabel('Country', { exact: true }).locator('option:not([hidden]):not([value="-1"])')).toHaveText(['Norway']);
  await search.press('Enter');
  await settled(page);
  await expect(md(page, 'Country:')).toHaveText('Country: Norway — visited 1 countries');

  const visited = page.locator('[data-testid=stMultiSelect]').filter({ hasText: 'Visited' }).getByRole('searchbox', { name: 'Search options' });
  await visited.fill('LAND');
  await expect(page.getByLabel('Visited', { exact: true }).locator('option:not([hidden]):not([value="-1"])')).toHaveText(['Finland', 'Iceland', 'Netherlands']);
  await visited.press('Enter');
  await settled(page);
  await expect(page.locator('[data-testid=stMultiSelect] .wl-chip > span')).toHaveText(['Finland', 'Norway']);
  await expect(visited).toHaveValue('');
  await expect(md(page, 'Country:')).toHaveText('Country: Norway — visited 2 countries');
  // A short list has no search field.
  await page.getByRole('button', { name: 'Vote' }).click();
  await expect(page.getByRole('dialog').locator('.wl-filter')).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('A9 A16 toast is announced and closes; status shows its state', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  const status = page.locator('[data-testid=stExpander]');
  await expect(status).toHaveAttribute('data-state', 'complete');
  await expect(status.locator('summary')).toHaveText('Complete: Report ready');
  await page.getByLabel('Make the report fail').check();
  await settled(page);
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status.locator('summary')).toContainText('The report failed');

  await page.getByRole('button', { name: 'Save settings' }).click();
  await settled(page);
  const toast = page.locator('[data-testid=stToast]');
  await expect(toast).toHaveCount(1);
  await expect(toast).toContainText('Settings saved');
  await expect(page.locator('[data-testid=stToastContainer]')).toHaveAttribute('aria-live', 'polite');
  await page.getByLabel('Make the report fail').uncheck(); // a rerun without the toast: it stays
  await settled(page);
  await noViolations(page, 'toast shown');
  await expect(toast).toHaveCount(1); // until the user closes it (the example's toast has no timeout)
  await toast.getByRole('button', { name: 'Close' }).click();
  await expect(toast).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('A9 A16 dialog opens from a button, keeps its widgets, closes by its button or Escape', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  await page.getByRole('button', { name: 'Vote' }).click();
  await settled(page);
  const dialog = page.getByRole('dialog', { name: 'Cast your vote' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Fruit').selectOption({ label: 'Papaya' });
  await settled(page);
  await dialog.getByLabel('Because').fill('sweet');
  await dialog.getByLabel('Because').press('Enter');
  await settled(page);
  await expect(dialog).toBeVisible(); // its own widgets' reruns keep it open
  await expect(dialog.getByLabel('Fruit')).toHaveValue('1');
  await noViolations(page, 'dialog open');
  await dialog.getByRole('button', { name: 'Submit vote' }).click();
  await settled(page);
  await expect(dialog).toHaveCount(0);
  await expect(md(page, 'Votes:')).toHaveText('Votes: 1');
  await expect(page.locator('[data-testid=stText]').filter({ hasText: 'Papaya (sweet)' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Vote' }).click();
  await settled(page);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await settled(page);
  await expect(dialog).toHaveCount(0);
  await page.getByLabel('Make the report fail').check(); // an unrelated rerun does not reopen it
  await settled(page);
  await expect(dialog).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('A9 A16 popover opens, holds widgets, and closes with Escape', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  const button = page.getByRole('button', { name: 'Chart settings' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Smooth lines')).toBeHidden();
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.getByLabel('Smooth lines').check();
  await settled(page);
  await expect(md(page, 'Smooth:')).toHaveText('Smooth: true days: 7 as of 1 Jan 2026');
  await expect(page.getByLabel('Smooth lines')).toBeVisible(); // still open after the rerun
  await noViolations(page, 'popover open');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Smooth lines')).toBeHidden();
  await expect(button).toBeFocused();
  expect(pageErrors).toEqual([]);
});

test('A9 Write puts several values on one line', async ({ page, pageErrors }) => {
  await gotoApp(page, 'elements');
  const first = md(page, 'Values on one line');
  await expect(first).toHaveCount(1);
  await expect(first).toHaveText('Values on one line: 3 rides, true and 2.5 km');
  await expect(first.locator('code')).toHaveText(['3', 'true', '2.5']);
  expect(pageErrors).toEqual([]);
});
