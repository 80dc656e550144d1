// Markdown elements (stMarkdown, stCaption, stAlert). marked renders, DOMPurify sanitises;
// both load on first use through ctx.libURL. Until then the text shows as plain text.
// Raw HTML in the markdown is escaped unless props.unsafe; the output always goes through
// DOMPurify (no script, no event handlers, no javascript: URLs), as a DOM fragment.
import { h, str } from './dom.js';

let libs = null; // Promise<{safe, unsafe, purify}>
let loaded = null; // its value once resolved

const escapeHTML = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function load(ctx) {
  if (!libs) {
    libs = Promise.all([
      import(ctx.libURL('marked/marked.esm.js')),
      import(ctx.libURL('dompurify/purify.es.mjs')),
    ]).then(([m, dp]) => {
      const purify = dp.default;
      purify.addHook('afterSanitizeAttributes', (node) => {
        // Links that leave the page open in a new tab without giving it our window.
        if (node.tagName === 'A' && node.hasAttribute('href') && /^https?:/i.test(node.getAttribute('href'))) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      });
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
  return l.purify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form'] });
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
