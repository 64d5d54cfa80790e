"""The soak test's child process: one office window, twenty incidents of about three hundred keys each, typed into
the wizard by keys alone (tests/ui/deputy.py's reports, each entry first typed and erased as a deputy correcting
themselves would), one after the other in this one process.

    python tests/ui/soak_session.py DATA_DIR [INCIDENTS]

After each incident (its wizard closed, a full garbage collection) it prints one JSON line, flushed at once, so
the parent sees how far it got should the process die: the keys typed, the stored status and errors, the process's
resident memory (VmRSS), the blocks Python's allocator holds (``sys.getallocatedblocks``), the traced Python memory
(tracemalloc, started after the first incident so its own tables are not counted as growth), the widgets alive,
and ``sys.getrefcount(None)`` (a binding that drops references to None makes it fall until the process aborts).
"""

import gc
import json
import sys
import tempfile
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from PySide6.QtWidgets import QApplication  # noqa: E402

# The Group A incidents of deputy.py and how many times each entry is typed and erased first, so each incident
# takes about three hundred keys.
PLAN = (("simple assault", 1), ("burglary with recovery", 1), ("homicide, two victims and two offenders", 1),
        ("robbery by two offenders", 1), ("drug seizure and an arrest", 1))


def rss_kib() -> int:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS"))


def main(data_dir: str, incidents: int) -> None:
    app = QApplication.instance() or QApplication([])
    from desktop.store.service import AgencySettings, Store
    from desktop.ui.app import main_window

    import deputy

    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="MO0950000", name="Example County Sheriff's Office"))
    store.close()
    office = main_window(data_dir)
    office.show()
    for n in range(incidents):
        name, mistakes = PLAN[n % len(PLAN)]
        keys, record = deputy.enter(name, office, mistakes=mistakes)
        for _ in range(3):
            app.processEvents()
        app.sendPostedEvents(None, 0)  # the closed wizard's deleteLater
        gc.collect()
        if n == 0:
            tracemalloc.start()
        traced = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0
        print(json.dumps({"incident": n + 1, "report": name, "keys": keys, "status": record.status,
                          "errors": record.error_count, "rss_kib": rss_kib(), "blocks": sys.getallocatedblocks(),
                          "traced": traced, "widgets": len(QApplication.allWidgets()),
                          "none_refs": sys.getrefcount(None)}), flush=True)
    office.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(), int(sys.argv[2]) if len(sys.argv) > 2 else 20)
