"""Restore checks before it replaces (issue 19): a file that is not a whole NIBRS Desk database of a revision this
version can bring up to date, with a verifying audit trail, opened with the passphrase, is refused with the reason,
and the current database is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from nibrs_samples import simple_incident
from testpaths import REPO
from desktop.store.backup import BackupError, make_backup, restore
from desktop.store.db import WrongPassphrase
from desktop.store.service import AgencySettings, Store

PASSPHRASE = "fake-backup-test-1"


@pytest.fixture
def office(data_dir):
    st = Store.open(data_dir, passphrase=PASSPHRASE)
    st.save_agency(AgencySettings(ori="WVNDX0100", name="Test County SO"))
    st.create(simple_incident("FB-1"))
    backup = make_backup(st.db, "manual")
    st.create(simple_incident("FB-2"))
    st.close()
    return data_dir, backup


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain_copy(backup, target):
    """The encrypted backup as a plain SQLite file, to craft a fake from."""
    from desktop.store import crypto

    con = crypto.connect(backup, PASSPHRASE)
    try:
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        con.execute("SELECT sqlcipher_export('plain')")
        con.execute("DETACH DATABASE plain")
    finally:
        con.close()
    return target


def _fake(tmp_path, backup, name, sql: list[str]):
    path = _plain_copy(backup, tmp_path / f"{name}.sqlite3")
    con = sqlite3.connect(path)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    return path


def _only_incident_and_version(tmp_path, _backup):
    path = tmp_path / "two-tables.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE incident (id INTEGER PRIMARY KEY, ori TEXT)")
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("INSERT INTO alembic_version VALUES ('0005')")
    con.commit()
    con.close()
    return path


FAKES = {
    "only two tables": (_only_incident_and_version, "lacks its tables"),
    "a newer revision": (lambda tmp, b: _fake(tmp, b, "newer", ["UPDATE alembic_version SET version_num = '9999'"]),
                         "does not know"),
    "no revision": (lambda tmp, b: _fake(tmp, b, "norev", ["DELETE FROM alembic_version"]), "schema revision is empty"),
    "a table dropped": (lambda tmp, b: _fake(tmp, b, "dropped", ["DROP TABLE transfer_conflict"]), "transfer_conflict"),
    "a rewritten trail": (lambda tmp, b: _fake(tmp, b, "trail", [
        "DROP TRIGGER IF EXISTS audit_log_no_update", "UPDATE audit_log SET username = 'mallory' WHERE seq = 1"]),
        "audit trail does not verify"),
    "not a database": (lambda tmp, b: (tmp / "junk.sqlite3").write_bytes(os.urandom(8192)) and tmp / "junk.sqlite3",
                       "passphrase does not open .*junk.sqlite3 \\(another passphrase, or not a NIBRS Desk database"),
}


@pytest.mark.parametrize("what", list(FAKES))
def test_a_fake_backup_is_refused_and_the_database_untouched(office, tmp_path, what):
    data_dir, backup = office
    make, words = FAKES[what]
    fake = make(tmp_path, backup)
    db = data_dir / "nibrs-desk.sqlite3"
    before = _digest(db)
    with pytest.raises((BackupError, WrongPassphrase), match=words):
        restore(data_dir, fake, PASSPHRASE, by="admin")
    assert _digest(db) == before
    assert not [p for p in (data_dir / "backups").iterdir() if "before-restore" in p.name]  # refused before copying
    st = Store.open(data_dir, passphrase=PASSPHRASE)
    try:
        assert st.count() == 2 and st.verify_audit() == []
    finally:
        st.close()


def test_a_backup_the_passphrase_does_not_open_is_refused(office, tmp_path):
    data_dir, backup = office
    other = Store.open(tmp_path / "other", passphrase="another-passphrase")
    other.close()
    foreign = make_backup(Store.open(tmp_path / "other", passphrase="another-passphrase").db, "manual")
    before = _digest(data_dir / "nibrs-desk.sqlite3")
    with pytest.raises(WrongPassphrase):
        restore(data_dir, foreign, PASSPHRASE, by="admin")
    assert _digest(data_dir / "nibrs-desk.sqlite3") == before


def test_the_real_backup_restores(office):
    data_dir, backup = office
    restore(data_dir, backup, PASSPHRASE, by="admin")
    st = Store.open(data_dir, passphrase=PASSPHRASE)
    try:
        assert st.count() == 1
    finally:
        st.close()


def test_the_command_line_says_why_and_exits_2(office, tmp_path):
    data_dir, backup = office
    fake = _only_incident_and_version(tmp_path, backup)
    env = {**os.environ, "NIBRS_DESK_DATA_DIR": str(data_dir), "NIBRS_DESK_PASSPHRASE": PASSPHRASE}
    out = subprocess.run([sys.executable, "-m", "desktop", "restore", str(fake)], capture_output=True, text=True,
                         cwd=REPO, env=env, timeout=120)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "lacks its tables" in out.stderr
