// adopt.js: the live session takes over the page the build prerendered (SPEC C7,
// docs/PRERENDER.md). The build writes the app's first run into index.html as the DOM the
// components draw, each element's root marked data-wl-id = its node id. When the module is up,
// the session keeps the prerendered root, main and sidebar elements, and each element its first
// run creates is built onto the prerendered element of the same id and kind: the component takes
// over the build's element nodes (the same DOM objects stay in the page, with the component's
// listeners and state on them) and sets only what its props say. What the user typed, chose or
// focused meanwhile carries over. Prerendered elements the live run does not create are removed
// when it first goes idle. Nothing here parses HTML.
import { buildWith } from './components/dom.js';

/**
 * prerendered returns the adopter of the prerendered root for session sid mounted in container,
 * or null when the page has none. A prerendered root somewhere else (a labelled session's panel,
 * another session) is removed: the live run draws its own.
 */
export function prerendered(container, sid) {
  const root = document.querySelector('.wl-root[data-wl-prerendered]');
  if (!root) return null;
  if (root.parentElement !== container || root.dataset.sid !== String(sid)) {
    root.remove();
    return null;
  }
  const sidebar = root.querySelector(':scope > aside.wl-sidebar');
  const main = root.querySelector(':scope > main.wl-main');
  if (!sidebar || !main) {
    root.remove();
    return null;
  }
  return new Adopter(root, sidebar, main);
}

/**
 * replaced lists the kinds that replace their prerendered element instead of taking it over:
 * building them touches the page beyond their own element (the tab's title, a listener on the
 * document, an overlay), which adopt's trial build must not do.
 */
const replaced = new Set(['stSidebarNav', 'stTopNav', 'stPageConfig', 'stToast', 'stDialog', 'stPopover']);

/** Adopter matches the live session's elements with the prerendered ones, by node id and kind. */
export class Adopter {
  constructor(root, sidebar, main) {
    this.root = root;
    this.sidebar = sidebar;
    this.main = main;
    /** @type {Map<number, Element>} prerendered elements not yet taken over */
    this.byId = new Map();
    for (const el of root.querySelectorAll('[data-wl-id]')) this.byId.set(Number(el.dataset.wlId), el);
  }

  /**
   * build makes the node for element id of kind with build (the component registry's call),
   * onto the prerendered element of the same id and kind when there is one. It returns the node
   * and whether it stands where the prerendered element stood.
   *
   * Taking over is two builds of the component. The first, a trial, makes fresh elements and
   * notes the order h() made them in; its tree is matched with the prerendered element's, node by
   * node (same tag, same place). The second build gets, for each element h() makes, the
   * prerendered node matched with the trial's element of that rank, emptied of its text and of
   * the children the component appends itself; afterwards the attributes the component did not
   * set are removed. An element whose root does not match is replaced, as are the kinds in
   * replaced.
   */
  build(id, kind, build) {
    const old = this.byId.get(id);
    if (!old || old.dataset.testid !== kind) return { node: build(), adopted: false };
    this.byId.delete(id);
    const kids = nested(old);
    const typed = snapshot(old);
    if (replaced.has(kind)) return { node: this.replace(old, build(), kids, typed), adopted: true };

    const made = [];
    const trial = buildWith((tag) => {
      const el = document.createElement(tag);
      made.push(el);
      return el;
    }, build);
    const pairs = new Map();
    match(trial.el, old, pairs);
    if (!pairs.has(trial.el) || !made.includes(trial.el)) return { node: this.replace(old, trial, kids, typed), adopted: true };

    // The second build, onto the prerendered nodes. A focused control is blurred first, while
    // it has no listener: the build moves nodes, and the focus comes back afterwards.
    const focused = document.activeElement;
    const refocus = focused && old.contains(focused) && !kids.some((k) => k.contains(focused)) ? focused : null;
    if (refocus) refocus.blur();
    const used = [];
    const taken = new Set();
    let rank = 0;
    const node = buildWith((tag) => {
      const f = made[rank++];
      const o = f && pairs.get(f);
      if (!o || o.localName !== tag || taken.has(o)) return document.createElement(tag);
      taken.add(o);
      used.push([f, o]);
      for (const c of [...o.childNodes]) if (!(c.nodeType === Node.ELEMENT_NODE && c.hasAttribute('data-wl-id'))) c.remove();
      return o;
    }, build);
    if (trial.destroy) {
      try { trial.destroy(); } catch (err) { console.error('wasmlit host: destroy failed:', err); }
    }
    if (node.el !== old) return { node: this.replace(old, node, kids, typed), adopted: true };
    // Removing `value`, `checked` or an option's `selected` from a control the user has not
    // touched resets what it shows: keep each control's state across the removal.
    const restore = used.map(([, o]) => keepControlState(o));
    for (const [f, o] of used) {
      for (const a of [...o.attributes]) if (!f.hasAttribute(a.name)) o.removeAttribute(a.name);
    }
    for (const r of restore) r();
    if (node.childHost) for (const kid of kids) if (kid.parentElement !== node.childHost) node.childHost.append(kid);
    const after = carryInput(typed, node.el);
    if (after) queueMicrotask(after); // once the patch is applied
    else if (refocus) queueMicrotask(() => { if (refocus.isConnected) refocus.focus(); }); // a button, a link
    return { node, adopted: true };
  }

  /**
   * replace puts node where the prerendered element old stands, its prerendered children kids
   * moved into node's child area (where the live run adopts them in turn), with what the user
   * did to old (typed) carried over.
   */
  replace(old, node, kids, typed) {
    if (node.childHost) for (const kid of kids) node.childHost.append(kid);
    if (old.isConnected) old.replaceWith(node.el);
    const after = carryInput(typed, node.el);
    if (after) queueMicrotask(after); // once the patch is applied and the node is in place
    return node;
  }

  /** finish removes the prerendered elements the live run did not take over. */
  finish() {
    for (const el of this.byId.values()) el.remove();
    this.byId.clear();
    this.root.removeAttribute('data-wl-prerendered');
    const app = this.root.parentElement;
    if (app) app.removeAttribute('data-wl-prerendered');
  }
}

/** nested lists the prerendered elements directly inside old (not inside another one). */
function nested(old) {
  return [...old.querySelectorAll('[data-wl-id]')].filter((kid) => kid.parentElement.closest('[data-wl-id]') === old);
}

/** own lists el's form controls, in document order, leaving out those of elements nested in it. */
function own(el) {
  return [...el.querySelectorAll('input, select, textarea')].filter((c) => {
    for (let p = c.parentElement; p && p !== el; p = p.parentElement) if (p.hasAttribute('data-wl-id')) return false;
    return true;
  });
}

/**
 * match pairs the trial's element f with the prerendered element o when they have the same tag,
 * then their element children: each of f's, in order, with the next of o's of the same tag (o's
 * skipped over stay unpaired; one of f's with none is new). Prerendered elements nested in o are
 * left out: they are other nodes, adopted on their own.
 */
function match(f, o, pairs) {
  if (f.localName !== o.localName) return;
  pairs.set(f, o);
  const ok = [...o.children].filter((c) => !c.hasAttribute('data-wl-id'));
  let next = 0;
  for (const fc of f.children) {
    const j = ok.findIndex((c, i) => i >= next && c.localName === fc.localName);
    if (j < 0) continue;
    match(fc, ok[j], pairs);
    next = j + 1;
  }
}

/**
 * keepControlState notes what form control el shows (its value, or whether it is checked) and
 * returns what puts it back; for anything else, a function that does nothing.
 */
function keepControlState(el) {
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    const checked = el.checked;
    return () => { el.checked = checked; };
  }
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
    const value = el.value;
    return () => { el.value = value; };
  }
  return () => {};
}

/**
 * snapshot notes what the user did to old's form controls before the module was up (typed text,
 * a ticked box, a chosen option, the focus and the selection), control by control.
 */
function snapshot(old) {
  return own(old).map((a) => {
    const s = { tag: a.tagName, type: a.type, focused: document.activeElement === a, changed: false, start: null, end: null };
    if (a.type === 'checkbox' || a.type === 'radio') {
      s.changed = a.checked !== a.defaultChecked;
      s.checked = a.checked;
    } else if (a.tagName === 'SELECT') {
      const initial = a.querySelector('option[selected]');
      s.changed = !!initial && a.value !== initial.value;
      s.value = a.value;
    } else {
      s.changed = a.value !== a.defaultValue;
      s.value = a.value;
    }
    if (s.focused) {
      try { s.start = a.selectionStart; s.end = a.selectionEnd; } catch { /* not a text control */ }
    }
    return s;
  });
}

/**
 * carryInput puts what typed noted into the live element's form controls, control by control in
 * document order. It returns what to do once the patch is applied: hand each change to the
 * component as the user's (its listeners send it to Go) and move the focus.
 */
function carryInput(typed, el) {
  if (!typed.length) return null;
  const after = own(el);
  const events = [];
  let focus = null;
  typed.forEach((a, i) => {
    const b = after[i];
    if (!b || b.tagName !== a.tag || b.type !== a.type) return;
    if (a.changed) {
      if (a.type === 'checkbox' || a.type === 'radio') {
        b.checked = a.checked;
        events.push([b, 'change']);
      } else if (a.tag === 'SELECT') {
        b.value = a.value;
        events.push([b, 'change']);
      } else {
        b.value = a.value;
        // A text field sends on blur or Enter: one the user has left is sent now, the focused one
        // when the user leaves it, as it would have been.
        if (!a.focused) events.push([b, 'blur']);
      }
    }
    if (a.focused) focus = { b, start: a.start, end: a.end };
  });
  if (!events.length && !focus) return null;
  return () => {
    if (focus) {
      focus.b.focus();
      if (typeof focus.start === 'number' && focus.b.setSelectionRange) {
        try { focus.b.setSelectionRange(focus.start, focus.end); } catch { /* not a text control */ }
      }
    }
    for (const [b, type] of events) b.dispatchEvent(new Event(type, { bubbles: type === 'change' }));
  };
}
