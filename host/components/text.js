// Plain-text elements: headings, text, code, table, metric, progress, spinner, exception.
// All text goes through textContent.
import { h, setText, str } from './dom.js';

/**
 * focusableWhenScrolling gives el tabindex=0 while its content is wider or taller than it, so a
 * keyboard user can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable), and takes it
 * away when nothing scrolls, so short blocks add no Tab stop.
 */
function focusableWhenScrolling(el) {
  const check = () => {
    const scrolls = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
    if (scrolls) el.tabIndex = 0;
    else el.removeAttribute('tabindex');
  };
  new ResizeObserver(check).observe(el);
  return check;
}

function heading(tag) {
  return (kind, props) => {
    const title = h(tag, { class: 'wl-heading' });
    const rule = h('hr', { class: 'wl-heading-rule' });
    const el = h('div', { 'data-testid': kind, class: `wl-${tag}` }, title, rule);
    const update = (p) => {
      setText(title, p.text);
      rule.hidden = !p.divider;
    };
    update(props);
    return { el, childHost: null, update };
  };
}

function text(kind, props) {
  const el = h('pre', { 'data-testid': kind, class: 'wl-text' });
  const update = (p) => setText(el, p.text);
  update(props);
  return { el, childHost: null, update };
}

function code(kind, props) {
  const c = h('code');
  const copy = h('button', { type: 'button', class: 'wl-copy', 'aria-label': 'Copy code', title: 'Copy', text: '⧉' });
  copy.addEventListener('click', () => navigator.clipboard?.writeText(c.textContent).catch(() => {}));
  const pre = h('pre', null, c);
  const el = h('div', { 'data-testid': kind, class: 'wl-code' }, pre, copy);
  const recheck = focusableWhenScrolling(pre);
  const update = (p) => {
    setText(c, p.code);
    recheck();
    c.className = p.language ? `language-${String(p.language).replace(/[^\w-]/g, '')}` : '';
  };
  update(props);
  return { el, childHost: null, update };
}

function divider(kind) {
  return { el: h('hr', { 'data-testid': kind, class: 'wl-divider' }), childHost: null, update() {} };
}

function table(kind, props) {
  const el = h('div', { 'data-testid': kind, class: 'wl-table' });
  const recheck = focusableWhenScrolling(el);
  const update = (p) => {
    queueMicrotask(recheck);
    const thead = h('thead', null, h('tr', null, ...(p.columns || []).map((c) => h('th', { scope: 'col', text: str(c) }))));
    const tbody = h('tbody', null, ...(p.rows || []).map((r) => h('tr', null, ...(r || []).map((c) => h('td', { text: str(c) })))));
    el.replaceChildren(h('table', null, thead, tbody));
  };
  update(props);
  return { el, childHost: null, update };
}

// deltaSign reads the sign of a metric delta given as a number or as text ("-3 %").
function deltaSign(d) {
  if (typeof d === 'number') return Math.sign(d);
  const s = str(d).trim();
  if (!s) return 0;
  return s.startsWith('-') || s.startsWith('−') ? -1 : 1;
}

function metric(kind, props) {
  const label = h('div', { class: 'wl-metric-label' });
  const value = h('div', { class: 'wl-metric-value' });
  const arrow = h('span', { class: 'wl-metric-arrow', 'aria-hidden': 'true' });
  const dtext = h('span');
  const delta = h('div', { class: 'wl-metric-delta' }, arrow, dtext);
  const el = h('div', { 'data-testid': kind, class: 'wl-metric' }, label, value, delta);
  const update = (p) => {
    setText(label, p.label);
    setText(value, p.value);
    const d = p.delta;
    const has = d !== null && d !== undefined && d !== '';
    delta.hidden = !has;
    if (!has) return;
    const sign = deltaSign(d);
    setText(arrow, sign < 0 ? '↓' : sign > 0 ? '↑' : '');
    setText(dtext, typeof d === 'number' && d > 0 ? `+${d}` : d);
    let good = sign > 0;
    if (p.deltaColor === 'inverse') good = !good;
    delta.dataset.color = p.deltaColor === 'off' || sign === 0 ? 'off' : good ? 'good' : 'bad';
  };
  update(props);
  return { el, childHost: null, update };
}

function progress(kind, props) {
  const label = h('div', { class: 'wl-pbar-text' });
  const fill = h('div', { class: 'wl-pbar-fill' });
  const bar = h('div', { class: 'wl-pbar-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, fill);
  const el = h('div', { 'data-testid': kind, class: 'wl-pbar' }, label, bar);
  const update = (p) => {
    const v = Math.min(1, Math.max(0, Number(p.value) || 0));
    const pct = Math.round(v * 100);
    setText(label, p.text);
    label.hidden = !p.text;
    bar.setAttribute('aria-valuenow', String(pct));
    if (p.text) bar.setAttribute('aria-label', str(p.text));
    fill.style.width = `${v * 100}%`;
  };
  update(props);
  return { el, childHost: null, update };
}

function spinner(kind, props) {
  const msg = h('span', { class: 'wl-spinner-text' });
  const time = h('span', { class: 'wl-spinner-time' });
  const el = h('div', { 'data-testid': kind, class: 'wl-spinner', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'wl-spinner-icon', 'aria-hidden': 'true' }), msg, time);
  let timer = 0;
  let p = props;
  const tick = () => setText(time, `(${(Math.max(0, Date.now() - Number(p.startedMs || Date.now())) / 1000).toFixed(1)} s)`);
  const update = (np) => {
    p = np;
    setText(msg, p.text);
    if (p.showTime && !timer) timer = setInterval(tick, 100);
    if (!p.showTime && timer) { clearInterval(timer); timer = 0; }
    time.hidden = !p.showTime;
    if (p.showTime) tick();
  };
  update(props);
  return { el, childHost: null, update, destroy: () => clearInterval(timer) };
}

function exception(kind, props) {
  const type = h('strong', { class: 'wl-exc-type' });
  const message = h('pre', { class: 'wl-exc-message' });
  const stack = h('pre', { class: 'wl-exc-stack' });
  const details = h('details', null, h('summary', { text: 'Stack trace' }), stack);
  focusableWhenScrolling(stack);
  const el = h('div', { 'data-testid': kind, class: 'wl-exception', role: 'alert' }, type, message, details);
  const update = (p) => {
    setText(type, p.type || 'Error');
    setText(message, p.message);
    setText(stack, p.stack);
    details.hidden = !p.stack;
  };
  update(props);
  return { el, childHost: null, update };
}

export const kinds = {
  stTitle: heading('h1'),
  stHeader: heading('h2'),
  stSubheader: heading('h3'),
  stText: text,
  stCode: code,
  stDivider: divider,
  stTable: table,
  stMetric: metric,
  stProgress: progress,
  stSpinner: spinner,
  stException: exception,
};
