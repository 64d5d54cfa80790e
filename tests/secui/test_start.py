"""First start and every start: the passphrase, the first administrator, signing in, the keyring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSPHRASE, PASSWORDS, asking, line, office, sign_in, start, type_in
from desktop.store import crypto

SECRET_NUMBER = "SECRET-4471"


def files_holding(folder: Path, needle: bytes) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_first_start_by_keyboard_encrypts_everything_typed_afterwards(qtbot, data_dir):
    window = start(qtbot, data_dir)
    assert not (data_dir / "nibrs-desk.sqlite3").exists()
    dialog = asking(qtbot, window, "passphrase_dialog")
    assert "nobody can recover" in dialog.findChild(type(dialog.intro), "passphrase_warning").text()
    field, again = line(dialog, "passphrase"), line(dialog, "passphrase_again")
    assert dialog.focusWidget() is field  # the cursor starts in the first field
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key_Tab)
    assert dialog.focusWidget() is again  # Tab goes on in reading order
    qtbot.keyClicks(again, PASSPHRASE + "x")
    qtbot.keyClick(again, Qt.Key_Return)
    assert dialog.isVisible() and "differ" in dialog.error.text()
    assert dialog.focusWidget() is again and again.text() == ""
    qtbot.keyClicks(again, PASSPHRASE)
    qtbot.keyClick(again, Qt.Key_Return)

    admin = asking(qtbot, window, "first_admin_dialog")  # the database exists now, encrypted
    assert crypto.is_encrypted(data_dir / "nibrs-desk.sqlite3")
    user = line(admin, "admin_username")
    assert admin.focusWidget() is user
    for text in ("ada", "Ada Admin", "short", "short"):
        qtbot.keyClicks(admin.focusWidget(), text)
        qtbot.keyClick(admin.focusWidget(), Qt.Key_Tab)
    qtbot.keyClick(line(admin, "admin_password_again"), Qt.Key_Return)
    assert admin.isVisible() and "at least 8 characters" in admin.error.text()
    type_in(qtbot, admin, {"admin_password": "ada-password-1", "admin_password_again": "ada-password-1"})

    agency = asking(qtbot, window, "agency_dialog")  # then the agency, the existing set-up dialog
    assert window.store is not None and window.store.actor.username == "ada"
    assert "Ada Admin (ada), Administrator" in window.session.user_label.text()
    qtbot.keyClicks(agency.ori, "mo0950000")
    qtbot.keyClick(agency.ori, Qt.Key_Tab)
    qtbot.keyClicks(agency.name, "Example County Sheriff")
    qtbot.keyClick(agency.name, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.session.dialog is None)
    assert window.store.agency().ori == "MO0950000"

    # a report typed afterwards: its number reaches the database, and no file holds it in plain text
    window.new_incident()
    wizard = window.wizards[-1]
    number = line(wizard.currentPage(), "de_2")
    qtbot.mouseClick(number, Qt.LeftButton)
    qtbot.keyClick(number, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(number, SECRET_NUMBER)
    qtbot.keyClick(number, Qt.Key_Tab)
    qtbot.waitUntil(lambda: wizard.editor.record_id is not None and not wizard.editor.dirty, timeout=5000)
    assert window.store.get("incident", wizard.editor.record_id).report.incident_number == SECRET_NUMBER
    assert (data_dir / "nibrs-desk.sqlite3-wal").exists()
    for needle in (SECRET_NUMBER.encode(), b"Example County Sheriff", b"Ada Admin"):
        assert files_holding(data_dir, needle) == [], needle
    wizard.editor.dirty = False
    wizard.close()
    window.close()
    for needle in (SECRET_NUMBER.encode(), b"Example County Sheriff"):
        assert files_holding(data_dir, needle) == [], needle
    assert any((data_dir / "backups").iterdir())  # the day's automatic backup, encrypted as well


def test_restart_wrong_passphrase_then_right_then_sign_in_with_lockout(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "passphrase_dialog")
    assert line(dialog, "passphrase").echoMode() == line(dialog, "passphrase").EchoMode.Password
    assert dialog.findChild(type(line(dialog, "passphrase")), "passphrase_again") is None  # once, at a restart
    type_in(qtbot, dialog, {"passphrase": "Correct horse battery staple"})
    assert dialog.isVisible() and window.session.store is None
    assert "does not open the reports" in dialog.error.text() and "nothing was changed" in dialog.error.text()
    type_in(qtbot, dialog, {"passphrase": PASSPHRASE})

    login = asking(qtbot, window, "login_dialog")
    assert window.store is None  # nothing of the reports before someone signs in
    type_in(qtbot, login, {"login_username": "dep", "login_password": "not-my-password"})
    assert login.isVisible() and "user name or the password is wrong" in login.error.text()
    assert login.focusWidget() is line(login, "login_password") and line(login, "login_password").text() == ""
    for _ in range(4):
        type_in(qtbot, login, {"login_password": "still-not-it"})
    assert "locked for 15 minutes" in login.error.text()
    type_in(qtbot, login, {"login_password": PASSWORDS["dep"]})  # even the right password, while locked out
    assert login.isVisible() and "locked" in login.error.text()
    type_in(qtbot, login, {"login_username": "sarge", "login_password": PASSWORDS["sarge"]})
    qtbot.waitUntil(lambda: window.store is not None and window.session.dialog is None, timeout=10000)
    assert "Sam Sergeant (sarge), Supervisor" in window.session.user_label.text()
    window.close()


def test_passphrase_kept_in_the_keyring_opens_without_asking(qtbot, data_dir, keyring):
    office(data_dir)
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "passphrase_dialog")
    qtbot.keyClick(dialog.keep, Qt.Key_Space)
    assert dialog.keep.isChecked()
    type_in(qtbot, dialog, {"passphrase": PASSPHRASE})
    sign_in(qtbot, window, "admin")
    assert keyring[str(data_dir)] == PASSPHRASE
    window.close()

    again = start(qtbot, data_dir)
    asking(qtbot, again, "login_dialog")  # straight to signing in: the keyring had the passphrase
    again.close()

    keyring[str(data_dir)] = "an old passphrase"  # changed since: said so, and asked
    third = start(qtbot, data_dir)
    dialog = asking(qtbot, third, "passphrase_dialog")
    assert "keyring does not open" in dialog.info.text()
    third.close()


def test_the_passphrase_variable_is_honoured(qtbot, data_dir, monkeypatch):
    office(data_dir)
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASSPHRASE)
    window = start(qtbot, data_dir)
    asking(qtbot, window, "login_dialog")
    window.close()


def test_an_old_plain_database_is_offered_encryption(qtbot, data_dir):
    office(data_dir, passphrase=None)
    db = data_dir / "nibrs-desk.sqlite3"
    assert not crypto.is_encrypted(db)
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "passphrase_dialog")
    assert "not encrypted yet" in dialog.intro.text()
    qtbot.mouseClick(dialog.not_now, Qt.LeftButton)  # not now: it stays plain and opens
    sign_in(qtbot, window, "admin")
    assert not crypto.is_encrypted(db)
    window.close()

    window = start(qtbot, data_dir)  # offered again at the next start
    dialog = asking(qtbot, window, "passphrase_dialog")
    type_in(qtbot, dialog, {"passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE})
    sign_in(qtbot, window, "admin")
    assert crypto.is_encrypted(db)
    assert window.store.agency().name == "Test County Sheriff's Office"  # converted, nothing lost
    window.close()


def test_quitting_at_the_first_question_closes_the_app(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "passphrase_dialog")
    qtbot.keyClick(line(dialog, "passphrase"), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_damaged_database_file_is_named_not_taken_for_an_encrypted_one(qtbot, data_dir, said):
    from desktop.ui.app import start_window

    (data_dir / "nibrs-desk.sqlite3").write_bytes(b"this is not a database " * 200)
    window = start_window(data_dir)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(said))
    assert "nibrs-desk.sqlite3" in said[0] and "neither a NIBRS Desk database nor an encrypted one" in said[0]
    assert window.session.dialog is None and window.store is None


def test_unlock_then_first_start_of_an_existing_database_without_accounts(qtbot, data_dir):
    from desktop.store.service import AgencySettings, Store

    st = Store.open(data_dir, passphrase=PASSPHRASE)
    st.save_agency(AgencySettings("WVNDX0100", "Test County Sheriff's Office"))
    st.close()
    window = start(qtbot, data_dir)
    type_in(qtbot, asking(qtbot, window, "passphrase_dialog"), {"passphrase": PASSPHRASE})
    admin = asking(qtbot, window, "first_admin_dialog")  # a database with no account: the first one
    type_in(qtbot, admin, {"admin_username": "chief", "admin_password": "chief-pass-1",
                           "admin_password_again": "chief-pass-1"})
    qtbot.waitUntil(lambda: window.store is not None and window.session.dialog is None, timeout=10000)
    assert window.store.actor.role == "administrator"
    window.close()
    window = start(qtbot, data_dir)
    type_in(qtbot, asking(qtbot, window, "passphrase_dialog"), {"passphrase": PASSPHRASE})
    sign_in(qtbot, window, "chief", "chief-pass-1")
    window.close()


def test_the_start_warns_when_the_audit_trail_was_cut_back(qtbot, data_dir):
    """Issue 19: the last entries removed and the head moved back with the passphrase in hand: the sign-in says
    so at start (the anchor file beside the database recorded a later entry)."""
    import json

    from nibrs_samples import simple_incident
    from desktop.store.db import open_database
    from desktop.store.service import Store

    office(data_dir)
    store = Store(open_database(data_dir, passphrase=PASSPHRASE))
    store.login("sarge", PASSWORDS["sarge"])
    store.create(simple_incident("ST-1"))
    store.create(simple_incident("ST-2"))
    store.close()
    con = crypto.connect(data_dir / "nibrs-desk.sqlite3", PASSPHRASE)
    try:
        con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        keep_seq, keep_hash = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 2").fetchone()
        con.execute("DELETE FROM audit_log WHERE seq > ?", (keep_seq,))
        con.execute("UPDATE setting SET value = ? WHERE key = 'audit_head'",
                    (json.dumps({"seq": keep_seq, "hash": keep_hash}),))
        con.commit()
    finally:
        con.close()
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "passphrase_dialog")
    type_in(qtbot, dialog, {"passphrase": PASSPHRASE})
    login = asking(qtbot, window, "login_dialog")
    assert f"the audit trail ends at entry {keep_seq}" in login.info.text()
    assert login.info.isVisible()


def test_the_days_backup_waits_for_the_start_and_is_made_once_the_list_is_shown(qtbot, data_dir, monkeypatch):
    """The day's backup (seconds on a big encrypted database) never holds up the start: the first question is
    asked without it, and a person who signs in at once has the list first, then the backup, audited."""
    import desktop.ui.session.session as session

    office(data_dir)
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(session, "BACKUP_DELAY_MS", 60_000)
    window = start(qtbot, data_dir)
    asking(qtbot, window, "login_dialog")
    assert window.session.backup_pending() and window.session.backing_up is None  # not started yet
    sign_in(qtbot, window, "admin")
    qtbot.waitUntil(lambda: not window.session.backup_pending(), timeout=20000)
    made = window.store.audit_entries(action="backup")
    assert len(made) == 1 and made[0]["detail"]["reason"] == "daily"
    assert (data_dir / "backups" / made[0]["detail"]["file"]).is_file()
    assert "Today's backup" in window.statusBar().currentMessage()
    window.close()


def test_the_days_backup_is_made_while_the_person_types(qtbot, data_dir, monkeypatch):
    """Left at the first question, the backup starts a moment later, in a worker: the sign-in goes on meanwhile;
    it is audited once it is made and someone is signed in."""
    import threading

    import desktop.store.backup as backup
    import desktop.ui.session.session as session

    office(data_dir)
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(session, "BACKUP_DELAY_MS", 50)
    release = threading.Event()
    real = backup.daily_backup_if_due

    def slow(db, now=None):
        release.wait(20)
        return real(db, now)

    monkeypatch.setattr(backup, "daily_backup_if_due", slow)
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "login_dialog")
    qtbot.waitUntil(lambda: window.session.backing_up is not None and window.session.backing_up.running)
    assert dialog.isVisible()  # started while the question is asked
    sign_in(qtbot, window, "admin")
    assert window.model is not None and window.store.audit_entries(action="backup") == []
    release.set()
    qtbot.waitUntil(lambda: not window.session.backup_pending(), timeout=20000)
    made = window.store.audit_entries(action="backup")
    assert len(made) == 1 and made[0]["detail"]["reason"] == "daily"
    window.close()


def test_a_daily_backup_that_fails_is_said_and_the_start_goes_on(qtbot, data_dir, monkeypatch):
    import desktop.store.backup as backup
    import desktop.ui.session.session as session

    office(data_dir)
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASSPHRASE)

    def full(db, now=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "daily_backup_if_due", full)
    monkeypatch.setattr(session, "BACKUP_DELAY_MS", 50)
    window = start(qtbot, data_dir)
    dialog = asking(qtbot, window, "login_dialog")
    qtbot.waitUntil(lambda: not window.session.backup_pending(), timeout=20000)
    assert "could not be made" in dialog.info.text() and "No space left" in dialog.info.text()
    sign_in(qtbot, window, "admin")
    assert window.model is not None and window.store.audit_entries(action="backup") == []
    window.close()


def test_a_window_closed_before_the_backup_started_makes_it_as_it_closes(qtbot, data_dir, monkeypatch):
    import desktop.ui.session.session as session

    office(data_dir)
    monkeypatch.setenv("NIBRS_DESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(session, "BACKUP_DELAY_MS", 60_000)
    monkeypatch.setattr(session, "AFTER_LIST_MS", 60_000)
    window = start(qtbot, data_dir)
    sign_in(qtbot, window, "admin")
    assert window.session.backup_pending() and not (data_dir / "backups").exists()
    store = window.store
    entries = []
    monkeypatch.setattr(store, "close", lambda: (entries.extend(store.audit_entries(action="backup")),
                                                 type(store).close(store)))
    window.close()
    assert [b.name for b in (data_dir / "backups").iterdir()][0].startswith("nibrs-desk-daily-")
    assert len(entries) == 1 and entries[0]["detail"]["reason"] == "daily"  # audited before the store closed
