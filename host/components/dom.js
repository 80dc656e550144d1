// Small DOM helpers shared by the components. Everything from props goes in as text
// (textContent / attribute values); nothing here ever parses HTML.

let seq = 0;

// source, when set, makes the elements h creates: the live session sets it while a component is
// built onto the prerendered page (host/adopt.js, SPEC C7), so that the component takes over the
// build's element nodes instead of making new ones.
let source = null;

/**
 * buildWith runs build with make as the source of the elements h creates (make(tag) returns an
 * element of that tag) and returns what build returns.
 */
export function buildWith(make, build) {
  const prev = source;
  source = make;
  try {
    return build();
  } finally {
    source = prev;
  }
}

/** uid returns a document-unique id for label/aria wiring. */
export function uid(prefix = 'wl') {
  seq += 1;
  return `${prefix}-${seq}`;
}

/**
 * h creates an element. attrs are set with setAttribute, except `class` (className) and
 * `text` (textContent). `style` and on* attributes are refused: styles go through CSSOM
 * and listeners through addEventListener, so a strict CSP never blocks us.
 */
export function h(tag, attrs, ...children) {
  const el = source ? source(tag) : document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'style' || k.startsWith('on')) throw new Error(`h: refusing attribute ${k}`);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** str turns a prop into display text ('' for null/undefined). */
export function str(v) {
  return v === null || v === undefined ? '' : String(v);
}

/** setText sets textContent only when it changes (keeps selection and avoids layout work). */
export function setText(el, v) {
  const s = str(v);
  if (el.textContent !== s) el.textContent = s;
}

/** same compares two JSON-like prop values. */
export function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * safeURL returns url, resolved against the page, when the page may load or link to it, else ''.
 * Links may go to http(s), mailto: and tel: (a relative URL resolves to the page's http(s));
 * media (images) may also use this page's own blob: URLs and data:image/*. Never javascript:,
 * vbscript: or data: of another type, however they are spelt (case, entities are already text,
 * leading control characters and whitespace are stripped by the URL parser).
 */
export function safeURL(url, media) {
  let u;
  try {
    u = new URL(String(url ?? ''), document.baseURI);
  } catch {
    return '';
  }
  switch (u.protocol) {
    case 'http:':
    case 'https:':
      return u.href;
    case 'mailto:':
    case 'tel:':
      return media ? '' : u.href;
    case 'blob:':
      return media && u.origin === location.origin ? u.href : '';
    case 'data:':
      return media && /^data:image\/[\w.+-]+[;,]/i.test(u.href) ? u.href : '';
    default:
      return '';
  }
}

/** px returns a CSS length for a positive number, else ''. */
export function px(n) {
  return typeof n === 'number' && n > 0 ? `${n}px` : '';
}

/** container makes a plain node whose children go into its root element. */
export function container(kind, tag = 'div', cls = '') {
  const el = h(tag, { 'data-testid': kind, class: cls || null });
  return { el, childHost: el, update() {} };
}
