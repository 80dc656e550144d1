// Empty values and control flow in a real page (SPEC A13, A14), on the fixture testapps/flow: an
// empty number input cleared and filled, a clearable selectbox and date input, st.Stop from a
// nested function, and query params written into the URL without new history entries, kept by a
// reload.
import { type Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });

// commit types value into the field labelled label and presses Enter, as a person does.
async function commit(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
  await settled(page);
}

test('A13 an empty number input is cleared and filled', async ({ page, pageErrors }) => {
  await gotoApp(page, 'flow');
  const age = page.getByLabel('Age', { exact: true });
  await expect(age).toHaveValue('');
  await expect(age).toHaveAttribute('placeholder', 'Type your age');
  await expect(text(page, 'age = ')).toHaveText('age = none');

  await commit(page, 'Age', '42');
  await expect(text(page, 'age = ')).toHaveText('age = 42');
  await commit(page, 'Age', '');
  await expect(text(page, 'age = ')).toHaveText('age = none');
  await expect(age).toHaveValue('');
  await commit(page, 'Age', '7');
  await expect(text(page, 'age = ')).toHaveText('age = 7');
  expect(pageErrors).toEqual([]);
});

test('A13 a selectbox and a date input start empty and are cleared', async ({ page, pageErrors }) => {
  await gotoApp(page, 'flow');
  const city = page.getByLabel('City', { exact: true });
  await expect(city.locator('option:checked')).toHaveText('No city');
  await expect(text(page, 'city = ')).toHaveText('city = none');
  await city.selectOption('Lyon');
  await settled(page);
  await expect(text(page, 'city = ')).toHaveText('city = Lyon');
  await city.selectOption('No city'); // the placeholder is a choice: it clears the selectbox
  await settled(page);
  await expect(text(page, 'city = ')).toHaveText('city = none');

  const due = page.getByLabel('Due', { exact: true });
  await expect(due).toHaveValue('');
  await due.fill('2025-01-31');
  await settled(page);
  await expect(text(page, 'due = ')).toHaveText('due = 2025-01-31');
  await due.fill('');
  await settled(page);
  await expect(text(page, 'due = ')).toHaveText('due = none');
  expect(pageErrors).toEqual([]);
});

test('A14 Stop ends the run from a nested function with no exception', async ({ page, pageErrors }) => {
  await gotoApp(page, 'flow');
  await expect(text(page, 'after stop')).toBeVisible();
  await page.getByLabel('Stop here', { exact: true }).check();
  await settled(page);
  await expect(page.locator('[data-testid=stAlert]').filter({ hasText: 'Stopped' })).toBeVisible();
  await expect(text(page, 'before stop')).toBeVisible();
  await expect(text(page, 'after stop')).toHaveCount(0);
  await expect(text(page, 'unreachable')).toHaveCount(0);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  // The app stays interactive: widgets before the Stop work, and unchecking runs to the end.
  await commit(page, 'Age', '30');
  await expect(text(page, 'age = ')).toHaveText('age = 30');
  await page.getByLabel('Stop here', { exact: true }).uncheck();
  await settled(page);
  await expect(text(page, 'after stop')).toBeVisible();
  await expect(page.locator('[data-testid=stAlert]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('A14 query params set, deleted and cleared are in the URL, with no new history entry, and survive a reload', async ({ page, pageErrors }) => {
  await page.goto('/flow/?keep=1#section');
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  const entries = await page.evaluate(() => history.length);
  await expect(text(page, 'query = ')).toHaveText('query = keep=1');

  await page.getByRole('button', { name: 'Set query' }).click();
  await settled(page);
  // Read back in the run that wrote them, and shown in the address bar at once.
  await expect(text(page, 'query = ')).toHaveText('query = city=Lyon&keep=1&tag=a+b&tag=c%26d');
  expect(new URL(page.url()).search).toBe('?city=Lyon&keep=1&tag=a+b&tag=c%26d');
  expect(new URL(page.url()).pathname).toBe('/flow/');
  expect(new URL(page.url()).hash).toBe('#section');
  expect(await page.evaluate(() => history.length)).toBe(entries);

  await page.reload();
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  await expect(text(page, 'query = ')).toHaveText('query = city=Lyon&keep=1&tag=a+b&tag=c%26d');

  await page.getByRole('button', { name: 'Delete tag' }).click();
  await settled(page);
  expect(new URL(page.url()).search).toBe('?city=Lyon&keep=1');
  await expect(text(page, 'query = ')).toHaveText('query = city=Lyon&keep=1');

  await page.getByRole('button', { name: 'Clear query' }).click();
  await settled(page);
  expect(page.url()).toMatch(/\/flow\/#section$/);
  await expect(text(page, 'query = ')).toHaveText('query =');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  expect(pageErrors).toEqual([]);
});
