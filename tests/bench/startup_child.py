"""Child process of the start-up benchmark.

Usage: startup_child.py bare | app DATA_DIR. Prints "shown" when the window is first painted
and, for the app, "rows" when the report list shows its first rows; the parent times the lines.
The start's questions (encrypt the plain database? the first account, then signing in) are
answered as soon as they are asked, so "rows" includes the sign-in's password check.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

if sys.argv[1] == "bare":
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    window.show()
    app.processEvents()
    print("shown", flush=True)
else:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import start_window

    def answer(dialog) -> None:
        """The start's questions, answered at once: keep the benchmark's plain database, sign in."""
        from PySide6.QtWidgets import QLineEdit

        def put(name: str, text: str) -> None:
            dialog.findChild(QLineEdit, name).setText(text)

        name = dialog.objectName()
        if name == "passphrase_dialog" and dialog.not_now is not None:
            dialog.not_now.click()
            return
        if name == "first_admin_dialog":
            for field in ("admin_password", "admin_password_again"):
                put(field, "bench-password")
            put("admin_username", "bench")
        elif name == "login_dialog":
            put("login_username", "bench")
            put("login_password", "bench-password")
        dialog.accept()

    window = start_window(sys.argv[2])  # the app's own start: window first, database next
    window.first_painted.connect(lambda: print("shown", flush=True))
    while window.model is None or window.model.rowCount() == 0:
        QApplication.processEvents()
        if window.session.dialog is not None and window.session.dialog.isVisible():
            answer(window.session.dialog)
        time.sleep(0.001)
    QApplication.processEvents()
    print("rows", flush=True)
