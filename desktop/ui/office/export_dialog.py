"""The monthly export from the office window: the month's summary first, then the file; the work off the GUI thread.

The dialog checks the month as soon as it opens (and again when the month, the format or the "errors allowed"
box changes): what the file would hold, in counts, and every report that stops it, as a list: Enter on one
opens the report at its first error. The check runs in a worker (desktop.ui.worker) and keeps what it read in
the window's ``CheckCache``, so checking again reads and checks only the reports changed since. "Write the
file" writes and records it in a worker too, with a progress bar and Cancel: the file is written under a
temporary name and recorded in one transaction, so a stop leaves no file and no record. The summary prints, or
saves as PDF.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ui.dialogs import words
from desktop.ui.qt import (
    ERROR_STYLE, QCheckBox, QComboBox, QDialog, QEvent, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QTimer, QVBoxLayout, QWidget, Qt, Signal,
    tr, resize_within_screen,
)
from desktop.ui.worker import ProgressPanel, Task

if TYPE_CHECKING:  # pragma: no cover
    from desktop.store.service import Store

def previous_month(today: date | None = None) -> str:
    from desktop.submission.months import Month

    return str(Month.of(today or date.today()).previous())


def default_folder(store) -> str:
    base = store.db.data_dir if store.db.data_dir is not None else Path.home()
    return str(Path(base) / "exports")


def _stage(step):
    """``desktop.submission.export``'s progress (stage, done, total) as the worker's steps, in words."""
    names = {"checking": tr("Checking"), "writing": tr("Writing"), "recording": tr("Recording")}
    return lambda stage, done, total: step(names.get(stage, stage), done, total)


class ExportDialog(QDialog):
    """Choose the month and format, read the summary, write the file."""

    exported = Signal(int)  # export id
    checked = Signal()  # a check is over (its plan, or its refusal, is shown)

    def __init__(self, store: Store, parent=None, *, today: date | None = None, cache=None):
        super().__init__(parent)
        from desktop.store import users
        from desktop.submission.export import CheckCache

        self.store = store
        self.today = today or date.today()
        self.cache = cache if cache is not None else CheckCache()
        self.plan = None
        self.result = None
        self.task: Task | None = None
        self._again = False  # a check was asked for while one ran
        self.setObjectName("export_dialog")
        self.setWindowTitle(tr("Export the month's file"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.month = QLineEdit(previous_month(self.today))
        self.month.setObjectName("export_month")
        self.month.setPlaceholderText("YYYY-MM")
        self.month.setAccessibleName(tr("Month of submission"))
        self.format = QComboBox()
        self.format.setObjectName("export_format")
        self.format.setAccessibleName(tr("Format"))
        self.format.addItem(tr("FBI flat file"), "flat")
        self.format.addItem(tr("NIBRS XML (zip of documents)"), "xml")
        profile = self._profile()
        if profile is not None and profile.xml_namespace is not None:
            self.format.addItem(tr("{0} XML (zip of documents, with the state's elements)").format(profile.name),
                                "state-xml")
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(default_folder(store))
        self.folder.setObjectName("export_folder")
        self.folder.setAccessibleName(tr("Folder"))
        browse = QPushButton(tr("&Browse..."))
        browse.setObjectName("export_browse")
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.allow_errors = QCheckBox(tr("Send reports with FBI &errors anyway"))
        self.allow_errors.setObjectName("export_allow_errors")
        for text, widget in ((tr("&Month (YYYY-MM):"), self.month), (tr("F&ormat:"), self.format)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        folder_label = QLabel(tr("&Folder:"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.allow_errors)
        layout.addLayout(form)

        split = QSplitter(Qt.Vertical)
        blocked_box = QWidget()
        blocked_layout = QVBoxLayout(blocked_box)
        blocked_layout.setContentsMargins(0, 0, 0, 0)
        self.blocked_label = QLabel(tr("Reports that &stop the file (Enter opens one at its first error):"))
        self.blocked = QListWidget()
        self.blocked.setObjectName("export_blocked")
        self.blocked.setAccessibleName(tr("Reports that stop the file"))
        self.blocked.setWordWrap(True)
        self.blocked.itemActivated.connect(self.open_blocked)
        self.blocked.installEventFilter(self)  # Enter opens the report; it does not press a button too
        self.blocked_label.setBuddy(self.blocked)
        blocked_layout.addWidget(self.blocked_label)
        blocked_layout.addWidget(self.blocked, 1)
        self.blocked_box = blocked_box
        blocked_box.hide()
        split.addWidget(blocked_box)
        summary_box = QWidget()
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_label = QLabel(tr("What the file holds (s&ummary):"))
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("export_summary")
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(tr("Summary of the month's file"))
        font = self.summary.font()
        font.setFamily("monospace")
        self.summary.setFont(font)
        summary_label.setBuddy(self.summary)
        summary_layout.addWidget(summary_label)
        summary_layout.addWidget(self.summary, 1)
        split.addWidget(summary_box)
        layout.addWidget(split, 1)
        self.panel = ProgressPanel("export_panel")
        self.progress = self.panel.bar
        self.progress.setObjectName("export_progress")
        layout.addWidget(self.panel)
        self.message = QLabel()
        self.message.setObjectName("export_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(tr("Check a&gain"))
        self.check_button.setObjectName("export_check")
        self.check_button.clicked.connect(self.check)
        self.print_button = QPushButton(tr("&Print the summary..."))
        self.print_button.setObjectName("export_print_summary")
        self.print_button.clicked.connect(self.print_summary)
        self.pdf_button = QPushButton(tr("Save the summary as P&DF..."))
        self.pdf_button.setObjectName("export_pdf_summary")
        self.pdf_button.clicked.connect(self.pdf_summary)
        self.write_button = QPushButton(tr("&Write the file"))
        self.write_button.setObjectName("export_write")
        self.write_button.clicked.connect(self.write)
        self.write_button.setEnabled(False)
        close = QPushButton(tr("Close"))
        close.setObjectName("export_close")
        close.clicked.connect(self.reject)
        self.write_button.setDefault(True)
        close.setAutoDefault(False)
        for b in (self.check_button, self.print_button, self.pdf_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.may_export = store.actor is not None and store.actor.can(users.EXPORT)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.check)
        self.month.textChanged.connect(self._changed)
        self.format.currentIndexChanged.connect(self._changed)
        self.allow_errors.toggled.connect(self._changed)
        self._summary_shown = False
        resize_within_screen(self, self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 40)
        QTimer.singleShot(0, self.check)

    def _profile(self):
        from desktop.nibrs.profiles import get_profile

        try:
            return get_profile(self.store.profile or "fbi")
        except KeyError:
            return None

    def eventFilter(self, obj, e) -> bool:
        if obj is self.blocked and e.type() == QEvent.KeyPress and e.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.open_blocked()
            return True
        return super().eventFilter(obj, e)

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    # ------------------------------------------------------------------ steps
    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the month's file"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _changed(self, *_args) -> None:
        """The month, the format or the box changed: the plan shown is no longer the one to write."""
        if self.busy and getattr(self.task, "kind", "") == "write":
            return
        self.plan = None
        self.write_button.setEnabled(False)
        self._timer.start()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def check(self) -> Task | None:
        """Work out the month's file in a worker and show its summary (writes nothing)."""
        from desktop.submission.export import plan_export
        from desktop.submission.months import Month

        self._timer.stop()
        if self.busy:  # a change while checking: this check stops, the next one follows
            if getattr(self.task, "kind", "") == "check":
                self._again = True
                self.task.cancel()
            return None
        self.write_button.setEnabled(False)
        self.plan = None
        try:
            month = Month.parse(self.month.text())
        except ValueError as exc:
            self._show_nothing(str(exc))
            return None
        fmt, allow, today, store, cache = (self.format.currentData(), self.allow_errors.isChecked(), self.today,
                                           self.store, self.cache)

        def work(step):
            plan = plan_export(store, month, fmt=fmt, today=today, allow_errors=allow, progress=_stage(step),
                               cache=cache)
            return plan, plan.summary(store).text()  # the summary too: nothing long is left for the window

        self._say(tr("Checking {0}...").format(month.words))
        self.task = Task(work, parent=self)
        self.task.kind = "check"
        self.task.succeeded.connect(self._checked)
        self.task.failed.connect(lambda exc: self._show_nothing(words(exc)))
        self.task.ended.connect(self._check_ended)
        self.panel.run(self.task)
        return self.task

    def _check_ended(self) -> None:
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.check)
            return
        if self.task is not None and self.task.was_cancelled and self.plan is None:
            self._say(tr("The check was stopped. Check again when you are ready."))
        self.checked.emit()

    def _show_nothing(self, problem: str) -> None:
        self.summary.setPlainText("")
        self.blocked.clear()
        self.blocked_box.hide()
        self._say(problem, error=True)

    def _checked(self, outcome) -> None:
        plan, text = outcome
        self.plan = plan
        if plan.nothing_new:
            text = plan.nothing_new_message() + "\n\n" + text
        self.summary.setPlainText(text)
        self.blocked.clear()
        stops = plan.blocked and not plan.allow_errors
        for b in plan.blocked if stops else []:
            first = b.errors[0]
            item = QListWidgetItem(tr("{0}: error {1}: {2}").format(b.number, first.error, first.message) +
                                   (tr(" (and {0} more)").format(len(b.errors) - 1) if len(b.errors) > 1 else ""))
            item.setData(Qt.UserRole, (b.kind, b.record_id, first.path or ""))
            item.setToolTip("\n".join(b.lines()))
            self.blocked.addItem(item)
        self.blocked_box.setVisible(bool(stops))
        if stops:
            self.blocked.setCurrentRow(0)
        if plan.nothing_new:
            self._say(plan.nothing_new_message())
        elif stops:
            self._say(tr("{0} report(s) have errors (listed above the summary): fix them, return them to draft to send "
                         "them later, or tick 'Send reports with FBI errors anyway'.").format(len(plan.blocked)),
                      error=True)
        elif not self.may_export:
            self._say(tr("{0} may look, but only someone allowed to export can write the file.").format(
                self.store.user), error=True)
        else:
            self._say(tr("Ready: {0} report(s) to write. Read the summary, then write the file.").format(
                len(plan.sent)))
            self.write_button.setEnabled(True)

    def open_blocked(self, item: QListWidgetItem | None = None):
        """The report of a blocked line, opened at its first error."""
        item = item or self.blocked.currentItem()
        window = self.parentWidget()
        if item is None or window is None or not hasattr(window, "open_record"):
            return None
        kind, record_id, path = item.data(Qt.UserRole)
        if kind not in ("incident", "group_b") or record_id is None:
            return None
        wizard = window.open_record(kind, record_id)
        if wizard is not None and path:
            wizard.jump_to(path)
        return wizard

    def write(self) -> Task | None:
        """Write and record the file in a worker; ``exported`` says when it is done."""
        from desktop.submission.export import run_export

        if self.plan is None or self.busy:
            return None
        plan, store = self.plan, self.store
        folder = self.folder.text().strip() or default_folder(store)
        self.write_button.setEnabled(False)
        self.check_button.setEnabled(False)

        def work(step):
            return run_export(store, plan, folder, progress=_stage(step))

        self._say(tr("Writing the file..."))
        self.task = Task(work, parent=self)
        self.task.kind = "write"
        self.task.succeeded.connect(self._written)
        self.task.failed.connect(lambda exc: self._say(tr("Nothing was written: {0}").format(words(exc)),
                                                       error=True))
        self.task.cancelled.connect(lambda: self._say(tr("Stopped: nothing was written and nothing recorded.")))
        self.task.ended.connect(self._write_ended)
        self.panel.run(self.task)
        return self.task

    def _write_ended(self) -> None:
        self.check_button.setEnabled(True)
        if self.result is None and self.plan is not None:
            self.write_button.setEnabled(True)

    def _written(self, result) -> None:
        self.result = result
        self.plan = None
        digest = result.files[0].sha256 if len(result.files) == 1 else ""
        self._say(tr("Written: {0}{1}. The reports in it are now submitted; this is export {2}.").format(
            result.path, f" (SHA-256 {digest})" if digest else "", result.export_id))
        self.summary.setPlainText(result.summary.text())
        self.blocked_box.hide()
        self.exported.emit(result.export_id)

    # ------------------------------------------------------------------ the summary on paper
    def _summary_page(self) -> str:
        from desktop.ui.wizard import printing

        agency = self.store.agency()
        title = tr("Monthly summary, {0}").format(self.month.text().strip())
        return printing.summary_html(title, self.summary.toPlainText(),
                                     agency=f"{agency.name} (ORI {agency.ori})" if agency else "")

    def print_summary(self) -> bool:
        from desktop.ui.qt import QPrintDialog

        from desktop.ui.wizard import printing

        printer = printing.make_printer()
        if not QPrintDialog(printer, self).exec():
            return False
        printing.print_html(self._summary_page(), printer)
        return True

    def pdf_summary(self) -> str | None:
        from desktop.ui.wizard import printing

        path, _ = QFileDialog.getSaveFileName(self, tr("Save the summary as PDF"),
                                              tr("summary {0}.pdf").format(self.month.text().strip()),
                                              tr("PDF (*.pdf)"))
        if not path:
            return None
        printing.save_pdf(self._summary_page(), path)
        self._say(tr("Saved {0}").format(path))
        return path

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self.busy:  # Escape or Close while working: stop first (nothing is left half written)
            self.panel.cancel()
            self.task.wait()
        super().reject()

    def closeEvent(self, e) -> None:
        if self.busy:
            self.panel.cancel()
            self.task.wait()
        super().closeEvent(e)


class ResultDialog(QDialog):
    """Lines of text to read (an import's report, what a feedback file did)."""

    def __init__(self, title: str, text: str, parent=None, *, name: str = "result_dialog"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        resize_within_screen(self, 820, 520)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(text)
        self.text.setObjectName(f"{name}_text")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(title)
        layout.addWidget(self.text, 1)
        close = QPushButton(tr("Close"))
        close.setObjectName(f"{name}_close")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignRight)


__all__ = ["ExportDialog", "ResultDialog", "previous_month"]
