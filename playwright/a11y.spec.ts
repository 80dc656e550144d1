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
  test(`A16 axe finds no WCAG 2.1 A/AA violation in hello with ${state.name}, light wide and dark 390px`, async ({ page }) => {
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

/** Ring is what the focused element shows: its ring's width and colour, the colour behind it, the contrast. */
type Ring = { where: string; width: number; color: string; behind: string; ratio: number };

/**
 * focusRing measures the focus indicator of the focused element: a computed outline of 2 px or
 * more, or else a box-shadow spread of 2 px or more; the colour behind it (the element's own
 * background for a ring drawn inside it, its parent's for one outside, alpha composited down to
 * the page); and their WCAG contrast ratio. A control drawn invisible over a visible box (the
 * file uploader's input over its drop zone) is judged by that box.
 */
function focusRing(page: Page): Promise<Ring | null> {
  return page.evaluate(() => {
    const parse = (c: string): number[] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (x: number) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const behind = (start: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = start; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (out[3] === 0) out = [255, 255, 255, 1];
      for (const c of layers.reverse()) out = [0, 1, 2].map((i) => c[i] * c[3] + out[i] * (1 - c[3])).concat(1);
      return out;
    };
    let el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const where = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${(el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).name || '').trim().slice(0, 30)}" in ${el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'page'}`;
    if (getComputedStyle(el).opacity === '0') el = el.closest('.wl-dropzone') ?? el;
    const cs = getComputedStyle(el);
    let width = 0;
    let color = '';
    let inside = false;
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) {
      width = parseFloat(cs.outlineWidth);
      color = cs.outlineColor;
      inside = parseFloat(cs.outlineOffset) + width <= 0;
    } else if (cs.boxShadow !== 'none') {
      const m = cs.boxShadow.match(/(rgba?\([^)]+\))[^,]*?(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px(\s+inset)?/);
      if (m) {
        width = parseFloat(m[5]);
        color = m[1];
        inside = !!m[6];
      }
    }
    if (!width) return { where, width: 0, color: '', behind: '', ratio: 0 };
    const bg = behind(inside ? el : el.parentElement);
    const fg = parse(color);
    const mixed = [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(mixed), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    return { where, width, color, behind: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`, ratio: Math.round(ratio * 100) / 100 };
  });
}

/** tabTo presses Tab until the focused element matches selector (and holds text), checking every stop's ring on the way. */
async function tabTo(page: Page, selector: string, bad: string[], text = ''): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const at = await page.evaluate(([s, t]) => {
      const e = document.activeElement;
      return !!e && e.matches(s) && (e.textContent ?? '').includes(t);
    }, [selector, text]);
    if (at) return;
    await page.keyboard.press('Tab');
    const r = await focusRing(page);
    if (r && (r.width < 2 || r.ratio < 3)) bad.push(`${r.where}: ring ${r.width}px ${r.color} on ${r.behind} = ${r.ratio}:1`);
  }
  throw new Error(`Tab never reached ${selector}`);
}

const shown = (page: Page, s: string) =>
  expect(page.locator('[data-testid=stText]').filter({ hasText: new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) })).toBeVisible();

/** press presses key on the focused control, waits for the rerun, and checks the rerun left focus where it was. */
async function press(page: Page, key: string) {
  await page.evaluate(() => { (globalThis as { wlBefore?: Element | null }).wlBefore = document.activeElement; });
  await page.keyboard.press(key);
  await settled(page);
  const kept = await page.evaluate(() => document.activeElement === (globalThis as { wlBefore?: Element | null }).wlBefore);
  expect(kept, `the rerun after ${key} kept focus on the control`).toBe(true);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`A16 keyboard only (${scheme}): Tab reaches and keys operate every widget kind of hello, each with a focus ring of 2px at 3:1`, async ({ page, pageErrors }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    await gotoApp(page, 'hello');
    const bad: string[] = [];

    // The ⋮ menu comes first; ArrowDown opens it on its first item, Escape closes it.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Main menu' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: /Rerun/ })).toBeFocused();
    const item = await focusRing(page);
    if (item && (item.width < 2 || item.ratio < 3)) bad.push(`${item.where}: ring ${item.width}px on ${item.behind} = ${item.ratio}:1`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Main menu' })).toBeFocused();

    // Sidebar: a select box and a toggle with help, whose text shows on focus.
    await tabTo(page, '[data-testid=stSidebar] select', bad);
    await press(page, 'ArrowDown');
    await shown(page, 'greeting = Hi');
    await tabTo(page, '[data-testid=stSidebar] .wl-help', bad);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!, '::after').content)).toContain('300 ms');

    await tabTo(page, '[data-testid=stTextInput] input', bad);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('gopher');
    await press(page, 'Enter');
    await shown(page, 'name = gopher');

    await tabTo(page, '[data-testid=stTextArea] textarea', bad);
    await page.keyboard.type('four');
    await tabTo(page, '[data-testid=stButton] button', bad);
    await settled(page);
    await shown(page, 'about = 4 characters');
    await press(page, 'Enter');
    await press(page, ' ');
    await shown(page, 'clicks = 2');

    await tabTo(page, '[data-testid=stCheckbox] input', bad);
    await press(page, ' ');
    await shown(page, 'agree = true');
    await tabTo(page, '[data-testid=stToggle] input', bad);
    await press(page, ' ');
    await shown(page, 'night = true');

    await tabTo(page, '[data-testid=stDateInput] input', bad);
    await page.keyboard.press('ArrowUp'); // the month
    await tabTo(page, '[data-testid=stRadio] input:checked', bad); // leaving the field commits it
    await settled(page);
    await shown(page, 'day = 2026-12-26');
    await page.keyboard.press('ArrowRight'); // moves focus and the choice to L, as radios do
    await settled(page);
    await expect(page.getByRole('radio', { name: 'L', exact: true })).toBeFocused();
    await shown(page, 'size = L');

    await tabTo(page, '[data-testid=stSelectbox] select', bad);
    await press(page, 'ArrowDown');
    await shown(page, 'city = San Francisco');

    await tabTo(page, '[data-testid=stMultiSelect] select', bad);
    await page.keyboard.press('ArrowDown');
    await settled(page);
    await expect(page.locator('[data-testid=stMultiSelect] .wl-chip')).toHaveCount(2);
    await tabTo(page, '[data-testid=stMultiSelect] button[aria-label="Remove apple"]', bad);
    await page.keyboard.press('Enter');
    await settled(page);
    await expect(page.locator('[data-testid=stMultiSelect] .wl-chip')).toHaveCount(1);

    await tabTo(page, '[data-testid=stFileUploader] input[type=file]', bad);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press(' ')]);
    await chooser.setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello file') });
    await settled(page);
    await shown(page, 'file = notes.txt (10 bytes)');

    await tabTo(page, '[data-testid=stSlider] input[type=range]', bad);
    await press(page, 'ArrowRight');
    await shown(page, 'points = 51');
    await tabTo(page, '[data-testid=stNumberInput] input', bad);
    await page.keyboard.press('ArrowUp');
    await press(page, 'Enter');
    await shown(page, 'temperature = 22.0');

    await tabTo(page, '[role=tab][aria-selected=true]', bad);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Bar chart' })).toBeFocused();
    await expect(page.getByRole('tab', { name: 'Bar chart' })).toHaveAttribute('aria-selected', 'true');

    await tabTo(page, '[data-testid=stExpander] summary', bad);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid=stExpander]')).toHaveAttribute('open', '');

    await tabTo(page, '[data-testid=stForm] input[type=text]', bad);
    await page.keyboard.type('a@b.c');
    await tabTo(page, '[data-testid=stForm] [data-testid=stFormSubmitButton] button', bad);
    await press(page, 'Enter');
    await shown(page, 'submitted = a@b.c / Free');

    await tabTo(page, '[data-testid=stDataFrame] .wl-df-sort', bad);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid=stDataFrame] [role=columnheader][aria-sort=ascending]')).toHaveCount(1);

    // On to the end of the page: every remaining stop has a ring too.
    await tabTo(page, '[data-testid=stButton] button', bad, 'Raise a panic');
    expect(bad).toEqual([]);
    await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  });
}
