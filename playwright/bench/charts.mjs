// Small static SVG charts for docs/BENCHMARKS.md, written by report.mjs: horizontal bars, wasmlit's
// own bars in red and the peers' in grey, each peer's bar labelled with its ratio to ours.

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// barChart returns an SVG document. rows are {label, value, ours, note}: value null draws no bar
// and shows note (why it is missing); fmt formats a value; a row's note follows its value.
export function barChart({ title, subtitle, rows, fmt }) {
  const W = 760, labelW = 300, barW = 300, rowH = 26, top = subtitle ? 58 : 40;
  const max = Math.max(...rows.map((r) => r.value ?? 0), 1e-9);
  const H = top + rows.length * rowH + 12;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="600" fill="#262730">${esc(title)}</text>`,
  ];
  if (subtitle) out.push(`<text x="12" y="44" font-size="12" fill="#6b6f7b">${esc(subtitle)}</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${labelW - 8}" y="${y + 14}" text-anchor="end" fill="#262730">${esc(r.label)}</text>`);
    if (r.value == null) {
      out.push(`<text x="${labelW}" y="${y + 14}" fill="#a0a3ad">${esc(r.note ?? 'not measured')}</text>`);
      return;
    }
    const w = Math.max(1, Math.round((r.value / max) * barW));
    out.push(`<rect x="${labelW}" y="${y + 2}" width="${w}" height="17" rx="2" fill="${r.ours ? '#ff4b4b' : '#9aa0ac'}"/>`);
    const text = fmt(r.value) + (r.note ? `  ${r.note}` : '');
    out.push(`<text x="${labelW + w + 6}" y="${y + 14}" fill="#262730"${r.ours ? ' font-weight="600"' : ''}>${esc(text)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
