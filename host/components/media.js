// stImage: bytes from a Blob become an object URL (revoked when replaced or destroyed),
// or props.src is used when it is an http(s), relative, data:image/* or this page's blob: URL;
// any other (javascript:, vbscript:, data:text/html, …) shows no image.
import { h, setText, px, safeURL } from './dom.js';

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
      const s = safeURL(p.src, true);
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
