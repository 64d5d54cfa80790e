"""A deputy's session in one process: the six reports of issue 14 typed by keys alone, one after the other, in
the office window on a real screen size; every page worth a look is photographed and checked for cut text.

Run with QT_QPA_PLATFORM=offscreen:configfile=<screen json> (and QT_SCALE_FACTOR=1.5 for 150%):

    python tests/ui/deputy_session.py DATA_DIR [SHOTS_DIR]

Prints one JSON object: the screen, the device pixel ratio, the keys of each report, the problems found.
"""

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from PySide6.QtWidgets import QApplication  # noqa: E402


def main(data_dir: str, shots: str | None) -> None:
    app = QApplication.instance() or QApplication([])
    from desktop.store.service import AgencySettings, Store
    from desktop.ui.app import main_window
    from desktop.ui.qt import screen_room

    import deputy
    from scale_check import check_page
    from screens import too_large

    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="MO0950000", name="Example County Sheriff's Office"))
    store.close()
    office = main_window(data_dir)
    office.show()
    problems: list[str] = []
    keys: dict[str, int] = {}
    written: list[str] = []

    def shot(name: str) -> None:
        wizard = QApplication.activeWindow()
        for _ in range(3):
            app.processEvents()
        page = wizard.currentPage()
        check_page(wizard, page, problems)
        problems.extend(too_large(wizard, f"{name}: the wizard"))
        if shots:
            path = Path(shots) / f"session-{len(written) + 1:02d}-{name}.png"
            wizard.grab().save(str(path))
            written.append(path.name)

    for name in deputy.REPORTS:
        count, record = deputy.enter(name, office, shot=shot)
        keys[name] = count
        if record.status != "ready" or record.error_count:
            problems.append(f"{name}: stored {record.status} with {record.error_count} error(s)")
    screen = screen_room(office)
    print(json.dumps({"screen": [screen.width(), screen.height()], "dpr": office.devicePixelRatioF(), "keys": keys,
                      "reports": office.store.count(), "problems": problems, "shots": written}))
    office.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(), sys.argv[2] if len(sys.argv) > 2 else None)
