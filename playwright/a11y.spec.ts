// Accessibility (SPEC A16): axe-core finds no WCAG 2.0/2.1 A or AA violation in any built example
// or in the states of hello a user reaches (an open expander, another tab, the ⋮ menu, the cache
// inspector, an exception), light and dark, wide and at 390 px; and hello can be used with the
// keyboard alone, every focused control showing a focus ring of at least 2 px at 3:1 or more
// against what surrounds it. docs/ACCESSIBILITY.md says what is covered.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const dist = path.resolve(__dirname, '..', 'dist');
const examples = path.resolve(__dirname, '..', 'examples');

/** The examples: every folder of examples/ with Go files. */
const exampleNames = fs
  .readdirSync(examples, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.readdirSync(path.join(examples, d.name)).some((f) => f.endsWith('.go')))
  .map((d) => d.name)
  .sort();

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** violations scans the page with axe (WCAG 2.0 and 2.1, A and AA) and lists each violation readably. */
async function violations(page: Page, state: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return r.violations.flatMap((v) =>
    v.nodes.map((n) => `${state}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );
}

type Look = { name: string; scheme: 'light' | 'dark'; width: number };
const LOOKS: Look[] = [
  { name: 'light wide', scheme: 'light', width: 1280 },
  { name: 'dark wide', scheme: 'dark', width: 1280 },
  { name: 'light 390px', scheme: 'light', width: 390 },
  { name: 'dark 390px', scheme: 'dark', width: 390 },
];

async function setLook(page: Page, look: Look) {
  await page.emulateMedia({ colorScheme: look.scheme });
  await page.setViewportSize({ width: look.width, height: 900 });
}

for (const name of exampleNames) {
  test(`A16 axe finds no WCAG 2.1 A/AA violation in ${name}, light and dark, wide and 390px`, async ({ page }) => {
    test.skip(!fs.existsSync(path.join(dist, name, 'app.json')), `${name} is not built: go run ./cmd/wasmlit build examples/${name}`);
    test.setTimeout(300_000); // four axe scans take over a minute on a busy 2-core machine
    await gotoApp(page, name);
    const found: string[] = [];
    for (const look of LOOKS) {
      await setLook(page, look);
      found.push(...(await violations(page, `${name} ${look.name}`)));
    }
    expect(found).toEqual([]);
  });
}

/** The states of hello worth a scan of their own; each starts from a freshly loaded page. */
const STATES: { name: string; reach: (page: Page) => Promise<void> }[] = [
  {
    name: 'an open expander',
    reach: async (page) => {
      await page.getByText('More details').click();
      await expect(page.locator('[data-testid=stExpander]')).toHaveAttribute('open', '');
    },
  },
  {
    name: 'the second tab',
    reach: async (page) => {
      await page.getByRole('tab', { name: 'Bar chart' }).click();
      await expect(page.getByRole('tab', { name: 'Bar chart' })).toHaveAttribute('aria-selected', 'true');
    },
  },
  {
    name: 'the open menu',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Main menu' }).click();
      await expect(page.getByRole('menu')).toBeVisible();
    },
  },
  {
    name: 'the cache inspector',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Main menu' }).click();
      await page.getByRole('menuitem', { name: 'Cache inspector' }).click();
      await settled(page);
    },
  },
  {
    name: 'an exception',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Raise a panic' }).click();
      await settled(page);
      await expect(page.locator('[data-testid=stException]')).toHaveCount(1);
      await page.locator('[data-testid=stException] summary').click();
    },
  },
  {
    name: 'every widget changed',
    reach: async (page) => {
      await page.getByLabel('Fruits').selectOption({ label: 'cherry' });
      await page.getByRole('slider', { name: 'Points' }).fill('20');
      await page.getByLabel('Temperature').fill('18');
      await page.getByLabel('Temperature').press('Enter');
      await settled(page);
    },
  },
];

for (const state of STATES) {
  test(`A16 axe finds no WCAG 2.1 A/AA violation in hello with ${state.name}, light and dark, wide and 390px`, async ({ page }) => {
    test.setTimeout(300_000);
    await gotoApp(page, 'hello');
    await state.reach(page);
    const found: string[] = [];
    for (const look of [LOOKS[0], LOOKS[3]]) { // light wide, dark narrow: every colour and both layouts
      await setLook(page, look);
      found.push(...(await violations(page, `hello, ${state.name}, ${look.name}`)));
    }
    expect(found).toEqual([]);
  });
}
