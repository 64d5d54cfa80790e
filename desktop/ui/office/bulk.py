"""Acting on many reports at once: approve, return, from the office window's selection.

Approve takes every selected report that is ready for review and free of FBI errors; one question lists how
many that is and each report skipped with the reason. The approvals run in a worker (desktop.ui.worker) with a
progress bar and Cancel: each approval is one transaction, so a stop leaves every report either approved or as
it was. What the store refused (a permission, an error it found) is listed at the end. Return sends every
selected report that is ready or approved back to its author with one comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.ui.dialogs import status_words, words
from desktop.ui.qt import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QPlainTextEdit, QVBoxLayout, QWidget, Qt, tr, resize_within_screen,
)
from desktop.ui.worker import ProgressPanel, Task

if TYPE_CHECKING:  # pragma: no cover
    from desktop.store.service import RecordSummary


@dataclass
class Outcome:
    done: list = field(default_factory=list)  # summaries acted on
    refused: list[tuple[object, str]] = field(default_factory=list)  # (summary, why in words)


def approvable(chosen: list["RecordSummary"]) -> tuple[list, list[tuple[object, str]]]:
    """(the reports to approve, [(a report skipped, why)]) of a selection."""
    go, skipped = [], []
    for s in chosen:
        if s.status != "ready":
            skipped.append((s, tr("{0}: only a report ready for review is approved").format(status_words(s.status))))
        elif s.error_count:
            skipped.append((s, tr("{0} FBI error(s) to fix first").format(s.error_count)))
        else:
            go.append(s)
    return go, skipped


def returnable(chosen: list["RecordSummary"]) -> tuple[list, list[tuple[object, str]]]:
    go, skipped = [], []
    for s in chosen:
        if s.status in ("ready", "approved"):
            go.append(s)
        else:
            skipped.append((s, tr("{0}: only a report ready for review or approved is returned").format(
                status_words(s.status))))
    return go, skipped


def _line(s, why: str = "") -> str:
    return f"{s.number}: {why}" if why else s.number


class BulkDialog(QDialog):
    """What a bulk action will do, what it skips and why; then its progress, Cancel, and what happened."""

    def __init__(self, parent: QWidget, title: str, question: str, skipped: list[tuple[object, str]], ok: str,
                 *, comment: bool = False, name: str = "bulk_dialog"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        layout = QVBoxLayout(self)
        self.question = QLabel(question)
        self.question.setObjectName(f"{name}_question")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.comment = None
        if comment:
            label = QLabel(tr("&What needs changing (every author reads it):"))
            self.comment = QPlainTextEdit()
            self.comment.setObjectName(f"{name}_comment")
            self.comment.setTabChangesFocus(True)
            self.comment.setMinimumHeight(80)
            self.comment.setAccessibleName(tr("What needs changing"))
            label.setBuddy(self.comment)
            layout.addWidget(label)
            layout.addWidget(self.comment)
        self.skipped_label = QLabel(tr("&Skipped, and why ({0}):").format(len(skipped)))
        self.skipped = QListWidget()
        self.skipped.setObjectName(f"{name}_skipped")
        self.skipped.setAccessibleName(tr("Reports skipped, and why"))
        self.skipped.addItems([_line(s, why) for s, why in skipped])
        self.skipped_label.setBuddy(self.skipped)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped, 1)
        for w in (self.skipped_label, self.skipped):
            w.setVisible(bool(skipped))
        self.panel = ProgressPanel(f"{name}_progress")
        self.panel.hide()
        layout.addWidget(self.panel)
        self.message = QLabel()
        self.message.setObjectName(f"{name}_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok, QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName(f"{name}_ok")
        self.ok_button.setDefault(True)
        self.close_button = self.buttons.addButton(tr("Cancel"), QDialogButtonBox.RejectRole)
        self.close_button.setObjectName(f"{name}_cancel")
        self.buttons.accepted.connect(self.go)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.go_handler = None
        resize_within_screen(self, self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height() + 40)

    def go(self) -> None:
        if self.go_handler is not None and not self.panel.busy:
            self.go_handler()

    def reject(self) -> None:
        if self.panel.busy:  # Escape stops the work first; the dialog stays to say what was done
            self.panel.cancel()
            return
        super().reject()

    def closeEvent(self, e) -> None:
        if self.panel.busy:
            self.panel.cancel()
            self.panel.task.wait()
        super().closeEvent(e)


def _run(window, dialog: BulkDialog, targets: list, act, verb_done: str) -> Task:
    """Run ``act(store, summary) -> (record|None, why)`` on each target in a worker; then say what happened."""
    store = window.store

    def work(step) -> Outcome:
        out = Outcome()
        for n, s in enumerate(targets):
            step(verb_done, n, len(targets))
            record, problem = act(store, s)
            if record is None:
                out.refused.append((s, problem))
            else:
                out.done.append(s)
        step(verb_done, len(targets), len(targets))
        return out

    task = Task(work, parent=dialog)
    dialog.ok_button.setEnabled(False)
    if dialog.comment is not None:
        dialog.comment.setReadOnly(True)
    dialog.close_button.setText(tr("Stop"))
    dialog.panel.show()
    dialog.outcome = Outcome()

    def ended() -> None:
        out = task.result or Outcome()
        dialog.outcome = out
        text = tr("{0}: {1} of {2}.").format(verb_done, len(out.done), len(targets))
        if task.was_cancelled:
            text += " " + tr("Stopped: the others are as they were.")
        if task.error is not None:
            text += " " + tr("Stopped by a problem: {0}").format(words(task.error))
        if out.refused:
            text += " " + tr("Refused: {0}").format("; ".join(_line(s, why) for s, why in out.refused[:20]))
        dialog.message.setText(text)
        dialog.close_button.setText(tr("Close"))
        dialog.close_button.setFocus()
        window.update_rows([(s.kind, s.id) for s in out.done])
        window.statusBar().showMessage(text, 15000)
        for s in out.done:
            window.session.sync_record(s.kind, s.id)

    task.ended.connect(ended)
    dialog.panel.run(task)
    return task


def approve_many(window, chosen: list["RecordSummary"]) -> BulkDialog:
    """Approve the selection's reports ready for review and free of errors (asks first; see the module)."""
    from desktop.ui.wizard.review import approve

    go, skipped = approvable(chosen)
    question = tr("Approve {0} of the {1} selected reports? They go out with the next monthly file.").format(
        len(go), len(chosen)) if go else tr("None of the {0} selected reports can be approved.").format(len(chosen))
    dialog = BulkDialog(window, tr("Approve reports"), question, skipped, tr("&Approve {0}").format(len(go)),
                        name="bulk_approve")
    dialog.ok_button.setEnabled(bool(go))
    dialog.go_handler = lambda: _run(window, dialog, go, lambda store, s: approve(store, s.kind, s.id),
                                     tr("Approved"))
    window.bulk_dialog = dialog
    dialog.open()
    return dialog


def return_many(window, chosen: list["RecordSummary"]) -> BulkDialog:
    """Return the selection's reports that are ready or approved to their authors, with one comment."""
    from desktop.ui.wizard.review import send_back

    go, skipped = returnable(chosen)
    question = tr("Return {0} of the {1} selected reports to their authors as drafts, with your comment?").format(
        len(go), len(chosen)) if go else tr("None of the {0} selected reports can be returned.").format(len(chosen))
    dialog = BulkDialog(window, tr("Return reports for changes"), question, skipped,
                        tr("&Return {0}").format(len(go)), comment=bool(go), name="bulk_return")
    dialog.ok_button.setEnabled(bool(go))

    def start() -> None:
        comment = dialog.comment.toPlainText().strip()
        if not comment:
            dialog.message.setText(tr("Say what needs changing: the authors read this comment."))
            dialog.comment.setFocus()
            return
        _run(window, dialog, go, lambda store, s: send_back(store, s.kind, s.id, comment), tr("Returned"))

    dialog.go_handler = start
    window.bulk_dialog = dialog
    dialog.open()
    if dialog.comment is not None:
        dialog.comment.setFocus()
    return dialog


__all__ = ["BulkDialog", "Outcome", "approvable", "approve_many", "return_many", "returnable"]
