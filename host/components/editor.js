// stDataEditor: an editable table over a dataframe blob (Streamlit's st.data_editor). Each cell is
// a form control of its column's type: a text field that takes only numbers for a number column
// (empty = null), a text field for text, a checkbox for true/false. With props.dynamic the user
// can add rows (at the end) and delete the rows they select.
//
// The edit set is kept here and sent whole at every change (PROTOCOL.md, Events):
//   {edited: {"<row>": {"<column>": value}}, added: [{"<column>": value}], deleted: [row]}
// where rows are the frame's rows as Go gave them. props.edits is Go's copy of that set; when it
// differs from what was last sent (session state, a callback, a new frame) Go's wins.
//
// Every control has an accessible name "<column>, row <n>"; a number cell that is not a number is
// marked aria-invalid, described by a message, and not sent. At most MAX_ROWS rows are drawn.
import { h, setText } from './dom.js';
import { ColFloat64, ColBool } from '../wire.gen.js';
import { decodeFrame, cell } from './dfblob.js';
import { shell, syncer } from './widget.js';

const MAX_ROWS = 2000;

const empty = () => ({ edited: {}, added: [], deleted: [] });

// raw returns row r of col as a JSON value: number or null, string, bool.
function raw(col, r) {
  if (col.type === ColFloat64) { const x = col.values[r]; return x === x ? x : null; }
  if (col.type === ColBool) return col.values[r] === 1;
  return cell(col, r);
}

function editor(kind, props, ctx) {
  const s = shell(kind, { group: true, cls: 'wl-editor' });
  const table = h('table', { class: 'wl-editor-table' });
  const scroll = h('div', { class: 'wl-editor-scroll', tabindex: '0', role: 'region' }, table);
  const addBtn = h('button', { type: 'button', class: 'wl-editor-btn', 'data-testid': 'stDataEditorAddRow', text: '+ Add row' });
  const delBtn = h('button', { type: 'button', class: 'wl-editor-btn', 'data-testid': 'stDataEditorDeleteRows', text: 'Delete selected rows' });
  const tools = h('div', { class: 'wl-editor-tools' }, addBtn, delBtn);
  const msg = h('div', { class: 'wl-editor-msg', role: 'status' });
  s.el.append(scroll, tools, msg);
  const sync = syncer(s.el);
  let p = props;
  let frame = null;
  let edits = empty();
  const selected = new Set(); // keys "f<row>" (frame rows) or "a<index>" (added rows)
  let controls = [];

  const send = () => {
    const v = JSON.parse(JSON.stringify(edits));
    sync.sent(v);
    ctx.emit(p.id, 'change', v, s.el);
  };

  const valueOf = (r, added, c) => {
    const col = frame.cols[c];
    if (added !== null) {
      const v = edits.added[added][col.name];
      return v === undefined ? (col.type === ColFloat64 ? null : col.type === ColBool ? false : '') : v;
    }
    const e = edits.edited[r];
    return e && Object.hasOwn(e, col.name) ? e[col.name] : raw(col, r);
  };

  const setValue = (r, added, c, v) => {
    const name = frame.cols[c].name;
    if (added !== null) edits.added[added][name] = v;
    else (edits.edited[r] ??= {})[name] = v;
    send();
  };

  const control = (r, added, c, label) => {
    const col = frame.cols[c];
    const v = valueOf(r, added, c);
    if (col.type === ColBool) {
      const box = h('input', { type: 'checkbox', 'aria-label': label });
      box.checked = v === true;
      box.addEventListener('change', () => setValue(r, added, c, box.checked));
      return box;
    }
    const num = col.type === ColFloat64;
    const input = h('input', { type: 'text', 'aria-label': label, class: num ? 'wl-num' : '', inputmode: num ? 'decimal' : null });
    input.value = v === null || v === undefined ? '' : String(v);
    input.size = Math.max(4, Math.min(30, input.value.length + 1));
    input.addEventListener('change', () => {
      if (!num) { setValue(r, added, c, input.value); return; }
      const t = input.value.trim();
      const x = t === '' ? null : Number(t);
      if (x !== null && !Number.isFinite(x)) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', msg.id || (msg.id = `${s.id}-msg`));
        setText(msg, `${col.name}: "${t}" is not a number.`);
        return;
      }
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      setText(msg, '');
      setValue(r, added, c, x);
    });
    return input;
  };

  const render = () => {
    if (!frame) return;
    const dyn = !!p.dynamic;
    const heads = frame.cols.map((col) => h('th', { scope: 'col', class: col.type === ColFloat64 ? 'wl-num' : '', text: col.name }));
    const head = h('tr', null, ...(dyn ? [h('th', { scope: 'col', class: 'wl-editor-sel', text: 'Select' })] : []), h('th', { scope: 'col', class: 'wl-editor-index', text: 'Row' }), ...heads);
    const rows = [];
    const gone = new Set(edits.deleted);
    const list = [];
    for (let r = 0; r < frame.rows && list.length < MAX_ROWS; r++) if (!gone.has(r)) list.push([r, null]);
    edits.added.forEach((_, i) => list.push([null, i]));
    let n = 0;
    for (const [r, a] of list) {
      n += 1;
      const key = a === null ? `f${r}` : `a${a}`;
      const name = a === null ? String(r) : `new ${a + 1}`;
      const cells = frame.cols.map((col, c) => h('td', { class: col.type === ColFloat64 ? 'wl-num' : '' }, control(r, a, c, `${col.name}, row ${name}`)));
      const tr = h('tr', a === null ? null : { class: 'wl-editor-added' });
      if (dyn) {
        const sel = h('input', { type: 'checkbox', 'aria-label': `Select row ${name}` });
        sel.checked = selected.has(key);
        sel.addEventListener('change', () => { if (sel.checked) selected.add(key); else selected.delete(key); delBtn.disabled = p.disabled || selected.size === 0; });
        tr.append(h('td', { class: 'wl-editor-sel' }, sel));
      }
      tr.append(h('th', { scope: 'row', class: 'wl-editor-index', text: name }), ...cells);
      rows.push(tr);
    }
    table.replaceChildren(h('thead', null, head), h('tbody', null, ...rows));
    controls = [...table.querySelectorAll('input'), addBtn, delBtn];
    s.common(p, controls);
    tools.hidden = !dyn;
    scroll.style.maxHeight = p.height > 0 ? `${p.height}px` : '';
    delBtn.disabled = !!p.disabled || selected.size === 0;
    scroll.setAttribute('aria-label', `${p.label || 'Data'}: ${n} row${n === 1 ? '' : 's'}`);
    s.el.dataset.rows = String(n);
  };

  addBtn.addEventListener('click', () => {
    const row = {};
    for (const col of frame.cols) row[col.name] = col.type === ColFloat64 ? null : col.type === ColBool ? false : '';
    edits.added.push(row);
    send();
    render();
    const inputs = table.querySelectorAll('tbody tr:last-child input:not([aria-label^="Select"])');
    if (inputs[0]) inputs[0].focus();
  });
  delBtn.addEventListener('click', () => {
    const addedGone = [];
    for (const key of selected) {
      const i = Number(key.slice(1));
      if (key[0] === 'f') { if (!edits.deleted.includes(i)) edits.deleted.push(i); } else addedGone.push(i);
    }
    edits.deleted.sort((a, b) => a - b);
    edits.added = edits.added.filter((_, i) => !addedGone.includes(i));
    for (const r of edits.deleted) delete edits.edited[r];
    selected.clear();
    send();
    render();
  });

  const update = (np) => {
    p = np;
    const incoming = p.edits && typeof p.edits === 'object' ? p.edits : empty();
    if (sync.incoming(incoming)) {
      edits = { edited: { ...(incoming.edited || {}) }, added: (incoming.added || []).map((r) => ({ ...r })), deleted: [...(incoming.deleted || [])] };
      selected.clear();
    }
    render();
  };

  const blob = (u8) => {
    try {
      frame = decodeFrame(u8);
    } catch (err) {
      frame = null;
      table.replaceChildren();
      setText(msg, `Cannot show this table: ${err.message}`);
      return;
    }
    render();
  };

  update(props);
  return { el: s.el, childHost: null, update, blob };
}

export const kinds = { stDataEditor: editor };
