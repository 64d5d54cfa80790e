"""The application's screen outlives every window.

PySide6 gives the QScreen that ``QWidget.screen()`` returns to the widget's wrapper as a child (its
return-value heuristic; ``QWidget::screen`` has no ownership rule). When a window without a parent is
collected in a reference cycle, its children go with it, and the application's only QScreen is deleted:
every widget built afterwards reads freed memory and the app dies in ``QScreen::virtualSiblings``, at a
moment that depends on the garbage collector (the dialog-walking tests died so in 2 of 3 full runs).
Whether a given collection deletes the screen depends on which window last asked and on the order in
which the collector clears the cycle, so the tests below check the cause, deterministically: after the
app's windows have measured their screen, no window holds the screen's wrapper. The app asks
``desktop.ui.qt.screen_room`` instead, which uses the application's static look-ups.

The hazard itself, for the record (PySide6 6.8-6.11; the process dies at ``screens()``)::

    keep = QDialog(); keep.screen()
    d = QDialog(); d.screen(); d.cycle = d; del d; gc.collect()
    QApplication.screens()
"""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout
from shiboken6 import Shiboken

ROOT = Path(__file__).resolve().parents[2]


def screen_parent() -> str:
    """What holds the application screen's wrapper, in shiboken's words ("" when nothing does)."""
    dump = Shiboken.dump(QApplication.primaryScreen())
    return next((line for line in dump.splitlines() if line.startswith("parent")), "")


def test_windows_that_fit_themselves_to_the_screen_do_not_take_the_screen_as_their_child(qtbot, window):
    from desktop.ui.dialogs import fit_to_content

    dialog = QDialog()  # no parent: its wrapper owns it, as with the app's own top-level windows
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(QLabel("Words that wrap " * 20))
    dialog.show()
    fit_to_content(dialog, chars=60)  # reads the screen's room
    assert screen_parent() == ""
    window.new_incident()  # the wizard's showEvent keeps it inside the screen
    wizard = window.wizards[-1]
    qtbot.waitExposed(wizard)
    room = QApplication.primaryScreen().availableGeometry()
    assert 0 < wizard.width() <= room.width() and 0 < wizard.height() <= room.height()
    assert 0 < dialog.width() <= room.width()
    assert screen_parent() == ""


def test_no_code_asks_a_widget_for_its_screen():
    """``x.screen()`` anywhere in the app or its test drivers would bring the fault back; screen_room it is."""
    found = []
    for folder in ("desktop", "tests", "packaging"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "screen" and not node.args):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
