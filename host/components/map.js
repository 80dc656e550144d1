// stMap: lat/lon points on a Web Mercator map that needs no tile server. Without props.tiles the
// points are drawn on a plain projected canvas with a graticule (lines every 30°, 10° or 5° as the
// zoom allows); with it, raster tiles come from that address template only, and props.attribution
// is shown in the corner. The view first fits every point; it can be dragged, zoomed with the
// wheel or the + and − buttons, and reset. Hovering shows the nearest point's label and
// coordinates in a tooltip; with the map focused, the arrow keys pan, + and − zoom, and Enter
// steps from point to point, showing each one's tooltip.
import { h, setText, safeURL } from './dom.js';

const TILE = 256;
const MAX_LAT = 85.05112878;
const PAD = 24; // px around the fitted points

// project returns world coordinates at zoom 0 (0..256 both ways).
function project(lat, lon) {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
  return [((lon + 180) / 360) * TILE, ((1 - Math.asinh(Math.tan(l)) / Math.PI) / 2) * TILE];
}

function unproject(x, y) {
  const lon = (x / TILE) * 360 - 180;
  const lat = Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / TILE))) * 180 / Math.PI;
  return [lat, lon];
}

const fmtDeg = (v) => (Math.round(v * 1e4) / 1e4).toString();

function map(kind, props) {
  const tiles = h('div', { class: 'wl-map-tiles', 'aria-hidden': 'true' });
  const canvas = h('canvas', { class: 'wl-map-canvas', 'aria-hidden': 'true' });
  const tip = h('div', { class: 'wl-map-tip', 'aria-hidden': 'true' });
  tip.hidden = true;
  const view = h('div', { class: 'wl-map-view', tabindex: '0', role: 'img' }, tiles, canvas, tip);
  const zin = h('button', { type: 'button', class: 'wl-map-btn', 'aria-label': 'Zoom in', title: 'Zoom in', text: '+' });
  const zout = h('button', { type: 'button', class: 'wl-map-btn', 'aria-label': 'Zoom out', title: 'Zoom out', text: '−' });
  const reset = h('button', { type: 'button', class: 'wl-map-btn', 'aria-label': 'Fit all points', title: 'Fit all points', text: '⤢' });
  const controls = h('div', { class: 'wl-map-controls' }, zin, zout, reset);
  const attribution = h('div', { class: 'wl-map-attribution' });
  const live = h('div', { class: 'wl-sr-only', 'aria-live': 'polite' });
  const caption = h('div', { class: 'wl-map-caption' });
  const el = h('div', { 'data-testid': kind, class: 'wl-map' }, h('div', { class: 'wl-map-frame' }, view, controls, attribution), caption, live);

  let p = props;
  let pts = []; // [{x, y, lat, lon, label}] at zoom 0
  let cx = TILE / 2; let cy = TILE / 2; let z = 0; // view centre (zoom-0 world px) and zoom
  let W = 0; let H = 0;
  let hover = -1;
  let raf = 0;
  const hasTiles = () => !!p.tiles;

  const scale = () => 2 ** z;
  const toScreen = (x, y) => [(x - cx) * scale() + W / 2, (y - cy) * scale() + H / 2];

  const fit = () => {
    if (!pts.length || W === 0) { cx = TILE / 2; cy = TILE / 2; z = 0; return; }
    let x0 = Infinity; let x1 = -Infinity; let y0 = Infinity; let y1 = -Infinity;
    for (const q of pts) { x0 = Math.min(x0, q.x); x1 = Math.max(x1, q.x); y0 = Math.min(y0, q.y); y1 = Math.max(y1, q.y); }
    cx = (x0 + x1) / 2; cy = (y0 + y1) / 2;
    const dx = x1 - x0; const dy = y1 - y0;
    let zz = dx === 0 && dy === 0 ? 10 : Math.log2(Math.min((W - 2 * PAD) / Math.max(dx, 1e-9), (H - 2 * PAD) / Math.max(dy, 1e-9)));
    zz = Math.max(0, Math.min(18, zz));
    z = hasTiles() ? Math.floor(zz) : zz;
  };

  const schedule = () => { if (!raf) raf = requestAnimationFrame(draw); };

  const zoomBy = (d, sx = W / 2, sy = H / 2) => {
    const [wx, wy] = [cx + (sx - W / 2) / scale(), cy + (sy - H / 2) / scale()];
    z = Math.max(0, Math.min(18, hasTiles() ? Math.round(z + d) : z + d));
    cx = wx - (sx - W / 2) / scale();
    cy = wy - (sy - H / 2) / scale();
    schedule();
  };

  function drawTiles() {
    if (!hasTiles()) { tiles.replaceChildren(); return; }
    const tz = Math.round(z);
    const n = 2 ** tz;
    const left = cx * n - W / 2; const top = cy * n - H / 2;
    const imgs = [];
    for (let ty = Math.max(0, Math.floor(top / TILE)); ty <= Math.min(n - 1, Math.floor((top + H) / TILE)); ty++) {
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + W) / TILE); tx++) {
        const wx = ((tx % n) + n) % n;
        const url = safeURL(String(p.tiles).replace('{z}', tz).replace('{x}', wx).replace('{y}', ty).replace('{s}', 'abc'[(wx + ty) % 3]), true);
        if (!url) continue;
        const img = h('img', { src: url, alt: '', draggable: 'false', class: 'wl-map-tile' });
        img.style.left = `${tx * TILE - left}px`;
        img.style.top = `${ty * TILE - top}px`;
        imgs.push(img);
      }
    }
    tiles.replaceChildren(...imgs);
  }

  function draw() {
    raf = 0;
    if (W === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
      canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
      canvas.style.width = `${W}px`; canvas.style.height = `${H}px`;
    }
    const cs = getComputedStyle(el);
    const v = (name, d) => cs.getPropertyValue(name).trim() || d;
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    drawTiles();
    if (!hasTiles()) {
      g.fillStyle = v('--wl-bg-soft', '#f0f2f6');
      g.fillRect(0, 0, W, H);
      const [top, left] = unproject(cx - W / 2 / scale(), cy - H / 2 / scale());
      const [bottom, right] = unproject(cx + W / 2 / scale(), cy + H / 2 / scale());
      const span = Math.max(right - left, top - bottom);
      const step = span > 120 ? 30 : span > 40 ? 10 : span > 12 ? 5 : span > 3 ? 1 : 0.25;
      g.strokeStyle = v('--wl-border', '#d5d8e0');
      g.lineWidth = 1;
      g.beginPath();
      for (let lon = Math.ceil(left / step) * step; lon <= right; lon += step) {
        const [sx] = toScreen(project(0, lon)[0], 0);
        g.moveTo(Math.round(sx) + 0.5, 0); g.lineTo(Math.round(sx) + 0.5, H);
      }
      for (let lat = Math.ceil(Math.max(-MAX_LAT, bottom) / step) * step; lat <= Math.min(MAX_LAT, top); lat += step) {
        const [, sy] = toScreen(0, project(lat, 0)[1]);
        g.moveTo(0, Math.round(sy) + 0.5); g.lineTo(W, Math.round(sy) + 0.5);
      }
      g.stroke();
    }
    const fill = v('--wl-chart-1', '#0068c9');
    const ring = v('--wl-bg', '#ffffff');
    const r = pts.length > 5000 ? 2.5 : 4.5;
    g.fillStyle = fill; g.strokeStyle = ring; g.lineWidth = 1;
    g.beginPath();
    for (const q of pts) {
      const [sx, sy] = toScreen(q.x, q.y);
      if (sx < -r || sy < -r || sx > W + r || sy > H + r) continue;
      g.moveTo(sx + r, sy); g.arc(sx, sy, r, 0, 2 * Math.PI);
    }
    g.fill();
    if (pts.length <= 5000) g.stroke();
    if (hover >= 0 && pts[hover]) {
      const [sx, sy] = toScreen(pts[hover].x, pts[hover].y);
      g.beginPath(); g.arc(sx, sy, r + 3, 0, 2 * Math.PI);
      g.lineWidth = 2; g.strokeStyle = v('--wl-text', '#31333f'); g.stroke();
    }
    el.dataset.zoom = z.toFixed(2);
    showTip();
  }

  function showTip() {
    const q = pts[hover];
    if (!q) { tip.hidden = true; return; }
    const [sx, sy] = toScreen(q.x, q.y);
    const text = `${q.label ? `${q.label}: ` : ''}${fmtDeg(q.lat)}, ${fmtDeg(q.lon)}`;
    setText(tip, text);
    tip.hidden = sx < 0 || sy < 0 || sx > W || sy > H;
    tip.style.left = `${Math.min(sx + 10, Math.max(0, W - tip.offsetWidth - 4))}px`;
    tip.style.top = `${Math.max(0, sy - tip.offsetHeight - 10)}px`;
    return text;
  }

  const nearest = (sx, sy) => {
    let best = -1; let bd = 12 * 12;
    pts.forEach((q, i) => {
      const [x, y] = toScreen(q.x, q.y);
      const d = (x - sx) ** 2 + (y - sy) ** 2;
      if (d < bd) { bd = d; best = i; }
    });
    return best;
  };

  let drag = null;
  view.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, cx, cy }; view.setPointerCapture(e.pointerId); });
  view.addEventListener('pointerup', () => { drag = null; });
  view.addEventListener('pointermove', (e) => {
    if (drag) {
      cx = drag.cx - (e.clientX - drag.x) / scale();
      cy = drag.cy - (e.clientY - drag.y) / scale();
      schedule();
      return;
    }
    const b = view.getBoundingClientRect();
    const i = nearest(e.clientX - b.left, e.clientY - b.top);
    if (i !== hover) { hover = i; schedule(); }
  });
  view.addEventListener('pointerleave', () => { if (hover >= 0) { hover = -1; schedule(); } });
  view.addEventListener('wheel', (e) => {
    e.preventDefault();
    const b = view.getBoundingClientRect();
    zoomBy(e.deltaY < 0 ? 1 : -1, e.clientX - b.left, e.clientY - b.top);
  }, { passive: false });
  view.addEventListener('keydown', (e) => {
    const step = 64 / scale();
    if (e.key === 'ArrowLeft') cx -= step;
    else if (e.key === 'ArrowRight') cx += step;
    else if (e.key === 'ArrowUp') cy -= step;
    else if (e.key === 'ArrowDown') cy += step;
    else if (e.key === '+' || e.key === '=') { zoomBy(1); e.preventDefault(); return; }
    else if (e.key === '-') { zoomBy(-1); e.preventDefault(); return; }
    else if (e.key === 'Enter' || e.key === ' ') {
      if (!pts.length) return;
      hover = (hover + 1) % pts.length;
      const q = pts[hover];
      const [sx, sy] = toScreen(q.x, q.y);
      if (sx < PAD || sy < PAD || sx > W - PAD || sy > H - PAD) { cx = q.x; cy = q.y; }
      draw();
      setText(live, `Point ${hover + 1} of ${pts.length}: ${tip.textContent}`);
    } else if (e.key === 'Escape') { hover = -1; }
    else return;
    e.preventDefault();
    schedule();
  });
  zin.addEventListener('click', () => zoomBy(1));
  zout.addEventListener('click', () => zoomBy(-1));
  reset.addEventListener('click', () => { fit(); schedule(); });

  let fitted = false;
  const ro = new ResizeObserver(() => {
    const nw = Math.floor(view.clientWidth);
    if (nw === W) return;
    W = nw;
    if (!fitted && W > 0) { fit(); fitted = true; }
    schedule();
  });
  ro.observe(view);
  const mq = matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', schedule);

  const update = (np) => {
    p = np;
    const lat = Array.isArray(p.lat) ? p.lat : [];
    const lon = Array.isArray(p.lon) ? p.lon : [];
    const labels = Array.isArray(p.labels) ? p.labels : [];
    pts = [];
    for (let i = 0; i < Math.min(lat.length, lon.length); i++) {
      if (typeof lat[i] !== 'number' || typeof lon[i] !== 'number') continue;
      const [x, y] = project(lat[i], lon[i]);
      pts.push({ x, y, lat: lat[i], lon: lon[i], label: labels[i] == null ? '' : String(labels[i]) });
    }
    H = p.height > 0 ? p.height : 400;
    view.style.height = `${H}px`;
    hover = -1;
    setText(attribution, hasTiles() ? p.attribution : '');
    attribution.hidden = !hasTiles() || !p.attribution;
    const n = pts.length.toLocaleString('en-US');
    view.setAttribute('aria-label', `Map of ${n} point${pts.length === 1 ? '' : 's'}. Arrow keys pan, plus and minus zoom, Enter goes from point to point.`);
    setText(caption, `${n} point${pts.length === 1 ? '' : 's'}${hasTiles() ? '' : ' · plain Web Mercator projection, no map tiles'}`);
    el.dataset.points = String(pts.length);
    el.dataset.tiles = hasTiles() ? 'on' : 'off';
    if (W > 0) { fit(); fitted = true; }
    schedule();
  };
  update(props);
  const destroy = () => { ro.disconnect(); mq.removeEventListener('change', schedule); if (raf) cancelAnimationFrame(raf); };
  return { el, childHost: null, update, destroy };
}

export const kinds = { stMap: map };
