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
// For tests: the grid has aria-rowcount = rows shown + 1 (the header row counts, as ARIA says),
// each rendered row aria-rowindex = its position in the sorted order + 2, headers aria-sort.
//
// A toolbar (stElementToolbar, as in Streamlit) above the grid searches (rows with a cell that
// contains the text, ignoring case), downloads the rows shown as CSV and shows the table full
// screen (Escape leaves). Column widths come from the content (dftools.js): numbers are never cut.
// Each header has a resize handle: drag it, or focus it and press the arrow keys.
import { h, setText } from './dom.js';
import { ColFloat64, ColBool } from '../wire.gen.js';
import { decodeFrame, cell } from './dfblob.js';
import { sortPerm } from './dfsort.js';
import { colWidths, filterRows, toCSV } from './dftools.js';

const ROW_H = 32; // px, also in theme.css (.wl-df-row)
const MAX_BODY = 15_000_000; // px: stays under every engine's element-height limit
const OVERSCAN = 4;
const SORTS = ['none', 'ascending', 'descending'];

const MIN_COL = 48; // px: the narrowest a resized column gets

function dataframe(kind, props) {
  const head = h('div', { class: 'wl-df-row wl-df-head', role: 'row', 'aria-rowindex': '1' });
  const body = h('div', { class: 'wl-df-body', role: 'rowgroup' });
  const grid = h('div', { class: 'wl-df-grid', role: 'table', 'aria-label': 'Data', tabindex: '0', 'aria-rowcount': '1', 'aria-busy': 'true' }, head, body);
  const caption = h('div', { class: 'wl-df-caption' });
  const search = h('input', { type: 'search', class: 'wl-df-search', 'aria-label': 'Search the table', placeholder: 'Search', 'data-testid': 'stDataFrameSearch' });
  const csvBtn = h('button', { type: 'button', class: 'wl-df-tool', 'aria-label': 'Download as CSV', title: 'Download as CSV', 'data-testid': 'stDataFrameDownload', text: '⤓ CSV' });
  const fullBtn = h('button', { type: 'button', class: 'wl-df-tool', 'aria-label': 'Full screen', title: 'Full screen', 'aria-pressed': 'false', 'data-testid': 'stDataFrameFullscreen', text: '⛶' });
  const toolbar = h('div', { class: 'wl-df-toolbar', 'data-testid': 'stElementToolbar' }, search, csvBtn, fullBtn);
  const el = h('div', { 'data-testid': kind, class: 'wl-df' }, toolbar, grid, caption);
  let p = props;
  let frame = null;
  let sorted = null; // Uint32Array: sorted order, or null for the original order
  let perm = null; // Uint32Array: display position → row (sorted, then searched), or null: all rows in order
  let widths = [];
  let query = '';
  let sortCol = -1;
  let sortDir = 0; // index into SORTS
  let pool = [];
  let raf = 0;
  let headers = [];

  const schedule = () => { if (!raf) raf = requestAnimationFrame(render); };
  grid.addEventListener('scroll', schedule, { passive: true });
  const ro = new ResizeObserver(schedule);
  ro.observe(grid);

  const shown = () => (!frame ? 0 : perm ? perm.length : frame.rows);

  const sizeGrid = () => {
    const rows = shown();
    const full = el.classList.contains('wl-df-full');
    grid.style.height = full ? '' : `${p.height > 0 ? p.height : Math.min(400, (rows + 1) * ROW_H + 2)}px`;
    body.style.height = `${Math.min(rows * ROW_H, MAX_BODY)}px`;
  };

  const setCaption = () => {
    if (!frame) return;
    const n = frame.rows.toLocaleString('en-US');
    const by = sortCol >= 0 && sortDir ? `, sorted by ${frame.cols[sortCol].name} (${SORTS[sortDir]})` : '';
    const found = query.trim() ? `${shown().toLocaleString('en-US')} of ` : '';
    const match = query.trim() ? ` match “${query.trim()}”` : '';
    setText(caption, `${found}${n} row${frame.rows === 1 ? '' : 's'}${match} × ${frame.cols.length} column${frame.cols.length === 1 ? '' : 's'}${by}`);
  };

  const applyFilter = () => {
    const t0 = performance.now();
    perm = filterRows(frame, sorted, query);
    el.dataset.searchMs = (performance.now() - t0).toFixed(1);
    grid.setAttribute('aria-rowcount', String(shown() + 1));
    setCaption();
    sizeGrid();
  };

  const applySort = () => {
    const t0 = performance.now();
    sorted = sortCol >= 0 && sortDir ? sortPerm(frame.cols[sortCol], frame.rows, sortDir === 2) : null;
    el.dataset.sortMs = (performance.now() - t0).toFixed(1);
    headers.forEach((hd, i) => hd.setAttribute('aria-sort', i === sortCol ? SORTS[sortDir] : 'none'));
    applyFilter();
  };

  const setWidths = () => {
    el.style.setProperty('--wl-df-cols', widths.map((w) => `${w}px`).join(' '));
    const total = `${widths.reduce((a, b) => a + b, 0)}px`;
    head.style.width = total;
    body.style.width = total;
  };

  // resizer is column c's resize handle (c counts the index column as 0).
  const resizer = (c, name) => {
    const bar = h('div', { class: 'wl-df-resize', role: 'separator', 'aria-orientation': 'vertical', tabindex: '0', 'aria-label': `Resize column ${name}`, 'aria-valuemin': String(MIN_COL) });
    const set = (w) => { widths[c] = Math.max(MIN_COL, Math.round(w)); bar.setAttribute('aria-valuenow', String(widths[c])); setWidths(); };
    let start = null;
    bar.addEventListener('pointerdown', (e) => { e.preventDefault(); e.stopPropagation(); start = { x: e.clientX, w: widths[c] }; bar.setPointerCapture(e.pointerId); });
    bar.addEventListener('pointermove', (e) => { if (start) set(start.w + e.clientX - start.x); });
    bar.addEventListener('pointerup', () => { start = null; });
    bar.addEventListener('click', (e) => e.stopPropagation());
    bar.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') { e.preventDefault(); set(widths[c] + (e.key === 'ArrowRight' ? 16 : -16)); }
    });
    return { bar, set };
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
      const r = resizer(i + 1, col.name);
      return h('div', { role: 'columnheader', class: `wl-df-cell${num ? ' wl-num' : ''}`, 'aria-sort': 'none', 'aria-colindex': String(i + 2) }, btn, r.bar);
    });
    head.replaceChildren(h('div', { role: 'columnheader', class: 'wl-df-cell wl-df-index', 'aria-colindex': '1' }), ...headers);
    const cs = getComputedStyle(grid);
    const font = `${cs.fontSize || '14px'} ${cs.fontFamily || 'sans-serif'}`;
    const t0 = performance.now();
    widths = [Math.max(56, String(frame.rows).length * 8 + 24), ...colWidths(frame, font, `500 ${font}`)];
    el.dataset.widthMs = (performance.now() - t0).toFixed(1);
    headers.forEach((hd, i) => hd.lastChild.setAttribute('aria-valuenow', String(widths[i + 1])));
    setWidths();
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
    const rows = shown();
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
        if (frame.cols[c].type !== ColFloat64 && t !== null && t.length > 40) td.title = t;
        else td.removeAttribute('title');
        td.classList.toggle('wl-missing', t === null);
      }
    }
    el.dataset.firstRow = String(first);
  }

  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      query = search.value;
      if (!frame) return;
      applyFilter();
      grid.scrollTop = 0;
      for (const slot of pool) slot.at = -1;
      render();
    }, frame && frame.rows > 100_000 ? 250 : 60);
  });
  csvBtn.addEventListener('click', () => {
    if (!frame) return;
    const url = URL.createObjectURL(new Blob([toCSV(frame, perm)], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: 'data.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  // Full screen uses the Fullscreen API when the page may (the element fills the screen, Escape
  // leaves), else a fixed overlay over the page.
  const setFull = (on, fromAPI = false) => {
    if (!fromAPI && el.requestFullscreen && document.fullscreenEnabled) {
      if (on) el.requestFullscreen().catch(() => setFull(true, true));
      else if (document.fullscreenElement === el) document.exitFullscreen().catch(() => {});
      else setFull(false, true);
      return;
    }
    el.classList.toggle('wl-df-full', on);
    fullBtn.setAttribute('aria-pressed', String(on));
    fullBtn.setAttribute('aria-label', on ? 'Leave full screen' : 'Full screen');
    if (on) { el.setAttribute('role', 'dialog'); el.setAttribute('aria-modal', 'true'); el.setAttribute('aria-label', 'Table, full screen'); } else { el.removeAttribute('role'); el.removeAttribute('aria-modal'); el.removeAttribute('aria-label'); }
    sizeGrid();
    schedule();
    fullBtn.focus();
  };
  fullBtn.addEventListener('click', () => setFull(!el.classList.contains('wl-df-full')));
  const onFull = () => setFull(document.fullscreenElement === el, true);
  document.addEventListener('fullscreenchange', onFull);
  el.addEventListener('keydown', (e) => { if (e.key === 'Escape' && el.classList.contains('wl-df-full') && !document.fullscreenElement) { e.preventDefault(); setFull(false, true); } });

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
  const destroy = () => { ro.disconnect(); document.removeEventListener('fullscreenchange', onFull); clearTimeout(searchTimer); if (raf) cancelAnimationFrame(raf); };
  return { el, childHost: null, update, blob, destroy };
}

export const kinds = { stDataFrame: dataframe };
