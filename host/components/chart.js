// stLineChart, stBarChart, stAreaChart and stScatterChart, drawn by uPlot (loaded on first use
// through ctx.libURL, with its stylesheet added once). Colours come from the theme's CSS
// variables (--wl-chart-N, --wl-text-muted, --wl-border) and follow a light/dark switch; the
// chart follows its container's width. Several bar series stack, as Streamlit's bar chart does.
//
// Every chart has a legend (series names with the values at the pointer) and a tooltip that
// follows the pointer with x and every series' value there; the plot takes focus, and the arrow
// keys move that pointer from point to point (Home and End jump to the ends), so keyboard users
// read the same values. A long series arrives already downsampled by Go (props.total > 0 is the
// count before); the caption says so.
import { h, setText } from './dom.js';

let lib = null; // Promise<uPlot>

function load(ctx) {
  if (!lib) {
    if (!document.querySelector('link[data-wl-uplot]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = ctx.libURL('uplot/uPlot.min.css');
      link.dataset.wlUplot = '';
      document.head.append(link);
    }
    lib = import(ctx.libURL('uplot/uPlot.esm.js')).then((m) => m.default);
    lib.catch(() => { lib = null; });
  }
  return lib;
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function theme(el) {
  const cs = getComputedStyle(el);
  const v = (name, dflt) => cs.getPropertyValue(name).trim() || dflt;
  const fallback = ['#0068c9', '#83c9ff', '#ff2b2b', '#ffabab', '#29b09d', '#7defa1', '#ff8700', '#ffd16a'];
  return {
    palette: fallback.map((c, i) => v(`--wl-chart-${i + 1}`, c)),
    text: v('--wl-text-muted', '#808495'),
    grid: v('--wl-border', '#e6e9ef'),
  };
}

// data turns props into uPlot's columns; for stacked bars each series holds the sum of
// itself and every later one, so drawing in order leaves each visible band its own.
function columns(p, bar) {
  const series = (p.series || []).map((s) => (s.values || []).map(num));
  const n = Math.max(Array.isArray(p.x) ? p.x.length : 0, ...series.map((s) => s.length), 0);
  const x = Array.from({ length: n }, (_, i) => (Array.isArray(p.x) ? num(p.x[i]) ?? i : i));
  const raw = series.map((s) => Array.from({ length: n }, (_, i) => s[i] ?? null));
  let drawn = raw;
  if (bar && raw.length > 1) {
    drawn = raw.map((_, k) => Array.from({ length: n }, (_, i) => {
      let sum = null;
      for (let j = k; j < raw.length; j++) if (raw[j][i] !== null) sum = (sum ?? 0) + raw[j][i];
      return sum;
    }));
  }
  return { x, raw, drawn };
}

const NAMES = { line: 'Line', bar: 'Bar', area: 'Area', scatter: 'Scatter' };
const fmtNum = (v) => (v === null || v === undefined ? '—' : Math.abs(v) >= 1e15 || (v !== 0 && Math.abs(v) < 1e-4) ? v.toExponential(4) : String(Math.round(v * 1e6) / 1e6));

// tooltipPlugin draws the floating tooltip: x and each series' value at the cursor.
function tooltipPlugin(tip, raw, p) {
  return {
    hooks: {
      setCursor: (u) => {
        const i = u.cursor.idx;
        if (i === null || i === undefined || u.cursor.left < 0) { tip.hidden = true; return; }
        const rows = [h('div', { class: 'wl-chart-tip-x', text: `${p.xLabel || 'x'}: ${fmtNum(u.data[0][i])}` })];
        u.series.forEach((s, k) => {
          if (k === 0 || !s.show) return;
          const sw = h('span', { class: 'wl-chart-tip-swatch' });
          sw.style.background = s._wlColor;
          rows.push(h('div', null, sw, h('span', { text: `${s.label}: ${fmtNum(raw[k - 1][i])}` })));
        });
        tip.replaceChildren(...rows);
        tip.hidden = false;
        const left = u.valToPos(u.data[0][i], 'x');
        const over = u.over.getBoundingClientRect();
        const boxRect = tip.parentElement.getBoundingClientRect();
        const x = over.left - boxRect.left + left;
        const flip = left > u.over.clientWidth / 2;
        tip.style.left = `${flip ? x - tip.offsetWidth - 12 : x + 12}px`;
        tip.style.top = `${over.top - boxRect.top + Math.max(0, u.cursor.top ?? 0) - 8}px`;
      },
    },
  };
}

function chart(type) {
  const bar = type === 'bar';
  return (kind, props, ctx) => {
    const box = h('div', { class: 'wl-chart-box' });
    const tip = h('div', { class: 'wl-chart-tip', 'aria-hidden': 'true', 'data-testid': 'stChartTooltip' });
    tip.hidden = true;
    const note = h('div', { class: 'wl-chart-note' });
    const el = h('div', { 'data-testid': kind, class: 'wl-chart', role: 'figure' }, box, tip, note);
    let p = props;
    let U = null;
    let u = null;
    let width = 0;
    const height = () => (p.height > 0 ? p.height : 300);
    const build = () => {
      if (u) { u.destroy(); u = null; }
      if (!U || width <= 0) return;
      let { x, raw, drawn } = columns(p, bar);
      if (type === 'scatter') { // uPlot's cursor wants x ascending: draw the points in x order
        const ord = x.map((_, i) => i).sort((a, b) => (x[a] ?? 0) - (x[b] ?? 0));
        x = ord.map((i) => x[i]);
        raw = raw.map((s) => ord.map((i) => s[i]));
        drawn = raw;
      }
      const t = theme(el);
      let step = Infinity; // the smallest gap between x values: a bar's slot
      for (let i = 1; i < x.length; i++) { const d = x[i] - x[i - 1]; if (d > 0 && d < step) step = d; }
      if (!Number.isFinite(step)) step = 1;
      const axis = { stroke: t.text, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
      const t0 = performance.now();
      const opts = {
        width,
        height: height(),
        scales: {
          x: { time: false, range: bar ? (_, lo, hi) => [lo - step / 2, hi + step / 2] : undefined },
          y: bar ? { range: (_, lo, hi) => { const [a, b] = U.rangeNum(Math.min(0, lo), Math.max(0, hi), 0.1, true); return [lo >= 0 ? 0 : a, hi <= 0 ? 0 : b]; } } : {},
        },
        axes: [{ ...axis, label: p.xLabel || undefined }, { ...axis, label: p.yLabel || undefined }],
        legend: { show: true, live: true },
        cursor: { points: { show: !bar }, focus: { prox: 16 } },
        plugins: [tooltipPlugin(tip, raw, p)],
        series: [
          { label: p.xLabel || 'x' },
          ...(p.series || []).map((s, i) => {
            const c = t.palette[i % t.palette.length];
            const ser = { label: String(s.name ?? `series ${i + 1}`), stroke: c, width: bar ? 0 : 2, points: { show: false },
              value: (_, v, si, di) => (di === null || di === undefined ? '—' : fmtNum(raw[si - 1][di])) };
            ser._wlColor = c;
            if (bar) { ser.fill = c; ser.paths = U.paths.bars({ size: [0.7, 80] }); }
            if (type === 'area') ser.fill = `color-mix(in srgb, ${c} 30%, transparent)`;
            if (type === 'scatter') { ser.width = 0; ser.paths = () => null; ser.points = { show: true, size: 6, stroke: c, fill: c }; }
            return ser;
          }),
        ],
      };
      u = new U(opts, [x, ...drawn], box);
      u.over.tabIndex = 0;
      u.over.setAttribute('role', 'img');
      u.over.setAttribute('aria-label', `${el.getAttribute('aria-label')}. Arrow keys move along the points.`);
      u.over.addEventListener('keydown', (e) => keyMove(e, x.length));
      u.over.addEventListener('blur', () => u && u.setCursor({ left: -10, top: -10 }));
      el.dataset.points = String(x.length);
      let yMax = -Infinity;
      for (const s of drawn) for (const v of s) if (v !== null && v > yMax) yMax = v;
      el.dataset.yMax = String(yMax);
      el.dataset.renderMs = (performance.now() - t0).toFixed(1);
    };
    // keyMove moves the cursor along the points with the keyboard.
    const keyMove = (e, n) => {
      if (!u || n === 0) return;
      const cur = u.cursor.idx ?? -1;
      let i;
      if (e.key === 'ArrowRight') i = Math.min(n - 1, cur + 1);
      else if (e.key === 'ArrowLeft') i = Math.max(0, cur < 0 ? 0 : cur - 1);
      else if (e.key === 'Home') i = 0;
      else if (e.key === 'End') i = n - 1;
      else if (e.key === 'Escape') { u.setCursor({ left: -10, top: -10 }); return; }
      else return;
      e.preventDefault();
      const xv = u.data[0][i];
      let yv = null;
      for (let k = 1; k < u.data.length && yv === null; k++) yv = u.data[k][i];
      u.setCursor({ left: u.valToPos(xv, 'x'), top: yv === null ? 0 : u.valToPos(yv, 'y') });
    };
    const ro = new ResizeObserver(() => {
      const w = Math.floor(box.clientWidth);
      if (w === width) return;
      width = w;
      if (u) u.setSize({ width, height: height() });
      else build();
    });
    ro.observe(box);
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => build();
    mq.addEventListener('change', onScheme);
    const update = (np) => {
      p = np;
      el.setAttribute('aria-label', `${NAMES[type]} chart: ${(p.series || []).map((s) => s.name).join(', ')}`);
      const shown = Array.isArray(p.x) ? p.x.length : 0;
      setText(note, p.total > 0 ? `Showing ${shown.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} points (the lowest and highest of each stretch)` : '');
      load(ctx).then((m) => { U = m; build(); }, (err) => console.error('wasmlit: uPlot failed to load', err));
    };
    update(props);
    const destroy = () => { ro.disconnect(); mq.removeEventListener('change', onScheme); if (u) u.destroy(); u = null; };
    return { el, childHost: null, update, destroy };
  };
}

export const kinds = { stLineChart: chart('line'), stBarChart: chart('bar'), stAreaChart: chart('area'), stScatterChart: chart('scatter') };
