// The load-failure page (SPEC C1): whatever goes wrong while the app starts, the page says
// what failed, where, and what to check, instead of staying blank. Everything is set as text.

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/**
 * showError renders a failure into #wl-error (created if missing) and hides the loader.
 * @param {{title: string, what: string, url?: string, status?: string, detail?: string,
 *          checks?: string[], output?: string}} f
 */
export function showError(f) {
  let box = document.getElementById('wl-error');
  if (!box) {
    box = el('div');
    box.id = 'wl-error';
    document.body.prepend(box);
  }
  box.className = 'wl-error';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'wlError';
  const dl = el('dl');
  const row = (k, v) => { if (v) dl.append(el('dt', k), el('dd', v)); };
  row('What failed', f.what);
  row('URL', f.url);
  row('Status', f.status);
  row('Error', f.detail);
  const parts = [el('h1', f.title || 'This app could not start'), dl];
  if (f.checks && f.checks.length) {
    const ul = el('ul');
    for (const c of f.checks) ul.append(el('li', c));
    parts.push(el('h2', 'What to check'), ul);
  }
  if (f.output) {
    const d = el('details');
    d.open = true;
    d.append(el('summary', 'Output of the Go program'), el('pre', f.output));
    parts.push(d);
  }
  box.replaceChildren(...parts);
  box.hidden = false;
  const loader = document.getElementById('wl-loader');
  if (loader) loader.hidden = true;
}
