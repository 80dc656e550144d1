// Browser tests of the hello example: what only a real page shows. Each test names the SPEC ids
// it proves. Every wait is on data-status / wasmlit.settled(), never on time.
import { test, expect, type Page } from '@playwright/test';
import { gotoApp, settled } from './helpers';

const text = (page: Page, s: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });

test.beforeEach(async ({ page }) => {
  await gotoApp(page, 'hello');
});

test('A6 the root reports idle after the first run and after every interaction', async ({ page }) => {
  const root = page.locator('[data-status]').first();
  await expect(root).toHaveAttribute('data-status', 'idle');
  await page.getByRole('button', { name: 'Click me' }).click();
  await settled(page);
  await expect(root).toHaveAttribute('data-status', 'idle');
  await expect(text(page, 'clicks = 1')).toBeVisible();
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('A1 A3 every widget changes its shown value and reruns', async ({ page }) => {
  await page.getByLabel('Your name').fill('gopher');
  await page.getByLabel('Your name').press('Enter');
  await settled(page);
  await expect(text(page, 'name = gopher')).toBeVisible();

  await page.getByLabel('About you').fill('four');
  await page.getByLabel('About you').blur();
  await settled(page);
  await expect(text(page, 'about = 4 characters')).toBeVisible();

  await page.getByRole('button', { name: 'Click me' }).click();
  await settled(page);
  await expect(text(page, 'clicks = 1')).toBeVisible();

  await page.getByLabel('I agree').check();
  await settled(page);
  await expect(text(page, 'agree = true')).toBeVisible();

  await page.getByLabel('Night mode').check();
  await settled(page);
  await expect(text(page, 'night = true')).toBeVisible();

  await page.getByLabel('A day').fill('2027-01-02');
  await settled(page);
  await expect(text(page, 'day = 2027-01-02')).toBeVisible();

  await page.getByRole('radio', { name: 'L', exact: true }).check();
  await settled(page);
  await expect(text(page, 'size = L')).toBeVisible();

  await page.getByLabel('City').selectOption({ label: 'Tokyo' });
  await settled(page);
  await expect(text(page, 'city = Tokyo')).toBeVisible();

  await page.getByLabel('Fruits').selectOption({ label: 'cherry' });
  await settled(page);
  await expect(text(page, 'fruits = apple, cherry')).toBeVisible();

  await page.getByLabel('A file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello file') });
  await settled(page);
  await expect(text(page, 'file = notes.txt (10 bytes)')).toBeVisible();

  const points = page.getByRole('slider', { name: 'Points' });
  await points.fill('120');
  await settled(page);
  await expect(text(page, 'points = 120')).toBeVisible();

  await page.getByLabel('Temperature').fill('30');
  await page.getByLabel('Temperature').press('Enter');
  await settled(page);
  await expect(text(page, 'temperature = 30.0')).toBeVisible();

  // Sidebar widgets rerun the app too.
  await page.locator('[data-testid=stSidebar]').getByLabel('Greeting').selectOption({ label: 'Hi' });
  await settled(page);
  await expect(text(page, 'greeting = Hi')).toBeVisible();

  // A form sends its widgets only when submitted.
  const form = page.locator('[data-testid=stForm]');
  await form.getByLabel('Email').fill('a@b.c');
  await form.getByLabel('Email').press('Tab');
  await form.getByRole('radio', { name: 'Pro' }).check();
  await settled(page);
  await expect(text(page, 'submitted =')).toBeVisible();
  await form.getByRole('button', { name: 'Sign up' }).click();
  await settled(page);
  await expect(text(page, 'submitted = a@b.c / Pro')).toBeVisible();

  // Values survive reruns: rerun from the page menu and check them all again.
  await page.keyboard.press('r');
  await settled(page);
  await page.locator('[data-testid=stMultiSelect]').getByRole('button', { name: 'Remove apple' }).click();
  await settled(page);
  await expect(text(page, 'fruits = cherry')).toBeVisible();
  for (const s of ['name = gopher', 'clicks = 1', 'agree = true', 'city = Tokyo', 'points = 120', 'fruits = cherry', 'submitted = a@b.c / Pro']) {
    await expect(text(page, s)).toBeVisible();
  }
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('A4 fast clicks during slow runs: every click counts, the last value wins', async ({ page }) => {
  await page.locator('[data-testid=stSidebar]').getByLabel('Slow runs').check();
  await settled(page);
  const button = page.getByRole('button', { name: 'Click me' });
  for (let i = 0; i < 6; i++) await button.click({ delay: 0 }); // each lands while a 300 ms run is going
  await page.getByLabel('City').selectOption({ label: 'San Francisco' });
  await page.getByLabel('City').selectOption({ label: 'Tokyo' });
  await settled(page);
  await expect(text(page, 'clicks = 6')).toBeVisible();
  await expect(text(page, 'city = Tokyo')).toBeVisible();
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('A5 a panic shows an exception where it happened and the app keeps working', async ({ page }) => {
  await page.getByRole('button', { name: 'Raise a panic' }).click();
  await settled(page);
  const ex = page.locator('[data-testid=stException]');
  await expect(ex).toHaveCount(1);
  await expect(ex).toContainText('index out of range');
  await expect(ex).toContainText('main.go'); // the Go stack names the app's file
  await expect(page.locator('[data-testid=stTitle]')).toHaveText('Hello, wasmlit'); // earlier elements stay
  await expect(text(page, 'the end')).toHaveCount(0); // later ones were not drawn
  await page.getByRole('button', { name: 'Click me' }).click();
  await settled(page);
  await expect(ex).toHaveCount(0);
  await expect(text(page, 'the end')).toBeVisible();
});

test('A8 every element carries its data-testid and widgets have visible labels', async ({ page }) => {
  for (const id of ['stTitle', 'stCaption', 'stHeader', 'stMarkdown', 'stText', 'stTextInput', 'stTextArea', 'stButton',
    'stCheckbox', 'stToggle', 'stDateInput', 'stRadio', 'stSelectbox', 'stMultiSelect', 'stFileUploader', 'stSlider',
    'stNumberInput', 'stHorizontalBlock', 'stColumn', 'stMetric', 'stTabs', 'stLineChart', 'stProgress', 'stVerticalBlock',
    'stExpander', 'stCode', 'stJson', 'stForm', 'stFormSubmitButton', 'stAlert', 'stDivider', 'stDataFrame', 'stTable',
    'stImage', 'stSidebar']) {
    expect(await page.locator(`[data-testid=${id}]`).count(), id).toBeGreaterThan(0);
  }
  for (const label of ['Your name', 'About you', 'I agree', 'City', 'Temperature', 'A day', 'A file']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('slider', { name: 'Points' })).toBeVisible();
});

test('A7 markdown never runs HTML from data', async ({ page }) => {
  await page.getByLabel('Your name').fill('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
  await page.getByLabel('Your name').press('Enter');
  await settled(page);
  await expect(page.locator('[data-testid=stMarkdown]').filter({ hasText: 'Hello,' })).toContainText('<img src=x');
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('A7 the dataframe stays fast and sortable with a million rows', async ({ page }) => {
  await page.getByLabel('Rows').fill('1000000');
  await page.getByLabel('Rows').press('Enter');
  await settled(page);
  const grid = page.locator('[data-testid=stDataFrame]');
  await expect(grid.locator('[aria-rowcount]')).toHaveAttribute('aria-rowcount', /^100000[01]$/);
  expect(await grid.locator('[role=row]').count()).toBeLessThan(200); // virtualised
  await grid.getByRole('columnheader', { name: /value/ }).click();
  await expect(grid.getByRole('columnheader', { name: /value/ })).toHaveAttribute('aria-sort', 'ascending');
});

test('C2 fetch through the browser with progress, and a missing URL as a clear error', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  // app.wasm is in the HTTP cache since the page loaded it: bypass the cache, so the download
  // really crosses the (throttled) network and its progress shows.
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 1_000_000, uploadThroughput: 1_000_000 });
  await page.getByRole('button', { name: 'Fetch' }).click();
  await expect(page.locator('[data-testid=stProgress]').filter({ hasText: 'Downloading app.wasm' })).toBeVisible();
  await settled(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const size = await page.evaluate(async () => (await (await fetch('app.json')).json()).size);
  await expect(text(page, `fetched = ${size} bytes`)).toBeVisible();
  await expect(page.locator('[data-testid=stProgress]').filter({ hasText: 'Downloading' })).toHaveCount(0);

  await page.getByLabel('URL to fetch').fill('missing.bin');
  await page.getByLabel('URL to fetch').press('Enter');
  await settled(page);
  await page.getByRole('button', { name: 'Fetch' }).click();
  await settled(page);
  const alert = page.locator('[data-testid=stAlert]').filter({ hasText: 'missing.bin' });
  await expect(alert).toContainText('404');
  await expect(alert).toContainText('check the path');
});
