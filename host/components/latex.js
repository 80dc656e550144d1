// stLatex: a formula typeset by KaTeX, loaded (script, stylesheet, fonts under lib/katex/) the
// first time a page shows one; until then, and for a formula KaTeX cannot parse, the source
// shows as code. KaTeX builds DOM nodes and sets their styles through CSSOM, so it runs under
// the strict CSP (no eval, no style attributes parsed from markup). Its MathML copy is what
// screen readers read. trust stays off: \href, \url, \includegraphics and the like do nothing.
import { h, setText, str } from './dom.js';
import { tooltip } from './tooltip.js';

let lib = null; // Promise<katex>
let loaded = null; // its value once resolved

function load(ctx) {
  if (!lib) {
    if (!document.querySelector('link[data-wl-katex]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = ctx.libURL('katex/katex.min.css');
      link.dataset.wlKatex = '';
      document.head.append(link);
    }
    lib = import(ctx.libURL('katex/katex.mjs')).then((m) => { loaded = m.default; return loaded; });
    lib.catch(() => { lib = null; }); // a failed load may be retried by the next element
  }
  return lib;
}

const options = { displayMode: true, throwOnError: true, trust: false, output: 'htmlAndMathml' };

function latex(kind, props, ctx) {
  const math = h('div', { class: 'wl-latex-math' });
  const error = h('p', { class: 'wl-latex-error', role: 'note' });
  const help = h('span', { class: 'wl-help', tabindex: '0', role: 'img', text: '?' });
  const tip = tooltip(help);
  const el = h('div', { 'data-testid': kind, class: 'wl-latex' }, math, help, tip.el, error);
  let text = null;
  let gen = 0;
  const source = (t) => math.replaceChildren(h('code', { text: t }));
  const typeset = (k, t) => {
    try {
      k.render(t, math, options);
      error.hidden = true;
      el.dataset.rendered = '';
    } catch (err) {
      source(t);
      setText(error, err && err.message ? err.message : String(err));
      error.hidden = false;
      delete el.dataset.rendered;
    }
  };
  const update = (p) => {
    help.hidden = !p.help;
    help.title = str(p.help);
    help.setAttribute('aria-label', p.help ? `Help: ${str(p.help)}` : 'Help');
    tip.set(p.help);
    const t = str(p.text);
    if (t === text) return;
    text = t;
    const my = ++gen;
    if (loaded) { typeset(loaded, t); return; }
    source(t);
    error.hidden = true;
    load(ctx).then((k) => { if (my === gen) typeset(k, t); },
      (err) => console.error('wasmlit: KaTeX failed to load', err));
  };
  update(props);
  return { el, childHost: null, update };
}

export const kinds = { stLatex: latex };
