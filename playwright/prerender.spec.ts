// The prerendered first paint (SPEC C7) and the prewarmed cache (C8), docs/PRERENDER.md. The
// build runs each app's first run natively and writes its elements into index.html; the live
// session adopts them in place. Calls marked with cache.Prewarm ship computed (rides' loader).
import { test, expect, settled } from './helpers';
import type { Page, Route } from '@playwright/test';

// rides parses 120 thousand rows in the page when it computes; a loaded 2-core machine needs time.
test.describe.configure({ timeout: 240_000 });

/** started waits for the host's test hook, however slowly the machine runs. */
async function started(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function', null, { timeout: 120_000 });
}

/** holdModule holds back every response for the app's module until release() is called. */
async function holdModule(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route('**/app.wasm*', async (route: Route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test('C7 hello shows its prerendered first run before the module, then adopts it in place', async ({ page, pageErrors }) => {
  const release = await holdModule(page);
  await page.goto('/hello/');
  // The module has not arrived: what shows is the build's HTML.
  const title = page.locator('[data-testid=stTitle]');
  await expect(title).toHaveText('Hello, wasmlit');
  await expect(page.locator('.wl-root[data-wl-prerendered]')).toHaveCount(1);
  await expect(page.locator('[data-testid=wlLoader]')).toBeHidden();
  expect(await page.evaluate(() => typeof (globalThis as any).wasmlitGo)).toBe('undefined');

  // Mark the session's nodes with JS properties, note where things stand, and type into a
  // prerendered field before the module is up.
  const before = await page.evaluate(() => {
    const main = document.querySelector('main.wl-main') as any;
    const root = document.querySelector('.wl-root') as any;
    main.wlMark = 'main';
    root.wlMark = 'root';
    const t = document.querySelector('[data-testid=stTitle]')!.getBoundingClientRect();
    return { top: t.top, height: t.height };
  });
  const name = page.getByLabel('Your name');
  await name.fill('Ada');
  await page.locator('[data-testid=stTitle]').click(); // leave the field

  release();
  await started(page);
  await settled(page);

  // The same root and main elements: adopted, not replaced.
  expect(await page.evaluate(() => (document.querySelector('main.wl-main') as any).wlMark)).toBe('main');
  expect(await page.evaluate(() => (document.querySelector('.wl-root') as any).wlMark)).toBe('root');
  await expect(page.locator('.wl-root')).toHaveCount(1);
  await expect(page.locator('[data-wl-prerendered]')).toHaveCount(0);
  await expect(title).toHaveCount(1);
  // No layout jump of what was shown.
  const after = await page.evaluate(() => {
    const t = document.querySelector('[data-testid=stTitle]')!.getBoundingClientRect();
    return { top: t.top, height: t.height };
  });
  expect(after).toEqual(before);
  // What was typed before the module was up reached the app.
  await expect(name).toHaveValue('Ada');
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^name = Ada$/ })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('C7 the live run takes over the prerendered elements one by one (same ids, same kinds)', async ({ page }) => {
  const release = await holdModule(page);
  await page.goto('/hello/');
  const pre = await page.evaluate(() => [...document.querySelectorAll('main.wl-main > [data-wl-id]')].map((e) => (e as HTMLElement).dataset.testid));
  expect(pre.length).toBeGreaterThan(5);
  release();
  await started(page);
  await settled(page);
  const live = await page.evaluate(() => [...document.querySelectorAll('main.wl-main > [data-testid]')].map((e) => (e as HTMLElement).dataset.testid));
  expect(live).toEqual(pre);
});

test('C7 the live page keeps the run\'s order however the module races the prerendered page', async ({ page }) => {
  // Not held: the module may start while the prerendered page is still being shown. Appended
  // live nodes go before the prerendered elements not taken over yet, and an adopted node that
  // stands elsewhere moves (an a11y run once found "Data" and "Fetch" above "Basics").
  await page.goto('/hello/');
  await started(page);
  await settled(page);
  const headers = await page.evaluate(() => [...document.querySelectorAll('main.wl-main h2')].map((e) => e.textContent?.trim()));
  expect(headers).toEqual(['Basics', 'Choices', 'Numbers', 'Layout', 'Data', 'Fetch', 'Trouble']);
  const inputs = await page.evaluate(() => [...document.querySelectorAll('main.wl-main [data-testid=stTextInput] input')].map((e) => e.getAttribute('aria-label') ?? (e as HTMLInputElement).labels?.[0]?.textContent?.trim()));
  expect(inputs.indexOf('Your name')).toBeLessThan(inputs.indexOf('URL to fetch'));
  expect(await page.locator('[data-wl-id]').count()).toBe(0); // every prerendered element taken over or removed
});

// Kinds whose prerendered markup is the component's own: every element node of theirs is kept.
const deepKinds = ['stTitle', 'stHeader', 'stText', 'stDivider', 'stTable', 'stMetric',
  'stButton', 'stFormSubmitButton', 'stCheckbox', 'stToggle', 'stTextInput', 'stTextArea'];
// Kinds whose root element node is kept (their inside may be drawn anew: markdown's formatting in
// markdown, captions and alerts, code's highlighting, a chart's canvas, the dataframe's grid,
// placeholders the build does not fill).
const rootKinds = [...deepKinds, 'stMarkdown', 'stCaption', 'stAlert', 'stCode', 'stSelectbox', 'stNumberInput', 'stSlider', 'stColumn', 'stHorizontalBlock',
  'stVerticalBlock', 'stForm', 'stEmpty', 'stExpander', 'stProgress', 'stDataFrame', 'stLineChart', 'stBarChart'];

test('C7 the live session adopts the prerendered element nodes themselves, and the page is live', async ({ page, pageErrors }) => {
  const release = await holdModule(page);
  await page.goto('/hello/');
  await expect(page.locator('.wl-root[data-wl-prerendered]')).toHaveCount(1);
  // Before the module: note every element node of the prerendered page in a WeakSet.
  const pre = await page.evaluate(() => {
    const seen = new WeakSet<Element>();
    for (const el of document.querySelectorAll('.wl-root *')) seen.add(el);
    (globalThis as any).wlPrerendered = seen;
    return [...document.querySelectorAll('.wl-root [data-wl-id]')].map((e) => (e as HTMLElement).dataset.testid!);
  });
  const name = page.getByLabel('Your name');
  await name.fill('Ada');
  await page.locator('[data-testid=stTitle]').click(); // leave the field
  // Type into another field and keep the focus there while the module arrives.
  const about = page.getByLabel('About you');
  await about.click();
  await about.pressSequentially('hi');

  release();
  await started(page);
  await settled(page);

  const kept = await page.evaluate(({ deepKinds, rootKinds }) => {
    const seen = (globalThis as any).wlPrerendered as WeakSet<Element>;
    const out = { roots: [] as string[], deep: [] as string[], controls: [] as string[] };
    for (const kind of rootKinds) {
      for (const el of document.querySelectorAll(`.wl-root [data-testid=${kind}]`)) {
        if (!seen.has(el)) out.roots.push(kind);
        else if (deepKinds.includes(kind) && [...el.querySelectorAll('*')].some((d) => !seen.has(d))) out.deep.push(kind);
      }
    }
    // (A long select's search field is not drawn by the build: it is new.)
    for (const c of document.querySelectorAll('.wl-root [data-testid] :is(input:not(.wl-filter), select, textarea, button)')) {
      if (!seen.has(c)) out.controls.push(`${c.closest('[data-testid]')?.getAttribute('data-testid')} ${c.tagName}`);
    }
    return out;
  }, { deepKinds, rootKinds });
  expect(pre.length).toBeGreaterThan(40);
  expect(kept.roots, 'element roots drawn anew instead of adopted').toEqual([]);
  expect(kept.deep, 'elements with inner nodes drawn anew').toEqual([]);
  // The form controls of the widgets the build draws are the prerendered ones (placeholders' are new).
  expect(kept.controls.filter((c) => /^(stButton|stFormSubmitButton|stCheckbox|stToggle|stTextInput|stTextArea|stSelectbox) /.test(c))).toEqual([]);
  await expect(page.locator('[data-wl-prerendered], [data-wl-id]')).toHaveCount(0);

  // What was typed before the module was up reached the app, and the page is live: a click on
  // the prerendered checkbox and button reruns the app.
  await expect(name).toHaveValue('Ada');
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^name = Ada$/ })).toBeVisible();
  // The focused field kept its text and the focus; leaving it sends the text.
  await expect(about).toBeFocused();
  await expect(about).toHaveValue('hi');
  expect(await about.evaluate((el) => (globalThis as any).wlPrerendered.has(el))).toBe(true);
  await about.press('Tab');
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^about = 2 characters$/ })).toBeVisible();
  const agree = page.getByRole('checkbox', { name: 'I agree' });
  expect(await agree.evaluate((el) => (globalThis as any).wlPrerendered.has(el))).toBe(true);
  await agree.check();
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^agree = true$/ })).toBeVisible();
  const city = page.locator('[data-testid=stSelectbox]').filter({ hasText: 'City' }).locator('select');
  await expect(city.locator('option:checked')).toHaveText('New York');
  await city.selectOption({ label: 'Tokyo' });
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^city = Tokyo$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Click me' }).click();
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^clicks = 1$/ })).toBeVisible();
  await settled(page);
  expect(await page.locator('[data-testid=stText]').filter({ hasText: /^clicks = 1$/ }).evaluate((el) => (globalThis as any).wlPrerendered.has(el))).toBe(true);
  expect(pageErrors).toEqual([]);
});

function csvRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => { if (/\.csv(\?|$)/.test(r.url())) seen.push(r.url()); });
  return seen;
}

test('C8 rides first visit with prewarm shows its table without fetching the CSV', async ({ page, pageErrors }) => {
  const csv = csvRequests(page);
  const bundle: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/rides/prewarm/')) bundle.push(new URL(r.url()).pathname); });
  await page.goto('/rides/');
  await started(page);
  await settled(page);
  const rows = Number((await page.locator('[data-testid=stText]').filter({ hasText: /^\s*rows = / }).textContent())!.replace(/[^0-9]/g, ''));
  expect(rows).toBeGreaterThan(100_000);
  await expect(page.locator('[data-testid=stDataFrame] [role=table]')).toHaveAttribute('aria-rowcount', String(rows + 1));
  // The loader never ran in this page: the record came from the bundle.
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^downloads = 0$/ })).toBeVisible();
  expect(csv).toEqual([]);
  expect(bundle.some((p) => p.endsWith('.rec'))).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('C8 a damaged prewarm record is ignored: rides computes instead', async ({ page }) => {
  await page.route('**/rides/prewarm/*.rec', (route) => route.fulfill({ status: 200, body: Buffer.from('wlc\u0000 not a record') }));
  const csv = csvRequests(page);
  await page.goto('/rides/');
  await started(page);
  await settled(page);
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^downloads = 1$/ })).toBeVisible();
  expect(csv.length).toBe(1);
});
