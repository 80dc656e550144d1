// The dataframe's tools that work on the decoded frame: column widths from content, search
// (a filtered row order) and CSV export. Kept apart from the grid's drawing in dataframe.js.
import { ColFloat64, ColString } from '../wire.gen.js';
import { cell } from './dfblob.js';

const SAMPLE = 500; // rows measured for a text column's width (numbers are measured exactly)
const MAX_TEXT_W = 420; // px: a longer text is cut with an ellipsis and shown whole on hover
const PAD = 26; // px: cell padding and room for the sort arrow

let measurer = null;

// measure returns the width in px of s in the grid's font (font: a CSS font shorthand).
function measure(s, font) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = font;
  return measurer.measureText(s).width;
}

/**
 * colWidths returns each column's width in px from its content: a number column is as wide as its
 * widest value, measured from its extremes (the format shows every number with the same digits
 * after the point, so the longest integer part and the sign decide), never cut; a text column as
 * its widest value among the first rows, up to MAX_TEXT_W. The header's name always fits.
 */
export function colWidths(frame, font, headFont) {
  return frame.cols.map((col) => {
    let w = measure(col.name, headFont) + PAD + 14; // the sort arrow and its gap
    if (col.type === ColFloat64) {
      let lo = Infinity; let hi = -Infinity; let missing = false;
      for (let r = 0; r < frame.rows; r++) {
        const x = col.values[r];
        if (x !== x) { missing = true; continue; }
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const texts = [];
      for (let r = 0; r < Math.min(frame.rows, 50); r++) texts.push(cell(col, r) ?? 'None');
      if (Number.isFinite(lo)) {
        // cell() formats by value; the extremes give the longest integer parts
        texts.push(fmtLike(col, lo), fmtLike(col, hi));
      }
      if (missing) texts.push('None');
      for (const t of texts) w = Math.max(w, measure(t, font) + PAD);
      return Math.ceil(Math.max(64, w));
    }
    const n = Math.min(frame.rows, SAMPLE);
    for (let r = 0; r < n; r++) w = Math.max(w, measure(cell(col, r) ?? 'None', font) + PAD);
    return Math.ceil(Math.max(64, Math.min(MAX_TEXT_W, w)));
  });
}

// fmtLike formats x as cell() would format a value of col.
function fmtLike(col, x) {
  return cell({ type: ColFloat64, isInt: col.isInt, values: [x] }, 0) ?? '';
}

/**
 * filterRows returns the rows of order (or 0..rows-1 when order is null), in that order, that
 * have a cell whose text contains query, ignoring case. An empty query returns order unchanged.
 */
export function filterRows(frame, order, query) {
  const q = query.trim().toLowerCase();
  if (!q) return order;
  const n = order ? order.length : frame.rows;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const r = order ? order[i] : i;
    for (const col of frame.cols) {
      const t = cell(col, r);
      if (t !== null && t.toLowerCase().includes(q)) { out[k++] = r; break; }
    }
  }
  return out.subarray(0, k);
}

// csvField quotes a field when it holds a comma, a quote or a line break (RFC 4180).
function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * toCSV returns the frame's rows in order (all rows when order is null) as CSV text with a header
 * line. Numbers are written in full precision (not as the grid shows them), missing values as
 * empty fields.
 */
export function toCSV(frame, order) {
  const lines = [frame.cols.map((c) => csvField(c.name)).join(',')];
  const n = order ? order.length : frame.rows;
  for (let i = 0; i < n; i++) {
    const r = order ? order[i] : i;
    lines.push(frame.cols.map((col) => {
      if (col.type === ColFloat64) { const x = col.values[r]; return x === x ? String(x) : ''; }
      const t = cell(col, r);
      return t === null ? '' : col.type === ColString ? csvField(t) : t;
    }).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
