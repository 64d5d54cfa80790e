"""Helpers and fixtures of the sign-in, lock and office-tool tests: real windows, real (encrypted) database files.

The fixtures are here, not in a conftest.py: a second module named ``conftest`` would shadow
tests/conftest.py for the test modules that import from it. Each test module imports them.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

PASSPHRASE = "correct horse battery staple"
PASSWORDS = {"admin": "admin-pass-1", "sarge": "sarge-pass-1", "dep": "deputy-pass-1"}


@pytest.fixture(autouse=True)
def keyring(monkeypatch):
    """The OS keyring, in memory: tests never touch the real one (and can see what was kept)."""
    from desktop.store import crypto

    kept: dict[str, str] = {}
    monkeypatch.setattr(crypto, "keyring_get", lambda folder: kept.get(str(folder)))

    def keep(folder, passphrase):
        if passphrase is None:
            kept.pop(str(folder), None)
        else:
            kept[str(folder)] = passphrase
        return True

    monkeypatch.setattr(crypto, "keyring_set", keep)
    monkeypatch.delenv("NIBRS_DESK_PASSPHRASE", raising=False)
    return kept


@pytest.fixture(autouse=True)
def said(monkeypatch):
    """Message boxes answer Yes without showing; what they said is kept, in order."""
    from PySide6.QtWidgets import QMessageBox

    out: list[str] = []

    def box(answer):
        return staticmethod(lambda parent, title, text, *a, **k: out.append(f"{title}: {text}") or answer)

    monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.Yes))
    monkeypatch.setattr(QMessageBox, "warning", box(QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "information", box(QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "critical", box(QMessageBox.Ok))
    return out


_TEMPLATES: dict[tuple, Path] = {}


def office(data_dir, *, passphrase: str | None = PASSPHRASE, profile: str = "fbi", ori: str = "WVNDX0100"):
    """A database with an administrator, a supervisor and a deputy (and the agency), closed again.

    Made once per kind for the test run and copied (a new encrypted database with its migrations
    and accounts takes over a second to make).
    """
    key = (passphrase, profile, ori)
    if key not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="secui-template-"))
        atexit.register(shutil.rmtree, folder, True)
        _make_office(folder, passphrase=passphrase, profile=profile, ori=ori)
        _TEMPLATES[key] = folder / "nibrs-desk.sqlite3"
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATES[key], Path(data_dir) / "nibrs-desk.sqlite3")


def _make_office(data_dir, *, passphrase, profile, ori) -> None:
    from desktop.store.db import open_database
    from desktop.store.service import AgencySettings, Store

    store = Store(open_database(data_dir, passphrase=passphrase))
    store.add_user("admin", PASSWORDS["admin"], "administrator", "Ada Admin")
    store.save_agency(AgencySettings(ori, "Test County Sheriff's Office", state_profile=profile))
    store.add_user("sarge", PASSWORDS["sarge"], "supervisor", "Sam Sergeant")
    store.add_user("dep", PASSWORDS["dep"], "deputy", "Dee Deputy")
    store.close()  # checkpoints the journal into the file: the file alone is the database


def start(qtbot, data_dir):
    """The app's own start over a data folder; returns the window once it asks its first question."""
    from desktop.ui.app import start_window

    window = start_window(data_dir)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.session.dialog is not None or window.store is not None, timeout=10000)
    return window


def asking(qtbot, window, name: str) -> QWidget:
    """The dialog the start (or sign-in) is showing now, which must be ``name``."""
    qtbot.waitUntil(lambda: window.session.dialog is not None and window.session.dialog.isVisible(), timeout=10000)
    dialog = window.session.dialog
    assert dialog.objectName() == name, f"asked {dialog.objectName()}, expected {name}"
    return dialog


def line(parent: QWidget, name: str) -> QLineEdit:
    found = parent.findChild(QLineEdit, name)
    assert found is not None, f"no field {name} in {parent.objectName()}"
    return found


def type_in(qtbot, parent: QWidget, values: dict[str, str], *, enter: bool = True) -> None:
    """Type into fields by clicking each (as a person does); Enter in the last one."""
    last = None
    for name, text in values.items():
        last = line(parent, name)
        qtbot.mouseClick(last, Qt.LeftButton)
        qtbot.keyClick(last, Qt.Key_A, Qt.ControlModifier)
        qtbot.keyClicks(last, text)
    if enter and last is not None:
        qtbot.keyClick(last, Qt.Key_Return)


def unlock_and_sign_in(qtbot, window, user: str, *, passphrase: str = PASSPHRASE) -> None:
    dialog = asking(qtbot, window, "passphrase_dialog")
    type_in(qtbot, dialog, {"passphrase": passphrase})
    sign_in(qtbot, window, user)
    # the day's backup is made in a worker while the person signs in (seconds of typing): done by now
    qtbot.waitUntil(lambda: not window.session.backup_pending(), timeout=20000)


def sign_in(qtbot, window, user: str, password: str | None = None) -> None:
    dialog = asking(qtbot, window, "login_dialog")
    type_in(qtbot, dialog, {"login_username": user, "login_password": password or PASSWORDS[user]})
    qtbot.waitUntil(lambda: window.store is not None and window.session.dialog is None
                    and window.store.actor is not None and window.store.actor.username == user, timeout=10000)


def visible_actions(window) -> set[str]:
    from PySide6.QtGui import QAction

    return {a.objectName() for a in window.findChildren(QAction) if a.objectName() and a.isVisible()}


def top(name: str) -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)
