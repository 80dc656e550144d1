// devstate.js: widget values kept across the dev server's reload (SPEC F3). When `wasmlit serve`
// rebuilds an app after a save, its page reloads (/_wasmlit/reload.js); like Streamlit, which
// keeps a session across script edits, the new module then gets back what the user had set:
// each widget's last value and the selected tab of each tab bar. A reload the user makes starts
// fresh. Only pages served by the dev server (those carrying reload.js) record anything.
//
// reload.js sets sessionStorage[FLAG] to the page's path just before it reloads; on pagehide this
// module saves the values under KEY; the new page takes both, and after each session's first run
// sends the saved values of that session to Go in one batch, then selects the saved tabs.

const FLAG = 'wasmlit:dev-reload';
const KEY = 'wasmlit:dev-state';

const enabled = typeof document !== 'undefined' && !!document.querySelector('script[src$="/_wasmlit/reload.js"]');
const values = new Map(); // `${sid} ${id}` → the widget's last change, in order of last change
let saved = null; // { values: [[key, value]...], tabs: [index...] } from before the dev reload
const restored = new Set(); // sessions whose saved values were sent

if (enabled) {
  const flag = sessionStorage.getItem(FLAG);
  const data = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(FLAG);
  sessionStorage.removeItem(KEY);
  if (flag === location.pathname && data) {
    try {
      saved = JSON.parse(data);
    } catch {
      saved = null;
    }
  }
  addEventListener('pagehide', save);
}

/** record notes a widget event (events.js calls it for every event it sends). */
export function record(sid, id, type, value) {
  if (!enabled || type !== 'change' || !id) return;
  const k = `${sid} ${id}`;
  values.delete(k);
  values.set(k, value);
}

function save() {
  if (sessionStorage.getItem(FLAG) !== location.pathname) return; // not a dev reload
  const tabs = [...document.querySelectorAll('[data-testid="stTabs"]')].map((t) =>
    [...t.querySelectorAll('[role="tab"]')].findIndex((b) => b.getAttribute('aria-selected') === 'true'));
  sessionStorage.setItem(KEY, JSON.stringify({ values: [...values], tabs }));
}

/**
 * idle is called each time session sid reports idle: after its first run it sends the values saved
 * before the dev reload (send is events.js's), and once every session has them, selects the tabs.
 */
export function idle(sid, send) {
  if (!saved || restored.has(sid)) return;
  restored.add(sid);
  const prefix = `${sid} `;
  for (const [k, v] of saved.values || []) {
    if (k.startsWith(prefix)) send(sid, k.slice(prefix.length), 'change', v);
  }
  globalThis.wasmlit?.settled().then(selectTabs, () => {});
}

function selectTabs() {
  const tabs = saved?.tabs || [];
  document.querySelectorAll('[data-testid="stTabs"]').forEach((t, i) => {
    const b = t.querySelectorAll('[role="tab"]')[tabs[i]];
    if (b && b.getAttribute('aria-selected') !== 'true') b.click();
  });
}
