"""The office window's monthly-submission actions: export the month's file, import NIBRS files, load feedback,
check a file against the FBI edits, export the selected reports.

The "Monthly submission" menu, the export button and the shortcuts (Ctrl+E export, Ctrl+I import,
Ctrl+Shift+F feedback) are declared with the window's other actions (desktop.ui.qt.ACTIONS); these
functions are what they run, given the window. The work itself is ``desktop.submission`` and
``desktop.nibrs.filecheck``; these ask for files, run the work in a worker (desktop.ui.worker: a progress bar,
Cancel, the window stays usable) and show what happened.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.ui.dialogs import words
from desktop.ui.office.export_dialog import ExportDialog, ResultDialog
from desktop.ui.qt import (
    QT_TR_NOOP, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QInputDialog, QLabel, QVBoxLayout,
    Qt, tr, resize_within_screen,
)
from desktop.ui.worker import ProgressPanel, Task

IMPORT_AS = (("ready", QT_TR_NOOP("Ready for review (a supervisor approves them)")),
             ("approved", QT_TR_NOOP("Approved (they go out with the next export)")),
             ("submitted", QT_TR_NOOP("Already sent to the state (history from another system)")))


def open_export(window) -> ExportDialog | None:
    if window.store is None:
        return None
    from desktop.submission.export import CheckCache

    cache = window.check_cache
    if cache is None or getattr(cache, "store", None) is not window.store:  # one per open database
        cache = CheckCache()
        cache.store = window.store
        window.check_cache = cache
    dialog = ExportDialog(window.store, window, cache=cache)
    dialog.exported.connect(lambda _id: window.refresh())
    window.export_dialog = dialog
    dialog.open()
    return dialog


class WorkDialog(QDialog):
    """Long work from the Monthly submission menu: what it is doing, a bar, Cancel; then what happened."""

    def __init__(self, window, title: str, name: str):
        super().__init__(window)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        layout = QVBoxLayout(self)
        self.words = QLabel(title)
        self.words.setWordWrap(True)
        layout.addWidget(self.words)
        self.panel = ProgressPanel(f"{name}_progress")
        layout.addWidget(self.panel)
        resize_within_screen(self, self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def run(self, task: Task) -> Task:
        task.ended.connect(self.accept)
        self.open()
        return self.panel.run(task)

    def reject(self) -> None:  # Escape: stop the work; the dialog closes when it has stopped
        if self.panel.busy:
            self.panel.cancel()
            return
        super().reject()


def _in_worker(window, title: str, name: str, work, done) -> Task:
    """Run ``work(step)`` with a WorkDialog; ``done(task)`` says what happened."""
    dialog = WorkDialog(window, title, name)
    task = Task(work, parent=window)
    task.ended.connect(lambda: done(task))
    window.work_dialog = dialog
    window.work_task = task
    dialog.run(task)
    return task


def import_dialog(window, names: list[str] | None = None, status: str | None = None) -> Task | None:
    """Ask for files (and what clean reports become), import them in a worker, show a line per report.

    Each input (a file, a folder, a zip) is one transaction: Cancel stops before the next input, and the input
    being read when it came is not kept at all."""
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
    store, names = window.store, list(names)

    def work(step):
        return import_files(store, names, status=status,
                            progress=lambda label, done: step(tr("Importing {0}: reports read").format(label),
                                                              done, 0))

    def done(task: Task) -> None:
        window.refresh()
        if task.was_cancelled:
            _show(window, tr("Import"), tr("Stopped. The files read before the stop are imported; the file being "
                                           "read when it came is not (nothing of it was kept)."), "import_results")
            return
        if task.error is not None:
            _show(window, tr("Import"), words(task.error), "import_results")
            return
        results, problems = task.result
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
        _show(window, tr("Import"), "\n".join(lines), "import_results")

    return _in_worker(window, tr("Importing NIBRS files"), "import_progress", work, done)


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
        words_ = {"rejected": tr("REJECTED"), "warned": tr("accepted with warnings"), "accepted": tr("accepted"),
                  "unmatched": tr("names no report here"), "kept": tr("noted, status kept")}
        text = "\n".join(f"{words_[k]}: {item}" for k in ("rejected", "warned", "kept", "unmatched", "accepted")
                         for item in result.outcome.get(k, []))
    window.refresh()
    return _show(window, tr("State feedback"), text or tr("Nothing in the file concerns a report."),
                 "feedback_results")


def check_file_dialog(window, names: list[str] | None = None) -> Task | None:
    """Check NIBRS files against the FBI edits in a worker, without importing them (``nibrs-desk validate``)."""
    from desktop.nibrs.filecheck import FileCheckError, FileChecker, inputs

    if names is None:
        names, _ = QFileDialog.getOpenFileNames(window, tr("Check NIBRS files"), "",
                                                tr("NIBRS files (*.txt *.dat *.nibrs *.xml *.zip);;All files (*)"))
    if not names:
        return None
    agency = window.store.agency() if window.store is not None else None
    checker = FileChecker(spec_version=agency.spec_version if agency else "2019.1",
                          nibrs_start=agency.nibrs_start_date if agency else None,
                          federal=bool(agency and agency.federal))
    names = list(names)

    def work(step):
        lines: list[str] = []
        for item in inputs(names):
            read = 0
            try:
                for result in checker.check(item):
                    read += 1
                    if read % 200 == 0:
                        step(tr("Checking {0}: reports read").format(Path(item.label).name), read, 0)
                    for f in result.findings:
                        who = f.incident or ""
                        lines.append(f"{item.label}: {who} {f.severity} {f.error}: {f.message}".replace("  ", " "))
            except FileCheckError as exc:
                lines.append(tr("CANNOT BE READ: {0}").format(exc))
        return lines

    def done(task: Task) -> None:
        if task.was_cancelled:
            _show(window, tr("Check NIBRS files"), tr("Stopped before the end of the files."), "check_results")
            return
        if task.error is not None:
            _show(window, tr("Check NIBRS files"), words(task.error), "check_results")
            return
        t = checker.tally
        head = tr("{0} report(s) checked: {1} error(s), {2} warning(s).").format(t.reports, t.errors, t.warnings)
        _show(window, tr("Check NIBRS files"), "\n".join([head, ""] + task.result), "check_results")

    return _in_worker(window, tr("Checking NIBRS files"), "check_progress", work, done)


class ExportSelectedDialog(QDialog):
    """The format and the file for the selected reports."""

    def __init__(self, window, count: int):
        super().__init__(window)
        self.setObjectName("export_selected_dialog")
        self.setWindowTitle(tr("Export the selected reports"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Writes the {0} selected report(s) to a NIBRS file: a copy to keep or hand on. It is not a "
                          "submission: nothing is recorded as sent and no report changes status.").format(count))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setObjectName("export_selected_format")
        self.format.addItem(tr("FBI flat file"), "flat")
        self.format.addItem(tr("NIBRS XML (zip of documents)"), "xml")
        label = QLabel(tr("F&ormat:"))
        label.setBuddy(self.format)
        form.addRow(label, self.format)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def export_selected(window, path: str | None = None, fmt: str | None = None) -> Task | None:
    """Write the selected reports to a NIBRS flat file or XML zip (not a submission), in a worker."""
    from desktop.submission.selection import write_selection

    chosen = [s for s in window.selected_all() if s.kind in ("incident", "group_b")]
    if not chosen or window.store is None:
        return None
    if fmt is None:
        dialog = ExportSelectedDialog(window, len(chosen))
        if not dialog.exec():
            return None
        fmt = dialog.format.currentData()
    if path is None:
        suffix = "txt" if fmt == "flat" else "zip"
        default = f"{window.store.agency().ori if window.store.agency() else 'reports'}-selection-" \
                  f"{date.today():%Y%m%d}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(window, tr("Export the selected reports"), default,
                                              tr("Flat files (*.txt)") if fmt == "flat" else tr("Zip files (*.zip)"))
        if not path:
            return None
    store, keys = window.store, [(s.kind, s.id) for s in chosen]

    def work(step):
        return write_selection(store, keys, path, fmt, progress=lambda done, total: step(tr("Writing"), done, total))

    def done(task: Task) -> None:
        if task.was_cancelled:
            window.statusBar().showMessage(tr("Stopped: no file was written."), 10000)
        elif task.error is not None:
            _show(window, tr("Export the selected reports"), tr("Nothing was written: {0}").format(words(task.error)),
                  "export_selected_results")
        else:
            window.statusBar().showMessage(tr("Wrote {0} report(s) to {1}").format(len(keys), task.result), 15000)

    return _in_worker(window, tr("Exporting the selected reports"), "export_selected_progress", work, done)


def _show(window, title: str, text: str, name: str) -> ResultDialog:
    dialog = ResultDialog(title, text, window, name=name)
    window.result_dialog = dialog
    dialog.open()
    return dialog


def certification_packet(window, folder: str | None = None) -> Task | None:
    """Monthly submission > Certification packet: the last three months exported, their files by the FBI's names,
    a zero report test, the error rates and the corrections, written in a worker into the folder chosen."""
    from desktop.submission.quality import packet_months, write_packet

    store = window.store
    if store is None:
        return None
    months = packet_months(store)
    if not months:
        _show(window, tr("Certification packet"), tr("No month has been exported yet: a certification packet holds "
                                                     "the months' files."), "packet_results")
        return None
    if folder is None:
        folder = QFileDialog.getExistingDirectory(window, tr("Write the certification packet for {0} in").format(
            ", ".join(str(m) for m in months)))
        if not folder:
            return None

    def work(step):
        step(tr("Writing the certification packet"), 0, 1)
        return write_packet(store, folder, months)

    def done(task: Task) -> None:
        if task.error is not None:
            _show(window, tr("Certification packet"), tr("Nothing was written: {0}").format(words(task.error)),
                  "packet_results")
            return
        packet = task.result
        _show(window, tr("Certification packet"),
              "\n".join([tr("The certification packet for {0} is in {1}:").format(
                  ", ".join(str(m) for m in packet.months), packet.folder)]
                        + [f"  {p.relative_to(packet.folder)}" for p in packet.files]), "packet_results")

    return _in_worker(window, tr("Writing the certification packet"), "packet_progress", work, done)
