"""Driving the real widgets as a person does: mouse clicks and typed keys, never setText."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QWidget, QWizard


def child(parent: QWidget, name: str, cls=QWidget) -> QWidget:
    """The one visible child of that name (sections are rebuilt, so only live widgets count)."""
    found = [w for w in parent.findChildren(cls, name)]
    assert found, f"no {cls.__name__} named {name!r} in {parent.objectName()!r}"
    return found[0]


def field(parent: QWidget, name: str) -> QLineEdit:
    return child(parent, name, QLineEdit)


def into_view(widget: QWidget) -> None:
    """Scroll the page so the widget is on screen, as a person scrolls before clicking."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    p = widget.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            p.ensureWidgetVisible(widget, 10, 10)
        p = p.parentWidget()
    QApplication.processEvents()


def type_into(qtbot, widget: QLineEdit, text: str, *, replace: bool = True) -> None:
    """Click into a field, (select what it holds,) type, then Tab - as a person does."""
    assert widget.isVisible(), f"{widget.objectName()} is not shown"
    into_view(widget)
    qtbot.mouseClick(widget, Qt.LeftButton)
    assert widget.window().focusWidget() is widget, f"clicking {widget.objectName()} did not put the cursor in it"
    if replace:
        qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
        if text == "" and widget.text():
            qtbot.keyClick(widget, Qt.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Tab)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.objectName()} cannot be clicked"
    into_view(button)
    qtbot.mouseClick(button, Qt.LeftButton)


def fill(qtbot, container: QWidget, values: dict[str, str]) -> None:
    for name, text in values.items():
        type_into(qtbot, field(container, name), text)


def ui_classes() -> dict[str, type]:
    """Every dialog class of desktop/ui (not the dev tools): dialogs() below must know how to open each."""
    import desktop.ui

    found = {}
    for info in pkgutil.walk_packages(desktop.ui.__path__, "desktop.ui."):
        if ".dev" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QDialog) and not issubclass(cls, QWizard):
                found[name] = cls
    return found


def dialogs(window) -> dict[str, object]:
    """A way to open every dialog of the app over the test window (its session, its store)."""
    from desktop.ui.admin import tools
    from desktop.ui.admin.agency_dialog import AgencyDialog
    from desktop.ui.admin.users_dialog import AddUserDialog, ResetPasswordDialog, RoleDialog
    from desktop.ui.office.export_dialog import ExportDialog, ResultDialog
    from desktop.ui.session.login import FirstAdminDialog, LoginDialog
    from desktop.ui.session.passphrase import NEW, PassphraseDialog
    from types import SimpleNamespace

    from desktop.nibrs.dictionary import dictionary
    from desktop.ui.help import ElementHelp, HelpWindow
    from desktop.ui.office.bulk import BulkDialog
    from desktop.ui.office.submission_actions import ExportSelectedDialog, WorkDialog
    from desktop.ui.wizard.review import ReturnDialog
    from desktop.ui.office.quality_window import QualityWindow
    from desktop.ui.wizard.people import PersonPicker

    session, store = window.session, window.store
    return {
        "UsersDialog": lambda: tools.users(session), "ChangePasswordDialog": lambda: tools.own_password(session),
        "AuditDialog": lambda: tools.audit(session), "BackupsDialog": lambda: tools.backups(session),
        "SecuritySettingsDialog": lambda: tools.security(session),
        "TransferOutDialog": lambda: tools.transfer_out(session),
        "TransferInDialog": lambda: tools.transfer_in(session), "ConflictsDialog": lambda: tools.conflicts(session),
        "PairingDialog": lambda: tools.pairing(session),
        "AddUserDialog": lambda: AddUserDialog(store, window),
        "RoleDialog": lambda: RoleDialog(store, "dee", "deputy", window),
        "ResetPasswordDialog": lambda: ResetPasswordDialog(store, "dee", window),
        "AgencyDialog": lambda: AgencyDialog(store, window),
        "ExportDialog": lambda: ExportDialog(store, window),
        "ResultDialog": lambda: ResultDialog("Exported", "Wrote the file.", window),
        "FirstAdminDialog": lambda: FirstAdminDialog(store, window),
        "LoginDialog": lambda: LoginDialog(store, window),
        "PassphraseDialog": lambda: PassphraseDialog(window, NEW, lambda passphrase, keep: None),
        "ReturnDialog": lambda: ReturnDialog(window, "25-000001", lambda comment: None),
        "ElementHelp": lambda: ElementHelp(dictionary().element("26"), dictionary(), window),
        "HelpWindow": lambda: HelpWindow(window),
        "BulkDialog": lambda: BulkDialog(window, "Return", "Return 2 reports?",
                                         [(SimpleNamespace(number="25-000002"), "approved")], "&Return",
                                         comment=True),
        "WorkDialog": lambda: WorkDialog(window, "Checking the month", "work_dialog"),
        "ExportSelectedDialog": lambda: ExportSelectedDialog(window, 3),
        "QualityWindow": lambda: QualityWindow(window, store, show_records=lambda records, words: None,
                                               write_packet=lambda: None),
        "PersonPicker": lambda: PersonPicker(window, store, lambda person: None, typed="smith"),
    }
