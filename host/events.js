// Events from widgets to Go: emit() queues them per session and sends each session's queue
// once per microtask with one wasmlitGo.events call (docs/PROTOCOL.md, "Events"). Changes to
// widgets inside a form wait for the form's submit button.
import { sessions } from './session.js';
import { record } from './devstate.js';

const FORM = '[data-testid="stForm"]';
const SUBMIT = '[data-testid="stFormSubmitButton"]';
const RETRY_MS = 20; // how often to look for wasmlitGo before Go has defined it

const outbox = new Map(); // sid → events not yet handed to Go
const held = new WeakMap(); // form element → Map(widget id → event) until submit
let scheduled = false;
let retry = 0;
let onFail = (err) => console.error(err);

/** onSendError sets what happens when Go cannot take events (it has exited). */
export function onSendError(fn) {
  onFail = fn;
}

/**
 * emit is ctx.emit for session sid: a widget's event. A change inside a form is held until
 * the form's submit button is clicked; then the held changes and the click go together.
 * @param {Element} [el] the widget's element, used to find its form
 */
export function emit(sid, id, type, value, el) {
  const form = el && typeof el.closest === 'function' ? el.closest(FORM) : null;
  if (form && type === 'change') {
    let m = held.get(form);
    if (!m) held.set(form, (m = new Map()));
    m.delete(id); // the last change of a widget counts, in the order of last change
    m.set(id, value);
    return;
  }
  if (form && type === 'click' && el.closest(SUBMIT)) {
    const m = held.get(form);
    if (m) {
      held.delete(form);
      for (const [wid, v] of m) send(sid, wid, 'change', v);
    }
  }
  send(sid, id, type, value);
}

/**
 * send queues one event for Go and marks the session running at once, so a test that acts
 * and then waits for settled() can never see the idle state from before its action.
 */
export function send(sid, id, type, value) {
  const s = sessions.get(sid);
  if (!s) return;
  record(sid, id, type, value); // kept across the dev server's reload (devstate.js)
  const ev = { s: ++s.lastSent, id, t: type };
  if (value !== undefined) ev.v = value;
  s.setStatus('running');
  let q = outbox.get(sid);
  if (!q) outbox.set(sid, (q = []));
  q.push(ev);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(flush);
  }
}

/** sendAll sends an event with no widget (rerun, clearcache) to every session. */
export function sendAll(type) {
  for (const sid of sessions.keys()) send(sid, '', type);
}

function flush() {
  scheduled = false;
  const go = globalThis.wasmlitGo;
  if (!go || typeof go.events !== 'function') {
    // Go has not called bridge.OnEvents yet: keep the events and look again shortly.
    if (!retry) retry = setTimeout(() => { retry = 0; flush(); }, RETRY_MS);
    return;
  }
  for (const [sid, q] of outbox) {
    if (!q.length) continue;
    outbox.set(sid, []);
    try {
      go.events(sid, JSON.stringify(q));
    } catch (err) {
      onFail(err);
    }
  }
}
