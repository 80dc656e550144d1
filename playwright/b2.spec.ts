// B2 for real: the cached function's source is part of its key. The test copies the cachelab
// fixture to testapps/b2lab, builds it with build.sh's builder, edits it and rebuilds: an edit to
// the cached function misses after a reload, an edit elsewhere still hits from IndexedDB.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gotoApp, settled } from './helpers';

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'testapps', 'cachelab', 'main.go');
const dir = path.join(root, 'testapps', 'b2lab');
const file = path.join(dir, 'main.go');

function build() {
  execFileSync('go', ['run', './cmd/wasmlit', 'build', 'testapps/b2lab'], { cwd: root, stdio: 'pipe' });
}

function edit(from: string, to: string) {
  const s = fs.readFileSync(file, 'utf8');
  expect(s, `the fixture lost the line ${from}`).toContain(from);
  fs.writeFileSync(file, s.replace(from, to));
}

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function computeKey(page: Page) {
  await page.reload();
  await settled(page);
  await page.getByLabel('Key', { exact: true }).fill('k');
  await page.getByLabel('Key', { exact: true }).press('Enter');
  await settled(page);
}

test.afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(root, 'dist', 'b2lab'), { recursive: true, force: true });
});

test('B2 editing the cached function misses after a rebuild; editing other code still hits', async ({ page }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(src, file);
  build();
  await gotoApp(page, 'b2lab');
  await computeKey(page);
  await expect(text(page, 'runs after = ')).toHaveText('runs after = 1');
  await computeKey(page); // a reload without a rebuild: the value comes from IndexedDB
  await expect(text(page, 'runs after = ')).toHaveText('runs after = 0');

  edit('value := "v1:" + key', 'value := "v2:" + key');
  build();
  await computeKey(page);
  await expect(text(page, 'value = ')).toHaveText('value = v2:k');
  await expect(text(page, 'runs after = ')).toHaveText('runs after = 1');

  edit('return "unrelated v1"', 'return "unrelated v2"');
  build();
  await computeKey(page);
  await expect(page.locator('[data-testid=stCaption]').filter({ hasText: 'unrelated v2' })).toHaveCount(1); // the new build runs
  await expect(text(page, 'value = ')).toHaveText('value = v2:k');
  await expect(text(page, 'runs after = ')).toHaveText('runs after = 0');
});
