// devstate.js: session state and widget values kept across the dev server's reload (SPEC F3).
// When `wasmlit serve` rebuilds an app after a save, its page reloads (/_wasmlit/reload.js); like
// Streamlit, which keeps a session across script edits, the new module then gets back what the
// user had: each session's state (wasm.NewState slots), each widget's last value and the selected
// tab of each tab bar. A reload the user makes starts fresh. Only pages served by the dev server
// (those carrying reload.js) record anything.
//
// Go sends each session's state, a JSON string, after every run that ends idle and changed it
// (saveState); reload.js sets sessionStorage[FLAG] to the page's path just before it reloads; on
// pagehide this module saves the states and the values under KEY; the new page takes both. Go
// asks for a session's saved state before its first run (keptState); after that run this module
// sends the session's saved widget values to Go in one batch, then selects the saved tabs.

const FLAG = 'wasmlit:dev-reload';
const KEY = 'wasmlit:dev-state';

const enabled = typeof document !== 'undefined' && !!document.querySelector('script[src$="/_wasmlit/reload.js"]');
const values = new Map(); // `${sid} ${id}` → the widget's last change, in order of last change
const states = new Map(); // sid → the session state Go sent after its last run (JSON)
let saved = null; // { values: [[key, value]...], tabs: [index...], states: {sid: JSON} } from before the dev reload
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
  // A session that has not finished a run by the next dev reload passes its saved state on.
  for (const [sid, json] of Object.entries(saved?.states || {})) states.set(Number(sid), json);
  addEventListener('pagehide', save);
}

/** record notes a widget event (events.js calls it for every event it sends). */
export function record(sid, id, type, value) {
  if (!enabled || type !== 'change' || !id) return;
  const k = `${sid} ${id}`;
  values.delete(k);
  values.set(k, value);
}

/**
 * keptState is wasmlitHost.keptState: session sid's state from before the dev reload ('' for
 * none), or null when the page is not served by the dev server, so that Go keeps nothing.
 */
export function keptState(sid) {
  if (!enabled) return null;
  const s = saved?.states?.[sid];
  return typeof s === 'string' ? s : '';
}

/** saveState is wasmlitHost.saveState: session sid's state after a run, kept for a dev reload. */
export function saveState(sid, json) {
  if (enabled) states.set(Number(sid), String(json));
}

function save() {
  if (sessionStorage.getItem(FLAG) !== location.pathname) return; // not a dev reload
  const tabs = [...document.querySelectorAll('[data-testid="stTabs"]')].map((t) =>
    [...t.querySelectorAll('[role="tab"]')].findIndex((b) => b.getAttribute('aria-selected') === 'true'));
  const data = { values: [...values], tabs };
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...data, states: Object.fromEntries(states) }));
  } catch (err) {
    // Over the storage quota: keep the widget values at least.
    console.warn(`wasmlit: session state not kept across the reload (${err?.name || err}); widget values are`);
    try {
      sessionStorage.setItem(KEY, JSON.stringify(data));
    } catch {
      // nothing is kept: the page starts fresh
    }
  }
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
