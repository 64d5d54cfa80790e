"""Helpers for driving the real windows with keyboard and mouse events only."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, store):
    """The office window over the test database (agency WVNDX0100), shown."""
    from desktop.app import main_window

    win = main_window(store.db.data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for w in list(win.wizards):
        w.editor.dirty = False
        w.close()


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """Message boxes answer Yes without showing; a test that needs another answer patches again."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: QMessageBox.Ok))
