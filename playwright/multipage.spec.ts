// examples/multipage (SPEC A10, A11): pages chosen from the sidebar menu and by URL, each with its
// own relative address (?page=…), Back and Forward through the history, session state kept across
// pages, the page config seen on the page (tab title and icon, wide layout) and the sidebar's
// open/close button.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Pages' });
const title = (page: Page) => page.getByTestId('stTitle');

/** runs reads how many runs the app has made in this session (its sidebar caption says). */
async function runs(page: Page): Promise<number> {
  const text = await page.getByTestId('stCaption').filter({ hasText: 'The app has run' }).textContent();
  return Number(/has run (\d+) times/.exec(text ?? '')?.[1] ?? NaN);
}

/**
 * step does what a visitor does (a click, Back, Forward) and waits for the run it causes to end.
 * Back and Forward reach the app through a popstate event that may come after goBack resolves,
 * so step first waits for the run count to move, then for the page to settle.
 */
async function step(page: Page, act: () => Promise<unknown>) {
  const before = await runs(page);
  await act();
  await expect.poll(() => runs(page)).toBeGreaterThan(before);
  await settled(page);
}

/** gotoURL loads the app at url, as a visitor typing it does, and waits for its first run. */
async function gotoURL(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
}

async function openPage(page: Page, name: string) {
  await step(page, () => nav(page).getByRole('link', { name }).click());
}

test('A10 menu, URL, Back and Forward; state kept across pages', async ({ page, pageErrors }) => {
  await gotoApp(page, 'multipage');
  await expect(title(page)).toHaveText('🏠 Home');
  await expect(nav(page).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('Home'); // the page's title, as no config title is set

  const name = page.getByLabel('Your name');
  await name.fill('Ada');
  await name.press('Enter');
  await settled(page);
  await expect(page.getByTestId('stText').filter({ hasText: 'hello, Ada' })).toBeVisible();

  await openPage(page, 'Book catalog');
  await expect(title(page)).toHaveText('📖 Book catalog');
  expect(new URL(page.url()).search).toBe('?page=book-catalog');
  await expect(page).toHaveTitle('Book catalog');
  // The cached loader ran once, for the first page: the catalog page hit its entry.
  await expect(page.getByTestId('stText').filter({ hasText: 'catalog:' })).toHaveText('catalog: 4 books, loaded 1 time(s)');

  await openPage(page, 'About');
  await expect(title(page)).toHaveText('ℹ️ About');
  expect(new URL(page.url()).search).toBe('?page=about');
  await expect(page.getByTestId('stText').filter({ hasText: 'reader:' })).toHaveText('reader: Ada');
  await expect(page).toHaveTitle('About this demo'); // this page's SetPageConfig title

  await step(page, () => page.goBack());
  await expect(title(page)).toHaveText('📖 Book catalog');
  await step(page, () => page.goBack());
  await expect(title(page)).toHaveText('🏠 Home');
  expect(new URL(page.url()).search).toBe('');
  await expect(page.getByLabel('Your name')).toHaveValue('Ada');
  await step(page, () => page.goForward());
  await expect(title(page)).toHaveText('📖 Book catalog');

  // A page link inside a page works like the menu.
  await openPage(page, 'About');
  await step(page, () => page.getByTestId('stPageLink').getByRole('link', { name: 'Home' }).click());
  await expect(title(page)).toHaveText('🏠 Home');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('A10 a page by its URL, relative to the app; an unknown page warns and shows the first', async ({ page, pageErrors }) => {
  await gotoURL(page, '/multipage/?page=about');
  await expect(title(page)).toHaveText('ℹ️ About');
  await expect(nav(page).getByRole('link', { name: 'About' })).toHaveAttribute('aria-current', 'page');
  // Links are relative: they keep the app's folder, whatever it is.
  await expect(nav(page).getByRole('link', { name: 'Book catalog' })).toHaveAttribute('href', '?page=book-catalog');

  await gotoURL(page, '/multipage/?page=nowhere');
  await expect(title(page)).toHaveText('🏠 Home');
  await expect(page.getByTestId('stAlert')).toContainText('Page not found');
  expect(pageErrors).toEqual([]);
});

test('A11 A10 a callback switches the page with the session it is given; Back returns', async ({ page, pageErrors }) => {
  await gotoApp(page, 'multipage');
  await step(page, () => page.getByRole('button', { name: 'Browse the catalog' }).click());
  await expect(title(page)).toHaveText('📖 Book catalog');
  expect(new URL(page.url()).search).toBe('?page=book-catalog');
  await step(page, () => page.goBack());
  await expect(title(page)).toHaveText('🏠 Home');
  expect(pageErrors).toEqual([]);
});

test('A10 page config: wide layout, tab icon, sidebar open and closed by its button', async ({ page, pageErrors }) => {
  await gotoApp(page, 'multipage');
  const root = page.locator('.wl-root');
  await expect(root).toHaveAttribute('data-layout', 'wide');
  const icon = await page.locator('link[rel~="icon"]').getAttribute('href');
  expect(decodeURIComponent(icon ?? '')).toContain('📚');
  // Wide: the main column is wider than the centred layout's 736 px.
  const w = await page.getByTestId('stTitle').evaluate((el) => el.getBoundingClientRect().width);
  expect(w).toBeGreaterThan(800);

  const sidebar = page.getByTestId('stSidebar');
  await expect(sidebar).toBeVisible();
  await page.getByRole('button', { name: 'Close sidebar' }).click();
  await expect(sidebar).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open sidebar' })).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Open sidebar' }).click();
  await expect(sidebar).toBeVisible();
  await expect(nav(page)).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('A10 on a narrow screen the sidebar starts open when the config says expanded', async ({ page, pageErrors }) => {
  // Without a config (auto) a narrow screen starts with the sidebar closed; multipage asks for it open.
  await page.setViewportSize({ width: 390, height: 800 });
  await gotoApp(page, 'multipage');
  await expect(page.getByTestId('stSidebar')).toBeVisible(); // expanded, as the app's config says
  expect(pageErrors).toEqual([]);
});

test('A10 sections: headers in the menu, each labelling the list of its pages; the menu still navigates', async ({ page, pageErrors }) => {
  await gotoApp(page, 'multipage');
  const menu = nav(page);
  await expect(menu.getByTestId('stNavSectionHeader')).toHaveText(['Library', 'Help']);
  await expect(menu.getByRole('heading', { name: 'Library' })).toBeVisible();
  // Each section's list is named by its header; Home, with no section, is in neither.
  const library = menu.getByRole('list', { name: 'Library' });
  await expect(library.getByRole('link')).toHaveText(['📖Book catalog', '🔖My books']);
  await expect(menu.getByRole('list', { name: 'Help' }).getByRole('link')).toHaveText(['ℹ️About']);
  await expect(menu.getByRole('link', { name: 'Home' })).toBeVisible();

  await step(page, () => library.getByRole('link', { name: 'My books' }).click());
  await expect(title(page)).toHaveText('🔖 My books');
  expect(new URL(page.url()).search).toBe('?page=my-books');
  await expect(library.getByRole('link', { name: 'My books' })).toHaveAttribute('aria-current', 'page');
  await step(page, () => page.goBack());
  await expect(title(page)).toHaveText('🏠 Home');
  expect(pageErrors).toEqual([]);
});
