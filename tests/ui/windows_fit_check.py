"""Child process of the window-size test: the office window, both wizards and every dialog of the app (the list
the Alt-letter test keeps complete, ``ui_helpers.dialogs``), each shown on the screen Qt was given, checked to fit
it with room for a title bar above. Prints one JSON object: the device pixel ratio, the screen's room, each
window's size and every problem found (``screens.too_large``); with a folder argument, saves each window as a PNG
there.

Run with QT_QPA_PLATFORM=offscreen:configfile=<a screen of tests/ui> and QT_SCALE_FACTOR.
"""

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from desktop.store.service import AgencySettings, Store  # noqa: E402
from desktop.ui.qt import screen_room  # noqa: E402
from nibrs_samples import simple_incident  # noqa: E402
from screens import too_large  # noqa: E402
from ui_helpers import dialogs  # noqa: E402


def main(shots: str | None) -> None:
    app = QApplication.instance() or QApplication([])
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.Yes)  # nothing here asks anything
    QMessageBox.critical = staticmethod(lambda *a, **k: QMessageBox.Ok)
    from desktop.ui.app import main_window

    folder = tempfile.mkdtemp()
    store = Store.open(folder)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))
    for n in range(3):
        store.create(simple_incident(f"25-00000{n + 1}"))
    store.close()
    window = main_window(folder)
    window.show()
    out = {"dpr": window.devicePixelRatioF(), "room": None, "windows": {}, "problems": []}

    def check(widget, name: str) -> None:
        widget.show()
        app.processEvents()
        out["problems"].extend(too_large(widget, name))
        out["windows"][name] = [widget.width(), widget.height()]
        if shots:
            widget.grab().save(str(Path(shots) / f"{name}.png"))

    check(window, "MainWindow")
    room = screen_room(window)
    out["room"] = [room.width(), room.height()]
    window.new_incident()
    check(window.wizards[-1], "IncidentWizard")
    window.new_group_b()
    check(window.wizards[-1], "GroupBWizard")
    for wizard in list(window.wizards):
        wizard.editor.dirty = False
        wizard.close()
    for name, opener in dialogs(window).items():
        dialog = opener()
        check(dialog, name)
        dialog.close()
        dialog.deleteLater()
    print(json.dumps(out))
    window.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
