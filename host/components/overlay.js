// Elements that float over the page: stToast (a message in the corner, announced), stDialog
// (a modal <dialog> drawn by Go while it is open; Escape or the close button send `change`
// false), stPopover (a button that opens a panel of content), and the status container: an
// stExpander whose props carry a `state` (running, complete, error) shown beside its label.
import { h, uid, setText, str } from './dom.js';
import { tooltip } from './tooltip.js';
import { kinds as markdown } from './markdown.js';
import { kinds as layout } from './layout.js';

// toastRegion is the one live region every toast of the page goes in (A16: announced).
let region = null;
function toastRegion() {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'wl-toasts', 'data-testid': 'stToastContainer', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  return region;
}

// toast: the element itself is an empty marker where Go drew it; the message goes in the
// page's toast region and stays for its duration even when a rerun removes the marker.
function toast(kind, props, ctx) {
  const el = h('div', { class: 'wl-toast-anchor', hidden: true, 'data-toast': '' });
  let lastRun = null;
  const show = (p) => {
    const body = markdown.stMarkdown('stToastText', { text: str(p.text) }, ctx).el;
    body.classList.add('wl-toast-body');
    const close = h('button', { type: 'button', class: 'wl-toast-close', 'aria-label': 'Close', text: '×' });
    const icon = p.icon ? h('span', { class: 'wl-toast-icon', 'aria-hidden': 'true', text: str(p.icon) }) : null;
    const t = h('div', { 'data-testid': kind, class: 'wl-toast' }, icon, body, close);
    const remove = () => t.remove();
    close.addEventListener('click', remove);
    toastRegion().append(t);
    if (p.durationMs > 0) setTimeout(remove, p.durationMs);
  };
  const update = (p) => {
    if (p.run === lastRun) return; // the same run's props again: shown already
    lastRun = p.run;
    show(p);
  };
  update(props);
  return { el, childHost: null, update };
}

// dialog: a modal <dialog>, shown once it is in the page. Closing it by the user (Escape, the
// close button) tells Go; Go closing it removes the element, which sends nothing.
function dialog(kind, props, ctx) {
  const titleID = uid('wl-dialog-title');
  const title = h('h2', { id: titleID, class: 'wl-dialog-title' });
  const close = h('button', { type: 'button', class: 'wl-dialog-close', 'aria-label': 'Close', text: '×' });
  const body = h('div', { class: 'wl-dialog-body' });
  const el = h('dialog', { 'data-testid': kind, class: 'wl-dialog', 'aria-labelledby': titleID },
    h('div', { class: 'wl-dialog-head' }, title, close), body);
  let p = props;
  let gone = false;
  const open = () => {
    if (gone || el.open) return;
    if (!el.isConnected) { requestAnimationFrame(open); return; }
    el.showModal();
  };
  close.addEventListener('click', () => el.close());
  el.addEventListener('close', () => { if (!gone) ctx.emit(p.id, 'change', false, null); });
  const update = (np) => { p = np; setText(title, p.title); };
  update(props);
  queueMicrotask(open);
  const destroy = () => {
    gone = true;
    if (el.open) el.close();
  };
  return { el, childHost: body, update, destroy };
}

// popover: a button that shows or hides a panel holding the content. Escape, or a click
// outside, hides it and gives the focus back to the button.
function popover(kind, props) {
  const panelID = uid('wl-popover');
  const b = h('button', { type: 'button', class: 'wl-btn wl-popover-btn', 'aria-expanded': 'false', 'aria-controls': panelID });
  const tip = tooltip(b);
  const panel = h('div', { id: panelID, class: 'wl-popover-panel', hidden: true });
  const el = h('div', { 'data-testid': kind, class: 'wl-popover' }, b, tip.el, panel);
  const setOpen = (open, focus) => {
    panel.hidden = !open;
    b.setAttribute('aria-expanded', String(open));
    if (open) document.addEventListener('pointerdown', outside, true);
    else document.removeEventListener('pointerdown', outside, true);
    if (!open && focus) b.focus();
  };
  const outside = (e) => { if (!el.contains(e.target)) setOpen(false, false); };
  b.addEventListener('click', () => setOpen(panel.hidden, false));
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      e.stopPropagation();
      setOpen(false, true);
    }
  });
  const update = (p) => {
    setText(b, p.label);
    b.dataset.kind = p.kind === 'primary' ? 'primary' : 'secondary';
    b.title = str(p.help);
    tip.set(p.help);
    b.disabled = !!p.disabled;
  };
  update(props);
  return { el, childHost: panel, update, destroy: () => setOpen(false, false) };
}

const stateText = { running: 'Running', complete: 'Complete', error: 'Error' };

// expander with a state: layout.js's expander, plus the state's icon (and its name for screen
// readers) before the label when Go sent one (a status container).
function expander(kind, props, ctx) {
  const node = layout.stExpander(kind, props, ctx);
  const icon = h('span', { class: 'wl-status-icon', 'aria-hidden': 'true' });
  const sr = h('span', { class: 'wl-sr-only' });
  node.el.querySelector('summary').prepend(icon, sr);
  const update = node.update;
  node.update = (p) => {
    update(p);
    const s = stateText[p.state] ? p.state : '';
    icon.hidden = !s;
    if (s) node.el.dataset.state = s;
    else delete node.el.dataset.state;
    setText(sr, s ? `${stateText[s]}: ` : '');
  };
  node.update(props);
  return node;
}

export const kinds = { stToast: toast, stDialog: dialog, stPopover: popover, stExpander: expander };
