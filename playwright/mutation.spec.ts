// examples/mutation: the seed's "Mutation and concurrency issues" stories, in one page where the
// app runs twice, as User A and User B (wasm.RunSessions): two sessions sharing the page's caches,
// B's first run after A's. Each story runs with cache_resource (one shared instance, B5) and with
// the same code under cache_data (a fresh copy per call, B3).
import { type Locator, type Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const user = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
// The two columns of a story: [cache_resource, cache_data].
const columns = (panel: Locator, story: number) =>
  panel.locator('[data-testid=stHorizontalBlock]').nth(story - 1).locator('[data-testid=stColumn]');
const texts = (col: Locator) => col.locator('[data-testid=stText]');
const exceptions = (col: Locator) => col.locator('[data-testid=stException]');

const all = 'columns: Date/Time, Lat, Lon, Base';
const noLat = 'columns: Date/Time, Lon, Base';
const dropped = 'dropped Lat, columns now: Date/Time, Lon, Base';
const keyError = `"['Lat'] not found in axis"`;

// story1 checks what one session shows for the drop-a-column story.
async function story1(panel: Locator, resourceBroken: boolean) {
  const [res, data] = [columns(panel, 1).nth(0), columns(panel, 1).nth(1)];
  if (resourceBroken) {
    await expect(texts(res)).toHaveText([noLat]);
    await expect(exceptions(res)).toHaveCount(1);
    await expect(exceptions(res)).toContainText(keyError);
    await expect(exceptions(res)).toContainText('KeyError');
  } else {
    await expect(texts(res)).toHaveText([all, dropped]);
    await expect(exceptions(res)).toHaveCount(0);
  }
  // The cache_data copy is whole on every run, and dropping from it works.
  await expect(texts(data)).toHaveText([all, dropped]);
  await expect(exceptions(data)).toHaveCount(0);
  await expect(data.locator('[data-testid=stDataFrame] [role=columnheader]')).toContainText(['Date/Time', 'Lat', 'Lon', 'Base']);
}

// story2 checks l[0] in a session: [cache_resource, cache_data].
async function story2(panel: Locator, resource: number, data: number) {
  const cols = columns(panel, 2);
  await expect(texts(cols.nth(0))).toHaveText([`l[0] is: ${resource}`]);
  await expect(texts(cols.nth(1))).toHaveText([`l[0] is: ${data}`]);
}

test('B3 B5 users A and B: the shared resource is mutated across sessions, each cache_data caller gets its own copy', async ({ page, pageErrors }) => {
  await gotoApp(page, 'mutation');
  const a = user(page, 'User A');
  const b = user(page, 'User B');
  // Two sessions in one page, side by side, each its own app root.
  await expect(page.getByTestId('wlSession')).toHaveCount(2);
  await expect(a.locator('.wl-root')).toHaveAttribute('data-status', 'idle');
  await expect(b.locator('.wl-root')).toHaveAttribute('data-status', 'idle');
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  expect(boxB!.x).toBeGreaterThan(boxA!.x + boxA!.width - 2);

  // User A ran first: everything works; l[0] is 2 in both columns (the seed's "l[0] is: 2").
  await story1(a, false);
  await story2(a, 2, 2);
  // User B came right after: the resource table lost "Lat" to A's run, so B's drop raises the
  // seed's KeyError (B5), while the cache_data table is whole (B3); the shared list gives 3, the
  // copy still 2.
  await story1(b, true);
  await story2(b, 3, 2);

  // User A reruns right after B: 4 from the shared list, 2 from the copy; the resource drop fails.
  await a.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  await story1(a, true);
  await story2(a, 4, 2);
  // B's session did not run: it still shows what it showed.
  await story2(b, 3, 2);

  // Each loader ran once for the whole page: one resource instance, one data entry.
  for (const panel of [a, b]) {
    await expect(panel.locator('[data-testid=stCaption]').filter({ hasText: 'the loader has run' }))
      .toHaveText(['the loader has run 1 time(s) in this page', 'the loader has run 1 time(s) in this page']);
  }
  // The only exceptions are the two KeyErrors of the resource story.
  await expect(page.locator('[data-testid=stException]')).toHaveCount(2);
  expect(pageErrors).toEqual([]);
});

test('B5 drop a column: with cache_resource the first run works and the second raises, again and again', async ({ page, pageErrors }) => {
  await gotoApp(page, 'mutation');
  const b = user(page, 'User B');
  await story1(user(page, 'User A'), false);
  await story1(b, true);
  for (let i = 0; i < 2; i++) {
    await b.getByRole('button', { name: 'Rerun' }).click();
    await settled(page);
    await story1(b, true);
  }
  expect(pageErrors).toEqual([]);
});

test('B3 drop a column: with cache_data every run gets an unmutated copy, also after a reload', async ({ page, pageErrors }) => {
  await gotoApp(page, 'mutation');
  const a = user(page, 'User A');
  for (let i = 0; i < 2; i++) {
    await a.getByRole('button', { name: 'Rerun' }).click();
    await settled(page);
    await story1(a, true);
    await story2(a, 4 + i, 2);
  }
  // A reload starts a new page: the resource is built again (page memory), the data comes back
  // from IndexedDB still whole.
  await page.reload();
  await settled(page);
  await story1(user(page, 'User A'), false);
  await story2(user(page, 'User A'), 2, 2);
  await story1(user(page, 'User B'), true);
  await story2(user(page, 'User B'), 3, 2);
  expect(pageErrors).toEqual([]);
});
