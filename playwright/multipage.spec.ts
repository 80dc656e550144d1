// examples/multipage (SPEC A10, A11): pages chosen from the sidebar menu and by URL, each with its
// own relative address (?page=…), Back and Forward through the history, session state kept across
// pages, the page config seen on the page (tab title and icon, wide layout) and the sidebar's
// open/close button.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Pages' });
const title = (page: Page) => page.getByTestId('stTitle');

async function openPage(page: Page, name: string) {
  await nav(page).getByRole('link', { name }).click();
  await settled(page);
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

  await page.goBack();
  await settled(page);
  await expect(title(page)).toHaveText('📖 Book catalog');
  await page.goBack();
  await settled(page);
  await expect(title(page)).toHaveText('🏠 Home');
  expect(new URL(page.url()).search).toBe('');
  await expect(page.getByLabel('Your name')).toHaveValue('Ada');
  await page.goForward();
  await settled(page);
  await expect(title(page)).toHaveText('📖 Book catalog');

  // A page link inside a page works like the menu.
  await openPage(page, 'About');
  await page.getByTestId('stPageLink').getByRole('link', { name: 'Home' }).click();
  await settled(page);
  await expect(title(page)).toHaveText('🏠 Home');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('A10 a page by its URL, relative to the app; an unknown page warns and shows the first', async ({ page, pageErrors }) => {
  await page.goto('/multipage/?page=about');
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  await expect(title(page)).toHaveText('ℹ️ About');
  await expect(nav(page).getByRole('link', { name: 'About' })).toHaveAttribute('aria-current', 'page');
  // Links are relative: they keep the app's folder, whatever it is.
  await expect(nav(page).getByRole('link', { name: 'Book catalog' })).toHaveAttribute('href', '?page=book-catalog');

  await page.goto('/multipage/?page=nowhere');
  await settled(page);
  await expect(title(page)).toHaveText('🏠 Home');
  await expect(page.getByTestId('stAlert')).toContainText('Page not found');
  expect(pageErrors).toEqual([]);
});

test('A11 A10 a callback switches the page with the session it is given; Back returns', async ({ page, pageErrors }) => {
  await gotoApp(page, 'multipage');
  await page.getByRole('button', { name: 'Browse the catalog' }).click();
  await settled(page);
  await expect(title(page)).toHaveText('📖 Book catalog');
  expect(new URL(page.url()).search).toBe('?page=book-catalog');
  await page.goBack();
  await settled(page);
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
