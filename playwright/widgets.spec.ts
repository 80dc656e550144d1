// The widget model in a real page (SPEC A2, A11, A12), on testapps/widgetmodel: dependent
// dropdowns never show a city nobody chose, and a slider and a number input linked through
// callbacks and session state follow each other.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const line = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

test('A2 dependent dropdowns: a new country shows its default city, never one nobody chose', async ({ page, pageErrors }) => {
  await gotoApp(page, 'widgetmodel');
  const country = page.getByLabel('Country', { exact: true });
  const city = page.getByLabel('City', { exact: true });
  await expect(line(page, 'chosen = ')).toHaveText('chosen = FR Paris');

  await city.selectOption({ label: 'Lyon' });
  await settled(page);
  await expect(line(page, 'chosen = ')).toHaveText('chosen = FR Lyon');

  await country.selectOption({ label: 'US' });
  await settled(page);
  // Lyon was index 1; index 1 of the US list is LA, which nobody chose.
  await expect(line(page, 'chosen = ')).toHaveText('chosen = US NYC');
  await expect(city.locator('option:checked')).toHaveText('NYC');
  await expect(city.locator('option:not([disabled])')).toHaveText(['NYC', 'LA', 'SF']);
  expect(pageErrors).toEqual([]);
});

test('A12 A11 linked widgets: a slider and a number input follow each other', async ({ page, pageErrors }) => {
  await gotoApp(page, 'widgetmodel');
  const slider = page.getByLabel('Percent', { exact: true });
  const number = page.getByLabel('Percent as a number', { exact: true });
  await expect(line(page, 'linked = ')).toHaveText('linked = 0 0');

  await slider.fill('30');
  await settled(page);
  await expect(line(page, 'linked = ')).toHaveText('linked = 30 30');
  await expect(number).toHaveValue('30');

  await number.fill('75');
  await number.press('Enter');
  await settled(page);
  await expect(line(page, 'linked = ')).toHaveText('linked = 75 75');
  await expect(slider).toHaveValue('75');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
