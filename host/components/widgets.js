// Clickable and choice widgets: button, form submit, checkbox, toggle, radio, selectbox,
// multiselect. Values follow PROTOCOL.md's Events table.
import { h, uid, setText, same, str } from './dom.js';
import { shell, syncer } from './widget.js';
import { tooltip } from './tooltip.js';

function button(kind, props, ctx) {
  const b = h('button', { type: 'button', class: 'wl-btn' });
  const tip = tooltip(b);
  const el = h('div', { 'data-testid': kind, class: 'wl-widget wl-button' }, b, tip.el);
  let p = props;
  b.addEventListener('click', () => ctx.emit(p.id, 'click', true, el));
  const update = (np) => {
    p = np;
    setText(b, p.label);
    b.dataset.kind = p.kind === 'primary' ? 'primary' : 'secondary';
    b.title = str(p.help);
    tip.set(p.help);
    b.disabled = !!p.disabled;
  };
  update(props);
  return { el, childHost: null, update };
}

function check(toggle) {
  return (kind, props, ctx) => {
    const s = shell(kind, { cls: toggle ? 'wl-check wl-toggle' : 'wl-check' });
    const input = h('input', { type: 'checkbox', id: s.id, role: toggle ? 'switch' : null });
    s.el.prepend(input);
    const sync = syncer(s.el);
    let p = props;
    input.addEventListener('change', () => {
      sync.sent(input.checked);
      ctx.emit(p.id, 'change', input.checked, s.el);
    });
    const update = (np) => {
      p = np;
      s.common(p, [input]);
      if (sync.incoming(!!p.value) && input.checked !== !!p.value) input.checked = !!p.value;
    };
    update(props);
    return { el: s.el, childHost: null, update };
  };
}

function radio(kind, props, ctx) {
  const s = shell(kind, { group: true, cls: 'wl-radio' });
  const list = h('div', { class: 'wl-radio-list', role: 'radiogroup' });
  s.el.append(list);
  const name = uid('wl-radio');
  const sync = syncer(s.el);
  let p = props;
  let inputs = [];
  let opts = null;
  const update = (np) => {
    p = np;
    if (!same(opts, p.options)) {
      opts = p.options || [];
      inputs = opts.map((o, i) => {
        const id = `${name}-${i}`;
        const input = h('input', { type: 'radio', name, id, value: String(i) });
        input.addEventListener('change', () => {
          if (!input.checked) return;
          sync.sent(i);
          ctx.emit(p.id, 'change', i, s.el);
        });
        return input;
      });
      list.replaceChildren(...inputs.map((input, i) => h('div', { class: 'wl-radio-item' }, input, h('label', { for: input.id, text: str(opts[i]) }))));
      sync.incoming(undefined); // options changed: take the index as given
    }
    list.classList.toggle('wl-horizontal', !!p.horizontal);
    s.common(p, inputs);
    const idx = typeof p.index === 'number' ? p.index : -1;
    if (sync.incoming(idx)) inputs.forEach((input, i) => { input.checked = i === idx; });
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

function selectbox(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-select' });
  const select = h('select', { id: s.id });
  s.el.append(select);
  const sync = syncer(s.el);
  let p = props;
  let opts = null;
  let ph = null;
  let clearable = null;
  select.addEventListener('change', () => {
    const v = Number(select.value);
    const idx = v >= 0 ? v : null;
    sync.sent(idx);
    ctx.emit(p.id, 'change', idx, s.el);
  });
  const update = (np) => {
    p = np;
    const placeholder = p.placeholder || 'Choose an option';
    if (!same(opts, p.options) || ph !== placeholder || clearable !== !!p.clearable) {
      opts = p.options || [];
      ph = placeholder;
      clearable = !!p.clearable;
      // A clearable selectbox (SelectboxOpt, A13) can be emptied by choosing the placeholder again.
      const phOpt = h('option', { value: '-1', disabled: !clearable, text: placeholder });
      select.replaceChildren(phOpt, ...opts.map((o, i) => h('option', { value: String(i), text: str(o) })));
      sync.incoming(undefined);
    }
    s.common(p, [select]);
    const idx = typeof p.index === 'number' && p.index >= 0 ? p.index : -1;
    if (sync.incoming(idx) && select.value !== String(idx)) select.value = String(idx);
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

// multiselect: the chosen options as removable chips, and a <select> to add one more.
function multiselect(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-multi' });
  const chips = h('ul', { class: 'wl-chips', 'aria-label': 'Selected' });
  const add = h('select', { id: s.id });
  const clear = h('button', { type: 'button', class: 'wl-chip-clear', 'aria-label': 'Clear all', title: 'Clear all', text: '×' });
  s.el.append(h('div', { class: 'wl-multi-box' }, chips, add, clear));
  const sync = syncer(s.el);
  let p = props;
  let opts = [];
  let chosen = [];
  let wasDisabled = false;
  const send = (next) => {
    chosen = next;
    draw();
    sync.sent(chosen.slice());
    ctx.emit(p.id, 'change', chosen.slice(), s.el);
  };
  const draw = () => {
    chips.replaceChildren(...chosen.filter((i) => i >= 0 && i < opts.length).map((i) => {
      const rm = h('button', { type: 'button', class: 'wl-chip-x', 'aria-label': `Remove ${str(opts[i])}`, text: '×' });
      rm.disabled = !!p.disabled;
      rm.addEventListener('click', () => send(chosen.filter((j) => j !== i)));
      return h('li', { class: 'wl-chip' }, h('span', { text: str(opts[i]) }), rm);
    }));
    const rest = opts.map((o, i) => i).filter((i) => !chosen.includes(i));
    const ph = h('option', { value: '-1', text: rest.length ? (p.placeholder || 'Choose an option') : 'No more options' });
    add.replaceChildren(ph, ...rest.map((i) => h('option', { value: String(i), text: str(opts[i]) })));
    add.value = '-1';
    clear.hidden = chosen.length === 0;
    s.el.dataset.count = String(chosen.length);
  };
  add.addEventListener('change', () => {
    const v = Number(add.value);
    if (v >= 0 && !chosen.includes(v)) send([...chosen, v]);
  });
  clear.addEventListener('click', () => send([]));
  const update = (np) => {
    p = np;
    let redraw = false;
    if (!same(opts, p.options || [])) { opts = p.options || []; redraw = true; sync.incoming(undefined); }
    const sel = Array.isArray(p.selected) ? p.selected : [];
    if (sync.incoming(sel)) { chosen = sel.slice(); redraw = true; }
    s.common(p, [add, clear]);
    if (redraw || !!p.disabled !== wasDisabled) {
      wasDisabled = !!p.disabled;
      draw();
    }
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

export const kinds = {
  stButton: button,
  stFormSubmitButton: button,
  stCheckbox: check(false),
  stToggle: check(true),
  stRadio: radio,
  stSelectbox: selectbox,
  stMultiSelect: multiselect,
};
