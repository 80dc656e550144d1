// stSelectSlider: the slider of inputs.js over option positions, showing the options' labels
// (value, ends and aria-valuetext); it sends a position, or [lo, hi] positions.
// stColorPicker: <input type=color>, sending "#rrggbb" when the user has chosen.
import { h, setText, str } from './dom.js';
import { shell, syncer } from './widget.js';
import { kinds as inputs } from './inputs.js';

function selectSlider(kind, props, ctx) {
  let labels = [];
  const asSlider = (p) => {
    labels = (Array.isArray(p.options) ? p.options : []).map(str);
    const v = Array.isArray(p.value) ? p.value : [];
    return { ...p, min: 0, max: Math.max(1, labels.length - 1), step: 1, value: v.length > 1 ? v.slice(0, 2) : (v[0] ?? 0) };
  };
  const node = inputs.stSlider(kind, asSlider(props), ctx);
  const relabel = () => {
    const ranges = [...node.el.querySelectorAll('input[type=range]')];
    const shown = ranges.map((r) => labels[Number(r.value)] ?? '');
    const out = node.el.querySelector('.wl-slider-value');
    if (out) setText(out, shown.join(' – '));
    ranges.forEach((r, k) => r.setAttribute('aria-valuetext', shown[k]));
    const [lo, hi] = node.el.querySelectorAll('.wl-slider-minmax span');
    if (lo) setText(lo, labels[0] ?? '');
    if (hi) setText(hi, labels[labels.length - 1] ?? '');
  };
  // The slider's own listeners sit on its inputs and run first; these put the labels back.
  node.el.addEventListener('input', relabel);
  node.el.addEventListener('change', relabel);
  const update = node.update;
  node.update = (p) => { update(asSlider(p)); relabel(); };
  relabel();
  return node;
}

function colorPicker(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-color' });
  const input = h('input', { type: 'color', id: s.id });
  const hex = h('span', { class: 'wl-color-hex', 'aria-hidden': 'true' });
  s.el.append(h('div', { class: 'wl-color-row' }, input, hex));
  const sync = syncer(s.el);
  let p = props;
  input.addEventListener('input', () => setText(hex, input.value));
  input.addEventListener('change', () => {
    sync.sent(input.value);
    ctx.emit(p.id, 'change', input.value, s.el);
  });
  const update = (np) => {
    p = np;
    s.common(p, [input]);
    const v = str(p.value) || '#000000';
    if (sync.incoming(v) && input.value !== v) input.value = v;
    setText(hex, input.value);
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

export const kinds = { stSelectSlider: selectSlider, stColorPicker: colorPicker };
