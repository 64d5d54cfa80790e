"""The lock screen and the signed-out page: what the office window shows instead of the reports.

No storage imports here: the window is built (and shown) before the database layer is loaded.
"""

from __future__ import annotations

from desktop.ui.dialogs import button, password_field, plain_label
from desktop.ui.qt import ERROR_STYLE, QHBoxLayout, QLabel, QVBoxLayout, QWidget, Qt, Signal, tr


class LockScreen(QWidget):
    """What the window shows while locked: whose session it is, their password, or sign out."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock_screen")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QWidget()
        box.setMaximumWidth(520)
        layout = QVBoxLayout(box)
        self.title = QLabel(self.tr("<h2>NIBRS Desk is locked</h2>"))
        self.title.setObjectName("lock_title")
        layout.addWidget(self.title)
        self.who = QLabel()
        self.who.setObjectName("lock_who")
        self.who.setWordWrap(True)
        layout.addWidget(self.who)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Password:"))
        self.password = password_field("lock_password")
        self.password.setAccessibleName(plain_label(label.text()))
        label.setBuddy(self.password)
        self.password.returnPressed.connect(self._unlock)
        row.addWidget(label)
        row.addWidget(self.password, 1)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("lock_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.unlock_button = button(self.tr("&Unlock"), "lock_unlock", self._unlock)
        self.sign_out_button = button(self.tr("&Sign out instead"), "lock_sign_out", self.sign_out_requested.emit,
                                      tip=self.tr("End this session; unsaved typing in open reports was saved "
                                                  "as a draft when the window locked"))
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(box, 3)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(3)
        QWidget.setTabOrder(self.password, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.sign_out_button)

    def prepare(self, who: str, minutes: float | None) -> None:
        """``minutes``: the idle time that locked the window; None when it was locked by hand."""
        if minutes is None:
            why = self.tr("The window is locked, to keep the reports from other eyes.")
        else:
            why = self.tr("The window locked after {0} without use, to keep the reports from other eyes.").format(
                _minutes(minutes))
        self.who.setText(self.tr("{0} Signed in: {1}. Type the password to go on.").format(why, who))
        self.password.clear()
        self.show_error("")
        self.password.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _unlock(self) -> None:
        self.unlock_requested.emit(self.password.text())


def _minutes(minutes: float) -> str:
    if minutes >= 1:
        n = int(round(minutes))
        return tr("1 minute") if n == 1 else tr("{0} minutes").format(n)
    seconds = max(1, int(round(minutes * 60)))
    return tr("1 second") if seconds == 1 else tr("{0} seconds").format(seconds)


class SignedOutPage(QWidget):
    """What the window shows when nobody is signed in: nothing of the reports."""

    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signed_out_page")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.text = QLabel(self.tr("Nobody is signed in."))
        self.text.setObjectName("signed_out_text")
        self.text.setAlignment(Qt.AlignCenter)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.sign_in = button(self.tr("&Sign in..."), "sign_in_again", self.sign_in_requested.emit)
        row.addWidget(self.sign_in)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


__all__ = ["LockScreen", "SignedOutPage"]
