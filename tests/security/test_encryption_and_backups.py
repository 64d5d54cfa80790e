"""Encryption at rest (SQLCipher) and backups: no plaintext on disk, safe conversion, safe restore."""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from nibrs_samples import simple_incident
from desktop.nibrs.profiles import get_profile
from desktop.store import crypto, users
from desktop.store.backup import check_backup, daily_backup_if_due, list_backups, make_backup, restore
from desktop.store.db import PassphraseRequired, WrongPassphrase, open_database
from desktop.store.service import Store
from kill_targets import backup_forever, encrypt, restore_forever
from killing import run_and_kill

HERE = Path(__file__).resolve().parent
SECRET_NUMBER = "SECRET-7731"
SECRET_AGE = "4357"  # a range, 43 to 57: four characters no page of ciphertext holds by chance
STATUS_JSON = b'"mo_immigration_status":"L"'


def secret_incident(number: str = SECRET_NUMBER):
    inc = simple_incident(number)
    inc.victims[0].age = SECRET_AGE
    inc.offenders[0].extras["mo_immigration_status"] = "L"
    inc.extras["mo_latitude"] = Decimal("38.627003")
    return inc


def mo_store(data_dir, passphrase=None) -> Store:
    mo = get_profile("missouri")
    return Store(open_database(data_dir, passphrase=passphrase), dictionary=mo.dictionary, profile=mo.id,
                 profile_version=mo.version)


# a key, hash or MAC written as 64 hex digits (audit.key, the anchor file): random by design, so it holds any four
# digits now and then (1 run in ~1,000 found the age in audit.key); no plaintext value is written in that form
DIGEST = re.compile(rb"[0-9a-f]{64}")


def files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = DIGEST.sub(b"-", path.read_bytes())
            for n in needles:
                if n in data:
                    found.append(f"{path.name}: {n!r}")
    return found


NEEDLES = [SECRET_NUMBER.encode(), SECRET_AGE.encode(), STATUS_JSON]


def test_plain_database_holds_the_values_so_the_check_can_fail(data_dir):
    store = mo_store(data_dir)
    store.create(secret_incident())
    assert files_holding(data_dir, NEEDLES)  # proves the search below would find them
    store.close()


def test_encrypted_database_wal_and_backups_hold_no_plaintext(data_dir, monkeypatch):
    monkeypatch.delenv("NIBRS_DESK_PASSPHRASE", raising=False)
    store = mo_store(data_dir, "correct horse battery staple")
    record = store.create(secret_incident())
    make_backup(store.db, "manual")
    (data_dir / "nibrs-desk.sqlite3-wal").stat()  # the WAL exists while the store is open
    assert files_holding(data_dir, NEEDLES) == []
    store.close()
    assert files_holding(data_dir, NEEDLES) == []
    assert crypto.is_encrypted(data_dir / "nibrs-desk.sqlite3")
    assert all(b.encrypted for b in list_backups(data_dir))
    with pytest.raises(PassphraseRequired, match="encrypted"):
        open_database(data_dir)
    with pytest.raises(WrongPassphrase, match="does not open"):
        open_database(data_dir, passphrase="Correct horse battery staple")
    again = mo_store(data_dir, "correct horse battery staple")
    assert again.get("incident", record.id).report == secret_incident()
    again.close()


def test_passphrase_from_the_environment(data_dir, monkeypatch):
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", "from the environment")
    Store(open_database(data_dir)).create(simple_incident())
    assert crypto.is_encrypted(data_dir / "nibrs-desk.sqlite3")
    monkeypatch.delenv("NIBRS_DESK_PASSPHRASE")
    with pytest.raises(PassphraseRequired):
        open_database(data_dir)


def test_a_plain_database_and_its_backups_are_converted_in_place(data_dir, monkeypatch):
    monkeypatch.delenv("NIBRS_DESK_PASSPHRASE", raising=False)
    store = mo_store(data_dir)
    record = store.create(secret_incident())
    make_backup(store.db, "manual")
    store.close()
    assert files_holding(data_dir, NEEDLES)
    store = mo_store(data_dir, "s3cret")
    assert store.get("incident", record.id).report == secret_incident()
    store.close()
    assert files_holding(data_dir, NEEDLES) == []
    assert not list(data_dir.glob("*.encrypting"))


def test_wrong_passphrase_changes_nothing(data_dir):
    store = Store(open_database(data_dir, passphrase="right"))
    store.create(simple_incident())
    store.close()
    before = (data_dir / "nibrs-desk.sqlite3").read_bytes()
    with pytest.raises(WrongPassphrase):
        open_database(data_dir, passphrase="wrong")
    assert (data_dir / "nibrs-desk.sqlite3").read_bytes() == before


def test_backups_rotate_and_daily_backup_is_once_a_day(store):
    from datetime import datetime, timedelta

    from desktop.store.backup import KEEP

    folder = store.db.data_dir
    made = make_backup(store.db, "manual")
    # copies of the same database over the last 14 days, three a day (names carry the time they were taken)
    for days in range(1, 15):
        for hour in (8, 12, 17):
            stamp = (datetime.now() - timedelta(days=days)).replace(hour=hour).strftime("%Y%m%d-%H%M%S-%f")
            shutil.copyfile(made, made.with_name(f"nibrs-desk-manual-{stamp}.sqlite3"))
    for _ in range(3):
        make_backup(store.db, "manual")
    manual = [b for b in list_backups(folder) if b.reason == "manual"]
    # by age: the newest copy of each of the last KEEP days (today's included), nothing older
    assert len(manual) == KEEP["manual"]
    assert len({b.taken.date() for b in manual}) == KEEP["manual"]
    assert all(b.taken.hour == 17 for b in manual[1:])
    first = daily_backup_if_due(store.db)
    assert first is not None
    assert daily_backup_if_due(store.db) is None
    assert daily_backup_if_due(store.db, now=datetime.now() + timedelta(hours=25)) is not None


def test_restore_backs_up_the_current_state_first(store):
    data_dir = store.db.data_dir
    a = store.create(simple_incident("KEEP-1"))
    snapshot = make_backup(store.db, "manual")
    store.create(simple_incident("LATER-2"))
    store.close()
    safety = restore(data_dir, snapshot)
    restored = Store.open(data_dir)
    assert [r.number for r in restored.search()] == ["KEEP-1"]
    assert restored.get("incident", a.id).report.incident_number == "KEEP-1"
    restored.close()
    con = sqlite3.connect(safety)
    assert {r[0] for r in con.execute("select incident_number from incident")} == {"KEEP-1", "LATER-2"}


def test_restore_refuses_a_broken_backup(store, tmp_path):
    from desktop.store.backup import BackupError

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(BackupError):
        restore(store.db.data_dir, bad)
    with pytest.raises(BackupError, match="no such backup"):
        check_backup(tmp_path / "missing.sqlite3", None)


# ---------------------------------------------------------------------- kills
def _big_plain_folder(folder: Path, n: int = 1500) -> None:
    store = Store.open(folder)
    with store.unit(users.CREATE) as u:  # one transaction: fast
        from desktop.store.mapping import to_row

        for i in range(n):
            row = to_row(simple_incident(f"K-{i:05d}"), store.dictionary, "incident")
            u.stamp(row, [], created=True)
            row.status, row.revision = "draft", 1
            u.session.add(row)
    store.close()


def _count(folder: Path, passphrase: str | None) -> int:
    db = folder / "nibrs-desk.sqlite3"
    con = crypto.connect(db, passphrase) if crypto.is_encrypted(db) else sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("select count(*) from incident").fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_kill_during_encryption_conversion_loses_nothing(tmp_path):
    template = tmp_path / "template"
    template.mkdir()
    _big_plain_folder(template, 600)
    rng = random.Random(7)
    for i in range(10):
        folder = tmp_path / f"run{i}"
        shutil.copytree(template, folder)
        run_and_kill(encrypt, (str(folder), "pw"), rng.uniform(0.0, 0.3))
        assert _count(folder, "pw") == 600, f"run {i}"
        # whatever state it was left in, opening with the passphrase finishes the job
        db = open_database(folder, passphrase="pw")
        db.close()
        assert crypto.is_encrypted(folder / "nibrs-desk.sqlite3")
        assert _count(folder, "pw") == 600


@pytest.mark.slow
def test_kill_during_backup_and_restore_loses_nothing(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    _big_plain_folder(folder, 800)
    rng = random.Random(11)
    for i in range(8):
        run_and_kill(backup_forever, (str(folder),), rng.uniform(0.0, 0.3))
        assert _count(folder, None) == 800
        for b in list_backups(folder):
            check_backup(b.path, None)  # every backup under a real name is whole
    db = open_database(folder)
    keep = tmp_path / "snapshot.sqlite3"
    shutil.copyfile(make_backup(db, "manual"), keep)
    db.close()
    for i in range(8):
        run_and_kill(restore_forever, (str(folder), str(keep)), rng.uniform(0.0, 0.3))
        assert _count(folder, None) == 800, f"restore kill {i}"
        for b in list_backups(folder):
            check_backup(b.path, None)
