"""Starting the desktop app: QApplication, the store, first-start set-up, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_ID, APP_NAME, __version__


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_ID, *(argv or [])])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_ID)
        app.setDesktopFileName(f"org.nibrsdesk.NibrsDesk")
        from PySide6.QtGui import QIcon

        from desktop.resources import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "nibrs-desk.svg"))))
    return app


def open_store(data_dir: str | Path | None):
    from desktop.store.service import Store

    return Store.open(data_dir)


def main_window(data_dir: str | Path | None = None):
    """Build the main window over a data folder, without starting the event loop (tests, screenshots)."""
    ensure_app()
    from desktop.ui.main_window import MainWindow

    return MainWindow(open_store(data_dir))


def run_app(data_dir: str | Path | None = None, qt_args: list[str] | None = None) -> int:
    app = ensure_app(qt_args)
    from desktop.store.db import DatabaseError

    try:
        store = open_store(data_dir)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    from desktop.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    if store.agency() is None:
        window.first_start()
    return app.exec()
