// stLineChart and stBarChart, drawn by uPlot (loaded on first use through ctx.libURL, with
// its stylesheet added once). Colours come from the theme's CSS variables (--wl-chart-N,
// --wl-text-muted, --wl-border) and follow a light/dark switch; the chart follows its
// container's width. Several bar series stack, as Streamlit's bar chart does.
import { h } from './dom.js';

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

function chart(bar) {
  return (kind, props, ctx) => {
    const box = h('div', { class: 'wl-chart-box' });
    const el = h('div', { 'data-testid': kind, class: 'wl-chart', role: 'figure' }, box);
    let p = props;
    let U = null;
    let u = null;
    let width = 0;
    const height = () => (p.height > 0 ? p.height : 300);
    const build = () => {
      if (u) { u.destroy(); u = null; }
      if (!U || width <= 0) return;
      const { x, raw, drawn } = columns(p, bar);
      const t = theme(el);
      let step = Infinity; // the smallest gap between x values: a bar's slot
      for (let i = 1; i < x.length; i++) { const d = x[i] - x[i - 1]; if (d > 0 && d < step) step = d; }
      if (!Number.isFinite(step)) step = 1;
      const axis = { stroke: t.text, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
      const opts = {
        width,
        height: height(),
        scales: {
          x: { time: false, range: bar ? (_, lo, hi) => [lo - step / 2, hi + step / 2] : undefined },
          y: bar ? { range: (_, lo, hi) => { const [a, b] = U.rangeNum(Math.min(0, lo), Math.max(0, hi), 0.1, true); return [lo >= 0 ? 0 : a, hi <= 0 ? 0 : b]; } } : {},
        },
        axes: [{ ...axis, label: p.xLabel || undefined }, axis],
        legend: { show: true },
        cursor: { points: { show: !bar } },
        series: [
          { label: p.xLabel || 'x' },
          ...(p.series || []).map((s, i) => {
            const c = t.palette[i % t.palette.length];
            const ser = { label: String(s.name ?? `series ${i + 1}`), stroke: c, width: bar ? 0 : 2, points: { show: false },
              value: (_, v, si, di) => (di === null || raw[si - 1][di] === null ? '—' : String(raw[si - 1][di])) };
            if (bar) { ser.fill = c; ser.paths = U.paths.bars({ size: [0.7, 80] }); }
            return ser;
          }),
        ],
      };
      u = new U(opts, [x, ...drawn], box);
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
      el.setAttribute('aria-label', `${bar ? 'Bar' : 'Line'} chart: ${(p.series || []).map((s) => s.name).join(', ')}`);
      load(ctx).then((m) => { U = m; build(); }, (err) => console.error('wasmlit: uPlot failed to load', err));
    };
    update(props);
    const destroy = () => { ro.disconnect(); mq.removeEventListener('change', onScheme); if (u) u.destroy(); u = null; };
    return { el, childHost: null, update, destroy };
  };
}

export const kinds = { stLineChart: chart(false), stBarChart: chart(true) };
