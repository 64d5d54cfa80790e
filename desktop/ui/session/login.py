"""Signing in: the first administrator's account, the sign-in dialog, one's own password.

Every check is the store's (``Store.login``, ``add_user``, ``verify_password``, ``change_user``);
these widgets collect what a person types and state the store's refusals in words: a wrong
password, an account locked after five of them, a password too short.
"""

from __future__ import annotations

from desktop.store import users
from desktop.ui.dialogs import FormDialog, password_field, role_words
from desktop.ui.qt import QLineEdit, QWidget, Qt


def user_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setMaxLength(64)
    field.setInputMethodHints(Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText)
    return field


def actor_words(actor: users.Actor) -> str:
    """"Ada Admin (ada), Administrator" - who is signed in, as the window says it."""
    role = role_words(actor.role)
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
        self.password, self.again = self.add_secret_twice(self.tr("&Password:"), "admin_password",
                                                          self.tr("Password again"))
        self.finish_tab_order()

    def submit(self) -> str | None:
        return self.twice_then(
            self.password, self.again, self.tr("The two passwords differ. Type it again in the second field."),
            lambda: self.store.add_user(self.username.text().strip(), self.password.text(), users.ADMINISTRATOR,
                                        self.display_name.text().strip()),
            self.tr("Not created: {0}"))


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
        self.new, self.again = self.add_secret_twice(self.tr("&New password:"), "new_password",
                                                     self.tr("New password again"))
        self.finish_tab_order()

    def submit(self) -> str | None:
        if not self.store.verify_password(self.current.text(), purpose="change own password"):
            self.current.clear()
            self.current.setFocus()
            return self.tr("The current password is wrong.")
        return self.twice_then(
            self.new, self.again, self.tr("The two new passwords differ. Type it again in the last field."),
            lambda: self.store.change_user(self.store.user, password=self.new.text()), self.tr("Not changed: {0}"))


__all__ = ["FirstAdminDialog", "LoginDialog", "ChangePasswordDialog", "actor_words", "user_field"]
