// query.js: writing the page's query string for st.SetQueryParam and friends (SPEC A14). Go reads
// location.search itself (bridge.LocationSearch); it writes through wasmlitHost.setQuery, so the
// page decides how: in place, with history.replaceState, keeping the path, the #fragment and
// history.state. No new history entry: Back leaves the app rather than undoing each write.

/** setQuery replaces location.search with search ("?a=1", or "" for none). */
export function setQuery(search) {
  const url = new URL(location.href);
  url.search = typeof search === 'string' ? search : '';
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}

/**
 * pushQuery makes search ("?page=x", or "" for none) the query string of a new history entry
 * (history.pushState), for st.SwitchPage and the navigation menu (SPEC A10): Back returns to the
 * URL before it. The path stays; the #fragment, which belonged to the page left, goes.
 */
export function pushQuery(search) {
  const url = new URL(location.href);
  url.search = typeof search === 'string' ? search : '';
  url.hash = '';
  if (url.href !== location.href) {
    history.pushState(null, '', url.href);
    scrollTo({ top: 0 }); // a new page starts at its top
  }
}
