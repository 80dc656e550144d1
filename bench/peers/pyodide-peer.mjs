// The Pyodide peer page's script (bench/peers/pyodide.html; external, as the server's CSP wants):
// boots Pyodide's core and defines globalThis.picklePeer for playwright/bench/run.mjs.

import { loadPyodide } from './pyodide/pyodide.mjs';

const start = performance.now();
globalThis.pyodideReady = loadPyodide({ indexURL: new URL('./pyodide/', location.href).href }).then((py) => {
  const ready = performance.now();
  globalThis.pyodideBoot = { startMs: start, readyMs: ready, loadMs: ready - start };
  document.body.dataset.status = 'ready';
  return py;
}, (err) => {
  document.body.dataset.status = 'error';
  throw err;
});

// heapBytes is Pyodide's wasm linear memory: it never shrinks, so it is the peak so far.
const heapBytes = (py) => py._module.HEAPU8.buffer.byteLength;

// picklePeer is stlite's cache_data mechanism on the seed's table: rows × 4 float64 columns as
// array.array('d') (no numpy offline), pickle.dumps once in this fresh page, then reps further
// dumps and reps loads, timed in Python. Times in ms.
globalThis.picklePeer = async (rows, reps) => {
  const py = await globalThis.pyodideReady;
  py.runPython('import array, pickle, time\ncols = {}');
  for (const name of ['A', 'B', 'C', 'D']) {
    const f = new Float64Array(rows);
    for (let i = 0; i < rows; i++) f[i] = Math.random();
    py.globals.set('src', f);
    py.runPython(`a = array.array('d'); a.frombytes(src.to_bytes()); cols['${name}'] = a; del a, src`);
  }
  const before = heapBytes(py);
  py.globals.set('reps', reps);
  const r = py.runPython(`
def _ms(t0):
    return (time.perf_counter() - t0) * 1000
import gc
gc.collect()
t0 = time.perf_counter()
b = pickle.dumps(cols)
first = _ms(t0)
dumps = []
for _ in range(reps):
    t0 = time.perf_counter()
    pickle.dumps(cols)
    dumps.append(_ms(t0))
loads = []
for _ in range(reps):
    t0 = time.perf_counter()
    v = pickle.loads(b)
    loads.append(_ms(t0))
    del v
{'first': first, 'dumps': dumps, 'loads': loads, 'bytes': len(b)}
`).toJs({ dict_converter: Object.fromEntries });
  py.runPython('del b, cols');
  return { ...r, heapBeforeBytes: before, heapPeakBytes: heapBytes(py), pickleProtocol: py.runPython('pickle.DEFAULT_PROTOCOL'), python: py.runPython('import sys; sys.version.split()[0]') };
};
