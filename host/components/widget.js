// The parts every widget shares: a root with a visible label, help as a tooltip that is also
// the control's accessible description, `disabled`, and the rule for taking values from Go.
import { h, uid, setText, same, str } from './dom.js';
import { tooltip } from './tooltip.js';

/**
 * shell builds a widget root. With group, the root is a fieldset whose legend is the label
 * (radio groups); otherwise a div with `<label for=id>`. `controls()` lists the form controls
 * that `common(props)` enables/disables and describes.
 */
export function shell(kind, { group = false, cls = '' } = {}) {
  const id = uid('wl-w');
  const text = h('span', { class: 'wl-label-text' });
  const help = h('span', { class: 'wl-help', tabindex: '0', role: 'img', text: '?' });
  const desc = h('span', { id: `${id}-desc`, class: 'wl-sr-only' });
  const tip = tooltip(help);
  const label = group
    ? h('legend', { class: 'wl-label' }, text, help, tip.el)
    : h('div', { class: 'wl-label-row' }, h('label', { for: id, class: 'wl-label' }, text), help, tip.el);
  const el = h(group ? 'fieldset' : 'div', { 'data-testid': kind, class: `wl-widget ${cls}` }, label, desc);
  const common = (p, controls) => {
    setText(text, p.label);
    const hasHelp = !!p.help;
    // labelVisibility: "hidden" keeps the label's space, "collapsed" drops it; both keep the
    // label (and the help, as the description) for screen readers.
    const vis = p.labelVisibility;
    label.classList.toggle('wl-sr-only', vis === 'collapsed');
    label.style.opacity = vis === 'hidden' ? '0' : '';
    help.hidden = !hasHelp || vis === 'hidden' || vis === 'collapsed';
    help.title = str(p.help);
    tip.set(p.help);
    help.setAttribute('aria-label', hasHelp ? `Help: ${str(p.help)}` : 'Help');
    setText(desc, p.help);
    el.toggleAttribute('data-disabled', !!p.disabled);
    if (group) el.disabled = !!p.disabled;
    for (const c of controls) {
      c.disabled = !!p.disabled;
      if (hasHelp) c.setAttribute('aria-describedby', desc.id);
      else c.removeAttribute('aria-describedby');
    }
  };
  return { el, id, label, common };
}

/**
 * syncer decides when a value from Go should replace what a control shows. It tracks the
 * value Go is known to hold: the last prop, or the last value sent (outside a form, since a
 * form holds its values until submit). A new prop equal to that is an echo or an unrelated
 * rerun and leaves the control alone, so typing and pending form input are never lost;
 * a different one is Go changing its mind (session state, callbacks) and wins.
 */
export function syncer(el) {
  let known;
  let init = false;
  return {
    incoming(v) {
      if (init && same(v, known)) return false;
      init = true;
      known = v;
      return true;
    },
    sent(v) {
      if (!el.closest('[data-testid="stForm"]')) known = v;
    },
  };
}

/** decimals gives the number of fraction digits a step implies (0.05 → 2). */
export function decimals(step) {
  const s = String(step ?? 1);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** fmtNum shows a number with the step's precision. */
export function fmtNum(v, step) {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return Number(v).toFixed(Math.min(20, decimals(step)));
}
