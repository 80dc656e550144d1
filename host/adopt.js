// adopt.js: the live session takes over the page the build prerendered (SPEC C7,
// docs/PRERENDER.md). The build writes the app's first run into index.html as the DOM the
// components draw, each element's root marked data-wl-id = its node id. When the module is up,
// the session keeps the prerendered root, main and sidebar elements, and each element its first
// run creates replaces the prerendered element of the same id and kind where it stands, taking
// over what the user typed, chose or focused meanwhile. Prerendered elements the live run does
// not create are removed when it first goes idle. Nothing here parses HTML.

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
   * adopt puts node (just created for id and kind) where the prerendered element of the same id
   * and kind stands, and reports whether there was one. The prerendered element's own
   * prerendered children move into node's child area, where the live run adopts them in turn.
   */
  adopt(id, kind, node) {
    const old = this.byId.get(id);
    if (!old || old.dataset.testid !== kind) return false;
    this.byId.delete(id);
    const after = carryInput(old, node.el);
    if (node.childHost) {
      for (const kid of [...old.querySelectorAll('[data-wl-id]')]) {
        if (kid.parentElement && kid.parentElement.closest('[data-wl-id]') === old) node.childHost.append(kid);
      }
    }
    if (old.isConnected) old.replaceWith(node.el);
    if (after) queueMicrotask(after); // once the patch is applied and the node is in place
    return true;
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

/**
 * carryInput copies into the live element's form controls what the user did to the
 * prerendered ones (typed text, a ticked box, a chosen option, the focus and the selection),
 * control by control in document order. It returns what to do once the live element is in the
 * page: hand each change to the component as the user's (its listeners send it to Go) and move
 * the focus.
 */
function carryInput(old, el) {
  const before = old.querySelectorAll('input, select, textarea');
  if (!before.length) return null;
  const after = el.querySelectorAll('input, select, textarea');
  const events = [];
  let focus = null;
  before.forEach((a, i) => {
    const b = after[i];
    if (!b || b.tagName !== a.tagName || b.type !== a.type) return;
    const focused = document.activeElement === a;
    if (a.type === 'checkbox' || a.type === 'radio') {
      if (a.checked !== a.defaultChecked) { b.checked = a.checked; events.push([b, 'change']); }
    } else if (a.tagName === 'SELECT') {
      const initial = a.querySelector('option[selected]');
      if (initial && a.value !== initial.value) { b.value = a.value; events.push([b, 'change']); }
    } else if (a.value !== a.defaultValue) {
      b.value = a.value;
      // A text field sends on blur or Enter: one the user has left is sent now, the focused one
      // when the user leaves it, as it would have been.
      if (!focused) events.push([b, 'blur']);
    }
    if (focused) focus = { b, start: a.selectionStart, end: a.selectionEnd };
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
