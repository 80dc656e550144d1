// stTimeInput: <input type=time> with the step from Go (seconds). It sends "HH:MM" or
// "HH:MM:SS" when the user changes it, null when they clear it (PROTOCOL.md's Events table).
import { h, str } from './dom.js';
import { shell, syncer } from './widget.js';

function timeInput(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-time' });
  const input = h('input', { type: 'time', id: s.id });
  s.el.append(input);
  const sync = syncer(s.el);
  let p = props;
  input.addEventListener('change', () => {
    const v = input.value || null;
    sync.sent(v);
    ctx.emit(p.id, 'change', v, s.el);
  });
  const update = (np) => {
    p = np;
    input.step = String(typeof p.step === 'number' && p.step > 0 ? p.step : 900);
    s.common(p, [input]);
    const v = p.value ?? null;
    if (sync.incoming(v) && input.value !== str(v)) input.value = str(v);
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

export const kinds = { stTimeInput: timeInput };
