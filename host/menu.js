// The page menu (SPEC B15, B24): a ⋮ button top-right with "Rerun", "Clear cache" and "Cache
// inspector", and the keys R and C for the first two when focus is not in a text field. Each
// sends an event with id "" to every session.

function button(text, attrs) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  return b;
}

function item(label, key, action, close) {
  // The name comes from the text, shortcut letter included ("Rerun R"), so it holds all a
  // sighted user reads (WCAG 2.5.3, label in name).
  const attrs = { role: 'menuitem', class: 'wl-menu-item', 'data-testid': 'stMainMenuItem' };
  if (key) attrs['aria-keyshortcuts'] = key;
  const b = button('', attrs);
  const text = document.createElement('span');
  text.textContent = label;
  b.append(text);
  if (key) {
    const kbd = document.createElement('kbd');
    kbd.textContent = key;
    b.append(' ', kbd);
  }
  b.addEventListener('click', () => { close(); action(); });
  return b;
}

/** typing reports whether keys go into a text field (or another editable control). */
function typing(t) {
  if (!(t instanceof Element)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.closest('[role="textbox"],[role="combobox"],[role="listbox"]') !== null;
}

/**
 * announceRuns adds a polite live region that says "Running…" when a run of any session has
 * lasted a second (a sighted user sees the bar at the top) and nothing when it ends, so quick
 * reruns after each widget change stay silent and focus never moves (SPEC A16).
 */
function announceRuns() {
  const live = document.createElement('div');
  live.className = 'wl-run-status';
  live.dataset.testid = 'wlRunStatus';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  document.body.append(live);
  let timer = 0;
  const check = () => {
    const running = document.querySelector('.wl-root[data-status="running"]') !== null;
    if (running && !timer && !live.textContent) {
      timer = setTimeout(() => { timer = 0; if (document.querySelector('.wl-root[data-status="running"]')) live.textContent = 'Running…'; }, 1000);
    } else if (!running) {
      clearTimeout(timer);
      timer = 0;
      live.textContent = '';
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
}

/**
 * installMenu adds the menu to the page and the R and C keys.
 * @param {{rerun: () => void, clearCache: () => void, inspector: () => void}} actions
 */
export function installMenu(actions) {
  const wrap = document.createElement('div');
  wrap.className = 'wl-menu';
  const toggle = button('⋮', { class: 'wl-menu-button', 'data-testid': 'stMainMenu', 'aria-label': 'Main menu', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'wl-menu-list', title: 'Main menu' });
  const list = document.createElement('div');
  list.id = 'wl-menu-list';
  list.className = 'wl-menu-list';
  list.setAttribute('role', 'menu');
  list.setAttribute('aria-label', 'Main menu');
  list.hidden = true;
  const open = (focusFirst) => {
    list.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    if (focusFirst) list.querySelector('button')?.focus();
  };
  const close = (refocus) => {
    if (list.hidden) return;
    list.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (refocus) toggle.focus();
  };
  list.append(
    item('Rerun', 'R', actions.rerun, () => close(false)),
    item('Clear cache', 'C', actions.clearCache, () => close(false)),
    item('Cache inspector', '', actions.inspector, () => close(false)),
  );
  toggle.addEventListener('click', () => (list.hidden ? open(false) : close(false)));
  toggle.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); open(true); }
  });
  list.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('button')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); close(true); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  });
  document.addEventListener('click', (e) => { if (!wrap.contains(e.target)) close(false); });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
    const k = e.key.toLowerCase();
    if (k === 'r') { e.preventDefault(); actions.rerun(); }
    else if (k === 'c') { e.preventDefault(); actions.clearCache(); }
  });
  wrap.append(toggle, list);
  // First in the page, so the first Tab reaches it: it sits at the top, fixed (SPEC A16).
  document.body.prepend(wrap);
  announceRuns();
}
