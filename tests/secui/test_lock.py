"""The idle lock: after the idle time the window hides behind a lock screen; the password unlocks it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSWORDS, asking, line, office, start, type_in, unlock_and_sign_in


def typing_a_report(qtbot, window, number: str):
    window.new_incident()
    wizard = window.wizards[-1]
    field = line(wizard.currentPage(), "de_2")
    qtbot.mouseClick(field, Qt.LeftButton)
    qtbot.keyClick(field, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(field, number)  # still in the field, not yet saved, when the person walks away
    return wizard


def test_idle_time_locks_the_window_and_the_password_unlocks_it(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    session = window.session
    assert session._timer.isActive() and session.idle_ms() == 30 * 60_000  # the default: 30 minutes
    session.idle_ms_override = 400  # injected: the test does not wait half an hour
    session.restart_idle()
    wizard = typing_a_report(qtbot, window, "25-000777")
    assert not session.locked  # typing keeps it open
    qtbot.waitUntil(lambda: session.locked, timeout=5000)

    assert session.stack.currentWidget() is session.lock_screen
    assert not window.table.isVisible() and not window.toolbar.isVisible()  # the reports are hidden
    assert not wizard.isVisible()  # so is the open report...
    saved = window.store.find("incident", "WVNDX0100", "25-000777")
    assert saved is not None and saved.status == "draft"  # ...saved as a draft first
    assert not any(a.isEnabled() for a in window.menuBar().actions())
    assert not window.actions["open"].isEnabled() and not window.actions["new_incident"].isEnabled()  # nor their keys
    qtbot.keyClick(session.lock_screen.password, Qt.Key_N, Qt.ControlModifier)
    assert len(window.wizards) == 1
    window.refresh()  # the list refreshing behind the lock (after the draft was saved) leaves the actions off
    assert not any(a.isEnabled() for name, a in window.actions.items() if name != "quit")
    assert "Dee Deputy (dep), Deputy" in session.lock_screen.who.text()
    assert window.focusWidget() is session.lock_screen.password

    type_in(qtbot, session.lock_screen, {"lock_password": "not-the-password"})
    assert session.locked and "wrong" in session.lock_screen.error.text()
    session.idle_ms_override = 60_000
    type_in(qtbot, session.lock_screen, {"lock_password": PASSWORDS["dep"]})
    assert not session.locked
    assert window.table.isVisible() and window.toolbar.isVisible() and wizard.isVisible()
    assert window.actions["new_incident"].isEnabled() and window.actions["sign_out"].isEnabled()
    assert wizard.editor.record_id == saved.id  # the same draft goes on being edited
    assert session._timer.isActive()
    actions = [e["action"] for e in _audit(data_dir)]
    assert actions[:3] == ["unlock", "login_failed", "locked"]  # newest first
    wizard.editor.dirty = False
    wizard.close()
    window.close()


def test_signing_out_from_the_lock_screen(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "dep")
    wizard = typing_a_report(qtbot, window, "25-000778")
    window.actions["lock"].trigger()  # Ctrl+L: lock now
    assert window.session.locked and not wizard.isVisible()
    qtbot.mouseClick(window.session.lock_screen.sign_out_button, Qt.LeftButton)
    assert not window.wizards and not window.session.locked
    login = asking(qtbot, window, "login_dialog")
    assert "dep signed out" in login.info.text()
    assert window.session.stack.currentWidget() is window.session.signed_out_page
    assert window.session.store.actor is None
    window.close()


def test_five_wrong_passwords_at_the_lock_screen_sign_the_person_out(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "sarge")
    window.actions["lock"].trigger()
    for _ in range(5):
        type_in(qtbot, window.session.lock_screen, {"lock_password": "guess"})
    login = asking(qtbot, window, "login_dialog")
    assert "5 wrong passwords at the lock screen: sarge was signed out" in login.info.text()
    window.close()


def _audit(data_dir):
    from secui_helpers import PASSPHRASE
    from desktop.store.service import Store

    store = Store.open(data_dir, passphrase=PASSPHRASE)
    store.login("admin", PASSWORDS["admin"])
    try:
        return store.audit_entries(limit=10)[1:]  # without the admin's own sign-in just now
    finally:
        store.close()
