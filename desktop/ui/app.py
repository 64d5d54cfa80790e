"""Starting the desktop app: QApplication, the store, first-start set-up, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop import APP_ID, APP_NAME, __version__
from desktop.ui import qt
from desktop.ui.qt import QApplication, QIcon, QLocale, QTimer, QTranslator


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The application, made once; its colours worked out from the palette it starts with (a dark system theme
    gives dark-theme colours: desktop.ui.qt.use_palette), before any window's module is loaded."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_ID, *(argv or [])])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_ID)
        app.setDesktopFileName("org.nibrsdesk.NibrsDesk")
        install_translations(app)
        from desktop.resources import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "nibrs-desk.svg"))))
    qt.use_palette(app.palette())
    return app


def install_translations(app: QApplication) -> None:
    """Load resources/translations/nibrs-desk_<locale>.qm when there is one for the user's language."""
    from desktop.resources import resource_path

    translator = QTranslator(app)
    if translator.load(QLocale(), "nibrs-desk", "_", str(resource_path("translations"))):
        app.installTranslator(translator)


def open_store(data_dir: str | Path | None, *, passphrase: str | None = None):
    """The database of a data folder, with the agency's state profile and the FBI edits on every save.

    ``passphrase`` opens an encrypted database (or encrypts a new or plain one); without it the
    store looks in ``NIBRS_DESK_PASSPHRASE`` and the keyring (``desktop.store.db.open_database``).
    """
    from desktop.store.profiles import apply_agency_profile
    from desktop.store.service import Store

    store = Store.open(data_dir, passphrase=passphrase)
    apply_agency_profile(store)
    return store


def main_window(data_dir: str | Path | None = None, *, passphrase: str | None = None, user: str | None = None,
                password: str | None = None):
    """Build the main window over a data folder, without starting the event loop (tests, screenshots).

    A database with accounts needs ``user`` and ``password`` (signed in here, without the dialogs).
    """
    ensure_app()
    from desktop.ui.office.main_window import MainWindow

    store = open_store(data_dir, passphrase=passphrase)
    if user is not None:
        store.login(user, password or "")
    return MainWindow(store)


def start_window(data_dir: str | Path | None = None, qt_args: list[str] | None = None):
    """The app's start: the office window on screen at once; then the database (its passphrase) and
    signing in (``desktop.ui.session.session``)."""
    ensure_app(qt_args)
    from desktop.ui.office.main_window import MainWindow

    window = MainWindow()
    window.session.data_dir = data_dir
    window.first_painted.connect(lambda: QTimer.singleShot(0, window.session.begin))
    window.show()
    return window


def run_app(data_dir: str | Path | None = None, qt_args: list[str] | None = None) -> int:
    from desktop.ui import idle_gc

    app = ensure_app(qt_args)
    window = start_window(data_dir, qt_args)
    idle_gc.install(app)  # full garbage collections while nobody types or clicks, never in the middle of it
    code = app.exec()
    del window
    return code
