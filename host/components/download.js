// stDownloadButton: a button that saves the bytes Go sent in the element's blob, under the
// file name and media type from the props, through a Blob URL: no server is involved. The
// click is also reported to Go (PROTOCOL.md's Events table: `click`), as a button's is.
import { h, setText, str } from './dom.js';
import { tooltip } from './tooltip.js';

function downloadButton(kind, props, ctx) {
  const b = h('button', { type: 'button', class: 'wl-btn' });
  const tip = tooltip(b);
  const el = h('div', { 'data-testid': kind, class: 'wl-widget wl-button wl-download' }, b, tip.el);
  let p = props;
  let bytes = new Uint8Array(0);
  let url = '';
  const revoke = () => { if (url) URL.revokeObjectURL(url); url = ''; };
  b.addEventListener('click', () => {
    if (!url) url = URL.createObjectURL(new Blob([bytes], { type: str(p.mime) || 'application/octet-stream' }));
    const a = h('a', { href: url, download: str(p.fileName) || 'download', hidden: true });
    el.append(a);
    a.click();
    a.remove();
    ctx.emit(p.id, 'click', true, el);
  });
  const update = (np) => {
    if (np.mime !== p.mime) revoke();
    p = np;
    setText(b, p.label);
    b.dataset.kind = p.kind === 'primary' ? 'primary' : 'secondary';
    b.title = str(p.help);
    tip.set(p.help);
    b.disabled = !!p.disabled;
    el.dataset.fileName = str(p.fileName);
  };
  const blob = (u8) => {
    revoke();
    bytes = u8;
  };
  update(props);
  return { el, childHost: null, update, blob, destroy: revoke };
}

export const kinds = { stDownloadButton: downloadButton };
