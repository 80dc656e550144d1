// stCode with syntax highlighting: text.js draws the block at once as plain text; when the block
// names a language, highlight.js (vendored in web/lib/highlight, BSD-3-Clause) is loaded on first
// use through ctx.libURL and the code is redrawn with coloured tokens. Nothing is loaded for a
// page without a code block that names a language. An unknown language stays plain text.
//
// highlight.js returns HTML. It escapes the code, but this module does not hand HTML to the page
// anyway: it parses the result into an inert document and copies over only text and <span> elements
// with hljs-* classes, so the page never runs what a code block holds. The token colours are the
// theme's (theme.css, .hljs-*), with AA contrast on the code background in light and dark.
import { kinds as text } from './text.js';

let lib = null; // Promise<hljs>

function load(ctx) {
  if (!lib) {
    lib = import(ctx.libURL('highlight/highlight.min.js')).then((m) => m.default);
    lib.catch(() => { lib = null; });
  }
  return lib;
}

// copyTokens appends to out the text and hljs spans of node, dropping everything else.
function copyTokens(node, out) {
  for (const n of node.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) {
      out.append(document.createTextNode(n.data));
    } else if (n.nodeType === Node.ELEMENT_NODE) {
      if (n.localName === 'span') {
        const span = document.createElement('span');
        const cls = [...n.classList].filter((c) => /^hljs-[\w-]+$/.test(c) || /^[\w-]+_$/.test(c));
        if (cls.length) span.className = cls.join(' ');
        copyTokens(n, span);
        out.append(span);
      } else {
        copyTokens(n, out);
      }
    }
  }
}

/** highlightInto replaces the children of code with highlighted tokens of src in lang. */
export function highlightInto(hljs, code, src, lang) {
  if (!hljs.getLanguage(lang)) return false;
  const html = hljs.highlight(src, { language: lang, ignoreIllegals: true }).value;
  const doc = new DOMParser().parseFromString(`<pre>${html}</pre>`, 'text/html');
  const frag = document.createDocumentFragment();
  copyTokens(doc.body.firstChild, frag);
  code.replaceChildren(frag);
  code.classList.add('hljs');
  return true;
}

function code(kind, props, ctx) {
  const node = text.stCode(kind, props, ctx);
  const c = node.el.querySelector('code');
  let want = 0; // the last update: a slow load must not paint an older code over a newer one
  const base = node.update;
  node.update = (p) => {
    base(p);
    const n = ++want;
    const lang = String(p.language || '').toLowerCase().replace(/[^\w-]/g, '');
    node.el.removeAttribute('data-highlighted');
    if (!lang || !ctx || !ctx.libURL) return;
    load(ctx).then((hljs) => {
      if (n !== want) return;
      if (highlightInto(hljs, c, String(p.code ?? ''), lang)) node.el.setAttribute('data-highlighted', lang);
    }, (err) => console.error('wasmlit: highlight.js failed to load', err));
  };
  node.update(props);
  return node;
}

export const kinds = { stCode: code };
