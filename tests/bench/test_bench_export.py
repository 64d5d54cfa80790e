"""Benchmark (make bench): exporting a month of 2,000 generated incidents to each format, schema check included.

Each export runs in a fresh process on a copy of the same database, so its time (planning with the FBI edits,
writing, recording) and its peak memory (the whole process) are its own. Target: under 5 s and under 300 MB.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "submission"))

INCIDENTS = 2000

CHILD = r"""
import json, resource, sys, time
from datetime import date
from desktop.store.service import Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.months import Month
folder, out, fmt = sys.argv[1:4]
store = Store.open(folder)
start = time.perf_counter()
plan = plan_export(store, Month(2025, 3), fmt=fmt, today=date(2025, 4, 2))
planned = time.perf_counter()
result = run_export(store, plan, out)
done = time.perf_counter()
try:  # VmHWM: this process's own peak (ru_maxrss may carry the forking parent's)
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"reports": len(plan.entries), "plan": planned - start, "write": done - planned,
                  "total": done - start, "peak_mb": peak, "files": len(result.files),
                  "bytes": sum(f.size for f in result.files)}))
"""


def test_export_a_month_of_2000_incidents(tmp_path):
    from generate import fill_month

    from desktop.store.service import AgencySettings, Store

    source = tmp_path / "db"
    started = time.perf_counter()
    store = Store.open(source)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Bench County"))
    fill_month(store, INCIDENTS)
    store.close()
    print(f"\nsetup: {INCIDENTS} approved incidents in {time.perf_counter() - started:.1f} s")
    for fmt in ("flat", "xml"):
        work = tmp_path / fmt
        shutil.copytree(source, work)
        run = subprocess.run([sys.executable, "-c", CHILD, str(work), str(work / "out"), fmt], capture_output=True,
                             text=True, check=True, cwd=HERE.parents[1])
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"export {fmt:>4}: {figures['reports']} reports; checked with the FBI edits in {figures['plan']:.2f} s, "
              f"written and recorded in {figures['write']:.2f} s, total {figures['total']:.2f} s "
              f"(target < 5 s); peak memory {figures['peak_mb']:.0f} MB (target < 300 MB); "
              f"{figures['bytes'] / 1e6:.1f} MB in {figures['files']} file(s)")
        assert figures["reports"] == INCIDENTS
