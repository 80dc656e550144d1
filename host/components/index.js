// Entry point of the element components (see docs/PROTOCOL.md, "Element kinds and their
// props"). The core calls createNode(kind, props, ctx) for each Create op and gets back
//   node = { el, childHost, update(props), blob?(u8), childrenChanged?(), destroy?() }
// with el carrying data-testid = kind. ctx = { sid, emit(id, type, value, el), libURL(path) }.
// Widgets report through ctx.emit with the values of PROTOCOL.md's Events table; the core
// batches them and handles forms. An unknown kind, or props a component cannot handle,
// gives a visible error box, never a throw.
import { h } from './dom.js';
import { kinds as text } from './text.js';
import { kinds as json } from './json.js';
import { kinds as markdown } from './markdown.js';
import { kinds as widgets } from './widgets.js';
import { kinds as inputs } from './inputs.js';
import { kinds as upload } from './upload.js';
import { kinds as layout } from './layout.js';
import { kinds as media } from './media.js';
import { kinds as dataframe } from './dataframe.js';
import { kinds as chart } from './chart.js';
import { kinds as chat } from './chat.js';
import { kinds as buttongroup } from './buttongroup.js';
import { kinds as timeinput } from './timeinput.js';
import { kinds as latex } from './latex.js';
import { kinds as highlight } from './highlight.js';
import { kinds as map } from './map.js';
import { kinds as editor } from './editor.js';
import { kinds as nav } from './nav.js';
import { kinds as download } from './download.js';
import { kinds as pickers } from './pickers.js';
import { kinds as overlay } from './overlay.js';
import { kinds as search } from './search.js';

export { takeFileBytes } from './upload.js';

const registry = { ...text, ...json, ...markdown, ...widgets, ...inputs, ...upload, ...layout, ...media, ...dataframe, ...chart };
Object.assign(registry, chat, buttongroup, timeinput, latex, nav);
Object.assign(registry, highlight, map, editor); // A9: stCode with highlighting replaces text.js's
// A9: new elements, and stExpander (status state), stSelectbox and stMultiSelect (search) extended.
Object.assign(registry, download, pickers, overlay, search);

/** kinds lists every element kind this module can build. */
export const kinds = Object.freeze(Object.keys(registry));

function errorNode(kind, message) {
  const el = h('div', { 'data-testid': kind, class: 'wl-error-box', role: 'alert', text: message });
  return { el, childHost: null, update() {} };
}

/** createNode builds the node for one element; see the header comment for its shape. */
export function createNode(kind, props, ctx) {
  const make = Object.hasOwn(registry, kind) ? registry[kind] : null;
  if (!make) return errorNode(String(kind), `Unknown element kind: ${kind}`);
  let node;
  try {
    node = make(kind, props || {}, ctx);
  } catch (err) {
    console.error(`wasmlit: cannot create ${kind}`, err);
    return errorNode(kind, `Cannot show ${kind}: ${err && err.message}`);
  }
  const update = node.update;
  node.update = (p) => {
    try {
      update(p || {});
    } catch (err) {
      console.error(`wasmlit: cannot update ${kind}`, err);
    }
  };
  return node;
}
