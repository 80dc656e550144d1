// The built site under a strict Content-Security-Policy (issue 6; docs/DEPLOY.md): `wasmlit serve`
// sends the policy a deployment should send, every page works under it, and the browser enforces
// it (so the checks here can fail: a page that needed an inline script or eval would break).
import { test, expect, gotoApp } from './helpers';
import type { Page } from '@playwright/test';

// The policy of cmd/wasmlit/csp.go, directive by directive.
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

type Violation = { directive: string; blocked: string; sample: string; source: string };

declare global {
  // eslint-disable-next-line no-var
  var __cspViolations: Violation[] | undefined;
}

/**
 * watchViolations records the page's securitypolicyviolation events (from before its first script)
 * and the console's CSP complaints; it returns both lists, filled as the page runs.
 */
async function watchViolations(page: Page): Promise<{ events: () => Promise<Violation[]>; console: string[] }> {
  await page.addInitScript(() => {
    globalThis.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      globalThis.__cspViolations!.push({
        directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) messages.push(`${m.type()}: ${m.text()}`);
  });
  return { events: () => page.evaluate(() => globalThis.__cspViolations ?? []), console: messages };
}

/**
 * drawn waits until what loads after the first render is in: markdown rendered by its libraries
 * (an element, not the plain-text stand-in) and the visible charts drawn by uPlot. Violations by
 * those libraries show only then.
 */
async function drawn(page: Page, name: string) {
  await expect.poll(() => page.evaluate(() =>
    [...document.querySelectorAll('.wl-md')].every((el) => el.firstElementChild || !el.textContent!.trim()) &&
    [...document.querySelectorAll('[data-testid=stLineChart], [data-testid=stBarChart]')]
      .every((el) => el.querySelector('.uplot') || !el.checkVisibility()), // a hidden tab's chart draws when shown
  ), { message: `${name}: markdown and charts drawn` }).toBe(true);
}

test('the server sends the strict policy with every page and file', async ({ request }) => {
  for (const path of ['/', '/hello/', '/hello/host/bundle.js', '/hello/app.json', '/no-such-file']) {
    const r = await request.get(path);
    expect(r.headers()['content-security-policy'], path).toBe(policy);
  }
});

test('the policy is enforced: an inline script, eval and a style attribute are blocked; wasm compiles', async ({ page }) => {
  const watch = await watchViolations(page);
  await gotoApp(page, 'hello');
  const result = await page.evaluate(async () => {
    // Reports come as events after the fact: wait for the two that must come.
    const seen = new Promise<void>((resolve) => {
      const want = new Set(['script-src-elem', 'style-src-attr']);
      document.addEventListener('securitypolicyviolation', (e) => {
        want.delete(e.effectiveDirective);
        if (want.size === 0) resolve();
      });
    });
    const script = document.createElement('script');
    script.textContent = 'globalThis.__inlineRan = true;';
    document.head.append(script);
    // Code that DevTools evaluates may eval; a task of the page's own may not: try it in one.
    const { evalError, functionError } = await new Promise<{ evalError: string; functionError: string }>((resolve) => setTimeout(() => {
      let evalError = '';
      try { (0, eval)('1 + 1'); } catch (err) { evalError = (err as Error).name; }
      let functionError = '';
      try { new Function('return 1')(); } catch (err) { functionError = (err as Error).name; }
      resolve({ evalError, functionError });
    }));
    const box = document.createElement('div');
    box.setAttribute('style', 'width: 123px');
    document.body.append(box);
    const width = box.style.width;
    box.remove();
    // The smallest module: the magic number and version 1.
    const wasm = await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])).then(() => 'compiled', (err) => String(err));
    await seen;
    return { inlineRan: (globalThis as any).__inlineRan === true, evalError, functionError, width, wasm };
  });
  expect(result).toEqual({ inlineRan: false, evalError: 'EvalError', functionError: 'EvalError', width: '', wasm: 'compiled' });
  const directives = (await watch.events()).map((v) => v.directive).sort();
  expect(directives).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-attr']));
});

test('the gallery and every app load and draw under the policy without a violation', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const gallery = await request.get('/');
  expect(gallery.status()).toBe(200);
  const apps = [...(await gallery.text()).matchAll(/<a href="\.\/([^/"]+)\/">/g)].map((m) => m[1]);
  expect(apps.length, 'the gallery lists no app: build the examples first').toBeGreaterThan(0);
  // The browser caching fixture is not in the gallery; it runs under the policy too when built.
  if ((await request.get('/cachelab/')).ok()) apps.push('cachelab');

  for (const name of ['', ...apps]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    const watch = await watchViolations(page);
    if (name === '') {
      await page.goto('/');
      await expect(page.locator('[data-testid=wlGallery]')).toBeVisible();
    } else {
      await gotoApp(page, name);
      await drawn(page, name);
    }
    expect({ app: name || 'gallery', events: await watch.events(), console: watch.console, errors })
      .toEqual({ app: name || 'gallery', events: [], console: [], errors: [] });
    await context.close();
  }
});
