"""Child process of the dark-theme test: the app started under a dark palette (as a dark desktop theme gives it),
its windows built, and every coloured text measured against what it is drawn on. Prints one JSON object: whether
the palette was taken as dark, the colours worked out, the contrast of each coloured label, and every problem;
with a folder argument, saves the windows as PNG files there.
"""

import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent))

from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")
BACKGROUND = re.compile(r"background:\s*(#[0-9a-fA-F]{6})")


def main(shots: str | None) -> None:
    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    from desktop.ui import qt

    app.setPalette(qt.dark_palette())  # what a dark system theme hands the app at start
    from desktop.ui.app import ensure_app

    ensure_app()
    from nibrs_samples import homicide_incident, simple_incident
    from desktop.store.service import AgencySettings, Store
    from desktop.ui.admin.agency_dialog import AgencyDialog
    from desktop.ui.office.main_window import MainWindow
    from desktop.ui.session.passphrase import NEW, PassphraseDialog

    problems: list[str] = []
    window_colour = app.palette().color(qt.QPalette.Window).name()
    names = ("ERROR_COLOUR", "WARNING_COLOUR", "GOOD_COLOUR", "QUIET_COLOUR")
    colours = {n: getattr(qt, n) for n in names + ("NOTE_TEXT", "NOTE_BACKGROUND", "WARN_TEXT", "WARN_BACKGROUND")}
    for n in names:
        if qt.contrast(colours[n], window_colour) < 4.5:
            problems.append(f"{n} {colours[n]} on the window {window_colour}: {qt.contrast(colours[n], window_colour):.1f}")
    for text, back in (("NOTE_TEXT", "NOTE_BACKGROUND"), ("WARN_TEXT", "WARN_BACKGROUND")):
        if qt.contrast(colours[text], colours[back]) < 7:
            problems.append(f"{text} on {back}: {qt.contrast(colours[text], colours[back]):.1f}")

    folder = tempfile.mkdtemp()
    store = Store.open(folder)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office",
                                     nibrs_start_date=date(2021, 1, 1)))
    for n in range(1, 8):
        store.create(simple_incident(f"25-00020{n}"), status="ready" if n % 2 else "draft")
    returned = store.create(homicide_incident(), status="ready")
    store.return_for_changes("incident", returned.id, "Add the weapon the offender used.")
    window = MainWindow(store)
    window.resize(1180, 640)
    window.show()
    window.filters.offense.setText("theft")
    window.filters.date_to.setText("31/31/2025")
    window.apply_filter()
    wizard = window.open_record("incident", returned.id)
    wizard.go_to_page(wizard.page_ids["review"])
    passphrase = PassphraseDialog(window, NEW, lambda p, k: None)
    passphrase.show()
    agency = AgencyDialog(store, window, first_start=True)
    agency.show()
    for _ in range(5):
        app.processEvents()
    measured = []
    for top in (window, wizard, passphrase, agency):
        for label in top.findChildren(QLabel):
            if not label.isVisible() or not label.text():
                continue
            sheet = label.styleSheet()
            found = COLOUR.search(sheet)
            if not found:
                continue
            back = BACKGROUND.search(sheet)
            under = back.group(1) if back else window_colour
            ratio = qt.contrast(found.group(1), under)
            measured.append([label.objectName() or label.text()[:20], found.group(1), under, round(ratio, 2)])
            if ratio < 4.5:
                problems.append(f"{label.objectName() or label.text()[:30]!r}: {found.group(1)} on {under} "
                                f"({ratio:.1f})")
    preview = wizard.currentPage().findChild(qt.QTextBrowser, "report_preview")
    page = preview.viewport().grab().toImage().scaled(60, 40)
    light = sum(page.pixelColor(x, y).lightnessF() for x in range(60) for y in range(40)) / 2400
    if light < 0.75:
        problems.append(f"the report's preview is not a white page (mean lightness {light:.2f})")
    stale = []
    for name, module in sorted(sys.modules.items()):
        if name.startswith("desktop.ui.") and module is not qt:
            for key in dir(module):
                if key.endswith(("_STYLE", "_COLOUR")) and hasattr(qt, key) and getattr(module, key) != getattr(qt, key):
                    stale.append(f"{name}.{key}")
    problems += [f"{s} kept the light palette's value" for s in stale]
    if shots:
        window.grab().save(str(Path(shots) / "dark-main-window.png"))
        wizard.grab().save(str(Path(shots) / "dark-review.png"))
        passphrase.grab().save(str(Path(shots) / "dark-passphrase.png"))
        agency.grab().save(str(Path(shots) / "dark-agency.png"))
    print(json.dumps({"dark": qt.DARK, "colours": colours, "window": window_colour, "labels": measured,
                      "problems": problems}))
    wizard.editor.dirty = False
    for w in (agency, passphrase, wizard, window):
        w.close()
    app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
