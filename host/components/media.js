// stImage: bytes from a Blob become an object URL (revoked when replaced or destroyed),
// or props.src is used when it is an http(s), data:image or relative URL.
import { h, setText, px } from './dom.js';

function safeSrc(src) {
  if (typeof src !== 'string' || !src) return '';
  try {
    const u = new URL(src, document.baseURI);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'blob:') return u.href;
    if (u.protocol === 'data:' && /^data:image\//i.test(src)) return src;
  } catch { /* not a URL */ }
  return '';
}

function image(kind, props) {
  const img = h('img', { class: 'wl-img', alt: '', decoding: 'async' });
  const cap = h('figcaption', { class: 'wl-img-caption' });
  const el = h('figure', { 'data-testid': kind, class: 'wl-image' }, img, cap);
  let url = '';
  let p = props;
  const revoke = () => { if (url) URL.revokeObjectURL(url); url = ''; };
  const update = (np) => {
    p = np;
    setText(cap, p.caption);
    cap.hidden = !p.caption;
    img.alt = p.caption ? String(p.caption) : '';
    img.style.width = px(p.width);
    if (p.src) {
      revoke();
      const s = safeSrc(p.src);
      if (img.getAttribute('src') !== s) { if (s) img.src = s; else img.removeAttribute('src'); }
    }
  };
  const blob = (u8) => {
    revoke();
    url = URL.createObjectURL(new Blob([u8], { type: String(p.mime || 'application/octet-stream') }));
    img.src = url;
  };
  update(props);
  return { el, childHost: null, update, blob, destroy: revoke };
}

export const kinds = { stImage: image };
