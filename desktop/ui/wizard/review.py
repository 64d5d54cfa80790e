"""A reviewer's Approve and Return with a comment, in the office window and on the wizard's Review page.

The store decides (``set_status`` / ``return_for_changes``: only reviewers, only a report ready
for review, never one with errors left); these widgets offer the two steps to the people who
may take them, and say in words why a step was refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from desktop.store import users
from desktop.store.service import APPROVED, DRAFT, READY, StoreError
from desktop.ui.dialogs import FormDialog, button, note, words
from desktop.ui.qt import ERROR_STYLE, GOOD_STYLE, NOTE_STYLE, QObject, QPlainTextEdit, QWidget, tr

if TYPE_CHECKING:  # pragma: no cover
    from desktop.ui.wizard.pages import ReviewPage



class ReturnDialog(FormDialog):
    """What needs changing, for the report's author; ``send(comment)`` returns a refusal in words or None."""

    def __init__(self, parent: QWidget | None, number: str, send: Callable[[str], "str | None"]):
        super().__init__(parent, "", "return_dialog")
        self.send = send
        self.setWindowTitle(self.tr("Return {0} for changes").format(number))
        self.set_intro(self.tr("The report goes back to its author as a draft, with your comment. Say what "
                               "needs changing."))
        self.ok_button.setText(self.tr("Return report"))
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("return_comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setMinimumHeight(90)
        self.add_row(self.tr("&What needs changing:"), self.comment)
        self.finish_tab_order()

    def submit(self) -> str | None:
        text = self.comment.toPlainText().strip()
        if not text:
            self.comment.setFocus()
            return self.tr("Say what needs changing: the author reads this comment.")
        return self.send(text)


def approve(store, kind: str, record_id: int) -> tuple[object | None, str]:
    """Approve a report; (the stored record, "") or (None, why not in words)."""
    try:
        return store.set_status(kind, record_id, APPROVED), ""
    except StoreError as exc:
        return None, words(exc)


def send_back(store, kind: str, record_id: int, comment: str) -> tuple[object | None, str]:
    try:
        return store.return_for_changes(kind, record_id, comment), ""
    except StoreError as exc:
        return None, words(exc)


class ReviewActions(QObject):
    """On the Review page: the reviewer's comment for the author (``note``, shown at the top); Approve
    and Return for reviewers (``approve_button``, ``return_button``, in the page's row of buttons).
    What happened is said in the page's own message line."""

    def __init__(self, page: "ReviewPage"):
        super().__init__(page)
        self.page = page
        self.wiz = page.wiz
        self.editor = page.editor
        self.note = note("", "review_note", NOTE_STYLE)
        self.note.setAccessibleName(tr("Reviewer's comment"))
        self.approve_button = button(tr("&Approve"), "approve_report", self.approve,
                                     tip=tr("Approve this report for the monthly submission"))
        self.return_button = button(tr("Re&turn for changes..."), "return_report", self.send_back,
                                    tip=tr("Send the report back to its author with a comment"))
        self.message = page.ready_message
        self.dialog: ReturnDialog | None = None

    def reviewer(self) -> bool:
        actor = self.wiz.store.actor
        return actor is not None and actor.can(users.REVIEW)

    def refresh(self) -> None:
        status = self.editor.status
        comment = getattr(self.wiz, "review_note", None)
        self.note.setText(tr("Returned for changes: {0}").format(comment) if comment and status == DRAFT else "")
        self.note.setVisible(bool(comment) and status == DRAFT)
        reviewer = self.reviewer()
        self.approve_button.setVisible(reviewer)
        self.return_button.setVisible(reviewer)
        saved = self.editor.record_id is not None
        self.page.ready_button.setEnabled(not self.editor.read_only)  # someone else's report is theirs to send
        self.approve_button.setEnabled(saved and status == READY)
        self.return_button.setEnabled(saved and status in (READY, APPROVED))

    def _say(self, text: str, good: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(GOOD_STYLE if good else ERROR_STYLE)

    def _saved_first(self) -> bool:
        """Typing not yet saved is saved first; a change sends a reviewed report back to draft (the store's rule)."""
        from desktop.ui.wizard.fields import ElementField

        focused = self.wiz.focusWidget()
        if isinstance(focused, ElementField):
            focused.commit()
        if self.editor.dirty and not self.editor.save_now():
            self._say(tr("The report could not be saved: {0}").format(self.editor.last_error), False)
            return False
        return True

    def approve(self) -> None:
        if not self._saved_first():
            return
        if self.editor.status != READY:
            self._say(tr("Not approved: your change sent the report back to draft. Mark it ready for review, "
                         "then approve it."), False)
            self.refresh()
            return
        record, problem = approve(self.wiz.store, self.editor.kind, self.editor.record_id)
        if record is None:
            self._say(tr("Not approved: {0}").format(problem), False)
            return
        self.editor.status = record.status
        self.wiz.review_note = record.review_note
        self._say(tr("Approved. It goes out with the next monthly submission."), True)
        self.wiz.saved_ready()
        self.page.update_findings()

    def send_back(self) -> None:
        if not self._saved_first():
            return
        number = getattr(self.editor.report, "incident_number", None) or \
            getattr(self.editor.report, "arrest_transaction_number", None) or ""

        def send(comment: str) -> str | None:
            record, problem = send_back(self.wiz.store, self.editor.kind, self.editor.record_id, comment)
            if record is None:
                return problem
            self.editor.status = record.status
            self.wiz.review_note = record.review_note
            self._say(tr("Returned to its author with your comment."), True)
            self.wiz.saved_ready()
            self.page.update_findings()
            return None

        self.dialog = ReturnDialog(self.wiz, number, send)
        self.dialog.open()


__all__ = ["ReturnDialog", "ReviewActions", "approve", "send_back"]
