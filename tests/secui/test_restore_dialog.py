"""The Backups window: a restore is an administrator's act (their password again), and busy is not broken
(another program writing: a dialog says who and waits, then restores; or gives up saying the folder is busy)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from secui_helpers import PASSWORDS, asking, office, start, unlock_and_sign_in
from nibrs_samples import simple_incident

from desktop.store import lock


def _backups(qtbot, data_dir):
    office(data_dir)
    window = start(qtbot, data_dir)
    unlock_and_sign_in(qtbot, window, "admin")
    window.store.create(simple_incident("25-000200"))
    window.actions["backups"].trigger()
    dialog = window.session.tools["backups"]
    qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)
    window.store.create(simple_incident("25-000201"))
    return window, dialog


def test_a_wrong_password_restores_nothing(qtbot, data_dir, said, monkeypatch):
    window, dialog = _backups(qtbot, data_dir)
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or ("not-the-password", True)))
    assert dialog.restore() is False
    assert "administrator's act" in asked[0] and "password is wrong" in dialog.message.text()
    assert window.store is not None and window.store.count() == 2  # nothing restored
    failed = window.store.audit_entries(action="login_failed", username="admin")
    assert failed and failed[0]["detail"]["purpose"] == "restore a backup"
    window.close()


def test_busy_shows_who_writes_waits_and_then_restores(qtbot, data_dir, said, monkeypatch):
    window, dialog = _backups(qtbot, data_dir)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASSWORDS["admin"], True)))
    held, release = threading.Event(), threading.Event()

    def importing():
        with lock.data_lock(data_dir, "import", user="sarge"):
            held.set()
            release.wait(20)

    t = threading.Thread(target=importing)
    t.start()
    held.wait(5)
    assert dialog.restore() is False  # not yet: waiting
    waiting = dialog.waiting
    assert waiting.isVisible() and "Another import is running (by sarge" in waiting.labelText()
    release.set()
    t.join()
    login = asking(qtbot, window, "login_dialog")  # restored once the import was done: everyone signs in again
    assert "was restored" in login.info.text()
    assert not waiting.isVisible()
    window.close()


def test_busy_past_the_limit_says_so_and_does_nothing(qtbot, data_dir, said, monkeypatch):
    window, dialog = _backups(qtbot, data_dir)
    with lock.data_lock(data_dir, "export", user="admin2"):
        went = []
        waiting = dialog._wait_then(lambda: went.append(1), limit_ms=600)
        qtbot.waitUntil(lambda: not waiting.isVisible(), timeout=5000)
    assert went == [] and "busy" in dialog.message.text() and "another export is running" in dialog.message.text()
    assert window.store.count() == 2
    window.close()
