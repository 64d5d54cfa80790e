"""Start to main window shown, against a bare PySide6 window measured in the same run (target <= 2.5x)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ui"))
RUNS = 7


def times(*args: str) -> list[float]:
    """Seconds from starting the process to each line it prints ("shown", then "rows" for the app)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(HERE / "startup_child.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    out = []
    for line in proc.stdout:
        out.append(time.perf_counter() - start)
    proc.wait(timeout=60)
    assert out, "the child printed nothing"
    return out


def test_start_to_main_window_against_bare_pyside6(store):
    from bulk_data import make_incidents

    make_incidents(store, 5000)
    data = str(store.db.data_dir)
    store.close()
    times("bare")  # warm the file cache for both
    times("app", data)
    bare, shown, rows = [], [], []
    for _ in range(RUNS):  # interleaved, so a busy moment hits both
        bare.append(times("bare")[0])
        s, r = times("app", data)
        shown.append(s)
        rows.append(r)
    b, a, r = statistics.median(bare), statistics.median(shown), statistics.median(rows)
    ratio = a / b
    print(f"\n[bench] start-up, median of {RUNS} runs (5,000 incidents in the database):")
    print(f"[bench]   bare PySide6 window shown:          {b * 1000:6.0f} ms")
    print(f"[bench]   NIBRS Desk main window shown:       {a * 1000:6.0f} ms  "
          f"ratio {ratio:.2f}x (target <= 2.5x: {'met' if ratio <= 2.5 else 'MISSED'})")
    print(f"[bench]   ... with the first reports listed:  {r * 1000:6.0f} ms  ratio {r / b:.2f}x")
