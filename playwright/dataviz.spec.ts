// examples/charts (issue 14, SPEC A9): the data elements in the page — the data editor's typed
// edits, tooltips and legends on area, scatter and line charts (one of a million points,
// downsampled in Go), the map with no tile server, lazily loaded code highlighting, and the
// dataframe's content widths, search, CSV download, full screen and column resize.
import fs from 'node:fs';
import { test, expect, settled } from './helpers';

// The page holds a million-point chart, a 5,000-row table and a map: on a loaded 2-core machine
// its load and each test take longer than the defaults allow.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
  await page.goto('/charts/');
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function', null, { timeout: 60_000 });
  await settled(page);
});

const text = (page, s: string) => page.locator('[data-testid=stText]', { hasText: s });

test('A9 data editor: edited cells come back typed, rows added and deleted', async ({ page, pageErrors }) => {
  const ed = page.locator('[data-testid=stDataEditor]');
  await expect(ed.locator('tbody tr')).toHaveCount(4);
  await ed.getByLabel('stock, row 1').fill('10');
  await ed.getByLabel('stock, row 1').press('Enter');
  await ed.getByLabel('stock, row 1').blur();
  await settled(page);
  await expect(text(page, 'edited cells = 1, added rows = 0, deleted rows = 0')).toBeVisible();
  await expect(text(page, 'stock value = 183.75')).toBeVisible(); // 1.5*12 + 2*10 + 3.25*7 + 4.1*30

  // Not a number: marked invalid, explained, and not sent.
  await ed.getByLabel('price, row 2').fill('cheap');
  await ed.getByLabel('price, row 2').blur();
  await expect(ed.getByLabel('price, row 2')).toHaveAttribute('aria-invalid', 'true');
  await expect(ed.locator('.wl-editor-msg')).toContainText('"cheap" is not a number');
  await settled(page);
  await expect(text(page, 'stock value = 183.75')).toBeVisible();

  await ed.getByLabel('Select row 0').check();
  await ed.getByRole('button', { name: 'Delete selected rows' }).click();
  await settled(page);
  await expect(text(page, 'deleted rows = 1')).toBeVisible();
  await expect(text(page, 'stock value = 165.75')).toBeVisible();

  await ed.getByRole('button', { name: '+ Add row' }).click();
  await ed.getByLabel('price, row new 1').fill('2');
  await ed.getByLabel('price, row new 1').blur();
  await ed.getByLabel('stock, row new 1').fill('5');
  await ed.getByLabel('stock, row new 1').blur();
  await settled(page);
  await expect(text(page, 'added rows = 1')).toBeVisible();
  await expect(text(page, 'stock value = 175.75')).toBeVisible();

  // Go's copy of the edits comes back after a reload of the session's page state.
  await expect(ed.locator('tbody tr')).toHaveCount(4);
  expect(pageErrors).toEqual([]);
});

test('A9 every chart has a legend, and a tooltip under the pointer and the keyboard', async ({ page, pageErrors }) => {
  for (const [kind, names] of [['stAreaChart', ['north', 'south']], ['stScatterChart', ['height', 'weight']], ['stLineChart', ['signal']]] as const) {
    const chart = page.locator(`[data-testid=${kind}]`);
    const over = chart.locator('.u-over');
    await expect(over).toBeVisible();
    for (const n of names) await expect(chart.locator('.u-legend')).toContainText(n);
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    const tip = chart.locator('[data-testid=stChartTooltip]');
    await expect(tip).toBeVisible();
    for (const n of names) await expect(tip).toContainText(`${n}: `);
    await page.mouse.move(0, 0);
  }
  // Keyboard: focus the area plot, arrows move the pointer from point to point.
  const area = page.locator('[data-testid=stAreaChart]');
  await area.locator('.u-over').focus();
  await page.keyboard.press('Home');
  await expect(area.locator('[data-testid=stChartTooltip]')).toContainText('day: 1');
  await page.keyboard.press('ArrowRight');
  await expect(area.locator('[data-testid=stChartTooltip]')).toContainText('day: 2');
  expect(pageErrors).toEqual([]);
});

test('A9 a million-point series is downsampled in Go and stays interactive', async ({ page }) => {
  const chart = page.locator('[data-testid=stLineChart]');
  await expect(chart.locator('.wl-chart-note')).toContainText('of 1,000,000 points');
  const points = Number(await chart.getAttribute('data-points'));
  expect(points).toBeLessThanOrEqual(4002);
  expect(points).toBeGreaterThan(1000);
  // The spike at sample 640,000 survives: the y axis reaches 4.
  await expect(chart).toHaveAttribute('data-y-max', '4');
  const renderMs = Number(await chart.getAttribute('data-render-ms'));
  // Hover response: from a pointer move to the tooltip showing the value there.
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = (await over.boundingBox())!;
  const hoverMs = await page.evaluate(async ({ x, y }) => {
    const el = document.querySelector('[data-testid=stLineChart] .u-over')!;
    const tip = document.querySelector('[data-testid=stLineChart] [data-testid=stChartTooltip]') as HTMLElement;
    const t0 = performance.now();
    el.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    if (tip.hidden) throw new Error('no tooltip');
    return performance.now() - t0;
  }, { x: box.x + box.width * 0.64, y: box.y + box.height / 2 });
  console.log(`A9 1M-point line chart: ${points} points drawn, uPlot build ${renderMs} ms, hover to tooltip ${hoverMs.toFixed(1)} ms`);
  await expect(chart.locator('[data-testid=stChartTooltip]')).toContainText('signal: ');
});

test('A9 map: points with no tile server, tooltips, zoom and keyboard', async ({ page, pageErrors }) => {
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1')) outside.push(r.url()); });
  await page.reload();
  await settled(page);
  const map = page.locator('[data-testid=stMap]');
  await expect(map).toHaveAttribute('data-tiles', 'off');
  await expect(map).toHaveAttribute('data-points', '8');
  await expect(map.locator('img')).toHaveCount(0);
  await expect(map.locator('.wl-map-caption')).toContainText('8 points');
  const view = map.locator('.wl-map-view');
  await view.focus();
  await page.keyboard.press('Enter');
  await expect(map.locator('.wl-map-tip')).toContainText('Paris: 48.8566, 2.3522');
  await expect(map.locator('[aria-live]')).toContainText('Point 1 of 8: Paris');
  const z0 = Number(await map.getAttribute('data-zoom'));
  await map.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(z0);
  await map.getByRole('button', { name: 'Fit all points' }).click();
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeCloseTo(z0, 5);
  expect(outside).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('A9 code blocks are highlighted, with highlight.js loaded only for them', async ({ page, pageErrors }) => {
  const loaded: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/highlight/')) loaded.push(r.url()); });
  await page.reload();
  await settled(page);
  const code = page.locator('[data-testid=stCode]');
  await expect(code.first()).toHaveAttribute('data-highlighted', 'go');
  await expect(code.nth(1)).toHaveAttribute('data-highlighted', 'python');
  await expect(code.first().locator('.hljs-keyword', { hasText: 'func' })).toHaveCount(1);
  await expect(code.first().locator('.hljs-comment').first()).toContainText('Fib returns');
  await expect(code.first().locator('code')).toHaveText(/a, b = b, a\+b/); // the text is intact
  expect(loaded.length).toBe(1);
  expect(pageErrors).toEqual([]);
});

test('A9 table: widths from content, search, CSV download, full screen, column resize', async ({ page, pageErrors }) => {
  const df = page.locator('[data-testid=stDataFrame]');
  await expect(df.locator('.wl-df-body .wl-df-row').first()).toBeVisible();
  // No number is cut: every numeric cell's text fits its cell.
  const cut = await df.evaluate((el) => [...el.querySelectorAll('.wl-df-body .wl-df-cell.wl-num')]
    .filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
  expect(cut).toEqual([]);
  // The widest revenue (the last row's) fits too: sort descending by revenue puts it... last; sort ascending puts it first.
  await df.getByRole('button', { name: 'revenue' }).click();
  await expect(df.locator('.wl-df-body [aria-rowindex="2"] .wl-num').nth(1)).toHaveText('-98765432109.2500');
  const cut2 = await df.evaluate((el) => [...el.querySelectorAll('.wl-df-body .wl-df-cell.wl-num')]
    .filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
  expect(cut2).toEqual([]);

  await df.getByLabel('Search the table').fill('delta');
  await expect(df.locator('.wl-df-caption')).toContainText('1,250 of 5,000 rows match “delta”');
  await expect(df.locator('[role=table]')).toHaveAttribute('aria-rowcount', '1251');

  const [download] = await Promise.all([page.waitForEvent('download'), df.getByRole('button', { name: 'Download as CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('data.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('id,name,revenue,drift');
  expect(csv.length).toBe(1250 + 2); // header, rows, and the empty string after the last line break
  expect(csv.slice(1, -1).every((l) => l.includes('delta'))).toBe(true);

  await df.getByRole('button', { name: 'Full screen' }).click();
  await expect(df.getByRole('button', { name: 'Leave full screen' })).toHaveAttribute('aria-pressed', 'true');
  const full = (await df.boundingBox())!;
  expect(full.width).toBeGreaterThan(1000);
  await df.getByRole('button', { name: 'Leave full screen' }).click();
  await expect(df).not.toHaveClass(/wl-df-full/);

  const handle = df.getByRole('separator', { name: 'Resize column name' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 32));
  const hb = (await handle.boundingBox())!;
  await page.mouse.move(hb.x + 3, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(hb.x - 60, hb.y + hb.height / 2);
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 32 - 63));
  expect(pageErrors).toEqual([]);
});
