// Value-entry widgets: slider, number input, text input, text area, date input.
import { h, setText, str } from './dom.js';
import { shell, syncer, fmtNum, decimals } from './widget.js';

function num(v, dflt) {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

// slider: one range input, or two overlaid for [lo, hi]. The value shows live while
// dragging; Go hears about it on `change` (release, or each key press).
function slider(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-slider' });
  const out = h('output', { class: 'wl-slider-value', for: s.id });
  const track = h('div', { class: 'wl-slider-track' });
  const minL = h('span');
  const maxL = h('span');
  s.el.append(out, track, h('div', { class: 'wl-slider-minmax', 'aria-hidden': 'true' }, minL, maxL));
  const sync = syncer(s.el);
  let p = props;
  let inputs = [];
  const values = () => inputs.map((i) => Number(i.value));
  const show = () => {
    const v = values();
    setText(out, v.map((x) => fmtNum(x, p.step)).join(' – '));
    const lo = num(p.min, 0);
    const span = num(p.max, 100) - lo || 1;
    track.style.setProperty('--wl-lo', `${inputs.length > 1 ? ((v[0] - lo) / span) * 100 : 0}%`);
    track.style.setProperty('--wl-hi', `${((v[v.length - 1] - lo) / span) * 100}%`);
    inputs.forEach((i, k) => i.setAttribute('aria-valuetext', fmtNum(v[k], p.step)));
  };
  const build = (n) => {
    inputs = Array.from({ length: n }, (_, k) => {
      const i = h('input', { type: 'range', id: k === 0 ? s.id : null });
      if (n > 1) i.setAttribute('aria-label', `${str(p.label)} (${k === 0 ? 'from' : 'to'})`);
      i.addEventListener('input', () => {
        if (n > 1) { // keep lo <= hi while dragging
          const [a, b] = inputs;
          if (Number(a.value) > Number(b.value)) (k === 0 ? a : b).value = (k === 0 ? b : a).value;
        }
        show();
      });
      i.addEventListener('change', () => {
        const v = values();
        const out1 = n > 1 ? v : v[0];
        sync.sent(out1);
        ctx.emit(p.id, 'change', out1, s.el);
      });
      return i;
    });
    track.replaceChildren(...inputs);
    track.classList.toggle('wl-range', n > 1);
  };
  const update = (np) => {
    p = np;
    const n = Array.isArray(p.value) ? 2 : 1;
    if (n !== inputs.length) { build(n); sync.incoming(undefined); }
    const lo = num(p.min, 0);
    const hi = num(p.max, 100);
    for (const i of inputs) {
      i.min = String(lo);
      i.max = String(hi);
      i.step = String(num(p.step, 1));
    }
    s.common(p, inputs);
    setText(minL, fmtNum(lo, p.step));
    setText(maxL, fmtNum(hi, p.step));
    if (sync.incoming(p.value)) {
      const v = n > 1 ? p.value : [p.value];
      inputs.forEach((i, k) => { const x = String(num(v[k], lo)); if (i.value !== x) i.value = x; });
    }
    show();
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

// number input: <input type=number> with − and + buttons; sends on change or Enter.
function numberInput(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-number' });
  const input = h('input', { type: 'number', id: s.id, inputmode: 'decimal' });
  const minus = h('button', { type: 'button', class: 'wl-step', 'aria-label': 'Decrease', text: '−' });
  const plus = h('button', { type: 'button', class: 'wl-step', 'aria-label': 'Increase', text: '+' });
  s.el.append(h('div', { class: 'wl-number-box' }, input, minus, plus));
  const sync = syncer(s.el);
  let p = props;
  let lastSent;
  const clamp = (v) => {
    if (v === null) return v;
    if (typeof p.min === 'number' && v < p.min) v = p.min;
    if (typeof p.max === 'number' && v > p.max) v = p.max;
    return Number(v.toFixed(Math.min(20, Math.max(decimals(p.step), 0))));
  };
  const commit = (v) => {
    v = clamp(v);
    const text = fmtNum(v, p.step);
    if (input.value !== text) input.value = text;
    if (v === lastSent) return;
    lastSent = v;
    sync.sent(v);
    ctx.emit(p.id, 'change', v, s.el);
  };
  const read = () => (input.value.trim() === '' || Number.isNaN(input.valueAsNumber) ? null : input.valueAsNumber);
  input.addEventListener('change', () => commit(read()));
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(read()); });
  const step = (dir) => {
    const cur = read();
    const base = cur ?? (typeof p.min === 'number' ? p.min : 0);
    commit(cur === null ? base : base + dir * num(p.step, 1));
  };
  minus.addEventListener('click', () => step(-1));
  plus.addEventListener('click', () => step(1));
  const update = (np) => {
    p = np;
    input.step = String(num(p.step, 1));
    input.min = typeof p.min === 'number' ? String(p.min) : '';
    input.max = typeof p.max === 'number' ? String(p.max) : '';
    input.placeholder = str(p.placeholder); // shown while empty (NumberInputOpt, A13)
    s.common(p, [input, minus, plus]);
    const v = typeof p.value === 'number' ? p.value : null;
    if (sync.incoming(v)) {
      lastSent = v;
      const text = fmtNum(v, p.step);
      if (input.value !== text) input.value = text;
    }
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

// text input and text area: send when committed (Enter / blur, or Ctrl+Enter / blur),
// and only when the text differs from what Go has.
function textual(area) {
  return (kind, props, ctx) => {
    const s = shell(kind, { cls: area ? 'wl-textarea' : 'wl-textinput' });
    const input = area ? h('textarea', { id: s.id }) : h('input', { id: s.id, type: 'text' });
    const count = h('span', { class: 'wl-charcount', 'aria-hidden': 'true' });
    s.el.append(input, count);
    const sync = syncer(s.el);
    let p = props;
    let lastSent = '';
    const commit = () => {
      if (input.value === lastSent) return;
      lastSent = input.value;
      sync.sent(input.value);
      ctx.emit(p.id, 'change', input.value, s.el);
    };
    input.addEventListener('blur', commit);
    input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.isComposing) return;
      if (!area || e.ctrlKey || e.metaKey) { e.preventDefault(); commit(); }
    });
    const showCount = () => {
      count.hidden = !(p.maxChars > 0);
      if (p.maxChars > 0) setText(count, `${input.value.length}/${p.maxChars}`);
    };
    input.addEventListener('input', showCount);
    const update = (np) => {
      p = np;
      if (!area) input.type = p.password ? 'password' : 'text';
      input.placeholder = str(p.placeholder);
      if (p.maxChars > 0) input.maxLength = p.maxChars; else input.removeAttribute('maxlength');
      if (area) input.style.height = p.height > 0 ? `${p.height}px` : '';
      s.common(p, [input]);
      const v = str(p.value);
      if (sync.incoming(v)) {
        lastSent = v;
        if (input.value !== v) input.value = v;
      }
      showCount();
    };
    update(props);
    return { el: s.el, childHost: null, update };
  };
}

// date input: <input type=date>, or two of them for a range (sent when both are set).
function dateInput(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-date' });
  const box = h('div', { class: 'wl-date-box' });
  s.el.append(box);
  const sync = syncer(s.el);
  let p = props;
  let inputs = [];
  const send = () => {
    const v = inputs.map((i) => i.value);
    let out;
    if (inputs.length === 1) out = v[0] || null;
    else {
      if (!v[0] || !v[1]) return; // wait for the second date
      out = v[0] <= v[1] ? v : [v[1], v[0]];
    }
    sync.sent(out);
    ctx.emit(p.id, 'change', out, s.el);
  };
  const build = (n) => {
    inputs = Array.from({ length: n }, (_, k) => {
      const i = h('input', { type: 'date', id: k === 0 ? s.id : null });
      if (n > 1) i.setAttribute('aria-label', `${str(p.label)} (${k === 0 ? 'from' : 'to'})`);
      i.addEventListener('change', send);
      return i;
    });
    box.replaceChildren(...(n > 1 ? [inputs[0], h('span', { class: 'wl-date-sep', text: '–' }), inputs[1]] : inputs));
  };
  const update = (np) => {
    p = np;
    const n = Array.isArray(p.value) ? 2 : 1;
    if (n !== inputs.length) { build(n); sync.incoming(undefined); }
    for (const i of inputs) { i.min = str(p.min); i.max = str(p.max); }
    s.common(p, inputs);
    if (sync.incoming(p.value ?? null)) {
      const v = n > 1 ? p.value : [p.value];
      inputs.forEach((i, k) => { const x = str(v[k]); if (i.value !== x) i.value = x; });
    }
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

export const kinds = {
  stSlider: slider,
  stNumberInput: numberInput,
  stTextInput: textual(false),
  stTextArea: textual(true),
  stDateInput: dateInput,
};
