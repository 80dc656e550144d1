"""Streamlit's cache_data mechanism, natively: pickle.dumps and pickle.loads of a pandas DataFrame
of rows x 4 float64 columns (the seed's large-data table), timed with time.perf_counter.

Usage: /usr/bin/python3 bench/peers/pickle_pandas.py [--reps N] ROWS...
Prints one JSON object: versions, and per row count the first dumps, then medians (with min and
max) of further dumps and of loads, in milliseconds (at most 2 repetitions past 10M rows). Run by playwright/bench/run.mjs.
"""

import gc
import json
import pickle
import platform
import sys
import time

import numpy as np
import pandas as pd


def stats(xs):
    s = sorted(xs)
    n = len(s)
    median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
    return {"median": round(median, 3), "min": round(s[0], 3), "max": round(s[-1], 3), "n": n}


def ms(t0):
    return (time.perf_counter() - t0) * 1000


def measure(rows, reps):
    rng = np.random.default_rng(rows)
    df = pd.DataFrame(rng.random((rows, 4)), columns=list("ABCD"))
    gc.collect()
    t0 = time.perf_counter()
    b = pickle.dumps(df)  # what st.cache_data does on a miss (default protocol)
    first = ms(t0)
    dumps = []
    for _ in range(reps):
        t0 = time.perf_counter()
        pickle.dumps(df)
        dumps.append(ms(t0))
    loads = []
    for _ in range(reps):
        t0 = time.perf_counter()
        v = pickle.loads(b)  # what a hit does: a fresh copy
        loads.append(ms(t0))
        del v
    return {"rows": rows, "bytes": len(b), "valueBytes": rows * 32, "firstDumpsMs": round(first, 3),
            "dumpsMs": stats(dumps), "loadsMs": stats(loads)}


def main(argv):
    reps = 5
    if argv[:1] == ["--reps"]:
        reps, argv = int(argv[1]), argv[2:]
    out = {"python": platform.python_version(), "pandas": pd.__version__, "numpy": np.__version__,
           "protocol": pickle.DEFAULT_PROTOCOL, "reps": reps, "rows": []}
    for rows in map(int, argv):
        # Each repetition copies the whole table: fewer past 10M rows, to fit the bench's time.
        out["rows"].append(measure(rows, reps if rows <= 10_000_000 else min(reps, 2)))
        gc.collect()
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
