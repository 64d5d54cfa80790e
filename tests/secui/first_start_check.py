"""Child process of the first-start size test: each first-start dialog rendered on the screen Qt was given (run
at 1366x768, and at 1920x1080 with QT_SCALE_FACTOR=1.5), before and after it shows a message, checked for
clipped words. Prints one JSON object: the device pixel ratio, the screen, each dialog's size and every problem
found; with a folder argument, saves each dialog as a PNG there.
"""

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent))

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel  # noqa: E402

from desktop.store.service import AgencySettings, Store  # noqa: E402
from desktop.ui.qt import screen_room  # noqa: E402
from screens import too_large  # noqa: E402


def visible(w, top) -> bool:
    return w.isVisibleTo(top) and w.isVisible()


def clipped(dialog, where: str) -> list[str]:
    """Words a person could not read: a wrapped label shorter than its words need, a label or button narrower than
    its text, a dialog larger than the screen."""
    QApplication.processEvents()
    problems = []
    for label in dialog.findChildren(QLabel):
        if not visible(label, dialog) or not label.text():
            continue
        name = label.objectName() or label.text()[:30]
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if label.height() + 1 < need:
                problems.append(f"{where}: {name!r} is {label.height()} px high, its words need {need}")
        elif label.width() + 1 < label.sizeHint().width():
            problems.append(f"{where}: {name!r} is {label.width()} px wide, needs {label.sizeHint().width()}")
    for button in dialog.findChildren(QAbstractButton):
        if visible(button, dialog) and button.text() and button.width() + 1 < button.sizeHint().width():
            problems.append(f"{where}: button {button.text()!r} is {button.width()} wide, needs "
                            f"{button.sizeHint().width()}")
    return problems + too_large(dialog, where)


def main(shots: str | None) -> None:
    app = QApplication.instance() or QApplication([])
    from desktop.ui.admin.agency_dialog import AgencyDialog
    from desktop.ui.session.login import FirstAdminDialog, LoginDialog
    from desktop.ui.session.passphrase import CONVERT, NEW, UNLOCK, PassphraseDialog

    folder = tempfile.mkdtemp()
    store = Store.open(folder)
    long_error = ("This passphrase does not open the reports; nothing was changed. Check the Caps Lock key and try "
                  "again.")
    dialogs = {
        "passphrase-new": (lambda: PassphraseDialog(None, NEW, lambda p, k: None, database=folder),
                           lambda d: d.show_error("The two passphrases differ. Type it again in the second field.")),
        "passphrase-convert": (lambda: PassphraseDialog(None, CONVERT, lambda p, k: None),
                               lambda d: d.show_error("The passphrase needs at least 10 characters.")),
        "passphrase-unlock": (lambda: PassphraseDialog(None, UNLOCK, lambda p, k: None),
                              lambda d: (d.show_info("The passphrase kept in this computer's keyring does not open "
                                                     "the reports (it was changed?). Type it."),
                                         d.show_error(long_error))),
        "first-admin": (lambda: FirstAdminDialog(store),
                        lambda d: d.show_error("Not created: a password needs at least 8 characters.")),
        "sign-in": (lambda: LoginDialog(store, message="Today's automatic backup could not be made: no room left "
                                                       "on the disk."),
                    lambda d: d.show_error("The user name or the password is wrong. Try again (after 5 wrong "
                                           "passwords the account is locked for 15 minutes).")),
        "agency": (lambda: AgencyDialog(store, first_start=True),
                   lambda d: d.show_error("Not saved: the NIBRS start date: 13/45/2020 is not a real calendar "
                                          "date; type it as MM/DD/YYYY.")),
    }
    out = {"dpr": None, "screen": None, "dialogs": {}, "problems": []}
    for name, (make, trouble) in dialogs.items():
        dialog = make()
        dialog.show()
        QApplication.processEvents()
        out["problems"] += clipped(dialog, name)
        size = [dialog.width(), dialog.height()]
        if shots:
            dialog.grab().save(str(Path(shots) / f"{name}.png"))
        trouble(dialog)
        QApplication.processEvents()
        out["problems"] += clipped(dialog, f"{name} with a message")
        if shots:
            dialog.grab().save(str(Path(shots) / f"{name}-message.png"))
        out["dialogs"][name] = size + [dialog.width(), dialog.height()]
        out["dpr"] = dialog.devicePixelRatioF()
        room = screen_room(dialog)
        out["screen"] = [room.width(), room.height()]
        dialog.hide()
        dialog.deleteLater()
    store.close()
    print(json.dumps(out))
    app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
