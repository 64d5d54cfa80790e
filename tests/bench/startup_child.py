"""Child process of the start-up benchmark.

Usage: startup_child.py bare | floor DATA_DIR | app DATA_DIR. Prints "shown" when the window is first
painted and "rows" when the report list shows its first rows; the parent times the lines.

- bare: a bare PySide6 window (the floor of "shown").
- floor: the bare window, then what start-up cannot avoid before the first rows of an encrypted database
  without accounts: the key derivation of one SQLCipher connection (the passphrase from
  NIBRS_DESK_PASSPHRASE, one read) and the hash of the first administrator's password (argon2, the app's
  parameters); "rows" once both are done.
- app: the app's own start (desktop.ui.app.start_window); the passphrase comes from NIBRS_DESK_PASSPHRASE and
  the database has no accounts, so the start asks for the first administrator's account, answered as soon
  as it is asked; "rows" when the list shows its first rows.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

if sys.argv[1] in ("bare", "floor"):
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    window.show()
    app.processEvents()
    print("shown", flush=True)
    if sys.argv[1] == "floor":
        from desktop import paths
        from desktop.store import crypto, users

        con = crypto.connect(paths.database_path(Path(sys.argv[2])), os.environ[crypto.ENV_PASSPHRASE])
        con.close()
        users.hash_password("bench-password")
        print("rows", flush=True)
else:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import start_window

    def answer(dialog) -> None:
        """The start's questions, answered at once: the first administrator's account (or signing in)."""
        from PySide6.QtWidgets import QLineEdit

        def put(name: str, text: str) -> None:
            dialog.findChild(QLineEdit, name).setText(text)

        name = dialog.objectName()
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
    window.close()  # as a person closing the app: waits for the day's backup, still being made in a worker
