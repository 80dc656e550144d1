// stJson: a collapsible tree of details/summary built with textContent. Children of a
// collapsed node are built the first time it opens, so a large document costs little.
import { h } from './dom.js';

function leaf(v) {
  const t = v === null ? 'null' : typeof v;
  return h('span', { class: `wl-json-${t}`, text: t === 'string' ? JSON.stringify(v) : String(v) });
}

// node renders one key/value pair; depth tells how many levels open at first.
function node(key, v, depth) {
  const keyEl = key === null ? null : h('span', { class: 'wl-json-key', text: `${key}: ` });
  if (v === null || typeof v !== 'object') return h('div', { class: 'wl-json-row' }, keyEl, leaf(v));
  const isArr = Array.isArray(v);
  const entries = isArr ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  const [open, close] = isArr ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return h('div', { class: 'wl-json-row' }, keyEl, h('span', { text: open + close }));
  const summary = h('summary', null, keyEl, h('span', { class: 'wl-json-brace', text: open }),
    h('span', { class: 'wl-json-count', text: ` ${entries.length} ${isArr ? 'items' : 'keys'} ` }));
  const body = h('div', { class: 'wl-json-body' });
  const d = h('details', { class: 'wl-json-node' }, summary, body, h('span', { class: 'wl-json-brace', text: close }));
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    for (const [k, x] of entries) body.append(node(isArr ? null : k, x, depth - 1));
  };
  d.addEventListener('toggle', () => { if (d.open) build(); });
  if (depth > 0) { build(); d.open = true; }
  return d;
}

function json(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-json' });
  let last = null;
  const update = (p) => {
    if (last && last.json === p.json && last.expanded === p.expanded) return;
    last = { json: p.json, expanded: p.expanded };
    // expanded: true = everything open, false = closed, a number = that many levels.
    const depth = p.expanded === false ? 0 : typeof p.expanded === 'number' ? p.expanded : Infinity;
    let v;
    try {
      v = JSON.parse(p.json ?? 'null');
    } catch {
      el.replaceChildren(h('pre', { class: 'wl-json-raw', text: String(p.json) }));
      return;
    }
    el.replaceChildren(node(null, v, depth));
  };
  update(props);
  return { el, childHost: null, update };
}

export const kinds = { stJson: json };
