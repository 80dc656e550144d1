// Help tooltips that keyboard users see too. The anchor (a help icon, a button, a link) keeps its
// title for the mouse; the tooltip element, placed right after it, shows the same text while the
// anchor has keyboard focus (theme.css: `:focus-visible + .wl-tip`), and Escape hides it until the
// anchor loses focus (WCAG 1.4.13). It is aria-hidden: the text already reaches screen readers as
// the anchor's name or description.
import { h, setText } from './dom.js';

/** tooltip returns the tooltip element for anchor and set(text) to change its text ('' = none). */
export function tooltip(anchor) {
  const el = h('span', { class: 'wl-tip', 'aria-hidden': 'true' });
  anchor.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') anchor.setAttribute('data-tip-off', '');
  });
  anchor.addEventListener('blur', () => anchor.removeAttribute('data-tip-off'));
  return { el, set: (text) => setText(el, text) };
}
