// Containers: blocks, columns, expander, tabs, form, empty. Each node's childHost is where
// the core inserts its children's elements.
import { h, uid, setText, str, px } from './dom.js';

function block(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-block' });
  const update = (p) => {
    el.classList.toggle('wl-bordered', !!p.border);
    el.style.height = px(p.height);
    el.classList.toggle('wl-scroll', p.height > 0);
  };
  update(props);
  return { el, childHost: el, update };
}

const gaps = { small: '0.5rem', medium: '1rem', large: '2rem', none: '0' };

function hblock(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-hblock' });
  const update = (p) => {
    const g = typeof p.gap === 'number' ? `${p.gap}px` : gaps[p.gap] || '';
    el.style.setProperty('--wl-gap', g || 'var(--wl-gap-default)');
  };
  update(props);
  return { el, childHost: el, update };
}

function column(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-column' });
  const update = (p) => { el.style.flexGrow = String(p.weight > 0 ? p.weight : 1); };
  update(props);
  return { el, childHost: el, update };
}

function expander(kind, props) {
  const text = h('span', { class: 'wl-expander-label' });
  const body = h('div', { class: 'wl-expander-body' });
  const el = h('details', { 'data-testid': kind, class: 'wl-expander' }, h('summary', null, text), body);
  let expanded;
  const update = (p) => {
    setText(text, p.label);
    if (p.expanded !== expanded) { // the user's choice stays until Go changes the prop
      expanded = p.expanded;
      el.open = !!p.expanded;
    }
  };
  update(props);
  return { el, childHost: body, update };
}

// tabs: the tab bar is built from the stTab children in childrenChanged(); each stTab
// element is its own tabpanel. Arrow keys, Home and End move between tabs.
function tabs(kind, props) {
  const bar = h('div', { class: 'wl-tablist', role: 'tablist' });
  const panels = h('div', { class: 'wl-tabpanels' });
  const el = h('div', { 'data-testid': kind, class: 'wl-tabs' }, bar, panels);
  let p = props;
  let selected = 0;
  let buttons = [];
  const kids = () => [...panels.children].filter((c) => c.dataset.testid === 'stTab');
  const select = (i, focus) => {
    const ks = kids();
    if (!ks.length) return;
    selected = Math.max(0, Math.min(i, ks.length - 1));
    ks.forEach((k, j) => { k.hidden = j !== selected; });
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(j === selected));
      b.tabIndex = j === selected ? 0 : -1;
    });
    if (focus) buttons[selected]?.focus();
  };
  const rebuild = () => {
    const ks = kids();
    buttons = ks.map((k, i) => {
      if (!k.id) k.id = uid('wl-tabpanel');
      const b = h('button', { type: 'button', role: 'tab', class: 'wl-tab', id: `${k.id}-tab`, 'aria-controls': k.id,
        text: k.dataset.label ?? str((p.labels || [])[i]) });
      k.setAttribute('aria-labelledby', b.id);
      b.addEventListener('click', () => select(i, false));
      return b;
    });
    bar.replaceChildren(...buttons);
    select(selected, false);
  };
  bar.addEventListener('keydown', (e) => {
    const n = buttons.length;
    const next = { ArrowRight: selected + 1, ArrowLeft: selected - 1 + n, Home: 0, End: n - 1 }[e.key];
    if (next === undefined || !n) return;
    e.preventDefault();
    select(next % n, true);
  });
  el.addEventListener('wl-tablabel', rebuild);
  const update = (np) => { p = np; if (buttons.length) rebuild(); };
  return { el, childHost: panels, update, childrenChanged: rebuild };
}

function tab(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-tab-panel', role: 'tabpanel', tabindex: '0' });
  const update = (p) => {
    const l = str(p.label);
    if (el.dataset.label === l) return;
    el.dataset.label = l;
    el.dispatchEvent(new CustomEvent('wl-tablabel', { bubbles: true }));
  };
  update(props);
  return { el, childHost: el, update };
}

function form(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-form' });
  const update = (p) => {
    el.dataset.formId = str(p.id);
    el.classList.toggle('wl-bordered', p.border !== false);
  };
  update(props);
  return { el, childHost: el, update };
}

function plain(cls) {
  return (kind) => {
    const el = h('div', { 'data-testid': kind, class: cls });
    return { el, childHost: el, update() {} };
  };
}

export const kinds = {
  stVerticalBlock: block,
  stHorizontalBlock: hblock,
  stColumn: column,
  stExpander: expander,
  stTabs: tabs,
  stTab: tab,
  stForm: form,
  stEmpty: plain('wl-empty'),
  stSidebar: plain('wl-block'),
};
