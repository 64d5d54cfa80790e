"""The monthly export from the office window: the month's summary first, then the file, with a progress bar.

The dialog checks the month as soon as it opens (and again when the month, the format or the
"errors allowed" box changes): what the file would hold, in counts, and every report that stops
it, by number, error and message. "Write the file" writes and records it (``desktop.submission``),
showing progress; the office window's list then shows the reports as submitted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ui.qt import (
    ERROR_STYLE, QApplication, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QTimer, QVBoxLayout, Qt, Signal, tr,
)

if TYPE_CHECKING:  # pragma: no cover
    from desktop.store.service import Store



def previous_month(today: date | None = None) -> str:
    from desktop.submission.months import Month

    return str(Month.of(today or date.today()).previous())


def default_folder(store) -> str:
    base = store.db.data_dir if store.db.data_dir is not None else Path.home()
    return str(Path(base) / "exports")


class ExportDialog(QDialog):
    """Choose the month and format, read the summary, write the file."""

    exported = Signal(int)  # export id

    def __init__(self, store: Store, parent=None, *, today: date | None = None):
        super().__init__(parent)
        from desktop.store import users

        self.store = store
        self.today = today or date.today()
        self.plan = None
        self.result = None
        self.setObjectName("export_dialog")
        self.setWindowTitle(tr("Export the month's file"))
        self.resize(760, 640)
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
        summary_label = QLabel(tr("What the file holds (&summary):"))
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("export_summary")
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(tr("Summary of the month's file"))
        font = self.summary.font()
        font.setFamily("monospace")
        self.summary.setFont(font)
        summary_label.setBuddy(self.summary)
        layout.addWidget(summary_label)
        layout.addWidget(self.summary, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("export_progress")
        self.progress.setAccessibleName(tr("Progress"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setObjectName("export_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(tr("&Check again"))
        self.check_button.setObjectName("export_check")
        self.check_button.clicked.connect(self.check)
        self.write_button = QPushButton(tr("&Write the file"))
        self.write_button.setObjectName("export_write")
        self.write_button.clicked.connect(self.write)
        self.write_button.setEnabled(False)
        close = QPushButton(tr("Close"))
        close.setObjectName("export_close")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.may_export = store.actor is not None and store.actor.can(users.EXPORT)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.check)
        self.month.textChanged.connect(lambda _=None: self._timer.start())
        self.format.currentIndexChanged.connect(lambda _=None: self._timer.start())
        self.allow_errors.toggled.connect(lambda _=None: self._timer.start())
        QTimer.singleShot(0, self.check)

    def _profile(self):
        from desktop.nibrs.profiles import get_profile

        try:
            return get_profile(self.store.profile or "fbi")
        except KeyError:
            return None

    # ------------------------------------------------------------------ steps
    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the month's file"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def _progress(self, stage: str, done: int, total: int) -> None:
        share = {"checking": (0, 30), "writing": (30, 60), "recording": (90, 10)}.get(stage, (0, 100))
        self.progress.setValue(share[0] + (share[1] * done // total if total else share[1]))
        self.progress.setFormat(tr("{0}: {1} of {2}").format(
            {"checking": tr("Checking"), "writing": tr("Writing"), "recording": tr("Recording")}.get(stage, stage),
            done, total))
        QApplication.processEvents()

    def check(self) -> None:
        """Work out the month's file and show its summary (writes nothing)."""
        from desktop.store.service import StoreError
        from desktop.submission.export import plan_export
        from desktop.submission.months import Month

        self._timer.stop()
        self.write_button.setEnabled(False)
        self.plan = None
        try:
            month = Month.parse(self.month.text())
        except ValueError as exc:
            self.summary.setPlainText("")
            self._say(str(exc), error=True)
            return
        self.progress.setValue(0)
        try:
            plan = plan_export(self.store, month, fmt=self.format.currentData(), today=self.today,
                               allow_errors=self.allow_errors.isChecked(), progress=self._progress)
        except StoreError as exc:
            self.summary.setPlainText("")
            self._say(str(exc), error=True)
            return
        finally:
            self.progress.setFormat("%p%")
        self.plan = plan
        text = plan.summary(self.store).text()
        if plan.nothing_new:
            text = plan.nothing_new_message() + "\n\n" + text
        elif plan.blocked and not plan.allow_errors:
            stop = [line for b in plan.blocked for line in b.lines()]
            text = tr("Reports that stop the file (number: error and message):") + "\n" + \
                "\n".join(f"  {line}" for line in stop) + "\n\n" + text
        self.summary.setPlainText(text)
        self.progress.setValue(0)
        if plan.nothing_new:
            self._say(plan.nothing_new_message())
        elif plan.blocked and not plan.allow_errors:
            self._say(tr("{0} report(s) have errors (listed above the counts): fix them, return them to draft to send "
                         "them later, or tick 'Send reports with FBI errors anyway'.").format(len(plan.blocked)),
                      error=True)
        elif not self.may_export:
            self._say(tr("{0} may look, but only someone allowed to export can write the file.").format(
                self.store.user), error=True)
        else:
            self._say(tr("Ready: {0} report(s) to write. Read the summary, then write the file.").format(
                len(plan.sent)))
            self.write_button.setEnabled(True)

    def write(self) -> str | None:
        """Write and record the file; returns its path."""
        from desktop.store.service import StoreError
        from desktop.submission.export import run_export

        if self.plan is None:
            return None
        self.write_button.setEnabled(False)
        self.check_button.setEnabled(False)
        try:
            result = run_export(self.store, self.plan, self.folder.text().strip() or default_folder(self.store),
                                progress=self._progress)
        except (StoreError, OSError) as exc:  # a refusal, or the folder refuses the file
            self._say(str(exc), error=True)
            self.progress.setValue(0)
            return None
        finally:
            self.check_button.setEnabled(True)
            self.progress.setFormat("%p%")
        self.result = result
        self.plan = None
        self.progress.setValue(100)
        digest = result.files[0].sha256 if len(result.files) == 1 else ""
        self._say(tr("Written: {0}{1}. The reports in it are now submitted; this is export {2}.").format(
            result.path, f" (SHA-256 {digest})" if digest else "", result.export_id))
        self.summary.setPlainText(result.summary.text())
        self.exported.emit(result.export_id)
        return str(result.path)


class ResultDialog(QDialog):
    """Lines of text to read (an import's report, what a feedback file did)."""

    def __init__(self, title: str, text: str, parent=None, *, name: str = "result_dialog"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.resize(820, 520)
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
