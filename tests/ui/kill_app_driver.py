"""Child process of the kill test: the real app, driven by keyboard and mouse events, then left running.

Usage: kill_app_driver.py DATA_DIR. Answers the start's questions (the passphrase that encrypts
the database, the first administrator's account), types a report, prints "typed" when the last
key was pressed; the parent kills the process with SIGKILL a second later and checks what the
database kept.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402

from desktop.ui.app import ensure_app, run_app  # noqa: E402


def find(parent: QWidget, name: str, cls=QWidget):
    return parent.findChildren(cls, name)[0]


def type_into(widget: QLineEdit, text: str, tab: bool = True) -> None:
    QTest.mouseClick(widget, Qt.LeftButton)
    QTest.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClicks(widget, text)
    if tab:
        QTest.keyClick(widget, Qt.Key_Tab)


PASSPHRASE = "kill test passphrase"  # the parent opens the database with these afterwards
ADMIN, PASSWORD = "admin", "kill-test-password"


def answer(dialog: QWidget) -> None:
    """The start's questions, answered by keyboard: encrypt the old plain database, create the first account."""
    name = dialog.objectName()
    if name == "passphrase_dialog":
        values = (("passphrase", PASSPHRASE), ("passphrase_again", PASSPHRASE))
    elif name == "first_admin_dialog":
        values = (("admin_username", ADMIN), ("admin_password", PASSWORD), ("admin_password_again", PASSWORD))
    else:
        return
    for field, text in values:
        QTest.keyClicks(find(dialog, field, QLineEdit), text)
    QTest.keyClick(find(dialog, values[-1][0], QLineEdit), Qt.Key_Return)


def drive() -> None:
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
    if window.model is None:  # the database opens just after the window shows; then the start asks
        dialog = window.session.dialog
        if dialog is not None and dialog.isVisible():
            answer(dialog)
        QTimer.singleShot(50, drive)
        return
    QTest.mouseClick(window.toolbar.widgetForAction(window.actions["new_incident"]), Qt.LeftButton)
    wizard = window.wizards[-1]
    page = wizard.currentPage()
    for name, text in (("de_2", "K-100"), ("de_3", "03/14/2025"), ("de_3_hour", "22"), ("de_4", "N")):
        type_into(find(page, name, QLineEdit), text)
    QTest.mouseClick(find(wizard, "wizard_next"), Qt.LeftButton)
    offense = find(wizard.currentPage(), "offense_1")
    for name, text in (("de_6", "13B"), ("de_7", "C"), ("de_8", "N"), ("de_8A", "88"), ("de_9", "20"),
                       ("de_13", "40")):
        type_into(find(offense, name, QLineEdit), text)
    QTest.mouseClick(find(wizard, "wizard_next"), Qt.LeftButton)
    victim = find(wizard.currentPage(), "victim_1")
    type_into(find(victim, "de_25", QLineEdit), "I")
    type_into(find(victim, "de_26", QLineEdit), "34")
    type_into(find(victim, "de_28", QLineEdit), "whi", tab=False)  # still typing when the power goes
    print("typed", flush=True)


if __name__ == "__main__":
    ensure_app()
    QTimer.singleShot(100, drive)
    sys.exit(run_app(sys.argv[1]))
