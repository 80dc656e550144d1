// Decoding of the dataframe blob (docs/PROTOCOL.md, "Dataframe blob") into typed columns,
// and cell formatting. Numeric columns are Float64Array views, never copied per cell.
import { ColFloat64, ColString, ColBool, ColumnAlign, SizeU32 } from '../wire.gen.js';

const utf8 = new TextDecoder();

/**
 * decodeFrame returns {rows, cols: [{name, type, values|offsets+bytes, isInt}]} whose typed
 * arrays are views over the blob: the blob becomes the frame's (the host hands over a copy).
 * A blob that does not start 8-aligned in its buffer is copied once so the format's 8-aligned
 * column offsets are aligned in memory. Views use the platform's byte order; every browser
 * engine is little-endian, as the format is. A malformed blob throws an Error.
 */
export function decodeFrame(u8) {
  let buf = u8;
  if (u8.byteOffset % ColumnAlign !== 0) {
    buf = new Uint8Array(u8.byteLength);
    buf.set(u8);
  }
  const ab = buf.buffer;
  const base = buf.byteOffset;
  const dv = new DataView(ab, base, buf.byteLength);
  const need = (p, n) => { if (p + n > buf.length) throw new Error('dataframe blob is truncated'); };
  need(0, 2 * SizeU32);
  const rows = dv.getUint32(0, true);
  const ncols = dv.getUint32(SizeU32, true);
  let p = 2 * SizeU32;
  const cols = [];
  for (let c = 0; c < ncols; c++) {
    need(p, 1 + SizeU32);
    const type = buf[p];
    const nlen = dv.getUint32(p + 1, true);
    p += 1 + SizeU32;
    need(p, nlen);
    const name = utf8.decode(buf.subarray(p, p + nlen));
    p += nlen;
    p = Math.ceil(p / ColumnAlign) * ColumnAlign;
    const col = { name, type };
    if (type === ColFloat64) {
      need(p, rows * 8);
      col.values = new Float64Array(ab, base + p, rows);
      p += rows * 8;
      col.isInt = allInts(col.values);
    } else if (type === ColString) {
      need(p, (rows + 1) * SizeU32);
      col.offsets = new Uint32Array(ab, base + p, rows + 1);
      p += (rows + 1) * SizeU32;
      const total = col.offsets[rows];
      need(p, total);
      col.bytes = buf.subarray(p, p + total);
      p += total;
    } else if (type === ColBool) {
      need(p, rows);
      col.values = buf.subarray(p, p + rows);
      p += rows;
    } else {
      throw new Error(`dataframe blob: unknown column type ${type}`);
    }
    cols.push(col);
  }
  return { rows, cols };
}

function allInts(v) {
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === x && (x !== Math.trunc(x) || Math.abs(x) >= 1e15)) return false;
  }
  return true;
}

const fmt4 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4, useGrouping: false });

/** cell returns the display text of row r in col, and whether it is missing. */
export function cell(col, r) {
  if (col.type === ColFloat64) {
    const x = col.values[r];
    if (x !== x) return null;
    if (col.isInt) return String(x);
    const a = Math.abs(x);
    if (a !== 0 && (a >= 1e15 || a < 1e-4)) return x.toExponential(4);
    return fmt4.format(x);
  }
  if (col.type === ColString) return utf8.decode(col.bytes.subarray(col.offsets[r], col.offsets[r + 1]));
  const b = col.values[r];
  return b === 0 ? 'false' : b === 1 ? 'true' : null;
}
