// examples/limits (issue 4, item 9): the seed's "Controlling cache size and duration" and
// "Customizing the spinner", each proved by behaviour: run counters the app shows, cache.Stats()
// on the page, and the spinners the DOM shows during slow misses. page.clock moves the browser's
// clock, which is Go's clock in wasm, so the TTL expires without sleeping.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const line = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function value(page: Page, prefix: string): Promise<string> {
  return (await line(page, prefix).textContent())!.trim().slice(prefix.length);
}

const seconds = (s: string) => Number(s.replace(/ s$/, ''));

async function rerun(page: Page) {
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
}

test('B6 ttl: the countdown runs down, and after it the value is recomputed', async ({ page, pageErrors }) => {
  await page.clock.install();
  await gotoApp(page, 'limits');
  expect(await value(page, 'getAPIData runs = ')).toBe('1');
  const left0 = seconds(await value(page, 'expires in = '));
  expect(left0).toBeGreaterThan(8); // just computed (minus how long the first run took)
  const taken = await value(page, 'price = ');

  await page.clock.fastForward(5_000);
  await rerun(page);
  expect(await value(page, 'getAPIData runs = ')).toBe('1'); // still fresh: a hit
  const left = seconds(await value(page, 'expires in = '));
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(left0 - 5); // counted down by at least the 5 s moved
  await expect(page.getByTestId('stProgress').first()).toContainText(`expires in ${left.toFixed(1)} s`);
  expect(await value(page, 'price = ')).toBe(taken);

  await page.clock.fastForward(10_000); // over 15 s after the first run: expired
  await rerun(page);
  expect(await value(page, 'getAPIData runs = ')).toBe('2');
  expect(seconds(await value(page, 'expires in = '))).toBeGreaterThan(9);
  expect(await value(page, 'price = ')).not.toBe(taken);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B21 background refresh: past the TTL the old quote is served, a new one is computed off the page, and the page reruns by itself to show it', async ({ page, pageErrors }) => {
  await page.clock.install();
  await gotoApp(page, 'limits');
  expect(await value(page, 'getQuote runs = ')).toBe('1, background refreshes = 0');
  const first = await value(page, 'quote = ');

  await page.clock.fastForward(15_000); // past getQuote's 10 s TTL, within its minute of staleness
  await rerun(page); // one click: this run is served the old quote and starts the refresh
  // No further click: the refresh stores the new quote, then the session reruns on its own.
  await expect(line(page, 'getQuote runs = ')).toHaveText('getQuote runs = 2, background refreshes = 1');
  await settled(page);
  expect(await value(page, 'quote = ')).not.toBe(first);
  // What the refresh's detached session drew went nowhere: the page has one quote line.
  await expect(line(page, 'quote = ')).toHaveCount(1);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B7 B24 max_entries: three entries at most, the least recently used is evicted', async ({ page, pageErrors }) => {
  await gotoApp(page, 'limits');
  const seed = async (n: number) => {
    await page.getByLabel('Seed', { exact: true }).selectOption({ label: String(n) });
    await settled(page);
  };
  const stats = () => value(page, 'entries = ');
  const runs = () => value(page, 'runs per seed = ');
  expect(await stats()).toBe('1, hits = 0, misses = 1'); // seed 1 on load

  await seed(2);
  await seed(3);
  expect(await stats()).toBe('3, hits = 0, misses = 3');
  await seed(1); // a hit, and 1 becomes the most recently used: 2 is now the oldest
  expect(await stats()).toBe('3, hits = 1, misses = 3');
  await seed(4); // a fourth entry: 2 is evicted, not 1 (LRU, not first-in first-out)
  expect(await stats()).toBe('3, hits = 1, misses = 4');
  await seed(1);
  expect(await runs()).toBe('1:1 2:1 3:1 4:1'); // 1 was kept
  await seed(2); // 2 was evicted: it runs again, and evicts 3
  expect(await runs()).toBe('1:1 2:2 3:1 4:1');
  expect(await stats()).toBe('3, hits = 2, misses = 5');
  await expect(page.locator('[data-testid=stMetric]').filter({ hasText: 'Entries' })).toContainText('3 of 3');
  await seed(3);
  expect(await runs()).toBe('1:1 2:2 3:2 4:1');
  await rerun(page); // a rerun is a hit on 3
  expect(await stats()).toBe('3, hits = 3, misses = 6');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B8 spinners: off shows none, custom text shows its text, show time counts seconds; hits show none', async ({ page, pageErrors }) => {
  await gotoApp(page, 'limits');
  // Record every spinner the page shows: its text, and the elapsed times it displayed.
  await page.evaluate(() => {
    type Seen = { text: string; times: string[] };
    const seen = new Map<Element, Seen>();
    (window as any).__spinners = () => [...seen.values()];
    new MutationObserver(() => {
      for (const e of document.querySelectorAll('[data-testid=stSpinner]')) {
        if (!seen.has(e)) seen.set(e, { text: e.querySelector('.wl-spinner-text')!.textContent!, times: [] });
        const t = e.querySelector<HTMLElement>('.wl-spinner-time')!;
        const rec = seen.get(e)!;
        if (!t.hidden && t.textContent && rec.times.at(-1) !== t.textContent) rec.times.push(t.textContent);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  // The TTL section's getAPIData may expire while this test runs (real time): leave out its spinner.
  const spinners = async () => (await page.evaluate(() => (window as any).__spinners() as { text: string; times: string[] }[]))
    .filter((s) => !s.text.includes('getAPIData'));
  await page.getByLabel('Delay ms', { exact: true }).fill('1500');
  await page.getByLabel('Delay ms', { exact: true }).press('Enter');
  await settled(page);
  expect(await spinners()).toEqual([]); // round 0: nothing cached runs

  await page.getByRole('button', { name: 'New round' }).click();
  const spinner = page.locator('[data-testid=stSpinner]');
  // The silent function runs first and shows nothing; the custom one shows its text while it runs.
  await expect(spinner).toHaveText('Fetching data from the API…');
  await expect(page.locator('[data-testid=stText]').filter({ hasText: 'silent: round 1 done' })).toHaveCount(1);
  await settled(page);
  await expect(spinner).toHaveCount(0); // removed when each function ends
  for (const name of ['silent', 'custom', 'timed']) {
    await expect(page.locator('[data-testid=stText]').filter({ hasText: `${name}: round 1 done` })).toHaveCount(1);
  }
  const seen = await spinners();
  expect(seen.map((s) => s.text)).toEqual(['Fetching data from the API…', 'Running `timed(...)`.']);
  expect(seen[0].times).toEqual([]); // custom text, no time
  // show_time: the elapsed time counted up while the 1.5 s miss ran.
  const shown = seen[1].times.map((t) => Number(t.replace(/[()s ]/g, '')));
  expect(shown.length).toBeGreaterThan(3);
  expect(Math.max(...shown)).toBeGreaterThanOrEqual(1.0);
  expect(shown).toEqual([...shown].sort((a, b) => a - b));

  // Hits: a rerun and a changed delay (an excluded argument) run nothing and show no spinner.
  await rerun(page);
  await page.getByLabel('Delay ms', { exact: true }).fill('1300');
  await page.getByLabel('Delay ms', { exact: true }).press('Enter');
  await settled(page);
  expect(await spinners()).toHaveLength(2);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
