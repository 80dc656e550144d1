// The gallery and the static folders (SPEC C3, D1). Independent of the runtime: it checks what the
// build and the server produce, not what an app draws.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './helpers';

const dist = path.resolve(__dirname, '..', 'dist');
const examples = path.resolve(__dirname, '..', 'examples');

/** htmlEscape escapes text as the build does (Go's html.EscapeString). */
const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;').replace(/"/g, '&#34;');

/**
 * The gallery's apps: every example (a folder of examples/ with Go files) that is built in dist/.
 * Test and benchmark apps built into dist/ beside them are not in the gallery.
 */
function builtApps(): string[] {
  return fs
    .readdirSync(examples, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.readdirSync(path.join(examples, d.name)).some((f) => f.endsWith('.go')))
    .filter((d) => fs.existsSync(path.join(dist, d.name, 'app.json')))
    .map((d) => d.name)
    .sort();
}

test('C3 D1 the gallery lists every built example with a working relative link', async ({ page, request, pageErrors }) => {
  const apps = builtApps();
  expect(apps.length, 'dist/ holds no built app: run ./build.sh build').toBeGreaterThan(0);

  const resp = await page.goto('/');
  expect(resp?.status()).toBe(200);
  await expect(page).toHaveTitle('wasmlit examples');
  const entries = page.locator('[data-testid=wlGallery] li');
  await expect(entries).toHaveCount(apps.length);

  for (const name of apps) {
    const link = page.getByRole('link', { name, exact: true });
    await expect(link).toHaveAttribute('href', `./${name}/`);
    const appURL = new URL(`./${name}/`, page.url());

    const index = await request.get(appURL.href);
    expect(index.status(), `${appURL}`).toBe(200);
    expect(index.headers()['content-type']).toBe('text/html; charset=utf-8');

    const meta = await (await request.get(new URL('app.json', appURL).href)).json();
    expect(meta).toMatchObject({ name, wasm: 'app.wasm' });
    expect(meta.buildID).toMatch(/^[0-9a-f]{32}$/);
    expect(await index.text()).toContain(`<title>${htmlEscape(meta.title)}</title>`);

    for (const [encoding, file] of [['br', 'app.wasm'], ['gzip', 'app.wasm']] as const) {
      const wasm = await request.get(new URL(file, appURL).href, { headers: { 'Accept-Encoding': encoding } });
      expect(wasm.status()).toBe(200);
      expect(wasm.headers()['content-type']).toBe('application/wasm');
      expect(wasm.headers()['content-encoding']).toBe(encoding);
      expect((await wasm.body()).length).toBe(meta.size); // decoded by the client
    }
    for (const file of ['wasm_exec.js', 'host/host.js']) {
      const r = await request.get(new URL(file, appURL).href);
      expect(r.status(), file).toBe(200);
      expect(r.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    }
  }
  expect(pageErrors).toEqual([]);
});

test('C3 a gallery link opens the app page', async ({ page }) => {
  const [first] = builtApps();
  await page.goto('/');
  await page.getByRole('link', { name: first, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${first}/$`));
  const meta = JSON.parse(fs.readFileSync(path.join(dist, first, 'app.json'), 'utf8'));
  await expect(page).toHaveTitle(meta.title);
});

test('C3 D1 a revalidating reload gets 304 for unchanged files', async ({ request }) => {
  const [first] = builtApps();
  const url = `/${first}/app.wasm`;
  const r1 = await request.get(url);
  expect(r1.headers()['cache-control']).toBe('no-cache');
  const etag = r1.headers()['etag'];
  expect(etag).toBeTruthy();
  const r2 = await request.get(url, { headers: { 'If-None-Match': etag } });
  expect(r2.status()).toBe(304);
});
