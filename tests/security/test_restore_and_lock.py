"""Restore is an administrator's act, recorded, and never the last copy; one writer at a time per data folder.

* the command line restores only for an administrator when the database has accounts (a deputy, a supervisor
  and nobody are refused, and nothing changes);
* the restored database keeps the audit trail (every entry written since the backup, hash chain intact) and gets
  a restore entry naming who, when, which backup and the before-restore copy; `audit verify` then names the gap
  instead of saying "intact";
* six restores in a row never rotate away the before-restore copy that alone holds the newer reports;
* a second writer waits with a message, then exits 2 with a clear one; a restore never runs under an import.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from nibrs_samples import simple_incident
from testpaths import REPO

from desktop.cli import main
from desktop.store import audit, lock
from desktop.store.backup import list_backups, make_backup, restore
from desktop.store.service import SearchFilter, Store

PASSWORDS = {"admin": "admin-pass-1", "sarge": "sarge-pass-1", "dep": "deputy-pass-1"}


def accounts(data_dir: Path) -> Store:
    store = Store.open(data_dir)
    store.add_user("admin", PASSWORDS["admin"], "administrator")
    store.add_user("sarge", PASSWORDS["sarge"], "supervisor")
    store.add_user("dep", PASSWORDS["dep"], "deputy")
    return store


def as_user(monkeypatch, who: str | None) -> None:
    if who is None:
        monkeypatch.delenv("NIBRS_DESK_USER", raising=False)
        monkeypatch.delenv("NIBRS_DESK_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("NIBRS_DESK_USER", who)
        monkeypatch.setenv("NIBRS_DESK_PASSWORD", PASSWORDS[who])


def numbers(data_dir: Path) -> list[str]:
    con = sqlite3.connect(data_dir / "nibrs-desk.sqlite3")
    try:
        return sorted(r[0] for r in con.execute("select incident_number from incident"))
    finally:
        con.close()


def test_only_an_administrator_restores_and_the_trail_survives_with_a_restore_entry(data_dir, monkeypatch,
                                                                                     capsys):
    store = accounts(data_dir)
    store.login("admin", PASSWORDS["admin"])
    store.create(simple_incident("OLD-1"))
    old = make_backup(store.db, "manual")
    for n in range(3):
        store.create(simple_incident(f"NEW-{n}"))
    trail_before = [e["seq"] for e in store.audit_entries(limit=1000)]
    store.close()
    for who in (None, "dep", "sarge"):
        as_user(monkeypatch, who)
        assert main(["restore", str(old)]) == 2
        err = capsys.readouterr().err
        assert ("sign in with --user" in err) if who is None else ("not allowed" in err and "restore" in err)
        assert numbers(data_dir) == ["NEW-0", "NEW-1", "NEW-2", "OLD-1"]  # nothing changed
    as_user(monkeypatch, "admin")
    assert main(["restore", str(old)]) == 0
    said = capsys.readouterr().out
    assert "kept in" in said and "restore by admin" in said
    assert numbers(data_dir) == ["OLD-1"]
    [safety] = [b for b in list_backups(data_dir) if b.reason == "before-restore"]

    again = Store.open(data_dir)
    again.login("admin", PASSWORDS["admin"])
    entries = again.audit_entries(limit=1000)
    seqs = [e["seq"] for e in entries]
    assert set(trail_before) <= set(seqs)  # every entry written since the backup is still in the trail
    [entry] = [e for e in entries if e["action"] == audit.RESTORE]
    d = entry["detail"]
    assert entry["user"] == "admin" and d["backup"] == old.name and d["before_restore"] == safety.path.name
    assert d["gap"]["from"] <= d["gap"]["to"] and d["trail_at_backup"] < d["trail_at_restore"]
    problems = again.verify_audit()
    assert [p.kind for p in problems] == [audit.GAP]
    assert safety.path.name in str(problems[0]) and "not in this database" in str(problems[0])
    again.close()
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "GAP:" in out and "NOT intact" in out and "trail intact" not in out and "TAMPERED" not in out


def test_the_before_restore_copy_survives_six_restores_in_a_row(data_dir):
    store = Store.open(data_dir)
    store.create(simple_incident("OLD-1"))
    old = make_backup(store.db, "manual")
    store.create(simple_incident("ONLY-HERE"))
    store.close()
    for _ in range(6):
        restore(data_dir, old)
    holders = []
    for b in list_backups(data_dir):
        con = sqlite3.connect(b.path)
        if con.execute("select count(*) from incident where incident_number = 'ONLY-HERE'").fetchone()[0]:
            holders.append(b)
        con.close()
    assert [b.reason for b in holders] == ["before-restore"]  # the copy holding the newer report stays
    # the other before-restore copies of the same day held nothing new: rotated by age
    assert len([b for b in list_backups(data_dir) if b.reason == "before-restore"]) == 2


def test_a_restore_of_an_up_to_date_backup_leaves_no_gap(data_dir):
    store = Store.open(data_dir)
    store.create(simple_incident("A-1"))
    now = make_backup(store.db, "manual")
    store.close()
    restore(data_dir, now, by="system")
    again = Store.open(data_dir)
    try:
        assert again.verify_audit() == []
        [entry] = [e for e in again.audit_entries(limit=100) if e["action"] == audit.RESTORE]
        assert entry["detail"]["gap"] is None
    finally:
        again.close()


# ---------------------------------------------------------------------------- one writer at a time
def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **env}, timeout=120)


@pytest.mark.parametrize("command", ["import", "restore", "transfer-export", "export"])
def test_a_second_writer_waits_with_a_message_then_exits_2_clearly(data_dir, tmp_path, command):
    from desktop.store.service import AgencySettings

    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Lock County"))
    store.create(simple_incident("B-1"), status="approved")
    backup = make_backup(store.db, "manual")
    store.close()
    flat = tmp_path / "month.txt"
    from desktop.nibrs import flatfile
    from desktop.nibrs import model as m

    flat.write_text(flatfile.dumps([m.Submission(report=simple_incident("B-2"), action="I", year=2025, month=3)]))
    args = {"import": ["import", str(flat)], "restore": ["restore", str(backup)],
            "transfer-export": ["transfer", "export", "--out", str(tmp_path / "t.ndt")],
            "export": ["export", "--month", "2025-03", "--out", str(tmp_path / "out")]}[command]
    env = {"NIBRS_DESK_DATA_DIR": str(data_dir), "NIBRS_DESK_LOCK_WAIT": "1.5",
           "NIBRS_DESK_TRANSFER_PASSPHRASE": "transfer-pass"}
    before = numbers(data_dir)
    with lock.data_lock(data_dir, "import", user="jdoe"):  # an import is running
        started = time.monotonic()
        proc = _cli(*args, env=env)
        waited = time.monotonic() - started
    assert proc.returncode == 2, proc.stderr
    assert "another import is running (by jdoe" in proc.stderr and "waiting up to 2 s" in proc.stderr
    assert "busy" in proc.stderr and "nothing was done" in proc.stderr and "Traceback" not in proc.stderr
    assert waited >= 1.4
    assert numbers(data_dir) == before and not (tmp_path / "t.ndt").exists()


def test_the_writer_goes_on_once_the_lock_is_free(data_dir, tmp_path):
    store = Store.open(data_dir)
    store.create(simple_incident("C-1"))
    store.close()
    held = threading.Event()
    release = threading.Event()

    def hold():
        with lock.data_lock(data_dir, "restore", user="admin"):
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(5)
    env = {"NIBRS_DESK_DATA_DIR": str(data_dir), "NIBRS_DESK_LOCK_WAIT": "30",
           "NIBRS_DESK_TRANSFER_PASSPHRASE": "transfer-pass"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "transfer", "export", "--out", str(tmp_path / "t.ndt")],
                            cwd=REPO, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(2.0)
    release.set()
    t.join()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "another restore is running (by admin" in err and "wrote 1 record" in out


def test_a_restore_never_runs_under_a_running_import(data_dir, tmp_path):
    """The import holds the lock for its whole transaction: a restore started meanwhile waits for it (or gives
    up), so the import's reports are never replaced under it."""
    store = Store.open(data_dir)
    store.create(simple_incident("D-0"))
    old = make_backup(store.db, "manual")
    from desktop.nibrs import flatfile
    from desktop.nibrs import model as m
    from desktop.submission import importing

    flat = tmp_path / "month.txt"
    flat.write_text(flatfile.dumps([m.Submission(report=simple_incident(f"D-{n}"), action="I", year=2025, month=3)
                                    for n in range(1, 4)]))
    inside = threading.Event()
    real = importing._import_files

    def slow(*a, **kw):
        inside.set()
        time.sleep(1.0)
        return real(*a, **kw)

    importing._import_files = slow
    outcome = {}
    try:
        t = threading.Thread(target=lambda: outcome.setdefault("import", importing.import_files(store, [str(flat)])))
        t.start()
        inside.wait(5)
        with pytest.raises(lock.Busy, match="another import is running"):
            restore(data_dir, old, wait=0.2)
        t.join()
    finally:
        importing._import_files = real
    assert store.count(SearchFilter()) == 4
    store.close()
    restore(data_dir, old)  # once the import is done, the restore goes ahead (recorded)
    assert numbers(data_dir) == ["D-0"]
