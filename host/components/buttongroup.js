// Button groups (stButtonGroup: pills, segmented control, feedback) and the link button
// (stLinkButton). A button group is a fieldset of toggle buttons (aria-pressed); a click sends
// the indexes of the buttons now on (PROTOCOL.md's Events table). Each button carries
// Streamlit's test id for its variant and state (stBaseButton-pills, -pillsActive, ...).
import { h, same, str, safeURL, setText } from './dom.js';
import { shell, syncer } from './widget.js';
import { tooltip } from './tooltip.js';

const baseIDs = { pills: 'pills', segmented_control: 'segmented_control', feedback: 'borderlessIcon' };

// What a feedback button shows: small SVG drawings (emoji fonts are not everywhere), in
// currentColor; their accessible names come from Go's options.
const SVG = 'http://www.w3.org/2000/svg';
function icon(parts, flip) {
  const s = document.createElementNS(SVG, 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('aria-hidden', 'true');
  s.setAttribute('focusable', 'false');
  s.setAttribute('class', 'wl-fb-icon');
  const g = document.createElementNS(SVG, 'g');
  if (flip) g.setAttribute('transform', 'rotate(180 12 12)');
  for (const [tag, attrs] of parts) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    g.append(e);
  }
  s.append(g);
  return s;
}
const line = { fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
const thumb = [
  ['path', { ...line, d: 'M7 10.5 10.8 3.6c.9-1.4 3.2-.7 2.9 1.2L13 9h5.6c1.5 0 2.5 1.4 2 2.8l-2.2 6.7c-.3.9-1.1 1.5-2 1.5H7Z' }],
  ['path', { ...line, d: 'M3 10.5h4V20H3Z' }],
];
// A face whose mouth bends by curve: negative frowns, positive smiles.
const face = (curve) => [
  ['circle', { ...line, cx: '12', cy: '12', r: '9.5' }],
  ['circle', { cx: '9', cy: '10', r: '1.2', fill: 'currentColor' }],
  ['circle', { cx: '15', cy: '10', r: '1.2', fill: 'currentColor' }],
  ['path', { ...line, d: `M8 ${15.5 - curve / 2} Q12 ${15.5 + curve} 16 ${15.5 - curve / 2}` }],
];
const star = [['path', { stroke: 'currentColor', 'stroke-width': '1.5', 'stroke-linejoin': 'round',
  d: 'M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8Z' }]];
const glyphs = {
  thumbs: [() => icon(thumb), () => icon(thumb, true)],
  faces: [-3, -1.5, 0, 1.5, 3].map((c) => () => icon(face(c))),
  stars: Array.from({ length: 5 }, () => () => icon(star)),
};

function buttonGroup(kind, props, ctx) {
  const s = shell(kind, { group: true, cls: 'wl-bgroup' });
  const list = h('div', { class: 'wl-bgroup-list' });
  s.el.append(list);
  const sync = syncer(s.el);
  let p = props;
  let buttons = [];
  let opts = null;
  let shape = '';
  let on = [];
  const draw = () => {
    const base = baseIDs[p.variant] || 'pills';
    const stars = p.variant === 'feedback' && p.feedback === 'stars';
    const top = on.length ? on[0] : -1;
    buttons.forEach((b, i) => {
      const active = on.includes(i);
      b.setAttribute('aria-pressed', String(active));
      b.dataset.testid = `stBaseButton-${base}${active ? 'Active' : ''}`;
      b.classList.toggle('wl-on', stars ? i <= top : active); // stars fill up to the rating
    });
  };
  const click = (i) => {
    let next;
    if (p.multi) next = on.includes(i) ? on.filter((j) => j !== i) : [...on, i].sort((a, b) => a - b);
    else next = on.length === 1 && on[0] === i ? [] : [i];
    on = next;
    draw();
    sync.sent(next.slice());
    ctx.emit(p.id, 'change', next.slice(), s.el);
  };
  const update = (np) => {
    p = np;
    const options = Array.isArray(p.options) ? p.options : [];
    const nshape = `${p.variant}/${p.feedback || ''}`;
    if (!same(opts, options) || shape !== nshape) {
      opts = options;
      shape = nshape;
      s.el.dataset.variant = str(p.variant);
      const g = p.variant === 'feedback' ? glyphs[p.feedback] || [] : null;
      buttons = opts.map((o, i) => {
        const b = h('button', { type: 'button', class: 'wl-bgroup-btn' });
        if (g) {
          b.setAttribute('aria-label', str(o));
          b.title = str(o);
          b.append(g[i] ? g[i]() : h('span', { 'aria-hidden': 'true', text: '?' }));
        } else {
          b.textContent = str(o);
        }
        b.addEventListener('click', () => click(i));
        return b;
      });
      list.replaceChildren(...buttons);
      sync.incoming(undefined); // new buttons: take the selection as given
    }
    s.common(p, buttons);
    const sel = Array.isArray(p.selected) ? p.selected : [];
    if (sync.incoming(sel)) on = sel.slice();
    draw();
  };
  update(props);
  return { el: s.el, childHost: null, update };
}

function linkButton(kind, props) {
  const a = h('a', { class: 'wl-btn wl-link-btn', rel: 'noopener noreferrer', target: '_blank' });
  const tip = tooltip(a);
  const el = h('div', { 'data-testid': kind, class: 'wl-widget wl-button' }, a, tip.el);
  const update = (p) => {
    const kindName = p.kind === 'primary' ? 'primary' : 'secondary';
    setText(a, p.label);
    a.dataset.kind = kindName;
    a.dataset.testid = `stBaseLinkButton-${kindName}`;
    a.title = str(p.help);
    tip.set(p.help);
    const url = safeURL(p.url, false);
    if (p.disabled || !url) {
      // A link without href is not focusable and reads as text: say it is a disabled link.
      a.removeAttribute('href');
      a.setAttribute('role', 'link');
      a.setAttribute('aria-disabled', 'true');
    } else {
      a.href = url;
      a.removeAttribute('role');
      a.removeAttribute('aria-disabled');
    }
    el.toggleAttribute('data-disabled', !!p.disabled);
  };
  update(props);
  return { el, childHost: null, update };
}

export const kinds = { stButtonGroup: buttonGroup, stLinkButton: linkButton };
