"""Child process of the 150% test: every wizard page of a full incident, checked for clipped text.

Run with QT_SCALE_FACTOR=1.5 on an offscreen 1920x1080 screen; prints one JSON object:
the device pixel ratio, the screen and wizard sizes, and every problem found.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent))

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea  # noqa: E402

from desktop.store.service import AgencySettings, Store  # noqa: E402
from desktop.ui.qt import screen_room  # noqa: E402
from desktop.ui.wizard.fields import ElementField  # noqa: E402
from nibrs_samples import allfields_incident  # noqa: E402
from screens import too_large  # noqa: E402


def visible(w, top) -> bool:
    return w.isVisibleTo(top) and w.isVisible()


def check_page(wizard, page, problems: list[str]) -> None:
    QApplication.processEvents()
    where = page.spec.id
    for label in page.findChildren(QLabel):
        if not visible(label, wizard) or not label.text():
            continue
        if label.wordWrap():
            if label.height() + 1 < label.heightForWidth(label.width()):
                problems.append(f"{where}: wrapped label {label.objectName() or label.text()[:30]!r} is cut off")
        elif label.width() + 1 < label.sizeHint().width():
            problems.append(f"{where}: label {label.text()[:30]!r} is {label.width()} wide, needs "
                            f"{label.sizeHint().width()}")
    for button in wizard.findChildren(QAbstractButton):
        if visible(button, wizard) and button.text() and button.width() + 1 < button.sizeHint().width():
            problems.append(f"{where}: button {button.text()!r} is {button.width()} wide, needs {button.sizeHint().width()}")
    for field in page.findChildren(ElementField):
        if not visible(field, wizard):
            continue
        if field.width() < field.minimumSizeHint().width():
            problems.append(f"{where}: field {field.objectName()} narrower than its minimum")
        need = field.fontMetrics().horizontalAdvance(field.text()) + 10
        if field.text() and need > field.width():
            problems.append(f"{where}: {field.objectName()} shows {field.text()!r} in {field.width()} px, needs {need}")
    for scroll in page.findChildren(QScrollArea):
        if scroll.horizontalScrollBar().maximum() > 0:
            problems.append(f"{where}: the page scrolls sideways by {scroll.horizontalScrollBar().maximum()} px")


def main(data_dir: str, shots: str | None) -> None:
    app = QApplication.instance() or QApplication([])
    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))
    record = store.create(allfields_incident())
    from desktop.ui.wizard.wizard import IncidentWizard

    wizard = IncidentWizard(store, store.get("incident", record.id))
    wizard.show()
    wizard.set_show_all(True)
    problems: list[str] = []
    room = screen_room(wizard)
    pages = []
    while True:
        page = wizard.currentPage()
        check_page(wizard, page, problems)
        pages.append(page.spec.id)
        if shots:
            wizard.grab().save(str(Path(shots) / f"scale150-{page.spec.id}.png"))
        if page.nextId() == -1:
            break
        wizard.next()
    problems += too_large(wizard, "the wizard")
    print(json.dumps({"dpr": wizard.devicePixelRatioF(), "screen": [room.width(), room.height()],
                      "wizard": [wizard.width(), wizard.height()], "pages": pages, "problems": problems}))
    wizard.editor.dirty = False
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
