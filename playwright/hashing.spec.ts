// examples/hashing: the seed's hash_funcs stories. Every section shows how many times its cached
// function ran in this page, so a count that stays put proves a hit.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix.replace(/[.*+?()[\]]/g, '\\$&')) });

async function runs(page: Page, fn: string): Promise<number> {
  const t = await text(page, `${fn} runs = `).textContent();
  return Number(t!.replace(/[^0-9]/g, ''));
}

const rerun = async (page: Page) => {
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
};

async function setNumber(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).press('Enter');
  await settled(page);
}

test('B11 B10 a custom struct is an UnhashableParamError in the seed\'s words, and HashFunc fixes it', async ({ page, pageErrors }) => {
  await gotoApp(page, 'hashing');
  const exceptions = page.locator('[data-testid=stException]');
  // Exactly the two unhashable calls the page makes on purpose (sections 1 and 4).
  await expect(exceptions).toHaveCount(2);
  await expect(exceptions.nth(0)).toContainText(
    "Cannot hash argument 'obj' (of type main.MyCustomClass) in 'multiplyScore'.");
  await expect(exceptions.nth(0)).toContainText('.OnChange: a func has no hashable value.');
  await expect(exceptions.nth(0)).toContainText('cache.HashFunc(func(v main.MyCustomClass) []byte { ... })');
  await expect(exceptions.nth(1)).toContainText(
    "Cannot hash argument 'person' (of type main.Person) in 'identity'.");
  await expect(text(page, 'multiplyScore = ')).toHaveText('multiplyScore = 30');
  expect(await runs(page, 'multiplyScore')).toBe(1);
  await rerun(page);
  expect(await runs(page, 'multiplyScore')).toBe(1); // hashed by its score: a hit
  await setNumber(page, 'Enter initial score', '16');
  await expect(text(page, 'multiplyScore = ')).toHaveText('multiplyScore = 32');
  expect(await runs(page, 'multiplyScore')).toBe(2);
  await setNumber(page, 'Enter initial score', '15');
  expect(await runs(page, 'multiplyScore')).toBe(2);
  await expect(exceptions).toHaveCount(2);
  expect(pageErrors).toEqual([]);
});

test('B12 a cached method hashes its receiver (by name, through HashFuncByName)', async ({ page }) => {
  await gotoApp(page, 'hashing');
  await expect(text(page, 'score.MultiplyScore(3) = ')).toHaveText('score.MultiplyScore(3) = 45');
  expect(await runs(page, 'MultiplyScore')).toBe(1);
  await rerun(page);
  expect(await runs(page, 'MultiplyScore')).toBe(1);
  await setNumber(page, 'Enter initial score', '20');
  await expect(text(page, 'score.MultiplyScore(3) = ')).toHaveText('score.MultiplyScore(3) = 60');
  expect(await runs(page, 'MultiplyScore')).toBe(2); // another receiver: a miss
  await setNumber(page, 'Enter initial score', '15');
  await expect(text(page, 'score.MultiplyScore(3) = ')).toHaveText('score.MultiplyScore(3) = 45');
  expect(await runs(page, 'MultiplyScore')).toBe(2); // the first receiver again: a hit
});

test('B10 hashing by identity hits wrongly for an object changed in place; hashing its value does not', async ({ page }) => {
  await gotoApp(page, 'hashing');
  await expect(text(page, 'by identity: ')).toHaveText('by identity: score × 2 = 30');
  await expect(text(page, 'by value: ')).toHaveText('by value: score × 2 = 30');
  await page.getByRole('button', { name: 'Add 10 to the score (in place)' }).click();
  await settled(page);
  await expect(text(page, 'kept score = ')).toHaveText('kept score = 25');
  // Same address, so the same key: the stale result of the old score.
  await expect(text(page, 'by identity: ')).toHaveText('by identity: score × 2 = 30');
  expect(await runs(page, 'doubleByIdentity')).toBe(1);
  // Hashed by the score: a miss, and the right result.
  await expect(text(page, 'by value: ')).toHaveText('by value: score × 2 = 50');
  expect(await runs(page, 'doubleByValue')).toBe(2);
});

test('B10 a validated model struct is hashed by a function of its fields', async ({ page }) => {
  await gotoApp(page, 'hashing');
  await expect(text(page, 'The person is ')).toHaveText('The person is Lee');
  expect(await runs(page, 'identity')).toBe(1);
  await page.getByLabel("Person's name", { exact: true }).fill('Ada');
  await page.getByLabel("Person's name", { exact: true }).press('Enter');
  await settled(page);
  await expect(text(page, 'The person is ')).toHaveText('The person is Ada');
  expect(await runs(page, 'identity')).toBe(2);
  await page.getByLabel("Person's name", { exact: true }).fill('Lee');
  await page.getByLabel("Person's name", { exact: true }).press('Enter');
  await settled(page);
  expect(await runs(page, 'identity')).toBe(2); // Lee again: a new Person, the same name: a hit
});

test('B10 a model type hashed by its name string ("main.MyModel")', async ({ page }) => {
  await gotoApp(page, 'hashing');
  await expect(text(page, 'layers = ')).toHaveText(/^layers = conv1, /);
  expect(await runs(page, 'loadLayers')).toBe(1);
  await page.getByRole('radio', { name: '2' }).check();
  await settled(page);
  await expect(text(page, 'layers = ')).toHaveText(/^layers = Conv1, /);
  expect(await runs(page, 'loadLayers')).toBe(2);
  await page.getByRole('radio', { name: '1' }).check();
  await settled(page);
  await expect(text(page, 'layers = ')).toHaveText(/^layers = conv1, /);
  expect(await runs(page, 'loadLayers')).toBe(2);
});

test('B10 time.Time: one instant in two zones misses by default and hits with a UTC formatting hash', async ({ page }) => {
  await gotoApp(page, 'hashing');
  await expect(text(page, 'now = ')).toContainText('equal instants: true');
  expect(await runs(page, 'loadData')).toBe(2); // UTC and CET: two keys
  expect(await runs(page, 'loadDataByMinute')).toBe(1); // one key: the second call hit
  await expect(text(page, 'loaded for ')).toHaveText([
    'loaded for Fri, 01 Mar 2024 11:30:00 UTC',
    'loaded for Fri, 01 Mar 2024 12:30:00 CET',
    'loaded for Fri, 01 Mar 2024 11:30:00 UTC',
    'loaded for Fri, 01 Mar 2024 11:30:00 UTC', // the hit returns what the first call stored
  ]);
  await rerun(page);
  expect(await runs(page, 'loadData')).toBe(2);
  expect(await runs(page, 'loadDataByMinute')).toBe(1);
});

test('B10 a numeric slice: noise misses every run with exact hashing, hits with a rounding hash', async ({ page }) => {
  await gotoApp(page, 'hashing');
  expect(await runs(page, 'showData')).toBe(1);
  expect(await runs(page, 'showDataRounded')).toBe(1);
  await page.getByLabel('Measure again on every run (noise)', { exact: true }).check();
  await settled(page);
  expect(await runs(page, 'showData')).toBe(2);
  expect(await runs(page, 'showDataRounded')).toBe(1);
  await rerun(page);
  await rerun(page);
  expect(await runs(page, 'showData')).toBe(4); // new noise, new key, every run
  expect(await runs(page, 'showDataRounded')).toBe(1); // the same to two decimals: hits
});

test('B9 a parameter named with a leading underscore is not part of the key', async ({ page }) => {
  await gotoApp(page, 'hashing');
  await expect(text(page, 'fetched ')).toHaveText('fetched 10 rows over connection #1');
  expect(await runs(page, 'fetchData')).toBe(1);
  await page.getByRole('button', { name: 'Reconnect' }).click();
  await settled(page);
  await expect(text(page, 'current connection = ')).toHaveText('current connection = #2');
  // _dbConnection is excluded: the new connection hits the entry made over the first one.
  expect(await runs(page, 'fetchData')).toBe(1);
  await expect(text(page, 'fetched ')).toHaveText('fetched 10 rows over connection #1');
  await setNumber(page, 'Rows to fetch', '20');
  await expect(text(page, 'fetched ')).toHaveText('fetched 20 rows over connection #2');
  expect(await runs(page, 'fetchData')).toBe(2);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(2); // only sections 1 and 4
});
