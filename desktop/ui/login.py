"""Signing in: the first administrator's account, the sign-in dialog, one's own password, the lock screen.

Every check is the store's (``Store.login``, ``add_user``, ``verify_password``, ``change_user``);
these widgets collect what a person types and state the store's refusals in words: a wrong
password, an account locked after five of them, a password too short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.store import users
from desktop.store.service import StoreError
from desktop.ui.dialogs import ERROR_STYLE, FormDialog, button, password_field, plain_label, words


def user_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setMaxLength(64)
    field.setInputMethodHints(Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText)
    return field


def actor_words(actor: users.Actor) -> str:
    """"Ada Admin (ada), Administrator" - who is signed in, as the window says it."""
    role = users.ROLE_LABELS.get(actor.role, actor.role)
    name = f"{actor.display_name} ({actor.username})" if actor.display_name else actor.username
    return f"{name}, {role}"


class FirstAdminDialog(FormDialog):
    """The very first account of a database: an administrator, created without signing in."""

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent, "", "first_admin_dialog")
        self.store = store
        self.setWindowTitle(self.tr("Create the administrator's account"))
        self.set_intro(self.tr(
            "Everyone who uses NIBRS Desk signs in with an account of their own. This first account is an "
            "administrator's: it adds the deputies and supervisors under Tools > Users. A password has at "
            "least {0} characters.").format(users.MIN_PASSWORD))
        self.ok_button.setText(self.tr("Create account"))
        self.cancel_button.setText(self.tr("Quit"))
        self.username = self.add_row(self.tr("&User name:"), user_field("admin_username"))
        self.display_name = self.add_row(self.tr("&Full name:"), user_field("admin_display_name"))
        self.password = self.add_row(self.tr("&Password:"), password_field("admin_password"))
        self.again = self.add_row(self.tr("&Again:"), password_field("admin_password_again"),
                                  accessible=self.tr("Password again"))
        self.finish_tab_order()

    def submit(self) -> str | None:
        if self.password.text() != self.again.text():
            self.again.clear()
            self.again.setFocus()
            return self.tr("The two passwords differ. Type it again in the second field.")
        try:
            self.store.add_user(self.username.text().strip(), self.password.text(), users.ADMINISTRATOR,
                                self.display_name.text().strip())
        except StoreError as exc:
            return self.tr("Not created: {0}").format(words(exc))
        return None


class LoginDialog(FormDialog):
    """User name and password; a wrong password and a locked account are said in words."""

    def __init__(self, store, parent: QWidget | None = None, *, message: str = ""):
        super().__init__(parent, "", "login_dialog")
        self.store = store
        self.setWindowTitle(self.tr("Sign in to NIBRS Desk"))
        agency = store.agency()
        self.set_intro(self.tr("Sign in to the reports of {0}.").format(agency.name) if agency else
                       self.tr("Sign in with your own account."))
        self.ok_button.setText(self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Quit"))
        self.username = self.add_row(self.tr("&User name:"), user_field("login_username"))
        self.password = self.add_row(self.tr("&Password:"), password_field("login_password"))
        self.show_info(message)
        self.finish_tab_order()

    def submit(self) -> str | None:
        name = self.username.text().strip()
        if not name:
            self.username.setFocus()
            return self.tr("Type your user name.")
        try:
            self.store.login(name, self.password.text())
        except users.AuthenticationError as exc:
            self.password.clear()
            self.password.setFocus()
            if "locked" in str(exc):
                return self.tr("Too many wrong passwords: the account {0} is locked for {1} minutes. Try again "
                               "later, or ask an administrator.").format(name, int(users.LOCKOUT.seconds // 60))
            return self.tr("The user name or the password is wrong. Try again (after {0} wrong passwords the "
                           "account is locked for {1} minutes).").format(users.MAX_FAILED,
                                                                          int(users.LOCKOUT.seconds // 60))
        return None


class ChangePasswordDialog(FormDialog):
    """Anyone changes their own password: the current one first, then the new one twice."""

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent, "", "own_password_dialog")
        self.store = store
        self.setWindowTitle(self.tr("Change my password"))
        self.set_intro(self.tr("Change the password of {0}. A password has at least {1} characters.")
                       .format(store.user, users.MIN_PASSWORD))
        self.ok_button.setText(self.tr("Change password"))
        self.current = self.add_row(self.tr("&Current password:"), password_field("current_password"))
        self.new = self.add_row(self.tr("&New password:"), password_field("new_password"))
        self.again = self.add_row(self.tr("&Again:"), password_field("new_password_again"),
                                  accessible=self.tr("New password again"))
        self.finish_tab_order()

    def submit(self) -> str | None:
        if not self.store.verify_password(self.current.text()):
            self.current.clear()
            self.current.setFocus()
            return self.tr("The current password is wrong.")
        if self.new.text() != self.again.text():
            self.again.clear()
            self.again.setFocus()
            return self.tr("The two new passwords differ. Type it again in the last field.")
        try:
            self.store.change_user(self.store.user, password=self.new.text())
        except (StoreError, PermissionError) as exc:
            return self.tr("Not changed: {0}").format(words(exc))
        return None


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

    def prepare(self, who: str, minutes: float) -> None:
        self.who.setText(self.tr("The window locked after {0} without use, to keep the reports from other eyes. "
                                 "Signed in: {1}. Type the password to go on.").format(_minutes(minutes), who))
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
        return f"{n} minute" + ("" if n == 1 else "s")
    seconds = max(1, int(round(minutes * 60)))
    return f"{seconds} second" + ("" if seconds == 1 else "s")


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


__all__ = ["FirstAdminDialog", "LoginDialog", "ChangePasswordDialog", "LockScreen", "SignedOutPage", "actor_words"]
