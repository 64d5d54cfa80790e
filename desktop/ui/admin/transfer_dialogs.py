"""Moving reports between computers: write a transfer file, read one, and settle the conflicts.

A deputy's laptop writes its reports to an encrypted transfer file (``write_transfer``); the
office computer reads it (``import_transfer``), which merges by ORI and number and lists what
happened to each report. A report changed on both computers is a conflict, kept until a
supervisor chooses in the Conflicts window, where both versions stand side by side, field by
field: "Keep mine" (this computer's) or "Take theirs" (the incoming one).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desktop.nibrs import serialize
from desktop.store import audit, users
from desktop.ui.describe import field_words, value_words
from desktop.ui.dialogs import FormDialog, button, differ, password_field, status_words, words
from desktop.ui.qt import (
    ERROR_COLOUR, ERROR_STYLE, GOOD_STYLE, QAbstractItemView, QColor, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget, Qt, tr, resize_within_screen,
)
from desktop.ui.worker import ProgressPanel, Task

MIN_TRANSFER_PASSPHRASE = 8
FILE_FILTER = "NIBRS Desk transfer files (*.ndt);;All files (*)"



class _Working:
    """A transfer dialog's work in a worker: ``start(work, done)`` shows a busy bar, then ``done(task)``."""

    def _panel(self, name: str) -> None:
        self.panel = ProgressPanel(name)
        self.panel.hide()
        self.layout_.insertWidget(self.layout_.indexOf(self.error), self.panel)
        self.task: Task | None = None

    def _start(self, work, done) -> Task:
        self.task = Task(work, parent=self, cancellable=False)
        self.task.ended.connect(lambda: self._ended(done))
        self.ok_button.setEnabled(False)
        self.panel.show()
        return self.panel.run(self.task)

    def _ended(self, done) -> None:
        self.panel.hide()
        self.ok_button.setEnabled(True)
        done(self.task)

    def closeEvent(self, e) -> None:
        if self.task is not None and self.task.running:
            self.task.wait()
        super().closeEvent(e)


def _file_row(dialog: FormDialog, name: str, browse) -> QLineEdit:
    """A file name field with a Browse button beside it."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    field = QLineEdit()
    field.setObjectName(name)
    row.addWidget(field, 1)
    browse_button = button(tr("&Browse..."), f"{name}_browse", lambda: browse(field))
    row.addWidget(browse_button)
    label = QLabel(tr("&File:"))
    label.setBuddy(field)
    dialog.form.addRow(label, box)
    field.setAccessibleName(tr("Transfer file"))
    dialog._chain_add(field)
    dialog._chain_add(browse_button)
    return field


class TransferOutDialog(_Working, FormDialog):
    """Write this computer's reports to an encrypted transfer file."""

    def __init__(self, session, parent=None):
        super().__init__(parent or session.window, "", "transfer_out_dialog")
        self.session = session
        self.store = session.store
        self.store.actor.require(users.TRANSFER)
        self.written = 0
        self.setWindowTitle(self.tr("Write a transfer file"))
        self.set_intro(self.tr(
            "Writes the reports on this computer to an encrypted file, for the office computer to read (Tools > "
            "Transfer: read a file). The office needs the passphrase: tell it in person or by phone, never "
            "with the file."))
        self.ok_button.setText(self.tr("Write file"))
        self.cancel_button.setText(self.tr("Close"))
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        self.path = _file_row(self, "transfer_out_file", self._browse)
        self.path.setText(str(Path.home() / f"nibrs-transfer-{self.store.user or 'reports'}-{stamp}.ndt"))
        self.passphrase, self.again = self.add_secret_twice(
            self.tr("&Passphrase:"), "transfer_out_passphrase", self.tr("Transfer passphrase again"),
            accessible=self.tr("Transfer passphrase"), again_name="transfer_out_again")
        self._panel("transfer_out_progress")
        self.finish_tab_order()
        self.passphrase.setFocus()

    def _browse(self, field: QLineEdit) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Transfer file"), field.text(), tr(FILE_FILTER))
        if path:
            field.setText(path)

    def submit(self) -> str | None:
        """What is wrong with the fields, or None (the file is then written in a worker: ``accept``)."""
        path = self.path.text().strip()
        if not path:
            return self.tr("Name the transfer file.")
        if len(self.passphrase.text()) < MIN_TRANSFER_PASSPHRASE:
            return self.tr("The transfer passphrase needs at least {0} characters.").format(MIN_TRANSFER_PASSPHRASE)
        return differ(self.passphrase, self.again,
                      self.tr("The two passphrases differ. Type it again in the last field."))

    def accept(self) -> None:
        from desktop.store.transfer import write_transfer

        if (self.task is not None and self.task.running) or not self.submitted():
            return
        store, path, passphrase = self.store, Path(self.path.text().strip()), self.passphrase.text()
        self.passphrase.clear()
        self.again.clear()
        self.show_info(self.tr("Writing {0}...").format(path))
        self._start(lambda step: write_transfer(store, path, passphrase), self._written)

    def _written(self, task: Task) -> None:
        from desktop.store.errors import StoreError
        from desktop.store.transfer import TransferError

        # StoreError covers a refusal of the role (AccessError) and lock.Busy (another writer at work)
        if isinstance(task.error, (TransferError, OSError, StoreError)):
            self.show_info("")
            self.show_error(self.tr("The file was not written: {0}").format(words(task.error)))
            self.passphrase.setFocus()
            return
        if task.error is not None:
            raise task.error
        self.written = task.result
        self.show_info(self.tr("Wrote {0} report(s) to {1}").format(self.written, self.path.text().strip()))
        self.cancel_button.setFocus()


class TransferInDialog(_Working, FormDialog):
    """Read a transfer file into this computer's database; what happened to each report is listed."""

    def __init__(self, session, parent=None):
        super().__init__(parent or session.window, "", "transfer_in_dialog")
        self.session = session
        self.store = session.store
        self.store.actor.require(users.IMPORT, "import transfer files")
        self.result = None
        self.setWindowTitle(self.tr("Read a transfer file"))
        self.set_intro(self.tr("Merges the reports of a transfer file into this computer's database, by ORI and "
                               "number. A report changed on both computers is never overwritten: it waits in "
                               "Tools > Transfer conflicts for a supervisor. The file must come from a computer "
                               "paired here (Tools > Transfer: paired computers); it may change only what the "
                               "person that computer belongs to could change, or nothing of it is read."))
        self.ok_button.setText(self.tr("Read file"))
        self.cancel_button.setText(self.tr("Close"))
        self.path = _file_row(self, "transfer_in_file", self._browse)
        self.passphrase = self.add_row(self.tr("&Passphrase:"), password_field("transfer_in_passphrase"),
                                       accessible=self.tr("Transfer passphrase"))
        self.summary = QLabel()
        self.summary.setObjectName("transfer_summary")
        self.summary.setWordWrap(True)
        self.report = QListWidget()
        self.report.setObjectName("transfer_report")
        self.report.setMinimumHeight(140)
        self.report.setWordWrap(True)
        self.report.setAccessibleName(self.tr("What happened to each report"))
        self.report_label = QLabel(self.tr("&What happened:"))
        self.report_label.setBuddy(self.report)
        self.layout_.insertWidget(self.layout_.indexOf(self.error), self.summary)
        self.layout_.insertWidget(self.layout_.indexOf(self.error), self.report_label)
        self.layout_.insertWidget(self.layout_.indexOf(self.error), self.report, 10)
        for w in (self.summary, self.report_label, self.report):
            w.hide()
        self.conflicts_button = self.buttons.addButton(self.tr("Open the &conflicts..."), QDialogButtonBox.ActionRole)
        self.conflicts_button.setObjectName("open_conflicts")
        self.conflicts_button.clicked.connect(self._conflicts)
        self.conflicts_button.hide()
        self._chain_add(self.report)
        self._panel("transfer_in_progress")
        self.finish_tab_order()
        self.chars = 100  # the report of what happened to each report needs the room

    def _browse(self, field: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Transfer file"), field.text() or str(Path.home()),
                                              tr(FILE_FILTER))
        if path:
            field.setText(path)

    def submit(self) -> str | None:
        """What is wrong with the fields, or None (the file is then read in a worker: ``accept``)."""
        if not self.path.text().strip():
            return self.tr("Name the transfer file.")
        return None

    def accept(self) -> None:
        from desktop.store.transfer import import_transfer

        if (self.task is not None and self.task.running) or not self.submitted():
            return
        store, path, passphrase = self.store, Path(self.path.text().strip()), self.passphrase.text()
        self._start(lambda step: import_transfer(store, path, passphrase), self._read)

    def _read(self, task: Task) -> None:
        from desktop.store.service import StoreError
        from desktop.store.transfer import TransferError, TransferRefused

        if isinstance(task.error, TransferRefused):  # the records refused, one line each: nothing was read
            self.report.clear()
            for line in task.error.refusals:
                item = QListWidgetItem(line)
                item.setForeground(QColor(ERROR_COLOUR))
                self.report.addItem(item)
            n = len(task.error.refusals)
            self.summary.setText(self.tr("Nothing was read: {0} record(s) of {1} are not what its author may change "
                                         "here, or are damaged. Ask them to correct the file.").format(
                n, Path(self.path.text().strip()).name))
            for w in (self.summary, self.report_label, self.report):
                w.show()
            self.show_error(self.tr("Nothing was read: the file was refused."))
            self.conflicts_button.hide()
            self.report.setFocus()
            return
        if isinstance(task.error, (TransferError, StoreError, OSError)):
            self.show_error(self.tr("Nothing was read: {0}").format(words(task.error)))
            self.passphrase.setFocus()
            self.passphrase.selectAll()
            return
        if task.error is not None:
            raise task.error
        self.show_error("")
        self.result = task.result
        self.passphrase.clear()
        r = self.result
        self.report.clear()
        words_for = {"conflicts": tr("CONFLICT: changed on both computers; a supervisor chooses"),
                     "created": tr("new"), "updated": tr("updated"), "deleted": tr("deleted"),
                     "unchanged": tr("unchanged"), "kept_local": tr("kept: this computer's copy is newer")}
        for attr, text in words_for.items():
            for label in getattr(r, attr):
                item = QListWidgetItem(f"{label} — {text}")
                if attr == "conflicts":
                    item.setForeground(QColor(ERROR_COLOUR))
                self.report.addItem(item)
        self.summary.setText(self.tr("Read {0}: {1} new, {2} updated, {3} deleted, {4} unchanged, {5} conflict(s)."
                                     ).format(Path(self.path.text().strip()).name, len(r.created), len(r.updated),
                                              len(r.deleted), len(r.unchanged) + len(r.kept_local), len(r.conflicts)))
        for w in (self.summary, self.report_label, self.report):
            w.show()
        self.fit()
        can_resolve = self.store.actor.can(users.RESOLVE_CONFLICTS)
        self.conflicts_button.setVisible(bool(r.conflicts) and can_resolve)
        self.session.window.refresh()

    def _conflicts(self) -> None:
        from desktop.ui.admin import tools

        self.session.open_tool("conflicts", tools.conflicts)


# ------------------------------------------------------------------------------------ conflicts
def origin_words(origin: str) -> str:
    """ "<machine id> <user>" (as transfer files name their origin) -> "dee on computer 3f2a9c1e"."""
    machine, _, user = (origin or "").partition(" ")
    if not machine:
        return tr("another computer")
    return tr("{0} on computer {1}").format(user or tr("someone"), machine[:8])


def differences(store, local, incoming) -> list[tuple[str, str, str, bool]]:
    """(field, this computer's value, the incoming value, restricted) for every field that differs."""
    from desktop.forms.access import hidden_elements

    d = store.dictionary
    hidden = hidden_elements(store)
    before = serialize.report_to_dict(local) if local is not None else {}
    after = serialize.report_to_dict(incoming)
    out = []
    for path, (mine, theirs) in audit.diff(before, after).items():
        name, element = field_words(d, incoming if local is None else local, path)
        if element is not None and element.id in hidden:
            out.append((name, tr("(restricted)"), tr("(restricted)"), True))
            continue
        out.append((name, value_words(d, element, mine), value_words(d, element, theirs), False))
    return out


class ConflictsDialog(QDialog):
    """Reports changed on both computers, each with its differences; keep mine or take theirs."""

    def __init__(self, session, parent=None):
        super().__init__(parent or session.window)
        self.session = session
        self.store = session.store
        self.store.actor.require(users.RESOLVE_CONFLICTS)
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle(self.tr("Transfer conflicts"))
        self.conflicts = []
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Each report below was changed on this computer and on the one that wrote the "
                               "transfer file. Both versions are kept until you choose. The chosen version goes "
                               "back through review."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        list_label = QLabel(self.tr("&Conflicts:"))
        self.list = QListWidget()
        self.list.setObjectName("conflicts_list")
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Conflicts"))
        self.list.currentRowChanged.connect(lambda _row: self._show())
        list_label.setBuddy(self.list)
        left_layout.addWidget(list_label)
        left_layout.addWidget(self.list, 1)
        split.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.versions = QLabel()
        self.versions.setObjectName("conflict_versions")
        self.versions.setWordWrap(True)
        right_layout.addWidget(self.versions)
        diff_label = QLabel(self.tr("&Differences, field by field:"))
        right_layout.addWidget(diff_label)
        self.diff = QTableWidget(0, 3)
        self.diff.setObjectName("conflict_diff")
        self.diff.setAccessibleName(self.tr("Differences, field by field"))
        self.diff.setHorizontalHeaderLabels([self.tr("Field"), self.tr("This computer (mine)"),
                                             self.tr("Incoming (theirs)")])
        self.diff.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.diff.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.diff.verticalHeader().setVisible(False)
        self.diff.setWordWrap(True)
        header = self.diff.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        diff_label.setBuddy(self.diff)
        right_layout.addWidget(self.diff, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.keep_button = button(self.tr("Keep &mine"), "keep_mine", lambda: self.resolve("local"),
                                  tip=self.tr("Keep this computer's version; the incoming one is set aside"))
        self.take_button = button(self.tr("Take &theirs"), "take_theirs", lambda: self.resolve("incoming"),
                                  tip=self.tr("Replace this computer's version with the incoming one"))
        row.addWidget(self.keep_button)
        row.addWidget(self.take_button)
        row.addStretch(1)
        row.addWidget(button(self.tr("Close"), "conflicts_close", self.close))
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("conflicts_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        resize_within_screen(self, 980, 560)
        self.reload()

    def reload(self) -> None:
        from desktop.store.transfer import open_conflicts

        self.conflicts = open_conflicts(self.store)
        self.list.clear()
        for c in self.conflicts:
            item = QListWidgetItem(self.tr("{0}\nwritten by {1}, read {2}").format(
                c.key, origin_words(c.origin), c.received_at.strftime("%m/%d/%Y %H:%M")))
            item.setToolTip(c.origin)
            self.list.addItem(item)
        if self.conflicts:
            self.list.setCurrentRow(0)
        self._show()

    def current(self):
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self) -> None:
        c = self.current()
        for b in (self.keep_button, self.take_button):
            b.setEnabled(c is not None)
        if c is None:
            self.versions.setText(self.tr("No conflicts: every transferred report is settled."))
            self.diff.setRowCount(0)
            return
        if c.local is None:
            text = self.tr("{0}: this computer's version was deleted; the incoming one was changed.").format(c.key)
        elif c.incoming_deleted:
            text = self.tr("{0}: this computer's version was changed; the incoming one is deleted.").format(c.key)
        else:
            status = status_words(c.incoming_status).lower()
            text = self.tr("{0}: both versions were changed (the incoming one is {1}). They differ in:").format(
                c.key, status)
        self.versions.setText(text)
        rows = differences(self.store, c.local, c.incoming)
        self.diff.setRowCount(len(rows))
        for r, (name, mine, theirs, _restricted) in enumerate(rows):
            for col, text in enumerate((name, mine, theirs)):
                self.diff.setItem(r, col, QTableWidgetItem(text))
        self.diff.resizeRowsToContents()

    def resolve(self, choice: str) -> bool:
        from desktop.store.transfer import TransferError, resolve_conflict

        c = self.current()
        if c is None:
            return False
        try:
            resolve_conflict(self.store, c.id, choice)
        except (TransferError, users.AccessError, ValueError) as exc:
            self.message.setText(self.tr("Not settled: {0}").format(words(exc)))
            self.message.setStyleSheet(ERROR_STYLE)
            return False
        self.message.setText(self.tr("{0}: kept this computer's version.").format(c.key) if choice == "local" else
                             self.tr("{0}: took the incoming version; it goes back through review.").format(c.key))
        self.message.setStyleSheet(GOOD_STYLE)
        self.reload()
        self.session.window.refresh()
        return True


__all__ = ["TransferOutDialog", "TransferInDialog", "ConflictsDialog", "differences"]
