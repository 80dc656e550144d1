// Searchable select and multiselect (A9): a selectbox or multiselect with more than a few
// options gets a search field before its list. Typing hides the options that do not contain
// the text (ignoring case); Enter chooses the first one still shown, as picking it in the list
// would. The list stays a native <select>, so keyboard use and the events sent are unchanged.
import { h, str } from './dom.js';
import { kinds as widgets } from './widgets.js';

/** searchFrom is the number of options from which a list gets a search field. */
export const searchFrom = 8;

function searchable(make) {
  return (kind, props, ctx) => {
    const node = make(kind, props, ctx);
    const select = node.el.querySelector('select');
    if (!select) return node;
    const field = h('input', { type: 'search', class: 'wl-filter', autocomplete: 'off', placeholder: 'Type to search' });
    (select.closest('.wl-multi-box') || select).before(field);
    const choices = () => [...select.options].filter((o) => Number(o.value) >= 0);
    const filter = () => {
      const q = field.value.trim().toLowerCase();
      for (const o of choices()) o.hidden = q !== '' && !o.textContent.toLowerCase().includes(q);
    };
    // The list is rebuilt when options or choices change: filter the new one.
    new MutationObserver(filter).observe(select, { childList: true });
    field.addEventListener('input', filter);
    field.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const first = choices().find((o) => !o.hidden);
      if (!first) return;
      select.value = first.value;
      select.dispatchEvent(new Event('change'));
      if (select.closest('.wl-multi-box')) field.value = '';
      filter();
    });
    const refresh = (p) => {
      const n = Array.isArray(p.options) ? p.options.length : 0;
      field.hidden = n < searchFrom;
      field.disabled = !!p.disabled;
      // A name of its own, not the list's: getByLabel(label) and screen readers find the list.
      field.setAttribute('aria-label', 'Search options');
      field.title = `Search the options of ${str(p.label)}`;
      field.setAttribute('aria-controls', select.id);
      if (field.hidden && field.value) { field.value = ''; filter(); }
    };
    const update = node.update;
    node.update = (p) => { update(p); refresh(p); };
    refresh(props);
    return node;
  };
}

export const kinds = { stSelectbox: searchable(widgets.stSelectbox), stMultiSelect: searchable(widgets.stMultiSelect) };
