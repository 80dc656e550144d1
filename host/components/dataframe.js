// stDataFrame: a virtualised grid over a decoded dataframe blob. Only the rows in view
// (plus a few) exist in the DOM, at a fixed row height, inside a scroll container whose
// body is rows × ROW_H tall. Hand-rolled rather than @tanstack/virtual-core: with a fixed
// row height the window is two divisions, and we need what that library does not do —
// scaling the scroll range when rows × ROW_H passes the browsers' element-height limits
// (about 17.9M px in Firefox, 33.5M in Chromium; 1M rows at 32 px is 32M px).
//
// Screen readers get role=table (rows, cells, column and row headers), not role=grid: a grid
// promises arrow-key navigation cell by cell, which this one does not offer; the box itself
// takes focus so the keyboard can scroll it (SPEC A16).
//
// For tests: the grid has aria-rowcount = rows + 1 (the header row counts, as ARIA says),
// each rendered row aria-rowindex = its position in the sorted order + 2, headers aria-sort.
import { h, setText } from './dom.js';
import { ColFloat64, ColBool } from '../wire.gen.js';
import { decodeFrame, cell } from './dfblob.js';
import { sortPerm } from './dfsort.js';

const ROW_H = 32; // px, also in theme.css (.wl-df-row)
const MAX_BODY = 15_000_000; // px: stays under every engine's element-height limit
const OVERSCAN = 4;
const SORTS = ['none', 'ascending', 'descending'];

function colWidth(col, rows) {
  let ch = col.name.length + 2; // room for the sort arrow
  const n = Math.min(rows, 200);
  for (let r = 0; r < n; r++) ch = Math.max(ch, (cell(col, r) ?? 'None').length);
  return Math.round(Math.min(320, Math.max(72, ch * 8 + 24)));
}

function dataframe(kind, props) {
  const head = h('div', { class: 'wl-df-row wl-df-head', role: 'row', 'aria-rowindex': '1' });
  const body = h('div', { class: 'wl-df-body', role: 'rowgroup' });
  const grid = h('div', { class: 'wl-df-grid', role: 'table', 'aria-label': 'Data', tabindex: '0', 'aria-rowcount': '1', 'aria-busy': 'true' }, head, body);
  const caption = h('div', { class: 'wl-df-caption' });
  const el = h('div', { 'data-testid': kind, class: 'wl-df' }, grid, caption);
  let p = props;
  let frame = null;
  let perm = null; // Uint32Array: display position → row, or null for the original order
  let sortCol = -1;
  let sortDir = 0; // index into SORTS
  let pool = [];
  let raf = 0;
  let headers = [];

  const schedule = () => { if (!raf) raf = requestAnimationFrame(render); };
  grid.addEventListener('scroll', schedule, { passive: true });
  const ro = new ResizeObserver(schedule);
  ro.observe(grid);

  const sizeGrid = () => {
    const rows = frame ? frame.rows : 0;
    grid.style.height = `${p.height > 0 ? p.height : Math.min(400, (rows + 1) * ROW_H + 2)}px`;
    body.style.height = `${Math.min(rows * ROW_H, MAX_BODY)}px`;
  };

  const setCaption = () => {
    if (!frame) return;
    const n = frame.rows.toLocaleString('en-US');
    const by = sortCol >= 0 && sortDir ? `, sorted by ${frame.cols[sortCol].name} (${SORTS[sortDir]})` : '';
    setText(caption, `${n} row${frame.rows === 1 ? '' : 's'} × ${frame.cols.length} column${frame.cols.length === 1 ? '' : 's'}${by}`);
  };

  const applySort = () => {
    const t0 = performance.now();
    perm = sortCol >= 0 && sortDir ? sortPerm(frame.cols[sortCol], frame.rows, sortDir === 2) : null;
    el.dataset.sortMs = (performance.now() - t0).toFixed(1);
    headers.forEach((hd, i) => hd.setAttribute('aria-sort', i === sortCol ? SORTS[sortDir] : 'none'));
    setCaption();
  };

  const buildHead = () => {
    headers = frame.cols.map((col, i) => {
      const btn = h('button', { type: 'button', class: 'wl-df-sort' }, h('span', { text: col.name }), h('span', { class: 'wl-df-arrow', 'aria-hidden': 'true' }));
      btn.disabled = p.sortable === false;
      btn.addEventListener('click', () => {
        if (sortCol !== i) { sortCol = i; sortDir = 1; } else sortDir = (sortDir + 1) % 3;
        applySort();
        render();
      });
      const num = col.type === ColFloat64;
      return h('div', { role: 'columnheader', class: `wl-df-cell${num ? ' wl-num' : ''}`, 'aria-sort': 'none', 'aria-colindex': String(i + 2) }, btn);
    });
    head.replaceChildren(h('div', { role: 'columnheader', class: 'wl-df-cell wl-df-index', 'aria-colindex': '1' }), ...headers);
    const widths = [Math.max(56, String(frame.rows).length * 8 + 24), ...frame.cols.map((c) => colWidth(c, frame.rows))];
    el.style.setProperty('--wl-df-cols', widths.map((w) => `${w}px`).join(' '));
    const total = `${widths.reduce((a, b) => a + b, 0)}px`;
    head.style.width = total;
    body.style.width = total;
    grid.setAttribute('aria-colcount', String(frame.cols.length + 1));
    grid.setAttribute('aria-rowcount', String(frame.rows + 1));
    pool = [];
    body.replaceChildren();
  };

  const newRow = () => {
    const cells = [h('div', { role: 'rowheader', class: 'wl-df-cell wl-df-index' })];
    frame.cols.forEach((col) => {
      const cls = col.type === ColFloat64 ? ' wl-num' : col.type === ColBool ? ' wl-bool' : '';
      cells.push(h('div', { role: 'cell', class: `wl-df-cell${cls}` }));
    });
    const row = h('div', { role: 'row', class: 'wl-df-row' }, ...cells);
    body.append(row);
    return { row, cells, at: -1, i: -1 };
  };

  function render() {
    raf = 0;
    if (!frame) return;
    const rows = frame.rows;
    const headH = head.offsetHeight || ROW_H;
    const viewH = Math.max(ROW_H, grid.clientHeight - headH);
    const total = rows * ROW_H;
    const bodyH = Math.min(total, MAX_BODY);
    const s = grid.scrollTop;
    const maxS = Math.max(0, bodyH - viewH);
    // v: scroll offset in unscaled row space (equals s unless the body was capped)
    const v = bodyH === total ? s : maxS > 0 ? (Math.min(s, maxS) / maxS) * (total - viewH) : 0;
    const first = Math.max(0, Math.floor(v / ROW_H) - OVERSCAN);
    const count = Math.max(0, Math.min(rows - first, Math.ceil(viewH / ROW_H) + 2 * OVERSCAN + 1));
    while (pool.length < count) pool.push(newRow());
    while (pool.length > count) pool.pop().row.remove();
    for (let k = 0; k < count; k++) {
      const i = first + k;
      const r = perm ? perm[i] : i;
      const slot = pool[k];
      slot.row.style.transform = `translateY(${i * ROW_H - v + Math.min(s, maxS)}px)`;
      if (slot.at === r && slot.i === i) continue;
      slot.at = r;
      slot.i = i;
      slot.row.setAttribute('aria-rowindex', String(i + 2));
      slot.cells[0].textContent = String(r);
      for (let c = 0; c < frame.cols.length; c++) {
        const t = cell(frame.cols[c], r);
        const td = slot.cells[c + 1];
        td.textContent = t ?? 'None';
        td.classList.toggle('wl-missing', t === null);
      }
    }
    el.dataset.firstRow = String(first);
  }

  const update = (np) => {
    p = np;
    headers.forEach((hd) => { hd.firstChild.disabled = p.sortable === false; });
    sizeGrid();
    schedule();
  };

  const blob = (u8) => {
    const t0 = performance.now();
    let f;
    try {
      f = decodeFrame(u8);
    } catch (err) {
      frame = null;
      body.replaceChildren();
      caption.setAttribute('role', 'alert');
      setText(caption, `Cannot show this dataframe: ${err.message}`);
      return;
    }
    el.dataset.decodeMs = (performance.now() - t0).toFixed(1);
    caption.removeAttribute('role');
    const oldName = sortCol >= 0 && frame ? frame.cols[sortCol].name : null;
    frame = f;
    buildHead();
    sortCol = oldName === null ? -1 : frame.cols.findIndex((c) => c.name === oldName);
    if (sortCol < 0) sortDir = 0;
    applySort();
    sizeGrid();
    grid.removeAttribute('aria-busy');
    render();
  };

  update(props);
  const destroy = () => { ro.disconnect(); if (raf) cancelAnimationFrame(raf); };
  return { el, childHost: null, update, blob, destroy };
}

export const kinds = { stDataFrame: dataframe };
