// The fetch bridge (SPEC C2): Go's fetch package calls wasmlitHost.fetchStart and reads the
// body chunk by chunk through the returned handle. Failures reject with an Error whose name
// says what kind it is: RequestError (the request could not be built), NetworkError (no
// response: offline, refused, or a CORS block, which the browser does not tell apart) and
// AbortError.

function named(name, message) {
  const e = new Error(message);
  e.name = name;
  return e;
}

/**
 * fetchStart starts a request and resolves with a handle once the headers are in. The
 * returned promise also has abort(), to cancel before the handle exists.
 * @param {string} url
 * @param {string} initJSON {"method", "headers": {name: value}}
 * @param {Uint8Array|null} [body] the request body
 */
export function fetchStart(url, initJSON, body) {
  const ctrl = new AbortController();
  const aborted = () => named('AbortError', `the fetch of ${url} was cancelled`);
  const p = (async () => {
    let req;
    try {
      const init = initJSON ? JSON.parse(initJSON) : {};
      req = new Request(url, {
        method: init.method || 'GET',
        headers: init.headers || {},
        body: body ?? undefined,
        signal: ctrl.signal,
      });
    } catch (err) {
      throw named('RequestError', err && err.message ? err.message : String(err));
    }
    let res;
    try {
      res = await fetch(req);
    } catch (err) {
      if (ctrl.signal.aborted) throw aborted();
      const cross = new URL(req.url).origin !== location.origin;
      throw named('NetworkError', `network error${cross ? ' or CORS block' : ''} fetching ${req.url}` +
        (cross ? ` (the browser does not say which; a URL on another origin must send Access-Control-Allow-Origin for ${location.origin})` : '') +
        `: check that you are online and that the URL is right`);
    }
    const headers = {};
    res.headers.forEach((v, k) => { headers[k] = v; });
    const enc = res.headers.get('content-encoding');
    const len = res.headers.get('content-length');
    // Content-Length counts the compressed bytes; the stream yields decoded ones.
    const total = len !== null && (!enc || enc === 'identity') ? Number(len) : -1;
    const reader = res.body ? res.body.getReader() : null;
    return {
      status: res.status,
      statusText: res.statusText,
      url: res.url || req.url,
      headersJSON: JSON.stringify(headers),
      total: Number.isFinite(total) ? total : -1,
      async read() {
        if (!reader) return null;
        try {
          const { done, value } = await reader.read();
          return done ? null : value;
        } catch (err) {
          if (ctrl.signal.aborted) throw aborted();
          throw named('NetworkError', err && err.message ? err.message : String(err));
        }
      },
      abort() {
        ctrl.abort();
      },
    };
  })();
  p.abort = () => ctrl.abort();
  return p;
}
