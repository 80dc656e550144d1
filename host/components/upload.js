// stFileUploader: an <input type=file> (and a drop zone) that reads the chosen files into
// memory. The host owns the bytes: they wait in `files` under a token until the core's
// takeFile(token) hands them to Go once (takeFileBytes).
import { h, uid, str } from './dom.js';
import { shell } from './widget.js';

const files = new Map(); // token → Uint8Array, until taken

/** takeFileBytes returns the bytes stored under token once, then forgets them (null if none). */
export function takeFileBytes(token) {
  const b = files.get(token);
  files.delete(token);
  return b ?? null;
}

function newToken() {
  return globalThis.crypto?.randomUUID ? crypto.randomUUID() : uid('wl-file') + Math.random().toString(36).slice(2);
}

export function fmtSize(n) {
  if (!(n >= 0)) return '';
  const u = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return `${i ? n.toFixed(1) : n} ${u[i]}`;
}

function uploader(kind, props, ctx) {
  const s = shell(kind, { cls: 'wl-upload' });
  const input = h('input', { type: 'file', id: s.id, class: 'wl-file-input' });
  const hint = h('span', { class: 'wl-upload-hint' });
  const browse = h('span', { class: 'wl-btn', 'aria-hidden': 'true', text: 'Browse files' });
  const zone = h('div', { class: 'wl-dropzone' }, h('span', { class: 'wl-upload-icon', 'aria-hidden': 'true', text: '⇪' }),
    h('span', { class: 'wl-upload-text' }, h('span', { text: 'Drag and drop files here' }), hint), browse, input);
  const list = h('ul', { class: 'wl-file-list', 'aria-label': 'Uploaded files' });
  const clear = h('button', { type: 'button', class: 'wl-btn wl-file-clear', text: 'Remove all' });
  s.el.append(zone, list, clear);
  let p = props;
  const mine = new Set(); // tokens this node created, freed on destroy if never taken

  const accept = (f) => {
    const acc = (p.accept || []).map((a) => String(a).toLowerCase());
    if (!acc.length) return true;
    const name = f.name.toLowerCase();
    const type = (f.type || '').toLowerCase();
    return acc.some((a) => (a.startsWith('.') ? name.endsWith(a) : a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : type === a || name.endsWith(`.${a}`)));
  };
  const take = async (chosen) => {
    let list1 = [...chosen].filter(accept);
    if (!p.multiple) list1 = list1.slice(0, 1);
    if (!list1.length) return;
    s.el.setAttribute('aria-busy', 'true');
    try {
      const out = [];
      for (const f of list1) {
        const token = newToken();
        files.set(token, new Uint8Array(await f.arrayBuffer()));
        mine.add(token);
        out.push({ name: f.name, type: f.type, size: f.size, token });
      }
      ctx.emit(p.id, 'change', out, s.el);
    } finally {
      s.el.removeAttribute('aria-busy');
      input.value = '';
    }
  };
  input.addEventListener('change', () => take(input.files || []));
  zone.addEventListener('dragover', (e) => { if (!p.disabled) { e.preventDefault(); zone.classList.add('wl-drag'); } });
  zone.addEventListener('dragleave', () => zone.classList.remove('wl-drag'));
  zone.addEventListener('drop', (e) => {
    zone.classList.remove('wl-drag');
    if (p.disabled) return;
    e.preventDefault();
    take(e.dataTransfer?.files || []);
  });
  clear.addEventListener('click', () => ctx.emit(p.id, 'change', [], s.el));

  const update = (np) => {
    p = np;
    input.multiple = !!p.multiple;
    input.accept = (p.accept || []).map((a) => (/^[\w]+$/.test(a) ? `.${a}` : a)).join(',');
    const acc = (p.accept || []).map((a) => str(a).toUpperCase()).join(', ');
    hint.textContent = acc ? `Accepted: ${acc}` : '';
    s.common(p, [input, clear]);
    const fs = Array.isArray(p.files) ? p.files : [];
    list.replaceChildren(...fs.map((f) => h('li', { class: 'wl-file' },
      h('span', { class: 'wl-file-name', text: str(f.name) }), h('span', { class: 'wl-file-size', text: fmtSize(f.size) }))));
    list.hidden = clear.hidden = fs.length === 0;
  };
  update(props);
  const destroy = () => { for (const t of mine) files.delete(t); };
  return { el: s.el, childHost: null, update, destroy };
}

export const kinds = { stFileUploader: uploader };
