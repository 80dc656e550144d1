// Sorting a dataframe column without touching the data: the result is a Uint32Array
// permutation of row numbers. Numbers sort numerically, strings by code point (UTF-8 byte
// order is code point order), booleans false < true; missing values (NaN, bool 2) always
// come last. Ties keep the original row order in both directions.
//
// Numbers and strings use a stable LSD radix sort on 64-bit keys (linear time; a comparator
// sort of 1M rows took 1–4 s here): numbers map to order-preserving IEEE keys; strings are
// radix-sorted 8 bytes at a time, MSD-style: runs that tie on their first 8 bytes are sorted
// on the next 8, and small runs fall back to a byte comparator.
import { ColFloat64, ColString } from '../wire.gen.js';

export function sortPerm(col, rows, desc) {
  if (col.type === ColFloat64) return sortFloat(col.values, rows, desc);
  if (col.type === ColString) return sortString(col, rows, desc);
  return sortBool(col.values, rows, desc);
}

function sortBool(v, n, desc) {
  const out = new Uint32Array(n);
  const order = desc ? [1, 0, 2] : [0, 1, 2];
  let k = 0;
  for (const want of order) for (let i = 0; i < n; i++) if (v[i] === want || (want === 2 && v[i] > 1)) out[k++] = i;
  return out;
}

function scratch(n) {
  return { idx: new Uint32Array(n), hi: new Uint32Array(n), lo: new Uint32Array(n), count: new Uint32Array(65536) };
}

// radix64 sorts idx[a:b] stably by the unsigned 64-bit keys (hi, lo), moving the keys
// along, in place. Four 16-bit passes; a pass whose digit is the same for every key is skipped.
function radix64(idx, hi, lo, a, b, s) {
  let [I, H, L, I2, H2, L2] = [idx, hi, lo, s.idx, s.hi, s.lo];
  const count = s.count;
  const m = b - a;
  for (const [high, shift] of [[false, 0], [false, 16], [true, 0], [true, 16]]) {
    const K = high ? H : L;
    count.fill(0);
    for (let i = a; i < b; i++) count[(K[i] >>> shift) & 0xffff]++;
    let trivial = false;
    for (let d = 0, sum = a; d < 65536; d++) {
      const c = count[d];
      if (c === m) trivial = true;
      count[d] = sum;
      sum += c;
    }
    if (trivial) continue;
    for (let i = a; i < b; i++) {
      const pos = count[(K[i] >>> shift) & 0xffff]++;
      I2[pos] = I[i];
      H2[pos] = H[i];
      L2[pos] = L[i];
    }
    [I, I2, H, H2, L, L2] = [I2, I, H2, H, L2, L];
  }
  if (I !== idx) {
    idx.set(I.subarray(a, b), a);
    hi.set(H.subarray(a, b), a);
    lo.set(L.subarray(a, b), a);
  }
}

function sortFloat(f, n, desc) {
  const bits = new Uint32Array(f.buffer, f.byteOffset, n * 2);
  const idx = new Uint32Array(n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const nan = [];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = f[i];
    if (x !== x) { nan.push(i); continue; }
    let l = bits[2 * i];
    let hh = bits[2 * i + 1];
    if (hh & 0x80000000) { hh = ~hh; l = ~l; } else hh |= 0x80000000; // IEEE → unsigned order
    if (desc) { hh = ~hh; l = ~l; }
    idx[m] = i;
    hi[m] = hh;
    lo[m] = l;
    m++;
  }
  radix64(idx, hi, lo, 0, m, scratch(m));
  for (let k = 0; k < nan.length; k++) idx[m + k] = nan[k];
  return idx;
}

const SMALL = 2048; // ranges this short are sorted with the comparator

function sortString(col, n, desc) {
  const { offsets, bytes } = col;
  const sign = desc ? -1 : 1;
  const flip = desc ? 0xffffffff : 0;
  // word reads 4 bytes of row r from byte `at`, big-endian, zero-padded past the end.
  const word = (r, at) => {
    const s = offsets[r] + at;
    const e = offsets[r + 1];
    let w = 0;
    for (let k = 0; k < 4; k++) w = (w << 8) | (s + k < e ? bytes[s + k] : 0);
    return (w ^ flip) >>> 0;
  };
  // cmp compares whole rows by bytes, then length; the row number breaks ties (stable).
  const cmp = (a, b) => {
    let i = offsets[a];
    let j = offsets[b];
    const ea = offsets[a + 1];
    const eb = offsets[b + 1];
    for (; i < ea && j < eb; i++, j++) if (bytes[i] !== bytes[j]) return bytes[i] < bytes[j] ? -sign : sign;
    const d = (ea - i) - (eb - j);
    return d ? sign * d : a - b;
  };
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const s = scratch(n);
  const stack = [[0, n, 0]];
  while (stack.length) {
    const [a, b, depth] = stack.pop();
    if (b - a < 2) continue;
    if (b - a <= SMALL) { idx.subarray(a, b).sort(cmp); continue; }
    let longest = 0;
    for (let i = a; i < b; i++) {
      const r = idx[i];
      hi[i] = word(r, depth);
      lo[i] = word(r, depth + 4);
      longest = Math.max(longest, offsets[r + 1] - offsets[r]);
    }
    radix64(idx, hi, lo, a, b, s);
    for (let i = a; i < b;) {
      let j = i + 1;
      while (j < b && hi[j] === hi[i] && lo[j] === lo[i]) j++;
      if (j - i > 1) {
        // Rows tied on these 8 bytes: go on with the next 8, or, when no row is longer,
        // they differ only in length (zero padding) — the comparator settles that.
        if (longest > depth + 8) {
          if (j - i > SMALL) stack.push([i, j, depth + 8]);
          else idx.subarray(i, j).sort(cmp);
        } else if (!sameLength(idx, offsets, i, j)) idx.subarray(i, j).sort(cmp);
      }
      i = j;
    }
  }
  return idx;
}

// sameLength reports whether rows idx[a:b] all have one byte length (then they are equal
// and already in row order, since every pass is stable).
function sameLength(idx, offsets, a, b) {
  const r0 = idx[a];
  const len = offsets[r0 + 1] - offsets[r0];
  for (let i = a + 1; i < b; i++) if (offsets[idx[i] + 1] - offsets[idx[i]] !== len) return false;
  return true;
}
