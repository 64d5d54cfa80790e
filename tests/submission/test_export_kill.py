"""A kill at a random moment during an export leaves no partial file under the final name and no record marked
submitted unless the export was recorded whole (child process + SIGKILL, several random moments)."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from generate import fill_month

from desktop.store.service import AgencySettings, Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.months import Month

INCIDENTS = 300
KILLS = 6


def _complete(path: Path, fmt: str, segments: int) -> bool:
    """The file is whole: every segment of every report (flat), every document and the manifest (zip)."""
    if fmt == "flat":
        data = path.read_bytes()
        lines = data.decode("ascii").split("\r\n")
        return data.endswith(b"\r\n") and len(lines) - 1 == segments
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            return False
        names = z.namelist()
        return sum(n.endswith(".xml") for n in names) == INCIDENTS and any(n.endswith("manifest.csv") for n in names)


def _state(folder: Path) -> tuple[int, int, list[tuple[str, str]]]:
    con = sqlite3.connect(folder / "nibrs-desk.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        exports = con.execute("select count(*) from export_batch").fetchone()[0]
        submitted = con.execute("select count(*) from incident where status = 'submitted'").fetchone()[0]
        files = con.execute("select path, sha256 from export_file").fetchall()
    finally:
        con.close()
    return exports, submitted, files


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("fmt", ["flat", "xml"])
def test_a_kill_during_an_export_leaves_all_or_nothing(tmp_path, fmt):
    from kill_targets import export_month
    from killing import run_and_kill

    pristine = tmp_path / "pristine"
    store = Store.open(pristine)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Kill County"))
    fill_month(store, INCIDENTS)
    store.close()
    # one export left alone: how long it takes, and how many segments a whole file has
    whole = tmp_path / "whole"
    shutil.copytree(pristine, whole)
    store = Store.open(whole)
    plan = plan_export(store, Month(2025, 3), fmt=fmt, today=date(2025, 4, 2))
    started = time.perf_counter()
    run_export(store, plan, whole / "out")
    duration = time.perf_counter() - started
    store.close()
    (final,) = [p for p in (whole / "out").iterdir()]
    segments = final.read_bytes().count(b"\r\n") if fmt == "flat" else 0
    assert _state(whole)[:2] == (1, INCIDENTS) and _complete(final, fmt, segments)

    rng = random.Random(20251126 + (fmt == "xml"))
    # kill moments: from the start of writing to the end of recording (the plan, read-only, comes before)
    outcomes = []
    for i in range(KILLS):
        work = tmp_path / f"kill-{i}"
        shutil.copytree(pristine, work)
        out = work / "out"
        finished = run_and_kill(export_month, (str(work), str(out), fmt), rng.uniform(0.0, duration))
        exports, submitted, files = _state(work)
        finals = [p for p in out.iterdir() if not p.name.startswith(".")] if out.exists() else []
        writing = out.exists() and any(p.name.startswith(".") for p in out.iterdir())
        if exports == 0:
            assert submitted == 0, f"kill {i}: records marked submitted without a recorded export"
            # killed after the rename and before the commit: the file is whole (no export recorded it)
            assert all(_complete(p, fmt, segments) for p in finals), f"kill {i}: partial file {finals}"
            outcomes.append("while writing" if writing else "nothing")
        else:
            assert (exports, submitted) == (1, INCIDENTS), f"kill {i}: half an export"
            (path, digest), = files
            assert [p.name for p in finals] == [path]
            assert hashlib.sha256((out / path).read_bytes()).hexdigest() == digest
            outcomes.append("finished" if finished else "recorded")
        # the database is usable and says the same: the month is still to send, or was sent
        store = Store.open(work)
        plan = plan_export(store, Month(2025, 3), today=date(2025, 4, 2))
        assert plan.nothing_new == (exports == 1)
        store.close()
    assert "while writing" in outcomes, f"no kill landed while the file was written: {outcomes}"
