"""The office window's monthly-submission actions: export the month's file, import NIBRS files, load feedback.

The "Monthly submission" menu, the export button and the shortcuts (Ctrl+E export, Ctrl+I import,
Ctrl+Shift+F feedback) are declared with the window's other actions (desktop.ui.qt.ACTIONS); these
functions are what they run, given the window. The work itself is ``desktop.submission``; these only
ask for files and show what happened.
"""

from __future__ import annotations

from desktop.ui.office.export_dialog import ExportDialog, ResultDialog
from desktop.ui.qt import QT_TR_NOOP, QApplication, QFileDialog, QInputDialog, QProgressDialog, tr

IMPORT_AS = (("ready", QT_TR_NOOP("Ready for review (a supervisor approves them)")),
             ("approved", QT_TR_NOOP("Approved (they go out with the next export)")),
             ("submitted", QT_TR_NOOP("Already sent to the state (history from another system)")))


def open_export(window) -> ExportDialog | None:
    if window.store is None:
        return None
    dialog = ExportDialog(window.store, window)
    dialog.exported.connect(lambda _id: window.refresh())
    window.export_dialog = dialog
    dialog.open()
    return dialog


def import_dialog(window, names: list[str] | None = None, status: str | None = None) -> ResultDialog | None:
    """Ask for files (and what clean reports become), import them, show a line per report."""
    from desktop.store.service import StoreError
    from desktop.submission.importing import import_files

    if window.store is None:
        return None
    if names is None:
        names, _ = QFileDialog.getOpenFileNames(window, tr("Import NIBRS files"), "",
                                                tr("NIBRS files (*.txt *.dat *.nibrs *.xml *.zip);;All files (*)"))
    if not names:
        return None
    if status is None:
        labels = [tr(text) for _code, text in IMPORT_AS]
        chosen, ok = QInputDialog.getItem(window, tr("Import NIBRS files"),
                                          tr("Reports without errors become:"), labels, 0, False)
        if not ok:
            return None
        status = IMPORT_AS[labels.index(chosen)][0]
    busy = QProgressDialog(tr("Importing..."), "", 0, 0, window)
    busy.setObjectName("import_progress")
    busy.setCancelButton(None)
    busy.setMinimumDuration(0)
    busy.show()

    def step(label: str, done: int) -> None:
        busy.setLabelText(tr("Importing {0}: {1} report(s) read").format(label, done))
        QApplication.processEvents()

    try:
        results, problems = import_files(window.store, list(names), status=status, progress=step)
    except StoreError as exc:
        busy.close()
        return _show(window, tr("Import"), str(exc), "import_results")
    busy.close()
    lines = list(problems)
    totals = {"imported": 0, "updated": 0, "deleted": 0, "skipped": 0}
    for r in results:
        if r.error:
            lines.append(tr("NOT IMPORTED: {0}").format(r.error))
            continue
        lines += [f"{r.label}: {tr('note')}: {n}" for n in r.notes]
        for line in r.lines:
            totals[line.outcome] += 1
            lines.append(str(line))
    lines.append(", ".join(f"{v} {k}" for k, v in totals.items()))
    window.refresh()
    return _show(window, tr("Import"), "\n".join(lines), "import_results")


def feedback_dialog(window, name: str | None = None) -> ResultDialog | None:
    """Ask for an EDS or a service response, attach it, say which reports were rejected and why."""
    from desktop.store.service import StoreError
    from desktop.submission.feedback import FeedbackFileError, load_feedback

    if window.store is None:
        return None
    if name is None:
        name, _ = QFileDialog.getOpenFileName(window, tr("Load state feedback"), "",
                                              tr("Error data sets and responses (*.txt *.eds *.dat *.xml);;"
                                                 "All files (*)"))
    if not name:
        return None
    try:
        result = load_feedback(window.store, name)
    except (FeedbackFileError, StoreError) as exc:
        return _show(window, tr("State feedback"), str(exc), "feedback_results")
    if result.already:
        text = result.already
    else:
        words = {"rejected": tr("REJECTED"), "warned": tr("accepted with warnings"), "accepted": tr("accepted"),
                 "unmatched": tr("names no report here"), "kept": tr("noted, status kept")}
        text = "\n".join(f"{words[k]}: {item}" for k in ("rejected", "warned", "kept", "unmatched", "accepted")
                         for item in result.outcome.get(k, []))
    window.refresh()
    return _show(window, tr("State feedback"), text or tr("Nothing in the file concerns a report."),
                 "feedback_results")


def _show(window, title: str, text: str, name: str) -> ResultDialog:
    dialog = ResultDialog(title, text, window, name=name)
    window.result_dialog = dialog
    dialog.open()
    return dialog
