// Markdown elements (stMarkdown, stCaption, stAlert). marked renders, DOMPurify sanitises;
// both load on first use through ctx.libURL. Until then the text shows as plain text.
// Raw HTML in the markdown is escaped unless props.unsafe; the output always goes through
// DOMPurify (no script, no event handlers) and harden (URLs on an allow-list, links with
// rel=noopener), as a DOM fragment: never serialised and parsed again.
import { h, str, safeURL } from './dom.js';

let libs = null; // Promise<{safe, unsafe, purify}>
let loaded = null; // its value once resolved

const escapeHTML = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const urlAttrs = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'cite', 'longdesc'];
const mediaTags = new Set(['IMG', 'VIDEO', 'AUDIO', 'SOURCE', 'TRACK', 'PICTURE', 'IMAGE']);
const unsafeStyle = /url\s*\(|expression\s*\(|image-set|javascript:|vbscript:|@import|behavior\s*:|-moz-binding/i;

// harden runs after DOMPurify's own checks, on every element it keeps: URL attributes must pass
// safeURL (DOMPurify lets data: URLs of any type through on images), srcset goes (it would need
// parsing), styles that fetch or run anything go, and links never hand our window to the page
// they open.
function harden(node) {
  if (!node.hasAttribute) return;
  for (const a of urlAttrs) {
    if (!node.hasAttribute(a)) continue;
    const v = node.getAttribute(a);
    const ok = safeURL(v, mediaTags.has(node.tagName.toUpperCase()) && a !== 'href');
    if (!ok) node.removeAttribute(a);
  }
  node.removeAttribute('srcset');
  if (node.hasAttribute('style') && unsafeStyle.test(node.getAttribute('style'))) node.removeAttribute('style');
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('rel', 'noopener noreferrer');
    if (/^https?:/i.test(node.getAttribute('href'))) node.setAttribute('target', '_blank');
    else node.removeAttribute('target');
  }
}

// What DOMPurify keeps of markdown's HTML (AllowHTML): no style sheets or forms, and no MathML
// or templates, whose parsing rules are what mutation XSS (mXSS) tricks rely on.
const purifyConfig = {
  RETURN_DOM_FRAGMENT: true,
  FORBID_TAGS: ['style', 'form', 'math', 'template', 'noscript', 'base', 'meta', 'link'],
  FORBID_ATTR: ['srcset', 'target'],
};

function load(ctx) {
  if (!libs) {
    libs = Promise.all([
      import(ctx.libURL('marked/marked.esm.js')),
      import(ctx.libURL('dompurify/purify.es.mjs')),
    ]).then(([m, dp]) => {
      const purify = dp.default;
      purify.addHook('afterSanitizeAttributes', harden);
      const safe = new m.Marked({ gfm: true });
      safe.use({ renderer: { html: (tok) => escapeHTML(tok.text ?? tok.raw ?? '') } });
      const unsafe = new m.Marked({ gfm: true });
      loaded = { safe, unsafe, purify };
      return loaded;
    });
    libs.catch(() => { libs = null; }); // a failed load may be retried by the next element
  }
  return libs;
}

/** render returns a sanitised DocumentFragment for markdown text. */
function render(l, text, unsafe) {
  const html = (unsafe ? l.unsafe : l.safe).parse(str(text), { async: false });
  return l.purify.sanitize(html, purifyConfig);
}

/** mdView keeps `target` showing `text` as markdown, plain text until the libraries load. */
function mdView(target, ctx) {
  let gen = 0;
  return (text, unsafe) => {
    const my = ++gen;
    if (loaded) {
      target.replaceChildren(render(loaded, text, unsafe));
      return;
    }
    target.textContent = str(text);
    load(ctx).then((l) => {
      if (my === gen) target.replaceChildren(render(l, text, unsafe));
    }, (err) => console.error('wasmlit: markdown libraries failed to load', err));
  };
}

function markdown(cls) {
  return (kind, props, ctx) => {
    const el = h('div', { 'data-testid': kind, class: `wl-md ${cls}` });
    const show = mdView(el, ctx);
    let last = null;
    const update = (p) => {
      if (last && last.text === p.text && last.unsafe === p.unsafe) return;
      last = { text: p.text, unsafe: p.unsafe };
      show(p.text, !!p.unsafe);
    };
    update(props);
    return { el, childHost: null, update };
  };
}

const icons = { success: '✓', info: 'ℹ', warning: '⚠', error: '✕' };

function alert(kind, props, ctx) {
  const icon = h('span', { class: 'wl-alert-icon', 'aria-hidden': 'true' });
  const body = h('div', { class: 'wl-md wl-alert-body' });
  const el = h('div', { 'data-testid': kind, class: 'wl-alert' }, icon, body);
  const show = mdView(body, ctx);
  let lastText = null;
  const update = (p) => {
    const k = icons[p.kind] ? p.kind : 'info';
    el.dataset.kind = k;
    el.setAttribute('role', k === 'error' || k === 'warning' ? 'alert' : 'status');
    icon.textContent = p.icon ? str(p.icon) : icons[k];
    if (p.text !== lastText) { lastText = p.text; show(p.text, false); }
  };
  update(props);
  return { el, childHost: null, update };
}

export const kinds = {
  stMarkdown: markdown(''),
  stCaption: markdown('wl-caption'),
  stAlert: alert,
};
