"""The office tools through their windows: users, own password, security settings, backups and restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSPHRASE, asking, line, office, sign_in, start, type_in, unlock_and_sign_in
from nibrs_samples import simple_incident


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an entry by keyboard: focus the box, type the start of its words."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), combo.currentText()


def test_users_add_change_role_deactivate_reset_password(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "admin")
    window.actions["users"].trigger()
    users = window.session.tools["users"]
    table = users.table

    def listed():
        return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)]
                for r in range(table.rowCount())}

    assert set(listed()) == {"admin", "dep", "sarge"}
    qtbot.mouseClick(users.add_button, Qt.LeftButton)
    add = users.sub
    assert add.focusWidget() is line(add, "new_username")
    type_in(qtbot, add, {"new_username": "dep2", "new_display_name": "Dana Second"}, enter=False)
    choose(qtbot, add.role, "Sup")
    type_in(qtbot, add, {"new_user_password": "dana-pass-1", "new_user_password_again": "dana-pass-1"})
    assert not add.isVisible()
    assert listed()["dep2"] == ["Dana Second", "Supervisor", "yes", "no"]
    assert "dep2 was added as supervisor" in users.message.text()

    qtbot.mouseClick(users.add_button, Qt.LeftButton)  # the same name again: refused in words
    type_in(qtbot, users.sub, {"new_username": "dep2", "new_user_password": "other-pass-1",
                               "new_user_password_again": "other-pass-1"})
    assert users.sub.isVisible() and "already a user named dep2" in users.sub.error.text()
    users.sub.reject()

    assert users.selected()["username"] == "dep2"
    qtbot.mouseClick(users.role_button, Qt.LeftButton)
    role = users.sub
    choose(qtbot, role.role, "Dep")
    qtbot.keyClick(role.role, Qt.Key_Return)
    assert listed()["dep2"][1] == "Deputy"

    qtbot.mouseClick(users.active_button, Qt.LeftButton)
    assert listed()["dep2"][2] == "no" and "dep2 can no longer sign in" in users.message.text()
    assert users.active_button.text().replace("&", "") == "Reactivate"

    table.selectRow(next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "admin"))
    qtbot.mouseClick(users.active_button, Qt.LeftButton)  # the only administrator
    assert "there must always be an active administrator" in users.message.text()
    assert listed()["admin"][2] == "yes"

    table.selectRow(next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "dep"))
    qtbot.mouseClick(users.reset_button, Qt.LeftButton)
    type_in(qtbot, users.sub, {"reset_password": "dep-new-pass-1", "reset_password_again": "dep-new-pass-1"})
    assert "The password of dep was reset" in users.message.text()
    users.close()

    window.actions["sign_out"].trigger()
    login = asking(qtbot, window, "login_dialog")
    type_in(qtbot, login, {"login_username": "dep2", "login_password": "dana-pass-1"})
    assert login.isVisible() and "wrong" in login.error.text()  # deactivated
    sign_in(qtbot, window, "dep", "dep-new-pass-1")

    window.actions["own_password"].trigger()  # anyone changes their own password
    own = window.session.tools["own_password"]
    type_in(qtbot, own, {"current_password": "wrong-one", "new_password": "dep-third-pass",
                         "new_password_again": "dep-third-pass"})
    assert own.isVisible() and "current password is wrong" in own.error.text()
    type_in(qtbot, own, {"current_password": "dep-new-pass-1", "new_password": "dep-third-pass",
                         "new_password_again": "dep-third-pass"})
    assert not own.isVisible()
    window.actions["sign_out"].trigger()
    sign_in(qtbot, window, "dep", "dep-third-pass")
    window.close()
    from desktop.store.service import Store

    store = Store.open(data_dir, passphrase=PASSPHRASE)
    store.login("admin", "admin-pass-1")
    confirmed = store.audit_entries(action="unlock", username="dep")
    assert confirmed and confirmed[0]["detail"] == {"purpose": "change own password"}  # not an unlock
    store.close()


def test_security_settings_set_the_idle_time_and_the_restricted_grant(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "admin")
    window.actions["security"].trigger()
    dialog = window.session.tools["security"]
    spin = dialog.findChild(QSpinBox, "idle_minutes")
    assert spin.value() == 30 and dialog.focusWidget() is spin
    qtbot.keyClick(spin, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(spin, "5")
    qtbot.keyClick(spin, Qt.Key_Tab)
    assert dialog.focusWidget() is dialog.roles["deputy"]  # Tab in reading order
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)  # supervisors no longer see restricted fields
    assert dialog.keyring is not None and not dialog.keyring.isChecked()
    qtbot.keyClick(dialog.keyring, Qt.Key_Space)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert window.store.get_setting("idle_lock_minutes") == 5
    assert window.session.idle_ms() == 5 * 60_000 and window.session._timer.interval() == 5 * 60_000
    assert window.store.restricted_roles() == ["administrator"]
    from desktop.store import crypto

    assert crypto.keyring_get(data_dir) == PASSPHRASE
    window.close()


def test_backup_now_and_restore_through_the_dialog(qtbot, data_dir, said, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from secui_helpers import PASSWORDS

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASSWORDS["admin"], True)))
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "admin")
    window.store.create(simple_incident("25-000100"))
    window.actions["backups"].trigger()
    dialog = window.session.tools["backups"]
    assert [b.reason for b in dialog.backups] == ["daily"]  # made at start
    qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)  # made in a worker, with a progress bar
    qtbot.waitUntil(lambda: "Backed up to" in dialog.message.text(), timeout=20000)
    made = dialog.selected()
    assert made.reason == "manual" and made.encrypted and "Backed up to" in dialog.message.text()
    assert dialog.table.item(dialog.table.currentRow(), 1).text() == "Made by hand"
    window.store.create(simple_incident("25-000101"))  # after the backup

    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert "Restore the backup taken" in said[-1] and "backed up first" in said[-1]
    login = asking(qtbot, window, "login_dialog")  # the store was closed, restored, reopened: sign in again
    kept = sorted((data_dir / "backups").glob("*before-restore*"))
    assert len(kept) == 1 and str(kept[0]) in login.info.text()
    assert window.store is None and not dialog.isVisible()
    sign_in(qtbot, window, "admin")
    numbers = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert numbers == {"25-000100"}
    assert window.store.audit_entries(action="restore")[0]["detail"]["kept_before"] == str(kept[0])
    window.close()

    from desktop.store import crypto

    con = crypto.connect(kept[0], PASSPHRASE)  # nothing was lost: the state before the restore is kept
    try:
        assert {r[0] for r in con.execute("SELECT incident_number FROM incident")} == {"25-000100", "25-000101"}
    finally:
        con.close()


def test_the_backups_window_is_the_administrators(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "sarge")
    assert not window.actions["backups"].isVisible() and not window.actions["users"].isVisible()
    window.close()
