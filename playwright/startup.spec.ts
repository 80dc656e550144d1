// How a page starts (SPEC C1, C3; docs/BENCHMARKS.md "Startup"): what the browser requests and in
// what order it can, the progress bar, and the fallback for a page the build did not write. These
// check the behaviour behind the startup figures, never a time.
import { test, expect, gotoApp } from './helpers';

test('C1 C3 the page preloads its module and loads the host as one file', async ({ page, pageErrors }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requests: { url: string; initiator: string }[] = [];
  cdp.on('Network.requestWillBeSent', (e) => requests.push({ url: e.request.url, initiator: e.initiator.type }));
  await gotoApp(page, 'hello');
  const meta = await (await page.request.get('/hello/app.json')).json();

  const paths = requests.map((r) => new URL(r.url)).filter((u) => u.pathname.startsWith('/hello/'));
  // The module: requested once, by the page's HTML (so before any script ran), at the URL of its
  // build (a browser never pairs a page with a module cached from another build).
  const wasm = requests.filter((r) => new URL(r.url).pathname === '/hello/app.wasm');
  expect(wasm.map((r) => [new URL(r.url).search, r.initiator])).toEqual([[`?v=${meta.buildID}`, 'parser']]);
  // The host: one script module; its parts are not fetched one by one, and app.json not at all.
  const host = paths.filter((u) => u.pathname.startsWith('/hello/host/') && u.pathname.endsWith('.js')).map((u) => u.pathname);
  expect(host).toEqual(['/hello/host/bundle.js']);
  expect(paths.map((u) => u.pathname)).not.toContain('/hello/app.json');

  // The loader's marks come in the order of the steps.
  const marks = await page.evaluate(() => ['config', 'response', 'compiled', 'first-idle']
    .map((m) => performance.getEntriesByName(`wasmlit:${m}`)[0]?.startTime ?? -1));
  expect(marks.every((t) => t >= 0), `marks ${marks}`).toBe(true);
  expect([...marks].sort((a, b) => a - b)).toEqual(marks);
  expect(pageErrors).toEqual([]);
});

test('C1 the progress bar counts the download of the module', async ({ browser }) => {
  // A new context: nothing cached, and a slow network so the download lasts a while.
  const context = await browser.newContext();
  const page = await context.newPage();
  // The page as a build writes it when it cannot prerender: the loader shows, and only then does
  // the host count the bytes (a prerendered page hides the loader and counts nothing).
  await page.route('**/hello/', async (route) => {
    const res = await route.fetch();
    const body = (await res.text())
      .replace('<div id="wl-loader" class="wl-loader" hidden', '<div id="wl-loader" class="wl-loader"')
      .replace(/<div id="app" data-wl-prerendered>[\s\S]*<\/div>\n<\/body>/, '<div id="app"></div>\n</body>');
    expect(body).not.toContain('data-wl-prerendered');
    await route.fulfill({ response: res, body });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 300_000, uploadThroughput: 300_000 });
  const size = (await (await page.request.get('/hello/app.json')).json()).size;
  await page.goto('/hello/');
  const text = page.locator('#wl-progress-text');
  await expect(text).toHaveText(/^Downloading app\.wasm: \d+(\.\d)? of \d+(\.\d)? MB \(\d+%\)$/);
  await expect(page.locator('#wl-progress')).toHaveJSProperty('max', size);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.evaluate(() => globalThis.wasmlit!.settled());
  await expect(page.locator('[data-testid=wlLoader]')).toBeHidden();
  await context.close();
});

test('C1 a page without the preload (a hand-written index.html) loads through app.json', async ({ page, pageErrors }) => {
  await page.route('**/hello/', async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace(/<link rel="preload" id="wl-wasm"[^>]*>\n?/, '');
    expect(body).not.toContain('wl-wasm');
    await route.fulfill({ response: res, body });
  });
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await gotoApp(page, 'hello');
  expect(asked).toContain('/hello/app.json');
  expect(asked.filter((p) => p.startsWith('/hello/app.wasm'))).toEqual(['/hello/app.wasm']);
  await expect(page.locator('[data-testid=stButton]').first()).toBeVisible();
  expect(pageErrors).toEqual([]);
});
