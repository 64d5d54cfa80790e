"""An export is recorded or not written: a kill at every named step of an export (the file written under its
temporary name, the export recorded as pending, the file renamed into place, the export made final) leaves a
state the next start reconciles: a file under its final name is always recorded as sent, and a record is
never left without its file. Deterministic: the child kills itself at the step (no random moments)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from generate import fill_month

from desktop.store.service import AgencySettings, Store
from desktop.submission.export import plan_export
from desktop.submission.months import Month
from desktop.submission.startup import startup_checks

INCIDENTS = 40
STEPS = ("written", "pending", "renamed", "final")


def _complete(path: Path, fmt: str) -> bool:
    if fmt == "flat":
        data = path.read_bytes()
        return data.endswith(b"\r\n") and data.count(b"\r\n") >= INCIDENTS
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        return z.testzip() is None and sum(n.endswith(".xml") for n in names) == INCIDENTS


def _state(folder: Path) -> tuple[dict[str, int], int, list[tuple[str, str]]]:
    con = sqlite3.connect(folder / "nibrs-desk.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        exports = dict(con.execute("select state, count(*) from export_batch group by state").fetchall())
        submitted = con.execute("select count(*) from incident where status = 'submitted'").fetchone()[0]
        files = con.execute("select path, sha256 from export_file").fetchall()
    finally:
        con.close()
    return exports, submitted, files


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export-kill") / "pristine"
    store = Store.open(folder)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Kill County"))
    fill_month(store, INCIDENTS)
    store.close()
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("fmt", ["flat", "xml"])
@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_each_step_of_an_export_is_reconciled_at_the_next_start(tmp_path, pristine, fmt, step):
    from kill_targets import export_until
    from killing import run_until_it_dies

    work = tmp_path / "data"
    shutil.copytree(pristine, work)
    out = work / "out"
    assert run_until_it_dies(export_until, (str(work), str(out), fmt, step)) == -9
    exports, submitted, files = _state(work)
    finals = [p for p in out.iterdir() if not p.name.startswith(".")] if out.exists() else []
    temps = [p for p in out.iterdir() if p.name.startswith(".")] if out.exists() else []
    if step == "written":  # nothing recorded, nothing under a final name
        assert (exports, submitted, finals) == ({}, 0, []) and temps
    elif step == "pending":  # recorded as pending, the file still under its temporary name
        assert (exports, submitted, finals) == ({"pending": 1}, 0, []) and temps
    elif step == "renamed":  # the file is in place, its export still pending: exactly the case that lost exports
        assert (exports, submitted) == ({"pending": 1}, 0) and len(finals) == 1 and _complete(finals[0], fmt)
    else:
        assert (exports, submitted) == ({"final": 1}, INCIDENTS) and len(finals) == 1

    store = Store.open(work)  # the next start
    try:
        done = startup_checks(store)
        exports, submitted, files = _state(work)
        finals = [p for p in out.iterdir() if not p.name.startswith(".")] if out.exists() else []
        leftovers = [p for p in out.iterdir() if p.name.startswith(".")] if out.exists() else []
        plan = plan_export(store, Month(2025, 3), today=date(2025, 4, 2))
        if step in ("written", "pending"):
            assert exports == {} and submitted == 0 and finals == []
            assert plan.entries and not plan.nothing_new  # the month is still to send
            if step == "pending":
                assert leftovers == [] and any("nothing was exported" in line for line in done)
        else:
            assert exports == {"final": 1} and submitted == INCIDENTS
            (path, digest), = files
            assert [p.name for p in finals] == [path]
            assert hashlib.sha256((out / path).read_bytes()).hexdigest() == digest
            assert plan.nothing_new  # the next export does not send the same reports again
            if step == "renamed":
                assert any("now recorded as sent" in line for line in done)
        assert startup_checks(store) == []  # reconciled once and for all
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_backup_killed_before_its_rename_leaves_a_part_that_the_next_start_removes(tmp_path):
    from kill_targets import backup_until_renamed
    from killing import run_until_it_dies

    folder = tmp_path / "data"
    Store.open(folder).close()
    assert run_until_it_dies(backup_until_renamed, (str(folder),)) == -9
    parts = list((folder / "backups").glob("*.part"))
    assert len(parts) == 1
    store = Store.open(folder)
    try:
        done = startup_checks(store)
    finally:
        store.close()
    assert not list((folder / "backups").glob("*.part"))
    assert any(parts[0].name in line for line in done)
