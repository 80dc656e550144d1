// Multipage apps and page config (SPEC A10): the navigation menu (stSidebarNav in the sidebar,
// stTopNav above the page, or hidden; its pages grouped under section headers when the app gives
// sections), page links (stPageLink) and the page config
// (stPageConfig, which shows nothing and sets the tab's title and icon, the layout and the
// sidebar's initial state).
//
// A page's URL is the app's own with ?page=PATH (none for the first page): links are relative, so
// the app works under any base path on any static host. Following a link adds a history entry
// (history.pushState) and asks every session to run again; Go reads the page from location.search.
// Back and Forward (popstate) do the same, so they step through the pages visited.
import { h, safeURL } from './dom.js';
import { sendAll } from '../events.js';

/** hrefFor returns the relative link to the page with URL path path ("" for the first page). */
function hrefFor(path) {
  if (path) return `?page=${encodeURIComponent(path)}`;
  // The app's own URL without a query: its last path segment ("index.html"), or its folder.
  const last = location.pathname.split('/').pop();
  return last ? encodeURI(last) : './';
}

let listening = false;

/** listen reruns every session when Back or Forward changes the URL (installed once). */
function listen() {
  if (listening) return;
  listening = true;
  addEventListener('popstate', () => sendAll('rerun'));
}

/** follow handles a click on a page link: a new history entry and a rerun, not a page load. */
function follow(e) {
  const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const url = new URL(a.getAttribute('href'), location.href);
  if (url.href !== location.href) {
    history.pushState(null, '', url.href);
    scrollTo({ top: 0 }); // a new page starts at its top
  }
  sendAll('rerun');
}

/** linkTo builds one page link. */
function linkTo(page, testid) {
  const a = h('a', { 'data-testid': testid, class: 'wl-nav-link', href: hrefFor(page.path) });
  if (page.icon) a.append(h('span', { class: 'wl-nav-icon', 'aria-hidden': 'true', text: page.icon }));
  a.append(h('span', { class: 'wl-nav-label', text: page.title }));
  if (page.current) {
    a.setAttribute('aria-current', 'page');
    a.classList.add('wl-nav-current');
  }
  return a;
}

// ---- the tab's title: the page config's, else the current page's, else the page's own ----

const titles = { original: null, config: '', page: '' };

function showTitle() {
  if (titles.original === null) titles.original = document.title;
  const t = titles.config || titles.page || titles.original;
  if (document.title !== t) document.title = t;
}

let sectionIds = 0;

/**
 * groups splits the menu's pages into runs that share a section (wasm.Section), in order: the
 * pages with no section first, as Go sends them.
 */
function groups(pages) {
  const out = [];
  for (const pg of pages) {
    const section = typeof pg.section === 'string' ? pg.section : '';
    const last = out[out.length - 1];
    if (last && last.section === section) last.pages.push(pg);
    else out.push({ section, pages: [pg] });
  }
  return out;
}

/**
 * navigation draws the menu: a list of the pages with no section, then, for each section, a
 * header (stNavSectionHeader, a heading) and the list of its pages, labelled by that header.
 */
function navigation(kind, props) {
  const top = kind === 'stTopNav';
  const list = h('ul', { 'data-testid': top ? 'stTopNavItems' : 'stSidebarNavItems', class: 'wl-nav-items' });
  const el = h('nav', { 'data-testid': kind, class: `wl-nav wl-nav-${top ? 'top' : 'sidebar'}`, 'aria-label': 'Pages' }, list);
  el.addEventListener('click', follow);
  listen();
  let last = '';
  const update = (p) => {
    el.hidden = p.position === 'hidden';
    const pages = Array.isArray(p.pages) ? p.pages : [];
    const key = JSON.stringify(pages);
    if (key !== last) {
      last = key;
      const testid = top ? 'stTopNavLink' : 'stSidebarNavLink';
      const items = (pgs) => pgs.map((pg) => h('li', null, linkTo(pg, testid)));
      const parts = groups(pages);
      const plain = parts.length && parts[0].section === '' ? parts.shift().pages : [];
      list.replaceChildren(...items(plain));
      list.hidden = plain.length === 0 && parts.length > 0;
      const sections = parts.map(({ section, pages: pgs }) => {
        const id = `wl-nav-section-${++sectionIds}`;
        const header = h('h2', { id, 'data-testid': 'stNavSectionHeader', class: 'wl-nav-section-header', text: section });
        const ul = h('ul', { class: 'wl-nav-items', 'aria-labelledby': id }, ...items(pgs));
        return h('div', { 'data-testid': 'stNavSection', class: 'wl-nav-section' }, header, ul);
      });
      el.replaceChildren(list, ...sections);
    }
    titles.page = typeof p.current === 'string' ? p.current : '';
    showTitle();
  };
  update(props);
  return { el, childHost: null, update, destroy() { titles.page = ''; showTitle(); } };
}

function pageLink(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-page-link' });
  el.addEventListener('click', follow);
  listen();
  const update = (p) => el.replaceChildren(linkTo(p, 'stPageLinkAnchor'));
  update(props);
  return { el, childHost: null, update };
}

// ---- page config ----

let originalIcon = null;

/** iconURL returns the favicon URL for an icon: an emoji drawn in an SVG, or a safe image URL. */
function iconURL(icon) {
  if (!icon) return '';
  if (/^[\p{Extended_Pictographic}\p{Emoji_Presentation}\u200d\ufe0f\s]+$/u.test(icon)) {
    const esc = icon.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">${esc}</text></svg>`;
    return `data:image/svg+xml,${encodeURIComponent(svg)}`;
  }
  return safeURL(icon, true);
}

function showIcon(icon) {
  let link = document.querySelector('link[rel~="icon"]');
  if (!link) {
    link = h('link', { rel: 'icon' });
    document.head.append(link);
  }
  if (originalIcon === null) originalIcon = link.getAttribute('href') || '';
  const url = iconURL(icon) || originalIcon;
  if (link.getAttribute('href') !== url) link.setAttribute('href', url);
}

/**
 * configs lists the live page config nodes, oldest first: the newest one of a root sets its layout
 * and the newest of all the tab's title and icon. A run that moves the config to a new node
 * creates the new one before it removes the old, so the old one's going changes nothing.
 */
const configs = [];

function applyConfigs(root) {
  const last = configs[configs.length - 1];
  titles.config = last && typeof last.props.title === 'string' ? last.props.title : '';
  showTitle();
  showIcon(last && typeof last.props.icon === 'string' ? last.props.icon : '');
  if (!root) return;
  const mine = configs.filter((c) => c.root === root).pop();
  if (mine && mine.props.layout === 'wide') root.dataset.layout = 'wide';
  else delete root.dataset.layout;
}

function pageConfig(kind, props, ctx) {
  const el = h('div', { 'data-testid': kind, hidden: true });
  const entry = { root: ctx && ctx.root, props };
  configs.push(entry);
  const update = (p) => {
    entry.props = p;
    applyConfigs(entry.root);
    if (ctx && typeof ctx.sidebarState === 'function') ctx.sidebarState(p.sidebar);
  };
  update(props);
  return {
    el, childHost: null, update,
    destroy() {
      const i = configs.indexOf(entry);
      if (i >= 0) configs.splice(i, 1);
      applyConfigs(entry.root);
    },
  };
}

export const kinds = { stSidebarNav: navigation, stTopNav: navigation, stPageLink: pageLink, stPageConfig: pageConfig };
