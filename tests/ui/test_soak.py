"""Soak (issue 13): one process enters twenty incidents of about three hundred keys each through the wizard, keyboard
only, and stays alive with flat memory.

A Qt binding that loses a reference to ``None`` on every void call (PySide6-Essentials 6.12.0 on Python 3.11) aborts
such a process after about ninety keys with "Fatal Python error: none_dealloc"; a widget or a report left behind by
every wizard grows its memory. The typing runs in a child process (tests/ui/soak_session.py), so an abort is a
failure that says where the process died rather than the end of the test run. Each entry is first typed and erased,
as a deputy correcting themselves would, which also takes the relationship grid's cells through being emptied.

Memory is read after each incident (its wizard closed, a full garbage collection): the first five incidents (each
report once) warm the caches; from then on, the Python memory traced, the resident memory and the widgets alive must
not grow beyond small tolerances, and ``sys.getrefcount(None)`` must never fall (a binding that drops references to
None makes it fall until the process aborts).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
INCIDENTS = 20
WARM = 5  # incidents before memory is compared: each of the five reports once
TRACED_GROWTH = 512 * 1024  # bytes of Python memory over the fifteen incidents after the warm ones (~35 KiB each)
RSS_GROWTH = 8 * 1024  # KiB of resident memory over those fifteen


def slope(values: list[float]) -> float:
    """The least-squares growth per incident."""
    n = len(values)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    return sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values)) / sum((i - mean_x) ** 2 for i in range(n))


@pytest.mark.slow
def test_twenty_incidents_of_three_hundred_keys_in_one_process(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NIBRS_DESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("NIBRS_DESK_PASSPHRASE", None)
    run = subprocess.run([sys.executable, str(HERE / "soak_session.py"), str(tmp_path / "data"), str(INCIDENTS)],
                         capture_output=True, text=True, env=env, timeout=1200)
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    err = [line for line in run.stderr.splitlines() if line.strip() and not line.startswith("Extension modules")
           and "This plugin does not support" not in line]
    died = "\n".join([line for line in err if line.startswith("Fatal Python error")][:1] + err[-12:])
    assert run.returncode == 0, (f"the process died (exit {run.returncode}) after {len(rows)} of {INCIDENTS} "
                                 f"incidents, {sum(r['keys'] for r in rows)} keys:\n{died}")
    assert len(rows) == INCIDENTS
    for r in rows:
        assert (r["status"], r["errors"]) == ("ready", 0), r
    keys = [r["keys"] for r in rows]
    assert min(keys) >= 250 and sum(keys) >= 350 * INCIDENTS, keys

    # None's references never fall (where None is immortal, 3.12+, the count is a constant)
    none = [r["none_refs"] for r in rows]
    assert all(b >= a for a, b in zip(none, none[1:])), none

    warm = rows[WARM - 1:]
    widgets = [r["widgets"] for r in warm]
    assert max(widgets) == min(widgets), f"widgets left behind by the wizards: {widgets}"
    traced = [r["traced"] for r in warm]
    rss = [r["rss_kib"] for r in warm]
    grew = slope(traced) * (len(traced) - 1)
    assert grew <= TRACED_GROWTH, f"Python memory grows {grew / 1024:.0f} KiB over {len(traced) - 1} incidents: {traced}"
    grew_rss = slope(rss) * (len(rss) - 1)
    assert grew_rss <= RSS_GROWTH, f"resident memory grows {grew_rss:.0f} KiB over {len(rss) - 1} incidents: {rss}"
    print(f"\nsoak: {sum(keys)} keys in {INCIDENTS} incidents; Python memory {traced[0] / 1024:.0f} -> "
          f"{traced[-1] / 1024:.0f} KiB, resident {rss[0] / 1024:.1f} -> {rss[-1] / 1024:.1f} MiB after the first "
          f"{WARM}; widgets {widgets[0]}; None's references {none[0]} -> {none[-1]}")
