"""Encrypted unless the administrator says otherwise (issue 19, item 4).

- the CLI refuses to create a new database without a passphrase unless told ``--no-encryption``; that
  choice is recorded (setting and audit trail) and shown (the window's title, a plain database's warning);
- a ``database_url`` in settings.json never names a SQLite file, and is used only with a sign-in;
- PostgreSQL on another computer only over TLS (``sslmode=require`` or stronger), refused before connecting;
- every file the app writes is 0600 and every folder it makes 0700, whatever the umask (CLI and window).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from testpaths import DATA, REPO
from desktop.store import crypto

XML = DATA / "xml" / "nibrs_GroupAIncident_Sample.xml"
PASS = "correct horse battery staple"
ENV_PLAIN = "NIBRS_DESK_NO_ENCRYPTION"


def _loose_umask():
    os.umask(0o022)  # a permissive umask, as many desktops have: the app must not depend on it


def cli(*args, data_dir: Path, env_extra: dict | None = None, drop=(ENV_PLAIN, "NIBRS_DESK_PASSPHRASE"),
        timeout: float = 120):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"NIBRS_DESK_DATA_DIR": str(data_dir), **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=timeout, stdin=subprocess.DEVNULL, preexec_fn=_loose_umask)


def one_line(out, status: int = 2) -> str:
    text = out.stdout + out.stderr
    assert "Traceback" not in text and "unexpected error" not in text, text
    assert out.returncode == status, (out.returncode, text)
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("nibrs-desk: "), text
    return lines[0]


def audit_entries(store) -> list[dict]:
    from desktop.store import schema as s

    with store.db.read() as session:
        return [{"action": e.action, "detail": e.detail} for e in session.query(s.AuditEntry).order_by(s.AuditEntry.seq)]


# ------------------------------------------------------------------------------------------ the refusal
def test_a_new_database_without_a_passphrase_is_refused(tmp_path):
    folder = tmp_path / "office"
    out = cli("summary", "--month", "2025-03", data_dir=folder)
    line = one_line(out)
    assert "a new database is encrypted" in line and "--no-encryption" in line and "NIBRS_DESK_PASSPHRASE" in line
    assert not (folder / "nibrs-desk.sqlite3").exists()  # nothing was created


def test_a_passphrase_makes_the_new_database_encrypted(tmp_path):
    folder = tmp_path / "office"
    out = cli("audit", "verify", data_dir=folder, env_extra={"NIBRS_DESK_PASSPHRASE": PASS})
    assert out.returncode == 0, out.stderr
    assert crypto.is_encrypted(folder / "nibrs-desk.sqlite3")
    assert "NOT encrypted" not in out.stderr


@pytest.mark.parametrize("how", ["option-before", "option-after", "variable"])
def test_no_encryption_creates_a_plain_database_and_records_the_choice(tmp_path, how, qtbot):
    folder = tmp_path / "office"
    args = {"option-before": ["--no-encryption", "audit", "verify"], "option-after": ["audit", "verify", "--no-encryption"],
            "variable": ["audit", "verify"]}[how]
    out = cli(*args, data_dir=folder, env_extra={ENV_PLAIN: "1"} if how == "variable" else None)
    assert out.returncode == 0, out.stderr
    chosen = f"{ENV_PLAIN}=1" if how == "variable" else "--no-encryption"
    assert f"is NOT encrypted ({chosen}); this is recorded" in out.stderr
    db = folder / "nibrs-desk.sqlite3"
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"

    from desktop.store import encryption
    from desktop.store.service import Store

    store = Store.open(folder)
    try:
        assert encryption.plain_choice(store)["chosen"] == chosen
        assert encryption.state(store) == "plain-chosen"
        assert {"action": "settings", "detail": {"encryption": "off", "chosen": chosen}} in audit_entries(store)
        assert "NOT encrypted (chosen with" in encryption.describe(store)
    finally:
        store.close()
    # opened again: no warning (the choice was made and recorded), the audit trail still verifies
    again = cli("audit", "verify", data_dir=folder)
    assert again.returncode == 0 and "warning" not in again.stderr, again.stderr

    # and the window's title bar says so
    from desktop.ui.app import main_window

    window = main_window(folder)
    qtbot.addWidget(window)
    assert "NOT ENCRYPTED" in window.windowTitle() and "--no-encryption" in window.windowTitle()


def test_an_existing_plain_database_keeps_opening_with_a_warning(tmp_path, qtbot):
    from desktop.store.service import AgencySettings, Store

    folder = tmp_path / "office"
    old = Store.open(folder)  # as a database from before the rule: plain, no choice recorded
    old.save_agency(AgencySettings(ori="WVNDX0100", name="Test County SO"))
    old.close()
    out = cli("summary", "--month", "2025-03", data_dir=folder)
    assert out.returncode == 0, out.stderr
    warning = [line for line in out.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and "NOT encrypted" in warning[0] and "NIBRS_DESK_PASSPHRASE" in warning[0], out.stderr

    from desktop.ui.app import main_window

    window = main_window(folder)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("NOT ENCRYPTED")
    window.store.close()
    window.store = None
    # an encrypted database: the title is the app's name alone
    enc = tmp_path / "enc"
    Store.open(enc, passphrase=PASS).close()
    window2 = main_window(enc, passphrase=PASS)
    qtbot.addWidget(window2)
    assert window2.windowTitle() == "NIBRS Desk"


# ------------------------------------------------------------------------------------------ settings.json
def test_a_settings_file_cannot_send_the_reports_to_a_plain_file(tmp_path, qtbot):
    """The tester's case: an encrypted installation with accounts, and a settings.json naming a SQLite file."""
    from desktop.store.db import DatabaseError, open_database
    from desktop.store.service import Store

    folder = tmp_path / "office"
    store = Store.open(folder, passphrase=PASS)
    store.add_user("admin", "admin-pass-1", "administrator")
    store.close()
    elsewhere = tmp_path / "plain.sqlite3"
    (folder / "settings.json").write_text(json.dumps({"database_url": f"sqlite:///{elsewhere}"}))
    line = one_line(cli("summary", "--month", "2025-03", data_dir=folder,
                        env_extra={"NIBRS_DESK_PASSPHRASE": PASS, "NIBRS_DESK_USER": "admin",
                                   "NIBRS_DESK_PASSWORD": "admin-pass-1"}))
    assert "settings.json: database_url names a SQLite file" in line and "PostgreSQL server" in line
    assert not elsewhere.exists()
    with pytest.raises(DatabaseError, match="database_url names a SQLite file"):
        open_database(folder)
    assert not elsewhere.exists()


def test_a_server_named_in_settings_needs_a_sign_in_and_is_in_the_title_bar(tmp_path, qtbot):
    """A server with no accounts is refused by every command but the first administrator's; once it has accounts,
    the sign-in is required, and the window's title bar names the server. (A SQLite URL stands in for the server
    here, given as the URL itself: settings.json refuses SQLite, see above.)"""
    from desktop.store import encryption
    from desktop.store.db import open_database
    from desktop.store.service import Store

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    store = Store(open_database(url=url))
    assert encryption.state(store) == "server" and "encryption at rest is the server's job" in encryption.describe(store)
    from desktop.ui.office.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"NIBRS Desk \u2014 database server {url}"
    store.close()
    window.store = None


def test_a_settings_server_without_accounts_is_refused_by_the_cli(tmp_path, monkeypatch):
    """open_store refuses a database named in settings.json that has no user accounts (sign-in impossible)."""
    import argparse

    from desktop.cli import CommandError
    from desktop.commands import _session
    from desktop.store import db as dbmod

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "settings.json").write_text(json.dumps({"database_url": "postgresql://nibrs@localhost/nibrs"}))
    real = dbmod.open_database
    # the settings' URL is read as usual; the connection goes to the stand-in (no PostgreSQL server here)
    monkeypatch.setattr("desktop.store.service.open_database",
                        lambda data_dir=None, **kw: _from_settings(real(url=url)))
    args = argparse.Namespace(data_dir=str(folder), user=None, no_encryption=False)
    with pytest.raises(CommandError, match="which has no user accounts: a database named in settings.json is used "
                                           "only with a sign-in"):
        _session.open_store(args)
    store = _session.open_store(args, login=False)  # the first administrator's account is made this way
    store.add_user("admin", "admin-pass-1", "administrator")
    store.close()
    with pytest.raises(CommandError, match="this database has user accounts: sign in"):
        _session.open_store(args)


def _from_settings(db):
    db.from_settings = True
    return db


# ------------------------------------------------------------------------------------------ PostgreSQL and TLS
@pytest.mark.parametrize("query", ["", "?sslmode=disable", "?sslmode=prefer", "?sslmode=allow"])
def test_a_remote_postgresql_server_without_tls_is_refused(tmp_path, query):
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "settings.json").write_text(json.dumps(
        {"database_url": f"postgresql+psycopg://nibrs:secret@db.example.org/nibrs{query}"}))
    line = one_line(cli("summary", "--month", "2025-03", data_dir=folder))
    assert "db.example.org is on another computer" in line and "sslmode=require" in line, line
    assert "secret" not in line


def test_tls_rule_in_detail():
    from desktop.store.db import DatabaseError, server_problem

    for url in ("postgresql+psycopg://u@localhost/x", "postgresql://u@127.0.0.1:5432/x", "postgresql://u@[::1]/x",
                "postgresql:///x?host=/var/run/postgresql", "postgresql://u@db.example.org/x?sslmode=require",
                "postgresql://u@10.0.0.5/x?sslmode=verify-full", "sqlite:///x.sqlite3"):
        server_problem(url)  # allowed
    for url in ("postgresql://u@10.0.0.5/x", "postgresql://u@db/x?sslmode=prefer",
                "postgresql://u@localhost/x?host=db.example.org"):
        with pytest.raises(DatabaseError, match="does not require TLS"):
            server_problem(url)


def test_the_passphrase_on_a_server_is_said_to_be_unused(tmp_path, monkeypatch, capsys):
    import argparse

    from desktop.commands import _session
    from desktop.store import db as dbmod

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    real = dbmod.open_database
    monkeypatch.setattr("desktop.store.service.open_database", lambda data_dir=None, **kw: real(url=url))
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASS)
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "settings.json").write_text(json.dumps({"database_url": "postgresql://nibrs@localhost/nibrs"}))
    store = _session.open_store(argparse.Namespace(data_dir=str(folder), user=None, no_encryption=False))
    store.close()
    err = capsys.readouterr().err
    assert "the passphrase is not used: encryption at rest is the server's job" in err


# ------------------------------------------------------------------------------------------ file modes
def modes(*roots: Path, skip: set[Path] = frozenset()) -> dict[str, str]:
    """Every file and folder under ``roots`` whose mode is not private: path -> mode."""
    found = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            if path in skip or path.is_symlink():
                continue
            mode = stat.S_IMODE(path.stat().st_mode)
            want = 0o700 if path.is_dir() else 0o600
            if mode != want:
                found[str(path)] = oct(mode)
    return found


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_every_file_a_cli_session_writes_is_private(tmp_path):
    from nibrs_samples import simple_incident
    from desktop.store.service import AgencySettings, Store

    folder = tmp_path / "office"
    env = {"NIBRS_DESK_PASSPHRASE": PASS}
    assert cli("audit", "verify", data_dir=folder, env_extra=env).returncode == 0  # creates the database
    store = Store.open(folder, passphrase=PASS)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County SO"))
    store.create(simple_incident("B-1"), status="approved")  # dated 2025-03-14
    store.close()
    chosen = tmp_path / "chosen"  # a folder the user already has (their umask's mode): left as it is
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    new_out = tmp_path / "exports" / "2016"  # folders the app makes
    steps = [("import", XML, "--status", "approved"), ("backup",),
             ("export", "--month", "2025-03", "--format", "xml", "--out", new_out),
             ("export", "--reproduce", "1", "--out", chosen),
             ("transfer", "export", "--out", chosen / "laptop.ndt"),
             ("validate", XML, "--out", chosen / "report.csv"),
             ("convert", XML, "--to", "flat", "--out", tmp_path / "converted" / "month")]
    extra = {**env, "NIBRS_DESK_TRANSFER_PASSPHRASE": "transfer-pass-1"}
    for step in steps:
        out = cli(*step, data_dir=folder, env_extra=extra)
        assert out.returncode in (0, 1), (step, out.returncode, out.stderr)
    written = [p for p in chosen.rglob("*")]
    assert len(written) >= 3, written  # the reproduced export, the transfer file, the report
    assert list(new_out.rglob("*")) and (folder / "backups").is_dir()
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755  # the user's folder keeps its mode
    assert modes(folder, tmp_path / "exports", tmp_path / "converted", chosen, skip={chosen}) == {}


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_every_file_a_window_session_writes_is_private(qtbot, tmp_path, monkeypatch):
    """The app's own start (passphrase from the environment), the first administrator, the agency, the day's
    backup, a report saved: the database, its -wal and -shm, the backups, the lock files: all 0600, folders 0700,
    under a umask of 022 (the window's process does not even rely on the umask the app sets at start)."""
    from desktop.ui.app import start_window

    monkeypatch.setattr(crypto, "keyring_get", lambda folder: None)
    monkeypatch.setattr(crypto, "keyring_set", lambda folder, passphrase: True)
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASS)
    before = os.umask(0o022)
    try:
        folder = tmp_path / "new" / "office"
        window = start_window(folder)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.session.dialog is not None and window.session.dialog.isVisible(), timeout=15000)
        admin = window.session.dialog
        assert admin.objectName() == "first_admin_dialog"
        _type(qtbot, admin, {"admin_username": "ada", "admin_password": "ada-password-1",
                             "admin_password_again": "ada-password-1"})
        qtbot.waitUntil(lambda: window.session.dialog is not None and window.session.dialog.objectName()
                        == "agency_dialog", timeout=15000)
        agency = window.session.dialog
        qtbot.keyClicks(agency.ori, "WVNDX0100")
        qtbot.keyClicks(agency.name, "Test County SO")
        qtbot.keyClick(agency.name, Qt.Key_Return)
        qtbot.waitUntil(lambda: window.session.dialog is None, timeout=15000)
        assert window.windowTitle() == "NIBRS Desk"  # encrypted: nothing to warn about
        from nibrs_samples import simple_incident

        window.store.save_draft("incident", None, simple_incident())
        from desktop.store.backup import make_backup

        make_backup(window.store.db, "manual")
        names = {p.name for p in folder.rglob("*")}
        assert {"nibrs-desk.sqlite3", "nibrs-desk.sqlite3-wal", "nibrs-desk.sqlite3-shm", "backups"} <= names, names
        assert crypto.is_encrypted(folder / "nibrs-desk.sqlite3")
        assert modes(folder) == {}
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700  # a missing parent the app made
    finally:
        os.umask(before)


def _type(qtbot, dialog, values):
    last = None
    for name, text in values.items():
        last = dialog.findChild(QLineEdit, name)
        assert last is not None, name
        last.setFocus()
        qtbot.keyClicks(last, text)
    qtbot.keyClick(last, Qt.Key_Return)


def test_the_app_and_the_commands_set_a_private_umask(monkeypatch):
    """The window's start and every command set umask 077 first, so files written by any part of the app (a
    month's export, a transfer file) are private too; a command restores the caller's umask when it ends."""
    from desktop import cli as climod

    seen = {}

    def fake_run_app(data_dir, qt_args):
        seen["umask"] = os.umask(0o077)
        return 0

    monkeypatch.setattr("desktop.ui.app.run_app", fake_run_app)
    before = os.umask(0o022)
    try:
        assert climod.gui_main([]) == 0
        assert seen["umask"] == 0o077
        os.umask(0o022)
        monkeypatch.setattr(climod, "build_parser", climod.build_parser)
        assert climod.main(["codes", "6", "--format", "json"]) == 0
        assert os.umask(0o022) == 0o022  # restored after the command
    finally:
        os.umask(before)
