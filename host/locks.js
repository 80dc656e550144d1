// The Web Locks bridge (SPEC B16, C5): Go's cache.WebLocker calls wasmlitHost.locks.acquire so
// that one tab computes a cached value while the others wait. A lock is held from the moment
// `held` resolves until Go calls release(); if the tab closes first the browser releases it.

function named(name, message) {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** available reports whether this context has Web Locks (a secure context: https or localhost). */
export function available() {
  const l = globalThis.navigator && globalThis.navigator.locks;
  return !!(l && typeof l.request === 'function');
}

/**
 * acquire asks for the exclusive lock `name` and returns a handle at once:
 * `held` resolves when the lock is granted (and rejects with an AbortError after abort() or an
 * Error named NotSupportedError without Web Locks); release() gives the lock back; abort()
 * withdraws a request still waiting, or releases the lock if it was granted meanwhile. release and
 * abort may be called more than once.
 */
export function acquire(name) {
  const ctrl = new AbortController();
  let granted = false;
  let finish;
  const until = new Promise((resolve) => { finish = resolve; });
  const held = new Promise((resolve, reject) => {
    if (!available()) {
      reject(named('NotSupportedError', 'Web Locks (navigator.locks) are not available in this context'));
      return;
    }
    navigator.locks.request(String(name), { mode: 'exclusive', signal: ctrl.signal }, () => {
      granted = true;
      resolve();
      return until; // the lock is held until release()
    }).catch((err) => {
      reject(named(err && err.name ? err.name : 'Error', `lock ${name}: ${err && err.message ? err.message : err}`));
    });
  });
  held.catch(() => {}); // a rejection nobody awaits (after abort) is not an error
  return {
    held,
    release() { finish(); },
    abort() {
      if (granted) finish();
      else ctrl.abort();
    },
  };
}
