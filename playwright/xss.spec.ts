// No data ever runs as code (issue 6, item 5): testapps/xss draws a corpus of script-injection
// payloads (testapps/xss/payloads.json) through every text-bearing element, widget label, help,
// placeholder and option, dataframe and table cell and column name, chart series, image caption
// and URL, download, container label, exception, a real panic and the query string, and echoes
// what is typed and uploaded back through them. Each payload, if it ran, would call alert(n) or
// set top.__xss = n.
//
// Each test proves both halves: nothing ran (no dialog, no flag, no page error, and no script
// element, on* attribute or javascript:/data: URL ever entered the app's DOM, watched by a
// MutationObserver from before the page loads) AND every payload is on the page as text, so a
// component that dropped content instead of escaping it fails too.
//
// The page's CSP is bypassed on purpose: this spec proves the escaping itself, not the CSP.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, settled } from './helpers';

test.use({ bypassCSP: true });

type Entry = { text: string; pad?: number; badUTF8?: boolean };
const corpus: { payloads: Entry[]; urls: string[] } = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', 'testapps', 'xss', 'payloads.json'), 'utf8'),
);

/** expand mirrors testapps/xss/payloads.go: the invalid bytes 0xff 0xfe reach the page as U+FFFD. */
const expand = (e: Entry) => 'A'.repeat(e.pad ?? 0) + (e.badUTF8 ? e.text.replaceAll('{BAD}', '\uFFFD\uFFFD') : e.text);
const payloads = corpus.payloads.map(expand);
const marker = (i: number) => `xq${String(i + 1).padStart(2, '0')}`;

/**
 * watch records, from before the page's first script, everything that would mean a payload ran
 * or could run: dialogs, page errors, and (in the page, window.__xssDOM) every script-capable
 * element, on* attribute, javascript:/vbscript:/non-image data: URL or target=_blank link without
 * noopener that enters the app's DOM, even for a moment.
 */
async function watch(page: Page): Promise<string[]> {
  const fired: string[] = [];
  page.on('dialog', (d) => {
    fired.push(`dialog ${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => fired.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as any).__xssDOM = found;
    const badTags = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK', 'STYLE', 'FORM', 'NOSCRIPT', 'TEMPLATE', 'MATH']);
    const urlAttrs = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'srcdoc', 'style']);
    const dangerousURL = (v: string) => {
      const s = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
      return /^(javascript|vbscript|livescript):/.test(s) || (s.startsWith('data:') && !s.startsWith('data:image/')) || /javascript:|expression\(/.test(s);
    };
    const inApp = (el: Element) => !!el.closest('#app');
    const check = (el: Element) => {
      if (!inApp(el)) return;
      const where = `<${el.tagName.toLowerCase()}> in ${el.closest('[data-testid]')?.getAttribute('data-testid')}`;
      if (badTags.has(el.tagName.toUpperCase())) found.push(`element ${where}`);
      for (const a of Array.from(el.attributes)) {
        const n = a.name.toLowerCase();
        if (n.startsWith('on')) found.push(`attribute ${a.name}="${a.value.slice(0, 80)}" on ${where}`);
        else if (urlAttrs.has(n) && dangerousURL(a.value)) found.push(`URL ${a.name}="${a.value.slice(0, 80)}" on ${where}`);
      }
      if (el.tagName === 'A' && el.getAttribute('target') === '_blank' && !/noopener/.test(el.getAttribute('rel') ?? '')) {
        found.push(`target=_blank without rel=noopener on ${where}`);
      }
    };
    const walk = (n: Node) => {
      if (!(n instanceof Element)) return;
      check(n);
      n.querySelectorAll('*').forEach(check);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') check(r.target as Element);
        else r.addedNodes.forEach(walk);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
    (window as any).__xssScan = () => {
      const app = document.querySelector('#app');
      if (app) walk(app);
      return found;
    };
  });
  return fired;
}

/**
 * ready waits until the app is idle, markdown has been rendered by marked + DOMPurify (not the
 * plain-text fallback shown while they load), the charts have drawn their legends and every
 * image has loaded or failed (an injected onerror would have fired by then).
 */
async function ready(page: Page) {
  await settled(page);
  // The fixture's first caption is rendered markdown once the libraries have loaded; every
  // markdown element waiting for them is rendered in the same turn.
  await page.waitForFunction(() => !!document.querySelector('#app [data-testid=stCaption] p'));
  await page.waitForFunction(() => [...document.querySelectorAll('#app .wl-chart')].every((e) => e.querySelector('.u-legend')));
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await settled(page);
}

/** nothingRan asserts the watch saw nothing: no dialog, no flag, no page error, no dangerous DOM. */
async function nothingRan(page: Page, fired: string[]) {
  expect(fired, 'dialogs and page errors').toEqual([]);
  expect(await page.evaluate(() => (window as any).__xss), 'window.__xss').toBeUndefined();
  expect(await page.evaluate(() => (window as any).__xssScan()), 'script-capable DOM in the app').toEqual([]);
}

/**
 * missing returns, for each surface of the page, the payloads it does not show as text. It runs
 * in the page: sections are the expanders labelled "surface: <name>".
 */
async function missing(page: Page, query: [string, string][]): Promise<string[]> {
  return page.evaluate(({ payloads, urls, query }) => {
    const out: string[] = [];
    const norm = (s: string) => s.replace(/\uFFFD+/g, '\uFFFD');
    const marker = (i: number) => `xq${String(i + 1).padStart(2, '0')}`;
    const section = (name: string): Element | null => {
      for (const d of document.querySelectorAll('#app [data-testid=stExpander]')) {
        if (d.querySelector(':scope > summary .wl-expander-label')?.textContent === `surface: ${name}`) return d.querySelector(':scope > .wl-expander-body');
      }
      out.push(`${name}: no section`);
      return null;
    };
    const all = (root: Element | null, sel: string) => (root ? [...root.querySelectorAll(sel)] : []);
    // exact: the k-th match of sel in the section shows payload k exactly (get reads it).
    const exact = (name: string, sel: string, get: (e: Element) => string | null = (e) => e.textContent, want = payloads, per = 1, off = 0) => {
      const els = all(section(name), sel);
      want.forEach((p, i) => {
        const e = els[i * per + off];
        if (!e) out.push(`${name} ${sel}: payload ${i + 1} not drawn`);
        else if (!norm(get(e) ?? '').includes(norm(p))) out.push(`${name} ${sel}: payload ${i + 1} shows ${JSON.stringify((get(e) ?? '').slice(-60))}`);
      });
    };
    // shown: the text and alt/title attributes of an element, what a reader sees of markdown.
    const shown = (e: Element) => [e.textContent, ...[...e.querySelectorAll('[alt],[title]')].map((x) => `${x.getAttribute('alt')} ${x.getAttribute('title')}`)].join(' ');
    const marked = (name: string, sel: string, per = 1) => {
      const els = all(section(name), sel);
      payloads.forEach((_, i) => {
        for (let k = 0; k < per; k++) {
          const e = els[i * per + k];
          if (!e) out.push(`${name} ${sel}: payload ${i + 1} not drawn`);
          else if (!shown(e).includes(marker(i))) out.push(`${name} ${sel}: payload ${i + 1} (${marker(i)}) not shown: ${JSON.stringify(shown(e).slice(0, 80))}`);
        }
      });
    };
    const attr = (a: string) => (e: Element) => e.getAttribute(a);
    const label = '.wl-label-text';
    const help = (name: string, sel = '.wl-help') => exact(name, sel, attr('title'));

    for (const n of ['title', 'header', 'subheader']) exact(n, `[data-testid=st${n[0].toUpperCase()}${n.slice(1)}]`);
    exact('text', '[data-testid=stText]');
    exact('textf', '[data-testid=stText]');
    exact('code', '[data-testid=stCode] code');
    exact('metric', '.wl-metric-label');
    exact('metric', '.wl-metric-value');
    exact('metric', '.wl-metric-delta > span:last-child');
    exact('exception', '.wl-exc-message');
    exact('exception type', '.wl-exc-type');
    exact('write error', '.wl-exc-message');
    for (const n of ['json', 'write json']) {
      exact(n, '[data-testid=stJson]', (e) => e.textContent, payloads.map((p) => `${p}: `));
      exact(n, '[data-testid=stJson]', (e) => e.textContent, payloads.map((p) => JSON.stringify(p)));
    }
    exact('progress', '.wl-pbar-text');
    exact('image caption', 'figcaption');
    exact('image caption', 'img', attr('alt'));
    marked('markdown', '[data-testid=stMarkdown]');
    marked('write', '[data-testid=stMarkdown]');
    marked('caption', '[data-testid=stCaption]');
    marked('alerts', '[data-testid=stAlert]', 4);
    if (all(section('markdown html'), '[data-testid=stMarkdown]').length !== payloads.length) out.push('markdown html: not every payload drawn');

    exact('button', 'button');
    exact('button', 'button', attr('title'));
    for (const n of ['checkbox', 'toggle', 'text input', 'text area', 'slider', 'number input', 'date input', 'file uploader', 'radio', 'selectbox', 'multiselect']) {
      exact(n, label);
      help(n);
      exact(n, '.wl-sr-only');
    }
    const oneLine = payloads.map((p) => p.replace(/[\r\n]/g, '')); // <input> drops line breaks from its value
    exact('text input', 'input', (e) => (e as HTMLInputElement).value, oneLine);
    exact('text input', 'input', attr('placeholder'));
    exact('text area', 'textarea', (e) => (e as HTMLTextAreaElement).value);
    exact('text area', 'textarea', attr('placeholder'));
    exact('file uploader', '.wl-upload-hint', (e) => e.textContent, payloads.map((p) => p.toUpperCase()));
    exact('radio', '.wl-radio-item label', (e) => e.textContent, payloads, 2);
    exact('selectbox', 'option', (e) => e.textContent, payloads, 3, 0); // the placeholder
    exact('selectbox', 'option', (e) => e.textContent, payloads, 3, 1);
    exact('multiselect', '.wl-chip > span');
    exact('multiselect', 'option[value="-1"]'); // the placeholder of the "add" list

    const opts = section('options');
    const group = (l: string) => all(opts, '[data-testid]').find((w) => w.querySelector(label)?.textContent === l) ?? null;
    exact('options', '.wl-radio-item label');
    const sel = (l: string, s: string, off: number) => {
      const els = all(group(l), s);
      payloads.forEach((p, i) => { if (norm(els[i + off]?.textContent ?? '') !== norm(p)) out.push(`${l} ${s}: payload ${i + 1} missing`); });
    };
    sel('options: selectbox', 'option', 1);
    sel('options: format', 'option', 1);
    sel('options: multiselect', '.wl-chip > span', 0);

    exact('tabs', '[role=tab]');
    exact('tabs', '[data-testid=stTab]');
    exact('expander', '.wl-expander-label');
    exact('columns', '[data-testid=stText]');
    marked('columns', '[data-testid=stMarkdown]');
    exact('form', '[data-testid=stForm]', (e) => (e as HTMLElement).dataset.formId ?? null);
    exact('form', 'button');
    exact('sidebar', '[data-testid=stText]');
    marked('sidebar', '[data-testid=stMarkdown]');
    if (!document.querySelector('[data-testid=stSidebar]')?.contains(section('sidebar'))) out.push('sidebar: not in the sidebar');

    const wide = all(section('dataframe'), '[data-testid=stDataFrame]')[0] ?? null;
    exact('dataframe', '.wl-df-head .wl-df-sort > span:first-child');
    const cells = all(wide, '.wl-df-body [role=cell]');
    payloads.forEach((p, i) => { if (norm(cells[i]?.textContent ?? '') !== norm(p)) out.push(`dataframe cell: payload ${i + 1} missing`); });
    const tables = all(section('table'), 'table');
    const th = all(tables[0] ?? null, 'th');
    const td = all(tables[0] ?? null, 'td');
    const tall = all(tables[1] ?? null, 'td');
    payloads.forEach((p, i) => {
      for (const [what, els] of [['column', th], ['cell', td], ['row', tall]] as const) {
        if (norm(els[i]?.textContent ?? '') !== norm(p)) out.push(`table ${what}: payload ${i + 1} missing`);
      }
    });
    for (const chart of all(section('charts'), '.wl-chart')) {
      const labels = all(chart, '.u-legend .u-label').map((e) => norm(e.textContent ?? ''));
      payloads.forEach((p, i) => { if (!labels.includes(norm(p))) out.push(`${chart.getAttribute('data-testid')} legend: payload ${i + 1} missing`); });
      if (!norm(chart.getAttribute('aria-label') ?? '').includes(norm(payloads[payloads.length - 1]))) out.push('chart aria-label: last payload missing');
    }

    exact('urls', 'figcaption', (e) => e.textContent, urls);
    const md = all(section('urls'), '[data-testid=stMarkdown]').map((e) => shown(e));
    urls.forEach((_, i) => { if (!md[2 * i]?.includes(`u${i} link`)) out.push(`urls markdown: u${i} missing`); });
    const dl = all(section('download'), '[data-testid=stException], [data-testid=stText]');
    if (dl.length !== urls.length) out.push(`download: ${dl.length} results for ${urls.length} URLs`);

    const q = section('query');
    const texts = all(q, '[data-testid=stText]').map((e) => e.textContent ?? '');
    const json = all(q, '[data-testid=stJson]')[0]?.textContent ?? '';
    for (const [k, v] of query) {
      if (!texts.includes(k)) out.push(`query key ${JSON.stringify(k.slice(0, 60))} missing`);
      if (!texts.includes(v)) out.push(`query value ${JSON.stringify(v.slice(0, 60))} missing`);
      if (!json.includes(`${k}: `) || !json.includes(JSON.stringify(v))) out.push(`query JSON ${JSON.stringify(k.slice(0, 60))} missing`);
    }

    const excs = [...document.querySelectorAll('#app [data-testid=stMain] > [data-testid=stException]')];
    const panic = norm(excs[excs.length - 1]?.querySelector('.wl-exc-message')?.textContent ?? '');
    payloads.forEach((p, i) => { if (!panic.includes(norm(p))) out.push(`panic message: payload ${i + 1} missing`); });
    return out;
  }, { payloads, urls: corpus.urls, query });
}

// Payloads for the query string: keys and values, percent-encoded as a link would carry them.
const queryPairs: [string, string][] = [
  ['q', payloads[0]],
  [payloads[2], payloads[15]],
  ['attr', payloads[17]],
  ['nul', payloads[40]],
  ['sep', payloads[42]],
  [payloads[45], payloads[57]],
];

test('A5 A7 A8 no payload runs through any element, widget, frame, chart, URL, exception, panic or query parameter; each shows as text', async ({ page }) => {
  test.setTimeout(180_000); // 60 payloads × 60 surfaces: about 16,000 DOM nodes
  const fired = await watch(page);
  const search = new URLSearchParams(queryPairs).toString();
  await page.goto(`/xss/?${search}`);
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await ready(page);
  await nothingRan(page, fired);
  // What the page decodes the query to is what Go must show (U+FFFD for bad bytes, as Go does).
  const decoded = [...new URLSearchParams(search)];
  expect(decoded.length).toBe(queryPairs.length);
  expect(await missing(page, decoded)).toEqual([]);
  await nothingRan(page, fired);
});

test('A7 a raw, unencoded query string with markup is shown as text, not run', async ({ page }) => {
  const fired = await watch(page);
  await page.goto(`/xss/?<script>top.__xss=901</script>&<img src=x onerror=alert(902)>=x"><svg/onload=alert(903)>`);
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await ready(page);
  await nothingRan(page, fired);
  const texts = await page.locator('[data-testid=stExpander]', { hasText: 'surface: query' }).locator('[data-testid=stText]').allTextContents();
  // The browser percent-encodes some characters of the address; Go decodes them back.
  const params = [...new URLSearchParams(await page.evaluate(() => location.search))];
  expect(params.length).toBeGreaterThanOrEqual(2);
  for (const [k, v] of params) {
    expect(texts).toContain(k);
    expect(texts).toContain(v);
  }
});

test('A3 A7 payloads typed into a text area and a text input, and uploaded file names and contents, come back as text and never run', async ({ page }) => {
  test.setTimeout(240_000);
  const fired = await watch(page);
  await page.goto('/xss/?view=echo'); // the echo alone: each payload reruns a small page
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await ready(page);
  const echo = page.locator('[data-testid=stExpander]', { hasText: 'surface: echo' }).first().locator(':scope > .wl-expander-body');
  const area = page.getByLabel('echo', { exact: true });
  const line = page.getByLabel('echo line', { exact: true });
  // Lone surrogates: JavaScript strings can hold them, UTF-8 cannot; Go gets U+FFFD.
  const typed = [...payloads, '<img src=x onerror=alert(904)>\uD800 xq904 \uDC00'];
  for (const [i, p] of typed.entries()) {
    await area.fill(p);
    await area.press('Control+Enter');
    await line.fill(p);
    await line.press('Enter');
    await ready(page);
    const sent = [(await area.inputValue()).replace(/[\uD800-\uDFFF]/g, '\uFFFD'), (await line.inputValue()).replace(/[\uD800-\uDFFF]/g, '\uFFFD')];
    const shown = await echo.evaluate((box) => ({
      titles: [...box.querySelectorAll('[data-testid=stTitle]')].map((e) => e.textContent),
      texts: [...box.querySelectorAll('[data-testid=stText]')].map((e) => e.textContent),
      code: [...box.querySelectorAll('[data-testid=stCode] code')].map((e) => e.textContent),
      md: [...box.querySelectorAll('[data-testid=stMarkdown], [data-testid=stAlert]')].map((e) =>
        [e.textContent, ...[...e.querySelectorAll('[alt]')].map((x) => x.getAttribute('alt'))].join(' ')),
      cells: [...box.querySelectorAll('td, th, [role=cell], .wl-df-sort')].map((e) => e.textContent),
      widgets: [...box.querySelectorAll('button, .wl-radio-item label, .wl-label-text, .wl-metric-label, .wl-expander-label')].map((e) => e.textContent),
      excs: [...box.querySelectorAll('.wl-exc-message')].map((e) => e.textContent),
      json: [...box.querySelectorAll('[data-testid=stJson]')].map((e) => e.textContent),
    }));
    for (const s of sent) {
      const m = i < payloads.length ? marker(i) : 'xq904';
      const where = `typed payload ${i + 1}`;
      expect(shown.titles, where).toContain(s);
      expect(shown.texts, where).toContain(s);
      expect(shown.code, where).toContain(s);
      expect(shown.excs, where).toContain(s);
      expect(shown.cells.filter((c) => c === s).length, where).toBeGreaterThanOrEqual(3);
      expect(shown.widgets.filter((c) => c === s).length, where).toBeGreaterThanOrEqual(4);
      expect(shown.json.some((j) => j?.includes(JSON.stringify(s))), where).toBe(true);
      expect(shown.md.filter((t) => t?.includes(m)).length, where).toBeGreaterThanOrEqual(2);
    }
    await nothingRan(page, fired);
  }

  const files = [
    { name: '<img src=x onerror=alert(905)> xq905.csv', mimeType: 'text/csv', buffer: Buffer.from('<script>top.__xss=906</script> xq906') },
    { name: '"><svg onload=top.__xss=907> xq907 [x](javascript:alert(908)).txt', mimeType: 'text/html', buffer: Buffer.from('<iframe srcdoc="<script>alert(909)</script>"> xq909') },
  ];
  await page.getByLabel('echo files', { exact: true }).setInputFiles(files);
  await ready(page);
  const texts = await echo.locator('[data-testid=stText]').allTextContents();
  for (const f of files) {
    expect(texts).toContain(f.name);
    expect(texts).toContain(f.buffer.toString());
  }
  const md = await echo.locator('[data-testid=stMarkdown]').allTextContents();
  for (const m of ['xq905', 'xq907']) expect(md.some((t) => t.includes(m)), m).toBe(true);
  await nothingRan(page, fired);
});
